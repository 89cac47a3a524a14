"""Coverage audit: generic detectors prove that nothing the text says was left out.

The four detectors of ``detectors.py`` (quotation, number, temporal, proper_name) run over every seed; what each
finds must be covered by the coding:

* ``quotation``   -- by a statement's evidence;
* ``number``      -- by a metric's evidence;
* ``temporal``    -- by the evidence of an event, statement or metric;
* ``proper_name`` -- by the evidence of any coded row, actor mentions included.

A detection must lie wholly inside the evidence span of a row of a covering table, or inside the span of a
reviewed waiver (``coding/<source_id>.waivers.yaml``) for its detector, which gives a reason. The build
prints the audit and fails on any detection neither covered nor waived, and on a waiver that waives nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .detectors import DETECTORS, detect  # noqa: F401 (detect: the audit's detectors, used through this module)
from .yamlio import InputError, load_yaml

COVERING = {
    "quotation": ("statements",),
    "number": ("metrics",),
    "temporal": ("events", "event_mentions", "statements", "metrics"),
    "proper_name": ("events", "event_mentions", "statements", "metrics", "actor_mentions"),
}
assert tuple(COVERING) == DETECTORS


@dataclass(frozen=True)
class Waiver:
    detector: str
    start: int
    end: int
    reason: str
    line: int


WAIVER_SPEC = {
    "detector": ("string", True, "The detector whose findings are waived: " + ", ".join(f"`{d}`" for d in DETECTORS)
                 + "."),
    "quote": ("string or quote mapping", True, "The words whose detections are waived (see Quotes)."),
    "reason": ("string", True, "Why the detections are not content to code (a sentence a reviewer can check)."),
}
WAIVER_KEYS = list(WAIVER_SPEC)


def load_waivers(path: Path, text: str) -> list[Waiver]:
    """Read a waiver file; quotes are located like coding quotes, problems reported with file and line."""
    from .coding import CodingErrors, _check_keys, _locate_quote

    if not path.exists():
        return []
    doc = load_yaml(path)
    items = doc.get("waivers")
    if not isinstance(items, list):
        raise InputError(path, doc.line, "the file must hold `waivers:`, a list of {detector, quote, reason}")
    out, errors = [], []
    for w in items:
        if not _check_keys(w, WAIVER_KEYS, WAIVER_KEYS, path, "waiver", errors):
            continue
        if w["detector"] not in DETECTORS:
            errors.append(InputError(path, w.line_of("detector"), f"detector {w['detector']!r} is not one of "
                                     f"{', '.join(DETECTORS)}", "waiver"))
            continue
        if not isinstance(w["reason"], str) or len(w["reason"].strip()) < 10:
            errors.append(InputError(path, w.line_of("reason"), "a waiver needs a reason (a sentence a reviewer "
                                     "can check)", "waiver"))
            continue
        span = _locate_quote(w["quote"], text, path, w.line_of("quote"), "waiver", errors)
        if span is not None:
            out.append(Waiver(w["detector"], span.start, span.end, w["reason"], w.line))
    if errors:
        raise CodingErrors(errors)
    return out


@dataclass
class AuditResult:
    detections: list
    covered: list
    waived: list
    uncovered: list
    unused_waivers: list

    def table(self) -> str:
        lines = [f"  {'detector':<12} {'found':>6} {'covered':>8} {'waived':>7} {'uncovered':>10}"]
        for d in DETECTORS:
            n = lambda xs: sum(1 for x in xs if x.detector == d)
            lines.append(f"  {d:<12} {n(self.detections):>6} {n(self.covered):>8} {n(self.waived):>7} "
                         f"{n(self.uncovered):>10}")
        return "\n".join(lines)


def audit(text: str, rows: dict, waivers: list[Waiver]) -> AuditResult:
    """Check every detection in ``text`` against the evidence spans of ``rows`` (table -> list of row dicts)."""
    spans = {t: [(r["char_start"], r["char_end"]) for r in rows.get(t, [])] for t in
             {t for ts in COVERING.values() for t in ts}}
    detections = detect(text)
    covered, waived, uncovered, used = [], [], [], set()
    for d in detections:
        if any(s <= d.start and d.end <= e for t in COVERING[d.detector] for s, e in spans[t]):
            covered.append(d)
            continue
        hit = [w for w in waivers if w.detector == d.detector and w.start <= d.start and d.end <= w.end]
        if hit:
            waived.append(d)
            used.update(id(w) for w in hit)
        else:
            uncovered.append(d)
    unused = [w for w in waivers if id(w) not in used]
    return AuditResult(detections, covered, waived, uncovered, unused)
