"""Read a source record and its human coding file into table rows.

The coding file (``coding/<source_id>.yaml``) holds the human judgement: which
actors, events, statements and metrics the article contains, each citing the
exact words it rests on.  This module checks every record against the
registry (keys, types, patterns, vocabularies, references), locates every
quote in the seed (offsets are computed here, never typed by hand), resolves
every date expression, and reports *all* problems at once, each with file,
line, record id and a fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import registry as R
from .dates import DateError, resolve, resolve_span
from .textspan import QuoteError, find_words, locate
from .yamlio import InputError, LineDict, load_yaml


class CodingErrors(Exception):
    """One or more problems in the input files; ``errors`` lists them."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


# -- the source record --------------------------------------------------------

SOURCE_KEYS = [f.name for f in R.SOURCES.fields]


@dataclass
class Source:
    row: dict
    text: str
    record_path: Path
    line: int = 1  # the line the record starts on


def _check_seed_bytes(seed_path: Path, raw: bytes, errors: list) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append(InputError(seed_path, 1, "the seed starts with a UTF-8 byte-order mark; seeds are stored "
                                 "byte for byte as published, without BOM"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        errors.append(InputError(seed_path, line, f"the seed is not valid UTF-8 (byte 0x{raw[e.start]:02x} at byte "
                                 f"{e.start}); restore the original file"))
        return None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        errors.append(InputError(seed_path, line, "the seed contains carriage returns (CRLF line ends); seeds use "
                                 "\\n only: restore the original file"))
    if unicodedata.normalize("NFC", text) != text:
        pos = next(i for i, c in enumerate(text) if unicodedata.normalize("NFC", c) != c
                   or unicodedata.combining(c))
        errors.append(InputError(seed_path, text[:pos].count("\n") + 1, "the seed is not in Unicode NFC "
                                 "(decomposed characters, e.g. an accent stored as a separate combining mark); "
                                 "offsets would not match: restore the original file"))
    return text


def compute_source_id(publication_date: dt.date, sha256: str) -> str:
    """The source id scheme: publication date as YYYYMMDD, '_', the first 10 hex digits of the seed's SHA-256."""
    return f"{publication_date:%Y%m%d}_{sha256[:10]}"


def load_source(record_path: Path, root: Path, actor_ids: set | None = None) -> Source:
    errors: list[InputError] = []
    rec = load_yaml(record_path)
    _check_keys(rec, SOURCE_KEYS, [f.name for f in R.SOURCES.fields if f.required], record_path, "source", errors)
    if errors:
        raise CodingErrors(errors)
    seed_path = root / rec["seed_path"]
    try:
        raw = seed_path.read_bytes()
    except OSError as e:
        raise CodingErrors([InputError(record_path, rec.line_of("seed_path"),
                                       f"seed file {rec['seed_path']!r} cannot be read ({e.strerror})")]) from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != rec["sha256"]:
        errors.append(InputError(record_path, rec.line_of("sha256"),
                                 f"the seed {rec['seed_path']} has changed since its hash was recorded "
                                 f"(recorded {rec['sha256']}, file now {digest}); seeds are immutable: restore "
                                 "the original bytes, or add the new text as a new source"))
    text = _check_seed_bytes(seed_path, raw, errors)
    if text is not None and not errors:
        if len(text) != rec["char_length"]:
            errors.append(InputError(record_path, rec.line_of("char_length"),
                                     f"char_length is {rec['char_length']} but the seed has {len(text)} code points"))
        if text.split("\n", 1)[0] != rec["title"]:
            errors.append(InputError(record_path, rec.line_of("title"),
                                     "title must be the seed's first line, verbatim"))
    row = {k: rec.get(k) for k in SOURCE_KEYS}
    for k in SOURCE_KEYS:
        _check_value(R.SOURCES.field(k), row[k], record_path, rec.line_of(k), "source", errors)
    if not errors:
        want = compute_source_id(row["publication_date"], digest)
        if row["source_id"] != want:
            errors.append(InputError(record_path, rec.line_of("source_id"), f"source_id {row['source_id']!r} does "
                                     f"not follow the scheme (publication date, '_', first 10 hex digits of the "
                                     f"seed's sha256): it must be {want!r}", "source"))
        elif record_path.name != f"{want}.yaml" or row["seed_path"] != f"seeds/{want}.txt":
            errors.append(InputError(record_path, rec.line_of("seed_path"), f"the source record and seed must be "
                                     f"seeds/{want}.yaml and seeds/{want}.txt", "source"))
        if actor_ids is not None and row["issuer_actor_id"] not in actor_ids:
            close = difflib.get_close_matches(str(row["issuer_actor_id"]), sorted(actor_ids), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; add it to coding/actors.yaml"
            errors.append(InputError(record_path, rec.line_of("issuer_actor_id"), f"issuer_actor_id "
                                     f"{row['issuer_actor_id']!r} matches no actor in the registry{hint}", "source"))
    if errors:
        raise CodingErrors(errors)
    return Source(row, text, record_path, rec.line)


# -- generic record checks ------------------------------------------------------

def _check_keys(rec, allowed, required, path, record_id, errors):
    line = rec.line if isinstance(rec, LineDict) else None
    if not isinstance(rec, dict):
        errors.append(InputError(path, line, f"expected a mapping of fields, got {type(rec).__name__}", record_id))
        return False
    ok = True
    for k in rec:
        if k not in allowed:
            close = difflib.get_close_matches(str(k), allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; allowed keys: {', '.join(allowed)}"
            errors.append(InputError(path, rec.line_of(k), f"unknown key {k!r}{hint}", record_id))
            ok = False
    for k in required:
        if rec.get(k) is None:
            errors.append(InputError(path, rec.line, f"missing required field {k!r}", record_id))
            ok = False
    return ok


def is_country(code) -> bool:
    """True for a current ISO 3166-1 alpha-3 code (pycountry's copy of the ISO list)."""
    import pycountry

    return pycountry.countries.get(alpha_3=str(code)) is not None


_PY_TYPES = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
             "date": (dt.date,)}


def _check_value(f: R.Field, v, path, line, record_id, errors) -> bool:
    if v is None:
        if f.required:
            errors.append(InputError(path, line, f"{f.name} is required", record_id))
            return False
        return True
    ok_types = _PY_TYPES[f.type]
    if isinstance(v, bool) and f.type != "boolean" or not isinstance(v, ok_types):
        hint = " (quote it: YAML reads 010 or 2026-01-09 as numbers or dates)" if f.type == "string" else ""
        errors.append(InputError(path, line, f"{f.name} must be a {f.type}, got {type(v).__name__} {v!r}{hint}",
                                 record_id))
        return False
    if f.type == "string" and not v.strip():
        errors.append(InputError(path, line, f"{f.name} is empty", record_id))
        return False
    if f.pattern and not re.search(f.pattern, v):
        errors.append(InputError(path, line, f"{f.name} {v!r} does not match the pattern {f.pattern}", record_id))
        return False
    if f.categories is not None and v not in f.categories:
        close = difflib.get_close_matches(str(v), [str(c) for c in f.categories], n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(map(str, f.categories))}"
        errors.append(InputError(path, line, f"{f.name} {v!r} is not in the vocabulary; {hint}", record_id))
        return False
    if f.minimum is not None and v < f.minimum or f.maximum is not None and v > f.maximum:
        errors.append(InputError(path, line, f"{f.name} {v!r} is outside [{f.minimum}, {f.maximum}]", record_id))
        return False
    return True


# -- the registries: actors and places, each defined once for the corpus -------------------------------

ACTOR_REGISTRY = Path("coding") / "actors.yaml"
PLACE_REGISTRY = Path("coding") / "places.yaml"
GAZETTEER_FIELDS = ("admin1_code", "latitude", "longitude", "coordinate_precision")  # places: filled from GeoNames


def normalise_name(name: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name, for uniqueness checks and matching."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"[’'`´]", "'", folded)
    return re.sub(r"[\s.]+", " ", folded).strip()


@dataclass
class Registry:
    path: Path
    rows: list = field(default_factory=list)  # rows, registry order
    lines: dict = field(default_factory=dict)  # id -> line
    aliases: dict = field(default_factory=dict)  # id -> names other sources may use for it
    origins: list = field(default_factory=list)  # (line, record label) of each row, parallel to rows

    @property
    def ids(self) -> set:
        return set(self.lines)


ActorRegistry = Registry


def _check_actor(rec, label, path, errors) -> bool:
    if rec.get("parent_actor_id") is not None and rec["actor_type"] == "person":
        errors.append(InputError(path, rec.line_of("parent_actor_id"), "a person has no parent_actor_id: offices "
                                 "and memberships change over time, so code them as dated `affiliations` in "
                                 "the coding file of the source that states them", label))
        return False
    return True


def _fill_place(rec, label, path, errors) -> dict | None:
    """The gazetteer's facts for a place with a GeoNames id (its country must agree)."""
    from .gazetteer import GazetteerError, lookup

    out = dict.fromkeys(GAZETTEER_FIELDS)
    if rec.get("geonames_id") is None:
        return out
    try:
        g = lookup(rec["geonames_id"])
    except GazetteerError as e:
        errors.append(InputError(path, rec.line_of("geonames_id"), str(e), label))
        return None
    if rec.get("country_iso3") != g["country_iso3"]:
        errors.append(InputError(path, rec.line_of("country_iso3"), f"the gazetteer puts GeoNames id "
                                 f"{rec['geonames_id']} ({g['name']}) in {g['country_iso3']}, not in "
                                 f"{rec.get('country_iso3')}: correct the id or the country", label))
        return None
    out.update(admin1_code=g["admin1_code"], latitude=g["latitude"], longitude=g["longitude"],
               coordinate_precision="populated_place" if g["latitude"] is not None else None)
    return out


def _load_registry(root: Path, rel: Path, t: R.Table, derived: tuple = ()) -> Registry:
    """Read a registry file: every record defined once; ids, names, aliases and Wikidata ids unique, each
    collision naming both lines; references inside the registry checked."""
    path = Path(root) / rel
    doc = load_yaml(path)
    errors: list[InputError] = []
    section = t.name
    _check_keys(doc, [section], [section], path, None, errors)
    records = doc.get(section)
    if errors or not isinstance(records, list):
        raise CodingErrors(errors or [InputError(path, doc.line_of(section), f"{section} must be a list of records")])
    id_col = t.primary_key[0]
    singular = section[:-1]
    reg = Registry(path)
    fields = [f for f in t.fields if f.name not in derived]
    allowed = [f.name for f in fields] + ["names"]
    required = [f.name for f in fields if f.required]
    seen: dict[str, dict] = {"name": {}, "qid": {}, "alias": {}, "geonames": {}}
    refs = []
    for rec in records:
        rid = rec.get(id_col) if isinstance(rec, dict) else None
        label = f"{singular} {rid}" if rid else f"{singular} on line {getattr(rec, 'line', '?')}"
        if not _check_keys(rec, allowed, required, path, label, errors):
            continue
        if not all([_check_value(f, rec.get(f.name), path, rec.line_of(f.name), label, errors) for f in fields]):
            continue
        if rid in reg.lines:
            errors.append(InputError(path, rec.line, f"{id_col} {rid!r} is already defined on line {reg.lines[rid]}: "
                                     f"a{'n' if singular[0] in 'aeiou' else ''} {singular} is defined once for the "
                                     "corpus", label))
            continue
        clash = False
        for what, key, col, rule in (("name", normalise_name(rec["name"]), "name", "a name"),
                                     ("qid", rec.get("wikidata_qid"), "wikidata_qid", "a Wikidata id"),
                                     ("geonames", rec.get("geonames_id"), "geonames_id", "a GeoNames id")):
            if key is not None and key in seen[what]:
                other, line = seen[what][key]
                shown = repr(rec[col]) if what == "name" else rec[col]
                errors.append(InputError(path, rec.line_of(col), f"{col} {shown} is already the "
                                         f"{'name' if what == 'name' else 'id'} of {singular} {other!r} (line {line}): "
                                         f"two {section} may not share {rule}", label))
                clash = True
        if clash:
            continue
        if t is R.ACTORS and not _check_actor(rec, label, path, errors):
            continue
        extra = _fill_place(rec, label, path, errors) if t is R.PLACES else {}
        if extra is None:
            continue
        names = rec.get("names") or []
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            errors.append(InputError(path, rec.line_of("names"), f"names must be a list of the names sources use "
                                     f"for the {singular} (used to recognise it in new texts)", label))
            continue
        for n in [rec["name"], *names]:
            k = normalise_name(n)
            if k in seen["alias"] and seen["alias"][k][0] != rid:
                other, line = seen["alias"][k]
                errors.append(InputError(path, rec.line_of("names"), f"name {n!r} is already a name of {singular} "
                                         f"{other!r} (line {line}): a name must point to one {singular}", label))
                clash = True
            seen["alias"].setdefault(k, (rid, rec.line))
        if clash:
            continue
        seen["name"][normalise_name(rec["name"])] = (rid, rec.line)
        for what, col in (("qid", "wikidata_qid"), ("geonames", "geonames_id")):
            if rec.get(col) is not None:
                seen[what][rec[col]] = (rid, rec.line)
        reg.lines[rid] = rec.line
        reg.aliases[rid] = list(dict.fromkeys([rec["name"], *names]))
        reg.rows.append({**{f.name: rec.get(f.name) for f in fields}, **extra})
        reg.origins.append((rec.line, label))
        for f in fields:
            if f.references and f.references[0] == section and rec.get(f.name) is not None:
                refs.append((rec[f.name], rec.line_of(f.name), label, f.name))
    for value, line, label, col in refs:
        if value not in reg.lines:
            errors.append(InputError(path, line, f"{col} {value!r} matches no {id_col}{_hint(value, reg.ids)}", label))
    if errors:
        raise CodingErrors(errors)
    reg.rows = [{c: r.get(c) for c in t.column_names} for r in reg.rows]
    return reg


def load_actor_registry(root: Path) -> Registry:
    """coding/actors.yaml: every actor of the corpus."""
    return _load_registry(root, ACTOR_REGISTRY, R.ACTORS)


def load_place_registry(root: Path) -> Registry:
    """coding/places.yaml: every place of the corpus, its coordinates from the gazetteer."""
    return _load_registry(root, PLACE_REGISTRY, R.PLACES, GAZETTEER_FIELDS)


def _hint(value, known) -> str:
    close = difflib.get_close_matches(str(value), sorted(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


# -- the coding file --------------------------------------------------------------

DERIVED = {"source_id", "char_start", "char_end", "quote"}
# Keys of the coding files that are not table columns, each once: (type, required, description).
# The lists of allowed keys below and the coding reference (docs/coding-reference.md) are made from these.
QUOTE_SPEC = {
    "exact": ("string", True, "The supporting words, exactly as in the seed (a plain string may stand for the "
              "whole mapping)."),
    "prefix": ("string", False, "Words immediately before the quote, to pick one of several occurrences."),
    "suffix": ("string", False, "Words immediately after the quote, to pick one of several occurrences."),
    "occurrence": ("integer", False, "Which occurrence (from 1) to use when the words occur more than once."),
}
DATE_SPEC = {
    "expression": ("string", False, "The words of the text that date the row, verbatim; the build resolves them "
                   "against the publication date."),
    "tense": ("string", False, "`past` or `future`: which way an expression without a year or week points "
              "('Jan. 20' in a past-tense report, 'Thursday' in a forecast)."),
    "until": ("string", False, "With expression, for a span given as two expressions ('started Sunday night and "
              "ended Monday morning': expression `Sunday night`, until `Monday morning`): words of the quote after "
              "the expression; the span runs from the start of the first to the end of the second, and the stored "
              "expression is the text from the first through the second."),
    "basis": ("string", False, "Without an expression: `publication_date` (present-tense reporting) or "
              "`before_publication` (past, undated)."),
    "value": ("string", False, "Given by hand (with precision and source) only for a fact from outside the text: "
              "ISO 8601 / EDTF value."),
    "start": ("date", False, "With value: earliest day."),
    "end": ("date", False, "With value: latest day."),
    "precision": ("string", False, "With value: one of the date precisions."),
    "source": ("string", False, "With value: the citation of the outside fact."),
}
SECTION_EXTRA = {
    "names": ("list of strings", True, "The words this text uses for the actor; every whole-word occurrence becomes "
              "an actor mention (the longest name wins where names overlap)."),
    "quote": ("string or quote mapping", True, "The words of the text that support the row (see Quotes)."),
    "date": ("date mapping", True, "When the row's content happened or was said (see Dates)."),
    "period": ("date mapping", True, "The period the figure refers to (see Dates)."),
    "mentions": ("list of quotes", False, "Other passages that refer to the event (the headline, 'That action')."),
    "participants": ("list of {actor_id, role}", True, "Actors of the event with their roles (event_participants)."),
    "places": ("list of {place_id, place_role, quote}", False, "Places the text ties the event to, each with the words "
               "that name it (event_places); the place is one of coding/places.yaml."),
    "contexts": ("list of strings", False, "PLOVER contexts of the event (event_contexts)."),
    "alternatives": ("list of mappings", False, "Other codings the text supports: cameo_code, plover_type, "
                     "plover_mode_id, rationale (event_code_alternatives)."),
}
QUOTE_KEYS = list(QUOTE_SPEC)
DATE_KEYS = list(DATE_SPEC)

# Per section: table, id column, extra (nested) keys, required extra keys, the temporal prefix.
SECTIONS = {
    "events": (R.EVENTS, "event_id", ["quote", "mentions", "date", "participants", "places", "contexts",
                                      "alternatives"],
               ["quote", "date", "participants"], "date"),
    "statements": (R.STATEMENTS, "statement_id", ["quote", "date"], ["quote", "date"], "date"),
    "metrics": (R.METRICS, "metric_id", ["quote", "period"], ["quote", "period"], "period"),
}
ACTOR_REF_KEYS = ["actor_id", "names"]
AFFILIATION_KEYS = ["actor_id", "affiliated_actor_id", "affiliation_type", "role", "quote", "date"]
TOP_KEYS = ["source_id", "draft", "actors", "affiliations", *SECTIONS]
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({w: 10 * i for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)})
NUMBER_WORDS.update({"a": 1, "an": 1, "dozen": 12, "no": 0, "none": 0})
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
               "trillion": 1_000_000_000_000}
OUTPUT_TABLES = ("actor_mentions", "actor_affiliations", "events", "event_places", "event_participants", "event_mentions",
                 "event_contexts", "event_code_alternatives", "statements", "metrics")


DRAFT_NOTICE = "a draft coding (written by `newsevents new`): review it, then delete its `draft:` line"


def is_draft(path: Path) -> bool:
    """True when the coding file exists and is marked `draft: true` (read leniently: any problem is reported
    by the real load). A file without the word `draft` is not parsed here: the real load parses it once."""
    try:
        if b"draft" not in Path(path).read_bytes():
            return False
        doc = load_yaml(path)
    except (OSError, InputError):
        return False
    return bool(doc.get("draft"))


@dataclass
class Coding:
    path: Path
    rows: dict = field(default_factory=dict)  # table name -> list of row dicts
    names: dict = field(default_factory=dict)  # actor id -> names the text uses for it
    origins: dict = field(default_factory=dict)  # table name -> (line, record label) of each row, parallel to rows

    def add(self, table: str, line: int, label: str, row: dict) -> None:
        """Append a row of ``table`` with the line and label of the YAML record it comes from."""
        self.rows[table].append(row)
        self.origins[table].append((line, label))


def qualify(source_id: str, local_id: str) -> str:
    """The corpus-wide id of a row coded from one source."""
    return f"{source_id}.{local_id}"


LOCAL_ID = R.Field("local id", "string", "", required=True, pattern=R.ID_PATTERN)


def _scalar_fields(t: R.Table, prefix: str | None) -> list[R.Field]:
    return [f for f in t.fields if f.name not in DERIVED and not (prefix and f.name.startswith(prefix + "_"))]


def _locate_quote(spec, text, path, line, rid, errors):
    if isinstance(spec, str):
        spec = {"exact": spec}
    elif isinstance(spec, dict):
        if not _check_keys(spec, QUOTE_KEYS, ["exact"], path, rid, errors):
            return None
    else:
        errors.append(InputError(path, line, "quote must be the exact words, or a mapping with exact and prefix/"
                                 "suffix/occurrence", rid))
        return None
    try:
        return locate(text, spec.get("exact"), spec.get("prefix"), spec.get("suffix"), spec.get("occurrence"))
    except QuoteError as e:
        errors.append(InputError(path, line, str(e), rid))
        return None


def _resolve_date(spec, quote: str | None, text: str, anchor: dt.date, prefix: str, path, line, rid, errors) -> dict | None:
    if not isinstance(spec, dict):
        errors.append(InputError(path, line, f"{prefix} must be a mapping (expression, or basis, or value+source)",
                                 rid))
        return None
    if not _check_keys(spec, DATE_KEYS, [], path, rid, errors):
        return None
    expr, basis, source = spec.get("expression"), spec.get("basis"), spec.get("source")
    out = {f"{prefix}_{k}": None for k in ("expression", "value", "start", "end", "precision", "basis", "source")}
    if expr is not None:
        if not isinstance(expr, str) or not (quote is not None and expr in quote or expr in text):
            errors.append(InputError(path, spec.line_of("expression"),
                                     f"{prefix} expression {expr!r} must be words of the seed text, verbatim "
                                     "(preferably inside the record's quote)", rid))
            return None
        out[f"{prefix}_expression"] = expr
    until = spec.get("until")
    if until is not None:
        hay = quote if quote is not None and isinstance(expr, str) and expr in quote else text
        i = hay.find(expr) if isinstance(expr, str) else -1
        j = hay.find(until, i + len(expr)) if isinstance(until, str) and i >= 0 else -1
        if j < 0:
            errors.append(InputError(path, spec.line_of("until"), f"{prefix} until {until!r} must follow the "
                                     "expression in the quote (or the seed text), verbatim", rid))
            return None
        out[f"{prefix}_expression"] = hay[i:j + len(until)]
    if source is not None or spec.get("value") is not None:
        # an outside fact: everything given by hand, with its citation
        missing = [k for k in ("value", "precision", "source") if spec.get(k) is None]
        if missing:
            errors.append(InputError(path, spec.line, f"{prefix} given by hand needs {', '.join(missing)} "
                                     "(an outside fact must carry its source)", rid))
            return None
        try:
            start = dt.date.fromisoformat(str(spec["start"])) if spec.get("start") is not None else None
            end = dt.date.fromisoformat(str(spec["end"])) if spec.get("end") is not None else None
        except ValueError as e:
            errors.append(InputError(path, spec.line, f"{prefix} start/end: {e}", rid))
            return None
        out.update({f"{prefix}_value": str(spec["value"]), f"{prefix}_start": start, f"{prefix}_end": end,
                    f"{prefix}_precision": spec["precision"], f"{prefix}_basis": "outside_source",
                    f"{prefix}_source": source})
    elif expr is not None:
        if basis is not None:
            errors.append(InputError(path, spec.line_of("basis"), f"{prefix}: basis is derived from the expression; "
                                     "remove it", rid))
            return None
        try:
            r = (resolve(expr, anchor, spec.get("tense")) if until is None
                 else resolve_span(expr, until, anchor, spec.get("tense")))
        except DateError as e:
            errors.append(InputError(path, spec.line_of("expression"), str(e), rid))
            return None
        out.update({f"{prefix}_value": r.value, f"{prefix}_start": r.start, f"{prefix}_end": r.end,
                    f"{prefix}_precision": r.precision, f"{prefix}_basis": r.basis})
    elif basis == "publication_date":
        out.update({f"{prefix}_value": anchor.isoformat(), f"{prefix}_start": anchor, f"{prefix}_end": anchor,
                    f"{prefix}_precision": "day", f"{prefix}_basis": basis})
    elif basis == "before_publication":
        out.update({f"{prefix}_value": f"../{anchor.isoformat()}", f"{prefix}_start": None, f"{prefix}_end": anchor,
                    f"{prefix}_precision": "interval", f"{prefix}_basis": basis})
    else:
        errors.append(InputError(path, spec.line, f"{prefix} needs an `expression` from the quote, or "
                                 "`basis: publication_date` / `basis: before_publication`, or value+precision+source",
                                 rid))
        return None
    if not _check_value(R.EVENTS.field("date_precision"), out[f"{prefix}_precision"], path, spec.line, rid, errors):
        return None
    return out


def word_figures(quote: str) -> set:
    """Every figure written in words in ``quote`` ('two', 'twenty million', 'Six', 'a dozen')."""
    out, current, total, active = set(), 0, 0, False
    for w in re.findall(r"[a-z]+", quote.lower()) + ["."]:
        if w in NUMBER_WORDS and not (w in ("a", "an") and active):
            if w not in ("a", "an"):
                out.add(NUMBER_WORDS[w])
            current += NUMBER_WORDS[w]
            active = True
        elif w in MULTIPLIERS and active:
            if w == "hundred":
                current *= 100
            else:
                total += max(current, 1) * MULTIPLIERS[w]
                current = 0
        elif w == "and" and active:
            continue
        else:
            if active:
                out.add(total + current)
            current, total, active = 0, 0, False
    return out


def digit_figures(quote: str) -> set:
    """Every figure written with digits in ``quote``, with a following 'million'/'billion' applied."""
    out = set()
    for m in re.finditer(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion|trillion))?", quote):
        v = float(m[1].replace(",", ""))
        out.add(v)
        if m[2]:
            out.add(v * MULTIPLIERS[m[2]])
    return out


def _section_records(doc, section, path, errors) -> list:
    records = doc.get(section) or []
    if not isinstance(records, list):
        errors.append(InputError(path, doc.line_of(section), f"{section} must be a list of records"))
        return []
    return records


def load_coding(path: Path, source: Source, vocab: dict | None = None,
                registry: Registry | None = None, places: Registry | None = None) -> Coding:
    """Read one coding file. ``vocab`` maps (table, column) of a vocabulary to its known values; ``registry``
    is the corpus's actor registry (actor ids are checked against it)."""
    errors: list[InputError] = []
    doc = load_yaml(path)
    if doc.get("draft"):
        raise CodingErrors([InputError(path, doc.line_of("draft"), DRAFT_NOTICE)])
    for key, registry_file in (("new_actors", ACTOR_REGISTRY), ("new_places", PLACE_REGISTRY)):
        if key in doc:
            errors.append(InputError(path, doc.line_of(key), f"`{key}` are stubs from `newsevents new`: complete "
                                     f"them, move them into {registry_file.as_posix()}, then delete this section"))
    _check_keys(doc, [*TOP_KEYS, "new_actors", "new_places"], ["source_id"], path, None, errors)
    if doc.get("source_id") is not None and doc.get("source_id") != source.row["source_id"]:
        errors.append(InputError(path, doc.line_of("source_id"), f"source_id {doc.get('source_id')!r} does not match "
                                 f"the source record {source.row['source_id']!r}"))
    text, sid, anchor = source.text, source.row["source_id"], source.row["publication_date"]
    coding = Coding(path, rows={t: [] for t in OUTPUT_TABLES}, origins={t: [] for t in OUTPUT_TABLES})
    seen_ids: dict[str, dict] = {s: {} for s in SECTIONS}
    refs = []  # (kind, value, path line, record id, field)

    # the registry's actors this text names, with the words it uses for each
    name_owner: dict[str, tuple[str, int]] = {}
    listed: dict[str, int] = {}
    for rec in _section_records(doc, "actors", path, errors):
        aid = rec.get("actor_id") if isinstance(rec, dict) else None
        label = f"actor {aid}" if aid else f"actor on line {getattr(rec, 'line', '?')}"
        if not _check_keys(rec, ACTOR_REF_KEYS, ACTOR_REF_KEYS, path, label, errors):
            continue
        if aid in listed:
            errors.append(InputError(path, rec.line, f"actor {aid!r} is listed twice in this file (first on line "
                                     f"{listed[aid]}); list all its names once", label))
            continue
        listed[aid] = rec.line
        refs.append((("actors", "actor_id"), aid, rec.line_of("actor_id"), label, "actor_id"))
        names = rec.get("names")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            errors.append(InputError(path, rec.line_of("names"), "names must be a non-empty list of the words the "
                                     "text uses for the actor (e.g. [Claudia Sheinbaum, Sheinbaum])", label))
            continue
        coding.names[aid] = []
        for n in names:
            if n in name_owner:
                errors.append(InputError(path, rec.line_of("names"), f"name {n!r} is already listed for actor "
                                         f"{name_owner[n][0]!r} (line {name_owner[n][1]}); a name must point to "
                                         "one actor", label))
            elif not find_words(text, n):
                errors.append(InputError(path, rec.line_of("names"), f"name {n!r} does not occur in the text as "
                                         "whole words; list only names the text uses", label))
            else:
                name_owner[n] = (aid, rec.line)
                coding.names[aid].append(n)

    # dated affiliations the text states
    counters: dict[str, int] = {}
    for rec in _section_records(doc, "affiliations", path, errors):
        aid = rec.get("actor_id") if isinstance(rec, dict) else None
        label = f"affiliation of {aid}" if aid else f"affiliation on line {getattr(rec, 'line', '?')}"
        if not _check_keys(rec, AFFILIATION_KEYS, ["actor_id", "affiliated_actor_id", "affiliation_type", "quote"],
                           path, label, errors):
            continue
        ok = True
        row = {}
        for name in ("actor_id", "affiliated_actor_id", "affiliation_type", "role"):
            f = R.ACTOR_AFFILIATIONS.field(name)
            ok &= _check_value(f, rec.get(name), path, rec.line_of(name), label, errors)
            row[name] = rec.get(name)
            if f.references and rec.get(name) is not None:
                refs.append((f.references, rec[name], rec.line_of(name), label, name))
        span = _locate_quote(rec.get("quote"), text, path, rec.line_of("quote"), label, errors)
        spec = rec.get("date")
        if spec is None:  # an office stated without a date holds as of publication
            spec = LineDict(basis="publication_date")
            spec.line, spec.key_lines = rec.line, {}
        d = _resolve_date(spec, span.text if span else None, text, anchor,
                          "date", path, rec.line_of("date"), label, errors)
        if ok and span is not None and d is not None:
            if isinstance(row["role"], str) and row["role"] not in span.text:
                errors.append(InputError(path, rec.line_of("role"), f"role {row['role']!r} must be words of the "
                                         "quote, verbatim (or widen the quote)", label))
                continue
            counters[aid] = counters.get(aid, 0) + 1
            local = f"{aid}_a{counters[aid]:02d}"
            coding.add("actor_affiliations", rec.line, label, {
                "actor_affiliation_id": qualify(sid, local), **row, "source_id": sid, "char_start": span.start,
                "char_end": span.end, "quote": span.text, **d})

    for section, (t, id_col, extra, extra_required, prefix) in SECTIONS.items():
        scalar = _scalar_fields(t, prefix)
        allowed = [f.name for f in scalar] + extra
        required = [f.name for f in scalar if f.required]
        required += extra_required
        for rec in _section_records(doc, section, path, errors):
            rid = rec.get(id_col) if isinstance(rec, dict) else None
            label = f"{section[:-1]} {rid}" if rid else f"{section[:-1]} on line {getattr(rec, 'line', '?')}"
            if not _check_keys(rec, allowed, required, path, label, errors):
                continue
            if rid in seen_ids[section]:
                errors.append(InputError(path, rec.line, f"duplicate {id_col} {rid!r} (first on line "
                                         f"{seen_ids[section][rid]}); ids must be unique within a source", label))
                continue
            seen_ids[section][rid] = rec.line
            row = {}
            ok = True
            for f in scalar:
                v = rec.get(f.name)
                if f.pattern == R.ROW_ID_PATTERN:  # a local id of this file, qualified by the source id
                    if v is not None:
                        ok &= _check_value(LOCAL_ID, v, path, rec.line_of(f.name), label, errors)
                        if f.references:
                            refs.append((f.references, v, rec.line_of(f.name), label, f.name))
                        v = qualify(sid, v) if isinstance(v, str) else v
                    elif f.required:
                        ok &= _check_value(f, v, path, rec.line_of(f.name), label, errors)
                    row[f.name] = v
                    continue
                ok &= _check_value(f, v, path, rec.line_of(f.name), label, errors)
                row[f.name] = v
                if f.references and v is not None:
                    refs.append((f.references, v, rec.line_of(f.name), label, f.name))
            span = _locate_quote(rec.get("quote"), text, path, rec.line_of("quote"), label, errors)
            if span is None:
                ok = False
            else:
                row.update(source_id=sid, char_start=span.start, char_end=span.end, quote=span.text)
            d = _resolve_date(rec.get(prefix), span.text if span else None, text, anchor, prefix, path,
                              rec.line_of(prefix), label, errors)
            if d is None:
                ok = False
            else:
                row.update(d)
            if not ok:
                continue
            handler = _EXTRA_HANDLERS.get(section)
            if handler and not handler(rec, row, coding, text, sid, path, label, errors, refs):
                continue
            coding.add(section, rec.line, label, row)

    # references, with the line that makes them
    known = {("events", "event_id"): set(seen_ids["events"]),
             ("statements", "statement_id"): set(seen_ids["statements"]), **(vocab or {})}
    if registry is not None:
        known[("actors", "actor_id")] = registry.ids
    if places is not None:
        known[("places", "place_id")] = places.ids
    for ref, v, line, label, col in refs:
        if ref in known and v not in known[ref]:
            where = {"actors": "coding/actors.yaml", "places": "coding/places.yaml", "events": "the events of this file",
                     "statements": "the statements of this file"}.get(ref[0], ref[0])
            hint = _hint(v, known[ref]) or f"; add it to {where} or correct the value"
            errors.append(InputError(path, line, f"{col} {v!r} matches no {ref[1]} in {where}{hint}", label))
    if errors:
        raise CodingErrors(errors)
    coding.rows["actor_mentions"] = actor_mentions(coding.names, source)
    coding.origins["actor_mentions"] = [(listed[r["actor_id"]], f"actor {r['actor_id']}")
                                        for r in coding.rows["actor_mentions"]]
    return coding


def _event_extra(rec, row, coding, text, sid, path, label, errors, refs) -> bool:
    eid = row["event_id"]
    spans = [(row["char_start"], row["char_end"])]
    others = rec.get("mentions") or []
    if not isinstance(others, list):
        errors.append(InputError(path, rec.line_of("mentions"), "mentions must be a list of quotes (other passages "
                                 "that refer to the event)", label))
        others = []
    for i, spec in enumerate(others):
        line = getattr(others, "line_at", lambda _: None)(i) or rec.line_of("mentions")
        span = _locate_quote(spec, text, path, line, label, errors)
        if span is None:
            continue
        if (span.start, span.end) in spans:
            errors.append(InputError(path, line, f"mention {span.text!r} repeats a passage "
                                     "already cited for this event", label))
            continue
        spans.append((span.start, span.end))
    for n, (s, e) in enumerate(spans, start=1):
        coding.add("event_mentions", rec.line, label, {"event_mention_id": f"{eid}_e{n:02d}", "event_id": eid,
                                              "source_id": sid, "char_start": s, "char_end": e, "quote": text[s:e],
                                              "is_primary": n == 1})
    parts = rec.get("participants")
    if not isinstance(parts, list) or not parts:
        errors.append(InputError(path, rec.line_of("participants"), "participants must be a non-empty list of "
                                 "{actor_id, role}", label))
    else:
        for p in parts:
            if not _check_keys(p, ["actor_id", "role"], ["actor_id", "role"], path, label, errors):
                continue
            good = _check_value(R.EVENT_PARTICIPANTS.field("role"), p["role"], path, p.line_of("role"), label, errors)
            good &= _check_value(R.EVENT_PARTICIPANTS.field("actor_id"), p["actor_id"], path, p.line, label, errors)
            if good:
                refs.append((("actors", "actor_id"), p["actor_id"], p.line, label, "participants.actor_id"))
                coding.add("event_participants", p.line, label, {"event_id": eid, "actor_id": p["actor_id"],
                                                          "role": p["role"]})
    places = rec.get("places") or []
    if not isinstance(places, list):
        errors.append(InputError(path, rec.line_of("places"), "places must be a list of {place_id, place_role, quote}",
                                 label))
        places = []
    for n, p in enumerate(places, start=1):
        if not _check_keys(p, ["place_id", "place_role", "quote"], ["place_id", "place_role", "quote"], path, label,
                           errors):
            continue
        good = _check_value(R.EVENT_PLACES.field("place_role"), p["place_role"], path, p.line_of("place_role"), label,
                            errors)
        good &= _check_value(R.EVENT_PLACES.field("place_id"), p["place_id"], path, p.line_of("place_id"), label, errors)
        span = _locate_quote(p["quote"], text, path, p.line_of("quote"), label, errors)
        if good and span is not None:
            refs.append((("places", "place_id"), p["place_id"], p.line_of("place_id"), label, "places.place_id"))
            coding.add("event_places", p.line, label, {"event_place_id": f"{eid}_p{n:02d}", "event_id": eid,
                                                "place_id": p["place_id"], "place_role": p["place_role"],
                                                "source_id": sid, "char_start": span.start, "char_end": span.end,
                                                "quote": span.text})
    contexts = rec.get("contexts") or []
    if not isinstance(contexts, list):
        errors.append(InputError(path, rec.line_of("contexts"), "contexts must be a list of PLOVER contexts", label))
        contexts = []
    for c in contexts:
        if _check_value(R.EVENT_CONTEXTS.field("plover_context"), c, path, rec.line_of("contexts"), label, errors):
            refs.append((("plover_contexts", "plover_context"), c, rec.line_of("contexts"), label, "contexts"))
            coding.add("event_contexts", rec.line_of("contexts"), label, {"event_id": eid, "plover_context": c})
    alts = rec.get("alternatives") or []
    alt_fields = [f for f in R.EVENT_CODE_ALTERNATIVES.fields if f.name not in ("event_id", "alternative_rank")]
    for rank, a in enumerate(alts if isinstance(alts, list) else [], start=1):
        if not _check_keys(a, [f.name for f in alt_fields], [f.name for f in alt_fields if f.required], path, label,
                           errors):
            continue
        good = True
        for f in alt_fields:
            good &= _check_value(f, a.get(f.name), path, a.line_of(f.name), label, errors)
            if f.references and a.get(f.name) is not None:
                refs.append((f.references, a[f.name], a.line_of(f.name), label, f"alternatives.{f.name}"))
        if good:
            coding.add("event_code_alternatives", a.line, label,
                       {"event_id": eid, "alternative_rank": rank, **{f.name: a.get(f.name) for f in alt_fields}})
    return True


# bound_rule -> how a single value must be written in the quote (unit_word's value is the 1 its word means)
FIGURE_WRITTEN = {"exact": "digits", "word_number": "words", "lower_bound": "any", "upper_bound": "any",
                  "approximate": "any"}


def _metric_extra(rec, row, coding, text, sid, path, label, errors, refs) -> bool:
    """A single value must be written in the quote; the bounds its bound_rule implies (rules.BOUND_SHAPES) are filled
    in where not given. Whether the result follows the rule is the declared rules' business (bounds-follow-
    bound-rule, vague-has-no-value), checked on the built table."""
    from .rules import BOUND_SHAPES

    rule, v = row["bound_rule"], row["value"]
    if rule == "unit_word":  # the coder writes no figure: the word ('a', 'per') means 1
        if any(row[k] is not None for k in ("value", "value_min", "value_max")):
            errors.append(InputError(path, rec.line_of("bound_rule"), "bound_rule unit_word: give no value; value "
                                     "and bounds are 1", label))
            return False
        v = row["value"] = 1
    written = FIGURE_WRITTEN.get(rule)
    if written and v is not None:
        figures = {"digits": digit_figures, "words": word_figures,
                   "any": lambda q: digit_figures(q) | word_figures(q)}[written](row["quote"])
        if float(v) not in {float(x) for x in figures}:
            errors.append(InputError(path, rec.line_of("value"), f"value {v!r} is not written in the quote "
                                     f"{row['quote']!r} ({'as digits' if written == 'digits' else 'as a number word' if written == 'words' else 'in digits or words'})",
                                     label))
            return False
    if v is not None and rule in BOUND_SHAPES:
        for k, shape in zip(("value_min", "value", "value_max"), BOUND_SHAPES[rule]):
            if shape == "value" and row[k] is None:
                row[k] = v
    for k in ("value", "value_min", "value_max"):
        if row[k] is not None:
            row[k] = float(row[k])
    return True


_EXTRA_HANDLERS = {"events": _event_extra, "metrics": _metric_extra}


def actor_mentions(names_by_actor: dict, source: Source) -> list[dict]:
    """Every whole-word occurrence of every actor name; longer names win where names overlap."""
    text, sid = source.text, source.row["source_id"]
    candidates = []
    for actor_id, names in names_by_actor.items():
        for n in names:
            for s in find_words(text, n):
                candidates.append((s, s + len(n), actor_id))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for s, e, a in candidates:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        chosen.append((s, e, a))
    chosen.sort()
    counters: dict[str, int] = {}
    rows = []
    for s, e, a in chosen:
        counters[a] = counters.get(a, 0) + 1
        rows.append({"actor_mention_id": qualify(sid, f"{a}_m{counters[a]:02d}"), "actor_id": a, "source_id": sid,
                     "char_start": s, "char_end": e, "quote": text[s:e]})
    return rows
