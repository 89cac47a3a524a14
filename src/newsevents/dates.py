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
    m = re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?", e)
    if m:
        return _day(_nearest_year(MONTHS[m[2]], int(m[1]), anchor, expr, tense), "relative_to_publication")
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
    m = re.fullmatch(rf"(last\s+|this\s+|on\s+|next\s+)?({_WEEKDAY_RE})(?:['’]s)?{PARTS_OF_DAY}", e)
    if m:
        if tense == "future" or (m[1] or "").strip() == "next":
            ahead = (WEEKDAYS[m[2]] - anchor.weekday()) % 7
            return _day(anchor + dt.timedelta(days=ahead), "relative_to_publication")
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
    count = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|an|a)"
    m = re.fullmatch(rf"(?:(?:for|over|in|during)\s+)?(?:the\s+)?(?:last|past|nearly|almost|more\s+than|over)"
                     rf"\s+(?:the\s+)?(?:last\s+|past\s+)?{count}\s+(day|week|month|year)s?", e)
    if m:
        n, unit = _count(m[1]), m[2]
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
         "'in the coming days/weeks/months', 'Sept.' (a month alone: the nearest), 'tomorrow', 'overnight', "
         "'this/next Friday', 'later this week/month/year', 'by the end of the week/month/year', "
         "'two weeks ago', 'a year ago', 'the 1990s', '2019-2021', 'Q3 2025', 'the third quarter (of 2024)', "
         "'the past/previous decade', 'the previous five years', 'the past week', 'the past 24 hours', "
         "'this weekend', 'earlier today', 'two weeks from now', 'the first half of 2024', 'H2 2024', "
         "early/mid/late + a day, month or year ('late Monday', 'mid-March', 'late 2024'; a month in thirds "
         "1-10/11-20/21-end, a year Jan-Apr/May-Aug/Sep-Dec); a span of two expressions is given with `until`")


TENSES = ("past", "future")

# Thirds used by the qualifiers early / mid / late.
MONTH_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
YEAR_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _qualify(r: Resolved, q: str) -> Resolved:
    """Narrow a month to days 1-10 / 11-20 / 21-end, a year to Jan-Apr / May-Aug / Sep-Dec; a day stays the day."""
    if r.precision == "month":
        a, b = MONTH_THIRDS[q]
        start = r.start.replace(day=a)
        end = r.start.replace(day=min(b, calendar.monthrange(r.start.year, r.start.month)[1]))
        return _interval(start, end, r.basis)
    if r.precision == "year":
        a, b = YEAR_THIRDS[q]
        return _interval(dt.date(r.start.year, a, 1), _month_end(r.start.year, b), r.basis)
    if r.precision == "day":
        return r
    if (r.precision == "interval" and r.start and r.end and r.start.year % 10 == 0 and (r.start.month, r.start.day)
            == (1, 1) and r.end == dt.date(r.start.year + 9, 12, 31)):  # a decade: years 0-3, 4-6, 7-9
        a, b = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[q]
        return _interval(dt.date(r.start.year + a, 1, 1), dt.date(r.start.year + b, 12, 31), r.basis)
    raise DateError(f"cannot narrow {r.value} with {q!r}; early/mid/late apply to a day, a month or a year")


def _nearest_span(spans: list[tuple[dt.date, dt.date]], anchor: dt.date, tense: str | None) -> tuple[dt.date, dt.date]:
    if tense == "past":
        spans = [s for s in spans if s[0] <= anchor]
    elif tense == "future":
        spans = [s for s in spans if s[1] >= anchor]

    def dist(s):
        return 0 if s[0] <= anchor <= s[1] else min(abs((s[0] - anchor).days), abs((s[1] - anchor).days))
    return min(spans, key=lambda s: (dist(s), s[0] > anchor))


def _extra(e: str, anchor: dt.date, tense: str | None) -> Resolved | None:
    """Bare months, decades, year ranges, quarters, 'ago', tomorrow, overnight, 'later this', 'by the end of'."""
    rel = "relative_to_publication"
    m = re.fullmatch(rf"({_MONTH_RE})\.?", e)
    if m:
        mo = MONTHS[m[1]]
        a, b = _nearest_span([(dt.date(y, mo, 1), _month_end(y, mo)) for y in range(anchor.year - 1, anchor.year + 2)],
                             anchor, tense)
        return Resolved(f"{a.year:04d}-{mo:02d}", a, b, "month", rel)
    m = re.fullmatch(r"(\d{3})0s", e)
    if m:
        y = int(m[1]) * 10
        return _interval(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "explicit")
    m = re.fullmatch(r"(\d{4})\s*(?:-|–|—|to|through)\s*(\d{4})", e)
    if m and int(m[1]) <= int(m[2]):
        return _interval(dt.date(int(m[1]), 1, 1), dt.date(int(m[2]), 12, 31), "explicit")
    m = re.fullmatch(r"(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)(?:\s+(?:of\s+)?(\d{4}))?", e)
    if m:
        q = int(m[1]) if m[1] else ORDINALS[m[2]]
        def qspan(y):
            return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m[3]:
            return _interval(*qspan(int(m[3])), "explicit")
        return _interval(*_nearest_span([qspan(y) for y in range(anchor.year - 1, anchor.year + 2)], anchor, tense), rel)
    count = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"
    m = re.fullmatch(rf"{count}\s+(day|week|month|year|decade)s?\s+ago", e)
    if m:
        n, unit = _count(m[1]), m[2]
        if unit == "decade":
            n, unit = n * 10, "year"
        return _day(_back(anchor, n, unit), rel)
    m = re.fullmatch(rf"(?:previous|past|last)\s+{count}\s+decades?|(?:previous|past|last)\s+decade", e)
    if m:
        return _interval(_back(anchor, 10 * (_count(m[1]) if m[1] else 1), "year"), anchor, rel)
    m = re.fullmatch(rf"previous\s+{count}\s+(day|week|month|year)s?", e)
    if m:
        return _interval(_back(anchor, _count(m[1]), m[2]), anchor, rel)
    m = re.fullmatch(r"(first|second)\s+half\s+of\s+(\d{4})|h([12])\s+(\d{4})", e)
    if m:
        h, y = (1 if m[1] == "first" else 2, int(m[2])) if m[1] else (int(m[3]), int(m[4]))
        return _interval(dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "explicit")
    m = re.fullmatch(rf"{count}\s+(day|week|month|year)s?\s+from\s+(?:now|today)", e)
    if m:
        return _day(_forward(anchor, _count(m[1]), m[2]), rel)
    m = re.fullmatch(r"past\s+(day|week|month|year)|(?:past|last)\s+(\d+)\s+hours", e)
    if m:
        if m[2]:
            return _interval(anchor - dt.timedelta(days=-(-int(m[2]) // 24)), anchor, rel)
        return _interval(_back(anchor, 1, m[1]), anchor, rel)
    if e == "this weekend":
        if tense == "past":
            back = (anchor.weekday() - 6) % 7
            sunday = anchor - dt.timedelta(days=back)
        else:
            sunday = anchor + dt.timedelta(days=(6 - anchor.weekday()) % 7)
        sat = sunday - dt.timedelta(days=1)
        return Resolved(f"{sat.isoformat()}/{sunday.isoformat()}", sat, sunday, "weekend", rel)
    if e == "earlier today":
        return _day(anchor, rel)
    m = re.fullmatch(rf"tomorrow{PARTS_OF_DAY}", e)
    if m:
        return _day(anchor + dt.timedelta(days=1), rel)
    if e in ("overnight", "overnight into today"):
        return _interval(anchor - dt.timedelta(days=1), anchor, rel)
    m = re.fullmatch(r"later\s+this\s+(week|month|year)", e)
    if m:
        end = {"week": anchor + dt.timedelta(days=6 - anchor.weekday()), "month": _month_end(anchor.year, anchor.month),
               "year": dt.date(anchor.year, 12, 31)}[m[1]]
        return _interval(anchor, end, rel)
    m = re.fullmatch(r"by\s+(?:the\s+)?end\s+of\s+(?:the|this)\s+(week|month|year)", e)
    if m:
        end = {"week": anchor + dt.timedelta(days=6 - anchor.weekday()), "month": _month_end(anchor.year, anchor.month),
               "year": dt.date(anchor.year, 12, 31)}[m[1]]
        return _interval(anchor, end, rel)
    m = re.fullmatch(rf"(this|next)\s+({_WEEKDAY_RE})(?:['’]s)?{PARTS_OF_DAY}", e)
    if m:
        wd = WEEKDAYS[m[2]]
        if m[1] == "this" and tense == "past":
            return _day(anchor - dt.timedelta(days=(anchor.weekday() - wd) % 7), rel)
        ahead = (wd - anchor.weekday()) % 7
        if m[1] == "next" and ahead == 0:
            ahead = 7
        return _day(anchor + dt.timedelta(days=ahead), rel)
    return None


def resolve_span(expression: str, until: str, anchor: dt.date, tense: str | None = None) -> Resolved:
    """A span given as two expressions ('Sunday night' ... 'Monday morning'): from the start of the first to the
    end of the second; DateError when the second ends before the first begins."""
    a, b = resolve(expression, anchor, tense), resolve(until, anchor, tense)
    if a.start is None or b.end is None:
        raise DateError(f"a span needs a bounded start and end: {expression!r} gives {a.value}, {until!r} gives {b.value}")
    if b.end < a.start:
        raise DateError(f"{until!r} ({b.value}) ends before {expression!r} ({a.value}) begins")
    basis = "explicit" if a.basis == b.basis == "explicit" else "relative_to_publication"
    return _interval(a.start, b.end, basis)


def resolve(expression: str, anchor: dt.date, tense: str | None = None) -> Resolved:
    """Resolve ``expression`` (words from the text) against the publication date ``anchor``.

    ``tense`` says which way an expression without a year or week points: 'past' (on or before publication)
    or 'future' (on or after); by default a month and day take the nearest year and a weekday the last one."""
    if tense not in (None, *TENSES):
        raise DateError(f"tense must be 'past' or 'future', not {tense!r}")
    if not isinstance(expression, str) or not expression.strip():
        raise DateError("the date expression is empty")
    e = re.sub(r"\s+", " ", expression.strip()).lower()
    e = re.sub(r"^(?:on|in|during|at)\s+", "", e)
    if not re.match(r"by\s+(?:the\s+)?end\s+of", e):
        e = re.sub(r"^by\s+", "", e)
    e = re.sub(r"^the\s+", "", e)
    e = re.sub(r"['’]s$", "", e)  # possessive: "last year's", "Friday's"
    m = re.fullmatch(r"(early|mid|late)(?:\s+|-|\s*-\s*)(.+)", e)
    if m:
        inner = resolve(m[2], anchor, tense)
        return _qualify(inner, m[1])
    point = _extra(e, anchor, tense) or _point(e, anchor, tense) or _span(e, anchor)
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
