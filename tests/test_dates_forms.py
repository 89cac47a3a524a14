"""Realistic date expressions read against one publication date, Wednesday 15 October 2025.

Every expected bound was worked out on a calendar (October 2025: Monday 13, Wednesday 15, Sunday 19), not
taken from the resolver. Precision 'interval' carries the value 'start/end'."""

import datetime as dt

import pytest

from newsevents.dates import DateError, iso_bounds, resolve

PUB = dt.date(2025, 10, 15)

# expression, tense, start, end, precision
CASES = [
    # dates without a year: the year nearest publication
    ("Dec. 22", None, "2025-12-22", "2025-12-22", "day"),
    ("23 December", None, "2025-12-23", "2025-12-23", "day"),
    ("on Jan. 5", None, "2026-01-05", "2026-01-05", "day"),
    ("Jan. 5", "past", "2025-01-05", "2025-01-05", "day"),
    ("Sept. 30", None, "2025-09-30", "2025-09-30", "day"),
    ("Oct. 3", None, "2025-10-03", "2025-10-03", "day"),
    ("on Oct. 20", None, "2025-10-20", "2025-10-20", "day"),
    ("March 3", None, "2026-03-03", "2026-03-03", "day"),
    ("March 3", "past", "2025-03-03", "2025-03-03", "day"),
    ("4 July", None, "2025-07-04", "2025-07-04", "day"),
    ("Friday, Oct. 10", None, "2025-10-10", "2025-10-10", "day"),
    ("November 2nd", None, "2025-11-02", "2025-11-02", "day"),
    # full dates
    ("January 9, 2026", None, "2026-01-09", "2026-01-09", "day"),
    ("9 January 2026", None, "2026-01-09", "2026-01-09", "day"),
    ("2026-01-09", None, "2026-01-09", "2026-01-09", "day"),
    ("Sept. 11, 2001", None, "2001-09-11", "2001-09-11", "day"),
    # months and years
    ("Sept.", None, "2025-09-01", "2025-09-30", "month"),
    ("in September", None, "2025-09-01", "2025-09-30", "month"),
    ("August", "future", "2026-08-01", "2026-08-31", "month"),
    ("December", None, "2025-12-01", "2025-12-31", "month"),
    ("October 2024", None, "2024-10-01", "2024-10-31", "month"),
    ("Sept. 2024", None, "2024-09-01", "2024-09-30", "month"),
    ("in 2023", None, "2023-01-01", "2023-12-31", "year"),
    ("2026", None, "2026-01-01", "2026-12-31", "year"),
    # this / next / last
    ("this week", None, "2025-10-13", "2025-10-19", "week"),
    ("next week", None, "2025-10-20", "2025-10-26", "week"),
    ("last week", None, "2025-10-06", "2025-10-12", "week"),
    ("last week's", None, "2025-10-06", "2025-10-12", "week"),
    ("the previous week", None, "2025-10-06", "2025-10-12", "week"),
    ("this month", None, "2025-10-01", "2025-10-31", "month"),
    ("next month", None, "2025-11-01", "2025-11-30", "month"),
    ("last month", None, "2025-09-01", "2025-09-30", "month"),
    ("last month's", None, "2025-09-01", "2025-09-30", "month"),
    ("this year", None, "2025-01-01", "2025-12-31", "year"),
    ("next year", None, "2026-01-01", "2026-12-31", "year"),
    ("last year", None, "2024-01-01", "2024-12-31", "year"),
    ("last year's", None, "2024-01-01", "2024-12-31", "year"),
    ("earlier this year", None, "2025-01-01", "2025-10-15", "interval"),
    ("earlier this month", None, "2025-10-01", "2025-10-15", "interval"),
    ("earlier this week", None, "2025-10-13", "2025-10-15", "interval"),
    ("later this year", None, "2025-10-15", "2025-12-31", "interval"),
    ("later this month", None, "2025-10-15", "2025-10-31", "interval"),
    ("later this week", None, "2025-10-15", "2025-10-19", "interval"),
    ("by the end of the year", None, "2025-10-15", "2025-12-31", "interval"),
    ("by the end of the month", None, "2025-10-15", "2025-10-31", "interval"),
    ("by the end of this week", None, "2025-10-15", "2025-10-19", "interval"),
    # days around publication
    ("today", None, "2025-10-15", "2025-10-15", "day"),
    ("tonight", None, "2025-10-15", "2025-10-15", "day"),
    ("this morning", None, "2025-10-15", "2025-10-15", "day"),
    ("yesterday", None, "2025-10-14", "2025-10-14", "day"),
    ("yesterday afternoon", None, "2025-10-14", "2025-10-14", "day"),
    ("last night", None, "2025-10-14", "2025-10-14", "day"),
    ("tomorrow", None, "2025-10-16", "2025-10-16", "day"),
    ("tomorrow morning", None, "2025-10-16", "2025-10-16", "day"),
    ("overnight", None, "2025-10-14", "2025-10-15", "interval"),
    ("last weekend", None, "2025-10-11", "2025-10-12", "weekend"),
    # weekdays, tense and possessives
    ("Monday", None, "2025-10-13", "2025-10-13", "day"),
    ("on Monday", None, "2025-10-13", "2025-10-13", "day"),
    ("Monday's", None, "2025-10-13", "2025-10-13", "day"),
    ("Friday night's", None, "2025-10-10", "2025-10-10", "day"),
    ("Tuesday night", None, "2025-10-14", "2025-10-14", "day"),
    ("late Monday", None, "2025-10-13", "2025-10-13", "day"),
    ("early Tuesday", None, "2025-10-14", "2025-10-14", "day"),
    ("last Friday", None, "2025-10-10", "2025-10-10", "day"),
    ("last Tuesday", None, "2025-10-14", "2025-10-14", "day"),
    ("next Tuesday", None, "2025-10-21", "2025-10-21", "day"),
    ("next Wednesday", None, "2025-10-22", "2025-10-22", "day"),
    ("this Friday", None, "2025-10-17", "2025-10-17", "day"),
    ("this Friday", "future", "2025-10-17", "2025-10-17", "day"),
    ("Thursday", None, "2025-10-09", "2025-10-09", "day"),
    ("Thursday", "past", "2025-10-09", "2025-10-09", "day"),
    ("Thursday", "future", "2025-10-16", "2025-10-16", "day"),
    ("late Thursday", "future", "2025-10-16", "2025-10-16", "day"),
    ("Saturday", "future", "2025-10-18", "2025-10-18", "day"),
    ("Sunday night", None, "2025-10-12", "2025-10-12", "day"),
    # ago
    ("two weeks ago", None, "2025-10-01", "2025-10-01", "day"),
    ("a year ago", None, "2024-10-15", "2024-10-15", "day"),
    ("a week ago", None, "2025-10-08", "2025-10-08", "day"),
    ("10 days ago", None, "2025-10-05", "2025-10-05", "day"),
    ("three months ago", None, "2025-07-15", "2025-07-15", "day"),
    ("five years ago", None, "2020-10-15", "2020-10-15", "day"),
    # decades, ranges, qualifiers
    ("the 1990s", None, "1990-01-01", "1999-12-31", "interval"),
    ("the 2010s", None, "2010-01-01", "2019-12-31", "interval"),
    ("2019-2021", None, "2019-01-01", "2021-12-31", "interval"),
    ("2019–2021", None, "2019-01-01", "2021-12-31", "interval"),
    ("mid-2024", None, "2024-05-01", "2024-08-31", "interval"),
    ("late 2024", None, "2024-09-01", "2024-12-31", "interval"),
    ("early 2024", None, "2024-01-01", "2024-04-30", "interval"),
    ("early next year", None, "2026-01-01", "2026-04-30", "interval"),
    ("late last year", None, "2024-09-01", "2024-12-31", "interval"),
    ("mid-March 2025", None, "2025-03-11", "2025-03-20", "interval"),
    ("early March 2025", None, "2025-03-01", "2025-03-10", "interval"),
    ("late March 2025", None, "2025-03-21", "2025-03-31", "interval"),
    ("late February 2024", None, "2024-02-21", "2024-02-29", "interval"),
    ("mid-October", None, "2025-10-11", "2025-10-20", "interval"),
    ("early October", None, "2025-10-01", "2025-10-10", "interval"),
    ("late September", None, "2025-09-21", "2025-09-30", "interval"),
    ("mid-March", "past", "2025-03-11", "2025-03-20", "interval"),
    # quarters
    ("the third quarter", None, "2025-07-01", "2025-09-30", "interval"),
    ("the fourth quarter", None, "2025-10-01", "2025-12-31", "interval"),
    ("Q3 2025", None, "2025-07-01", "2025-09-30", "interval"),
    ("the first quarter of 2024", None, "2024-01-01", "2024-03-31", "interval"),
    ("Q1", "past", "2025-01-01", "2025-03-31", "interval"),
    ("Q1", "future", "2026-01-01", "2026-03-31", "interval"),
    ("the late 1990s", None, "1997-01-01", "1999-12-31", "interval"),
    ("the early 2000s", None, "2000-01-01", "2003-12-31", "interval"),
    ("the first half of 2024", None, "2024-01-01", "2024-06-30", "interval"),
    ("H2 2024", None, "2024-07-01", "2024-12-31", "interval"),
    ("13th October", None, "2025-10-13", "2025-10-13", "day"),
    ("this weekend", None, "2025-10-18", "2025-10-19", "weekend"),
    ("this weekend", "past", "2025-10-11", "2025-10-12", "weekend"),
    ("earlier today", None, "2025-10-15", "2025-10-15", "day"),
    ("two weeks from now", None, "2025-10-29", "2025-10-29", "day"),
    ("the past week", None, "2025-10-08", "2025-10-15", "interval"),
    ("the past 24 hours", None, "2025-10-14", "2025-10-15", "interval"),
    # periods back and forward
    ("the past decade", None, "2015-10-15", "2025-10-15", "interval"),
    ("the previous five years", None, "2020-10-15", "2025-10-15", "interval"),
    ("the past 10 years", None, "2015-10-15", "2025-10-15", "interval"),
    ("the past three years", None, "2022-10-15", "2025-10-15", "interval"),
    ("over the last four years", None, "2021-10-15", "2025-10-15", "interval"),
    ("the next three years", None, "2025-10-15", "2028-10-15", "interval"),
    ("within 48 hours", None, "2025-10-15", "2025-10-17", "interval"),
    ("since October 2024", None, "2024-10-01", "2025-10-15", "interval"),
]


@pytest.mark.parametrize(("expr", "tense", "start", "end", "precision"), CASES,
                         ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_form(expr, tense, start, end, precision):
    r = resolve(expr, PUB, tense)
    assert (r.start.isoformat(), r.end.isoformat(), r.precision) == (start, end, precision)
    if precision == "interval":  # 'since October 2024' keeps its month: 2024-10/2025-10-15
        a, b = r.value.split("/")
        assert (iso_bounds(a)[0].isoformat(), iso_bounds(b)[1].isoformat()) == (start, end)
    elif precision == "day":
        assert r.value == start


def test_enough_cases():
    assert len(CASES) >= 90


@pytest.mark.parametrize("expr", ["sometime", "the 31st of Neverember", "Feb. 30, 2025", "late the weekend"])
def test_unresolvable_lists_forms(expr):
    with pytest.raises(DateError) as e:
        resolve(expr, PUB)
    assert "2026-01-09" in str(e.value) or "not a real calendar date" in str(e.value) or "early/mid/late" in str(e.value)


def test_span_of_two_expressions_in_a_coding_file(tmp_path):
    from newsevents.coding import _resolve_date
    from newsevents.yamlio import load_yaml

    f = tmp_path / "d.yaml"
    f.write_text("date: {expression: Sunday night, until: Monday morning}\n", encoding="utf-8")
    quote = "The storm started Sunday night and ended Monday morning."
    errors = []
    out = _resolve_date(load_yaml(f)["date"], quote, quote, PUB, "date", f, 1, "x", errors)
    assert errors == []
    assert out["date_expression"] == "Sunday night and ended Monday morning"
    assert (out["date_value"], out["date_start"], out["date_end"], out["date_precision"]) == (
        "2025-10-12/2025-10-13", dt.date(2025, 10, 12), dt.date(2025, 10, 13), "interval")
    f.write_text("date: {expression: Monday morning, until: Sunday night}\n", encoding="utf-8")
    assert _resolve_date(load_yaml(f)["date"], quote, quote, PUB, "date", f, 1, "x", errors) is None
    assert "must follow the expression" in str(errors[0])
