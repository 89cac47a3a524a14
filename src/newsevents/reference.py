"""Generate docs/coding-reference.md: every key of the input files, from the registry and the coding loader's
declarations (never edited by hand; `newsevents check` fails when it is stale)."""

from __future__ import annotations

from . import registry as R
from .__about__ import __version__
from .audit import WAIVER_SPEC
from .coding import (ACTOR_REF_KEYS, AFFILIATION_KEYS, DATE_SPEC, DERIVED, GAZETTEER_FIELDS, QUOTE_SPEC,
                     SECTION_EXTRA, SECTIONS, _scalar_fields)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _field_row(f: R.Field, required: bool | None = None) -> str:
    req = f.required if required is None else required
    allowed = []
    if f.categories is not None:
        allowed.append(", ".join(f"`{v}`" for v in f.categories) + " (definitions below)")
    if f.references:
        allowed.append(f"an id from `{f.references[0]}.{f.references[1]}`")
    if f.pattern == R.ROW_ID_PATTERN:
        allowed.append("a local id of this file (lowercase, digits, `_`); the build prefixes the source id")
    elif f.pattern:
        allowed.append(f"pattern `{f.pattern}`")
    typ = "local id" if f.pattern == R.ROW_ID_PATTERN else f.type
    return f"| `{f.name}` | {typ} | {'yes' if req else 'no'} | {_cell(f.description)} | {_cell('; '.join(allowed)) or '—'} |"


def _spec_rows(spec: dict) -> list[str]:
    return [f"| `{k}` | {t} | {'yes' if req else 'no'} | {_cell(d)} | — |" for k, (t, req, d) in spec.items()]


HEAD = ["| key | type | required | meaning | allowed values |", "|---|---|---|---|---|"]


def _categories(fields) -> list[str]:
    out, seen = [], set()
    for f in fields:
        if f.categories is None or f.name in seen:
            continue
        seen.add(f.name)
        out += ["", f"**`{f.name}`**:", ""]
        out += [f"- `{v}`: {_cell(d)}" for v, d in f.categories.items()]
    return out


def render() -> str:
    out = ["# Coding reference", "",
           f"Generated from `src/newsevents/registry.py` and `src/newsevents/coding.py` (version {__version__}). "
           "Do not edit: `newsevents build` rewrites it and `newsevents check` fails when it is stale. Every key "
           "of every input file, its type, whether it is required, and every allowed value with its definition.",
           "", "Input files: `seeds/<source_id>.yaml` (source record), `coding/actors.yaml` (actor registry), "
           "`coding/places.yaml` (place registry), `coding/<source_id>.yaml` (the coding of one source), "
           "`coding/<source_id>.waivers.yaml` (reviewed "
           "waivers of the coverage audit). Unknown keys are errors (with a \"did you mean\").", ""]
    out += ["## Source record: `seeds/<source_id>.yaml`", "", *HEAD]
    out += [_field_row(f) for f in R.SOURCES.fields]
    out += _categories(R.SOURCES.fields)
    out += ["", "## Actor registry: `coding/actors.yaml`", "", "`actors:` a list of records, one per actor of the "
            "corpus:", "", *HEAD]
    out += [_field_row(f) for f in R.ACTORS.fields]
    out.append("| `names` | list of strings | no | Other names sources use for the actor; `newsevents new` "
               "recognises the actor by them. No name may belong to two actors. | — |")
    out += _categories(R.ACTORS.fields)
    out += ["", "## Place registry: `coding/places.yaml`", "", "`places:` a list of records, one per place of the "
            "corpus (" + ", ".join(f"`{c}`" for c in GAZETTEER_FIELDS) + " are filled from the gazetteer by "
            "`geonames_id`, never typed):", "", *HEAD]
    out += [_field_row(f) for f in R.PLACES.fields if f.name not in GAZETTEER_FIELDS]
    out.append("| `names` | list of strings | no | Other names sources use for the place; `newsevents new` "
               "recognises the place by them. No name may belong to two places. | — |")
    out += _categories([f for f in R.PLACES.fields if f.name not in GAZETTEER_FIELDS])
    out += ["", "## Coding file: `coding/<source_id>.yaml`", "",
            "Top-level keys: `source_id` (required, the source's id), `draft` (written by `newsevents new`; the "
            "build skips a draft), " + ", ".join(f"`{k}`" for k in ("actors", "affiliations", *SECTIONS))
            + " (lists of records, below).", ""]
    out += ["### `actors:` the registry actors the text names", "", *HEAD]
    out += [_field_row(R.ACTOR_MENTIONS.field("actor_id"), True) if k == "actor_id" else
            f"| `{k}` | {SECTION_EXTRA[k][0]} | yes | {_cell(SECTION_EXTRA[k][2])} | — |" for k in ACTOR_REF_KEYS]
    out += ["", "### `affiliations:` offices, memberships and nationalities (table `actor_affiliations`)", "", *HEAD]
    for k in AFFILIATION_KEYS:
        if k == "quote":
            out.append(f"| `quote` | {SECTION_EXTRA['quote'][0]} | yes | {_cell(SECTION_EXTRA['quote'][2])} | — |")
        elif k == "date":
            out.append("| `date` | date mapping | no | When the role held (see Dates); default: as of the "
                       "publication date. | — |")
        else:
            out.append(_field_row(R.ACTOR_AFFILIATIONS.field(k)))
    out += _categories(R.ACTOR_AFFILIATIONS.fields)
    all_fields = []
    for section, (t, id_col, extra, extra_required, prefix) in SECTIONS.items():
        out += ["", f"### `{section}:` (table `{t.name}`)", "", *HEAD]
        scalar = _scalar_fields(t, prefix)
        out += [_field_row(f) for f in scalar]
        out += [f"| `{k}` | {SECTION_EXTRA[k][0]} | {'yes' if k in extra_required else 'no'} | "
                f"{_cell(SECTION_EXTRA[k][2])} | — |" for k in extra]
        all_fields += scalar
        if section == "events":
            all_fields += [R.EVENT_PARTICIPANTS.field("role"), R.EVENT_PLACES.field("place_role")]
    out += ["", "### Values of the coded columns"]
    out += _categories(all_fields)
    out += ["", "## Quotes", "", "A quote is the supporting words as a string, or a mapping (W3C TextQuoteSelector); "
            "the build finds them in the seed and computes the offsets (`" + "`, `".join(sorted(DERIVED)) + "`).",
            "", *HEAD, *_spec_rows(QUOTE_SPEC)]
    out += ["", "## Dates", "", "`date` / `period` mappings; the build fills the table's `*_value`, `*_start`, "
            "`*_end`, `*_precision`, `*_basis`, `*_source` columns. Check an expression with `newsevents date EXPR "
            "--published YYYY-MM-DD [--future|--past] [--until EXPR]`. A month and day without a year take the year "
            "nearest the publication date; early/mid/late narrow a month to days 1-10 / 11-20 / 21-end and a year "
            "to January-April / May-August / September-December (precision `interval`); on a day they keep the "
            "day.", "", *HEAD, *_spec_rows(DATE_SPEC)]
    out += _categories([R.EVENTS.field("date_precision"), R.EVENTS.field("date_basis")])
    out += ["", "## Waivers: `coding/<source_id>.waivers.yaml`", "", "`waivers:` a list of records:", "", *HEAD,
            *_spec_rows(WAIVER_SPEC)]
    return "\n".join(out) + "\n"
