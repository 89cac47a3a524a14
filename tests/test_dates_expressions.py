"""Realistic news date expressions (tests/dates_expressions.tsv) against two publication dates, each compared with
its true value, bounds and precision, worked out on a calendar. Expressions with no definite value must fail with
a message saying why."""

import calendar
import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import run
from hypothesis import given
from hypothesis import strategies as st

from newsevents.dates import DateError, resolve

TABLE = Path(__file__).with_name("dates_expressions.tsv")


def _rows():
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()


def _date(cell):
    return None if cell == "-" else dt.date.fromisoformat(cell)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['published']}|{r['expression']}|{r['tense']}" for r in ROWS])
def test_expression(row):
    published, tense = dt.date.fromisoformat(row["published"]), None if row["tense"] == "-" else row["tense"]
    if row["precision"] == "error":
        with pytest.raises(DateError) as e:
            resolve(row["expression"], published, tense)
        assert row["value"] in str(e.value)
        return
    r = resolve(row["expression"], published, tense)
    assert (r.value, r.start, r.end, r.precision) == (row["value"], _date(row["start"]), _date(row["end"]),
                                                      row["precision"])


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['published']}|{r['expression']}|{r['tense']}" for r in ROWS])
def test_expression_on_the_command_line(row, capsys):
    flag = {"past": ["--past"], "future": ["--future"]}.get(row["tense"], [])
    code, out, err = run(["date", row["expression"], "--published", row["published"], *flag, "--json"], capsys)
    if row["precision"] == "error":
        assert (code, out) == (2, "") and row["value"] in err
        return
    assert code == 0, err
    got = json.loads(out)
    null = lambda cell: None if cell == "-" else cell  # noqa: E731
    assert (got["value"], got["start"], got["end"], got["precision"]) == (
        row["value"], null(row["start"]), null(row["end"]), row["precision"])


@pytest.mark.parametrize("expr", ["1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16-17-18-19-20-21-22-23-24-25-26-27-28",
                                  "end-end-end-end-end-end-end-end-end-end-end-end-end-end-end-end-x",
                                  "Feb. 30 to March 3", "May 5 to Feb. 30, 2025"])
def test_not_a_range_of_real_dates(expr):
    with pytest.raises(DateError, match="forms understood"):
        resolve(expr, dt.date(2026, 1, 9))


def test_table_covers_both_dates_and_both_tenses():
    assert len(ROWS) >= 240
    assert {r["published"] for r in ROWS} == {"2026-01-09", "2025-07-01"}
    assert {r["tense"] for r in ROWS} == {"-", "past", "future"}
    assert len({(r["published"], r["expression"], r["tense"]) for r in ROWS}) == len(ROWS)


ANCHORS = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))
SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


@given(ANCHORS, st.sampled_from(sorted(SEASON_START)))
def test_last_this_next_season(anchor, season):
    spans = {w: resolve(f"{w} {season}", anchor) for w in ("last", "this", "next")}
    for r in spans.values():
        assert r.start.day == 1 and r.start.month == SEASON_START[season]
        assert r.end == _month_end_after(r.start, 2)
    assert spans["last"].end < anchor < spans["next"].start
    this = spans["this"]
    assert this.start <= anchor <= this.end or this.start.year == anchor.year
    assert spans["last"].end < this.start or this == spans["last"]


def _month_end_after(start, months):
    y, m = divmod(start.year * 12 + start.month - 1 + months, 12)
    return dt.date(y, m + 1, calendar.monthrange(y, m + 1)[1])


@given(st.integers(1950, 2090), st.integers(1, 4))
def test_fiscal_years_and_their_quarters(year, q):
    fy = resolve(f"fiscal {year}", dt.date(2026, 1, 9))
    assert (fy.start, fy.end) == (dt.date(year - 1, 10, 1), dt.date(year, 9, 30))
    quarter = resolve(f"Q{q} FY{year}", dt.date(2026, 1, 9))
    assert quarter.start == _month_end_after(fy.start, 3 * (q - 1) - 1) + dt.timedelta(days=1)
    assert quarter.end == _month_end_after(quarter.start, 2)


@given(ANCHORS, st.sampled_from(["last week", "this month", "next year", "last summer", "Q3 2025", "fiscal 2024",
                                 "the 1990s", "the 19th century", "the past two weeks", "winter 2024-25"]))
def test_early_mid_late_split_a_period_into_three_adjacent_parts(anchor, period):
    whole = resolve(period, anchor)
    parts = [resolve(f"{q} {period}", anchor) for q in ("early", "mid", "late")]
    assert parts[0].start == whole.start and parts[2].end == whole.end
    assert all(p.start <= p.end for p in parts)
    assert parts[0].end + dt.timedelta(days=1) == parts[1].start
    assert parts[1].end + dt.timedelta(days=1) == parts[2].start


@given(ANCHORS, st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.integers(0, 400), st.sampled_from([" to ", " through ", "-", " – "]))
def test_a_range_of_two_full_dates_runs_from_the_first_to_the_second(anchor, d, days, join):
    e = d + dt.timedelta(days=days)
    fmt = lambda x: f"{calendar.month_name[x.month]} {x.day}, {x.year}"  # noqa: E731
    r = resolve(f"{fmt(d)}{join}{fmt(e)}", anchor)
    assert (r.start, r.end, r.precision, r.basis) == (d, e, "interval", "explicit")
