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
    row: "Pick | None"  # the row whose key the failure must name, chosen by key or property (never by position)
    apply: Callable[[Path], None]


# -- helpers -------------------------------------------------------------------------------

def restamp(pkg: Path, *tables: str) -> None:
    dp_path = pkg / "datapackage.json"
    dp = json.loads(dp_path.read_text(encoding="utf-8"))
    for r in dp["resources"]:
        p = pkg / r["path"]
        if p.exists() and (r["name"] in tables or r["name"].removesuffix("_parquet") in tables):
            raw = p.read_bytes()
            if "bytes" in r:  # Parquet resources declare neither (frictionless cannot measure them)
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


@dataclass(frozen=True)
class Pick:
    """A row chosen by its key columns or by a property, whatever the table's order and size."""

    what: str
    match: Callable[[pd.DataFrame], pd.Series]
    values: tuple = ()  # (column, value) pairs when the row is picked by key

    def index(self, df: pd.DataFrame):
        hits = df.index[self.match(df).fillna(False).astype(bool)]
        if len(hits) == 0:
            raise LookupError(f"no row is {self.what}")
        return hits[0]


def key(**values) -> Pick:
    """The row with these column values (a primary key, or enough of one)."""
    def match(df):
        m = pd.Series(True, index=df.index)
        for c, v in values.items():
            m &= df[c].astype(object) == v
        return m
    return Pick(", ".join(f"{c}={v}" for c, v in values.items()), match, tuple(values.items()))


def where(what: str, fn: Callable[[pd.DataFrame], pd.Series]) -> Pick:
    """The first row (in key order) with a property."""
    return Pick(what, fn)


def set_cell(col: str, row: Pick, value, add_category: bool = False):
    def fn(df: pd.DataFrame):
        if add_category and isinstance(df[col].dtype, pd.CategoricalDtype) and value is not None:
            df[col] = df[col].cat.add_categories([value])
        df.loc[row.index(df), col] = value
        return df

    return fn


def key_of(table: str, row: Pick, pkg_root: Path) -> str:
    """The row key text a failure must carry for the picked row of ``table``."""
    df = pd.read_parquet(pkg_root / "data" / f"{table}.parquet")
    t = R.table(table)
    given = dict(row.values)
    if set(t.primary_key) <= set(given):  # a key the corruption may add: no need for the row to exist yet
        return ", ".join(f"{k}={given[k]}" for k in t.primary_key)
    i = row.index(df)
    return ", ".join(f"{k}={df.loc[i, k]}" for k in t.primary_key)


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


def duplicate_row(row: Pick):
    return lambda df: pd.concat([df, df.loc[[row.index(df)]]], ignore_index=True)


def shift_offsets(row: Pick):
    def fn(df):
        i = row.index(df)
        df.loc[i, "char_start"] = df.loc[i, "char_start"] + 1
        df.loc[i, "char_end"] = df.loc[i, "char_end"] + 1
    return fn


def past_end(row: Pick):
    def fn(df):
        i = row.index(df)
        df.loc[i, "char_start"] = 50000
        df.loc[i, "char_end"] = 50010
    return fn


def date_after(col_a: str, col_b: str):
    def fn(df):
        i = df.index[df[col_a].notna() & df[col_b].notna()][0]
        df.loc[i, col_a] = df.loc[i, col_b] + dt.timedelta(days=3)
    return fn


FIRST = "20260109_b8da6c60f8"  # the first article: its rows are chosen by key below


def _q(local: str) -> str:
    return f"{FIRST}.{local}"


def seed_edit(pkg: Path) -> None:
    p = pkg / "seeds" / f"{FIRST}.txt"
    p.write_bytes(p.read_bytes().replace(b"97%", b"98%"))


def seed_edit_restamped(pkg: Path) -> None:
    seed_edit(pkg)
    dp_path = pkg / "datapackage.json"
    dp = json.loads(dp_path.read_text(encoding="utf-8"))
    r = _resource(dp, f"seed_{FIRST}")
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


def _drop(row: Pick):
    return lambda df: df.drop(index=row.index(df)).reset_index(drop=True)


# -- the catalogue ---------------------------------------------------------------------------
# Rows are chosen by key (rows of the first article, whose coding is fixed) or by property, never by position.

E, S, M, A, P = "events", "statements", "metrics", "actors", "event_participants"
THREAT = key(event_id=_q("trump_threatens_land_strikes"))
INTERVIEW = key(event_id=_q("trump_fox_news_interview"))
CAPTURE = key(event_id=_q("us_captures_maduro"))
HEADLINE = key(statement_id=_q("article_headline"))
OUTREACH = key(statement_id=_q("sheinbaum_announces_outreach"))
CARTELS_RUNNING = key(statement_id=_q("trump_cartels_running_mexico"))
SEA_SHARE = key(metric_id=_q("share_sea_drug_shipments_disrupted"))
OVERDOSES = key(metric_id=_q("us_overdose_deaths_per_year"))
EXPULSIONS = key(metric_id=_q("expulsions_of_cartel_figures"))
MEXICO, SHEINBAUM, TRUMP = key(actor_id="mexico"), key(actor_id="claudia_sheinbaum"), key(actor_id="donald_trump")
GOV_MEXICO = key(actor_id="government_of_mexico")
FIRST_SOURCE = key(source_id=FIRST)
ANY_PART = key(event_id=_q("trump_threatens_land_strikes"), actor_id="donald_trump", role="actor")
ANY_CONTEXT = key(event_id=_q("trump_threatens_land_strikes"), plover_context="military")
CODE_05 = key(cameo_code="015")
CODE_ROOT = key(cameo_code="0311")
DATED_EVENT = where("an event dated to one day", lambda df: df["date_precision"].astype(str) == "day")
WORDED_STATEMENT = where("a statement dated by words of the text", lambda df: df["date_expression"].notna()
                         & df["date_basis"].astype(str).isin(["explicit", "relative_to_publication"]))
VERB_STATEMENT = where("a statement with a reporting verb", lambda df: df["reporting_verb"].notna())
DAY_METRIC = where("a metric whose period is one day", lambda df: df["period_precision"].astype(str) == "day")
WORDED_METRIC = where("a metric whose period is words of the text", lambda df: df["period_expression"].notna()
                      & df["period_basis"].astype(str).isin(["explicit", "relative_to_publication"]))
VAGUE = where("a vague quantity", lambda df: df["bound_rule"].astype(str) == "vague_quantity")
LOCATED = where("an event with a location country", lambda df: df["location_country_iso3"].notna())
GEONAMED = where("the second place with a GeoNames id", lambda df: df["geonames_id"].notna()
                 & (df.index > df.index[df["geonames_id"].notna()][0]))


def set_cells(row: Pick, **values):
    def fn(df: pd.DataFrame):
        i = row.index(df)
        for col, value in values.items():
            df.loc[i, col] = value
        return df
    return fn


def same_geonames_as_first(df: pd.DataFrame) -> pd.DataFrame:
    df.loc[GEONAMED.index(df), "geonames_id"] = df.loc[df["geonames_id"].notna(), "geonames_id"].iloc[0]
    return df


CATALOGUE: list[Corruption] = [
    # keys
    Corruption("duplicate primary key (events)", E, "event_id", THREAT, edit(E, duplicate_row(THREAT))),
    Corruption("duplicate primary key (actors)", A, "actor_id", MEXICO, edit(A, duplicate_row(MEXICO))),
    Corruption("duplicate composite key (event_participants)", P, None, ANY_PART, edit(P, duplicate_row(ANY_PART))),
    Corruption("duplicate primary key (cameo_codes)", "cameo_codes", "cameo_code", CODE_05,
                edit("cameo_codes", duplicate_row(CODE_05))),
    # foreign keys
    Corruption("dangling FK events.source_id", E, "source_id", THREAT, edit(E, set_cell("source_id", THREAT, "20990101_0000000000"))),
    Corruption("dangling FK event_participants.actor_id", P, "actor_id", None,
                edit(P, set_cell("actor_id", ANY_PART, "nosuch_actor"))),
    Corruption("dangling FK event_participants.event_id", P, "event_id", None,
                edit(P, set_cell("event_id", ANY_PART, _q("nosuch_event")))),
    Corruption("dangling FK statements.speaker_actor_id", S, "speaker_actor_id", OUTREACH,
                edit(S, set_cell("speaker_actor_id", OUTREACH, "nosuch_actor"))),
    Corruption("dangling FK statements.setting_event_id", S, "setting_event_id", CARTELS_RUNNING,
                edit(S, set_cell("setting_event_id", CARTELS_RUNNING, _q("nosuch_event")))),
    Corruption("dangling FK metrics.statement_id", M, "statement_id", SEA_SHARE,
                edit(M, set_cell("statement_id", SEA_SHARE, _q("nosuch_statement")))),
    Corruption("dangling FK metrics.claimant_actor_id", M, "claimant_actor_id", OVERDOSES,
                edit(M, set_cell("claimant_actor_id", OVERDOSES, "nosuch_actor"))),
    Corruption("dangling FK events.cameo_code", E, "cameo_code", THREAT, edit(E, set_cell("cameo_code", THREAT, "0999"))),
    Corruption("dangling FK events.plover_mode_id", E, "plover_mode_id", THREAT,
                edit(E, set_cell("plover_mode_id", THREAT, "THREATEN.nuclear"))),
    Corruption("dangling FK actors.parent_actor_id", A, "parent_actor_id", GOV_MEXICO,
                edit(A, set_cell("parent_actor_id", GOV_MEXICO, "nosuch_parent"))),
    Corruption("dangling FK event_contexts.plover_context", "event_contexts", "plover_context", None,
                edit("event_contexts", set_cell("plover_context", ANY_CONTEXT, "astrology"))),
    Corruption("dangling FK cameo_codes.root_code", "cameo_codes", "root_code", CODE_ROOT,
                edit("cameo_codes", set_cell("root_code", CODE_ROOT, "99"))),
    Corruption("dangling FK actor_affiliations.affiliated_actor_id", "actor_affiliations", "affiliated_actor_id",
                key(actor_affiliation_id=_q("claudia_sheinbaum_a01")),
                edit("actor_affiliations", set_cell("affiliated_actor_id", key(actor_affiliation_id=_q("claudia_sheinbaum_a01")),
                                                    "nosuch_state"))),
    Corruption("dangling FK sources.issuer_actor_id", "sources", "issuer_actor_id", FIRST_SOURCE,
                edit("sources", set_cell("issuer_actor_id", FIRST_SOURCE, "nosuch_issuer"))),
    # nulls in required columns
    Corruption("null in required events.quote", E, "quote", THREAT, edit(E, set_cell("quote", THREAT, None))),
    Corruption("null in required statements.speaker_actor_id", S, "speaker_actor_id", HEADLINE,
                edit(S, set_cell("speaker_actor_id", HEADLINE, None))),
    Corruption("null in required metrics.unit", M, "unit", SEA_SHARE, edit(M, set_cell("unit", SEA_SHARE, None))),
    Corruption("null in required actors.name", A, "name", MEXICO, edit(A, set_cell("name", MEXICO, None))),
    Corruption("null in required sources.sha256", "sources", "sha256", FIRST_SOURCE,
                edit("sources", set_cell("sha256", FIRST_SOURCE, None))),
    Corruption("null in required sources.license", "sources", "license", FIRST_SOURCE,
                edit("sources", set_cell("license", FIRST_SOURCE, None))),
    # vocabularies
    Corruption("value outside vocabulary events.status", E, "status", THREAT,
                edit(E, set_cell("status", THREAT, "rumoured", add_category=True))),
    Corruption("value outside vocabulary statements.quote_type", S, "quote_type", HEADLINE,
                edit(S, set_cell("quote_type", HEADLINE, "paraphrase", add_category=True))),
    Corruption("value outside vocabulary event_participants.role", P, "role", None,
                edit(P, set_cell("role", ANY_PART, "bystander", add_category=True))),
    Corruption("value outside vocabulary metrics.unit", M, "unit", SEA_SHARE,
                edit(M, set_cell("unit", SEA_SHARE, "dollars", add_category=True))),
    # dates
    Corruption("impossible date in CSV (2026-02-30)", E, "date_start", None,
                file_bytes(E, "csv", lambda b: b.replace(b",2026-01-08,2026-01-08,2026-01-08,day",
                                                         b",2026-01-08,2026-02-30,2026-01-08,day", 1))),
    Corruption("impossible date in a normalized date value", E, "date_value", THREAT,
                edit(E, set_cell("date_value", THREAT, "2026-02-30"))),
    Corruption("normalized date value disagrees with its bounds", S, "date_value", HEADLINE,
                edit(S, set_cell("date_value", HEADLINE, "2025-01-09"))),
    Corruption("unparseable date in CSV", S, "date_end", None,
                file_bytes(S, "csv", lambda b: b.replace(b",2026-01-09,day,", b",next Tuesday,day,", 1))),
    Corruption("date_start after date_end (events)", E, "date_start", None,
                edit(E, date_after("date_start", "date_end"))),
    Corruption("period_start after period_end (metrics)", M, "period_start", None,
                edit(M, date_after("period_start", "period_end"))),
    # values
    Corruption("value above value_max", M, "value", SEA_SHARE, edit(M, set_cell("value", SEA_SHARE, 120.0))),
    Corruption("value_min above value_max", M, "value_min", OVERDOSES, edit(M, set_cell("value_min", OVERDOSES, 1e9))),
    Corruption("negative count", M, "value_min", OVERDOSES, edit(M, set_cell("value_min", OVERDOSES, -5.0))),
    Corruption("share above 100 percent", M, None, SEA_SHARE,
                edit(M, lambda df: df.assign(value=df["value"].where(df.index != SEA_SHARE.index(df), 140.0),
                                             value_max=df["value_max"].where(df.index != SEA_SHARE.index(df), 150.0)))),
    Corruption("lower bound with an upper bound", M, "value_min", where(
                "a lower_bound metric", lambda df: df["bound_rule"].astype(str) == "lower_bound"),
                edit(M, lambda df: df.assign(value_max=df["value_max"].where(
                    df["bound_rule"].astype(str) != "lower_bound", 1e12)))),
    # evidence
    Corruption("quote differs from the seed", E, "quote", CAPTURE, edit(E, set_cell("quote", CAPTURE, "changed words"))),
    Corruption("offsets past the end of the text", S, "char_end", HEADLINE, edit(S, past_end(HEADLINE))),
    Corruption("offsets shifted by one", E, "quote", THREAT, edit(E, shift_offsets(THREAT))),
    Corruption("negative char_start", M, "char_start", SEA_SHARE, edit(M, set_cell("char_start", SEA_SHARE, -3))),
    # patterns
    Corruption("malformed ISO 3166 alpha-3 (MX)", A, "country_iso3", MEXICO,
                edit(A, set_cell("country_iso3", MEXICO, "MX"))),
    Corruption("malformed Wikidata id", A, "wikidata_qid", SHEINBAUM, edit(A, set_cell("wikidata_qid", SHEINBAUM, "5771800"))),
    Corruption("malformed identifier (spaces, capitals)", S, "statement_id", None,
                edit(S, set_cell("statement_id", HEADLINE, "Bad Id"))),
    Corruption("row id without its source namespace", E, "event_id", None,
                edit(E, set_cell("event_id", THREAT, "trump_threatens_land_strikes"))),
    Corruption("malformed sha256", "sources", "sha256", FIRST_SOURCE, edit("sources", set_cell("sha256", FIRST_SOURCE, "abc"))),
    Corruption("source id not computed from date and hash", "sources", "source_id", None,
                edit("sources", set_cell("publication_date", FIRST_SOURCE, dt.date(2026, 1, 10)))),
    Corruption("LicenseRef licence without its text", "sources", "license_text", FIRST_SOURCE,
                edit("sources", set_cell("license_text", FIRST_SOURCE, None))),
    Corruption("mode of another type", E, "plover_mode_id", THREAT,
                edit(E, set_cell("plover_mode_id", THREAT, "COERCE.arrest"))),
    Corruption("Wikidata id without provenance", A, "wikidata_qid_provenance", TRUMP,
                edit(A, set_cell("wikidata_qid_provenance", TRUMP, None))),
    Corruption("country code that does not exist (XXX)", A, "country_iso3", TRUMP,
                edit(A, set_cell("country_iso3", TRUMP, "XXX"))),
    Corruption("two actors share a Wikidata id", A, "wikidata_qid", SHEINBAUM,
                edit(A, set_cell("wikidata_qid", SHEINBAUM, "Q22686"))),
    Corruption("two actors share a name", A, "name", TRUMP, edit(A, set_cell("name", TRUMP, "MEXICO"))),
    Corruption("actor mentioned and referenced nowhere", A, "actor_id", key(actor_id="zz_unused"),
                edit(A, lambda df: pd.concat([df, df.loc[[MEXICO.index(df)]].assign(
                    actor_id="zz_unused", name="Unused actor", wikidata_qid=None)], ignore_index=True))),
    Corruption("actor affiliated with itself", "actor_affiliations", "affiliated_actor_id", None,
                edit("actor_affiliations", set_cell("affiliated_actor_id", key(actor_affiliation_id=_q("claudia_sheinbaum_a01")),
                                                    "claudia_sheinbaum"))),
    Corruption("precision disagrees with the normalized value", E, "date_precision", DATED_EVENT,
                edit(E, set_cell("date_precision", DATED_EVENT, "month"))),
    Corruption("weekend that is a Monday and Tuesday", E, "date_precision", DATED_EVENT,
                edit(E, set_cells(DATED_EVENT, date_precision="weekend", date_value="2026-01-05/2026-01-06",
                                  date_start=dt.date(2026, 1, 5), date_end=dt.date(2026, 1, 6)))),
    Corruption("weekend period that is a Monday and Tuesday", M, "period_precision", DAY_METRIC,
                edit(M, set_cells(DAY_METRIC, period_precision="weekend", period_value="2026-01-05/2026-01-06",
                                  period_start=dt.date(2026, 1, 5), period_end=dt.date(2026, 1, 6)))),
    Corruption("date from the text without its expression", S, "date_expression", WORDED_STATEMENT,
                edit(S, set_cell("date_expression", WORDED_STATEMENT, None))),
    Corruption("period from the text without its expression", M, "period_expression", WORDED_METRIC,
                edit(M, set_cell("period_expression", WORDED_METRIC, None))),
    Corruption("date expression not in the seed", S, "date_expression", WORDED_STATEMENT,
                edit(S, set_cell("date_expression", WORDED_STATEMENT, "on the first of Neverember"))),
    Corruption("period expression not in the seed", M, "period_expression", WORDED_METRIC,
                edit(M, set_cell("period_expression", WORDED_METRIC, "during the reign of nobody"))),
    Corruption("period bounds that are not its value's", M, "period_value", DAY_METRIC,
                edit(M, lambda df: df.assign(period_end=df["period_end"].where(
                    df.index != DAY_METRIC.index(df), df["period_end"].map(lambda d: d and d + dt.timedelta(days=1)))))),
    Corruption("period precision disagrees with its value", M, "period_precision", DAY_METRIC,
                edit(M, set_cell("period_precision", DAY_METRIC, "year"))),
    Corruption("outside-source period basis without a source", M, "period_source", WORDED_METRIC,
                edit(M, set_cell("period_basis", WORDED_METRIC, "outside_source"))),
    Corruption("vague quantity with a value", M, "value", VAGUE, edit(M, set_cell("value", VAGUE, 3.0))),
    Corruption("event location country that does not exist (XXX)", E, "location_country_iso3", LOCATED,
                edit(E, set_cell("location_country_iso3", LOCATED, "XXX"))),
    Corruption("reporting verb not in the quote", S, "reporting_verb", VERB_STATEMENT,
                edit(S, set_cell("reporting_verb", VERB_STATEMENT, "proclaimed loudly"))),
    Corruption("two places share a GeoNames id", "places", "geonames_id", GEONAMED, edit("places", same_geonames_as_first)),
    Corruption("outside-source basis without a source", S, "date_source", OUTREACH,
                edit(S, set_cell("date_basis", OUTREACH, "outside_source"))),
    Corruption("direct quotation without quotation marks", S, "quote_type", OUTREACH,
                edit(S, set_cell("quote_type", OUTREACH, "direct"))),
    Corruption("authored statement by someone else than the issuer", S, "speaker_actor_id", OUTREACH,
                edit(S, set_cell("quote_type", OUTREACH, "authored"))),
    Corruption("hedge not in the quote", S, "hedge", OUTREACH, edit(S, set_cell("hedge", OUTREACH, "allegedly"))),
    Corruption("count with a fraction", M, "value", EXPULSIONS,
                edit(M, lambda df: df.assign(**{c: df[c].where(df.index != EXPULSIONS.index(df), 2.5)
                                                for c in ("value", "value_min", "value_max")}))),
    Corruption("claimant is not the statement's speaker", M, "claimant_actor_id", SEA_SHARE,
                edit(M, set_cell("claimant_actor_id", SEA_SHARE, "claudia_sheinbaum"))),
    Corruption("metric evidence outside its statement", M, "char_start", SEA_SHARE,
                edit(M, set_cell("statement_id", SEA_SHARE, _q("trump_cartels_running_mexico")))),
    Corruption("primary event mention differs from the event's evidence", "event_mentions", "char_start", None,
                edit(E, lambda df: df.assign(char_start=df["char_start"].where(df.index != THREAT.index(df), df["char_start"] + 9),
                                             quote=df["quote"].where(df.index != THREAT.index(df), df["quote"].str.slice(9))))),
    Corruption("event without a primary mention", "event_mentions", "is_primary", None,
                edit("event_mentions", lambda df: df.assign(is_primary=df["is_primary"] & (df["event_id"] != _q("trump_threatens_land_strikes"))))),
    # spreadsheet formulas
    Corruption("formula cell (=) in statements.description", S, "description", HEADLINE,
                edit(S, set_cell("description", HEADLINE, '=HYPERLINK("http://x","y")'))),
    Corruption("formula cell (@) in actors.name", A, "name", TRUMP, edit(A, set_cell("name", TRUMP, "@SUM(A1)"))),
    Corruption("formula cell (+) in metrics.measure", M, "measure", SEA_SHARE, edit(M, set_cell("measure", SEA_SHARE, "+1+1"))),
    # CSV and Parquet agreement
    Corruption("CSV and Parquet disagree on a cell", E, "description", THREAT,
                edit(E, set_cell("description", THREAT, "A different description."), formats=("csv",))),
    Corruption("row missing from the Parquet file", S, None, HEADLINE, edit(S, _drop(HEADLINE), formats=("parquet",))),
    # places
    Corruption("coordinates that are not the gazetteer's", "places", "latitude", where(
                "a place with coordinates", lambda df: df["latitude"].notna()),
                edit("places", lambda df: df.assign(latitude=df["latitude"].where(
                    df.index != df.index[df["latitude"].notna()][0], 1.5)))),
    Corruption("place referenced by no event", "places", "place_id", key(place_id="zz_unused_place"),
                edit("places", lambda df: pd.concat([df, df.iloc[[0]].assign(
                    place_id="zz_unused_place", name="Unused place", geonames_id=None, wikidata_qid=None)],
                    ignore_index=True))),
    Corruption("dangling FK event_places.place_id", "event_places", "place_id", None,
                edit("event_places", lambda df: df.assign(place_id=df["place_id"].where(df.index != 0, "nowhere")))),
    # derived tables
    Corruption("flat view disagrees with the events it comes from", "event_dyads", "actor1_name",
                key(event_dyad_id=_q("trump_threatens_land_strikes_d01")),
                edit("event_dyads", set_cell("actor1_name", key(event_dyad_id=_q("trump_threatens_land_strikes_d01")),
                                             "Someone else"))),
    Corruption("quotation missing from the derived table", "quotations", None,
                key(quotation_id=_q("trump_cartels_running_mexico_q01")),
                edit("quotations", _drop(key(quotation_id=_q("trump_cartels_running_mexico_q01"))))),
    # columns
    Corruption("extra column", E, None, None, edit(E, _extra)),
    Corruption("missing column", S, None, None, edit(S, _missing)),
    Corruption("reordered columns", M, None, None, edit(M, _reorder)),
    # files
    Corruption("wrong bytes in descriptor", A, None, None,
                descriptor(lambda dp: _resource(dp, "actors").update(bytes=12))),
    Corruption("wrong hash in descriptor (CSV)", E, None, None,
                descriptor(lambda dp: _resource(dp, "events").update(hash="sha256:" + "0" * 64))),
    Corruption("Parquet resource typed 'file' (not Data Package v2)", E, None, None,
                descriptor(lambda dp: _resource(dp, "events_parquet").update(type="file"))),
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
    Corruption("seed text changed", "sources", "sha256", FIRST_SOURCE, seed_edit),
    Corruption("seed text changed, descriptor hash re-stamped", "sources", "sha256", FIRST_SOURCE, seed_edit_restamped),
    Corruption("char_length wrong", "sources", "char_length", FIRST_SOURCE,
                edit("sources", set_cell("char_length", FIRST_SOURCE, 2000))),
]
