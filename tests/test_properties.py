"""Property-based tests (hypothesis) for the quote locator and the date resolver."""

from __future__ import annotations

import calendar
import re
import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsevents.dates import DateError, resolve
from newsevents.textspan import QuoteError, find_all, locate

# text with the characters news text is made of: curly quotes, dashes, accents, emoji, CJK, combining marks
ALPHABET = st.sampled_from(list("abc xyz ABC.,;\n’‘“”—–-éñçüÉ😀🇲🇽漢字\u0301"))
TEXTS = st.text(alphabet=ALPHABET, min_size=1, max_size=80)


@given(TEXTS, st.data())
def test_any_substring_is_found_at_its_code_point_offsets(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    needle = text[i:j]
    starts = find_all(text, needle)
    assert i in starts
    if len(starts) == 1:
        span = locate(text, needle)
        assert (span.start, span.end) == (i, j)
    else:
        with pytest.raises(QuoteError, match="ambiguous"):
            locate(text, needle)
        # the occurrence number picks exactly this one
        span = locate(text, needle, occurrence=starts.index(i) + 1)
        assert (span.start, span.end) == (i, j)
    assert text[span.start:span.end] == needle
    # a code point is one unit, whatever its UTF-8 length
    assert span.end - span.start == len(needle)


@given(TEXTS, st.data())
def test_prefix_and_suffix_select_the_occurrence(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    prefix, needle, suffix = text[max(0, i - 5):i], text[i:j], text[j:j + 5]
    candidates = [s for s in find_all(text, needle)
                  if text[max(0, s - len(prefix)):s] == prefix and text[s + len(needle):s + len(needle) + len(suffix)] == suffix]
    if len(candidates) == 1:
        span = locate(text, needle, prefix=prefix or None, suffix=suffix or None)
        assert (span.start, span.end) == (i, j)


@given(TEXTS, TEXTS)
def test_a_quote_not_in_the_text_is_refused(text, needle):
    assume(needle not in text)
    with pytest.raises(QuoteError, match="not found"):
        locate(text, needle)


ANCHORS = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))


@given(ANCHORS, st.sampled_from(list(calendar.day_name)), st.sampled_from(["", " night", " morning"]))
def test_weekday_resolves_to_the_latest_such_day_on_or_before_publication(anchor, day, part):
    r = resolve(f"{day}{part}", anchor)
    assert r.precision == "day" and r.start == r.end
    assert r.start.strftime("%A") == day
    assert 0 <= (anchor - r.start).days <= 6
    assert r.value == r.start.isoformat()


@given(ANCHORS)
def test_last_weekend_is_the_saturday_and_sunday_before_publication(anchor):
    r = resolve("last weekend", anchor)
    assert r.start.weekday() == 5 and r.end.weekday() == 6
    assert (r.end - r.start).days == 1
    assert 1 <= (anchor - r.end).days <= 7
    assert r.value == f"{r.start.isoformat()}/{r.end.isoformat()}"


@given(ANCHORS, st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_explicit_dates_resolve_to_themselves(anchor, d):
    for expr in (f"{calendar.month_name[d.month]} {d.day}, {d.year}",
                 f"{calendar.day_name[d.weekday()]}, {calendar.month_name[d.month]} {d.day}, {d.year}",
                 f"{d.day} {calendar.month_name[d.month]} {d.year}", d.isoformat()):
        r = resolve(expr, anchor)
        assert (r.start, r.end, r.precision, r.basis) == (d, d, "day", "explicit"), expr
    m = resolve(f"{calendar.month_name[d.month]} {d.year}", anchor)
    assert m.precision == "month" and m.start == d.replace(day=1) and m.end.month == d.month
    assert (m.end + dt.timedelta(days=1)).day == 1
    assert m.value == f"{d.year:04d}-{d.month:02d}"


@given(ANCHORS, st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_since_gives_an_interval_ending_at_publication(anchor, d):
    r = resolve(f"since {calendar.month_name[d.month]} {d.year}", anchor)
    assert r.precision == "interval" and r.start == d.replace(day=1) and r.end == anchor
    r2 = resolve(f"since she took office in {calendar.month_name[d.month]} {d.year}", anchor)
    assert (r2.start, r2.end) == (r.start, r.end)


@given(ANCHORS)
def test_bounds_are_ordered_and_vague_spans_are_open(anchor):
    for expr in ("today", "yesterday", "last week", "last month", "last year", "Friday’s"):
        r = resolve(expr, anchor)
        assert r.start <= r.end <= anchor
    recent = resolve("In recent months", anchor)
    assert recent.start is None and recent.end == anchor and recent.value == f"../{anchor.isoformat()}"
    coming = resolve("the coming weeks", anchor)
    assert coming.start == anchor and coming.end is None


@settings(max_examples=50)
@given(ANCHORS, st.integers(1, 12), st.integers(1, 3), st.integers(1900, 2099))
def test_impossible_dates_are_refused(anchor, month, past, year):
    day = calendar.monthrange(year, month)[1] + past  # one to three days past the month's end
    with pytest.raises(DateError, match="not a real calendar date"):
        resolve(f"{calendar.month_name[month]} {day}, {year}", anchor)


def test_publication_anchor_examples():
    friday = dt.date(2026, 1, 9)
    assert resolve("Thursday night", friday).start == dt.date(2026, 1, 8)
    assert resolve("Friday’s", friday).start == friday
    w = resolve("last weekend", friday)
    assert (w.start, w.end) == (dt.date(2026, 1, 3), dt.date(2026, 1, 4))
    assert resolve("each year", friday).value == "R/P1Y"
    with pytest.raises(DateError):
        resolve("already", friday)


@pytest.mark.parametrize("typed,kind", [
    ('he said "go now"', "quotation marks"),
    ("he said ‘go now’", "quotation marks"),
    ("wait... then", "ellipses"),
    ("war -- again", "dashes"),
    ("Joe Biden spoke", "spaces"),
    ("spoke  twice", "spaces"),
    ("line one line two", "spaces"),
])
def test_quote_hints_name_the_differing_characters_and_give_the_texts_words(typed, kind):
    text = "Then he said “go now” — wait… then war — again. Joe\u00a0Biden spoke twice.\nline one\nline two"
    with pytest.raises(QuoteError) as e:
        locate(text, typed)
    assert kind in str(e.value) and "copy them from the seed" in str(e.value)
    found = str(e.value).split("other ", 1)[1]
    assert re.search(r": '([^']|\\')+'", found)


@pytest.mark.parametrize("typed,kind,own", [
    ("he said “go now”", "quotation marks", 'he said "go now"'),
    ("it’s late", "quotation marks", "it's late"),
    ("wait… then", "ellipses", "wait... then"),
    ("war — again", "dashes", "war -- again"),
    ("Joe\u00a0Biden spoke", "spaces", "Joe Biden spoke"),
    ("spoke twice", "spaces", "spoke  twice"),
    ("line one line two", "spaces", "line one\nline two"),
])
def test_quote_hints_work_the_other_way_round_too(typed, kind, own):
    # the text has the plain typewriter forms; the coder typed typographic ones (or single spaces)
    text = 'Then he said "go now" -- wait... then war -- again; it\'s late. Joe Biden spoke  twice.\nline one\nline two'
    assert own in text
    with pytest.raises(QuoteError) as e:
        locate(text, typed)
    assert kind in str(e.value) and repr(own) in str(e.value)
