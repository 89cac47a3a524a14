"""Realistic news date expressions (tests/dates_expressions.tsv) against two publication dates, each compared with
its true value, bounds and precision, worked out on a calendar. Expressions with no definite value must fail with
a message saying why."""

import csv
import datetime as dt
from pathlib import Path

import pytest

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


def test_table_covers_both_dates_and_both_tenses():
    assert len(ROWS) >= 240
    assert {r["published"] for r in ROWS} == {"2026-01-09", "2025-07-01"}
    assert {r["tense"] for r in ROWS} == {"-", "past", "future"}
    assert len({(r["published"], r["expression"], r["tense"]) for r in ROWS}) == len(ROWS)
