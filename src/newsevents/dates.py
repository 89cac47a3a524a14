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
MONTHS["sept"] = 9
COUNTS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
COUNTS.update({"a": 1, "an": 1, "a few": 3})
UNIT_DAYS = {"hour": None, "day": 1, "week": 7}
_COUNT_RE = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|an|a)"
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


def _point(expr: str, anchor: dt.date, tense: str | None = None) -> Resolved | None:
    """A point or calendar unit: a day, a month, a year, a weekday, a weekend, a week."""
    e = expr
    m = re.fullmatch(rf"(?:(?:{_WEEKDAY_RE}),?\s+)?({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", e)
    if m:
        return _day(_safe_date(int(m[3]), MONTHS[m[1]], int(m[2]), expr), "explicit")
    m = re.fullmatch(rf"(?:(?:{_WEEKDAY_RE}),?\s+)?(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})", e)
    if m:
        return _day(_safe_date(int(m[3]), MONTHS[m[2]], int(m[1]), expr), "explicit")
    m = re.fullmatch(rf"(?:(?:{_WEEKDAY_RE}),?\s+)?({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?", e)
    if m:
        return _day(_nearest_year(MONTHS[m[1]], int(m[2]), anchor, expr, tense), "relative_to_publication")
    m = re.fullmatch(rf"(\d{{1,2}})\s+({_MONTH_RE})\.?", e)
    if m:
        return _day(_nearest_year(MONTHS[m[2]], int(m[1]), anchor, expr, tense), "relative_to_publication")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", e)
    if m:
        return _day(_safe_date(int(m[1]), int(m[2]), int(m[3]), expr), "explicit")
    m = re.fullmatch(rf"(early|mid|late)?[\s-]*({_MONTH_RE})\.?,?\s+(\d{{4}})", e)
    if m:
        y, mo = int(m[3]), MONTHS[m[2]]
        if m[1]:  # early = days 1-10, mid = 11-20, late = 21 to the month's end
            a, b = {"early": (1, 10), "mid": (11, 20), "late": (21, _month_end(y, mo).day)}[m[1]]
            return _interval(dt.date(y, mo, a), dt.date(y, mo, b), "explicit")
        return Resolved(f"{y:04d}-{mo:02d}", dt.date(y, mo, 1), _month_end(y, mo), "month", "explicit")
    m = re.fullmatch(rf"(early|mid|late)[\s-]*({_MONTH_RE})\.?", e)
    if m:  # a month without a year: the nearest one
        mo = MONTHS[m[2]]
        day = _nearest_year(mo, 15, anchor, expr, tense)
        a, b = {"early": (1, 10), "mid": (11, 20), "late": (21, _month_end(day.year, mo).day)}[m[1]]
        return _interval(dt.date(day.year, mo, a), dt.date(day.year, mo, b), "relative_to_publication")
    m = re.fullmatch(r"(early|mid|late)[\s-]*(\d{4})", e)
    if m:  # early = January-April, mid = May-August, late = September-December
        y = int(m[2])
        a, b = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[m[1]]
        return Resolved(f"{y:04d}-{a:02d}/{y:04d}-{b:02d}", dt.date(y, a, 1), _month_end(y, b), "interval",
                        "explicit")
    m = re.fullmatch(r"(\d{3})0s", e)
    if m:  # a decade
        y = int(m[1]) * 10
        return Resolved(f"{y:04d}/{y + 9:04d}", dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "interval", "explicit")
    m = re.fullmatch(r"(\d{4})\s*(?:-|–|to|through)\s*(\d{2}|\d{4})", e)
    if m:  # a span of years: 2019-2021, 2019–21
        a = int(m[1])
        b = int(m[2]) if len(m[2]) == 4 else a // 100 * 100 + int(m[2])
        if b > a:
            return Resolved(f"{a:04d}/{b:04d}", dt.date(a, 1, 1), dt.date(b, 12, 31), "interval", "explicit")
    m = re.fullmatch(r"(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)(?:\s+(?:of\s+)?(\d{4}))?", e)
    if m:  # a quarter; without a year, the publication year's
        q = int(m[1]) if m[1] else {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
                                     "4th": 4}[m[2]]
        y = int(m[3]) if m[3] else anchor.year
        a, b = 3 * q - 2, 3 * q
        return Resolved(f"{y:04d}-{a:02d}/{y:04d}-{b:02d}", dt.date(y, a, 1), _month_end(y, b), "interval",
                        "explicit" if m[3] else "relative_to_publication")
    m = re.fullmatch(r"(\d{4})", e)
    if m:
        y = int(m[1])
        return Resolved(f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "explicit")
    m = re.fullmatch(rf"(last\s+|this\s+|on\s+|next\s+)?(?:early\s+|late\s+)?({_WEEKDAY_RE})(?:['’]s)?{PARTS_OF_DAY}"
                     r"(?:['’]s)?", e)
    if m:
        if tense == "future" or (m[1] or "").strip() == "next":
            ahead = (WEEKDAYS[m[2]] - anchor.weekday()) % 7
            if (m[1] or "").strip() == "next" and ahead == 0:
                ahead = 7
            return _day(anchor + dt.timedelta(days=ahead), "relative_to_publication")
        back = (anchor.weekday() - WEEKDAYS[m[2]]) % 7
        if (m[1] or "").strip() == "last" and back == 0:
            back = 7
        return _day(anchor - dt.timedelta(days=back), "relative_to_publication")
    if re.fullmatch(rf"(today|tonight|this\s+(?:morning|afternoon|evening)|today['’]s)", e):
        return _day(anchor, "relative_to_publication")
    if re.fullmatch(rf"yesterday{PARTS_OF_DAY}|last\s+night", e):
        return _day(anchor - dt.timedelta(days=1), "relative_to_publication")
    if re.fullmatch(rf"tomorrow{PARTS_OF_DAY}(?:['’]s)?", e):
        return _day(anchor + dt.timedelta(days=1), "relative_to_publication")
    if e == "overnight":  # the night before publication
        return _interval(anchor - dt.timedelta(days=1), anchor, "relative_to_publication")
    m = re.fullmatch(rf"{_COUNT_RE}\s+(day|week|month|year|decade)s?\s+ago", e)
    if m:  # a point back in time, as precise as its unit
        n, unit = _count(m[1]), m[2]
        if unit == "decade":
            n, unit = 10 * n, "year"
        d = _back(anchor, n, unit)
        if unit == "day":
            return _day(d, "relative_to_publication")
        if unit == "week":
            monday = d - dt.timedelta(days=d.weekday())
            sunday = monday + dt.timedelta(days=6)
            return Resolved(f"{monday.isoformat()}/{sunday.isoformat()}", monday, sunday, "week",
                            "relative_to_publication")
        if unit == "month":
            return Resolved(f"{d.year:04d}-{d.month:02d}", d.replace(day=1), _month_end(d.year, d.month), "month",
                            "relative_to_publication")
        return Resolved(f"{d.year:04d}", dt.date(d.year, 1, 1), dt.date(d.year, 12, 31), "year",
                        "relative_to_publication")
    if re.fullmatch(r"(?:last|this\s+past|over\s+the)\s+weekend", e):
        back = (anchor.weekday() - 6) % 7 or 7  # most recent Sunday strictly before the anchor
        sunday = anchor - dt.timedelta(days=back)
        sat = sunday - dt.timedelta(days=1)
        return Resolved(f"{sat.isoformat()}/{sunday.isoformat()}", sat, sunday, "weekend", "relative_to_publication")
    e = re.sub(r"^previous\s+(week|month|year)$", r"last \1", e)
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


def _nearest_year(month: int, day: int, anchor: dt.date, expr: str, tense: str | None = None) -> dt.date:
    """A month and day without a year: the year that puts the date nearest the publication date (on or before
    it for tense 'past', on or after it for 'future')."""
    options = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(dt.date(y, month, day))
        except ValueError:
            continue
    if tense == "past":
        options = [d for d in options if d <= anchor]
    elif tense == "future":
        options = [d for d in options if d >= anchor]
    if not options:
        raise DateError(f"{expr!r} is not a real calendar date in any year")
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor))


def _add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def _count(word: str) -> int | None:
    word = word.strip()
    if word.isdigit():
        return int(word)
    return COUNTS.get(word)


def _span(e: str, anchor: dt.date) -> Resolved | None:
    """Spans: two days of one month, 'earlier this year', 'this week', durations back or forward."""
    m = re.fullmatch(rf"({_MONTH_RE})\.?\s+(\d{{1,2}})\s*(?:and|-|–|to|through)\s*(\d{{1,2}})(?:,?\s+(\d{{4}}))?", e)
    if m:
        mo = MONTHS[m[1]]
        if m[4]:
            a, b = _safe_date(int(m[4]), mo, int(m[2]), e), _safe_date(int(m[4]), mo, int(m[3]), e)
            basis = "explicit"
        else:
            a = _nearest_year(mo, int(m[2]), anchor, e)
            b, basis = _safe_date(a.year, mo, int(m[3]), e), "relative_to_publication"
        return Resolved(f"{a.isoformat()}/{b.isoformat()}", a, b, "interval", basis)
    m = re.fullmatch(r"earlier\s+this\s+(week|month|year)", e)
    if m:
        first = {"week": anchor - dt.timedelta(days=anchor.weekday()), "month": anchor.replace(day=1),
                 "year": anchor.replace(month=1, day=1)}[m[1]]
        return _interval(first, anchor, "relative_to_publication")
    m = re.fullmatch(r"(?:later\s+this|(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the|this))\s+(week|month|year)", e)
    if m:  # from publication to the end of the unit
        end = {"week": anchor + dt.timedelta(days=6 - anchor.weekday()),
               "month": _month_end(anchor.year, anchor.month), "year": dt.date(anchor.year, 12, 31)}[m[1]]
        return _interval(anchor, end, "relative_to_publication")
    m = re.fullmatch(r"(this|next)\s+(week|month|year)", e)
    if m:
        base = anchor
        if m[1] == "next":
            base = {"week": anchor + dt.timedelta(days=7), "month": _month_end(anchor.year, anchor.month)
                    + dt.timedelta(days=1), "year": anchor.replace(year=anchor.year + 1, month=1, day=1)}[m[2]]
        if m[2] == "week":
            monday = base - dt.timedelta(days=base.weekday())
            sunday = monday + dt.timedelta(days=6)
            return Resolved(f"{monday.isoformat()}/{sunday.isoformat()}", monday, sunday, "week",
                            "relative_to_publication")
        if m[2] == "month":
            return Resolved(f"{base.year:04d}-{base.month:02d}", base.replace(day=1), _month_end(base.year, base.month),
                            "month", "relative_to_publication")
        return Resolved(f"{base.year:04d}", dt.date(base.year, 1, 1), dt.date(base.year, 12, 31), "year",
                        "relative_to_publication")
    count = _COUNT_RE
    m = re.fullmatch(r"(?:(?:for|over|in|during)\s+)?(?:the\s+)?(?:last|past|previous)\s+(decade|century)", e)
    if m:
        return _interval(_back(anchor, 10 if m[1] == "decade" else 100, "year"), anchor, "relative_to_publication")
    m = re.fullmatch(rf"(?:(?:for|over|in|during)\s+)?(?:the\s+)?(?:last|past|previous|nearly|almost|more\s+than|over)"
                     rf"\s+(?:the\s+)?(?:last\s+|past\s+)?{count}\s+(day|week|month|year|decade)s?", e)
    if m:
        n, unit = _count(m[1]), m[2]
        if unit == "decade":
            n, unit = 10 * n, "year"
        start = _back(anchor, n, unit)
        return _interval(start, anchor, "relative_to_publication")
    m = re.fullmatch(rf"(?:(?:for|over|in|during|within)\s+)?(?:the\s+)?(?:next|coming)\s+{count}\s+(day|week|month|year)s?"
                     rf"|within\s+{count}\s+(hour|day|week|month|year)s?", e)
    if m:
        n, unit = _count(m[1] or m[3]), m[2] or m[4]
        end = anchor if unit == "hour" and n <= 24 else _forward(anchor, n if unit != "hour" else -(-n // 24),
                                                                  unit if unit != "hour" else "day")
        return _interval(anchor, end, "relative_to_publication")
    return None


def _back(anchor: dt.date, n: int, unit: str) -> dt.date:
    if unit == "year":
        return _add_years(anchor, -n)
    if unit == "month":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
        return dt.date(y, mo + 1, min(anchor.day, calendar.monthrange(y, mo + 1)[1]))
    return anchor - dt.timedelta(days=n * (7 if unit == "week" else 1))


def _forward(anchor: dt.date, n: int, unit: str) -> dt.date:
    if unit == "year":
        return _add_years(anchor, n)
    if unit == "month":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + n, 12)
        return dt.date(y, mo + 1, min(anchor.day, calendar.monthrange(y, mo + 1)[1]))
    return anchor + dt.timedelta(days=n * (7 if unit == "week" else 1))


def _safe_date(y: int, m: int, d: int, expr: str) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError as e:
        raise DateError(f"{expr!r} is not a real calendar date ({e})") from None


FORMS = ("'January 9, 2026', 'Friday, January 9, 2026', '9 January 2026', '2026-01-09', 'October 2024', '2026', "
         "'Sept. 30' or '23 December' (no year: the year nearest publication), 'January 27 and 28, 2026', "
         "'earlier this week/month/year', 'this/next week/month/year', 'over the last four years', "
         "'nearly three years', 'the next three years', 'within 48 hours', "
         "'Thursday', 'Thursday night', 'Friday’s', 'last Friday', 'today', 'yesterday', 'last weekend', "
         "'last/previous week', 'last/previous month', 'last/previous year', 'since <any of these>', 'since <clause> in <any of these>', 'each year', 'annually', 'in recent weeks/months/years', "
         "'in the coming days/weeks/months', 'tomorrow', 'next Tuesday', 'late Monday', 'overnight', "
         "'two weeks ago', 'a year ago', 'early/mid/late March 2025' (days 1-10/11-20/21-end), "
         "'mid-2024' (early/mid/late year: Jan-Apr/May-Aug/Sep-Dec), 'the 1990s', '2019-2021', 'Q3 2025', "
         "'the third quarter of 2024', 'the past decade', 'the previous five years', 'later this year', "
         "'by the end of the year'; a span of two expressions with resolve_span (CLI: --until)")


TENSES = ("past", "future")


def resolve(expression: str, anchor: dt.date, tense: str | None = None) -> Resolved:
    """Resolve ``expression`` (words from the text) against the publication date ``anchor``.

    ``tense`` says which way an expression without a year or week points: 'past' (on or before publication)
    or 'future' (on or after); by default a month and day take the nearest year and a weekday the last one."""
    if tense not in (None, *TENSES):
        raise DateError(f"tense must be 'past' or 'future', not {tense!r}")
    if not isinstance(expression, str) or not expression.strip():
        raise DateError("the date expression is empty")
    e = re.sub(r"\s+", " ", expression.strip()).lower()
    e = re.sub(r"^(?:on|in|during|by|at)\s+", "", e)
    e = re.sub(r"^the\s+", "", e)
    e = re.sub(r"['’]s$", "", e)  # possessive: "last year's", "Friday's"
    point = _point(e, anchor, tense) or _span(e, anchor)
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
    m = re.fullmatch(r"(?:each|every|per|a)\s+(day|week|month|year)|(dai|week|month|year)ly|annual(?:ly)?", e)
    if m:
        unit = (m[1] or m[2] or "year")[0].upper()
        return Resolved(f"R/P1{unit}", None, None, "recurring", "unanchored")
    if re.fullmatch(r"(?:in\s+)?(?:the\s+)?(?:recent|past|last\s+few)\s+(?:days|weeks|months|years)|recently", e):
        return _interval(None, anchor, "relative_to_publication")
    if re.fullmatch(r"(?:in\s+)?(?:the\s+)?(?:coming|next\s+few)\s+(?:days|weeks|months|years)", e):
        return _interval(anchor, None, "relative_to_publication")
    raise DateError(f"cannot resolve the date expression {expression!r}; forms understood: {FORMS}; "
                    "for anything else give `value`, `start`, `end`, `precision` and a `source`")


def resolve_span(first: str, last: str, anchor: dt.date, tense: str | None = None) -> Resolved:
    """A span given as two expressions ("Sunday night" to "Monday morning"): from the start of the first to the
    end of the second, as an interval; DateError when either is not understood or the span runs backwards."""
    a, b = resolve(first, anchor, tense), resolve(last, anchor, tense)
    if a.start is None or b.end is None:
        raise DateError(f"a span needs a known start and end: {first!r} starts {a.start}, {last!r} ends {b.end}")
    if a.start > b.end:
        raise DateError(f"{first!r} ({a.start}) is after {last!r} ({b.end})")
    basis = "explicit" if a.basis == b.basis == "explicit" else "relative_to_publication"
    return _interval(a.start, b.end, basis)
