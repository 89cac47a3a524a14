"""A catalogue of single corruptions of a built package, each with the table, column and row it must be
reported against.

Data corruptions rewrite the affected files *and* re-stamp their bytes and sha256 in datapackage.json, as a
careless regeneration would: the content layers, not the file hash, must catch them.  Corruptions of the
files themselves (hash, bytes, encoding) leave the descriptor alone unless stated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newsevents import registry as R
from newsevents.package import write_csv
from newsevents.schemas import arrow_schema


@dataclass(frozen=True)
class Corruption:
    kind: str
    table: str | None  # table the failure must name (None: the package)
    column: str | None  # column it must name (None: not applicable)
    row: int | None  # position (in the committed table) of the row whose key the failure must name
    apply: Callable[[Path], None]


# -- helpers -------------------------------------------------------------------------------

def restamp(pkg: Path, *tables: str) -> None:
    dp_path = pkg / "datapackage.json"
    dp = json.loads(dp_path.read_text(encoding="utf-8"))
    for r in dp["resources"]:
        p = pkg / r["path"]
        if p.exists() and (r["name"] in tables or r["name"].removesuffix("_parquet") in tables):
            raw = p.read_bytes()
            r["bytes"] = len(raw)
            r["hash"] = "sha256:" + hashlib.sha256(raw).hexdigest()
    dp_path.write_text(json.dumps(dp, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_parquet_raw(t: R.Table, df: pd.DataFrame, path: Path) -> None:
    try:
        table = pa.Table.from_pandas(df, schema=arrow_schema(t), preserve_index=False)
    except (pa.ArrowException, ValueError, TypeError, KeyError):
        table = pa.Table.from_pandas(df, preserve_index=False)  # the corruption does not fit the schema
    pq.write_table(table, path)


def edit(table: str, fn: Callable[[pd.DataFrame], pd.DataFrame | None], formats=("csv", "parquet")):
    """A corruption that edits the rows of one table in the given formats, then re-stamps the descriptor."""

    def apply(pkg: Path) -> None:
        t = R.table(table)
        df = pd.read_parquet(pkg / "data" / f"{table}.parquet")
        out = fn(df)
        df = df if out is None else out
        if "csv" in formats:
            write_csv_any(df, pkg / "data" / f"{table}.csv")
        if "parquet" in formats:
            write_parquet_raw(t, df, pkg / "data" / f"{table}.parquet")
        restamp(pkg, table)

    return apply


def write_csv_any(df: pd.DataFrame, path: Path) -> None:
    """Like the build's CSV writer, but for any columns (extra, missing, reordered)."""
    cols = list(df.columns)
    fields = [R.Field(c, _ftype(df[c]), "corrupted column") for c in cols]
    t = R.Table("x", "x", "x", "entity", tuple(fields), (cols[0],))
    write_csv(t, df, path)


def _ftype(s: pd.Series) -> str:
    if isinstance(s.dtype, pd.BooleanDtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(s.dtype):
        return "integer"
    if pd.api.types.is_float_dtype(s.dtype):
        return "number"
    if s.dtype == object and any(isinstance(v, dt.date) for v in s):
        return "date"
    return "string"


def set_cell(col: str, row: int, value, add_category: bool = False):
    def fn(df: pd.DataFrame):
        if add_category and isinstance(df[col].dtype, pd.CategoricalDtype) and value is not None:
            df[col] = df[col].cat.add_categories([value])
        df.loc[row, col] = value
        return df

    return fn


def key_of(table: str, row: int, pkg_root: Path) -> str:
    """The row key text a failure must carry for row position ``row`` of ``table``."""
    df = pd.read_parquet(pkg_root / "data" / f"{table}.parquet")
    t = R.table(table)
    return ", ".join(f"{k}={df.loc[row, k]}" for k in t.primary_key)


def file_bytes(table: str, fmt: str, fn: Callable[[bytes], bytes], restamp_after: bool = True):
    def apply(pkg: Path) -> None:
        p = pkg / "data" / f"{table}.{fmt}"
        p.write_bytes(fn(p.read_bytes()))
        if restamp_after:
            restamp(pkg, table)

    return apply


def descriptor(fn: Callable[[dict], None]):
    def apply(pkg: Path) -> None:
        p = pkg / "datapackage.json"
        dp = json.loads(p.read_text(encoding="utf-8"))
        fn(dp)
        p.write_text(json.dumps(dp, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    return apply


def _resource(dp: dict, name: str) -> dict:
    return next(r for r in dp["resources"] if r["name"] == name)


def duplicate_row(row: int):
    return lambda df: pd.concat([df, df.iloc[[row]]], ignore_index=True)


def swap_offsets(df):
    df.loc[0, "char_start"] = df.loc[0, "char_start"] + 1
    df.loc[0, "char_end"] = df.loc[0, "char_end"] + 1


def past_end(df):
    df.loc[0, "char_start"] = 5000
    df.loc[0, "char_end"] = 5010


def date_after(col_a: str, col_b: str):
    def fn(df):
        i = df.index[df[col_a].notna() & df[col_b].notna()][0]
        df.loc[i, col_a] = df.loc[i, col_b] + dt.timedelta(days=3)
    return fn


def seed_edit(pkg: Path) -> None:
    p = pkg / "seeds" / "000_1ff967713505cd69.txt"
    p.write_bytes(p.read_bytes().replace(b"97%", b"98%"))


def seed_edit_restamped(pkg: Path) -> None:
    seed_edit(pkg)
    dp_path = pkg / "datapackage.json"
    dp = json.loads(dp_path.read_text(encoding="utf-8"))
    r = _resource(dp, "seed_000_1ff967713505cd69")
    raw = (pkg / r["path"]).read_bytes()
    r["hash"] = "sha256:" + hashlib.sha256(raw).hexdigest()
    dp_path.write_text(json.dumps(dp, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def latin1(raw: bytes) -> bytes:
    return raw.decode("utf-8").encode("latin-1", errors="replace")


def _reorder(df):
    cols = list(df.columns)
    cols[1], cols[2] = cols[2], cols[1]
    return df[cols]


def _extra(df):
    df["notes"] = "x"
    return df


def _missing(df):
    return df.drop(columns=["description"])


def _only_csv_row_dropped(df):
    return df.iloc[1:].reset_index(drop=True)


# -- the catalogue ---------------------------------------------------------------------------
# Row expectations are row positions in the corruption's table, resolved to keys against the committed package.

E, S, M, A, P = "events", "statements", "metrics", "actors", "event_participants"

CATALOGUE: list[Corruption] = [
    # keys
    Corruption("duplicate primary key (events)", E, "event_id", 0, edit(E, duplicate_row(0))),
    Corruption("duplicate primary key (actors)", A, "actor_id", 2, edit(A, duplicate_row(2))),
    Corruption("duplicate composite key (event_participants)", P, None, 1, edit(P, duplicate_row(1))),
    Corruption("duplicate primary key (cameo_codes)", "cameo_codes", "cameo_code", 5,
                edit("cameo_codes", duplicate_row(5))),
    # foreign keys
    Corruption("dangling FK events.source_id", E, "source_id", 0, edit(E, set_cell("source_id", 0, "nosuch"))),
    Corruption("dangling FK event_participants.actor_id", P, "actor_id", None,
                edit(P, set_cell("actor_id", 0, "nosuch_actor"))),
    Corruption("dangling FK event_participants.event_id", P, "event_id", None,
                edit(P, set_cell("event_id", 0, "nosuch_event"))),
    Corruption("dangling FK statements.speaker_actor_id", S, "speaker_actor_id", 0,
                edit(S, set_cell("speaker_actor_id", 0, "nosuch_actor"))),
    Corruption("dangling FK statements.setting_event_id", S, "setting_event_id", 0,
                edit(S, set_cell("setting_event_id", 0, "nosuch_event"))),
    Corruption("dangling FK metrics.statement_id", M, "statement_id", 0,
                edit(M, set_cell("statement_id", 0, "nosuch_statement"))),
    Corruption("dangling FK metrics.claimant_actor_id", M, "claimant_actor_id", 1,
                edit(M, set_cell("claimant_actor_id", 1, "nosuch_actor"))),
    Corruption("dangling FK events.cameo_code", E, "cameo_code", 0, edit(E, set_cell("cameo_code", 0, "0999"))),
    Corruption("dangling FK events.plover_mode_id", E, "plover_mode_id", 1,
                edit(E, set_cell("plover_mode_id", 1, "THREATEN.nuclear"))),
    Corruption("dangling FK actors.parent_actor_id", A, "parent_actor_id", 0,
                edit(A, set_cell("parent_actor_id", 0, "nosuch_parent"))),
    Corruption("dangling FK event_contexts.plover_context", "event_contexts", "plover_context", None,
                edit("event_contexts", set_cell("plover_context", 0, "astrology"))),
    Corruption("dangling FK cameo_codes.root_code", "cameo_codes", "root_code", 3,
                edit("cameo_codes", set_cell("root_code", 3, "99"))),
    # nulls in required columns
    Corruption("null in required events.quote", E, "quote", 0, edit(E, set_cell("quote", 0, None))),
    Corruption("null in required statements.speaker_actor_id", S, "speaker_actor_id", 1,
                edit(S, set_cell("speaker_actor_id", 1, None))),
    Corruption("null in required metrics.unit", M, "unit", 0, edit(M, set_cell("unit", 0, None))),
    Corruption("null in required actors.name", A, "name", 0, edit(A, set_cell("name", 0, None))),
    Corruption("null in required sources.sha256", "sources", "sha256", 0,
                edit("sources", set_cell("sha256", 0, None))),
    # vocabularies
    Corruption("value outside vocabulary events.status", E, "status", 0,
                edit(E, set_cell("status", 0, "rumoured", add_category=True))),
    Corruption("value outside vocabulary statements.quote_type", S, "quote_type", 0,
                edit(S, set_cell("quote_type", 0, "paraphrase", add_category=True))),
    Corruption("value outside vocabulary event_participants.role", P, "role", None,
                edit(P, set_cell("role", 0, "bystander", add_category=True))),
    Corruption("value outside vocabulary metrics.unit", M, "unit", 0,
                edit(M, set_cell("unit", 0, "dollars", add_category=True))),
    # dates
    Corruption("impossible date in CSV (2026-02-30)", E, "date_start", None,
                file_bytes(E, "csv", lambda b: b.replace(b",2026-01-08,2026-01-08,2026-01-08,day",
                                                         b",2026-01-08,2026-02-30,2026-01-08,day", 1))),
    Corruption("impossible date in a normalized date value", E, "date_value", 1,
                edit(E, set_cell("date_value", 1, "2026-02-30"))),
    Corruption("normalized date value disagrees with its bounds", S, "date_value", 0,
                edit(S, set_cell("date_value", 0, "2025-01-09"))),
    Corruption("unparseable date in CSV", S, "date_end", None,
                file_bytes(S, "csv", lambda b: b.replace(b",2026-01-09,day,", b",next Tuesday,day,", 1))),
    Corruption("date_start after date_end (events)", E, "date_start", None,
                edit(E, date_after("date_start", "date_end"))),
    Corruption("period_start after period_end (metrics)", M, "period_start", None,
                edit(M, date_after("period_start", "period_end"))),
    # values
    Corruption("value above value_max", M, "value", 0, edit(M, set_cell("value", 0, 120.0))),
    Corruption("value_min above value_max", M, "value_min", 1, edit(M, set_cell("value_min", 1, 1e9))),
    Corruption("negative count", M, "value_min", 1,
                edit(M, lambda df: df.assign(value_min=df["value_min"].where(df.index != 1, -5.0)))),
    Corruption("share above 100 percent", M, None, 0,
                edit(M, lambda df: df.assign(value=df["value"].where(df.index != 0, 140.0),
                                             value_max=df["value_max"].where(df.index != 0, 150.0)))),
    # evidence
    Corruption("quote differs from the seed", E, "quote", 2, edit(E, set_cell("quote", 2, "changed words"))),
    Corruption("offsets past the end of the text", S, "char_end", 0, edit(S, past_end)),
    Corruption("offsets shifted by one", E, "quote", 0, edit(E, swap_offsets)),
    Corruption("negative char_start", M, "char_start", 0, edit(M, set_cell("char_start", 0, -3))),
    # patterns
    Corruption("malformed ISO 3166 alpha-3 (MX)", A, "country_iso3", 0,
                edit(A, set_cell("country_iso3", 0, "MX"))),
    Corruption("malformed Wikidata id", A, "wikidata_qid", 1, edit(A, set_cell("wikidata_qid", 1, "5771800"))),
    Corruption("malformed identifier (spaces, capitals)", S, "statement_id", None,
                edit(S, set_cell("statement_id", 0, "Bad Id"))),
    Corruption("malformed sha256", "sources", "sha256", 0, edit("sources", set_cell("sha256", 0, "abc"))),
    Corruption("mode of another type", E, "plover_mode_id", 1,
                edit(E, set_cell("plover_mode_id", 1, "COERCE.arrest"))),
    Corruption("Wikidata id without provenance", A, "wikidata_qid_provenance", 2,
                edit(A, set_cell("wikidata_qid_provenance", 2, None))),
    Corruption("country code that does not exist (XXX)", A, "country_iso3", 2,
                edit(A, set_cell("country_iso3", 2, "XXX"))),
    Corruption("precision disagrees with the normalized value", E, "date_precision", 0,
                edit(E, set_cell("date_precision", 0, "month"))),
    Corruption("outside-source basis without a source", S, "date_source", 1,
                edit(S, set_cell("date_basis", 1, "outside_source"))),
    Corruption("direct quotation without quotation marks", S, "quote_type", 1,
                edit(S, set_cell("quote_type", 1, "direct"))),
    Corruption("hedge not in the quote", S, "hedge", 1, edit(S, set_cell("hedge", 1, "allegedly"))),
    Corruption("count with a fraction", M, "value", 2,
                edit(M, lambda df: df.assign(**{c: df[c].where(df.index != 2, 2.5)
                                                for c in ("value", "value_min", "value_max")}))),
    Corruption("claimant is not the statement's speaker", M, "claimant_actor_id", 0,
                edit(M, set_cell("claimant_actor_id", 0, "claudia_sheinbaum"))),
    Corruption("metric evidence outside its statement", M, "char_start", 0,
                edit(M, set_cell("statement_id", 0, "trump_cartels_running_mexico"))),
    Corruption("primary event mention differs from the event's evidence", "event_mentions", "char_start", None,
                edit(E, lambda df: df.assign(char_start=df["char_start"].where(df.index != 0, df["char_start"] + 9),
                                             quote=df["quote"].where(df.index != 0, df["quote"].str.slice(9))))),
    Corruption("event without a primary mention", "event_mentions", "is_primary", None,
                edit("event_mentions", lambda df: df.assign(is_primary=df["is_primary"] & (df.index != df.index[df["is_primary"]][0])))),
    # spreadsheet formulas
    Corruption("formula cell (=) in statements.description", S, "description", 0,
                edit(S, set_cell("description", 0, '=HYPERLINK("http://x","y")'))),
    Corruption("formula cell (@) in actors.name", A, "name", 3, edit(A, set_cell("name", 3, "@SUM(A1)"))),
    Corruption("formula cell (+) in metrics.measure", M, "measure", 0, edit(M, set_cell("measure", 0, "+1+1"))),
    # CSV and Parquet agreement
    Corruption("CSV and Parquet disagree on a cell", E, "description", 0,
                edit(E, set_cell("description", 0, "A different description."), formats=("csv",))),
    Corruption("row missing from the Parquet file", S, None, 0,
                edit(S, _only_csv_row_dropped, formats=("parquet",))),
    # columns
    Corruption("extra column", E, None, None, edit(E, _extra)),
    Corruption("missing column", S, None, None, edit(S, _missing)),
    Corruption("reordered columns", M, None, None, edit(M, _reorder)),
    # files
    Corruption("wrong bytes in descriptor", A, None, None,
                descriptor(lambda dp: _resource(dp, "actors").update(bytes=12))),
    Corruption("wrong hash in descriptor (CSV)", E, None, None,
                descriptor(lambda dp: _resource(dp, "events").update(hash="sha256:" + "0" * 64))),
    Corruption("wrong hash in descriptor (Parquet)", E, None, None,
                descriptor(lambda dp: _resource(dp, "events_parquet").update(hash="sha256:" + "0" * 64))),
    Corruption("missing CSV file", M, None, None, lambda pkg: (pkg / "data" / "metrics.csv").unlink()),
    Corruption("missing Parquet file", A, None, None, lambda pkg: (pkg / "data" / "actors.parquet").unlink()),
    Corruption("CSV with BOM", E, None, None, file_bytes(E, "csv", lambda b: b"\xef\xbb\xbf" + b)),
    Corruption("CSV with CRLF line ends", S, None, None, file_bytes(S, "csv", lambda b: b.replace(b"\n", b"\r\n"))),
    Corruption("CSV in Latin-1", A, None, None, file_bytes(A, "csv", latin1)),
    Corruption("truncated Parquet file", M, None, None, file_bytes(M, "parquet", lambda b: b[: len(b) // 2])),
    # descriptor
    Corruption("primary key removed from the descriptor", E, None, None,
                descriptor(lambda dp: _resource(dp, "events")["schema"].pop("primaryKey"))),
    Corruption("resource removed from the descriptor", S, None, None,
                descriptor(lambda dp: dp["resources"].remove(_resource(dp, "statements")))),
    Corruption("Data Package v2 profile removed", None, None, None, descriptor(lambda dp: dp.pop("$schema"))),
    Corruption("absolute resource path", None, None, None,
                descriptor(lambda dp: _resource(dp, "events").update(path="/etc/passwd"))),
    # seed
    Corruption("seed text changed", "sources", "sha256", 0, seed_edit),
    Corruption("seed text changed, descriptor hash re-stamped", "sources", "sha256", 0, seed_edit_restamped),
    Corruption("char_length wrong", "sources", "char_length", 0,
                edit("sources", set_cell("char_length", 0, 2000))),
]
