"""Mutation suite: every single corruption of the built package makes `validate` fail, naming the table,
column, row key and rule. The catch rate per kind is printed at the end of the run."""

from __future__ import annotations

import pytest

from conftest import ROOT, run
from corruptions import CATALOGUE, key_of
from newsevents import registry as R
from newsevents.validate import validate_package

RESULTS: dict = {}  # kind -> (caught, layers)
CODES: dict = {}  # kind -> rule codes of the failures that name the corruption's place


def test_catalogue_is_large_and_distinct():
    kinds = [c.kind for c in CATALOGUE]
    assert len(kinds) == len(set(kinds)) >= 40
    tables = {c.table for c in CATALOGUE if c.table}
    assert {"events", "statements", "metrics", "actors", "event_participants", "sources"} <= tables


@pytest.mark.parametrize("corruption", CATALOGUE, ids=[c.kind for c in CATALOGUE])
def test_validate_rejects_and_names_the_place(pkg, corruption):
    row_key = key_of(corruption.table, corruption.row, ROOT) if corruption.row is not None else None
    corruption.apply(pkg)
    both = validate_package(pkg / "datapackage.json", frictionless_layer=True)
    report = validate_package(pkg / "datapackage.json")
    # newsevents' own layers see everything frictionless sees: every table frictionless faults, they fault too
    # (a seed resource is its source's row; frictionless reads the tables a table refers to when it checks its
    # foreign keys, so a failure in a table referring to one newsevents faults is that table's)
    own = {f.table for f in report.failures}
    theirs = [f for f in both.failures if f.layer == "frictionless" and f.table]
    consequence = lambda f: f.table in {t.name for t in R.TABLES} and any(
        ref in own for _, ref, _ in R.table(f.table).foreign_keys)
    unseen = {"sources" if f.table.startswith("seed_") else f.table for f in theirs if not consequence(f)} - own
    assert not unseen, f"{corruption.kind}: frictionless finds failures in {unseen} that newsevents' layers miss"
    matching = [
        f for f in report.failures
        if (corruption.table is None or f.table == corruption.table)
        and (corruption.column is None or f.column == corruption.column)
        and (row_key is None or (f.row and row_key in f.row))
        and f.rule
    ]
    RESULTS[corruption.kind] = (bool(matching), sorted({f.layer for f in matching}))
    CODES[corruption.kind] = {f.code for f in matching if f.code}
    from newsevents.rules import BY_CODE, PACKAGE_RULES

    undeclared = {f.code for f in report.failures} - set(BY_CODE) - set(PACKAGE_RULES)
    assert not undeclared, f"{corruption.kind}: failures with codes declared nowhere: {undeclared}"
    assert not report.ok, f"{corruption.kind}: not detected"
    assert matching, (f"{corruption.kind}: detected, but no failure names table={corruption.table} "
                      f"column={corruption.column} row={row_key}:\n{report.text()}")


def test_cli_validate_exits_1_and_prints_the_failure(pkg, capsys):
    corruption = next(c for c in CATALOGUE if c.kind == "quote differs from the seed")
    corruption.apply(pkg)
    code, out, err = run(["validate", pkg / "datapackage.json"], capsys)
    assert code == 1
    assert "[rules] events.quote [event_id=" in err and "quote == seed[char_start:char_end] (quote-matches-seed)" in err


def test_every_declared_rule_is_caught_by_a_corruption_under_its_own_code():
    """Each rule of rules.py has at least one corruption in the catalogue reported under its code (runs after the
    catalogue; skipped when only part of it ran)."""
    from newsevents.rules import RULES

    if len(CODES) < len(CATALOGUE):
        pytest.skip("the whole catalogue did not run in this session")
    seen = set().union(*CODES.values())
    missing = [r.code for r in RULES if r.code not in seen]
    assert not missing, f"declared rules no corruption catches under their own code: {missing}"


def test_quote_check_reads_spans_across_seed_pieces():
    """The quote rule reads a short span from the seed's overlapping pieces and a long one from the whole seed:
    its verdict is the seed's own slice for spans at a piece's start and end, across a boundary, longer than a
    piece, after non-ASCII text, at the seed's end and past it."""
    import pandas as pd

    from newsevents.rules import PIECE, RULES, Context

    seed = "“Ñ” " * (PIECE // 2) + "".join(chr(0x41 + i % 26) for i in range(3 * PIECE)) + " fin"
    spans = [(0, 5), (PIECE - 3, PIECE + 4), (PIECE, 2 * PIECE), (2 * PIECE - 1, 2 * PIECE + 1),
             (7, 7 + PIECE + 40), (len(seed) - 3, len(seed)), (len(seed) - 2, len(seed) + 2)]
    rows = []
    for n, (a, b) in enumerate(spans):
        rows.append((f"r{n}_ok", a, b, seed[a:b]))
        rows.append((f"r{n}_bad", a, b, seed[a:b][:-1] + "#"))
    df = pd.DataFrame(rows, columns=["actor_mention_id", "char_start", "char_end", "quote"]).assign(source_id="s1")
    df = df.astype({"char_start": "Int64", "char_end": "Int64"})
    rule = next(r for r in RULES if r.code == "quote-matches-seed")
    hits = rule.check(Context({}, {"s1": seed}), R.table("actor_mentions"), df)
    failing = sorted(df.loc[i, "actor_mention_id"] for h in hits for i in h.index)
    # a span past the seed's end is the offsets rule's to report, not this one's
    assert failing == sorted(f"r{n}_bad" for n in range(len(spans) - 1)), failing


def test_formula_rule_reads_each_cells_first_character():
    """The formula rule takes each cell's first character column-wise: it flags exactly the cells Python's
    str.startswith flags with the characters spreadsheets execute, whatever follows or precedes in the column
    (multi-byte first characters, empty cells, nulls, a character that is not first)."""
    import pandas as pd

    from newsevents.rules import FORMULA_START, RULES, Context

    cells = ["=SUM(A1)", "+1", "-2", "@x", "\tx", "\rx", "x=1", "", "é=", "“=”", " =1", "－1", "a-b", "=", None]
    df = pd.DataFrame({"actor_id": [f"a{i}" for i in range(len(cells))], "name": cells})
    df["name"] = df["name"].astype("str")
    rule = next(r for r in RULES if r.code == "no-formula-cell")
    hits = rule.check(Context({}, {}), R.table("actors"), df[["actor_id", "name"]])
    flagged = sorted(df.loc[i, "actor_id"] for h in hits if h.column == "name" for i in h.index)
    assert flagged == sorted(f"a{i}" for i, c in enumerate(cells) if c is not None and c.startswith(FORMULA_START))
