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
from .dates import DateError, resolve
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


def load_source(record_path: Path, root: Path) -> Source:
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
    if errors:
        raise CodingErrors(errors)
    return Source(row, text, record_path)


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
    if f.name.endswith("country_iso3") and not is_country(v):
        errors.append(InputError(path, line, f"{f.name} {v!r} is not an ISO 3166-1 alpha-3 country code", record_id))
        return False
    if f.minimum is not None and v < f.minimum or f.maximum is not None and v > f.maximum:
        errors.append(InputError(path, line, f"{f.name} {v!r} is outside [{f.minimum}, {f.maximum}]", record_id))
        return False
    return True


# -- the coding file --------------------------------------------------------------

DERIVED = {"source_id", "char_start", "char_end", "quote"}
QUOTE_KEYS = ["exact", "prefix", "suffix", "occurrence"]
DATE_KEYS = ["expression", "value", "start", "end", "precision", "basis", "source"]

# Per section: table, id column, extra (nested) keys, required extra keys, the temporal prefix.
SECTIONS = {
    "actors": (R.ACTORS, "actor_id", ["names"], [], None),
    "events": (R.EVENTS, "event_id", ["quote", "mentions", "date", "participants", "contexts", "alternatives"],
               ["quote", "date", "participants"], "date"),
    "statements": (R.STATEMENTS, "statement_id", ["quote", "date"], ["quote", "date"], "date"),
    "metrics": (R.METRICS, "metric_id", ["quote", "period"], ["quote", "period"], "period"),
}
TOP_KEYS = ["source_id", *SECTIONS]
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({w: 10 * i for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)})
NUMBER_WORDS.update({"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000})


@dataclass
class Coding:
    path: Path
    rows: dict = field(default_factory=dict)  # table name -> list of row dicts
    names: dict = field(default_factory=dict)  # actor id -> names the text uses for it


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
            r = resolve(expr, anchor)
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


def _word_number_ok(quote: str, value) -> bool:
    words = re.findall(r"[a-z]+", quote.lower())
    return any(NUMBER_WORDS.get(w) == value for w in words)


def _digits_ok(quote: str, value) -> bool:
    v = float(value)
    numbers = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", quote)]
    return v in numbers


def load_coding(path: Path, source: Source, vocab: dict | None = None) -> Coding:
    """Read one coding file. ``vocab`` maps (table, column) of a vocabulary to its known values."""
    errors: list[InputError] = []
    doc = load_yaml(path)
    _check_keys(doc, TOP_KEYS, ["source_id", "actors"], path, None, errors)
    if doc.get("source_id") is not None and doc.get("source_id") != source.row["source_id"]:
        errors.append(InputError(path, doc.line_of("source_id"), f"source_id {doc.get('source_id')!r} does not match "
                                 f"the source record {source.row['source_id']!r}"))
    text, sid, anchor = source.text, source.row["source_id"], source.row["publication_date"]
    coding = Coding(path, rows={t: [] for t in ("actors", "actor_mentions", "events", "event_participants",
                                                "event_mentions", "event_contexts", "event_code_alternatives", "statements",
                                                "metrics")})
    seen_ids: dict[str, dict] = {s: {} for s in SECTIONS}
    alias_owner: dict[str, tuple[str, int]] = {}
    refs = []  # (kind, value, path line, record id, field)

    for section, (t, id_col, extra, extra_required, prefix) in SECTIONS.items():
        records = doc.get(section) or []
        if not isinstance(records, list):
            errors.append(InputError(path, doc.line_of(section), f"{section} must be a list of records"))
            continue
        scalar = _scalar_fields(t, prefix)
        allowed = [f.name for f in scalar] + extra
        required = [f.name for f in scalar if f.required and f.name not in ("value_min", "value_max")]
        required += extra_required
        for rec in records:
            rid = rec.get(id_col) if isinstance(rec, dict) else None
            label = f"{section[:-1]} {rid}" if rid else f"{section[:-1]} on line {getattr(rec, 'line', '?')}"
            if not _check_keys(rec, allowed, required, path, label, errors):
                continue
            if rid in seen_ids[section]:
                errors.append(InputError(path, rec.line, f"duplicate {id_col} {rid!r} (first on line "
                                         f"{seen_ids[section][rid]}); ids must be unique", label))
                continue
            seen_ids[section][rid] = rec.line
            row = {}
            ok = True
            for f in scalar:
                v = rec.get(f.name)
                if f.name in ("value_min", "value_max") and v is None:
                    row[f.name] = None
                    continue
                ok &= _check_value(f, v, path, rec.line_of(f.name), label, errors)
                row[f.name] = v
                if f.references and v is not None:
                    refs.append((f.references, v, rec.line_of(f.name), label, f.name))
            span = None
            if "quote" in extra:
                span = _locate_quote(rec.get("quote"), text, path, rec.line_of("quote"), label, errors)
                if span is None:
                    ok = False
                else:
                    row.update(source_id=sid, char_start=span.start, char_end=span.end, quote=span.text)
            if prefix:
                d = _resolve_date(rec.get(prefix), span.text if span else None, text, anchor, prefix, path,
                                  rec.line_of(prefix), label, errors)
                if d is None:
                    ok = False
                else:
                    row.update(d)
            for col in ("hedge", "reporting_verb"):
                if span is not None and isinstance(row.get(col), str) and row[col] not in span.text:
                    errors.append(InputError(path, rec.line_of(col), f"{col} {row[col]!r} must be words of the "
                                             "record's quote, verbatim (or widen the quote)", label))
                    ok = False
            if not ok:
                continue
            handler = _EXTRA_HANDLERS.get(section)
            if handler:
                handler(rec, row, coding, text, sid, path, label, errors, refs, alias_owner)
            if section == "actors":
                row = {k: row.get(k) for k in t.column_names}
            coding.rows[section].append(row)

    # references inside the coding file, with the line that makes them
    known = {("actors", "actor_id"): set(seen_ids["actors"]), ("events", "event_id"): set(seen_ids["events"]),
             ("statements", "statement_id"): set(seen_ids["statements"]), **(vocab or {})}
    for ref, v, line, label, col in refs:
        if ref in known and v not in known[ref]:
            close = difflib.get_close_matches(str(v), sorted(known[ref]), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; add it to {ref[0]} or correct the value"
            errors.append(InputError(path, line, f"{col} {v!r} matches no {ref[1]} in {ref[0]}{hint}", label))
    if errors:
        raise CodingErrors(errors)
    coding.rows["actor_mentions"] = actor_mentions(coding.names, source)
    return coding


def _actor_extra(rec, row, coding, text, sid, path, label, errors, refs, alias_owner):
    names = rec.get("names")
    if names is None and row.get("actor_type") == "news_article":
        names = []  # the article never names itself
    elif not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        errors.append(InputError(path, rec.line_of("names"), "names must be a non-empty list of the words the text "
                                 "uses for the actor (e.g. [Claudia Sheinbaum, Sheinbaum])", label))
        return
    for n in names:
        if n in alias_owner:
            errors.append(InputError(path, rec.line_of("names"), f"name {n!r} is already listed for actor "
                                     f"{alias_owner[n][0]!r} (line {alias_owner[n][1]}); a name must point to one "
                                     "actor", label))
        elif not find_words(text, n):
            errors.append(InputError(path, rec.line_of("names"), f"name {n!r} does not occur in the text as whole "
                                     "words; list only names the text uses", label))
        else:
            alias_owner[n] = (row["actor_id"], rec.line)
            coding.names.setdefault(row["actor_id"], []).append(n)
    if row.get("wikidata_qid") and not row.get("wikidata_qid_provenance"):
        errors.append(InputError(path, rec.line_of("wikidata_qid"), "wikidata_qid needs wikidata_qid_provenance "
                                 "(where the id came from)", label))


def _event_extra(rec, row, coding, text, sid, path, label, errors, refs, alias_owner):
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
        coding.rows["event_mentions"].append({"event_mention_id": f"{eid}_e{n:02d}", "event_id": eid,
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
                coding.rows["event_participants"].append({"event_id": eid, "actor_id": p["actor_id"],
                                                          "role": p["role"]})
    contexts = rec.get("contexts") or []
    if not isinstance(contexts, list):
        errors.append(InputError(path, rec.line_of("contexts"), "contexts must be a list of PLOVER contexts", label))
        contexts = []
    for c in contexts:
        if _check_value(R.EVENT_CONTEXTS.field("plover_context"), c, path, rec.line_of("contexts"), label, errors):
            refs.append((("plover_contexts", "plover_context"), c, rec.line_of("contexts"), label, "contexts"))
            coding.rows["event_contexts"].append({"event_id": eid, "plover_context": c})
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
            coding.rows["event_code_alternatives"].append(
                {"event_id": eid, "alternative_rank": rank, **{f.name: a.get(f.name) for f in alt_fields}})


def _metric_extra(rec, row, coding, text, sid, path, label, errors, refs, alias_owner):
    rule, v, lo, hi = row["bound_rule"], row["value"], row["value_min"], row["value_max"]
    line = rec.line_of("bound_rule")
    if rule in ("exact", "word_number"):
        if v is None or lo is not None or hi is not None:
            errors.append(InputError(path, line, f"bound_rule {rule}: give `value` only; value_min and value_max "
                                     "are set to it", label))
            return
        check = _digits_ok if rule == "exact" else _word_number_ok
        if not check(row["quote"], v):
            errors.append(InputError(path, rec.line_of("value"), f"value {v!r} is not written in the quote "
                                     f"{row['quote']!r} ({'as digits' if rule == 'exact' else 'as a number word'})",
                                     label))
            return
        row["value_min"] = row["value_max"] = v
    elif rule == "unit_word":
        if v is not None or lo is not None or hi is not None:
            errors.append(InputError(path, line, "bound_rule unit_word: give no value; value and bounds are 1", label))
            return
        row["value"] = row["value_min"] = row["value_max"] = 1
    elif rule == "vague_quantity":
        if v is not None or lo is None or hi is None:
            errors.append(InputError(path, line, "bound_rule vague_quantity: give value_min and value_max (the "
                                     "README's rule for vague quantities), and no value", label))
            return
    for k in ("value", "value_min", "value_max"):
        if row[k] is not None:
            row[k] = float(row[k])


_EXTRA_HANDLERS = {"actors": _actor_extra, "events": _event_extra, "metrics": _metric_extra}


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
        rows.append({"actor_mention_id": f"{a}_m{counters[a]:02d}", "actor_id": a, "source_id": sid,
                     "char_start": s, "char_end": e, "quote": text[s:e]})
    return rows

