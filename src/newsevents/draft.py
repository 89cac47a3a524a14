"""`newsevents new`: add a source text to the corpus and draft its coding from the detectors.

The seed is copied byte for byte under its computed id, its source record is written from the command's
options, and ``coding/<source_id>.yaml`` is drafted: actors of the registry whose names occur in the text,
stubs for other names, a statement stub per sentence (with its quotation type, reporting verb and date
expression when the detectors find them), a metric stub per number, and the constant fields pre-filled.
The draft says ``draft: true``; the build skips a draft source with a one-line notice until a coder has
reviewed it and removed that line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import registry as R
from .audit import detect
from .coding import (ACTOR_REGISTRY, CodingErrors, Registry, _check_seed_bytes, compute_source_id, digit_figures,
                     load_actor_registry, load_place_registry, normalise_name, word_figures)
from .textspan import find_all, find_words
from .yamlio import InputError

TODO = "TODO"
REPORTING_VERBS = ("said", "says", "added", "stated", "told", "announced", "noted", "noting", "explained",
                   "warned", "argued", "wrote", "declared", "according to")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


ABBREVIATIONS = {"mr", "ms", "mrs", "dr", "st", "jr", "sr", "sen", "rep", "gen", "gov", "no", "vs", "jan", "feb",
                 "aug", "sept", "sep", "oct", "nov", "dec", "u.s", "u.k", "d.c"}


def sentences(text: str) -> list[Sentence]:
    """Sentences of each paragraph: a cut after . ! ? (and a closing quotation mark) before a capital, a quotation
    mark or a parenthesis, except after an initial or a common abbreviation."""
    out = []
    for para in re.finditer(r"[^\n]+", text):
        start, chunk, cut = para.start(), para.group(), 0
        for m in re.finditer(r"[.!?][”\"’']?(?=\s+[“\"‘A-Z(])", chunk):
            word = re.search(r"([\w.]+)$", chunk[:m.start()])
            if chunk[m.start()] == "." and word and (len(word[1]) == 1 or word[1].lower() in ABBREVIATIONS):
                continue
            out.append(Sentence(start + cut, start + m.end(), chunk[cut:m.end()]))
            cut = m.end()
            while cut < len(chunk) and chunk[cut] == " ":
                cut += 1
        if cut < len(chunk):
            out.append(Sentence(start + cut, start + len(chunk), chunk[cut:]))
    return [s for s in out if s.text.strip()]


def slug(words: str, limit: int = 5) -> str:
    tokens = re.findall(r"[a-z0-9]+", normalise_name(words).replace("'", ""))
    return "_".join(tokens[:limit]) or "x"


def _y(v) -> str:
    """A YAML scalar: null, a number, or a double-quoted string (JSON escapes are valid YAML)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(int(v)) if float(v).is_integer() else repr(v)
    return json.dumps(str(v), ensure_ascii=False)


def _quote_spec(text: str, s: int, e: int) -> str:
    exact = text[s:e]
    starts = find_all(text, exact)
    if len(starts) == 1:
        return _y(exact)
    return "{exact: %s, occurrence: %d}" % (_y(exact), starts.index(s) + 1)


def _unique_id(base: str, taken: set) -> str:
    out, n = base, 2
    while out in taken:
        out, n = f"{base}_{n}", n + 1
    taken.add(out)
    return out


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of a name: exact case for one word ('US' is not 'us'), any case for several
    ('Sinaloa cartel' for 'Sinaloa Cartel')."""
    if " " not in name.strip():
        return [(s, s + len(name)) for s in find_words(text, name)]
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]


def match_registry(text: str, aliases: dict) -> tuple[dict, list]:
    """Registry actors whose names occur in the text as whole words: actor id -> the words found (as the text
    writes them); a stretch of text is claimed by the longest name only."""
    found = []
    for aid, names in aliases.items():
        for n in names:
            for s, e in _occurrences(text, n):
                found.append((s, e, aid))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken, out = [], {}
    for s, e, aid in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        words = text[s:e]
        out.setdefault(aid, [])
        if words not in out[aid]:
            out[aid].append(words)
    return out, taken


def _gazetteer_hit(name: str):
    from .gazetteer import GazetteerError, search

    try:
        hits = search(name)
    except GazetteerError:
        return None
    return hits[0] if hits else None


def draft_coding(text: str, source_id: str, issuer: str | None, registry: Registry,
                 places: Registry | None = None) -> tuple[str, dict]:
    """The YAML text of a draft coding, and counts of what it proposes."""
    detections = detect(text)
    matched, claimed = match_registry(text, registry.aliases)
    place_hits, place_spans = match_registry(text, places.aliases) if places else ({}, [])
    place_hits = {p: ns for p, ns in place_hits.items() if p not in matched}
    names = [d for d in detections if d.detector == "proper_name"]
    stubs: dict[str, dict] = {}
    place_stubs: dict[str, dict] = {}
    taken_ids = set(registry.ids) | (places.ids if places else set())
    titles = titled_names(text)
    for d in names:
        for piece in _unclaimed(text, d.start, d.end, claimed + place_spans + [(ts, te) for ts, te, _, _ in titles]):
            key = normalise_name(piece)
            if any(st["key"] == key for st in (*stubs.values(), *place_stubs.values())):
                continue
            hit = _gazetteer_hit(piece) if places is not None else None
            if hit is not None and hit[1]["kind"] in ("city", "country", "admin_area"):
                place_stubs[_unique_id(slug(piece), taken_ids)] = {"key": key, "name": piece, "gazetteer": hit}
                continue
            aid = _unique_id(slug(piece), taken_ids)
            stubs[aid] = {"key": key, "name": piece}
    issuer_id = issuer or TODO
    lines = [
        "# DRAFT written by `newsevents new` from the detectors' findings: nothing here is reviewed.",
        "# Review every record against the text: correct or delete stubs, fill each TODO, add events and",
        "# affiliations, move `new_actors` into coding/actors.yaml (completing them), then delete the `draft:` line.",
        "# Until then `newsevents build` skips this source with a notice.",
        "draft: true",
        f"source_id: {_y(source_id)}",
        "",
        "# Names not in the actor registry (one stub per distinct name; several may be one actor, some none).",
        "new_actors:" if stubs else "new_actors: []",
    ]
    for aid, st in stubs.items():
        lines += [f"  - actor_id: {aid}", f"    name: {_y(st['name'])}", f"    actor_type: {TODO}",
                  f"    description: {TODO}", f"    names: [{_y(st['name'])}]"]
    lines += ["", "# Registry actors whose names occur in the text, and the stubs above, with the words used.",
              "actors:" if matched or stubs else "actors: []"]
    for aid, ns in list(matched.items()) + [(a, [st["name"]]) for a, st in stubs.items()]:
        lines.append(f"  - {{actor_id: {aid}, names: [{', '.join(_y(n) for n in ns)}]}}")
    by_name = {normalise_name(n): a for a in matched for n in [*registry.aliases[a], *matched[a]]}
    by_name.update({st["key"]: a for a, st in stubs.items()})
    affiliations = []
    for ts, te, ns, ne in titles:
        key = normalise_name(text[ns:ne])
        holder = by_name.get(key) or next((a for k, a in by_name.items() if k.endswith(" " + key)), None)
        if holder:
            affiliations.append((holder, text[ts:te], ts, ne))
    lines += ["", "# Offices the text states: a title before a name (\"President Donald Trump\"); add memberships and",
              "# nationalities, and say in which actor each office is held.",
              "affiliations:" if affiliations else "affiliations: []"]
    for holder, role, s0, e0 in affiliations:
        lines += [f"  - actor_id: {holder}", f"    affiliated_actor_id: {TODO}", "    affiliation_type: office_holder",
                  f"    role: {_y(role)}", f"    quote: {_quote_spec(text, s0, e0)}"]
    lines += ["", "# Places the text names that the gazetteer knows: complete and move them into coding/places.yaml.",
              "new_places:" if place_stubs else "new_places: []"]
    for pid, st in place_stubs.items():
        gid, g = st["gazetteer"]
        lines += [f"  - place_id: {pid}", f"    name: {_y(g['name'])}", f"    place_kind: {g['kind']}",
                  f"    country_iso3: {g['country_iso3'] or 'null'}",
                  f"    geonames_id: {gid}   # the gazetteer's first match for {st['name']!r}: check it"]
        if st["name"] != g["name"]:
            lines.append(f"    names: [{_y(st['name'])}]")
    found = list(place_hits.items()) + [(p, [st["name"]]) for p, st in place_stubs.items()]
    lines += ["", "# Events the text reports: code each with CAMEO and PLOVER, and its places, e.g.:"]
    for pid, ns in found:
        lines.append(f"#   places: [{{place_id: {pid}, place_role: location, quote: {_y(ns[0])}}}]")
    lines += ["events: []", "",
              "# One stub per sentence: keep those that assert something, split or merge as needed."]
    quotations = [d for d in detections if d.detector == "quotation"]
    temporal = [d for d in detections if d.detector == "temporal"]
    sents = sentences(text)
    lines.append("statements:" if sents else "statements: []")
    sent_ids = {}
    taken_local: set = set()
    for i, s in enumerate(sents, start=1):
        quoted = [q for q in quotations if q.start < s.end and s.start < q.end]
        verb = next((v for v in REPORTING_VERBS if re.search(rf"\b{v}\b", s.text)), None)
        qtype = "direct" if quoted else ("indirect" if verb else "authored")
        speaker = issuer_id if qtype == "authored" else TODO
        sid = _unique_id(f"s{i:02d}_{slug(s.text, 4)}", taken_local)
        sent_ids[(s.start, s.end)] = sid
        lines += [f"  - statement_id: {sid}", f"    quote: {_quote_spec(text, s.start, s.end)}",
                  f"    speaker_actor_id: {speaker}", f"    description: {TODO}",
                  f"    statement_type: {TODO}", f"    quote_type: {qtype}"]
        if verb and verb in s.text and qtype != "authored":
            lines.append(f"    reporting_verb: {_y(verb)}")
        lines += ["    factuality: asserted", "    verification_status: unverified",
                  f"    date: {_date_spec(s, temporal, text)}"]
    numbers = [d for d in detections if d.detector == "number"]
    lines += ["", "# One stub per number the detector found: a metric, or a waiver if it is an identifier.",
              "metrics:" if numbers else "metrics: []"]
    for i, d in enumerate(numbers, start=1):
        mid = _unique_id(f"m{i:02d}_{slug(d.text, 3)}", taken_local)
        digits, words = digit_figures(d.text), word_figures(d.text)
        value = max(digits) if digits else (max(words) if words else None)
        rule = _bound_rule(text, d.start, digits, words)
        home = next((s for s in sents if s.start <= d.start and d.end <= s.end), None)
        qs = d.start if rule in ("exact", "word_number", "vague_quantity") else \
            d.start - len(re.search(rf"{QUALIFIERS[rule]}\s+(?:a\s+)?\$?$", text[max(0, d.start - 20):d.start],
                                    re.I)[0])
        lines += [f"  - metric_id: {mid}", f"    quote: {_quote_spec(text, qs, d.end)}",
                  f"    measure: {TODO}"]
        lines += [f"    value: {_y(value)}"] if value is not None and rule != "vague_quantity" else \
            ["    value_min: null", "    value_max: null"]
        lines += [f"    bound_rule: {rule}", f"    unit: {'percent' if '%' in d.text or 'percent' in d.text else TODO}",
                  "    direction: level", f"    claimant_actor_id: {issuer_id}"]
        if home is not None:
            lines.append(f"    statement_id: {sent_ids[(home.start, home.end)]}")
        lines += ["    data_status: reported", "    period: {basis: publication_date}"]
    counts = {"registry_actors": len(matched), "new_actor_stubs": len(stubs), "statement_stubs": len(sents),
              "metric_stubs": len(numbers), "affiliation_stubs": len(affiliations),
              "places": len(place_hits) + len(place_stubs)}
    return "\n".join(lines) + "\n", counts


CONNECTORS = r"(?:and|of|the|de|del|la|’s|'s|[,;:])"
TITLE = (r"(?:(?:Acting|Deputy|Vice|Former|Special|Assistant|Chief|Senior|Foreign|Interior|Defen[cs]e|Finance|"
         r"Justice|Security|Health|Attorney)\s+)*(?:President|Prime\s+Minister|Minister|Secretary|Attorney\s+General|"
         r"Senator|Sen\.|Representative|Rep\.|Governor|Gov\.|Ambassador|Advis[eo]r|Coordinator|General|Chancellor|"
         r"King|Queen|Mayor|Director|Commissioner|Spokes(?:person|man|woman)|Commander\s+in\s+Chief|Leader)")
TITLED_NAME = re.compile(rf"\b(?P<title>{TITLE})\s+(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)")


def titled_names(text: str) -> list[tuple[int, int, int, int]]:
    """(title start, title end, name start, name end) of every title standing before a capitalized name."""
    out = []
    for m in TITLED_NAME.finditer(text):
        end = m.end("name") - (2 if re.search(r"['’]s$", m["name"]) else 0)  # "Sheinbaum’s": the name without 's
        out.append((m.start("title"), m.end("title"), m.start("name"), end))
    return out


def _unclaimed(text: str, start: int, end: int, claimed: list) -> list[str]:
    """The parts of a detected name that no registry name claims, without connecting words at their edges."""
    cuts = sorted((max(s, start), min(e, end)) for s, e in claimed if s < end and start < e)
    pieces, pos = [], start
    for s, e in cuts:
        pieces.append(text[pos:s])
        pos = max(pos, e)
    pieces.append(text[pos:end])
    out = []
    for p in pieces:
        p = re.sub(rf"^(?:\s*{CONNECTORS}\s*)+|(?:\s*{CONNECTORS}\s*)+$", "", p.strip()).strip()
        if p and p[0].isupper():
            out.append(p)
    return out


QUALIFIERS = {"lower_bound": r"(?:over|more than|at least|upwards of)", "upper_bound": r"(?:nearly|almost|up to|under|"
              r"less than|fewer than)", "approximate": r"(?:about|around|some|approximately|roughly)"}


def _bound_rule(text: str, start: int, digits: set, words: set) -> str:
    before = text[max(0, start - 20):start].lower()
    for rule, words_re in QUALIFIERS.items():
        if re.search(rf"\b{words_re}\s+(?:a\s+)?\$?$", before):
            return rule
    return "exact" if digits else ("word_number" if words else "vague_quantity")


def _date_spec(s: Sentence, temporal: list, text: str) -> str:
    for d in temporal:
        if s.start <= d.start and d.end <= s.end:
            return "{expression: %s}" % _y(d.text)
    return "{basis: publication_date}"


def new_source(root: Path, text_path: Path, published: dt.date, title: str | None = None, url: str | None = None,
               publisher: str | None = None, licence: str | None = None, kind: str = "news_report",
               issuer: str | None = None, author: str | None = None) -> tuple[str, dict]:
    """Add ``text_path`` to the corpus at ``root``; return the source id and what the draft proposes.
    Raises CodingErrors (nothing written) on a bad text or option."""
    root = Path(root)
    errors: list[InputError] = []
    try:
        raw = Path(text_path).read_bytes()
    except OSError as e:
        raise CodingErrors([InputError(text_path, None, f"cannot read the text ({e.strerror})")]) from None
    text = _check_seed_bytes(Path(text_path), raw, errors)
    if errors:
        raise CodingErrors(errors)
    if not text.strip():
        raise CodingErrors([InputError(text_path, 1, "the text is empty")])
    first_line = text.split("\n", 1)[0]
    if title is not None and title != first_line:
        raise CodingErrors([InputError(text_path, 1, f"--title {title!r} is not the text's first line "
                                       f"{first_line!r}: seeds start with their headline, verbatim")])
    if kind not in R.TEXT_KIND:
        raise CodingErrors([InputError(text_path, None, f"--kind {kind!r} is not one of {', '.join(R.TEXT_KIND)}")])
    lic = licence or "LicenseRef-source-copyright"
    if not re.search(R.SOURCES.field("license").pattern, lic):
        raise CodingErrors([InputError(text_path, None, f"--licence {lic!r} is neither an SPDX id nor LicenseRef-...")])
    if url is not None and not re.search(R.SOURCES.field("url").pattern, url):
        raise CodingErrors([InputError(text_path, None, f"--url {url!r} is not an http(s) address")])
    registry = load_actor_registry(root)
    places = load_place_registry(root)
    if issuer is not None and issuer not in registry.ids:
        raise CodingErrors([InputError(root / ACTOR_REGISTRY, None, f"--issuer {issuer!r} is not an actor of the "
                                       "registry; add it there first, or leave --issuer out")])
    sha = hashlib.sha256(raw).hexdigest()
    sid = compute_source_id(published, sha)
    seed, record, coding = (root / "seeds" / f"{sid}.txt", root / "seeds" / f"{sid}.yaml",
                            root / "coding" / f"{sid}.yaml")
    for p in (seed, record, coding):
        if p.exists():
            raise CodingErrors([InputError(p, None, f"source {sid} is already in the corpus (same text and date)")])
    draft, counts = draft_coding(text, sid, issuer, registry, places)
    is_ref = lic.startswith("LicenseRef-")
    rec = [
        f"# Source record for seeds/{sid}.txt, written by `newsevents new`: check every field.",
        f"source_id: {_y(sid)}",
        f"title: {_y(first_line)}",
        f"text_kind: {kind}",
        f"publication_date: {published.isoformat()}",
        f"publication_date_basis: {_y('Given to newsevents new with --published; say how it is known.')}",
        "language: en",
        f"publisher: {_y(publisher)}",
        f"author: {_y(author)}",
        f"url: {_y(url)}",
        f"issuer_actor_id: {issuer or TODO}",
        f"license: {lic}",
        f"license_text: {_y('Copyright of its owner; reproduced verbatim as evidence only.' if is_ref else None)}",
        f"license_evidence: {TODO}",
        f"attribution: {_y(', '.join(x for x in (publisher, first_line, published.isoformat(), url) if x))}",
        f"seed_path: seeds/{sid}.txt",
        f"sha256: {sha}",
        f"char_length: {len(text)}",
    ]
    seed.parent.mkdir(parents=True, exist_ok=True)
    coding.parent.mkdir(parents=True, exist_ok=True)
    seed.write_bytes(raw)
    record.write_text("\n".join(rec) + "\n", encoding="utf-8")
    coding.write_text(draft, encoding="utf-8")
    return sid, counts
