"""Validation of a whole Data Package: descriptor, files, types, keys, vocabularies, cross-table rules.

Layers, each reporting table, column, row key and rule:

1. descriptor   -- datapackage.json parses, is Data Package v2, and its resources and schemas are exactly
                   what the registry generates (no drift, no missing or extra resource);
2. frictionless -- every CSV against its Table Schema (types, constraints, enums, primary and foreign
                   keys), and bytes + sha256 of every file, Parquet and seed included;
3. pandera      -- every Parquet table against the pandera schema generated from the registry (lazy: all
                   failures at once), and its Arrow schema against the registry's;
4. cross-table  -- foreign keys on the Parquet tables, quotes equal to the seed at their offsets, date
                   and value bounds, CSV and Parquet holding the same rows, and the other row rules.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from . import registry as R
from .coding import compute_source_id, is_country, normalise_name
from .dates import iso_bounds
from .package import CsvFormatError, DP_PROFILE, read_csv
from .schemas import arrow_schema, frictionless_schema, pandera_schema

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Failure:
    layer: str
    table: str | None
    column: str | None
    row: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.table or "package"
        if self.column:
            where += f".{self.column}"
        if self.row:
            where += f" [{self.row}]"
        return f"[{self.layer}] {where}: {self.rule}: {self.message}"


@dataclass
class Report:
    failures: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    def add(self, *args) -> None:
        self.failures.append(Failure(*args))

    def text(self, limit: int = 200) -> str:
        lines = [str(f) for f in self.failures[:limit]]
        if len(self.failures) > limit:
            lines.append(f"... and {len(self.failures) - limit} more")
        return "\n".join(lines)


def _key(t: R.Table, row) -> str:
    return ", ".join(f"{k}={row[k]}" for k in t.primary_key)


# -- layer 1: descriptor ------------------------------------------------------------

def _check_descriptor(dp: dict, report: Report) -> None:
    if dp.get("$schema") != DP_PROFILE:
        report.add("descriptor", None, None, None, "profile", f"$schema must be {DP_PROFILE} (else read as v1)")
    for k in ("name", "title", "description", "version", "licenses", "sources", "contributors", "created"):
        if not dp.get(k):
            report.add("descriptor", None, None, None, "metadata", f"datapackage.json lacks {k!r}")
    by_name = {r.get("name"): r for r in dp.get("resources", [])}
    expected = set()
    for t in R.TABLES:
        for name, fmt in ((t.name, "csv"), (f"{t.name}_parquet", "parquet")):
            expected.add(name)
            r = by_name.get(name)
            if r is None:
                report.add("descriptor", t.name, None, None, "resource present", f"resource {name!r} is missing")
                continue
            if r.get("path") != f"data/{t.name}.{fmt}":
                report.add("descriptor", t.name, None, None, "resource path", f"{name}: path {r.get('path')!r}")
            for k in ("bytes", "hash", "mediatype", "format"):
                if k not in r:
                    report.add("descriptor", t.name, None, None, "resource metadata", f"{name}: no {k!r}")
            if fmt == "csv" and r.get("schema") != frictionless_schema(t):
                report.add("descriptor", t.name, None, None, "schema matches registry",
                           f"{name}: the Table Schema differs from the one generated from the registry")
    for name, r in by_name.items():
        if name not in expected and not str(name).startswith("seed_"):
            report.add("descriptor", None, None, None, "no unknown resource", f"unexpected resource {name!r}")
        p = r.get("path", "")
        if not isinstance(p, str) or p.startswith("/") or ".." in Path(p).parts:
            report.add("descriptor", None, None, None, "relative path", f"resource {name!r}: unsafe path {p!r}")


# -- layer 2: frictionless ------------------------------------------------------------

def _csv_row_keys(t: R.Table, path: Path) -> dict:
    """Map CSV row number (header = 1) to the row's primary key, read leniently for messages."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except OSError:
        return {}
    header = rows[0] if rows else []
    idx = [header.index(k) for k in t.primary_key if k in header]
    if len(idx) != len(t.primary_key):
        return {}
    return {n: ", ".join(f"{k}={r[i] if i < len(r) else ''}" for k, i in zip(t.primary_key, idx))
            for n, r in enumerate(rows[1:], start=2)}


def _check_frictionless(dp_path: Path, report: Report) -> None:
    import frictionless

    tables = {t.name: t for t in R.TABLES}
    tables.update({f"{t.name}_parquet": t for t in R.TABLES})
    try:
        result = frictionless.validate(str(dp_path))
    except Exception as e:  # frictionless raises on descriptors it cannot read
        report.add("frictionless", None, None, None, "package readable", f"{type(e).__name__}: {e}")
        return
    for task in result.tasks:
        t = tables.get(task.name)
        keys = _csv_row_keys(t, dp_path.parent / task.place) if t and task.type == "table" else {}
        for err in task.errors:
            row_no = getattr(err, "row_number", None)
            row = keys.get(row_no) if row_no else None
            if row_no and not row:
                row = f"line {row_no}"
            elif row_no:
                row = f"{row} (line {row_no})"
            column = getattr(err, "field_name", None)
            if column is None and getattr(err, "field_names", None):
                column = ", ".join(err.field_names)  # foreign-key errors name their columns here
            elif column is None and err.type == "primary-key" and t:
                column = ", ".join(t.primary_key)
            report.add("frictionless", t.name if t else task.name, column, row, err.type, err.message)
    for err in getattr(result, "errors", []):
        report.add("frictionless", None, None, None, err.type, err.message)


# -- layer 3: pandera on Parquet ---------------------------------------------------------

def _read_parquet(t: R.Table, path: Path, report: Report) -> pd.DataFrame | None:
    try:
        schema = pq.read_schema(path)
    except Exception as e:
        report.add("pandera", t.name, None, None, "readable parquet", f"{path.name}: {e}")
        return None
    want = arrow_schema(t)
    names = [f.name for f in schema]
    if names != want.names:
        missing = [n for n in want.names if n not in names]
        extra = [n for n in names if n not in want.names]
        detail = (f"missing {missing}" if missing else "") + (f" extra {extra}" if extra else "")
        report.add("pandera", t.name, None, None, "columns match registry",
                   f"{path.name}: columns {names} differ from {want.names} ({detail.strip() or 'order differs'})")
    else:
        for f in want:
            got = schema.field(f.name)
            if got.type != f.type:
                report.add("pandera", t.name, f.name, None, "arrow type",
                           f"{path.name}: {got.type} where the registry says {f.type}")
    try:
        return pd.read_parquet(path)
    except Exception as e:
        report.add("pandera", t.name, None, None, "readable parquet", f"{path.name}: {e}")
        return None


def _check_pandera(t: R.Table, df: pd.DataFrame, report: Report) -> None:
    import pandera.errors as pe

    try:
        pandera_schema(t).validate(df, lazy=True)
    except pe.SchemaErrors as e:
        fc = e.failure_cases
        for rec in fc.to_dict("records"):
            idx = rec.get("index")
            row = None
            if idx is not None and not (isinstance(idx, float) and pd.isna(idx)) and idx in df.index:
                row = _key(t, df.loc[idx])
            col = rec.get("column")
            col = None if col is None or (isinstance(col, float) and pd.isna(col)) or col == t.name else str(col)
            report.add("pandera", t.name, col, row, str(rec.get("check")),
                       f"failure case {rec.get('failure_case')!r}")


# -- layer 4: cross-table rules ------------------------------------------------------------

def _null(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v))


def _check_foreign_keys(frames: dict, report: Report) -> None:
    for t in R.TABLES:
        df = frames.get(t.name)
        if df is None:
            continue
        for col, ref_table, ref_col in t.foreign_keys:
            ref = frames.get(ref_table)
            if ref is None or col not in df.columns or ref_col not in ref.columns:
                continue
            known = set(ref[ref_col].dropna().astype(str))
            for _, row in df.iterrows():
                v = row[col]
                if not _null(v) and str(v) not in known:
                    report.add("cross-table", t.name, col, _key(t, row), f"foreign key -> {ref_table}.{ref_col}",
                               f"{v!r} not found in {ref_table}")


QUOTE_MARKS = "“”\""  # not ’: it is also the apostrophe
PRECISION_SHAPES = {"day": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$", "year": r"^\d{4}$",
                    "weekend": r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$", "week": r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$",
                    "interval": r"/", "recurring": r"^R/"}


def _value_vs_bounds(value, start, end) -> str | None:
    """Why a normalized date value disagrees with its start/end bounds, or None when it agrees."""
    if _null(value):
        return None if _null(start) and _null(end) else "value is null but a bound is given"
    value = str(value)
    if value.startswith("R/"):
        return None if _null(start) and _null(end) else "a recurring value has no bounds"
    left, _, right = value.partition("/")
    right = right or left
    try:
        lo = None if left == ".." else iso_bounds(left)[0]
        hi = None if right == ".." else iso_bounds(right)[1]
    except (ValueError, TypeError) as e:
        return f"{value!r} is not a real date ({e})"
    got_lo = None if _null(start) else start
    got_hi = None if _null(end) else end
    if lo != got_lo or hi != got_hi:
        return f"{value!r} means [{lo}, {hi}] but the bounds are [{got_lo}, {got_hi}]"
    return None


def _evidence_rules(row, text: str | None):
    s, e, q = row["char_start"], row["char_end"], row["quote"]
    if text is None or _null(s) or _null(e) or _null(q):
        return  # a missing seed or a null offset is reported by the seed checks or by pandera
    if not (0 <= s < e <= len(text)):
        yield "char_end", "offsets within the seed", f"[{s}, {e}) is not a non-empty span of the seed's {len(text)} code points"
    elif text[s:e] != q:
        yield "quote", "quote == seed[char_start:char_end]", f"quote {q!r} but the seed has {text[s:e]!r} at [{s}, {e})"


def _date_rules(row, cols: set, prefix: str, text: str | None):
    p, v, b, a, z = (f"{prefix}_{k}" for k in ("precision", "value", "basis", "start", "end"))
    expr_col, src_col = f"{prefix}_expression", f"{prefix}_source"
    if not {p, v, b, a, z, expr_col, src_col} <= cols:
        return
    problem = _value_vs_bounds(row[v], row[a], row[z])
    if problem:
        yield v, f"{v} agrees with {a}/{z}", problem
    if not _null(row[a]) and not _null(row[z]):
        try:
            bad = row[a] > row[z]
        except TypeError:
            bad = False  # a wrong type is reported by pandera
        if bad:
            yield a, f"{a} <= {z}", f"{row[a]} is after {row[z]}"
    if not _null(row[p]) and not _null(row[v]):
        shape = PRECISION_SHAPES.get(str(row[p]))
        if shape and not re.search(shape, str(row[v])):
            yield p, f"{p} agrees with {v}", f"precision {row[p]!r} but value {row[v]!r}"
        if str(row[p]) == "weekend" and not _null(row[a]) and not _null(row[z]) and not (
                row[a].weekday() == 5 and (row[z] - row[a]).days == 1):
            yield p, "a weekend is a Saturday and the Sunday after", f"{row[a]}"
    if not _null(row[b]):
        basis, expr, src = str(row[b]), row[expr_col], row[src_col]
        if basis in ("explicit", "relative_to_publication", "unanchored") and _null(expr):
            yield expr_col, f"{b} {basis} needs the text's expression", "expression is null"
        if (basis == "outside_source") == _null(src):
            yield src_col, f"{src_col} given exactly when {b} is outside_source", f"basis {basis!r}, source {src!r}"
        if not _null(expr) and text is not None and str(expr) not in text:
            yield expr_col, "the date expression is words of the seed", f"{expr!r} is not in the seed"


# bound_rule -> what value_min, value and value_max must be: "value" (equal to value), "null", "any" (a number)
BOUND_SHAPES = {
    "exact": ("value", "value", "value"), "word_number": ("value", "value", "value"),
    "unit_word": ("value", "value", "value"), "lower_bound": ("value", "value", "null"),
    "upper_bound": ("null", "value", "value"), "approximate": ("null", "value", "null"),
}


def _quantity_rules(row):
    v, lo, hi = row["value"], row["value_min"], row["value_max"]
    if not _null(lo) and not _null(hi) and lo > hi:
        yield "value_min", "value_min <= value_max", f"{lo} > {hi}"
    if not _null(v) and ((not _null(lo) and v < lo) or (not _null(hi) and v > hi)):
        yield "value", "value_min <= value <= value_max", f"{v} outside [{lo}, {hi}]"
    for c in ("value", "value_min", "value_max"):
        if _null(row[c]):
            continue
        if row["unit"] == "percent" and not (0 <= row[c] <= 100):
            yield c, "percent within 0..100", f"{row[c]}"
        if row[c] < 0:
            yield c, "quantities are not negative", f"{row[c]}"
        if str(row["unit"]) in ("count", "count_per_year") and float(row[c]) != int(float(row[c])):
            yield c, "counts are whole numbers", f"{row[c]}"
    rule = str(row["bound_rule"])
    want = BOUND_SHAPES.get(rule)
    if want is not None:
        got = tuple("null" if _null(x) else ("value" if not _null(v) and x == v else "other") for x in (lo, v, hi))
        if any(w != g and not (w == "any" and g != "null") for w, g in zip(want, got)):
            yield "value_min", f"bounds follow bound_rule {rule}", \
                f"[{lo}, {v}, {hi}] where {rule} means [{', '.join(want)}]"
    if rule == "vague_quantity" and not _null(v):
        yield "value", "a vague quantity has no single value", f"{v}"


def _row_rules(t: R.Table, row, cols: set, seeds: dict):
    """Every rule that concerns one row: yields (column, rule, message) for each breach."""
    text = seeds.get(row.get("source_id"))
    if t.has_evidence and {"source_id", "char_start", "char_end", "quote"} <= cols:
        yield from _evidence_rules(row, text)
    for prefix in ("date", "period"):
        yield from _date_rules(row, cols, prefix, text)
    if {"value", "value_min", "value_max", "unit", "bound_rule"} <= cols:
        yield from _quantity_rules(row)
    for col in ("country_iso3", "location_country_iso3"):
        if col in cols and not _null(row[col]) and re.fullmatch(r"[A-Z]{3}", str(row[col])) \
                and not is_country(row[col]):
            yield col, "ISO 3166-1 alpha-3 code exists", f"{row[col]!r} is not a country code"
    if {"wikidata_qid", "wikidata_qid_provenance"} <= cols and not _null(row["wikidata_qid"]) \
            and _null(row["wikidata_qid_provenance"]):
        yield "wikidata_qid_provenance", "qid has provenance", "a Wikidata id needs its provenance"
    if t.name == "sources" and {"source_id", "publication_date", "sha256", "license", "license_text"} <= cols:
        if not _null(row["publication_date"]) and not _null(row["sha256"]) and hasattr(row["publication_date"], "year"):
            want = compute_source_id(row["publication_date"], str(row["sha256"]))
            if row["source_id"] != want:
                yield "source_id", "source_id is the publication date and the first 10 hex digits of sha256", \
                    f"{row['source_id']!r}, expected {want!r}"
        if not _null(row["license"]) and str(row["license"]).startswith("LicenseRef-") == _null(row["license_text"]):
            yield "license_text", "license_text is given exactly when license is a LicenseRef", \
                f"license {row['license']!r}, license_text {row['license_text']!r}"
    if {"actor_id", "affiliated_actor_id"} <= cols and row["actor_id"] == row["affiliated_actor_id"]:
        yield "affiliated_actor_id", "an actor is not affiliated with itself", f"{row['actor_id']!r}"
    if {"plover_mode_id", "plover_type"} <= cols and not _null(row["plover_mode_id"]):
        if _null(row["plover_type"]) or not str(row["plover_mode_id"]).startswith(f"{row['plover_type']}."):
            yield "plover_mode_id", "mode belongs to the type", \
                f"{row['plover_mode_id']!r} is not a mode of {row['plover_type']!r}"
    if "quote" in cols and not _null(row["quote"]) and t.kind == "evidence":  # a derived quote holds no marks
        q = str(row["quote"])
        if "quote_type" in cols and str(row["quote_type"]) in ("direct", "partial") \
                and not any(m in q for m in QUOTE_MARKS):
            yield "quote_type", "direct and partial quotations show quotation marks", \
                f"{row['quote_type']} but the quote has no quotation mark"
        for col in ("hedge", "reporting_verb"):
            if col in cols and not _null(row[col]) and str(row[col]) not in q:
                yield col, f"{col} is words of the quote", f"{row[col]!r} is not in the quote"


def _check_rows(frames: dict, seeds: dict, report: Report, layer: str = "cross-table") -> None:
    for t in R.TABLES:
        df = frames.get(t.name)
        if df is None:
            continue
        cols = set(df.columns)
        has_key = set(t.primary_key) <= cols
        for _, row in df.iterrows():
            for col, rule, msg in _row_rules(t, row, cols, seeds):
                report.add(layer, t.name, col, _key(t, row) if has_key else None, rule, msg)


def _check_links(frames: dict, report: Report) -> None:
    """Rules that tie rows of two tables together."""
    # each event has exactly one primary mention, equal to its own evidence
    ev, em = frames.get("events"), frames.get("event_mentions")
    if ev is not None and em is not None and {"event_id", "is_primary", "char_start", "char_end"} <= set(em.columns):
        prim = em[em["is_primary"].fillna(False).astype(bool)]
        for _, row in ev.iterrows():
            mine = prim[prim["event_id"] == row["event_id"]]
            key = _key(R.EVENTS, row)
            if len(mine) != 1:
                report.add("cross-table", "event_mentions", "is_primary", key, "one primary mention per event",
                           f"{len(mine)} primary mentions")
            elif (mine.iloc[0]["char_start"], mine.iloc[0]["char_end"]) != (row["char_start"], row["char_end"]):
                report.add("cross-table", "event_mentions", "char_start", key,
                           "the primary mention is the event's evidence",
                           f"[{mine.iloc[0]['char_start']}, {mine.iloc[0]['char_end']}) vs "
                           f"[{row['char_start']}, {row['char_end']})")
    # metrics and the statements that carry them
    m, st = frames.get("metrics"), frames.get("statements")
    if m is not None and st is not None and "statement_id" in st.columns:
        by_id = {r["statement_id"]: r for r in st.to_dict("records")}
        for _, row in m.iterrows():
            s_ = by_id.get(row.get("statement_id"))
            if s_ is None:
                continue
            key = _key(R.METRICS, row)
            if s_["speaker_actor_id"] != row["claimant_actor_id"]:
                report.add("cross-table", "metrics", "claimant_actor_id", key, "claimant is the statement's speaker",
                           f"{row['claimant_actor_id']!r} but statement {row['statement_id']!r} is by "
                           f"{s_['speaker_actor_id']!r}")
            if not (s_["char_start"] <= row["char_start"] and row["char_end"] <= s_["char_end"]):
                report.add("cross-table", "metrics", "char_start", key, "metric evidence lies in its statement's",
                           f"[{row['char_start']}, {row['char_end']}) is outside statement {row['statement_id']!r}")


def _check_registry(frames: dict, t: R.Table, report: Report) -> None:
    """A corpus-wide registry (actors, places): no two records share a name (case-, accent- and spacing-
    insensitively) or an external id, and every record is referenced by some row of another table."""
    df = frames.get(t.name)
    id_col, singular = t.primary_key[0], t.name[:-1]
    if df is None or not {id_col, "name"} <= set(df.columns):
        return
    names = df["name"].map(lambda v: normalise_name(v) if isinstance(v, str) else None)
    checks = [("name", names, "a name")] + [(c, df[c], label) for c, label in
                                            (("wikidata_qid", "a Wikidata id"), ("geonames_id", "a GeoNames id"))
                                            if c in df.columns]
    for col, keys, what in checks:
        dup = keys.notna() & keys.duplicated(keep=False)
        for rid, v in zip(df.loc[dup, id_col], df.loc[dup, col]):
            report.add("cross-table", t.name, col, f"{id_col}={rid}", f"no two {t.name} share {what}",
                       f"{v!r} is shared with another {singular}")
    used = set()
    for other in R.TABLES:
        odf = frames.get(other.name)
        if odf is None:
            continue
        for col, ref_table, _ in other.foreign_keys:
            if ref_table == t.name and col in odf.columns:
                used |= set(odf[col].dropna().astype(str))
    for rid in sorted(set(df[id_col].astype(str)) - used):
        report.add("cross-table", t.name, id_col, f"{id_col}={rid}", f"every {singular} is referenced somewhere",
                   f"no row of another table (or parent link) refers to this {singular}")


def _check_corpus(frames: dict, report: Report) -> None:
    """Rules over the whole corpus: the registries, places against the gazetteer, authored statements spoken by
    their source's issuer."""
    _check_registry(frames, R.ACTORS, report)
    _check_registry(frames, R.PLACES, report)
    _check_places(frames, report)
    st, src = frames.get("statements"), frames.get("sources")
    if st is not None and src is not None and {"quote_type", "speaker_actor_id", "source_id"} <= set(st.columns) \
            and "issuer_actor_id" in src.columns:
        m = st.merge(src[["source_id", "issuer_actor_id"]], on="source_id", how="left")
        bad = (m["quote_type"].astype(str) == "authored") & (m["speaker_actor_id"] != m["issuer_actor_id"])
        for sid, sp, iss in zip(m.loc[bad, "statement_id"], m.loc[bad, "speaker_actor_id"], m.loc[bad, "issuer_actor_id"]):
            report.add("cross-table", "statements", "speaker_actor_id", f"statement_id={sid}",
                       "an authored statement's speaker is its source's issuer",
                       f"{sp!r} but the source's issuer is {iss!r}")


def _check_places(frames: dict, report: Report) -> None:
    """Places with a GeoNames id: coordinates, country and first-level division are the gazetteer's."""
    pl = frames.get("places")
    need = {"place_id", "geonames_id", "country_iso3", "latitude", "longitude", "admin1_code"}
    if pl is None or not need <= set(pl.columns):
        return
    with_id = pl[pl["geonames_id"].notna()]
    if with_id.empty:
        return
    from .gazetteer import GazetteerError, lookup

    rule = "coordinates, country and admin1_code are the gazetteer's for geonames_id"
    for r in with_id.to_dict("records"):
        key = f"place_id={r['place_id']}"
        try:
            g = lookup(int(r["geonames_id"]))
        except GazetteerError as e:
            report.add("cross-table", "places", "geonames_id", key, rule, str(e))
            continue
        for col in ("country_iso3", "admin1_code", "latitude", "longitude"):
            got, want = r[col], g[col]
            if not ((_null(got) and want is None) or (not _null(got) and got == want)):
                report.add("cross-table", "places", col, key, rule, f"{got!r}, the gazetteer has {want!r}")


def _check_derived(frames: dict, seeds: dict, report: Report) -> None:
    """A derived table must equal what its inputs give now (rows and cells)."""
    from .derived import DERIVE, DERIVED_TABLES
    from .schemas import coerce_frame

    for t in DERIVED_TABLES:
        got = frames.get(t.name)
        if got is None or list(got.columns) != t.column_names:
            continue
        try:
            want = coerce_frame(t, DERIVE[t.name](frames, seeds))
        except (KeyError, ValueError, TypeError) as e:  # an input table is broken: reported by its own rules
            report.add("cross-table", t.name, None, None, "derived table can be recomputed", f"{type(e).__name__}: {e}")
            continue
        _compare_frames(t, got, want, report, "Parquet file", "derivation",
                        f"derived: equal to its derivation from {', '.join(_inputs_of(t))}")


def _inputs_of(t: R.Table) -> list[str]:
    return ["statements", "seeds"] if t.name == "quotations" else ["events", "event_participants", "actors",
                                                                   "event_places", "places", "sources",
                                                                   "cameo_codes", "plover_types"]


def _check_seeds(dp_root: Path, frames: dict, report: Report) -> dict:
    seeds = {}
    src = frames.get("sources")
    if src is None:
        return seeds
    for _, row in src.iterrows():
        key = _key(R.SOURCES, row)
        path = dp_root / str(row["seed_path"])
        try:
            raw = path.read_bytes()
        except OSError as e:
            report.add("cross-table", "sources", "seed_path", key, "seed present", f"{path.name}: {e.strerror}")
            continue
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            report.add("cross-table", "sources", "sha256", key, "seed hash", f"{row['seed_path']} does not match sha256")
            continue
        text = raw.decode("utf-8")
        if len(text) != row["char_length"]:
            report.add("cross-table", "sources", "char_length", key, "seed length",
                       f"{len(text)} code points, recorded {row['char_length']}")
        if unicodedata.normalize("NFC", text) != text:
            report.add("cross-table", "sources", "seed_path", key, "seed NFC", "seed is not NFC")
        seeds[row["source_id"]] = text
    return seeds


def _compare_frames(t: R.Table, a_df: pd.DataFrame, b_df: pd.DataFrame, report: Report, a_name: str, b_name: str,
                    rule: str) -> None:
    """Report rows and cells that differ between two frames of table ``t``, keyed by its primary key."""
    pk = list(t.primary_key)
    a = {tuple(r[k] for k in pk): r for r in a_df.to_dict("records")}
    b = {tuple(r[k] for k in pk): r for r in b_df.to_dict("records")}
    fmt = lambda k: ", ".join(f"{c}={v}" for c, v in zip(pk, k))
    for k in a.keys() - b.keys():
        report.add("cross-table", t.name, None, fmt(k), rule, f"row only in the {a_name}")
    for k in b.keys() - a.keys():
        report.add("cross-table", t.name, None, fmt(k), rule, f"row only in the {b_name}")
    for k in a.keys() & b.keys():
        for c in t.column_names:
            x, y = a[k][c], b[k][c]
            if _null(x) and _null(y):
                continue
            if _null(x) != _null(y) or x != y:
                report.add("cross-table", t.name, c, fmt(k), rule, f"{a_name} has {x!r}, {b_name} has {y!r}")
    if len(a_df) != len(b_df) and not (a.keys() ^ b.keys()):
        report.add("cross-table", t.name, None, None, rule, f"{len(a_df)} rows in the {a_name}, {len(b_df)} in the {b_name}")


def _compare_csv_parquet(t: R.Table, csv_df: pd.DataFrame, pq_df: pd.DataFrame, report: Report) -> None:
    if list(csv_df.columns) != list(pq_df.columns):
        return  # reported elsewhere
    _compare_frames(t, csv_df, pq_df, report, "CSV", "Parquet file", "CSV and Parquet hold the same rows")


def _lint_formulas(t: R.Table, df: pd.DataFrame, report: Report) -> None:
    for f in t.fields:
        if f.type != "string" or f.name not in df.columns:
            continue
        for _, row in df.iterrows():
            v = row[f.name]
            if isinstance(v, str) and v.startswith(FORMULA_START):
                report.add("cross-table", t.name, f.name, _key(t, row), "no spreadsheet-formula cell",
                           f"{v[:30]!r} starts with {v[0]!r}, which spreadsheets execute as a formula")


# -- entry point -----------------------------------------------------------------------------

def validate_package(dp_path: Path | str, frictionless_layer: bool = True) -> Report:
    dp_path = Path(dp_path)
    report = Report()
    try:
        dp = json.loads(dp_path.read_bytes().decode("utf-8"))
    except OSError as e:
        report.add("descriptor", None, None, None, "readable", f"{dp_path}: {e.strerror}")
        return report
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        report.add("descriptor", None, None, None, "valid JSON", f"{dp_path}: {e}")
        return report
    root = dp_path.parent
    _check_descriptor(dp, report)
    if frictionless_layer:
        _check_frictionless(dp_path, report)
    frames, csv_frames = {}, {}
    for t in R.TABLES:
        pq_path, csv_path = root / "data" / f"{t.name}.parquet", root / "data" / f"{t.name}.csv"
        if not pq_path.exists():
            report.add("pandera", t.name, None, None, "file present", f"{pq_path.name} is missing")
        else:
            df = _read_parquet(t, pq_path, report)
            if df is not None:
                _check_pandera(t, df, report)
                frames[t.name] = df
                report.counts[t.name] = len(df)
        if not csv_path.exists():
            report.add("cross-table", t.name, None, None, "file present", f"{csv_path.name} is missing")
            continue
        try:
            csv_frames[t.name] = read_csv(t, csv_path)
        except CsvFormatError as e:
            report.add("cross-table", t.name, e.column, f"line {e.line}" if e.line else None, "CSV format",
                       f"{csv_path.name}: {e.message}")
    seeds = _check_seeds(root, frames, report)
    _check_foreign_keys(frames, report)
    _check_rows(frames, seeds, report)
    _check_links(frames, report)
    _check_corpus(frames, report)
    _check_derived(frames, seeds, report)
    # the same row rules on the CSV files, reported where the CSV breaks a rule the Parquet file does not
    csv_report = Report()
    _check_rows(csv_frames, seeds, csv_report)
    seen_rules = {(f.table, f.column, f.row, f.rule) for f in report.failures}
    for f in csv_report.failures:
        if (f.table, f.column, f.row, f.rule) not in seen_rules:
            report.add("cross-table (CSV)", f.table, f.column, f.row, f.rule, f.message)
    for t in R.TABLES:
        if t.name in frames and t.name in csv_frames:
            _compare_csv_parquet(t, csv_frames[t.name], frames[t.name], report)
        if t.name in frames:
            _lint_formulas(t, frames[t.name], report)
    # one failure can be seen by several layers: report each (layer, table, column, row, rule) once
    seen, unique = set(), []
    for f in report.failures:
        k = (f.layer, f.table, f.column, f.row, f.rule, f.message)
        if k not in seen:
            seen.add(k)
            unique.append(f)
    report.failures = unique
    return report
