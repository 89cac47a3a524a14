"""The evidence viewer: ``newsevents site --out DIR`` writes a static website of the package.

Generated from the built tables and the registry, never edited by hand and not committed:

* ``index.html``: what the dataset is, the corpus (every source with its licence, credit and row counts), the
  tables with links to the codebook, how to cite, and a schema.org ``Dataset`` JSON-LD block;
* ``sources/<source_id>.html``: the seed text exactly as it is, with one mark per row of every evidence table
  (every table whose columns include source_id, char_start, char_end and quote). A mark is an element with
  ``data-table`` and ``data-id`` (the row's primary key, a composite key joined with ``|``); it holds no text
  and is drawn by ``assets/viewer.js`` as a bar under the words it covers (one box per line, from
  ``Range.getClientRects()``), in a lane of its own wherever spans nest or cross, so every mark stays visible and
  selectable while the text stays one unbroken copy of the seed. Selecting a mark shows its row;
* ``actors/<actor_id>.html``: an actor's identifiers, affiliations and every mention, events, statements and
  metrics across the corpus, each linking to its mark (``../sources/<source_id>.html#<table>:<id>``);
* ``actors.html``, ``codebook.html`` (and ``codebook.md``, the same text as ``docs/codebook.md``).

No server, no network: every script and style is in DIR (``assets/``) or inline, so the site works from file://.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from importlib import resources
from pathlib import Path

from . import registry as R
from .__about__ import __version__

ASSETS = ("viewer.css", "viewer.js")
MARKER = ".newsevents-site"
# Everything the site writes at the top of DIR; a rebuild removes these first (only in a folder holding MARKER).
OUTPUTS = ("index.html", "actors.html", "codebook.html", "codebook.md", "sources", "actors", "assets", MARKER)

# Colour of each evidence table's marks (bar colour; each has at least 4.5:1 contrast on white, so it can also be
# used for text) and the light tint that highlights a selected row's words (dark text on it stays far above AA).
# The lane order puts short, specific spans next to the words and the long ones (statements) furthest away.
TABLE_STYLE = {
    "statements": ("#3B4CC0", 5),
    "events": ("#C4331B", 4),
    "event_mentions": ("#955A00", 3),
    "metrics": ("#1B7F3B", 1),
    "actor_affiliations": ("#00798C", 2),
    "actor_mentions": ("#A23A8F", 0),
}
# For evidence tables a later issue may add: colours in turn, also >= 4.5:1 on white.
EXTRA_COLOURS = ("#5B5B5B", "#7A4FB0", "#8A5A44", "#2F6F9F")
LEGEND_ORDER = ("statements", "events", "event_mentions", "metrics", "actor_affiliations", "actor_mentions")
LANE_PX = 4  # height of one lane under a line of text (viewer.js and viewer.css use the same number)

CSP = "default-src 'self' 'unsafe-inline' file:; img-src 'self' data: file:; base-uri 'none'; form-action 'none'"


class SiteError(Exception):
    """A problem with the inputs or the output folder (exit code 2)."""


class SiteInvalid(Exception):
    """The package contradicts itself (a quote that is not its seed's text): validate it (exit code 1)."""


def h(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def is_null(v) -> bool:
    if v is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def plain(v):
    """A cell as a JSON value: None for nulls, ISO strings for dates, Python numbers and booleans."""
    if is_null(v):
        return None
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if hasattr(v, "item"):  # numpy scalars
        v = v.item()
    if isinstance(v, float):
        return int(v) if v.is_integer() and abs(v) < 2 ** 53 else v
    if isinstance(v, (bool, int, str)):
        return v
    return str(v)


def rows_of(df) -> list[dict]:
    cols = list(df.columns)
    return [{c: plain(v) for c, v in zip(cols, vals)} for vals in df.itertuples(index=False, name=None)]


def row_key(t: R.Table, row: dict) -> str:
    return "|".join(str(row[k]) for k in t.primary_key)


def evidence_tables() -> list[R.Table]:
    """Every registry table carrying evidence, in legend order (tables added later follow, in registry order)."""
    ev = [t for t in R.TABLES if t.has_evidence]
    rank = {n: i for i, n in enumerate(LEGEND_ORDER)}
    return sorted(ev, key=lambda t: rank.get(t.name, len(rank)))


def table_colours() -> dict:
    out, extra = {}, iter(EXTRA_COLOURS * 4)
    for t in evidence_tables():
        out[t.name] = TABLE_STYLE[t.name][0] if t.name in TABLE_STYLE else next(extra)
    return out


def tint(colour: str, share: float = 0.16) -> str:
    """The colour mixed with white: ``share`` of the colour."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in rgb)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    def lum(c):
        ch = [int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        ch = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ---------------------------------------------------------------------------
# Reading the package
# ---------------------------------------------------------------------------


class Package:
    """The built package: descriptor, every table, and each source's seed text."""

    def __init__(self, package: Path | None = None):
        import pandas as pd

        if package is None:
            from . import data_root

            try:
                root = data_root()
            except FileNotFoundError as e:
                raise SiteError(str(e)) from None
        else:
            root = package.parent if package.name == "datapackage.json" else package
            if not (root / "datapackage.json").is_file():
                raise SiteError(f"no datapackage.json in {package}: give a built package folder (run "
                                "`newsevents build` in a clone) or leave out --package")
        self.root = root
        try:
            self.descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
            self.frames = {}
            for t in R.TABLES:
                path = root / "data" / f"{t.name}.parquet"
                if not path.is_file():
                    raise SiteError(f"{path}: missing; the package in {root} is incomplete (run `newsevents build`)")
                self.frames[t.name] = pd.read_parquet(path)
        except (OSError, ValueError) as e:
            raise SiteError(f"cannot read the package in {root}: {e}") from None
        self.rows = {t.name: rows_of(self.frames[t.name]) for t in R.TABLES}
        self.seeds = {}
        for s in self.rows["sources"]:
            path = root / s["seed_path"]
            try:
                with open(path, encoding="utf-8", newline="") as f:  # the characters as they are: no newline translation
                    self.seeds[s["source_id"]] = f.read()
            except (OSError, UnicodeDecodeError) as e:
                raise SiteError(f"cannot read the seed of {s['source_id']}: {e}") from None
        self.actors = {a["actor_id"]: a for a in self.rows["actors"]}
        self.sources = {s["source_id"]: s for s in self.rows["sources"]}
        self.evidence = evidence_tables()
        for t in self.evidence:
            for r in self.rows[t.name]:
                seed = self.seeds.get(r["source_id"])
                if seed is None or seed[r["char_start"]:r["char_end"]] != r["quote"]:
                    raise SiteInvalid(f"{t.name} [{row_key(t, r)}]: quote is not the seed's text at "
                                      f"[{r['char_start']}, {r['char_end']}); run `newsevents validate`")

    def evidence_rows(self, source_id: str) -> dict:
        return {t.name: [r for r in self.rows[t.name] if r["source_id"] == source_id] for t in self.evidence}


# ---------------------------------------------------------------------------
# Marks: lanes and UTF-16 offsets
# ---------------------------------------------------------------------------


def utf16_offsets(text: str) -> list[int]:
    """``out[i]`` is the UTF-16 offset of code point ``i`` (the DOM counts UTF-16 units; the tables code points)."""
    out, n = [0], 0
    for c in text:
        n += 2 if ord(c) > 0xFFFF else 1
        out.append(n)
    return out


def assign_lanes(spans: list[tuple[int, int, int, str]]) -> dict:
    """Lane per span so that spans sharing a character never share a lane: shortest first, into the lowest free
    lane (so a word's own mark lies next to it and the spans around it further out). Spans are
    (start, end, rank, key); returns {key: lane}."""
    lanes: list[list[tuple[int, int]]] = []
    out = {}
    for start, end, rank, key in sorted(spans, key=lambda s: (s[1] - s[0], s[2], s[0], s[3])):
        for i, taken in enumerate(lanes):
            if all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
                out[key] = i
                break
        else:
            lanes.append([(start, end)])
            out[key] = len(lanes) - 1
    return out


# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------


def clip(text: str, n: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def actor_name(pkg: Package, actor_id) -> str:
    a = pkg.actors.get(actor_id)
    return a["name"] if a else str(actor_id)


def mark_label(pkg: Package, t: R.Table, row: dict, events: dict) -> str:
    """What a mark stands for, in words (its accessible name and tooltip)."""
    n = t.name
    if n == "events":
        what = f"Event ({row['status']}): {row['description']}"
    elif n == "event_mentions":
        ev = events.get(row["event_id"], {})
        what = f"Event mention{' (primary evidence)' if row.get('is_primary') else ''}: {ev.get('description', row['event_id'])}"
    elif n == "statements":
        what = f"Statement by {actor_name(pkg, row['speaker_actor_id'])} ({row['statement_type']}): {row['description']}"
    elif n == "metrics":
        what = f"Metric: {row['measure']}"
    elif n == "actor_mentions":
        what = f"Actor mention: {actor_name(pkg, row['actor_id'])}"
    elif n == "actor_affiliations":
        role = row.get("role") or row["affiliation_type"]
        what = f"Affiliation: {actor_name(pkg, row['actor_id'])}, {role} of {actor_name(pkg, row['affiliated_actor_id'])}"
    else:
        what = f"{t.title}: {row_key(t, row)}"
    return f"{clip(what, 140)} — “{clip(row['quote'], 60)}”"


# ---------------------------------------------------------------------------
# Page frame
# ---------------------------------------------------------------------------


def page(title: str, body: str, up: str = "", scripts: str = "", head: str = "", current: str = "") -> str:
    def nav(href: str, label: str, key: str) -> str:
        cur = ' aria-current="page"' if key == current else ""
        return f'<a href="{up}{href}"{cur}>{label}</a>'

    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="generator" content="newsevents {h(__version__)} site">
<title>{h(title)}</title>
<link rel="stylesheet" href="{up}assets/viewer.css">
{head}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><nav aria-label="Site">
<a class="brand" href="{up}index.html">news-events <span>{h(__version__)}</span></a>
{nav("index.html#corpus", "Sources", "sources")}
{nav("actors.html", "Actors", "actors")}
{nav("codebook.html", "Codebook", "codebook")}
{nav("index.html#cite", "Cite", "cite")}
</nav></header>
<main id="main">
{body}
</main>
<footer class="site"><p>Generated by <code>newsevents site</code> from the news-events Data Package {h(__version__)}.
Coded tables CC BY 4.0; each source text keeps its own licence, shown on its page.</p></footer>
{scripts}</body>
</html>
"""


def json_script(obj, element_id: str) -> str:
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>\n'


def dl(items) -> str:
    return "<dl class=\"facts\">" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items if v) + "</dl>"


def licence_html(pkg: Package, s: dict, explain: bool = True) -> str:
    path = None
    for res in pkg.descriptor.get("resources", []):
        if res.get("path") == s["seed_path"]:
            lic = (res.get("licenses") or [{}])[0]
            path = lic.get("path")
    name = f'<a href="{h(path)}">{h(s["license"])}</a>' if path else f"<code>{h(s['license'])}</code>"
    extra = f' <span class="muted">({h(s["license_text"])})</span>' if explain and s.get("license_text") else ""
    return name + extra


def fmt_date(v) -> str:
    if not v:
        return ""
    d = dt.date.fromisoformat(v)
    return f"{d.day} {d.strftime('%B')} {d.year}"


# ---------------------------------------------------------------------------
# Source pages
# ---------------------------------------------------------------------------


def source_page(pkg: Package, sid: str, colours: dict) -> tuple[str, int]:
    s = pkg.sources[sid]
    seed = pkg.seeds[sid]
    u16 = utf16_offsets(seed)
    ev_rows = pkg.evidence_rows(sid)
    events = {r["event_id"]: r for r in ev_rows.get("events", [])}
    rank = {n: TABLE_STYLE.get(n, (None, 6))[1] for n in colours}

    spans, marks = [], []
    for t in pkg.evidence:
        for r in ev_rows[t.name]:
            key = row_key(t, r)
            spans.append((r["char_start"], r["char_end"], rank[t.name], f"{t.name}:{key}"))
            marks.append((r["char_start"], -r["char_end"], rank[t.name], t, r, key))
    lanes = assign_lanes(spans)
    n_lanes = max(lanes.values(), default=-1) + 1

    mark_html = []
    for start, neg_end, _, t, r, key in sorted(marks, key=lambda m: (m[0], m[1], -m[2], m[5])):
        label = mark_label(pkg, t, r, events)
        mark_html.append(
            f'<div class="mark t-{t.name}" data-table="{h(t.name)}" data-id="{h(key)}" '
            f'data-from="{u16[start]}" data-to="{u16[-neg_end]}" data-lane="{lanes[f"{t.name}:{key}"]}" '
            f'tabindex="0" role="button" aria-pressed="false" aria-label="{h(label)}" title="{h(label)}"></div>')

    # Each line of text in a span of its own (spans add no characters): lines of text are tall enough for the
    # lanes under them, while an empty line between paragraphs stays one line of ordinary height.
    pieces = []
    for i, part in enumerate(re.split(r"(\n+)", seed)):
        if not part or part.startswith("\n"):
            pieces.append(part)
        else:
            cls = "ln headline" if i == 0 else "ln"
            pieces.append(f'<span class="{cls}">{html.escape(part, quote=False)}</span>')
    text_html = "".join(pieces)

    counts = {t.name: len(ev_rows[t.name]) for t in pkg.evidence}
    legend = "".join(
        f'<li><label><input type="checkbox" checked data-toggle="{t.name}"> '
        f'<span class="swatch t-{t.name}" aria-hidden="true"></span> <a href="../codebook.html#{t.name}">'
        f'{h(t.title)}</a> <span class="count">{counts[t.name]}</span></label></li>'
        for t in pkg.evidence)

    issuer = s["issuer_actor_id"]
    url = f'<a href="{h(s["url"])}">{h(s["url"])}</a>' if s.get("url") else '<span class="muted">unknown</span>'
    meta = dl([
        ("Published", f'<time datetime="{h(s["publication_date"])}">{fmt_date(s["publication_date"])}</time> '
                      f'<span class="muted">({h(s["publication_date_basis"])})</span>'),
        ("Kind", h(R.TEXT_KIND.get(s["text_kind"], s["text_kind"]))),
        ("Publisher", h(s["publisher"]) if s.get("publisher") else '<span class="muted">unknown</span>'),
        ("Author", h(s.get("author") or "")),
        ("Address", url),
        ("Voice of the text", f'<a href="../actors/{h(issuer)}.html">{h(actor_name(pkg, issuer))}</a>'),
        ("Licence", licence_html(pkg, s)),
        ("Credit", h(s["attribution"])),
        ("Source id", f'<code>{h(sid)}</code> · {s["char_length"]} characters · sha256 <code>{h(s["sha256"][:16])}…</code>'),
    ])

    data = {
        "source_id": sid,
        "rows": {t.name: {row_key(t, r): r for r in ev_rows[t.name]} for t in pkg.evidence},
        "participants": _group(pkg.rows["event_participants"], "event_id", events),
        "contexts": _group(pkg.rows["event_contexts"], "event_id", events),
        "alternatives": _group(pkg.rows["event_code_alternatives"], "event_id", events),
    }
    body = f"""<p class="crumbs"><a href="../index.html#corpus">Sources</a> › {h(sid)}</p>
<h1>{h(s["title"])}</h1>
<details class="source-meta"><summary>About this text: {h(s.get("publisher") or "publisher unknown")},
{fmt_date(s["publication_date"])}; licence {h(s["license"])}</summary>
{meta}
</details>
<div class="viewer">
<section class="reading" aria-labelledby="reading-title">
<h2 id="reading-title" class="visually-hidden">The text with its coded passages</h2>
<div class="legend" role="group" aria-label="Marks by table (uncheck to hide)"><ul>{legend}</ul>
<p class="hint">Each coloured bar under the words is one coded row. Click a bar, or click the words to list every
row on them; with the keyboard, <kbd>Tab</kbd> to a bar, <kbd>Enter</kbd> or <kbd>Space</kbd> to select,
<kbd>←</kbd>/<kbd>→</kbd> for the previous/next bar, <kbd>Esc</kbd> to clear.</p></div>
<noscript><p class="warn">The marks are drawn by a script; without it you see the text alone.</p></noscript>
<div class="doc" id="doc" style="--lanes: {max(n_lanes, 1)}">
<div class="hl-layer" id="hl" aria-hidden="true"></div>
<div class="seed" id="seed" lang="{h(s.get("language") or "en")}">{text_html}</div>
<div class="mark-layer" id="marks" role="group" aria-label="Coded rows, in text order">
{chr(10).join(mark_html)}
</div>
</div>
</section>
<aside class="panel" id="panel" aria-labelledby="panel-title" tabindex="-1">
<div class="panel-head"><h2 id="panel-title">Selected row</h2>
<label class="small"><input type="checkbox" id="show-desc"> column descriptions</label>
<button type="button" class="close" id="panel-close" aria-label="Close the row panel">×</button></div>
<div id="panel-body" aria-live="polite"><p class="muted">Select a mark to see its row: its columns, codes with
their labels, dates with precision and bounds, and links to the rows it references.</p>
<p>{sum(counts.values())} rows are coded on this text:</p><ul class="counts">{"".join(
        f'<li><span class="swatch t-{n}" aria-hidden="true"></span> {h(R.table(n).title)}: {c}</li>'
        for n, c in counts.items())}</ul></div>
</aside>
</div>
"""
    scripts = (json_script(data, "page-data") + '<script src="../assets/corpus.js"></script>\n'
               '<script src="../assets/viewer.js"></script>\n')
    return page(f"{s['title']} — news-events", body, up="../", scripts=scripts, current="sources"), len(marks)


def _group(rows: list[dict], key: str, keep: dict) -> dict:
    out: dict = {}
    for r in rows:
        if r[key] in keep:
            out.setdefault(r[key], []).append(r)
    return out


# ---------------------------------------------------------------------------
# Shared data for the viewer (assets/corpus.js)
# ---------------------------------------------------------------------------


def corpus_data(pkg: Package, colours: dict) -> dict:
    tables = {}
    for t in R.TABLES:
        tables[t.name] = {
            "title": t.title, "description": t.description, "key": list(t.primary_key),
            "columns": [{"name": f.name, "type": f.type, "description": f.description,
                         "categories": {str(k): v for k, v in f.categories.items()} if f.categories else None,
                         "references": list(f.references) if f.references else None} for f in t.fields],
        }
    actor_sources: dict = {}
    for r in pkg.rows["actor_mentions"]:
        per = actor_sources.setdefault(r["actor_id"], {})
        if r["source_id"] not in per:
            per[r["source_id"]] = [r["source_id"], r["actor_mention_id"], 0]
        per[r["source_id"]][2] += 1
    order = {sid: i for i, sid in enumerate(sorted(pkg.sources, key=lambda x: pkg.sources[x]["publication_date"]))}
    return {
        "version": __version__,
        "tables": tables,
        "evidence": [t.name for t in pkg.evidence],
        "colours": colours,
        "actors": {a["actor_id"]: {k: a[k] for k in ("name", "actor_type", "description", "country_iso3",
                                                      "wikidata_qid")} for a in pkg.rows["actors"]},
        "sources": {s["source_id"]: {"title": s["title"], "publication_date": s["publication_date"],
                                     "publisher": s["publisher"]} for s in pkg.rows["sources"]},
        "actorSources": {a: sorted(v.values(), key=lambda x: order[x[0]]) for a, v in actor_sources.items()},
        "cameo": {r["cameo_code"]: [r["name"], r["goldstein"]] for r in pkg.rows["cameo_codes"]},
        "ploverTypes": {r["plover_type"]: [r["definition"], r["quad_class"], r["plover_score"]]
                        for r in pkg.rows["plover_types"]},
        "ploverModes": {r["plover_mode_id"]: [r["definition"], r["plover_score"]] for r in pkg.rows["plover_modes"]},
        "ploverContexts": {r["plover_context"]: r["definition"] for r in pkg.rows["plover_contexts"]},
        "quadClass": {str(k): v for k, v in R.QUAD_CLASS.items()},
    }


def table_css(colours: dict) -> str:
    lines = ["/* Generated by newsevents site from the evidence tables: one colour per table. */"]
    for name, c in colours.items():
        lines.append(f".t-{name} {{ --c: {c}; --tint: {tint(c)}; }}")
        lines.append(f".doc.hide-{name} .mark.t-{name} {{ display: none; }}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Index, actors, codebook
# ---------------------------------------------------------------------------


def _creators(d: dict) -> list[str]:
    """The descriptor's contributors with the creator role (from metadata.yaml, through the build)."""
    return [c["title"] for c in d.get("contributors") or [] if "creator" in (c.get("roles") or []) and c.get("title")]


def citation(pkg: Package) -> str:
    d = pkg.descriptor
    year = str(d.get("created", ""))[:4]
    who = " and ".join(_creators(d)) or d.get("name", "news-events")
    return f"{who} ({year}). {d.get('title', 'news-events')}. Version {d.get('version')}. Data set."


def json_ld(pkg: Package) -> dict:
    d = pkg.descriptor
    lic = (d.get("licenses") or [{}])[0]
    parts = []
    for s in sorted(pkg.rows["sources"], key=lambda s: s["publication_date"]):
        work = {"@type": "CreativeWork", "name": s["title"], "datePublished": s["publication_date"],
                "inLanguage": s.get("language") or "en", "creditText": s["attribution"]}
        if s.get("url"):
            work["url"] = s["url"]
        if s.get("publisher"):
            work["publisher"] = {"@type": "Organization", "name": s["publisher"]}
        parts.append(work)
    out = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": d.get("title") or d.get("name"),
        "alternateName": d.get("name"),
        "description": d.get("description"),
        "version": d.get("version"),
        "dateCreated": d.get("created"),
        "keywords": d.get("keywords", []),
        "license": lic.get("path") or lic.get("name"),
        "isAccessibleForFree": True,
        "inLanguage": "en",
        "creator": [{"@type": "Organization", "name": name} for name in _creators(d)],
        "temporalCoverage": d.get("temporalCoverage"),
        "spatialCoverage": [{"@type": "Country", "identifier": c} for c in d.get("spatialCoverage", [])],
        "variableMeasured": [{"@type": "PropertyValue", "name": t.name, "description": t.description}
                             for t in R.TABLES],
        "isBasedOn": parts,
        "citation": citation(pkg),
    }
    return {k: v for k, v in out.items() if v not in (None, [], "")}


def index_page(pkg: Package) -> str:
    d = pkg.descriptor
    ev = pkg.evidence
    head_cells = "".join(f'<th scope="col" class="num"><a href="codebook.html#{t.name}">'
                         f'{h(t.name).replace("_", "_<wbr>")}</a></th>' for t in ev)
    corpus_rows = []
    for s in sorted(pkg.rows["sources"], key=lambda s: s["publication_date"]):
        sid = s["source_id"]
        counts = "".join(f'<td class="num">{sum(r["source_id"] == sid for r in pkg.rows[t.name])}</td>' for t in ev)
        corpus_rows.append(
            f'<tr><th scope="row"><a href="sources/{h(sid)}.html">{h(s["title"])}</a>'
            f'<div class="muted small">{h(R.TEXT_KIND.get(s["text_kind"], s["text_kind"]).split(":")[0])}</div></th>'
            f'<td>{h(s.get("publisher") or "unknown")}</td>'
            f'<td class="nowrap"><time datetime="{h(s["publication_date"])}">{h(s["publication_date"])}</time></td>'
            f'<td class="credit">{licence_html(pkg, s, explain=False)}<div class="small">{h(s["attribution"])}</div></td>'
            f'{counts}</tr>')
    totals = "".join(f'<td class="num">{len(pkg.rows[t.name])}</td>' for t in ev)
    table_rows = "".join(
        f'<tr><th scope="row"><a href="codebook.html#{t.name}"><code>{h(t.name)}</code></a></th><td>{h(t.kind)}</td>'
        f'<td><code>{h(", ".join(t.primary_key))}</code></td><td class="num">{len(pkg.rows[t.name])}</td>'
        f'<td>{h(t.description)}</td></tr>' for t in R.TABLES)
    lic = (d.get("licenses") or [{}])[0]
    body = f"""<h1>{h(d.get("title"))}</h1>
<p class="lead">{h(d.get("description"))}</p>
<p>Version <strong>{h(d.get("version"))}</strong> ·
{len(pkg.rows["sources"])} source texts · {sum(len(pkg.rows[t.name]) for t in ev)} coded rows with their evidence ·
<a href="actors.html">{len(pkg.rows["actors"])} actors</a> · coded tables licensed
<a href="{h(lic.get("path", ""))}">{h(lic.get("name", ""))}</a>.</p>
<p><strong>What it is not:</strong> a record of what happened. Every row records what its text says; nothing was
checked against other sources (<code>verification_status</code> is <code>unverified</code> throughout), and a figure
is what its speaker claimed.</p>

<h2 id="corpus">The corpus</h2>
<p>Open a text to see every coded row marked on the words that support it.</p>
<div class="table-wrap"><table class="corpus">
<caption class="visually-hidden">Source texts, with licence, credit and the number of rows coded from each</caption>
<thead><tr><th scope="col">Text</th><th scope="col">Publisher</th><th scope="col">Date</th>
<th scope="col">Licence and credit</th>{head_cells}</tr></thead>
<tbody>{"".join(corpus_rows)}</tbody>
<tfoot><tr><th scope="row" colspan="4">All sources</th>{totals}</tr></tfoot>
</table></div>

<h2 id="tables">The tables</h2>
<p>Every column, type, constraint and category is defined in the <a href="codebook.html">codebook</a>
(also as <a href="codebook.md">Markdown</a>), generated from the same registry as this site.</p>
<div class="table-wrap"><table class="tables">
<thead><tr><th scope="col">Table</th><th scope="col">Kind</th><th scope="col">Key</th><th scope="col" class="num">Rows</th>
<th scope="col">One row per</th></tr></thead>
<tbody>{table_rows}</tbody></table></div>

<h2 id="cite">How to cite</h2>
<blockquote class="cite"><p>{h(citation(pkg))}</p></blockquote>
<p>When you quote or reuse a source text, give its credit line (in the corpus table above) and respect its own
licence: the U.S. government texts are public domain in the United States; the Wikinews report is CC BY 2.5;
a text whose publisher is unknown is reproduced only as evidence. The CAMEO table is MIT-licensed (andybega/icews),
the PLOVER vocabularies CC BY-SA 4.0.</p>
"""
    head = f'<script type="application/ld+json">\n{json.dumps(json_ld(pkg), ensure_ascii=False, indent=1).replace("<", chr(92) + "u003c")}\n</script>\n'
    return page(f"{d.get('title')} — news-events", body, head=head, current="sources")


def actors_page(pkg: Package) -> str:
    n_mentions: dict = {}
    n_sources: dict = {}
    for r in pkg.rows["actor_mentions"]:
        n_mentions[r["actor_id"]] = n_mentions.get(r["actor_id"], 0) + 1
        n_sources.setdefault(r["actor_id"], set()).add(r["source_id"])
    rows = "".join(
        f'<tr><th scope="row"><a href="actors/{h(a["actor_id"])}.html">{h(a["name"])}</a></th>'
        f'<td>{h(a["actor_type"])}</td><td>{h(a["description"])}</td>'
        f'<td class="num">{n_mentions.get(a["actor_id"], 0)}</td><td class="num">{len(n_sources.get(a["actor_id"], ()))}</td></tr>'
        for a in sorted(pkg.rows["actors"], key=lambda a: a["name"].casefold()))
    body = f"""<h1>Actors</h1>
<p>{len(pkg.rows["actors"])} actors, each defined once for the whole corpus. Open one for its identifiers,
affiliations and every place a text names it.</p>
<div class="table-wrap"><table class="actors">
<thead><tr><th scope="col">Actor</th><th scope="col">Type</th><th scope="col">Description</th>
<th scope="col" class="num">Mentions</th><th scope="col" class="num">Sources</th></tr></thead>
<tbody>{rows}</tbody></table></div>
"""
    return page("Actors — news-events", body, current="actors")


def _context(seed: str, start: int, end: int, width: int = 60) -> str:
    """The quote in bold inside a little of its line of text."""
    line_start = seed.rfind("\n", 0, start) + 1
    line_end = seed.find("\n", end)
    line_end = len(seed) if line_end < 0 else line_end
    a, b = max(line_start, start - width), min(line_end, end + width)
    pre, post = ("…" if a > line_start else ""), ("…" if b < line_end else "")
    return f"{pre}{h(seed[a:start])}<strong>{h(seed[start:end])}</strong>{h(seed[end:b])}{post}"


def _date_text(r: dict, prefix: str = "date") -> str:
    v = r.get(f"{prefix}_value")
    lo, hi = r.get(f"{prefix}_start"), r.get(f"{prefix}_end")
    bounds = f"{lo or 'unbounded'} to {hi or 'unbounded'}"
    return (f'<code>{h(v or "unknown")}</code> <span class="muted small">({h(r.get(f"{prefix}_precision"))}; '
            f'{h(bounds)})</span>')


def actor_page(pkg: Package, actor_id: str) -> str:
    a = pkg.actors[actor_id]
    link = lambda x: f'<a href="{h(x)}.html">{h(actor_name(pkg, x))}</a>'  # noqa: E731
    src_link = lambda sid, table, key, text: (  # noqa: E731
        f'<a href="../sources/{h(sid)}.html#{h(table)}:{h(key)}">{text}</a>')
    src_title = lambda sid: h(pkg.sources[sid]["title"])  # noqa: E731
    children = [x for x in pkg.rows["actors"] if x.get("parent_actor_id") == actor_id]
    country = ""
    if a.get("country_iso3"):
        try:
            import pycountry

            c = pycountry.countries.get(alpha_3=a["country_iso3"])
            country = f'<code>{h(a["country_iso3"])}</code> {h(c.name) if c else ""}'
        except Exception:  # pragma: no cover - pycountry is a dependency; the code alone is enough
            country = f'<code>{h(a["country_iso3"])}</code>'
    wd = ""
    if a.get("wikidata_qid"):
        wd = (f'<a href="https://www.wikidata.org/wiki/{h(a["wikidata_qid"])}">{h(a["wikidata_qid"])}</a> '
              f'<span class="muted small">(provenance: {h(a.get("wikidata_qid_provenance"))})</span>')
    issuer_of = [s for s in pkg.rows["sources"] if s["issuer_actor_id"] == actor_id]
    facts = dl([
        ("Actor id", f"<code>{h(actor_id)}</code>"),
        ("Type", f'<code>{h(a["actor_type"])}</code> <span class="muted">{h(R.ACTOR_TYPE.get(a["actor_type"], ""))}</span>'),
        ("Description", h(a["description"])),
        ("Country", country),
        ("Wikidata", wd),
        ("Part of", link(a["parent_actor_id"]) if a.get("parent_actor_id") else ""),
        ("Parts", ", ".join(link(x["actor_id"]) for x in children)),
        ("Voice of", "; ".join(f'<a href="../sources/{h(s["source_id"])}.html">{h(s["title"])}</a>' for s in issuer_of)),
    ])

    def affil_rows(rows, other_col):
        out = []
        for r in sorted(rows, key=lambda r: (r.get("date_start") or r.get("date_end") or "", r["actor_affiliation_id"])):
            out.append(
                f'<tr><td>{h(r.get("role") or "")} <span class="muted small">{h(r["affiliation_type"])}</span></td>'
                f'<td>{link(r[other_col])}</td><td>{_date_text(r)}</td>'
                f'<td>{src_link(r["source_id"], "actor_affiliations", r["actor_affiliation_id"], "“" + h(r["quote"]) + "”")}'
                f'<div class="muted small">{src_title(r["source_id"])}</div></td></tr>')
        return "".join(out)

    held = [r for r in pkg.rows["actor_affiliations"] if r["actor_id"] == actor_id]
    towards = [r for r in pkg.rows["actor_affiliations"] if r["affiliated_actor_id"] == actor_id]
    affil_head = ('<thead><tr><th scope="col">Role</th><th scope="col">{}</th><th scope="col">Date (precision; bounds)</th>'
                  '<th scope="col">Words of the source</th></tr></thead>')
    sections = []
    if held:
        sections.append(f'<h2 id="affiliations">Affiliations</h2><div class="table-wrap"><table>'
                        f'{affil_head.format("In")}<tbody>{affil_rows(held, "affiliated_actor_id")}</tbody></table></div>')
    if towards:
        sections.append(f'<h2 id="members">Actors affiliated with {h(a["name"])}</h2><div class="table-wrap"><table>'
                        f'{affil_head.format("Who")}<tbody>{affil_rows(towards, "actor_id")}</tbody></table></div>')

    mentions = [r for r in pkg.rows["actor_mentions"] if r["actor_id"] == actor_id]
    by_source: dict = {}
    for r in mentions:
        by_source.setdefault(r["source_id"], []).append(r)
    mention_html = []
    for sid in sorted(by_source, key=lambda x: pkg.sources[x]["publication_date"]):
        items = "".join(
            f'<li>{src_link(sid, "actor_mentions", r["actor_mention_id"], "“" + h(r["quote"]) + "”")} '
            f'<span class="context">{_context(pkg.seeds[sid], r["char_start"], r["char_end"])}</span></li>'
            for r in sorted(by_source[sid], key=lambda r: r["char_start"]))
        mention_html.append(f'<h3><a href="../sources/{h(sid)}.html">{src_title(sid)}</a> '
                            f'<span class="muted small">{h(pkg.sources[sid]["publication_date"])} · '
                            f'{len(by_source[sid])} mention{"s" if len(by_source[sid]) != 1 else ""}</span></h3>'
                            f'<ol class="mentions">{items}</ol>')
    sections.append(f'<h2 id="mentions">Mentions ({len(mentions)} in {len(by_source)} source'
                    f'{"s" if len(by_source) != 1 else ""})</h2>' + ("".join(mention_html) or "<p>None.</p>"))

    events = {r["event_id"]: r for r in pkg.rows["events"]}
    parts = [p for p in pkg.rows["event_participants"] if p["actor_id"] == actor_id]
    if parts:
        items = "".join(
            f'<tr><td>{h(p["role"])}</td><td>{src_link(events[p["event_id"]]["source_id"], "events", p["event_id"], h(events[p["event_id"]]["description"]))}'
            f'<div class="muted small">{src_title(events[p["event_id"]]["source_id"])}</div></td>'
            f'<td>{h(events[p["event_id"]]["status"])}</td><td>{_date_text(events[p["event_id"]])}</td></tr>'
            for p in sorted(parts, key=lambda p: (events[p["event_id"]]["source_id"], events[p["event_id"]]["char_start"])))
        sections.append(f'<h2 id="events">Events ({len(parts)})</h2><div class="table-wrap"><table><thead><tr>'
                        f'<th scope="col">Role</th><th scope="col">Event</th><th scope="col">Status</th>'
                        f'<th scope="col">Date</th></tr></thead><tbody>{items}</tbody></table></div>')
    said = [r for r in pkg.rows["statements"] if r["speaker_actor_id"] == actor_id]
    if said:
        items = "".join(
            f'<li>{src_link(r["source_id"], "statements", r["statement_id"], h(r["description"]))} '
            f'<span class="muted small">{h(r["statement_type"])}, {h(r["quote_type"])}; {src_title(r["source_id"])}</span></li>'
            for r in sorted(said, key=lambda r: (pkg.sources[r["source_id"]]["publication_date"], r["char_start"])))
        sections.append(f'<h2 id="statements">Statements ({len(said)})</h2><ul class="rows">{items}</ul>')
    claimed = [r for r in pkg.rows["metrics"] if r["claimant_actor_id"] == actor_id]
    if claimed:
        items = "".join(
            f'<li>{src_link(r["source_id"], "metrics", r["metric_id"], "“" + h(r["quote"]) + "”")} '
            f'<span class="muted small">{h(r["measure"])}; {src_title(r["source_id"])}</span></li>'
            for r in sorted(claimed, key=lambda r: (pkg.sources[r["source_id"]]["publication_date"], r["char_start"])))
        sections.append(f'<h2 id="metrics">Metrics claimed ({len(claimed)})</h2><ul class="rows">{items}</ul>')

    body = f"""<p class="crumbs"><a href="../actors.html">Actors</a> › {h(actor_id)}</p>
<h1>{h(a["name"])}</h1>
{facts}
{"".join(sections)}
"""
    return page(f"{a['name']} — news-events", body, up="../", current="actors")


# A small Markdown renderer for the codebook (headings, paragraphs, pipe tables, fenced code, inline code, links,
# bold, italics): the codebook is generated text of known shape, so no Markdown library is needed.
_INLINE = re.compile(r"`([^`]+)`|\[([^\]]+)\]\(([^)]+)\)|\*\*([^*]+)\*\*|\*([^*]+)\*")


def _inline(text: str) -> str:
    out, pos = [], 0
    for m in _INLINE.finditer(text):
        out.append(h(text[pos:m.start()]))
        if m.group(1) is not None:
            out.append(f"<code>{h(m.group(1))}</code>")
        elif m.group(2) is not None:
            out.append(f'<a href="{h(m.group(3))}">{_inline(m.group(2))}</a>')
        elif m.group(4) is not None:
            out.append(f"<strong>{_inline(m.group(4))}</strong>")
        else:
            out.append(f"<em>{_inline(m.group(5))}</em>")
        pos = m.end()
    out.append(h(text[pos:]))
    return "".join(out)


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)]


def markdown_html(md: str) -> str:
    lines = md.split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            lang = line[3:].strip()
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            cls = f' class="language-{h(lang)}"' if lang else ""
            out.append(f"<pre><code{cls}>{h(chr(10).join(lines[i + 1:j]))}</code></pre>")
            i = j + 1
        elif m := re.match(r"^(#{1,6}) (.*)$", line):
            level, text = len(m.group(1)), m.group(2)
            anchor = re.sub(r"[^a-z0-9_]+", "-", text.strip("` ").lower()).strip("-")
            out.append(f'<h{level} id="{h(anchor)}">{_inline(text)}</h{level}>')
            i += 1
        elif line.startswith("|") and i + 1 < len(lines) and re.match(r"^\|[-:| ]+\|$", lines[i + 1]):
            head = _cells(line)
            aligns = ["num" if c.strip().endswith(":") else "" for c in _cells(lines[i + 1])]
            j = i + 2
            body = []
            while j < len(lines) and lines[j].startswith("|"):
                cells = _cells(lines[j])
                body.append("<tr>" + "".join(f'<td class="{aligns[k] if k < len(aligns) else ""}">{_inline(c)}</td>'
                                             for k, c in enumerate(cells)) + "</tr>")
                j += 1
            out.append('<div class="table-wrap"><table><thead><tr>' + "".join(
                f'<th scope="col" class="{aligns[k]}">{_inline(c)}</th>' for k, c in enumerate(head)) +
                "</tr></thead><tbody>" + "".join(body) + "</tbody></table></div>")
            i = j
        elif not line.strip():
            i += 1
        else:
            j = i
            para = []
            while j < len(lines) and lines[j].strip() and not lines[j].startswith(("#", "|", "```")):
                para.append(lines[j])
                j += 1
            out.append(f"<p>{_inline(' '.join(para))}</p>")
            i = j
    return "\n".join(out)


def codebook_page(md: str) -> str:
    body = markdown_html(md)
    return page("Codebook — news-events", body + '\n<p><a href="codebook.md">The codebook as Markdown</a></p>',
                current="codebook")


# ---------------------------------------------------------------------------
# Writing the site
# ---------------------------------------------------------------------------


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise SiteError(f"cannot write the site to {out}: it is a file, not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise SiteError(f"{out} is not empty and holds no site built by newsevents; give a new or empty folder")
        for name in OUTPUTS:
            p = out / name
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    out.mkdir(parents=True, exist_ok=True)


def build_site(out: Path, package: Path | None = None) -> dict:
    """Write the site into ``out``; return counts of what was written."""
    pkg = Package(package)
    from .codebook import render as render_codebook

    colours = table_colours()
    try:
        _prepare(out)
        (out / "sources").mkdir()
        (out / "actors").mkdir()
        (out / "assets").mkdir()
        for name in ASSETS:
            text = resources.files("newsevents").joinpath("site_assets", name).read_text(encoding="utf-8")
            if name == "viewer.css":
                text += "\n" + table_css(colours)
            (out / "assets" / name).write_text(text, encoding="utf-8")
        corpus = json.dumps(corpus_data(pkg, colours), ensure_ascii=False, separators=(",", ":"))
        (out / "assets" / "corpus.js").write_text(
            "// Generated by newsevents site: the registry's tables and columns, actors and vocabularies.\n"
            f"window.NE = {corpus};\n", encoding="utf-8")
        marks = 0
        for sid in pkg.sources:
            text, n = source_page(pkg, sid, colours)
            marks += n
            (out / "sources" / f"{sid}.html").write_text(text, encoding="utf-8")
        for actor_id in pkg.actors:
            (out / "actors" / f"{actor_id}.html").write_text(actor_page(pkg, actor_id), encoding="utf-8")
        (out / "actors.html").write_text(actors_page(pkg), encoding="utf-8")
        (out / "index.html").write_text(index_page(pkg), encoding="utf-8")
        md = render_codebook(pkg.frames)
        (out / "codebook.md").write_text(md, encoding="utf-8")
        (out / "codebook.html").write_text(codebook_page(md), encoding="utf-8")
        (out / MARKER).write_text(f"newsevents {__version__} site; `newsevents site` may replace this folder's "
                                  "contents\n", encoding="utf-8")
    except OSError as e:
        raise SiteError(f"cannot write the site to {out}: {e.strerror or e}") from None
    return {"sources": len(pkg.sources), "actors": len(pkg.actors), "marks": marks}
