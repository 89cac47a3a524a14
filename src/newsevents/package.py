"""Package-level metadata and file I/O: datapackage.json, CSV and Parquet writing/reading."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import registry as R
from .digests import digest
from .metadata import Metadata
from .schemas import arrow_schema, coerce_frame, frictionless_schema, pandas_dtype

DP_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
DIALECT = {"$schema": "https://datapackage.org/profiles/2.0/tabledialect.json", "header": True, "delimiter": ",",
           "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True}

TEXT_KIND_PLURAL = {"news_report": "news reports", "press_release": "press releases", "statement": "statements"}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def corpus_facts(sources: list[dict], frames: dict) -> dict:
    """What the package's description, keywords and coverage say, computed from the corpus."""
    dates = sorted(s["publication_date"] for s in sources)
    kinds: dict[str, int] = {}
    for s in sources:
        kinds[s["text_kind"]] = kinds.get(s["text_kind"], 0) + 1
    mentions = frames["actor_mentions"].merge(frames["actors"], on="actor_id")
    states = mentions[mentions["actor_type"] == "state"]
    by_count = states.groupby("name", observed=True).size().reset_index(name="n")
    by_count = by_count.sort_values(["n", "name"], ascending=[False, True], kind="stable")
    iso3 = set(states["country_iso3"].dropna()) | set(frames["events"]["location_country_iso3"].dropna())
    return {"n": len(sources), "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
            "kinds": kinds, "states": [str(n) for n in by_count["name"]], "iso3": sorted(map(str, iso3))}


def package_description(facts: dict) -> str:
    kinds = ", ".join(_count(n, TEXT_KIND_PLURAL[k][:-1], TEXT_KIND_PLURAL[k]) for k, n in sorted(facts["kinds"].items()))
    span = (f"published between {facts['first']:%-d %B %Y} and {facts['last']:%-d %B %Y}" if facts["n"] > 1
            else f"published on {facts['first']:%-d %B %Y}") if facts["first"] else ""
    about = f" The texts concern {', '.join(facts['states'][:6])}." if facts["states"] else ""
    return (
        f"Normalized tables coded by hand from {_count(facts['n'], 'source text', 'source texts')} ({kinds}) {span}. "
        "Every event, statement, metric, affiliation and actor mention carries the exact words of its source that "
        "support it and their Unicode code-point offsets in the verbatim seed text. Events are coded with CAMEO and "
        "PLOVER. Claims are kept as claims: speaker, reporting verb, quotation type, hedges, and a verification "
        "status apart from what the text asserts. Actors are defined once for the whole corpus, with dated "
        f"affiliations.{about}"
    )


def sha256_file(path: Path) -> str:
    """sha256 of a file, read in blocks (memory stays flat on large files)."""
    return digest(path)[1]


# -- CSV --------------------------------------------------------------------------

def _cells(s: pd.Series, ftype: str) -> list:
    """A column's CSV cells, computed column-wise: "" for a null, true/false, a whole number without its ".0", any
    other number as Python's shortest repr, a date in ISO form, anything else as str()."""
    null = s.isna().to_numpy(dtype=bool)
    if ftype == "number":
        f = pd.to_numeric(s, errors="coerce").astype("float64").to_numpy(na_value=np.nan)
        whole = ~null & (f == np.floor(f)) & (np.abs(f) < 1e15)
        out = np.full(len(s), "", dtype=object)
        out[whole] = f[whole].astype(np.int64).astype(str)
        other = ~null & ~whole
        out[other] = [repr(x) for x in f[other].tolist()]  # the few values with a fraction: shortest repr
        return out.tolist()
    values = s.astype(object)
    if ftype == "boolean":
        values = values.map({True: "true", False: "false"})
    return values.where(~null, "").astype(str).tolist()


def write_csv(t: R.Table, df: pd.DataFrame, path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(t.column_names)
    w.writerows(zip(*(_cells(df[f.name], f.type) for f in t.fields)))
    Path(path).write_bytes(buf.getvalue().encode("utf-8"))


class CsvFormatError(ValueError):
    def __init__(self, line: int | None, column: str | None, message: str):
        self.line, self.column, self.message = line, column, message
        super().__init__(message)


def _parse(v: str, f: R.Field):
    if v == "":
        return None
    if f.type == "integer":
        return int(v)
    if f.type == "number":
        return float(v)
    if f.type == "boolean":
        if v in ("true", "false"):
            return v == "true"
        raise ValueError(f"{v!r} is not true/false")
    if f.type == "date":
        return dt.date.fromisoformat(v)
    return v


_CELL_SHAPES = {"integer": r"^-?[0-9]+$", "number": r"^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$",
                "boolean": r"^(true|false)$", "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


def read_csv(t: R.Table, path: Path) -> pd.DataFrame:
    """Read a package CSV strictly into the published dtypes, column by column (pyarrow); CsvFormatError names
    the line (the record's number, header = 1) and column of the first cell that is not of its column's type."""
    table = read_csv_arrow(t, path)
    return _read_csv_rows(t, path) if table is None else csv_frame(t, table)


def read_csv_arrow(t: R.Table, path: Path):
    """The CSV as an Arrow table of the registry's value types (int64, float64, bool, date32, string: categorical
    columns stay strings), every cell checked against its column's type and vocabulary (CsvFormatError names the
    first bad one); None when the file is malformed in a way only the record-by-record reader names (read_csv
    then uses it)."""
    table = read_csv_text(t, path)
    return None if table is None else typed_csv(t, table)


def read_csv_text(t: R.Table, path: Path):
    """The CSV's cells as an Arrow table of strings (an empty cell is null), its header the registry's columns; None
    when the file is malformed in a way only the record-by-record reader names."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    raw = Path(path).read_bytes()
    if raw.startswith(b"\xef\xbb\xbf") or b"\r" in raw or not raw or raw.isspace():
        return None  # the record-by-record reader names the problem and its line
    try:  # pyarrow checks that every string cell is UTF-8 (ArrowInvalid otherwise)
        table = pcsv.read_csv(pa.py_buffer(raw), read_options=pcsv.ReadOptions(use_threads=False),
                              parse_options=pcsv.ParseOptions(newlines_in_values=True),
                              convert_options=pcsv.ConvertOptions(
                                  column_types={c: pa.string() for c in t.column_names}, null_values=[""],
                                  strings_can_be_null=True, quoted_strings_can_be_null=True))
        names = table.column_names  # the header is decoded here
    except (UnicodeDecodeError, pa.ArrowInvalid):
        return None
    return table if names == t.column_names else None


def typed_csv(t: R.Table, table):
    """A table read by :func:`read_csv_text` in the registry's value types, every cell checked against its column's
    type and vocabulary (CsvFormatError names the first bad one)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = {}
    for f in t.fields:
        col = table.column(f.name).combine_chunks()
        shape = _CELL_SHAPES.get(f.type)
        parsed = None
        if shape:
            ok = pc.match_substring_regex(col, shape)
            if f.type == "date":
                parsed = pc.strptime(col, format="%Y-%m-%d", unit="s", error_is_null=True)
                ok = pc.and_(ok, pc.is_valid(parsed))
            bad = pc.and_(pc.is_valid(col), pc.invert(pc.fill_null(ok, False)))
            if pc.any(bad).as_py():
                i = pc.index(bad, True).as_py()
                v = col[i].as_py()
                raise CsvFormatError(i + 2, f.name, f"cannot read {v!r} as {f.type}")
        if f.type == "integer":
            out[f.name] = pc.cast(col, pa.int64())
        elif f.type == "number":
            out[f.name] = pc.cast(col, pa.float64())
        elif f.type == "boolean":
            out[f.name] = pc.equal(col, "true")
        elif f.type == "date":
            out[f.name] = pc.cast(parsed, pa.date32())
        else:
            out[f.name] = col
    for f in t.fields:
        if f.is_categorical:
            col = out[f.name]
            bad = pc.and_(pc.is_valid(col), pc.invert(pc.is_in(col, value_set=pa.array(list(f.categories),
                                                                                       type=pa.string()))))
            if pc.any(bad).as_py():
                i = pc.index(bad, True).as_py()
                raise CsvFormatError(i + 2, f.name, f"{col[i].as_py()!r} not in the vocabulary")
    return pa.table(out)


def csv_frame(t: R.Table, table) -> pd.DataFrame:
    """The pandas frame of a table read by :func:`read_csv_arrow`, with the published dtypes."""
    out = {}
    for f in t.fields:
        col = table.column(f.name).combine_chunks()
        if f.type == "integer":
            out[f.name] = pd.Series(col.to_pandas(), dtype="Int64") if len(col) else pd.Series([], dtype="Int64")
        elif f.type == "number":
            out[f.name] = pd.array(col, dtype="Float64")
        elif f.type == "boolean":
            out[f.name] = pd.array(col, dtype="boolean")
        elif f.type == "date":
            out[f.name] = pd.Series(col.to_pandas(date_as_object=True), dtype="object")
        else:
            out[f.name] = pd.Series(col.to_pandas(), dtype="str")
    df = pd.DataFrame({c: pd.Series(v).reset_index(drop=True) for c, v in out.items()})
    for f in t.fields:
        if f.type != "date":
            df[f.name] = df[f.name].astype(pandas_dtype(f))
    return df


def _read_csv_rows(t: R.Table, path: Path) -> pd.DataFrame:
    """The record-by-record reader: used only to name the line of a malformed file the column-wise reader refused."""
    raw = Path(path).read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise CsvFormatError(1, None, "file starts with a UTF-8 byte-order mark (the package's CSVs have none)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CsvFormatError(raw[: e.start].count(b"\n") + 1, None,
                             f"not valid UTF-8 (byte 0x{raw[e.start]:02x}); the package's CSVs are UTF-8") from None
    if "\r" in text:
        raise CsvFormatError(text[: text.index("\r")].count("\n") + 1, None,
                             "carriage return found: the package's CSVs use \\n line ends")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise CsvFormatError(1, None, "file is empty (no header)")
    header = rows[0]
    if header != t.column_names:
        raise CsvFormatError(1, None, f"header {header} differs from the schema's columns {t.column_names}")
    records = []
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != len(header):
            raise CsvFormatError(i, None, f"{len(r)} cells, expected {len(header)}")
        rec = {}
        for v, f in zip(r, t.fields):
            try:
                rec[f.name] = _parse(v, f)
            except ValueError as e:
                raise CsvFormatError(i, f.name, f"cannot read {v!r} as {f.type} ({e})") from None
        records.append(rec)
    if not records:
        return coerce_frame(t, pd.DataFrame({c: pd.Series([], dtype=object) for c in t.column_names}))
    try:
        return coerce_frame(t, records)
    except ValueError as e:
        raise CsvFormatError(None, None, str(e)) from None


# -- Parquet ------------------------------------------------------------------------

def write_parquet(t: R.Table, df: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(df, schema=arrow_schema(t), preserve_index=False)
    pq.write_table(table, path, compression="zstd", write_statistics=True)


# -- datapackage.json ---------------------------------------------------------------

def resource_entries(t: R.Table, root: Path, meta: Metadata) -> list[dict]:
    csv_path, pq_path = f"data/{t.name}.csv", f"data/{t.name}.parquet"
    common = {"title": t.title, "description": t.description}
    extra = {"licenses": [meta.license(meta.table_license(t.name))]}
    if meta.table_sources(t.name):
        extra["sources"] = meta.table_sources(t.name)
    csv_res = {
        "name": t.name, "type": "table", "path": csv_path, **common, "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8", "bytes": (root / csv_path).stat().st_size,
        "hash": f"sha256:{sha256_file(root / csv_path)}", **extra, "dialect": DIALECT,
        "schema": frictionless_schema(t),
    }
    # No bytes/hash on the Parquet twin: frictionless reads Parquet through fastparquet, which opens the path
    # itself, so it measures neither and would report a declared count as wrong (README, "Parquet in the
    # descriptor"). Its sha256 is in croissant.json and the release's SHA256SUMS.
    pq_res = {
        "name": f"{t.name}_parquet", "type": "table", "path": pq_path,
        "title": f"{t.title} (Parquet)", "description": f"{t.description} Same rows as {csv_path}, typed with the "
        f"same Table Schema (schemas/{t.name}.schema.json).",
        "format": "parquet", "mediatype": "application/vnd.apache.parquet", **extra,
        "schema": f"schemas/{t.name}.schema.json",
    }
    return [csv_res, pq_res]


def seed_license(source_row: dict, meta: Metadata) -> dict:
    lic = meta.license(source_row["license"])
    if "path" not in lic:  # a LicenseRef- licence is explained by its source record
        lic["title"] = source_row["license_text"] or lic["title"]
    return lic


def seed_entry(source_row: dict, root: Path, meta: Metadata) -> dict:
    p = source_row["seed_path"]
    source = {"title": source_row["attribution"]}
    if source_row.get("url"):
        source["path"] = source_row["url"]
    return {"name": f"seed_{source_row['source_id']}", "path": p,
            "title": f"Seed text: {source_row['title']}",
            "description": "The source text verbatim (UTF-8, no BOM, \\n line ends, NFC); every char_start/"
            "char_end of its rows is a code-point offset into this text. Its own licence applies, not the "
            "package's.",
            "format": "txt", "mediatype": "text/plain", "encoding": "utf-8", "bytes": (root / p).stat().st_size,
            "hash": f"sha256:{sha256_file(root / p)}", "licenses": [seed_license(source_row, meta)], "sources": [source]}


def datapackage(root: Path, sources: list[dict], frames: dict, meta: Metadata) -> dict:
    resources = []
    for s in sources:
        resources.append(seed_entry(s, root, meta))
    for t in R.TABLES:
        resources.extend(resource_entries(t, root, meta))
    text_sources = []
    for s in sources:
        entry = {"title": s["title"]}
        if s.get("url"):
            entry["path"] = s["url"]
        publisher = s.get("publisher") or "publisher unknown"
        entry["description"] = (f"{s['text_kind'].replace('_', ' ').capitalize()} published "
                                f"{s['publication_date'].isoformat()} ({publisher}); licence {s['license']}. "
                                f"Credit: {s['attribution']}")
        text_sources.append(entry)
    facts = corpus_facts(sources, frames)
    return {
        "$schema": DP_PROFILE,
        "name": meta.name,
        "title": meta.long_title,
        "description": package_description(facts),
        "version": meta.version,
        "created": meta.released,
        "keywords": list(meta.keywords) + facts["states"],
        **({"homepage": meta.homepage} if meta.homepage else {}),
        "licenses": [meta.license(meta.default_license)],
        "contributors": [{"title": c["name"], "roles": list(c["roles"])} for c in meta.creators],
        "sources": [*text_sources, *meta.vocabulary_source_objects],
        "temporalCoverage": f"{facts['first'].isoformat()}/{facts['last'].isoformat()}",
        "spatialCoverage": facts["iso3"],
        "resources": resources,
    }


def dump_json(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
