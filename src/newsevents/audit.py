"""Coverage audit: generic detectors prove that nothing the text says was left out.

Four detectors run over any English news text (no word lists of a particular article):

* ``quotation``   -- every passage in quotation marks; covered by a statement's evidence;
* ``number``      -- every number, percentage, fraction, sum of money (with its magnitude: "$3bn") and number
                     word (any case) outside dates, but not the pronoun "one"; covered by a metric's evidence;
* ``temporal``    -- weekdays, months, years, relative expressions ("last weekend", "since ...",
                     "year-long", "each year", "recent months", "coming weeks"); covered by the evidence of an
                     event, statement or metric;
* ``proper_name`` -- capitalized word sequences and abbreviations like "U.S."; covered by the evidence of any
                     coded row, actor mentions included. A capitalized word opening a sentence is a candidate
                     too unless it is a function word ("The", "During"): the detector errs towards finding more.

A detection must lie wholly inside the evidence span of a row of a covering table, or inside the span of a
reviewed waiver (``coding/<source_id>.waivers.yaml``) for its detector, which gives a reason. The build
prints the audit and fails on any detection neither covered nor waived, and on a waiver that waives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .yamlio import InputError, load_yaml

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
UNIT_WORDS = "second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century|centurie"
UNITS = f"(?:{UNIT_WORDS})s?"
CARDINALS = ("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
             "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
             "hundreds?|thousands?|millions?|billions?|trillions?|dozens?|several|half|twice|thrice|"
             "single|double|triple|once|tens|scores")
# Function words that start sentences; a capitalized one at a sentence start is not a name.
STOPWORDS = set("""a an the this that these those it its he she they we i you his her their our my your
there here as at by for from in into of on onto to with without during after before since until while when
where whether which who whom whose what why how if then than but and or nor so yet also meanwhile however
both either neither each every any all some many most more much no not one such same other another
about above across against along among around behind below beneath beside between beyond despite down
except inside near off out outside over through throughout toward towards under unlike up upon via within
although because though unless once now still just only even
""".split())

TEMPORAL_PATTERNS = [
    rf"\b(?:(?:{WEEKDAYS}),?\s+)?(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?",
    rf"\b\d{{1,2}}\s+(?:{MONTHS})(?:,?\s+\d{{4}})?",
    rf"\b(?:{MONTHS})(?:\s+\d{{4}})?\b",
    rf"\b(?:{WEEKDAYS})(?:['’]s)?(?:\s+(?:night|morning|afternoon|evening))?",
    r"\b(?:1[89]|20)\d{2}s?\b",
    rf"(?i)\b(?:last|this|next|past|coming|recent|previous|following|upcoming|few)\s+(?:few\s+)?(?:{UNITS})\b",
    rf"(?i)\b(?:each|every|per|a)\s+(?:{UNITS})\b(?=[\s.,;:!?)]|$)",
    rf"\b(?:[\w]+-)?(?:{UNIT_WORDS})s?-(?:long|old)\b",
    r"(?i)\b(?:annually|daily|weekly|monthly|yearly|today|tonight|yesterday|tomorrow|recently)\b",
    r"(?i)\bsince\s+[^,.;:!?]+",
]
MAGNITUDES = r"(?:bn|billion|mn|million|m|tn|trillion|thousand|hundred|k)\b"
CURRENCY = r"(?:US\$|A\$|C\$|HK\$|NZ\$|[$£€¥₹]|\b(?:USD|GBP|EUR|JPY|CAD|AUD|CHF|CNY|INR)\s?)"
FRACTIONS = ("half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|"
             "hundredths?|thousandths?")
NUMBER_PATTERNS = [
    # digits, with a currency before and a magnitude or percent after: "$3bn", "£100 million", "GBP40 million", "12.5%"
    rf"(?<![\w.]){CURRENCY}?[-−]?\d+(?:[.,]\d+)*[½⅓⅔¼¾⅕⅛]?(?:\s?(?:%|percent|per cent)|\s?{MAGNITUDES})?",
    r"(?<![\w.])[½⅓⅔¼¾⅕⅛]",
    # number words in any case ("Six Republicans", "Fifty-three"), joined by hyphens, spaces or "of"
    rf"(?i:\b(?:{CARDINALS})(?:(?:[- ]|\s+of\s+)(?:{CARDINALS}))*\b)(?:\s+(?:percent|per cent))?",
    # fractions in words: "two-thirds", "Three-quarters", "one fifth"
    rf"(?i:\b(?:{CARDINALS})[- ](?:{FRACTIONS})\b)",
]
# Number words that are not quantities: the pronoun "one" ("one of his predecessors", "this one", "no one"),
# and "half" of a match ("the second half").
NOT_NUMBERS = re.compile(
    r"(?i:\b(?:this|that|which|the|each|every|any|no|some|another|other|last|first|only|little|big|new|old)\s+"
    r"one\b|\bone\s+(?=of\s+(?:his|her|their|its|our|my|your|the|these|those|them|us|whom|which)\b)|"
    r"\bone\s+(?=another\b)|\b(?:first|second)\s+half\b)")
QUOTATION_PATTERNS = [r"“[^”]*”", r'"[^"\n]*"', r"(?<![\w])‘[^’\n]*’(?![\w])", r"«[^»]*»", r"„[^“”]*[“”]"]
NAME_TOKEN = r"(?:[A-Z][a-z]*\.){2,}|[A-Z][\w’'-]*[\w]|[A-Z]"
NAME_PATTERN = rf"(?:{NAME_TOKEN})(?: +(?:(?:of|the|de|del|la|and) +)?(?:{NAME_TOKEN}))*"

COVERING = {
    "quotation": ("statements",),
    "number": ("metrics",),
    "temporal": ("events", "event_mentions", "statements", "metrics"),
    "proper_name": ("events", "event_mentions", "statements", "metrics", "actor_mentions"),
}
DETECTORS = tuple(COVERING)


@dataclass(frozen=True)
class Detection:
    detector: str
    start: int
    end: int
    text: str


def _matches(patterns, text):
    spans = []
    for p in patterns:
        for m in re.finditer(p, text):
            if m.end() > m.start():
                spans.append((m.start(), m.end()))
    return _merge(spans)


def _merge(spans):
    """Union of overlapping spans, as maximal spans."""
    out = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _sentence_start(text: str, i: int) -> bool:
    """True when position i starts a sentence, a paragraph or a quotation."""
    j = i - 1
    if j >= 0 and text[j] in "“‘\"(":
        return True
    while j >= 0 and text[j] in " \t”’\")":
        j -= 1
    return j < 0 or text[j] in ".!?\n:"


def detect(text: str) -> list[Detection]:
    """All detections of all detectors in ``text``."""
    found = []
    temporal = _matches(TEMPORAL_PATTERNS, text)
    found += [Detection("temporal", s, e, text[s:e]) for s, e in temporal]
    not_numbers = [(m.start(), m.end()) for m in NOT_NUMBERS.finditer(text)]
    for s, e in _matches(NUMBER_PATTERNS, text):
        if any(ts <= s and e <= te for ts, te in temporal):
            continue  # a day or year inside a date is audited as a date
        if any(ns <= s and e <= ne for ns, ne in not_numbers):
            continue  # the pronoun "one", "the second half"
        found.append(Detection("number", s, e, text[s:e]))
    found += [Detection("quotation", s, e, text[s:e]) for s, e in _matches(QUOTATION_PATTERNS, text)]
    for m in re.finditer(NAME_PATTERN, text):
        s, e = m.start(), m.end()
        words = m.group().split()
        if _sentence_start(text, s) and words[0].lower() in STOPWORDS:
            # drop a sentence-initial function word ("The", "During"), keep any name after it
            rest = m.group()[len(words[0]):].lstrip()
            if not rest:
                continue
            s = e - len(rest)
        if any(ts <= s and e <= te for ts, te in temporal):
            continue  # month and weekday names are audited as dates
        found.append(Detection("proper_name", s, e, text[s:e]))
    return sorted(found, key=lambda d: (d.start, d.detector))


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
