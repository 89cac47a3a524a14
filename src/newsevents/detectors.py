"""The coverage audit's four detectors: what in any English news text must be accounted for by the coding.

* ``quotation``   -- every passage in quotation marks (curly, straight, guillemets, low-high);
* ``number``      -- cardinals in digits or words (any case), vague counts ("dozens", "a couple"), money with its
                     currency and magnitude ("$3bn"), percentages and fractions; not the pronoun "one", not a
                     number inside a temporal expression ("three years") or a name ("Internet Explorer 6");
* ``temporal``    -- dates, years and ranges of years, relative points ("two weeks ago", "earlier this week",
                     "late last month"), durations ("the past 30 days", "13 billion years old", "24-hour"),
                     sets ("annual", "every five years"), times of day ("Saturday night", "10 a.m.");
* ``proper_name`` -- maximal sequences of capitalised words and acronyms naming a person, organisation, place,
                     event or work; titles and honorifics are left out ("President Joe Biden" -> "Joe Biden"),
                     as are pronouns ("I"), demonyms and adjectives of nationality, religion or party
                     ("Mexican", "Muslims", "Republicans"), and capitalised common words: a sentence-initial or
                     headline word is a name only when the text also capitalises it mid-sentence or English
                     rarely uses it as a common word (word frequencies from ``wordfreq``).

The guidelines the detectors are measured against are in tests/devset/README.md (scripts/score_detectors.py).
Every span is a half-open pair of Unicode code-point offsets into the verbatim text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

DETECTORS = ("quotation", "number", "temporal", "proper_name")


@dataclass(frozen=True)
class Detection:
    detector: str
    start: int
    end: int
    text: str


def _alt(words: str) -> str:
    return "|".join(sorted(words.split(), key=len, reverse=True))


# -- vocabulary of the patterns ---------------------------------------------------------------------------------

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
UNIT_WORDS = "second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century|centurie|millenni(?:um|a)"
UNITS = f"(?:{UNIT_WORDS})s?"
DURATION_UNITS = f"(?:{UNIT_WORDS.replace('quarter|', '')})s?"  # "three-quarters" is a fraction
PARTS_OF_DAY = "morning|afternoon|evening|night|overnight"
UNITS_OR_PARTS = f"(?:{UNITS}|{PARTS_OF_DAY})"
SMALL = _alt("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
             "sixteen seventeen eighteen nineteen")
TENS = _alt("twenty thirty forty fifty sixty seventy eighty ninety")
MAGNITUDE_WORDS = _alt("hundred thousand million billion trillion")
CARDINAL = rf"(?:(?:{TENS})(?:[- ](?:{SMALL}))?|{SMALL}|(?:{MAGNITUDE_WORDS})s?|dozens?|a\s+dozen|several|twice|thrice|half|double|triple|tens|scores)"
CARDINALS = rf"{CARDINAL}(?:(?:[- ]|\s+and\s+|\s+of\s+)(?:{CARDINAL}))*"
DIGITS = r"\d+(?:[.,]\d+)*"
ORDINALS = _alt("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth last final")
# a quantity in a duration: "30", "13.5 billion", "three", "twenty-four", "a", "a few", "several", "many"
AMOUNT = rf"(?:{DIGITS}(?:\s+(?:{MAGNITUDE_WORDS}))?|{CARDINALS}|an?|a\s+few|a\s+couple\s+of|few|several|many|some)"
DETERMINERS = "the past|the last|the previous|the next|the coming|the following|the first|the final|the same|past|last|previous|next|coming|following|recent|upcoming|this|that|these|those"

TEMPORAL_PATTERNS = [
    # dates: "Friday, January 9, 2026", "January 9", "9 January 2026", "Dec. 22 to Jan. 5" (each part separately)
    rf"\b(?:(?:{WEEKDAYS}),?\s+)?(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"(?:\s*(?:-|–|—|and|to|through)\s*(?:(?:{MONTHS})\s+)?\d{{1,2}}(?:st|nd|rd|th)?\b)?(?:,?\s+\d{{4}}\b)?",
    rf"\b(?:(?:{WEEKDAYS}),?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})(?:,?\s+\d{{4}}\b)?",
    rf"(?i:\b(?:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)[\s-]*)?\b(?:{MONTHS})(?:,?\s+\d{{4}})?\b",
    rf"\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b",
    # weekdays with a part of the day: "Saturday night", "Monday’s", "late Thursday"
    rf"(?i:\b(?:early|late)\s+)?\b(?:{WEEKDAYS})\b(?i:\s+(?:{PARTS_OF_DAY}))?",
    # years, decades, ranges of years, fiscal years, quarters: "2009", "1990s", "the '90s", "2000 - 2050", "FY2024"
    r"(?i:\b(?:early|mid|late)[\s-]+)?\b(?:1[5-9]|20)\d{2}s?\b(?:\s*(?:-|–|—|to|through|and)\s*(?:(?:1[5-9]|20)\d{2}|\d{2})\b)?",
    r"(?<!\w)['’]\d0s\b",
    r"(?i:\b(?:fiscal(?:\s+year)?|FY)\s*(?:19|20)\d{2}\b)",
    r"\bQ[1-4](?:\s+(?:19|20)\d{2})?\b",
    rf"(?i:\b(?:the\s+)?(?:first|second|third|fourth|final|last)\s+(?:half|quarter)\s+of\s+(?:the\s+year|this\s+year|last\s+year|next\s+year|\d{{4}}))",
    # relative units: "last week", "the past few days", "Earlier this week", "late last month", "this morning"
    rf"(?i:\b(?:(?:earlier|later|early|late|mid)[\s-]+)?(?:{DETERMINERS})\s+(?:(?:few|couple\s+of|several)\s+)?{UNITS_OR_PARTS}\b)",
    rf"(?i:\b(?:earlier|later)\s+(?:in\s+the|that|this|the\s+same)\s+(?:{UNIT_WORDS}|{PARTS_OF_DAY})\b)",
    # durations and offsets: "30 days", "the last five months", "13 billion years old", "24-hour", "an hour later",
    # "ten years ago", "nine-month-old", "the past 13.5 billion years"
    rf"(?i:\b(?:(?:{DETERMINERS})\s+)?(?:{AMOUNT})(?:\s*(?:-|–|to)\s*(?:{AMOUNT}))?(?:\s+|-)(?:(?:working|business|calendar|consecutive|straight|full)\s+)?(?:{DURATION_UNITS})(?:(?:\s+|-)(?:old|long|ago|later|earlier|from\s+now))?\b)",
    # ordinals with a unit: "the third month in a row", "the fourth or fifth day"
    rf"(?i:\b(?:{ORDINALS})(?:\s+or\s+(?:{ORDINALS}))?\s+(?:{UNITS})(?:\s+in\s+a\s+row)?\b)",
    # bare plural units ("hours", "for years", "the weekends"), "a (little) while ago", "long ago"
    r"(?i:\b(?:hours|days|nights|weeks|weekends|months|years|decades|centuries)\b)",
    r"(?i:\b(?:a\s+(?:little\s+|short\s+)?while|long|moments?)\s+ago\b)",
    # sets: "annual", "every five years", "each year", "per day", "twice a week"
    rf"(?i:\b(?:each|every|per)\s+(?:(?:{AMOUNT})\s+)?(?:{UNITS}|{PARTS_OF_DAY})\b)",
    r"(?i:\b(?:annual|annually|daily|weekly|monthly|yearly|quarterly|hourly|nightly|biannual|biennial|semiannual)\b)",
    # points: "today", "yesterday afternoon", "tonight", "overnight", "recently", "noon", "10 a.m."
    rf"(?i:\b(?:today|tonight|yesterday|tomorrow|overnight|recently|noon|midnight|nowadays)\b(?:\s+(?:{PARTS_OF_DAY}))?)",
    r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|GMT\b|UTC\b)",
    r"\b\d{1,2}:\d{2}\b",
    # seasons with a determiner or year: "last summer", "spring 2024", "this fall"
    r"(?i:\b(?:(?:this|last|next|early|late|mid-?|the)\s+)(?:spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?\d{4})?)",
    r"(?i:\b(?:spring|summer|autumn|winter)\s+(?:of\s+)?(?:19|20)\d{2}\b)",
    # spans of months: "July 2003 and December 2004", "March to May 2025"
    rf"\b(?:{MONTHS})(?:\s+\d{{4}})?\s*(?:-|–|—|and|to|through|until)\s*(?:{MONTHS})\s+\d{{4}}\b",
    rf"(?i:\b(?:earlier|later|early|late)\s+(?:today|tonight|yesterday|tomorrow)\b)",
    rf"(?i:\ba\s+matter\s+of\s+(?:(?:{AMOUNT})\s+)?(?:{DURATION_UNITS})\b)",
    # "the end of the year", "year end", "at that time", "soon"
    rf"(?i:\b(?:the\s+)?(?:end|beginning|start|middle|turn|close)\s+of\s+(?:the|this|next|last|that)\s+(?:{UNIT_WORDS})\b)",
    r"(?i:\b(?:year|month|quarter)[- ]end\b|\bthat\s+time\b|\bsoon\b)",
    # "decade", "century" as periods: "the past decade", "the 19th century"
    r"(?i:\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+century\b)",
]

MAGNITUDES = r"(?:bn|billion|mn|million|m|tn|trillion|thousand|hundred|k)\b"
CURRENCY = r"(?:US\$|A\$|C\$|HK\$|NZ\$|R\$|[$£€¥₹]|\b(?:USD|GBP|EUR|JPY|CAD|AUD|CHF|CNY|INR|MXN)\s?)"
FRACTIONS = ("half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|"
             "hundredths?|thousandths?")
PERCENT = r"(?:\s?%|\s?(?:percent|per\s+cent)\b|\s?percentage\s+points?\b)"
NUMBER_PATTERNS = [
    # digits, with a currency before and a magnitude or percent after: "$3bn", "£100 million", "GBP40 million", "12.5%"
    # not an ordinal ("30th"), an identifier ("STS-135", "4chan") or a rank ("#2", "number 3")
    rf"(?<![\w.#(])(?<![A-Za-z]-){CURRENCY}?[-−]?\d+(?:[.,]\d+)*[½⅓⅔¼¾⅕⅛]?(?:{PERCENT}|\s?{MAGNITUDES}(?:\s+(?:dollars|euros|pounds|pesos|yuan|yen|rupees))?|\s+(?:dollars|euros|pounds|pesos|cents))?(?![A-Za-z\d])",
    r"(?<![\w.])[½⅓⅔¼¾⅕⅛]",
    # number words in any case ("Six Republicans", "Fifty-three", "hundreds of thousands"), "a couple"
    rf"(?i:\b(?:{CARDINALS})\b)(?:{PERCENT}|\s+(?:dollars|euros|pounds|pesos|cents))?",
    r"(?i:\ba\s+couple\b)",
    # ratios and multiples: "one in three", "1 in 5", "18-fold", "threefold"
    rf"(?i:\b(?:one|\d+)\s+in\s+(?:{CARDINALS}|\d+)\b)",
    rf"(?i:\b(?:\d+|{CARDINALS})-?fold\b)",
    # fractions in words: "two-thirds", "Three-quarters", "one fifth"
    rf"(?i:\b(?:{CARDINALS})[- ](?:{FRACTIONS})\b)",
]
# Number words that are not quantities: the pronoun "one" ("one of his predecessors", "this one", "no one",
# "a loved one"), "half" of "the second half", the idiom "double down".
NOT_NUMBERS = re.compile(
    r"(?i:\b(?:this|that|which|the|each|every|any|no|some|another|other|last|first|only|little|big|new|old|loved|"
    r"right|wrong|young|such\s+a|a\s+\w+)\s+one\b|\bone\s+(?=of\b(?!\s+(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten)\b)))|\bone\s+(?=another\b)|\b(?:first|second)\s+half\b|"
    r"\bdouble\s+(?=down\b)|\bone\s+(?=(?:who|that|which)\b)|\b(?:a|an|the)\s+(?:\w+\s+){0,2}one(?=[.,;:!?\"”)])|"
    r"\b(?:number|No\.)\s+\d+\b|\bone\s+(?=(?:side|hand)\b))")
# Quoted passages as the derived `quotations` table reads them (marks paired across line breaks).
QUOTATION_PATTERNS = [r"“[^”]*”", r'"[^"\n]*"', r"(?<![\w])‘[^’\n]*’(?![\w])", r"«[^»]*»", r"„[^“”]*[“”]"]
# What the quotation detector finds, paragraph by paragraph: a paired passage, or a quotation left open at the end
# of its paragraph (the news convention for a quote running over several paragraphs); straight single quotes
# around a phrase ('legacy backlog'), but not apostrophes.
QUOTATION_DETECTOR_PATTERNS = [
    r"“[^”\n]*”", r"“[^”“\n]*[^\s”“](?=\s*(?:\n|$))",
    r"(?<![\w])‘[^’\n]*’(?![\w])", r"«[^»\n]*»", r"„[^“”\n]*[“”]",
    r"(?<![\w'’])'(?=[^\s'])[^'\n]{1,120}(?<=[^\s'])'(?![\w])",
]


def _straight_double(text: str) -> list:
    """Straight double quotes paired line by line; one left open at the end of its line runs to the line's end."""
    out, pos = [], 0
    for line in text.split("\n"):
        marks = [m.start() for m in re.finditer('"', line)]
        for a, b in zip(marks[0::2], marks[1::2]):
            out.append((pos + a, pos + b + 1))
        if len(marks) % 2 and line[marks[-1] + 1:].strip():
            end = len(line.rstrip())
            out.append((pos + marks[-1], pos + end))
        pos += len(line) + 1
    return out

# -- names ------------------------------------------------------------------------------------------------------

NAME_TOKEN = (r"(?:[A-Z][a-z]*\.){2,}|[A-Z]+&[A-Z]+\b|[A-Z][\w-]*\.(?:com|org|net|gov|edu|ca|co\.uk|uk|int)\b|"
              r"(?:al|el|ad|as|ash|ibn|bin|abu|abd)-[A-Z][\w’'-]*[\w]|[A-Z][\w’'-]*[\w]|[A-Z]")
NAME_CONNECTORS = "of|for|de|del|la|da|do|dos|van|von|bin|al|el"
_SP = "[ \u00a0]+"  # names run over ordinary and no-break spaces
NAME_PATTERN = (rf"(?:{NAME_TOKEN})(?:{_SP}(?:(?:{NAME_CONNECTORS}){_SP}(?:the{_SP})?)?"
                rf"(?:[A-Z]\.(?={_SP}[A-Z][a-z])|{NAME_TOKEN}))*")
# Function words that open sentences: capitalised there, never names.
STOPWORDS = set("""a an the this that these those it its he she they we i you his her their our my your me us him them
there here as at by for from in into of on onto to with without during after before since until while when
where whether which who whom whose what why how if then than but and or nor so yet also meanwhile however
both either neither each every any all some many most more much no not one such same other another
about above across against along among around behind below beneath beside between beyond despite down
except inside near off out outside over through throughout toward towards under unlike up upon via within
although because though unless once now still just only even like had has have was were is are be been do does
did will would can could should shall may might must let yes oh please thus hence indeed instead otherwise
moreover furthermore nevertheless nonetheless besides accordingly
""".split())
# Titles and honorifics: left out of a name ("President Joe Biden" -> "Joe Biden"); a title alone is no name.
TITLES = set("""president vice prime minister secretary senator sen rep reps representative congressman congresswoman
governor gov lt mayor mr mrs ms miss mx dr prof professor judge justice king queen prince princess pope cardinal
archbishop bishop rev reverend father sister brother imam rabbi sheikh general gen lieutenant colonel col major maj
captain capt sergeant sgt corporal cpl private pvt admiral adm commander commodore marshal chief chairman chairwoman
chair chairperson chancellor ambassador administrator director commissioner deputy assistant undersecretary
spokesman spokeswoman spokesperson ceo cfo coo advisor adviser officer inspector detective sheriff attorney lady sir dame lord emperor empress
sultan emir crown speaker premier president-elect agent coach editor correspondent chief-of-staff superintendent
head scientist councillor councilman councilwoman alderman magistrate treasurer comptroller auditor minister-president envoy
""".split())
TITLE_PHRASES = re.compile(
    r"\b(?:Secretary|Minister)\s+of\s+(?:State|Defense|Defence|Homeland\s+Security|the\s+Treasury|"
    r"Foreign\s+Affairs|Health|Education|Labor|Labour|Energy|Agriculture|Commerce|Transportation|the\s+Interior|"
    r"Justice|Finance|War)\b|\bCommander[- ]in[- ]Chief\b|\bChief\s+of\s+Staff\b|\bFirst\s+Lady\b|"
    r"\bAttorney\s+General\b|\bSurgeon\s+General\b|\bSolicitor\s+General\b|\bInspector\s+General\b|"
    r"\bDirector\s+General\b|\bSecretary[- ]General\b|\bPress\s+Secretary\b")
# A title word followed by one of these heads an organisation's name ("Justice Department", "General Motors"), and a
# name continues over "of"/"for" only after one of them ("Department of Agriculture"; "Tom Cotton of Arkansas" is
# two names).
ORG_HEADS = set("""department ministry office motors electric assembly council court committee league party bank
house hospital university college school institute agency service services bureau commission corps guard force
forces army navy fleet command staff hall palace church cathedral street avenue road square park mountains
river island islands bay sea ocean county city state states republic kingdom airport station
municipality province region district prefecture museum society association federation union organization
organisation academy center centre foundation fund board chamber authority administration embassy
consulate parliament senate congress tribunal cabinet government secretariat program programme initiative
institution laboratory observatory journal commissioner gulf strait isle coast valley lake desert system network
""".split())
_HEADS_RE = "|".join(sorted(ORG_HEADS, key=len, reverse=True))
_AND_HEADS_RE = ("museum|center|centre|institute|university|college|school|foundation|council|commission|committee|"
                 "agency|administration|association|society|company|corporation|bank|hospital|service|services|"
                 "department|ministry|library|laboratory|authority|board|fund|mail")
# Words that open many names ("New York", "Supreme Court", "United Nations"): kept at a sentence start when another
# capitalised word follows.
NAME_PREFIXES = set("""new north south east west northern southern eastern western united san santa los las saint st
great upper lower central royal national federal supreme international world grand""".split())
# Postnominal letters: "Mark Tedeschi, QC" -> "Mark Tedeschi".
POSTNOMINALS = {"QC", "KC", "SC", "MP", "MBE", "OBE", "CBE", "PhD", "Jr", "Sr", "Esq"}
# Adjectives and nouns of nationality, religion, ethnicity and party ("Mexican", "Muslims", "Republicans").
DEMONYMS = set("""afghan albanian algerian american andorran angolan argentine argentinian armenian australian
austrian azerbaijani bahamian bahraini bangladeshi barbadian belarusian belgian belizean beninese bhutanese bolivian
bosnian botswanan brazilian british briton bruneian bulgarian burkinabe burmese burundian cambodian cameroonian
canadian chadian chilean chinese colombian congolese costa-rican croatian cuban cypriot czech danish dane djiboutian
dominican dutch ecuadorian egyptian emirati english eritrean estonian ethiopian fijian filipino finnish finn french
gabonese gambian georgian german ghanaian greek grenadian guatemalan guinean guyanese haitian honduran hungarian
icelandic indian indonesian iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan
korean kosovar kuwaiti kyrgyz laotian latvian lebanese liberian libyan lithuanian luxembourgish macedonian malagasy
malawian malaysian maldivian malian maltese mauritanian mauritian mexican moldovan monegasque mongolian montenegrin
moroccan mozambican namibian nepalese nepali nicaraguan nigerian nigerien norwegian omani pakistani palestinian
panamanian paraguayan persian peruvian polish pole portuguese qatari romanian russian rwandan salvadoran samoan
saudi scottish scot senegalese serbian sierra-leonean singaporean slovak slovakian slovenian somali sudanese
surinamese swazi swedish swede swiss syrian taiwanese tajik tanzanian thai togolese tongan trinidadian tunisian
turkish turk turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean
african asian european latin latino latina latinx hispanic arab arabian middle-eastern caribbean nordic
scandinavian balkan baltic slavic western eastern northern southern
muslim islamic islamist christian catholic protestant evangelical orthodox jewish jew hindu buddhist sikh shia
shiite sunni mormon pentecostal anglican lutheran baptist methodist
rohingya kurd kurdish pashtun tamil uyghur uighur hazara yazidi druze bedouin maori aboriginal indigenous native
black white texan californian floridian new-yorker
republican democrat conservative liberal socialist communist tory tories labourite libertarian nationalist
""".split())
TITLES |= {t + "s" for t in TITLES}  # "Senators Tom Cotton and Mike Lee"
DEMONYMS |= {w + ("es" if w.endswith(("sh", "ch")) else "s") for w in DEMONYMS} | {"englishmen", "frenchmen"}
_ADJECTIVE_SUFFIX = re.compile(r"-(?:based|led|backed|born|owned|made|run|related|style|era|linked|funded|bound|"
                               r"focused|centric|wide|specific|affiliated|aligned|allied|sponsored)$")
_PLURAL_POSSESSORS = {"people", "children", "women", "men", "workers", "veterans", "citizens", "nations", "farmers",
                      "peoples", "saints", "traders"}
# a contraction or possessive ending a capitalised word ("I’m", "It’s", "Microsoft's")
_APOSTROPHE = re.compile(r"[’'](?:s|re|ve|ll|d|m|t)$", re.I)
COMMON_ZIPF = 2.5  # a word at least this frequent in English (wordfreq's Zipf scale) is a common word
HEAD_ZIPF = 4.0  # in a headline, where names are rarer than capitalised words


@lru_cache(maxsize=1)
def _countries() -> frozenset:
    """One-word names of countries and continents ("Mexico", "Britain", "Europe"): names, however frequent."""
    import pycountry

    names = {"Britain", "America", "Europe", "Africa", "Asia", "Antarctica", "Oceania", "Scotland", "Wales", "England"}
    for c in pycountry.countries:
        for n in (c.name, getattr(c, "common_name", None)):
            if n and " " not in n and "," not in n:
                names.add(n)
    # one-word states and provinces ("Tasmania", "Ontario") that are not also common English words ("Central")
    names |= {d.name for d in pycountry.subdivisions
              if re.fullmatch(r"[A-Z][a-z]+", d.name) and d.name.lower() not in STOPWORDS and _zipf(d.name.lower()) < 4.5}
    return frozenset(names)


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower_pattern(p: str) -> str | None:
    """For a pattern that is one case-insensitive group "(?i:...)", the same pattern for ASCII-lowercased text
    (letters lowercased outside escapes), which Python's re matches several times faster; else None."""
    if not p.startswith("(?i:"):
        return None
    depth, i, out = 0, 0, []
    while i < len(p):
        c = p[i]
        if c == "\\":
            out.append(p[i:i + 2])
            i += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0 and i != len(p) - 1:
                return None  # the case-insensitive group is not the whole pattern
        out.append(c.lower() if c.isascii() else c)
        i += 1
    return "(?:" + "".join(out)[4:]


@lru_cache(maxsize=None)
def _compiled(patterns: tuple) -> list:
    """Each pattern compiled, with whether it runs on the ASCII-lowercased text."""
    out = []
    for p in patterns:
        low = _lower_pattern(p)
        out.append((re.compile(low), True) if low else (re.compile(p), False))
    return out


def _matches(patterns, text: str, low: str):
    """Union of the matches of ``patterns``; case-insensitive ones run on ``low``, the ASCII-lowercased text (same
    length, so offsets are the text's)."""
    spans = []
    for rx, lowered in _compiled(tuple(patterns)):
        for m in rx.finditer(low if lowered else text):
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


def _inside(spans, s, e) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _sentence_start(text: str, i: int) -> bool:
    """True when position i starts a sentence, a paragraph, a line or a quotation."""
    j = i - 1
    if j >= 0 and text[j] in "“‘\"(«„[":
        return True
    while j >= 0 and text[j] in " \t”’\")»]\u00a0":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;•"


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Spans of short lines written in title case (headlines, titles of sources): most of their longer words
    capitalised, no more than 25 words, no closing full stop."""
    out, pos = [], 0
    for line in text.split("\n"):
        words = re.findall(r"[A-Za-z][\w’'-]*", line)
        long_words = [w for w in words if len(w) > 3]
        if 2 <= len(long_words) and len(words) <= 25 and not re.search(r"[.!?:;][”’\"')]*\s*$", line) and \
                sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _strip_apostrophe(tok: str) -> str:
    return _APOSTROPHE.sub("", tok)


def _acronym(tok: str) -> bool:
    base = tok.replace(".", "")
    return len(base) > 1 and base.isupper()


def _common(tok: str, text_lower_words: set, mid_capitalised: set, zipf: float = COMMON_ZIPF) -> bool:
    """A capitalised word at a sentence start or in a headline that is an ordinary English word: the text never
    capitalises it mid-sentence, and it occurs lowercase in the text or is frequent in English."""
    base = _strip_apostrophe(tok)
    if base in mid_capitalised or _acronym(base) or base in _countries():
        return False
    low = base.lower()
    if low in STOPWORDS or low in text_lower_words or _stem(low) in text_lower_words:
        return True
    return _zipf(low) >= zipf


def _stem(word: str) -> str:
    """A crude stem, enough to match "Extradites" with "extradited" or "Honors" with "honor"."""
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("ed", ""), ("ing", ""), ("s", ""), ("d", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + repl
    return word


def _tokens(span_text: str, start: int):
    for m in re.finditer(rf"{NAME_TOKEN}|[A-Z]\.|\S+", span_text):
        yield m.group(), start + m.start(), start + m.end()


def _names(text: str, taken: list) -> list[tuple[int, int]]:
    lower_counts = Counter(re.findall(r"\b[a-z][\w’'-]*", text))
    lower_words = set(lower_counts) | {_stem(w) for w in lower_counts}
    heads = _title_case_lines(text)
    # words the text capitalises mid-sentence more often than it writes them lowercase ("Iodine" in a quote of a text
    # that says "iodine" throughout is a common word)
    mid_counts = Counter(_strip_apostrophe(m.group()) for m in re.finditer(rf"{NAME_TOKEN}", text)
                         if not _sentence_start(text, m.start()) and not _inside(heads, m.start(), m.end()))
    mid_capitalised = {w for w, n in mid_counts.items() if n > lower_counts.get(w.lower(), 0)}
    cut = [(m.start(), m.end()) for m in TITLE_PHRASES.finditer(text)]
    out = []
    for m in re.finditer(NAME_PATTERN, text):
        toks = list(_tokens(m.group(), m.start()))
        # split the sequence into runs of name tokens, dropping titles, pronouns, demonyms and common words
        runs, run, after_connector, after_title = [], [], False, False
        for k, (tok, s, e) in enumerate(toks):
            if not re.fullmatch(rf"{NAME_TOKEN}|[A-Z]\.", tok):  # a connector ("of", "de"): the name goes on after a head only
                # "of"/"for" go on inside an organisation's name ("Australian Centre for Control of Iodine
                # Deficiency Disorders"), else they end the name ("Tom Cotton of Arkansas")
                if run and tok in ("of", "for") and not any(_stem(t[0].lower()) in ORG_HEADS or t[0].lower() in ORG_HEADS
                                                             for t in run):
                    runs.append(run)
                    run = []
                after_connector = bool(run)
                continue
            adj = _ADJECTIVE_SUFFIX.search(tok)
            if adj:  # "Venezuelan-based", "Texas-born": the name without the suffix, no name if it is a demonym
                tok, e = tok[:adj.start()], s + adj.start()
                if tok.lower() in DEMONYMS:
                    if run:
                        runs.append(run)
                    run = []
                    continue
            base = _strip_apostrophe(tok)
            low = base.lower().rstrip(".")
            in_head = _inside(heads, s, e)
            initial = _sentence_start(text, s) or in_head
            following = next((t for t in toks[k + 1:] if re.fullmatch(NAME_TOKEN, t[0])), None)
            adjacent = following is not None and text[e:following[1]].strip() == ""
            if in_head:
                # a headline capitalises every word: keep those the body capitalises or English rarely uses, and a
                # common word right before one of them ("Joe Biden")
                common_here = not after_title and _common(tok, lower_words, mid_capitalised, HEAD_ZIPF) and not (
                    adjacent and not _common(following[0], lower_words, mid_capitalised, HEAD_ZIPF))
            else:
                # a sentence-initial common word, unless a rare capitalised word follows ("Jeff Rathke")
                common_here = not run and initial and _common(tok, lower_words, mid_capitalised) and not (
                    adjacent and low in NAME_PREFIXES) and not (
                    adjacent and not _common(following[0], lower_words, mid_capitalised)
                    and following[0].lower() not in DEMONYMS and following[0].lower() not in TITLES
                    and not _APOSTROPHE.search(tok))
            drop = (
                _inside(cut, s, e)
                or _inside(taken, s, e)
                or base in ("I", "O")
                or (low in TITLES and not after_connector
                    and (following is None or _strip_apostrophe(following[0]).lower() not in ORG_HEADS))
                or base in POSTNOMINALS
                or common_here
                or (not run and low in STOPWORDS and not _acronym(base) and (initial or low != "the"))
            )
            after_connector = False
            after_title = low in TITLES and drop
            if drop:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((tok, s, e))
                if _APOSTROPHE.search(tok) and tok[-1] in "sS" and base.lower() not in _PLURAL_POSSESSORS:
                    # a possessive ends the name ("Microsoft's Internet Explorer"), not "Korean People’s Army"
                    runs.append(run)
                    run = []
        if run:
            runs.append(run)
        for run in runs:
            # a run that is one demonym ("Mexican", "Muslims") or one capitalised common noun after a determiner
            # ("the Court", "our Nation", "my Administration") is no name
            if len(run) == 1:
                tok, s, e = run[0]
                base = _strip_apostrophe(tok)
                if base.lower() in DEMONYMS or re.fullmatch(r"[IVXLC]{2,}", base):
                    continue  # a demonym, a roman numeral ("part XVII")
                before = text[max(0, s - 6):s].lower()
                if re.search(r"\b(?:the|our|my|this|his|her|their|your)\s+$", before) and not base.isupper() \
                        and _zipf(base.lower()) >= 4.5:
                    continue
            s, e = run[0][1], run[-1][2]
            following = re.match(r"[ \u00a0]+([A-Z][a-z]+|[a-z]+)\b", text[e:])
            if all(not _acronym(t[0]) and _zipf(t[0].lower()) >= 4.0 for t in run) and following and (
                    following[1] in ("minister", "secretary") or (following[1].lower() in TITLES and following[1][0].isupper()
                                                                  and run[-1][0].lower() not in ORG_HEADS)):
                continue  # the portfolio of a title ("Environment Minister John Baird"), not a name
            e = s + len(_strip_apostrophe(text[s:e])) if _APOSTROPHE.search(text[s:e]) and text[e - 1] in "sS" else e
            out.append((s, e))
    return _join_and(text, out)


def _join_and(text: str, spans: list) -> list:
    """Join two names across "and"/"&" inside an organisation's name: when the first part has a head word followed by
    "of" and the second none ("Office of Science and Technology Policy"), or when the first has none and the second
    ends with the head of an institution ("National Air and Space Museum", "Evergreen Aviation & Space Museum")."""
    out = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            gap = text[pe:s]
            if re.fullmatch(r"[ \u00a0]+(?:and|&)[ \u00a0]+", gap):
                left, right = text[ps:pe], text[s:e]
                left_head = re.search(rf"\b(?:{_HEADS_RE})\b", left, re.I)
                if (left_head and re.search(rf"\b(?:{_HEADS_RE})\s+of\b", left, re.I)
                        and not re.search(rf"\b(?:{_HEADS_RE})\b", right, re.I)) or (
                        not left_head and re.search(rf"\b(?:{_AND_HEADS_RE})\b", right.split()[-1], re.I)):
                    out[-1] = (ps, e)
                    continue
        out.append((s, e))
    return out


_COUNT_CUE = re.compile(r"\b(?:of|about|some|nearly|over|than|around|approximately|almost|least|total|only|just)\s+$", re.I)


def _count_not_year(text: str, s: int, e: int) -> bool:
    """A four-digit number that counts something ("a survey of 1709 schoolchildren"), not a year: after a word that
    introduces a quantity and before a lowercase word other than a connective."""
    if not re.fullmatch(r"\d{4}", text[s:e]) or not _COUNT_CUE.search(text[max(0, s - 20):s]):
        return False
    after = re.match(r"\s+([a-z]+)", text[e:])
    return bool(after) and after[1] not in {"and", "or", "to", "through", "until", "when", "where", "as", "in", "on",
                                            "at", "for", "from", "with", "by", "the", "a", "an"}


def detect(text: str) -> list[Detection]:
    """All detections of all detectors in ``text``, sorted by start."""
    found = []
    low = text.translate(_ASCII_LOWER)
    temporal = [(s, e) for s, e in _matches(TEMPORAL_PATTERNS, text, low) if not _count_not_year(text, s, e)]
    found += [Detection("temporal", s, e, text[s:e]) for s, e in temporal]
    not_numbers = [(m.start(), m.end()) for m in NOT_NUMBERS.finditer(text)]
    numbers = [(s, e) for s, e in _matches(NUMBER_PATTERNS, text, low)
               if not _inside(temporal, s, e) and not _inside(not_numbers, s, e)]
    quotations = [(m.start(), m.end()) for p in QUOTATION_DETECTOR_PATTERNS for m in re.finditer(p, text)]
    closers = {e - 1 for s, e in quotations if text[s] == "„"}  # the “ that closes „…“ opens nothing
    quotations = _merge([(s, e) for s, e in quotations if s not in closers] + _straight_double(text))
    found += [Detection("quotation", s, e, text[s:e]) for s, e in quotations]
    names = _names(text, temporal + numbers)
    # digits right after a name belong to it ("Internet Explorer 6", "Movimento 5 Stelle")
    name_ends = {e for _, e in names}
    in_names = {(s, e) for s, e in numbers if text[s:e].isdigit() and s - 1 in name_ends and text[s - 1] == " "}
    if in_names:
        spans = names + [(s, e) for s, e in in_names]
        joined = []
        for s, e in sorted(spans):
            if joined and s - joined[-1][1] <= 1 and text[joined[-1][1]:s].strip() == "":
                joined[-1] = (joined[-1][0], e)
            else:
                joined.append((s, e))
        names = joined
    found += [Detection("number", s, e, text[s:e]) for s, e in numbers if (s, e) not in in_names]
    found += [Detection("proper_name", s, e, text[s:e]) for s, e in names]
    return sorted(found, key=lambda d: (d.start, d.detector))
