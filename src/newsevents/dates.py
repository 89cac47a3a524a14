"""Resolve English temporal expressions against a publication date (TIMEX3/EDTF style).

``resolve("Thursday night", date(2026, 1, 9))`` gives the day 2026-01-08, with
a normalized value, a precision, earliest/latest bounds and the basis.
The rules are generic English, not tied to one article.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
PARTS_OF_DAY = r"(?:\s+(?:night|morning|afternoon|evening))?"
_MONTH_RE = "|".join(sorted((m for m in MONTHS), key=len, reverse=True))
_WEEKDAY_RE = "|".join(WEEKDAYS)


class DateError(ValueError):
    """The expression cannot be resolved; the message lists the forms understood."""


@dataclass(frozen=True)
class Resolved:
    value: str | None
    start: dt.date | None
    end: dt.date | None
    precision: str
    basis: str


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def iso_bounds(part: str) -> tuple[dt.date, dt.date]:
    """First and last day of an ISO 8601 date, month or year ('2026-01-09', '2024-10', '2026');
    ValueError when it is not a real one."""
    bits = [int(x) for x in part.split("-")]
    if len(bits) == 3:
        d = dt.date(*bits)
        return d, d
    if len(bits) == 2:
        return dt.date(bits[0], bits[1], 1), _month_end(*bits)
    if len(bits) == 1:
        return dt.date(bits[0], 1, 1), dt.date(bits[0], 12, 31)
    raise ValueError(f"{part!r} is not an ISO date, month or year")


def _iso(d: dt.date | None) -> str:
    return ".." if d is None else d.isoformat()


def _interval(start: dt.date | None, end: dt.date | None, basis: str) -> Resolved:
    return Resolved(f"{_iso(start)}/{_iso(end)}", start, end, "interval", basis)


def _day(d: dt.date, basis: str) -> Resolved:
    return Resolved(d.isoformat(), d, d, "day", basis)


def _point(expr: str, anchor: dt.date) -> Resolved | None:
    """A point or calendar unit: a day, a month, a year, a weekday, a weekend, a week."""
    e = expr
    m = re.fullmatch(rf"(?:(?:{_WEEKDAY_RE}),?\s+)?({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", e)
    if m:
        return _day(_safe_date(int(m[3]), MONTHS[m[1]], int(m[2]), expr), "explicit")
    m = re.fullmatch(rf"(?:(?:{_WEEKDAY_RE}),?\s+)?(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})", e)
    if m:
        return _day(_safe_date(int(m[3]), MONTHS[m[2]], int(m[1]), expr), "explicit")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", e)
    if m:
        return _day(_safe_date(int(m[1]), int(m[2]), int(m[3]), expr), "explicit")
    m = re.fullmatch(rf"(?:early\s+|late\s+|mid-?)?({_MONTH_RE})\.?,?\s+(\d{{4}})", e)
    if m:
        y, mo = int(m[2]), MONTHS[m[1]]
        return Resolved(f"{y:04d}-{mo:02d}", dt.date(y, mo, 1), _month_end(y, mo), "month", "explicit")
    m = re.fullmatch(r"(\d{4})", e)
    if m:
        y = int(m[1])
        return Resolved(f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "explicit")
    m = re.fullmatch(rf"(last\s+|this\s+|on\s+)?({_WEEKDAY_RE})(?:['’]s)?{PARTS_OF_DAY}", e)
    if m:
        back = (anchor.weekday() - WEEKDAYS[m[2]]) % 7
        if (m[1] or "").strip() == "last" and back == 0:
            back = 7
        return _day(anchor - dt.timedelta(days=back), "relative_to_publication")
    if re.fullmatch(rf"(today|tonight|this\s+(?:morning|afternoon|evening)|today['’]s)", e):
        return _day(anchor, "relative_to_publication")
    if re.fullmatch(rf"yesterday{PARTS_OF_DAY}|last\s+night", e):
        return _day(anchor - dt.timedelta(days=1), "relative_to_publication")
    if re.fullmatch(r"(?:last|this\s+past|over\s+the)\s+weekend", e):
        back = (anchor.weekday() - 6) % 7 or 7  # most recent Sunday strictly before the anchor
        sunday = anchor - dt.timedelta(days=back)
        sat = sunday - dt.timedelta(days=1)
        return Resolved(f"{sat.isoformat()}/{sunday.isoformat()}", sat, sunday, "weekend", "relative_to_publication")
    if re.fullmatch(r"last\s+week", e):
        monday = anchor - dt.timedelta(days=anchor.weekday() + 7)
        sunday = monday + dt.timedelta(days=6)
        return Resolved(f"{monday.isoformat()}/{sunday.isoformat()}", monday, sunday, "week",
                        "relative_to_publication")
    if re.fullmatch(r"last\s+month", e):
        first = (anchor.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return Resolved(f"{first.year:04d}-{first.month:02d}", first, _month_end(first.year, first.month), "month",
                        "relative_to_publication")
    if re.fullmatch(r"last\s+year", e):
        y = anchor.year - 1
        return Resolved(f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "relative_to_publication")
    return None


def _safe_date(y: int, m: int, d: int, expr: str) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError as e:
        raise DateError(f"{expr!r} is not a real calendar date ({e})") from None


FORMS = ("'January 9, 2026', 'Friday, January 9, 2026', '9 January 2026', '2026-01-09', 'October 2024', '2026', "
         "'Thursday', 'Thursday night', 'Friday’s', 'last Friday', 'today', 'yesterday', 'last weekend', "
         "'last week', 'last month', 'last year', 'since <any of these>', 'since <clause> in <any of these>', 'each year', 'annually', 'in recent weeks/months/years', "
         "'in the coming days/weeks/months'")


def resolve(expression: str, anchor: dt.date) -> Resolved:
    """Resolve ``expression`` (words from the text) against the publication date ``anchor``."""
    if not isinstance(expression, str) or not expression.strip():
        raise DateError("the date expression is empty")
    e = re.sub(r"\s+", " ", expression.strip()).lower()
    e = re.sub(r"^(?:on|in|during|by|at)\s+", "", e)
    e = re.sub(r"^the\s+", "", e)
    point = _point(e, anchor)
    if point is not None:
        return point
    m = re.fullmatch(r"since\s+(.+)", e)
    if m:
        # "since October 2024", or "since <clause> in October 2024"
        inner = re.sub(r"^(?:on|in)\s+", "", m[1])
        p = _point(inner, anchor)
        if p is None:
            tail = re.search(r"\b(?:in|on)\s+([^,;]+)$", inner)
            p = _point(tail[1], anchor) if tail else None
        if p is None:
            raise DateError(f"cannot resolve the start of {expression!r}; forms understood: {FORMS}")
        first = p.value if "/" not in p.value else p.start.isoformat()
        return Resolved(f"{first}/{anchor.isoformat()}", p.start, anchor, "interval",
                        "explicit" if p.basis == "explicit" else "relative_to_publication")
    m = re.fullmatch(r"(?:each|every|per|a)\s+(day|week|month|year)|(dai|week|month|year)ly|annually", e)
    if m:
        unit = (m[1] or m[2] or "year")[0].upper()
        return Resolved(f"R/P1{unit}", None, None, "recurring", "unanchored")
    if re.fullmatch(r"(?:in\s+)?(?:the\s+)?(?:recent|past|last\s+few)\s+(?:days|weeks|months|years)|recently", e):
        return _interval(None, anchor, "relative_to_publication")
    if re.fullmatch(r"(?:in\s+)?(?:the\s+)?(?:coming|next\s+few)\s+(?:days|weeks|months|years)", e):
        return _interval(anchor, None, "relative_to_publication")
    raise DateError(f"cannot resolve the date expression {expression!r}; forms understood: {FORMS}; "
                    "for anything else give `value`, `start`, `end`, `precision` and a `source`")
