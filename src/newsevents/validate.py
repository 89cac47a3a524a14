"""Validation of a whole Data Package, column-wise. Layers, each reporting table, column, row key and rule (with
the rule's code):

1. descriptor    -- datapackage.json parses, is Data Package v2, and its resources and schemas are exactly what
                    the registry generates (no drift, no missing or extra resource);
2. files         -- every file's bytes and sha256 are the descriptor's;
3. schema        -- every Parquet table against the pandera schema generated from the registry (types, required,
                    patterns, vocabularies, ranges, unique keys) and its Arrow schema against the registry's;
   schema (CSV)  -- every CSV file read column-wise with the registry's types (a cell that is not of its type
                    names its line) and checked against the same schema;
4. rules         -- the declared row rules of rules.py (foreign keys, quotes equal to the seed, dates, quantities,
                    codes), on the Parquet tables, and as "rules (CSV)" on the CSV tables;
5. cross-table   -- the declared rules that tie rows of several tables together, derived tables equal to their
                    derivation, seeds, and CSV and Parquet holding the same rows.

``frictionless_layer=True`` (``newsevents validate --frictionless``) adds frictionless-py's own validation.

Processes share the work (validate_package): the files are hashed in a process of their own (started before the
libraries load, by the validate command) while this one reads the Parquet tables and the seeds; then a second
process forked from this one (sharing what was read) compares each CSV with its Parquet twin (cell texts first,
values when those differ), runs the cross-table rules and re-derives the derived tables, while this one runs the
schemas; each then takes tables for their row rules.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from . import registry as R
from .beside import Beside
from .digests import digest_files, start as start_digests
from .package import CsvFormatError, DP_PROFILE, csv_frame, read_csv, read_csv_text, typed_csv
from .schemas import arrow_schema, frictionless_schema, load_pandera, pandera_schema



@dataclass(frozen=True)
class Failure:
    layer: str
    table: str | None
    column: str | None
    row: str | None
    rule: str
    message: str
    code: str | None = None  # the declared rule's code (rules.py), or the layer's own check

    def __str__(self) -> str:
        where = self.table or "package"
        if self.column:
            where += f".{self.column}"
        if self.row:
            where += f" [{self.row}]"
        rule = f"{self.rule} ({self.code})" if self.code else self.rule
        return f"[{self.layer}] {where}: {rule}: {self.message}"


@dataclass
class Report:
    failures: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    def add(self, *args, code: str | None = None) -> None:
        self.failures.append(Failure(*args, code=code))

    def text(self, limit: int = 200) -> str:
        lines = [str(f) for f in self.failures[:limit]]
        if len(self.failures) > limit:
            lines.append(f"... and {len(self.failures) - limit} more")
        return "\n".join(lines)


def _key(t: R.Table, row) -> str:
    return ", ".join(f"{k}={row[k]}" for k in t.primary_key)


# -- layer 1: descriptor ------------------------------------------------------------

def _profile_validator():
    """The official Data Package v2 profile (vendored from dplib-py, src/newsevents/profiles/), compiled once with
    jsonschema-rs: 0.03 s on a descriptor of 5,000 resources, where the pure-Python jsonschema takes 3 s."""
    global _PROFILE
    if _PROFILE is None:
        import jsonschema_rs

        schema = json.loads((Path(__file__).parent / "profiles" / "datapackage.json").read_text("utf-8"))
        _PROFILE = jsonschema_rs.Draft7Validator(schema)
    return _PROFILE


_PROFILE = None


def _check_v2_profile(dp: dict, report: Report) -> None:
    for err in sorted(_profile_validator().iter_errors(dp), key=lambda e: [str(p) for p in e.instance_path]):
        path = list(err.instance_path)
        where = "/".join(str(p) for p in path) or "(root)"
        table = None
        if len(path) > 1 and path[0] == "resources":
            try:
                table = str(dp["resources"][path[1]].get("name")).removesuffix("_parquet")
            except (IndexError, TypeError, AttributeError):
                table = None
        report.add("descriptor", table, None, None, "Data Package v2 profile",
                   f"{where}: {err.message[:300]}", code="descriptor-v2-profile")


def _check_descriptor(dp: dict, report: Report) -> None:
    _check_v2_profile(dp, report)
    if dp.get("$schema") != DP_PROFILE:
        report.add("descriptor", None, None, None, "profile", f"$schema must be {DP_PROFILE} (else read as v1)", code="descriptor-profile")
    for k in ("name", "title", "description", "version", "licenses", "sources", "contributors", "created"):
        if not dp.get(k):
            report.add("descriptor", None, None, None, "metadata", f"datapackage.json lacks {k!r}", code="descriptor-metadata")
    by_name = {r.get("name"): r for r in dp.get("resources", [])}
    expected = set()
    for t in R.TABLES:
        for name, fmt in ((t.name, "csv"), (f"{t.name}_parquet", "parquet")):
            expected.add(name)
            r = by_name.get(name)
            if r is None:
                report.add("descriptor", t.name, None, None, "resource present", f"resource {name!r} is missing", code="resource-present")
                continue
            if r.get("path") != f"data/{t.name}.{fmt}":
                report.add("descriptor", t.name, None, None, "resource path", f"{name}: path {r.get('path')!r}", code="resource-path")
            for k in ("bytes", "hash", "mediatype", "format") if fmt == "csv" else ("mediatype", "format", "schema"):
                if k not in r:
                    report.add("descriptor", t.name, None, None, "resource metadata", f"{name}: no {k!r}", code="resource-metadata")
            if fmt == "csv" and r.get("schema") != frictionless_schema(t):
                report.add("descriptor", t.name, None, None, "schema matches registry",
                           f"{name}: the Table Schema differs from the one generated from the registry", code="schema-matches-registry")
    for name, r in by_name.items():
        if name not in expected and not str(name).startswith("seed_"):
            report.add("descriptor", None, None, None, "no unknown resource", f"unexpected resource {name!r}", code="no-unknown-resource")
        p = r.get("path", "")
        if not isinstance(p, str) or p.startswith("/") or ".." in Path(p).parts:
            report.add("descriptor", None, None, None, "relative path", f"resource {name!r}: unsafe path {p!r}", code="relative-path")


# -- layer 2: files ---------------------------------------------------------------------------------------

def _check_files(dp: dict, root: Path, report: Report, digests: dict | None = None) -> None:
    """Every resource's file exists and has the descriptor's bytes and sha256 (``digests``: digest_files of the
    package computed beforehand, else now)."""
    tables = {t.name: t.name for t in R.TABLES} | {f"{t.name}_parquet": t.name for t in R.TABLES}
    if digests is None:
        digests = digest_files(dp, root)
    for r in dp.get("resources", []):
        path = r.get("path")
        if not isinstance(path, str) or path not in digests:
            continue  # reported by the descriptor layer
        table = tables.get(r.get("name"))
        got = digests[path]
        if isinstance(got, OSError):
            report.add("files", table, None, None, "file present", f"{path}: {got.strerror}", code="file-present")
            continue
        n, sha = got
        if "bytes" in r and r["bytes"] != n:
            report.add("files", table, None, None, "file bytes", f"{path}: {n} bytes, the descriptor says {r['bytes']}",
                       code="file-bytes")
        if "hash" in r and r["hash"] != f"sha256:{sha}":
            report.add("files", table, None, None, "file hash", f"{path}: sha256 is {sha}, the descriptor "
                       f"says {str(r['hash']).removeprefix('sha256:')}", code="file-hash")


# -- optional layer: frictionless ------------------------------------------------------------

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
        report.add("frictionless", None, None, None, "package readable", f"{type(e).__name__}: {e}", code="frictionless")
        return
    for task in result.tasks:
        t = tables.get(task.name)
        keys = _csv_row_keys(t, dp_path.parent / task.place) if t and str(task.place).endswith(".csv") else {}
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
            report.add("frictionless", t.name if t else task.name, column, row, err.type, err.message, code="frictionless")
    for err in getattr(result, "errors", []):
        report.add("frictionless", None, None, None, err.type, err.message, code="frictionless")


# -- layer 3: pandera on Parquet ---------------------------------------------------------

def _read_parquet(t: R.Table, path: Path, report: Report) -> pd.DataFrame | None:
    try:
        schema = pq.read_schema(path)
    except Exception as e:
        report.add("schema", t.name, None, None, "readable parquet", f"{path.name}: {e}", code="readable-parquet")
        return None
    want = arrow_schema(t)
    names = [f.name for f in schema]
    if names != want.names:
        missing = [n for n in want.names if n not in names]
        extra = [n for n in names if n not in want.names]
        detail = (f"missing {missing}" if missing else "") + (f" extra {extra}" if extra else "")
        report.add("schema", t.name, None, None, "columns match registry",
                   f"{path.name}: columns {names} differ from {want.names} ({detail.strip() or 'order differs'})", code="columns-match-registry")
    else:
        for f in want:
            got = schema.field(f.name)
            if got.type != f.type:
                report.add("schema", t.name, f.name, None, "arrow type",
                           f"{path.name}: {got.type} where the registry says {f.type}", code="arrow-type")
    try:
        return pd.read_parquet(path)
    except Exception as e:
        report.add("schema", t.name, None, None, "readable parquet", f"{path.name}: {e}", code="readable-parquet")
        return None


def _check_pandera(t: R.Table, df: pd.DataFrame, report: Report, layer: str) -> None:
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
            report.add(layer, t.name, col, row, str(rec.get("check")),
                       f"failure case {rec.get('failure_case')!r}", code="column-schema")


# -- layer 4: the declared rules (rules.py), column-wise -------------------------------------------------------

def _run_rules(frames: dict, seeds: dict, report: Report, layer: str, scope: str, only: set | None = None,
               ctx=None) -> None:
    from .rules import execute

    for rule, t, df, h in execute(frames, seeds, scope, only, ctx):
        report.failures += _hit_failures(rule, t, df, h, layer)


def rule_failures(rule, ctx, t: R.Table, df: pd.DataFrame, layer: str) -> list[Failure]:
    """Run one declared rule's check on a frame of table ``t`` (all its rows, or a slice of them with everything the
    rule needs: dask_engine.py) and report its hits, each row named by its primary key."""
    out = []
    for h in rule.check(ctx, t, df):
        out += _hit_failures(rule, t, df, h, layer)
    return out


def _hit_failures(rule, t: R.Table, df: pd.DataFrame, h, layer: str) -> list[Failure]:
    has_key = set(t.primary_key) <= set(df.columns)
    table = "event_mentions" if rule.code == "one-primary-mention" else t.name
    return [Failure(layer, table, h.column, i if h.keyed else (_key(t, df.loc[i]) if has_key else None),
                    rule.description, msg, code=rule.code) for i, msg in zip(h.index, h.messages)]


def _check_derived(frames: dict, seeds: dict, report: Report) -> None:
    """A derived table must equal what its inputs give now (rows and cells)."""
    from .derived import DERIVE, DERIVED_TABLES, INPUTS
    from .schemas import coerce_frame

    for t in DERIVED_TABLES:
        got = frames.get(t.name)
        if got is None or list(got.columns) != t.column_names:
            continue
        try:
            want = coerce_frame(t, DERIVE[t.name](frames, seeds))
        except (KeyError, ValueError, TypeError) as e:  # an input table is broken: reported by its own rules
            report.add("cross-table", t.name, None, None, "derived table can be recomputed", f"{type(e).__name__}: {e}", code="derived")
            continue
        _compare_frames(t, got, want, report, "Parquet file", "derivation",
                        f"derived: equal to its derivation from {', '.join(INPUTS[t.name])}", "derived")


def _check_seeds(dp_root: Path, frames: dict, report: Report) -> dict:
    seeds = {}
    src = frames.get("sources")
    if src is None:
        return seeds
    cols = list(dict.fromkeys([*R.SOURCES.primary_key, "source_id", "seed_path", "sha256", "char_length"]))
    for row in src[cols].to_dict("records"):  # one record per seed file: the files are read one by one anyway
        key = _key(R.SOURCES, row)
        path = dp_root / str(row["seed_path"])
        try:
            raw = path.read_bytes()
        except OSError as e:
            report.add("cross-table", "sources", "seed_path", key, "seed present", f"{path.name}: {e.strerror}", code="seed-present")
            continue
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            report.add("cross-table", "sources", "sha256", key, "seed hash", f"{row['seed_path']} does not match sha256", code="seed-hash")
            continue
        text = raw.decode("utf-8")
        if len(text) != row["char_length"]:
            report.add("cross-table", "sources", "char_length", key, "seed length",
                       f"{len(text)} code points, recorded {row['char_length']}", code="seed-length")
        if unicodedata.normalize("NFC", text) != text:
            report.add("cross-table", "sources", "seed_path", key, "seed NFC", "seed is not NFC", code="seed-nfc")
        seeds[row["source_id"]] = text
    return seeds


def _same(x: pd.Series, y: pd.Series) -> np.ndarray:
    """Cell-wise equality of two aligned columns, two nulls being equal."""
    xn, yn = x.isna().to_numpy(dtype=bool), y.isna().to_numpy(dtype=bool)
    if isinstance(x.dtype, pd.CategoricalDtype) or isinstance(y.dtype, pd.CategoricalDtype) or x.dtype != y.dtype:
        x, y = x.astype(object), y.astype(object)
    try:
        eq = (x.reset_index(drop=True) == y.reset_index(drop=True)).fillna(False).to_numpy(dtype=bool)
    except (TypeError, ValueError):
        eq = np.array([a == b for a, b in zip(x, y)], dtype=bool)  # incomparable dtypes: only on broken files
    return (xn & yn) | (~xn & ~yn & eq)


def _compare_frames(t: R.Table, a_df: pd.DataFrame, b_df: pd.DataFrame, report: Report, a_name: str, b_name: str,
                    rule: str, code: str) -> None:
    """Report rows and cells that differ between two frames of table ``t``, keyed by its primary key."""
    pk = list(t.primary_key)
    # Series.equals (same dtype, same cells, nulls equal) is the fast usual answer; _same decides otherwise
    equal = lambda a, b: len(a) == len(b) and all(a[c].equals(b[c]) or _same(a[c], b[c]).all() for c in t.column_names)
    a_df, b_df = a_df.reset_index(drop=True), b_df.reset_index(drop=True)
    if equal(a_df, b_df):
        return  # the usual case: the build writes both in one order, so no sort is needed to see it
    if set(pk) <= set(a_df.columns) and set(pk) <= set(b_df.columns):  # same rows in another order are the same
        a_df = a_df.sort_values(pk, kind="stable").reset_index(drop=True)
        b_df = b_df.sort_values(pk, kind="stable").reset_index(drop=True)
    if equal(a_df, b_df):
        return
    keys = lambda df: df[pk[0]].astype(str).str.cat([df[c].astype(str) for c in pk[1:]], sep="\x1f") \
        if len(df) else pd.Series([], dtype=str)
    ka, kb = keys(a_df), keys(b_df)
    fmt = lambda k: ", ".join(f"{c}={v}" for c, v in zip(pk, k.split("\x1f")))
    only_a, only_b = ~ka.isin(set(kb)), ~kb.isin(set(ka))
    for k in ka[only_a]:
        report.add("cross-table", t.name, None, fmt(k), rule, f"row only in the {a_name}", code=code)
    for k in kb[only_b]:
        report.add("cross-table", t.name, None, fmt(k), rule, f"row only in the {b_name}", code=code)
    a_c = a_df[~only_a.to_numpy()].assign(_k=ka[~only_a]).drop_duplicates("_k").set_index("_k")
    b_c = b_df[~only_b.to_numpy()].assign(_k=kb[~only_b]).drop_duplicates("_k").set_index("_k")
    b_c = b_c.loc[a_c.index]
    for c in t.column_names:
        differ = ~_same(a_c[c], b_c[c])
        for k, x, y in zip(a_c.index[differ], a_c[c][differ], b_c[c][differ]):
            report.add("cross-table", t.name, c, fmt(k), rule, f"{a_name} has {x!r}, {b_name} has {y!r}", code=code)
    if len(a_df) != len(b_df) and not (only_a.any() or only_b.any()):
        report.add("cross-table", t.name, None, None, rule, f"{len(a_df)} rows in the {a_name}, {len(b_df)} in the "
                   f"{b_name}", code=code)


def _compare_csv_parquet(t: R.Table, csv_df: pd.DataFrame, pq_df: pd.DataFrame, report: Report) -> None:
    if list(csv_df.columns) != list(pq_df.columns):
        return  # reported elsewhere
    _compare_frames(t, csv_df, pq_df, report, "CSV", "Parquet file", "CSV and Parquet hold the same rows",
                    "csv-equals-parquet")


def _arrow_of(df: pd.DataFrame):
    """A frame as read from Parquet, as an Arrow table (its Arrow-backed columns without a copy), or None."""
    import pyarrow as pa

    try:
        return pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None


def _is_text(ty) -> bool:
    """An Arrow string type, with 32- or 64-bit offsets (read_csv_text gives the one, pandas' strings the other)."""
    import pyarrow as pa

    return pa.types.is_string(ty) or pa.types.is_large_string(ty)


def _arrow_equal(csv_table, pq_table, as_text: bool = False) -> bool:
    """Whether the CSV holds exactly the Parquet table's rows, in the same order, compared column by column as Arrow
    arrays (categorical columns by their values). ``as_text``: ``csv_table`` holds the cells as read
    (read_csv_text) and each Parquet column is compared as the text its values are written as: Arrow's rendering
    for integers, booleans, dates and numbers, the same as write_csv's (shortest round-trip numbers: a cell equal
    to it reads back as exactly that value), so an equal CSV passes what the Parquet file passes. Otherwise
    ``csv_table`` holds typed values (read_csv_arrow) and the types must agree. False whenever in doubt (a number
    written in another form, a value Arrow renders otherwise): the next comparison then decides."""
    import pyarrow as pa

    if csv_table.column_names != pq_table.column_names or csv_table.num_rows != pq_table.num_rows:
        return False
    for name in csv_table.column_names:
        a, b = csv_table.column(name), pq_table.column(name)
        try:
            if pa.types.is_dictionary(b.type):
                b = b.cast(b.type.value_type)
            if b.type != a.type and (as_text or _is_text(a.type) and _is_text(b.type)):
                b = b.cast(a.type)  # to the cell texts' type; or strings held with 32- or 64-bit offsets
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return False
        if a.type != b.type or not a.equals(b):
            return False
    return True


def _check_csv(t: R.Table, root: Path, pq_df: pd.DataFrame | None) -> tuple[Report, pd.DataFrame | None]:
    """The CSV file of table ``t`` against its Parquet twin as the schema layer read it (``pq_df``; None when the
    twin is missing or unreadable: reported there): its failures, and its frame when it must be checked on its own
    (it differs from the twin, or there is no twin)."""
    report = Report()
    csv_path = root / "data" / f"{t.name}.csv"
    if not csv_path.exists():
        report.add("cross-table", t.name, None, None, "file present", f"{csv_path.name} is missing", code="file-present")
        return report, None
    try:
        text = read_csv_text(t, csv_path)
        pq_table = _arrow_of(pq_df) if text is not None and pq_df is not None else None
        if pq_table is not None and _arrow_equal(text, pq_table, as_text=True):
            return report, None  # the usual case: every cell is the text the Parquet value is written as
        table = None if text is None else typed_csv(t, text)
        if pq_table is not None and table is not None and _arrow_equal(table, pq_table):
            return report, None  # the same values written otherwise (a number's form): decided as Arrow columns
        del pq_table
        # a file the Arrow reader could not take (table None) is read by read_csv, which names its problem
        cdf = read_csv(t, csv_path) if table is None else csv_frame(t, table)
    except CsvFormatError as e:
        report.add("schema (CSV)", t.name, e.column, f"line {e.line}" if e.line else None, "CSV format",
                   f"{csv_path.name}: {e.message}", code="csv-format")
        return report, None
    del table
    if pq_df is not None:
        _compare_csv_parquet(t, cdf, pq_df, report)
    # a CSV equal to its Parquet twin passes exactly what the twin passes: it is checked on its own (schema, row
    # rules) only where it differs, and kept in memory only then
    return report, (cdf if pq_df is None or report.failures else None)


def _second_side(root: Path, frames: dict, seeds: dict, table_rules: bool,
                 row_work: "_Tables | None") -> tuple[dict, Report, Report]:
    """What validation checks beside the Parquet tables' schemas: every CSV file against its Parquet twin, the
    declared rules of scope "table" (when ``table_rules``), the derived tables against their derivation, and then the
    row rules of the tables it takes from ``row_work`` (shared with the first side). validate_package runs it in a
    second process beside the Parquet side; it returns each table's (CSV report, CSV frame to check on its own), the
    row rules' report and the report of the cross-table layer."""
    csv_parts = {t.name: _check_csv(t, root, frames.get(t.name)) for t in R.TABLES}
    cross = Report()
    if table_rules:
        _run_rules(frames, seeds, cross, "cross-table", "table")
    _check_derived(frames, seeds, cross)
    rows = Report()
    if row_work is not None:
        _row_rules_from(row_work, frames, seeds, rows)
    return csv_parts, rows, cross


def _warm_up() -> None:
    """Load pandera (load_pandera) and DuckDB (both processes' row rules use it) and build every table's pandera
    schema (the first process checks with them), in a thread while the tables are read, once before the second
    process is forked from this one."""
    load_pandera()
    __import__("duckdb")
    for t in R.TABLES:
        pandera_schema(t)


class _Tables:
    """Tables handed out one at a time to the two sides of validation, whichever is free first: a counter in shared
    memory, which a forked process and this one see alike (and two threads of this one)."""

    def __init__(self, names: list):
        import multiprocessing as mp

        self.names = names
        self._next = mp.Value("i", 0)

    def take(self) -> str | None:
        with self._next.get_lock():
            i = self._next.value
            self._next.value = i + 1
        return self.names[i] if i < len(self.names) else None


def _row_rules_from(work: _Tables, frames: dict, seeds: dict, report: Report) -> None:
    """Run the row rules of the tables taken from ``work`` until none is left (one DuckDB connection for all)."""
    from .rules import Context

    ctx = Context(frames, seeds)
    while (name := work.take()) is not None:
        _run_rules(frames, seeds, report, "rules", "row", only={name}, ctx=ctx)


# -- entry point -----------------------------------------------------------------------------

def validate_package(dp_path: Path | str, frictionless_layer: bool = False, engine: str = "pandas",
                     scheduler=None, digests=None) -> Report:
    """Validate a package in every layer. ``frictionless_layer`` adds frictionless-py's own row-by-row check of the
    CSV files (slow on large packages; the CSV layers below check the same Table Schemas column-wise).

    ``engine="dask"`` runs the declared rules on the Parquet tables (the layers "rules" and "cross-table") on Dask
    (dask_engine.py): on the cluster of ``scheduler`` (an address or a ``distributed.Client``), else on a
    LocalCluster. Every other layer runs here as with the default engine. ``digests``: the package's files already
    being hashed (what digests.start returns), else they are hashed here beside the reading."""
    dp_path = Path(dp_path)
    report = Report()
    try:
        dp = json.loads(dp_path.read_bytes().decode("utf-8"))
    except OSError as e:
        report.add("descriptor", None, None, None, "readable", f"{dp_path}: {e.strerror}", code="descriptor-readable")
        return report
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        report.add("descriptor", None, None, None, "valid JSON", f"{dp_path}: {e}", code="descriptor-json")
        return report
    root = dp_path.parent
    _check_descriptor(dp, report)
    # The tables are read here (the files hashed meanwhile); then a second process started from this one (Beside:
    # it shares what was read) checks the CSV tables, the cross-table rules and the derived tables (_second_side)
    # while this one runs the schemas; each then takes tables for their row rules. Each part writes its own
    # report; they are joined below in the order of a sequential run, so the output does not depend on timing.
    friction, files, tables, frames, csv_frames = Report(), Report(), {}, {}, {}
    later = Report()
    if digests is None:  # the validate command started it before loading its libraries
        digests = start_digests(dp_path)
    # meanwhile another thread loads what both processes use; the threads end before the fork
    with ThreadPoolExecutor(max_workers=1) as early:
        warmed = early.submit(_warm_up)
        for t in R.TABLES:
            part = tables[t.name] = Report()
            pq_path = root / "data" / f"{t.name}.parquet"
            if not pq_path.exists():
                part.add("schema", t.name, None, None, "file present", f"{pq_path.name} is missing", code="file-present")
            else:
                df = _read_parquet(t, pq_path, part)
                if df is not None:
                    frames[t.name] = df
                    report.counts[t.name] = len(df)
        seeds = _check_seeds(root, frames, later)
        warmed.result()
    _check_files(dp, root, files, digests.result())
    # the row rules of each table run on whichever side is free first, the largest tables first
    row_work = None if engine == "dask" else _Tables(sorted(frames, key=lambda n: -len(frames[n])))
    second = Beside(_second_side, root, frames, seeds, engine != "dask", row_work, what="validation's second process")
    rows_here = Report()
    try:
        if frictionless_layer:
            _check_frictionless(dp_path, friction)
        for t in R.TABLES:
            if t.name in frames:
                _check_pandera(t, frames[t.name], tables[t.name], "schema")
        if engine == "dask":
            from .dask_engine import validate_rules_dask

            later.failures += validate_rules_dask(root, scheduler, seeds=seeds, tables=set(frames))
        else:
            _row_rules_from(row_work, frames, seeds, rows_here)
        csv_parts, rows, cross = second.result()
    finally:
        second.close()
    # the row rules' failures in the order of one run over the tables in registry order, whichever side ran them
    order = {t.name: i for i, t in enumerate(R.TABLES)}
    later.failures += sorted(rows_here.failures + rows.failures, key=lambda f: order.get(f.table, len(order)))
    later.failures += cross.failures
    report.failures += files.failures + friction.failures
    for t in R.TABLES:
        part, cdf = csv_parts[t.name]
        if cdf is not None:
            _check_pandera(t, cdf, part, "schema (CSV)")
            csv_frames[t.name] = cdf
        report.failures += tables[t.name].failures + part.failures
    report.failures += later.failures
    # the row rules on the CSV tables that differ from their Parquet twin, to name the rule the CSV breaks
    if csv_frames:
        _run_rules({**frames, **csv_frames}, seeds, report, "rules (CSV)", "row", only=set(csv_frames))
    # one failure can be seen by several layers: report each once, and a CSV failure only where the CSV breaks a
    # rule the Parquet file does not
    parquet_side = {(f.table, f.column, f.row, f.rule) for f in report.failures if not f.layer.endswith("(CSV)")}
    seen, unique = set(), []
    for f in report.failures:
        k = (f.layer, f.table, f.column, f.row, f.rule, f.message)
        if k in seen or (f.layer.endswith("(CSV)") and (f.table, f.column, f.row, f.rule) in parquet_side):
            continue
        seen.add(k)
        unique.append(f)
    report.failures = unique
    return report
