"""Realistic news date expressions (tests/dates_expressions.tsv) against two publication dates, each compared with
its true value, bounds and precision, worked out on a calendar. Expressions with no definite value must fail with
a message saying why."""

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import run

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
