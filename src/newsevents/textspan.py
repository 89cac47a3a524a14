"""Locate quoted evidence in a seed text and return code-point offsets.

Python ``str`` indexes code points, so the offsets returned here are Unicode
code-point offsets (half-open) whatever the characters: curly quotes, dashes,
accents and emoji each count as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class QuoteError(ValueError):
    """The quote cannot be located uniquely; the message says why and what to do."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def find_all(text: str, needle: str) -> list[int]:
    """Every start offset of ``needle`` in ``text``, overlapping matches included."""
    if not needle:
        return []
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _loose(s: str) -> str:
    """A pattern matching ``s`` with every typographic look-alike, ellipsis, dash and white space variant."""
    out, i = [], 0
    while i < len(s):
        if s.startswith("...", i) or s[i] == "…":
            out.append(r"(?:\.\.\.|…)")
            i += 3 if s.startswith("...", i) else 1
        elif s.startswith("--", i) or s[i] in "—–-":
            out.append(r"(?:--|[—–-])")
            i += 2 if s.startswith("--", i) else 1
        elif s[i] in "'’‘\"“”":
            out.append("['’‘\"“”]")
            i += 1
        elif s[i].isspace():
            while i < len(s) and s[i].isspace():
                i += 1
            out.append(r"\s+")
        else:
            out.append(re.escape(s[i]))
            i += 1
    return "".join(out)


def _hint(text: str, exact: str) -> str:
    """A hint for a quote that is not in the text: the text's own spelling when the quote differs only by
    straight/curly quotes, '...'/'…', '--'/'—', ordinary/no-break spaces, doubled spaces or line breaks."""
    m = re.search(_loose(exact), text)
    if m:
        found = m.group()
        classes = (("quotation marks", lambda x: re.findall(r"['’‘\"“”]", x)),
                   ("ellipses", lambda x: re.findall(r"\.\.\.|…", x)),
                   ("dashes", lambda x: re.findall(r"--|[—–-]", x)),
                   ("spaces (no-break, doubled or line breaks)", lambda x: re.findall(r"\s+", x)))
        kinds = [name for name, pick in classes if pick(found) != pick(exact)]
        what = ", ".join(kinds) or "characters"
        return f" The text has these words with other {what}: {found!r} (copy them from the seed)."
    if exact.strip() != exact and exact.strip() in text:
        return " Remove the leading/trailing white space."
    folded = re.sub(r"\s+", " ", exact)
    if folded != exact and folded in text:
        return " The text has single spaces where the quote has line breaks or runs of spaces."
    # longest prefix of the quote that is in the text
    lo, hi = 0, len(exact)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if exact[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo >= 8:
        return f" The text matches up to {exact[:lo]!r} and differs from there on."
    return ""


def locate(text: str, exact: str, prefix: str | None = None, suffix: str | None = None,
           occurrence: int | None = None) -> Span:
    """Find ``exact`` in ``text`` (W3C TextQuoteSelector semantics).

    ``prefix``/``suffix`` must immediately precede/follow the match; ``occurrence``
    (1-based) picks among the remaining matches.  Exactly one match must remain.
    """
    if not isinstance(exact, str) or not exact:
        raise QuoteError("the quote is empty: copy the supporting words from the seed text")
    starts = find_all(text, exact)
    if not starts:
        raise QuoteError(f"quote not found in the seed text: {exact!r}.{_hint(text, exact)}")
    if prefix:
        starts = [s for s in starts if text[max(0, s - len(prefix)):s] == prefix]
    if suffix:
        starts = [s for s in starts if text[s + len(exact):s + len(exact) + len(suffix)] == suffix]
    if not starts:
        raise QuoteError(f"quote {exact!r} occurs in the text, but never with the given prefix/suffix "
                         f"(prefix={prefix!r}, suffix={suffix!r})")
    if occurrence is not None:
        if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
            raise QuoteError(f"occurrence must be a whole number from 1, not {occurrence!r}")
        if occurrence > len(starts):
            raise QuoteError(f"occurrence {occurrence} asked for, but quote {exact!r} occurs only "
                             f"{len(starts)} time(s)")
        starts = [starts[occurrence - 1]]
    if len(starts) > 1:
        where = ", ".join(str(s) for s in starts[:6])
        raise QuoteError(f"quote {exact!r} is ambiguous: it occurs {len(starts)} times (at code points {where}); "
                         "add `occurrence: N`, or a `prefix`/`suffix`, or quote more words")
    s = starts[0]
    return Span(s, s + len(exact), exact)


def find_words(text: str, phrase: str) -> list[int]:
    """Starts of ``phrase`` where it stands as whole words (no letter or digit on either side)."""
    out = []
    for s in find_all(text, phrase):
        e = s + len(phrase)
        before = text[s - 1] if s > 0 else " "
        after = text[e] if e < len(text) else " "
        if not (before.isalnum() or (phrase[0].isalnum() and before == "_")) and not after.isalnum():
            out.append(s)
    return out
