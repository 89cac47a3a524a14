"""Date expressions of ordinary news, resolved against one publication date (Friday 9 January 2026); each expected
value and its bounds were worked out from the calendar by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.dates import DateError, resolve, resolve_span

PUBLISHED = dt.date(2026, 1, 9)  # a Friday
D = dt.date

CASES = [
    # expression, tense, value, start, end, precision
    ("Dec. 22", None, "2025-12-22", D(2025, 12, 22), D(2025, 12, 22), "day"),
    ("23 December", None, "2025-12-23", D(2025, 12, 23), D(2025, 12, 23), "day"),
    ("on Jan. 5", None, "2026-01-05", D(2026, 1, 5), D(2026, 1, 5), "day"),
    ("Sept. 30", None, "2025-09-30", D(2025, 9, 30), D(2025, 9, 30), "day"),
    ("March 3", "future", "2026-03-03", D(2026, 3, 3), D(2026, 3, 3), "day"),
    ("tomorrow", None, "2026-01-10", D(2026, 1, 10), D(2026, 1, 10), "day"),
    ("tomorrow morning", None, "2026-01-10", D(2026, 1, 10), D(2026, 1, 10), "day"),
    ("next Tuesday", None, "2026-01-13", D(2026, 1, 13), D(2026, 1, 13), "day"),
    ("next Friday", None, "2026-01-16", D(2026, 1, 16), D(2026, 1, 16), "day"),
    ("late Monday", None, "2026-01-05", D(2026, 1, 5), D(2026, 1, 5), "day"),
    ("late Thursday", "future", "2026-01-15", D(2026, 1, 15), D(2026, 1, 15), "day"),
    ("Friday night's", None, "2026-01-09", D(2026, 1, 9), D(2026, 1, 9), "day"),
    ("this Friday", "future", "2026-01-09", D(2026, 1, 9), D(2026, 1, 9), "day"),
    ("Wednesday", "future", "2026-01-14", D(2026, 1, 14), D(2026, 1, 14), "day"),
    ("Wednesday", None, "2026-01-07", D(2026, 1, 7), D(2026, 1, 7), "day"),
    ("overnight", None, "2026-01-08/2026-01-09", D(2026, 1, 8), D(2026, 1, 9), "interval"),
    ("three days ago", None, "2026-01-06", D(2026, 1, 6), D(2026, 1, 6), "day"),
    ("two weeks ago", None, "2025-12-22/2025-12-28", D(2025, 12, 22), D(2025, 12, 28), "week"),
    ("six months ago", None, "2025-07", D(2025, 7, 1), D(2025, 7, 31), "month"),
    ("a year ago", None, "2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
    ("last week's", None, "2025-12-29/2026-01-04", D(2025, 12, 29), D(2026, 1, 4), "week"),
    ("this week", None, "2026-01-05/2026-01-11", D(2026, 1, 5), D(2026, 1, 11), "week"),
    ("next week", None, "2026-01-12/2026-01-18", D(2026, 1, 12), D(2026, 1, 18), "week"),
    ("next month", None, "2026-02", D(2026, 2, 1), D(2026, 2, 28), "month"),
    ("last month", None, "2025-12", D(2025, 12, 1), D(2025, 12, 31), "month"),
    ("this year", None, "2026", D(2026, 1, 1), D(2026, 12, 31), "year"),
    ("next year", None, "2027", D(2027, 1, 1), D(2027, 12, 31), "year"),
    ("last year's", None, "2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
    ("earlier this year", None, "2026-01-01/2026-01-09", D(2026, 1, 1), D(2026, 1, 9), "interval"),
    ("later this year", None, "2026-01-09/2026-12-31", D(2026, 1, 9), D(2026, 12, 31), "interval"),
    ("later this month", None, "2026-01-09/2026-01-31", D(2026, 1, 9), D(2026, 1, 31), "interval"),
    ("by the end of the year", None, "2026-01-09/2026-12-31", D(2026, 1, 9), D(2026, 12, 31), "interval"),
    ("the 1990s", None, "1990/1999", D(1990, 1, 1), D(1999, 12, 31), "interval"),
    ("2019-2021", None, "2019/2021", D(2019, 1, 1), D(2021, 12, 31), "interval"),
    ("2019–21", None, "2019/2021", D(2019, 1, 1), D(2021, 12, 31), "interval"),
    ("mid-2024", None, "2024-05/2024-08", D(2024, 5, 1), D(2024, 8, 31), "interval"),
    ("late 2024", None, "2024-09/2024-12", D(2024, 9, 1), D(2024, 12, 31), "interval"),
    ("early 2025", None, "2025-01/2025-04", D(2025, 1, 1), D(2025, 4, 30), "interval"),
    ("mid-March 2025", None, "2025-03-11/2025-03-20", D(2025, 3, 11), D(2025, 3, 20), "interval"),
    ("early March 2025", None, "2025-03-01/2025-03-10", D(2025, 3, 1), D(2025, 3, 10), "interval"),
    ("late February 2024", None, "2024-02-21/2024-02-29", D(2024, 2, 21), D(2024, 2, 29), "interval"),
    ("mid-December", None, "2025-12-11/2025-12-20", D(2025, 12, 11), D(2025, 12, 20), "interval"),
    ("March 2025", None, "2025-03", D(2025, 3, 1), D(2025, 3, 31), "month"),
    ("Q3 2025", None, "2025-07/2025-09", D(2025, 7, 1), D(2025, 9, 30), "interval"),
    ("the third quarter of 2024", None, "2024-07/2024-09", D(2024, 7, 1), D(2024, 9, 30), "interval"),
    ("the first quarter", None, "2026-01/2026-03", D(2026, 1, 1), D(2026, 3, 31), "interval"),
    ("the past decade", None, "2016-01-09/2026-01-09", D(2016, 1, 9), D(2026, 1, 9), "interval"),
    ("the previous five years", None, "2021-01-09/2026-01-09", D(2021, 1, 9), D(2026, 1, 9), "interval"),
    ("the past two decades", None, "2006-01-09/2026-01-09", D(2006, 1, 9), D(2026, 1, 9), "interval"),
    ("over the last four years", None, "2022-01-09/2026-01-09", D(2022, 1, 9), D(2026, 1, 9), "interval"),
    ("the next three years", None, "2026-01-09/2029-01-09", D(2026, 1, 9), D(2029, 1, 9), "interval"),
    ("yesterday", None, "2026-01-08", D(2026, 1, 8), D(2026, 1, 8), "day"),
    ("last weekend", None, "2026-01-03/2026-01-04", D(2026, 1, 3), D(2026, 1, 4), "weekend"),
    ("January 27 and 28, 2026", None, "2026-01-27/2026-01-28", D(2026, 1, 27), D(2026, 1, 28), "interval"),
]


@pytest.mark.parametrize("expr,tense,value,start,end,precision", CASES, ids=[c[0] for c in CASES])
def test_expression_resolves_to_its_calendar_bounds(expr, tense, value, start, end, precision):
    r = resolve(expr, PUBLISHED, tense)
    assert (r.value, r.start, r.end, r.precision) == (value, start, end, precision)


def test_a_span_of_two_expressions():
    r = resolve_span("Sunday night", "Monday morning", D(2026, 1, 13))  # published on a Tuesday
    assert (r.value, r.start, r.end, r.precision) == ("2026-01-11/2026-01-12", D(2026, 1, 11), D(2026, 1, 12),
                                                      "interval")
    with pytest.raises(DateError, match="is after"):
        resolve_span("Monday", "Sunday", D(2026, 1, 13))


def test_an_unresolvable_expression_lists_the_forms_understood():
    with pytest.raises(DateError) as e:
        resolve("when the cows come home", PUBLISHED)
    assert "forms understood" in str(e.value) and "Q3 2025" in str(e.value) and "two weeks ago" in str(e.value)


def test_cli_gives_a_span_of_two_expressions_as_json(capsys):
    import json

    from conftest import run

    code, out, _ = run(["date", "Sunday night", "--until", "Monday morning", "--published", "2026-01-13", "--json"],
                       capsys)
    assert code == 0
    assert json.loads(out.strip().splitlines()[-1]) == {"value": "2026-01-11/2026-01-12", "start": "2026-01-11",
                                                        "end": "2026-01-12", "precision": "interval",
                                                        "basis": "relative_to_publication"}
    code, _, err = run(["date", "Monday", "--until", "Sunday", "--published", "2026-01-13"], capsys)
    assert code == 2 and "is after" in err
