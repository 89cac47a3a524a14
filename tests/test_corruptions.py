"""Mutation suite: every single corruption of the built package makes `validate` fail, naming the table,
column, row key and rule. The catch rate per kind is printed at the end of the run."""

from __future__ import annotations

import pytest

from conftest import ROOT, run
from corruptions import CATALOGUE, key_of
from newsevents.validate import validate_package

RESULTS: dict = {}  # kind -> (caught, layers)


def test_catalogue_is_large_and_distinct():
    kinds = [c.kind for c in CATALOGUE]
    assert len(kinds) == len(set(kinds)) >= 40
    tables = {c.table for c in CATALOGUE if c.table}
    assert {"events", "statements", "metrics", "actors", "event_participants", "sources"} <= tables


@pytest.mark.parametrize("corruption", CATALOGUE, ids=[c.kind for c in CATALOGUE])
def test_validate_rejects_and_names_the_place(pkg, corruption):
    row_key = key_of(corruption.table, corruption.row, ROOT) if corruption.row is not None else None
    corruption.apply(pkg)
    report = validate_package(pkg / "datapackage.json")
    matching = [
        f for f in report.failures
        if (corruption.table is None or f.table == corruption.table)
        and (corruption.column is None or f.column == corruption.column)
        and (row_key is None or (f.row and row_key in f.row))
        and f.rule
    ]
    RESULTS[corruption.kind] = (bool(matching), sorted({f.layer for f in matching}))
    assert not report.ok, f"{corruption.kind}: not detected"
    assert matching, (f"{corruption.kind}: detected, but no failure names table={corruption.table} "
                      f"column={corruption.column} row={row_key}:\n{report.text()}")


def test_cli_validate_exits_1_and_prints_the_failure(pkg, capsys):
    corruption = next(c for c in CATALOGUE if c.kind == "quote differs from the seed")
    corruption.apply(pkg)
    code, out, err = run(["validate", pkg / "datapackage.json"], capsys)
    assert code == 1
    assert "[rules] events.quote [event_id=" in err and "quote == seed[char_start:char_end] (quote-matches-seed)" in err
