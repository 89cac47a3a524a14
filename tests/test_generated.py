"""One source of truth: every generated artefact equals what the registry generates now."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import ROOT
from newsevents import registry as R
from newsevents.package import DP_PROFILE
from newsevents.schemas import arrow_schema, frictionless_schema, pandas_dtypes

DP = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DP["resources"]}


@pytest.mark.parametrize("t", R.TABLES, ids=lambda t: t.name)
def test_committed_table_schema_matches_registry(t):
    committed = json.loads((ROOT / "schemas" / f"{t.name}.schema.json").read_text(encoding="utf-8"))
    assert committed == frictionless_schema(t)
    assert RESOURCES[t.name]["schema"] == frictionless_schema(t)
    assert RESOURCES[f"{t.name}_parquet"]["schema"] == f"schemas/{t.name}.schema.json"


@pytest.mark.parametrize("t", R.TABLES, ids=lambda t: t.name)
def test_parquet_arrow_schema_and_pandas_dtypes_match_registry(t):
    path = ROOT / "data" / f"{t.name}.parquet"
    schema = pq.read_schema(path)
    assert schema.names == t.column_names
    for f in arrow_schema(t):
        assert schema.field(f.name).type == f.type, f.name
    df = pd.read_parquet(path)
    want = pandas_dtypes(t)
    for col in t.column_names:
        assert df[col].dtype == want[col], col


def test_no_file_in_schemas_that_the_registry_does_not_generate():
    assert sorted(p.name for p in (ROOT / "schemas").iterdir()) == sorted(f"{t.name}.schema.json" for t in R.TABLES)
    assert sorted(p.name for p in (ROOT / "data").iterdir()) == sorted(
        f"{t.name}.{ext}" for t in R.TABLES for ext in ("csv", "parquet"))


def test_datapackage_metadata_is_complete_v2():
    assert DP["$schema"] == DP_PROFILE
    for key in ("name", "title", "description", "version", "licenses", "sources", "contributors", "created"):
        assert DP[key], key
    for r in DP["resources"]:
        for key in ("name", "path", "format", "mediatype", "licenses"):
            assert key in r, (r["name"], key)
        if r["format"] in ("csv", "txt"):
            assert r["encoding"] == "utf-8"
            assert r["hash"].startswith("sha256:") and r["bytes"] > 0, r["name"]
        else:  # frictionless reads Parquet through fastparquet and can measure neither: none is declared
            assert r["format"] == "parquet" and "bytes" not in r and "hash" not in r, r["name"]
        # Data Package v2 knows one resource type, "table"; a text resource has none
        assert r.get("type") == ("table" if r["format"] in ("csv", "parquet") else None), r["name"]


def test_datapackage_is_valid_against_the_official_v2_profile():
    import jsonschema

    profile = json.loads((ROOT / "src" / "newsevents" / "profiles" / "datapackage.json").read_text("utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in jsonschema.Draft7Validator(profile).iter_errors(DP)]
    assert errors == []
    broken = json.loads(json.dumps(DP))
    broken["resources"][0]["type"] = "file"  # what the descriptor used to say of seeds and Parquet files
    assert any(list(e.absolute_path)[:3] == ["resources", 0, "type"]
               for e in jsonschema.Draft7Validator(profile).iter_errors(broken))


def test_every_resource_carries_its_licence():
    by_name = {r["name"]: r for r in DP["resources"]}
    for t in R.TABLES:
        for name in (t.name, f"{t.name}_parquet"):
            want = {"plover_types": "CC-BY-SA-4.0", "plover_modes": "CC-BY-SA-4.0", "plover_contexts": "CC-BY-SA-4.0",
                    "cameo_codes": "MIT"}.get(t.name, "CC-BY-4.0")
            assert [lic["name"] for lic in by_name[name]["licenses"]] == [want], name


def test_registry_keys_and_references_are_consistent():
    for t in R.TABLES:
        assert set(t.primary_key) <= set(t.column_names), t.name
        if t.kind in ("entity", "evidence", "source"):
            singular = t.name[:-1]
            assert t.primary_key == (f"{singular}_id",), t.name
        for col, ref_table, ref_col in t.foreign_keys:
            target = R.table(ref_table)
            assert target.primary_key == (ref_col,), f"{t.name}.{col} must reference a single-column key"
            assert target.field(ref_col).type == t.field(col).type


def test_every_category_value_has_a_definition():
    for t in R.TABLES:
        for f in t.fields:
            if f.categories is not None:
                assert f.categories, f"{t.name}.{f.name}"
                for value, definition in f.categories.items():
                    assert isinstance(definition, str) and len(definition) > 10, (t.name, f.name, value)


def test_every_column_is_described():
    for t in R.TABLES:
        assert t.description and t.title
        for f in t.fields:
            assert len(f.description) > 10, f"{t.name}.{f.name}"


def test_committed_codebook_is_current_and_complete():
    from newsevents import load_all
    from newsevents.codebook import render

    text = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert text == render(load_all())
    assert "```mermaid" in text and "erDiagram" in text
    for t in R.TABLES:
        assert f"## {t.name}\n" in text
        for f in t.fields:
            assert f"| `{f.name}` | {f.type} |" in text, (t.name, f.name)
            for value in f.categories or {}:
                assert f"| `{value}` | " in text, (t.name, f.name, value)


def test_readme_lists_every_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for t in R.TABLES:
        assert f"`{t.name}`" in readme, f"README's tables at a glance misses {t.name}"


def test_committed_coding_reference_is_current_and_complete():
    from newsevents.coding import DATE_SPEC, QUOTE_SPEC, SECTION_EXTRA
    from newsevents.reference import render

    text = (ROOT / "docs" / "coding-reference.md").read_text(encoding="utf-8")
    assert text == render()
    for t in (R.SOURCES, R.ACTORS, R.EVENTS, R.STATEMENTS, R.METRICS):
        for f in t.fields:
            if f.name not in ("char_start", "char_end", "quote") and not f.name.startswith(("date_", "period_")):
                assert f"| `{f.name}` |" in text, (t.name, f.name)
            for value in f.categories or {}:
                assert f"- `{value}`: " in text, (t.name, f.name, value)
    for key in (*QUOTE_SPEC, *DATE_SPEC, *SECTION_EXTRA, "affiliated_actor_id", "affiliation_type", "detector"):
        assert f"| `{key}` |" in text, key


def test_not_blank_check_agrees_with_its_pattern_on_every_code_point():
    """pandera's not-blank check (Arrow's utf8_is_space, column-wise) gives the verdict of the declared pattern
    (Python's re, as frictionless reads the Table Schema) on every code point alone and on strings of them."""
    import re

    from newsevents.registry import NOT_BLANK_PATTERN
    from newsevents.schemas import _not_blank

    chars = [chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000]
    cells = chars + ["", " \t\u3000", "\u2028x", "x\u00a0", "\n\n", "\x1c\x1f", "a"] + [c * 3 for c in chars[:300]]
    got = _not_blank(pd.Series(cells, dtype="str"))
    want = [re.match(NOT_BLANK_PATTERN, c) is not None for c in cells]
    assert got.tolist() == want
    assert _not_blank(pd.Series(["x", None, " "], dtype="str")).tolist() == [True, True, False]  # nulls pass here


def test_pattern_checks_give_python_re_verdicts():
    """Each declared pattern's pandera check (RE2 column-wise, Python's re on what RE2 rejects) gives the verdict of
    Python's re.match (frictionless' and pandas' reading) on cells where RE2 and Python differ: a final newline,
    non-ASCII digits and white space, empty and null cells; the patterns RE2 could over-accept are left to pandas."""
    import re

    from newsevents.schemas import _matches, _re2_within_python

    patterns = sorted({f.pattern for t in R.TABLES for f in t.fields if f.pattern})
    # the declared patterns take RE2's path unless they use a class RE2 reads otherwise (\s, \S)
    assert all(_re2_within_python(p) == ("\\s" not in p and "\\S" not in p) for p in patterns)
    assert not _re2_within_python(r"^[^\d]+$") and not _re2_within_python(r"^(?=a)a$") and \
        not _re2_within_python(r"(?i)^a$") and _re2_within_python(r"^\d{4}$")
    samples = {"", "\n", "x", "X", "a\n", "20260109_0123456789", "20260109_0123456789\n", "20260109_0123456789.e1",
               "20260109_0123456789.e1\n", "20260109_012345678a.e1 ", "٢٠٢٦-01-09", "2026-01-09", "2026-01-09\n",
               "2026-01-09/..", "R/P1D", "R/P1D\n", "USA", "USA\n", "usa", "ÜSA", "14", "140", "14\n", "Q42", "Q042",
               "seeds/a.txt", "seeds/a.txt\n", "CC-BY-2.5", "LicenseRef-x", "en", "en-US", "e\u0301n", "https://x.y",
               "https://x\x0by", "a" * 64, "0" * 64 + "\n", "AID.x_y", "AID.x y", "abc_def", "abc-def", "1e"}
    cells = sorted(samples) + [p.strip("^$") for p in patterns]
    series = pd.Series(cells + [None], dtype="str")
    for p in patterns:
        want = [re.match(p, c) is not None for c in cells] + [False]
        assert _matches(p)(series).tolist() == want, p
        assert series.str.match(p, na=False).tolist() == want, p  # pandas' verdict, which pandera gave before
