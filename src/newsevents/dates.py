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
    m = re.fullmatch(rf"(?:early\s+|late\s+|mid-?)?({_MONTH_RE})\.?,?\s+(?:of\s+)?(\d{{4}})", e)
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
    e = re.sub(r"^(?:previous|prior)\s+(week|month|year)$", r"last \1", e)
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
        end = _forward(anchor, n if unit != "hour" else -(-n // 24), unit if unit != "hour" else "day")
        return _interval(anchor, end, "relative_to_publication")
    return None


def _back(anchor: dt.date, n: int, unit: str) -> dt.date:
    if unit == "year":
        return _add_years(anchor, -n)
    if unit == "month":
        return _shift_months(anchor, -n)
    return anchor - dt.timedelta(days=n * (7 if unit == "week" else 1))


def _forward(anchor: dt.date, n: int, unit: str) -> dt.date:
    if unit == "year":
        return _add_years(anchor, n)
    if unit == "month":
        return _shift_months(anchor, n)
    return anchor + dt.timedelta(days=n * (7 if unit == "week" else 1))


def _safe_date(y: int, m: int, d: int, expr: str) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError as e:
        raise DateError(f"{expr!r} is not a real calendar date ({e})") from None


FORMS = ("days: 'January 9, 2026', 'Friday, January 9, 2026', '9 January 2026', '2026-01-09', '01/09/2026' "
         "(U.S. order, month/day/year), 'Sept. 30' or '23 December' (no year: the year nearest publication), "
         "'the 5th' (the nearest month), 'today', 'tonight', 'this morning', 'yesterday', 'last night', 'tomorrow', "
         "'the day after tomorrow', 'Thursday', 'Thursday night', 'Friday's', 'last/this/next Friday', "
         "'Monday of last week', 'two weeks ago', 'a decade ago', 'in two weeks', 'two weeks from now', "
         "'the morning of Jan. 5', 'the day after Christmas', holidays ('Christmas Eve', 'New Year's Day', "
         "'Thanksgiving', 'Memorial Day 2025', 'Easter'); "
         "weeks and weekends: 'this/next/last week', 'the week of Jan. 5', 'this/next/last weekend', 'the weekend'; "
         "months and years: 'October 2024', 'Sept.' (the nearest), 'this/next/last month', '2026', "
         "'this/next/last year', 'the end/start of the year'; "
         "parts: early/mid/late + a day, week, month, year, decade or century ('late Monday', 'late last week', "
         "'mid-March', 'late 2024', 'the early 1900s'), 'the end/start/middle of March', 'the first week of January', "
         "'the first half of 2025', 'H2 2024', 'Q3 2025', 'the third quarter (of last year)', '2025's third "
         "quarter', 'last/this/next quarter'; "
         "seasons (meteorological, northern hemisphere: spring March-May, summer June-August, fall September-"
         "November, winter December-February): 'last summer', 'this winter', 'summer 2025', 'winter 2024-25'; "
         "U.S. federal fiscal years (October-September): 'fiscal 2024', 'FY2024', 'fiscal year 2024', 'this "
         "fiscal year', 'Q1 FY2024'; "
         "longer periods: 'the 1990s', 'the '90s', 'the nineties', 'the 19th century', 'the 1800s', '2019-2021'; "
         "spans: 'earlier/later this week/month/year', 'so far this year', 'the past two weeks', 'the past decade', "
         "'over the last four years', 'the next 30 days', 'within 48 hours', 'overnight', 'in recent days' and "
         "'in the coming weeks' (one open bound), 'since 2019', 'since <clause> in October 2024', 'until March', "
         "'by Friday', 'by the end of the year', 'before Christmas', 'starting next month'; "
         "ranges: 'Dec. 22 to Jan. 5', 'from March to May', 'between 2019 and 2021', 'Jan. 5-7', 'March 3-5, 2025', "
         "'2019-21', 'Monday through Wednesday', 'Thursday and Friday'; clock times and time zones are left "
         "aside ('Thursday at 3 p.m. ET'); recurring: 'each year', 'annually'; a span of two expressions is "
         "given with `until`")


TENSES = ("past", "future")

# Thirds used by the qualifiers early / mid / late.
MONTH_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
YEAR_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _qualify(r: Resolved, q: str) -> Resolved:
    """Narrow a month to days 1-10 / 11-20 / 21-end, a year to Jan-Apr / May-Aug / Sep-Dec, a decade to years
    0-3 / 4-6 / 7-9, a century to years 0-39 / 40-69 / 70-99, any other span of whole months in a multiple of three
    (a quarter, a season, a fiscal year) to its thirds in months, and any other bounded span (a week: Mon-Tue /
    Wed-Thu / Fri-Sun) to its thirds in days; a day stays the day."""
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
    if r.precision in ("interval", "week") and r.start and r.end:
        y = r.start.year
        if y % 100 == 0 and (r.start.month, r.start.day) == (1, 1) and r.end == dt.date(y + 99, 12, 31):
            a, b = {"early": (0, 39), "mid": (40, 69), "late": (70, 99)}[q]
            return _interval(dt.date(y + a, 1, 1), dt.date(y + b, 12, 31), r.basis)
        months = _months_between(r.start, r.end)
        k = {"early": 0, "mid": 1, "late": 2}[q]
        if months and months % 3 == 0:
            first = _shift_months(r.start, k * months // 3)
            last = _shift_months(first, months // 3 - 1)
            return _interval(first, _month_end(last.year, last.month), r.basis)
        n = (r.end - r.start).days + 1
        if n >= 3:
            cuts = (0, n // 3, 2 * n // 3, n)
            return _interval(r.start + dt.timedelta(days=cuts[k]), r.start + dt.timedelta(days=cuts[k + 1] - 1),
                             r.basis)
    raise DateError(f"cannot narrow {r.value} with {q!r}; early/mid/late apply to a day, a week, a month, a year, a "
                    "decade, a century or another bounded span, not to a weekend or an open span")


def _nearest_span(spans: list[tuple[dt.date, dt.date]], anchor: dt.date, tense: str | None) -> tuple[dt.date, dt.date]:
    if tense == "past":
        spans = [s for s in spans if s[0] <= anchor]
    elif tense == "future":
        spans = [s for s in spans if s[1] >= anchor]

    def dist(s):
        return 0 if s[0] <= anchor <= s[1] else min(abs((s[0] - anchor).days), abs((s[1] - anchor).days))
    return min(spans, key=lambda s: (dist(s), s[0] > anchor))


def _extra(e: str, anchor: dt.date, tense: str | None) -> Resolved | None:
    """Bare months, decades, year ranges, quarters, halves, tomorrow, overnight, 'later this', 'by the end of'."""
    rel = "relative_to_publication"
    m = re.fullmatch(rf"({_MONTH_RE})\.?", e)
    if m:
        mo = MONTHS[m[1]]
        a, b = _nearest_span([(dt.date(y, mo, 1), _month_end(y, mo)) for y in range(anchor.year - 1, anchor.year + 2)],
                             anchor, tense)
        return Resolved(f"{a.year:04d}-{mo:02d}", a, b, "month", rel)
    m = re.fullmatch(r"(\d{3})0s", e)
    if m and not (e[2:4] == "00" and int(e[:2]) * 100 + 99 < anchor.year):  # 'the 1800s' is a century
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
    if re.fullmatch(r"(?:previous|past|last)\s+decade", e):
        return _interval(_back(anchor, 10, "year"), anchor, rel)
    m = re.fullmatch(r"(first|second)\s+half\s+of\s+(\d{4})|h([12])\s+(\d{4})", e)
    if m:
        h, y = (1 if m[1] == "first" else 2, int(m[2])) if m[1] else (int(m[3]), int(m[4]))
        return _interval(dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "explicit")
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


# ---------------------------------------------------------------------------
# Seasons, holidays, fiscal years, centuries, parts of a period, ranges inside one expression
# ---------------------------------------------------------------------------

REL = "relative_to_publication"
# Meteorological seasons of the northern hemisphere: first month of three. Winter YYYY is December YYYY-1 to
# February YYYY (the year of its January, as NOAA's climate reports label it).
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_SEASON_RE = "|".join(SEASONS)
DECADE_WORDS = {w: 10 * i for i, w in enumerate("twenties thirties forties fifties sixties seventies eighties "
                                                 "nineties".split(), start=2)}
ORDINAL_WORDS = {w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth "
                                            "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
                                            "eighteenth nineteenth twentieth".split(), start=1)}
ORDINAL_WORDS["twenty-first"] = 21
# Holidays: a fixed month and day, or (month, weekday, n) for the n-th weekday of a month (n = -1: the last),
# or a function of the year (Easter and the days reckoned from it). U.S. federal holidays as the U.S. observes them.
HOLIDAYS = {
    "new year's day": (1, 1), "new year": (1, 1), "new year's eve": (12, 31), "christmas eve": (12, 24),
    "christmas": (12, 25), "christmas day": (12, 25), "boxing day": (12, 26), "valentine's day": (2, 14),
    "st. patrick's day": (3, 17), "st patrick's day": (3, 17), "halloween": (10, 31), "independence day": (7, 4),
    "fourth of july": (7, 4), "july fourth": (7, 4), "juneteenth": (6, 19), "veterans day": (11, 11),
    "veterans' day": (11, 11), "may day": (5, 1),
    "martin luther king jr. day": (1, 0, 3), "martin luther king day": (1, 0, 3), "mlk day": (1, 0, 3),
    "presidents' day": (2, 0, 3), "presidents day": (2, 0, 3), "memorial day": (5, 0, -1),
    "labor day": (9, 0, 1), "columbus day": (10, 0, 2), "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4),
    "black friday": (11, 3, 4, 1), "easter": "easter", "easter sunday": "easter", "good friday": "easter-2",
    "easter monday": "easter+1",
}
_HOLIDAY_RE = "|".join(re.escape(h) for h in sorted(HOLIDAYS, key=len, reverse=True))
NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                           "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
NUMBER_WORDS.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(),
                                                     start=2)})
COUNTS.update({k: v for k, v in NUMBER_WORDS.items() if k not in COUNTS})
COUNTS.update({"a couple of": 2, "a couple": 2, "a dozen": 12, "a hundred": 100})
_COUNT_RE = (r"(\d+|a\s+couple(?:\s+of)?|a\s+dozen|a\s+hundred|a\s+few|an|a|(?:twenty|thirty|forty|fifty|sixty|seventy|"
             r"eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|"
             + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")")
# Expressions dated from another event of the text, not from the publication date.
ANAPHORIC = re.compile(
    r"(?:.+\s)?(?:later|earlier|afterwards?|beforehand|before|after|prior)|"
    r"(?:the\s+)?(?:next|following|previous|preceding|same|prior)\s+(?:day|night|morning|afternoon|evening|"
    r"weekend)|(?:the\s+)?(?:following|preceding|same)\s+(?:week|month|year)|"
    r"that\s+(?:day|night|morning|afternoon|evening|week|weekend|month|year|time)|(?:at\s+)?the\s+time|then|"
    r"(?:the\s+)?day\s+(?:before|after)")


def _count_of(word: str) -> int:
    word = re.sub(r"\s+", " ", word.strip())
    if word in COUNTS:
        return COUNTS[word]
    if word.isdigit():
        return int(word)
    tens, _, unit = word.partition("-")
    return NUMBER_WORDS[tens] + NUMBER_WORDS[unit]


def _shift_months(d: dt.date, n: int) -> dt.date:
    y, mo = divmod(d.year * 12 + d.month - 1 + n, 12)
    return dt.date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))


def _months_between(start: dt.date, end: dt.date) -> int | None:
    """Whole calendar months from start (a first day) to end (a last day), else None."""
    if start.day != 1 or end != _month_end(end.year, end.month):
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _season(label: int, name: str) -> tuple[dt.date, dt.date]:
    first = SEASONS[name]
    start = dt.date(label - 1 if first == 12 else label, first, 1)
    end = _shift_months(start, 2)
    return start, _month_end(end.year, end.month)


def _easter(y: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    return dt.date(y, (h + l - 7 * m + 114) // 31, (h + l - 7 * m + 114) % 31 + 1)


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(y, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = _month_end(y, month)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holiday(name: str, y: int) -> dt.date:
    rule = HOLIDAYS[name]
    if isinstance(rule, str):
        return _easter(y) + dt.timedelta(days=int(rule[6:] or 0))
    if len(rule) == 2:
        return dt.date(y, *rule)
    return _nth_weekday(y, *rule[:3]) + dt.timedelta(days=rule[3] if len(rule) == 4 else 0)


def _pick(spans: list[tuple[dt.date, dt.date]], which: str, anchor: dt.date, tense: str | None):
    """Among spans in time order: 'last' = the latest that ended before the anchor, 'next' = the first that starts
    after it, 'this' = the one holding it, else the one that starts in the anchor's year (the last one instead
    when that is still to come and tense is 'past', the next one when it is over and tense is 'future'),
    '' = the nearest."""
    if which == "last":
        return max(s for s in spans if s[1] < anchor)
    if which == "next":
        return min(s for s in spans if s[0] > anchor)
    if which == "this":
        holding = [s for s in spans if s[0] <= anchor <= s[1]]
        if holding:
            return holding[0]
        same = next(s for s in spans if s[0].year == anchor.year)
        if tense == "past" and same[0] > anchor or tense == "future" and same[1] < anchor:
            return _pick(spans, "last" if tense == "past" else "next", anchor, tense)
        return same
    return _nearest_span(spans, anchor, tense)


def _fiscal(y: int) -> tuple[dt.date, dt.date]:
    """U.S. federal fiscal year y: 1 October of y-1 to 30 September of y."""
    return dt.date(y - 1, 10, 1), dt.date(y, 9, 30)


def _year4(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _part(r: Resolved, part: str) -> Resolved:
    """The start/beginning/end of a period: of a period of 3 to 23 whole months its first or last month, of
    anything else the same as early/late."""
    n = _months_between(r.start, r.end) if r.start and r.end else None
    if n is not None and 3 <= n < 24:
        d = r.start if part in ("start", "beginning") else dt.date(r.end.year, r.end.month, 1)
        return Resolved(f"{d.year:04d}-{d.month:02d}", d, _month_end(d.year, d.month), "month", r.basis)
    return _qualify(r, "early" if part in ("start", "beginning") else "late")


def _sub(x: str, anchor: dt.date, tense: str | None) -> Resolved | None:
    """Resolve the period X inside 'the end of X', 'the first quarter of X': 'the year' is this year."""
    x = re.sub(r"^(?:the\s+)?(week|month|year|quarter|decade|century)$", r"this \1", x.strip())
    return _resolve(x, anchor, tense, False)


def _more(e: str, anchor: dt.date, tense: str | None) -> Resolved | None:
    """Forms added to the base grammar; ``e`` is normalized, without a leading 'on/in/the'."""
    m = re.fullmatch(r"(?:(this|last|next|this\s+past|past)\s+)?(" + _SEASON_RE + r")(?:\s+(?:of\s+)?(\d{4})"
                     r"(?:\s*[-–/]\s*(\d{2}|\d{4}))?)?", e)
    if m and not (m[1] and m[3]):
        name = m[2]
        if m[3]:
            label = int(m[3]) + (1 if m[4] and SEASONS[name] == 12 else 0)
            return _interval(*_season(label, name), "explicit")
        which = {"this past": "last", "past": "last"}.get(m[1], m[1] or "")
        spans = [_season(y, name) for y in range(anchor.year - 2, anchor.year + 3)]
        return _interval(*_pick(spans, which, anchor, tense), REL)
    m = re.fullmatch(rf"({_HOLIDAY_RE})(?:\s+(?:of\s+)?(\d{{4}}))?", e)
    if m:
        if m[2]:
            return _day(_holiday(m[1], int(m[2])), "explicit")
        a, _ = _nearest_span([(d, d) for d in (_holiday(m[1], y) for y in range(anchor.year - 1, anchor.year + 2))],
                             anchor, tense)
        return _day(a, REL)
    m = re.fullmatch(r"(?:fiscal(?:\s+year)?|fy)\s*['’]?(\d{4}|\d{2})|(\d{4})\s+fiscal\s+year", e)
    if m:
        return _interval(*_fiscal(_year4(m[1] or m[2])), "explicit")
    m = re.fullmatch(r"(this|last|next|current|previous|past)\s+fiscal\s+year", e)
    if m:
        which = {"current": "this", "previous": "last", "past": "last"}.get(m[1], m[1])
        spans = [_fiscal(y) for y in range(anchor.year - 1, anchor.year + 3)]
        return _interval(*_pick(spans, which, anchor, tense), REL)
    m = re.fullmatch(r"['’](\d)0s", e)
    if m:
        y = (anchor.year // 100) * 100 + 10 * int(m[1])
        y = y - 100 if y > anchor.year else y
        return _interval(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), REL)
    m = re.fullmatch("(" + "|".join(DECADE_WORDS) + ")", e)
    if m:
        y = (anchor.year // 100) * 100 + DECADE_WORDS[m[1]]
        y = y - 100 if y > anchor.year else y
        return _interval(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), REL)
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)\s+century|(" + "|".join(ORDINAL_WORDS) + r")\s+century|(\d{2})00s", e)
    if m and (not m[3] or int(m[3]) * 100 + 99 < anchor.year):
        c = int(m[1]) - 1 if m[1] else ORDINAL_WORDS[m[2]] - 1 if m[2] else int(m[3])
        return _interval(dt.date(100 * c, 1, 1), dt.date(100 * c + 99, 12, 31), "explicit")
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})", e)  # U.S. order: month/day/year
    if m:
        return _day(_safe_date(_year4(m[3]), int(m[1]), int(m[2]), e), "explicit")
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", e)  # 'the 5th': that day of the nearest month
    if m:
        days = []
        for k in (-1, 0, 1):
            first = _shift_months(anchor.replace(day=1), k)
            if int(m[1]) <= calendar.monthrange(first.year, first.month)[1]:
                days.append((first.replace(day=int(m[1])),) * 2)
        if not days:
            raise DateError(f"{e!r} is not a day of any month")
        return _day(_nearest_span(days, anchor, tense)[0], REL)
    m = re.fullmatch(r"(?:the\s+)?(next|this|coming)\s+weekend|weekend", e)
    if m:
        sat = anchor + dt.timedelta(days=(6 - anchor.weekday()) % 7 - 1)  # this weekend's Saturday
        if m[1] == "next":
            sat += dt.timedelta(days=7)  # the weekend after this weekend
        elif m[1] is None and tense != "future":  # 'the weekend': the last one begun by publication
            sat = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        return Resolved(f"{sat.isoformat()}/{(sat + dt.timedelta(days=1)).isoformat()}", sat,
                        sat + dt.timedelta(days=1), "weekend", REL)
    m = re.fullmatch(r"(this|last|next|previous|past)\s+quarter", e)
    if m:
        which = {"previous": "last", "past": "last"}.get(m[1], m[1])
        spans = [(dt.date(y, q, 1), _month_end(y, q + 2)) for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                 for q in (1, 4, 7, 10)]
        return _interval(*_pick(spans, which, anchor, tense), REL)
    m = re.fullmatch(r"(?:so\s+far|earlier)\s+(?:this|in\s+the)\s+(week|month|year)|(?:the\s+)?(year)[-\s]to[-\s]date|"
                     r"(?:this|the)\s+(week|month|year)\s+so\s+far", e)
    if m:
        return _span(f"earlier this {m[1] or m[2] or m[3]}", anchor)
    m = re.fullmatch(r"later\s+in\s+the\s+(week|month|year)", e)
    if m:
        return _extra(f"later this {m[1]}", anchor, tense)
    m = re.fullmatch(r"this\s+past\s+(week|month|year)", e)
    if m:
        return _extra(f"past {m[1]}", anchor, tense)
    m = re.fullmatch(rf"this\s+past\s+({_WEEKDAY_RE})(.*)", e)
    if m:
        return _point(f"last {m[1]}{m[2]}", anchor, tense)
    m = re.fullmatch(r"this\s+(decade|century)", e)
    if m:
        size = 10 if m[1] == "decade" else 100
        y = anchor.year // size * size
        return _interval(dt.date(y, 1, 1), dt.date(y + size - 1, 12, 31), REL)
    if e in ("now", "right now", "currently", "at present", "this time"):
        return _day(anchor, REL)
    m = re.fullmatch(r"this\s+time\s+(last|next)\s+(week|month|year)", e)
    if m:
        return _day((_back if m[1] == "last" else _forward)(anchor, 1, m[2]), REL)
    m = re.fullmatch(rf"(?:the\s+)?coming\s+(week|month|year)|(?:the\s+)?(?:next|coming)\s+{_COUNT_RE}"
                     rf"\s+(hour|day|week|month|year)s?", e)
    if m:
        n, unit = (1, m[1]) if m[1] else (_count_of(m[2]), m[3])
        if unit == "hour":  # hours round up to whole days
            n, unit = -(-n // 24), "day"
        return _interval(anchor, _forward(anchor, n, unit), REL)
    m = re.fullmatch(rf"{_COUNT_RE}\s+(day|week|month|year|decade)s?\s+(ago|from\s+(?:now|today))", e)
    if m:
        n, unit = _count_of(m[1]), m[2]
        if unit == "decade":
            n, unit = 10 * n, "year"
        return _day((_back if m[3] == "ago" else _forward)(anchor, n, unit), REL)
    m = re.fullmatch(rf"(?:the\s+)?(?:past|last|previous)\s+{_COUNT_RE}\s+(day|week|month|year|decade)s?", e)
    if m:
        n, unit = _count_of(m[1]), m[2]
        if unit == "decade":
            n, unit = 10 * n, "year"
        return _interval(_back(anchor, n, unit), anchor, REL)
    m = re.fullmatch(r"(?:the\s+)?(?:past|last|recent|last\s+several|past\s+several|past\s+few|last\s+few)\s+"
                     r"(?:few\s+|several\s+)?(?:days|weeks|months|years)|recently|lately", e)
    if m:
        return _interval(None, anchor, REL)
    m = re.fullmatch(r"(?:the\s+)?(?:coming|next\s+few|next\s+several|weeks\s+and\s+months|days\s+and\s+weeks)\s+"
                     r"(?:days|weeks|months|years)|(?:the\s+)?(?:days|weeks|months|years)\s+ahead", e)
    if m:
        return _interval(anchor, None, REL)
    m = re.fullmatch(rf"(this|last|next|past|this\s+past)\s+({_MONTH_RE})\.?", e)
    if m:
        mo = MONTHS[m[2]]
        spans = [(dt.date(y, mo, 1), _month_end(y, mo)) for y in range(anchor.year - 2, anchor.year + 3)]
        a, _ = _pick(spans, {"past": "last", "this past": "last"}.get(m[1], m[1]), anchor, tense)
        return Resolved(f"{a.year:04d}-{mo:02d}", a, _month_end(a.year, mo), "month", REL)
    m = re.fullmatch(r"(earlier|later)\s+(?:this|in\s+the)\s+(quarter|decade|century|fiscal\s+year|"
                     + _SEASON_RE + ")", e)
    if m:
        x = _resolve(f"this {m[2]}", anchor, tense, False)
        return _interval(x.start, anchor, REL) if m[1] == "earlier" else _interval(anchor, x.end, REL)
    m = re.fullmatch(rf"(?:the\s+)?(first|last)\s+{_COUNT_RE}\s+(day|week|month)s?\s+of\s+(.+)", e)
    if m:  # 'the first nine months of 2025'
        x, n, unit = _sub(m[4], anchor, tense), _count_of(m[2]), m[3]
        if x is None or x.start is None or x.end is None:
            return None
        if m[1] == "first":
            return _interval(x.start, _back(_forward(x.start, n, unit), 1, "day"), x.basis)
        return _interval(_back(x.end + dt.timedelta(days=1), n, unit), x.end, x.basis)
    m = re.fullmatch(rf"(?:the\s+)?(?:{_COUNT_RE}\s+(day|week|month|year)s?|(year|quarter|month|week))\s+"
                     r"(?:to|ended|ending|through|up\s+to)\s+(.+)", e)
    if m:  # 'the 12 months to September', 'the year ended Sept. 30': the period that closes at the end of X
        x = _resolve(m[4], anchor, tense or "past", False)
        if x is None or x.end is None:
            return None
        n, unit = (_count_of(m[1]), m[2]) if m[1] else ((3, "month") if m[3] == "quarter" else (1, m[3]))
        after = x.end + dt.timedelta(days=1)
        return _interval(_back(after, n, unit), x.end, x.basis)
    # parts of a period
    m = re.fullmatch(r"(?:the\s+)?(start|beginning|end|middle|close)\s+of\s+(.+)|(start|end)-(.+)", e)
    if m:
        x, part = _sub(m[2] or m[4], anchor, tense), m[1] or m[3]
        if x is None:
            return None
        if part == "middle":
            return _qualify(x, "mid")
        return _part(x, "end" if part == "close" else part)
    m = re.fullmatch(r"(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?(half|quarter)\s+of\s+"
                     r"(.+)|(.+?)'s\s+(first|second|third|fourth)\s+(?:fiscal\s+)?(half|quarter)|([hq])([1-4])\s+"
                     r"(?:of\s+)?(.+)", e)
    if m:  # a half or a quarter of a calendar or fiscal year
        size = 6 if (m[2] or m[6] or m[7]) in ("half", "h") else 3
        n = ORDINALS.get(m[1] or m[5], 0) or int(m[8])
        x = _sub(m[3] or m[4] or m[9], anchor, tense)
        if x is None or _months_between(x.start, x.end) != 12 or n * size > 12:
            return None
        start = _shift_months(x.start, size * (n - 1))
        end = _shift_months(start, size - 1)
        return _interval(start, _month_end(end.year, end.month), x.basis)
    m = re.fullmatch(r"(?:the\s+)?(first|second|third|fourth|last)\s+week\s+of\s+(.+)", e)
    if m:
        x = _sub(m[2], anchor, tense)
        if x is None or x.start is None or x.end is None:
            return None
        if m[1] == "last":
            return _interval(x.end - dt.timedelta(days=6), x.end, x.basis)
        start = x.start + dt.timedelta(days=7 * (ORDINAL_WORDS[m[1]] - 1))
        return _interval(start, start + dt.timedelta(days=6), x.basis)
    m = re.fullmatch(r"(?:the\s+)?week\s+of\s+(.+)", e)
    if m:
        x = _resolve(m[1], anchor, tense, False)
        if x is None or x.precision != "day":
            return None
        monday = x.start - dt.timedelta(days=x.start.weekday())
        return Resolved(f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}", monday,
                        monday + dt.timedelta(days=6), "week", x.basis)
    m = re.fullmatch(rf"({_WEEKDAY_RE}){PARTS_OF_DAY}\s+(?:of\s+)?(last|this|next)\s+week|"
                     rf"(last|this|next)\s+week['’]s\s+({_WEEKDAY_RE})", e)
    if m:
        week = _resolve(f"{m[2] or m[3]} week", anchor, tense, False)
        return _day(week.start + dt.timedelta(days=WEEKDAYS[m[1] or m[4]]), REL)
    m = re.fullmatch(r"(?:the\s+)?(?:early\s+)?(?:morning|afternoon|evening|night|hours)\s+of\s+(.+)", e)
    if m:
        x = _resolve(m[1], anchor, tense, False)
        return x if x is not None and x.precision == "day" else None
    m = re.fullmatch(rf"(?:(?:the\s+)?day|{_COUNT_RE}\s+(day|week|month|year)s?)\s+(before|after)\s+(.+)", e)
    if m:
        x = _resolve(m[4], anchor, tense, False)
        if x is None or x.precision != "day":
            return None
        n, unit = (_count_of(m[1]), m[2]) if m[1] else (1, "day")
        return _day((_back if m[3] == "before" else _forward)(x.start, n, unit), x.basis)
    return None


def _complete(a: str, b: str) -> tuple[str, str]:
    """Give the two sides of a range what one of them leaves out: 'Jan. 5-7' (the month), 'March 3-5, 2025' (the
    month and year), '5-7 January' (the month), 'March to May 2025' (the year), '2019-21' (the century)."""
    ma = re.fullmatch(rf"(?:(?:{_WEEKDAY_RE}),?\s+)?({_MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?", a)
    mb = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?(,?\s+\d{4})?", b)
    if ma and mb:
        b = f"{ma[1]} {mb[1]}{mb[2] or ''}"
    ma = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", a)
    mb = re.fullmatch(rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(,?\s+\d{{4}})?", b)
    if ma and mb:
        a = f"{ma[1]} {mb[1]}"
    ma, mb = re.fullmatch(r"(\d{2})(\d{2})", a), re.fullmatch(r"(\d{2})", b)
    if ma and mb:
        b = ma[1] + mb[1]
    return a, b


def _range(e: str, anchor: dt.date, tense: str | None) -> Resolved | None:
    """A range inside one expression: 'Dec. 22 to Jan. 5', 'from March to May', 'between 2019 and 2021',
    'Jan. 5-7', 'Monday through Wednesday', 'Thursday and Friday', 'late 2025 or early 2026'. The second side
    is read against the publication date, or, when that puts it before the first, as the first one on or after
    the first side (with tense 'past', the first side as the last one on or before the second)."""
    m = re.fullmatch(r"(from|between)\s+(.+)", e)
    body = m[2] if m else e
    joins = r"\s+(?:to|until|till|through|thru)\s+|\s*[-–—]\s*"
    if not m or m[1] == "between":  # 'Thursday and Friday', 'late 2025 or early 2026': from the first to the last
        joins += r"|\s+(?:and|or)\s+"
    for j in re.finditer(joins, body):
        a, b = _complete(body[:j.start()].strip(), body[j.end():].strip())
        if not a or not b:
            continue
        y = re.search(r"(?:,\s*|\s+)(\d{4})$", b)
        ra = rb = None
        if y and not re.search(r"\d{4}|['’]\d0s", a):  # 'Dec. 22 to Jan. 5, 2026': the first side takes the year
            for year in (int(y[1]), int(y[1]) - 1):
                ra = _try(f"{a} {year}", anchor, tense, False)
                rb = _try(b, anchor, tense, False)
                if ra and rb and ra.start and rb.end and ra.start <= rb.end:
                    break
            else:
                ra = None
        if ra is None:
            ra = _try(a, anchor, tense, False)
            rb = _try(b, anchor, tense, False)
        if ra is None or rb is None or ra.start is None or rb.end is None:
            continue
        if rb.end < ra.start and tense == "past":  # a past range ends by publication: move its start back
            ra = _try(a, rb.end, "past", False)
            if ra is None or ra.start is None or rb.end < ra.start:
                raise DateError(f"{b!r} ends before {a!r} begins")
        elif rb.end < ra.start:
            rb = _try(b, ra.start, "future", False)
            if rb is None or rb.end is None or rb.end < ra.start:
                raise DateError(f"{b!r} ends before {a!r} begins")
        basis = "explicit" if ra.basis == rb.basis == "explicit" else REL
        return _interval(ra.start, rb.end, basis)
    return None


def _try(e: str, anchor: dt.date, tense: str | None, ranges: bool = True) -> Resolved | None:
    try:
        return _resolve(e, anchor, tense, ranges)
    except DateError:
        return None


def _normalize(expression: str) -> str:
    e = re.sub(r"\s+", " ", expression.strip()).lower().replace("’", "'")
    e = re.sub(r"\b(first|second|third|fourth)-(quarter|half)\b", r"\1 \2", e)  # 'first-quarter profits'
    e = re.sub(r"^(?:the\s+)?mid-?week$", "mid this week", e)
    e = re.sub(r"^(?:the\s+)?(?:calendar\s+year\s*|cy\s*)(\d{4})$", r"\1", e)  # as opposed to a fiscal year
    # a clock time or a time zone says nothing more about the day: 'Thursday at 3 p.m. ET', 'noon Friday'
    e = re.sub(r",?\s*\b(?:at\s+|around\s+|about\s+|shortly\s+(?:before|after)\s+)?(?:\d{1,2}(?::\d{2})?\s*"
               r"(?:a\.?m\.?|p\.?m\.?)(?=\W|$)|noon|midday|midnight)(?:\s+(?:et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|"
               r"pdt|gmt|utc|bst|cet|cest|local\s+time)\b)?,?", " ", e)
    e = re.sub(r"\s+", " ", e.replace("(", " ").replace(")", " ")).strip()
    e = re.sub(r"^(?:earlier|later)\s+(?=today|tonight|yesterday|tomorrow|(?:on\s+)?(?:" + _WEEKDAY_RE + r")\b)", "",
               e)
    return re.sub(r"[.,;:]+$", "", e) if not re.search(rf"\b(?:{_MONTH_RE})\.$", e) else e


def _resolve(e: str, anchor: dt.date, tense: str | None, ranges: bool = True) -> Resolved | None:
    """The grammar; None when ``e`` (normalized) is not understood, DateError when it names no real date.
    ``ranges``: whether ``e`` may be a range of two expressions (the sides of a range may not, so that a long
    string of dashes costs one pass per dash, not one per way of grouping them)."""
    m = re.fullmatch(r"(by|until|till|til|through|thru|up\s+to|no\s+later\s+than|before|after|since|from|starting|"
                     r"starting\s+(?:on|in|from)|beginning|beginning\s+(?:on|in)|as\s+early\s+as)\s+(.+)", e)
    if m and not re.fullmatch(r"by\s+(?:the\s+)?end\s+of\s+(?:the|this)\s+(?:week|month|year)", e):
        kind = re.sub(r"\s.*", "", m[1])
        if kind in ("by", "until", "till", "til", "through", "thru", "up", "no"):  # a deadline: up to the end of X
            x = _try(m[2], anchor, tense or "future")
            if x is None or x.end is None:
                return None
            return _interval(anchor if x.end >= anchor and tense != "past" else None, x.end,
                             x.basis if x.end < anchor else REL)
        if kind == "since":
            x = _try(m[2], anchor, "past")
            if x is None:
                tail = re.search(r"\b(?:in|on)\s+([^,;]+)$", m[2])  # 'since she took office in October 2024'
                x = _try(tail[1], anchor, "past") if tail else None
            if x is None or x.start is None:
                return None
            first = x.value if "/" not in x.value else x.start.isoformat()
            return Resolved(f"{first}/{anchor.isoformat()}", x.start, anchor, "interval",
                            "explicit" if x.basis == "explicit" else REL)
        if kind == "from" and ranges:
            r = _range(e, anchor, tense)
            if r is not None:
                return r
        x = _try(m[2], anchor, tense)
        if x is None:
            return None
        if kind == "before":
            return None if x.start is None else _interval(None, x.start - dt.timedelta(days=1), x.basis)
        if kind == "after":
            return None if x.end is None else _interval(x.end + dt.timedelta(days=1), None, x.basis)
        return None if x.start is None else _interval(x.start, None, x.basis)  # from / starting / beginning
    m = re.fullmatch(r"(as\s+of|on\s+or\s+about|around|about|approximately|roughly|circa|some|more\s+than|over|"
                     r"upwards\s+of|nearly|almost|just\s+under|less\s+than|under)\s+(.+)", e)
    if m and (m[2].endswith(" ago") or re.match(r"as|on|around|approx|circa", m[1])):
        # 'around Jan. 5' and 'about two weeks ago' keep the bounds of what they approximate; 'more than a week ago'
        # ended by that day, 'nearly a year ago' and 'less than a month ago' began after it
        x = _try(m[2], anchor, tense, ranges)
        if x is None or not re.match(r"more|over|upwards|nearly|almost|just|less|under", m[1]):
            return x
        if x.start is None or x.end is None:
            return None
        if re.match(r"more|over|upwards", m[1]):
            return _interval(None, x.end, x.basis)
        return _interval(x.start, anchor, x.basis)
    if e in ("in the past", "the past"):
        return _interval(None, anchor, REL)
    if e in ("in the future", "the future"):
        return _interval(anchor, None, REL)
    m = re.fullmatch(rf"in\s+{_COUNT_RE}\s+(day|week|month|year)s?(?:['’]?\s+time)?", e)
    if m:
        return _day(_forward(anchor, _count_of(m[1]), m[2]), REL)
    if e != "over the weekend":  # 'over the weekend' is the last one, 'the weekend' the last one begun
        e = re.sub(r"^(?:on|in|during|at|over|for|throughout|within)\s+(?=\S)", "", e) if not e.startswith(
            "within") else e
    e = re.sub(r"^the\s+", "", e)
    if not re.search(r"\d0s$|\d0s'$", e):
        e = re.sub(r"'s$", "", e)  # possessive: "last year's", "Friday's"
    m = re.fullmatch(r"(early|mid|late)(?:\s+|-|\s*-\s*)(.+)", e)
    if m:  # the rest is one expression: 'late 2025 and early 2026' is a range of two
        inner = _resolve(m[2], anchor, tense, False)
        if inner is not None:
            return _qualify(inner, m[1])
    r = _extra(e, anchor, tense) or _point(e, anchor, tense) or _span(e, anchor) or _more(e, anchor, tense)
    if r is not None:
        return r
    m = re.fullmatch(r"(?:each|every|per|a)\s+(day|week|month|year)|(dai|week|month|year)ly|annual(?:ly)?", e)
    if m:
        unit = (m[1] or m[2] or "year")[0].upper()
        return Resolved(f"R/P1{unit}", None, None, "recurring", "unanchored")
    return _range(e, anchor, tense) if ranges else None


def resolve(expression: str, anchor: dt.date, tense: str | None = None) -> Resolved:
    """Resolve ``expression`` (words from the text) against the publication date ``anchor``.

    ``tense`` says which way an expression without a year or week points: 'past' (on or before publication)
    or 'future' (on or after); by default a month and day take the nearest year and a weekday the last one."""
    if tense not in (None, *TENSES):
        raise DateError(f"tense must be 'past' or 'future', not {tense!r}")
    if not isinstance(expression, str) or not expression.strip():
        raise DateError("the date expression is empty")
    e = _normalize(expression)
    r = _resolve(e, anchor, tense)
    if r is not None:
        return r
    if ANAPHORIC.fullmatch(re.sub(r"^(?:on|in|at)\s+", "", e)):
        raise DateError(f"{expression!r} is dated from another event of the text, not from the publication date: "
                        "resolve that event's date, then give this one as `value`, `start`, `end`, `precision` "
                        f"with a `source`, or as a span with `until`; forms understood: {FORMS}")
    raise DateError(f"cannot resolve the date expression {expression!r}; forms understood: {FORMS}; "
                    "for anything else give `value`, `start`, `end`, `precision` and a `source`")
