"""Every mistake a contributor can make in the inputs gives a short error naming the file and line (or record),
saying what is wrong and how to fix it; the build exits 2 and leaves data/, schemas/ and datapackage.json
byte-identical."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable

import pytest

from conftest import ROOT, run, snapshot

SID = "20260109_b8da6c60f8"
CODING = f"coding/{SID}.yaml"
RECORD = f"seeds/{SID}.yaml"
SEED = f"seeds/{SID}.txt"
REGISTRY = "coding/actors.yaml"
PLACES = "coding/places.yaml"


@dataclass(frozen=True)
class Mistake:
    name: str
    file: str  # the file that is edited, and that the error must name
    edit: Callable[[str], str] | None  # text edit (None: `raw` edits bytes)
    expect: tuple[str, ...]  # phrases the error must contain
    line_marker: str | None = None  # the error must point at the line holding this text (after the edit)
    raw: Callable[[bytes], bytes] | None = None
    names_file: str | None = None  # when the error names another file than the edited one


def replace(old: str, new: str, count: int = 1):
    def fn(text: str) -> str:
        assert old in text, f"test fixture out of date: {old!r} not in the file"
        return text.replace(old, new, count)

    return fn


MISTAKES = [
    Mistake("quote not in the text", CODING, replace("quote: During a Thursday night interview on Fox News",
                                                     "quote: During a Thursday interview on Fox News"),
            ("quote not found", "trump_fox_news_interview"), "Thursday interview"),
    Mistake("quote with straight apostrophe", CODING, replace("quote: During Friday’s press conference",
                                                              "quote: During Friday's press conference"),
            ("quote not found", "other quotation marks: 'During Friday’s press conference'"), "Friday's press"),
    Mistake("quote ambiguous", CODING, replace("quote: year-long\n", "quote: Sheinbaum\n"),
            ("ambiguous", "occurs", "occurrence"), "quote: Sheinbaum"),
    Mistake("event mention not in the text", CODING, replace("      - That action\n", "      - This action\n"),
            ("quote not found", "us_captures_maduro"), "This action"),
    Mistake("occurrence out of range", CODING, replace("quote: year-long\n", "quote: {exact: year-long, occurrence: 3}\n"),
            ("occurrence 3", "only 1 time"), "occurrence: 3"),
    Mistake("prefix that does not precede", CODING,
            replace("quote: year-long\n", "quote: {exact: year-long, prefix: 'a '}\n"),
            ("never with the given prefix",), "prefix: 'a '"),
    Mistake("unknown actor in participants", CODING, replace("{actor_id: fox_news, role: host}",
                                                             "{actor_id: fox_newz, role: host}"),
            ("'fox_newz' matches no actor_id in coding/actors.yaml", "did you mean 'fox_news'"), "fox_newz"),
    Mistake("unknown speaker", CODING, replace("speaker_actor_id: security_experts",
                                               "speaker_actor_id: experts"),
            ("'experts' matches no actor_id in coding/actors.yaml",), "speaker_actor_id: experts"),
    Mistake("unknown CAMEO code", CODING, replace('cameo_code: "181"', 'cameo_code: "1899"'),
            ("'1899' matches no cameo_code in cameo_codes",), 'cameo_code: "1899"'),
    Mistake("CAMEO code written as a number", CODING, replace('cameo_code: "036"', "cameo_code: 036"),
            ("cameo_code must be a string", "quote it"), "cameo_code: 036"),
    Mistake("unknown PLOVER mode", CODING, replace("plover_mode_id: ASSAULT.abduct", "plover_mode_id: ASSAULT.kidnap"),
            ("'ASSAULT.kidnap' matches no plover_mode_id in plover_modes",), "ASSAULT.kidnap"),
    Mistake("unknown PLOVER context", CODING, replace("contexts: [military]\n", "contexts: [militray]\n"),
            ("'militray' matches no plover_context in plover_contexts", "did you mean 'military'"), "militray"),
    Mistake("value outside a category vocabulary", CODING, replace("status: occurred", "status: rumoured"),
            ("status 'rumoured' is not in the vocabulary",), "status: rumoured"),
    Mistake("invalid date expression", CODING, replace("date: {expression: last weekend}",
                                                       "date: {expression: already}"),
            ("cannot resolve the date expression 'already'", "forms understood"), "expression: already"),
    Mistake("date expression not in the text", CODING,
            replace("date: {expression: Thursday night}", "date: {expression: Wednesday night}"),
            ("'Wednesday night' must be words of the seed text",), "Wednesday night"),
    Mistake("outside date without its source", CODING,
            replace("date: {expression: October 2024}", "date: {value: 2024-10-01, precision: day}"),
            ("needs source", "outside fact"), "value: 2024-10-01"),
    Mistake("duplicate record id", CODING, replace("event_id: sheinbaum_press_conference",
                                                   "event_id: sheinbaum_takes_office"),
            ("duplicate event_id 'sheinbaum_takes_office' (first on line",), None),
    Mistake("missing required field", CODING, replace('    plover_type: ASSAULT\n    status: ongoing\n',
                                                      '    plover_type: ASSAULT\n'),
            ("missing required field 'status'", "mexico_offensive_against_sinaloa_cartel"), None),
    Mistake("unknown key (typo)", CODING, replace("reporting_verb: believe", "reportng_verb: believe"),
            ("unknown key 'reportng_verb'", "did you mean 'reporting_verb'"), "reportng_verb"),
    Mistake("wrong type (boolean as text)", CODING, replace("is_aggregate: true", "is_aggregate: sometimes"),
            ("is_aggregate must be a boolean",), "is_aggregate: sometimes"),
    Mistake("wrong type (number as text)", CODING, replace("value: 97\n", "value: ninety-seven\n"),
            ("value must be a number",), "ninety-seven"),
    Mistake("figure not written in the quote", CODING, replace("value: 97\n", "value: 98\n"),
            ("value 98 is not written in the quote", "as digits"),
            "value: 98"),
    Mistake("vague quantity with a single value", CODING, replace("    value_min: 3\n", "    value: 5\n    value_min: 3\n"),
            ("vague-has-no-value", "a vague quantity has no single value"), "metric_id: trust_building_steps"),
    Mistake("malformed country code", REGISTRY, replace("country_iso3: VEN", "country_iso3: VE"),
            ("country_iso3 'VE' does not match",), "country_iso3: VE"),
    Mistake("country code that does not exist", REGISTRY, replace("country_iso3: VEN", "country_iso3: VNZ"),
            ("country-code-exists", "'VNZ' is not a country code", "[actor venezuela]"), "actor_id: venezuela"),
    Mistake("reporting verb not in the quote", CODING, replace("reporting_verb: believe", "reporting_verb: think"),
            ("reporting-verb-in-quote", "'think' is not in the quote"), "statement_id: experts_see_closer_alignment"),
    Mistake("Wikidata id without provenance", REGISTRY, replace(
        "    wikidata_qid_provenance: Two public sources (project reference notes). Not verifiable at build time.\n",
        ""), ("qid-has-provenance", "[actor nicolas_maduro]"), "actor_id: nicolas_maduro"),
    Mistake("actor name not in the text", CODING, replace("names: [Venezuela]", "names: [Venezuela, Caracas]"),
            ("name 'Caracas' does not occur in the text",), "Caracas"),
    Mistake("one name for two actors", CODING, replace("names: [Security experts]",
                                                       "names: [Security experts, Trump]"),
            ("name 'Trump' is already listed for actor 'donald_trump'",), "Security experts, Trump"),
    Mistake("duplicate key in a mapping", CODING, replace("    reporting_verb: framed\n",
                                                          "    reporting_verb: framed\n    reporting_verb: said\n"),
            ("key 'reporting_verb' appears twice",), "reporting_verb: said"),
    Mistake("YAML syntax error", CODING, replace("contexts: [military, illegal_drugs, crime]",
                                                 "contexts: [military, illegal_drugs, crime"),
            ("YAML syntax error",), None),
    Mistake("unsafe YAML tag (code execution attempt)", CODING,
            replace("    hedge: preliminary\n    verification_status", "    hedge: !!python/object/apply:os.system [echo pwned]\n"
                    "    verification_status"), ("unsupported YAML tag", "safe loader"), "!!python/object"),
    Mistake("empty coding file", CODING, lambda text: "", ("the file is empty",)),
    Mistake("coding file in Latin-1", CODING, None, ("not valid UTF-8",), None,
            raw=lambda b: b.decode("utf-8").encode("latin-1", errors="replace")),
    Mistake("coding for another source", CODING, replace(f'source_id: "{SID}"', 'source_id: "other"'),
            ("does not match the source record",), 'source_id: "other"'),
    # the corpus: one actor registry, computed source ids, the issuer's voice, affiliations
    Mistake("actor defined twice in the registry", REGISTRY,
            lambda t: t + "  - actor_id: mexico\n    name: Mexico again\n    actor_type: state\n    description: x\n",
            ("actor_id 'mexico' is already defined on line 12",), None),
    Mistake("two actors share a name", REGISTRY,
            lambda t: t + "  - actor_id: mexico_2\n    name: MÉXICO\n    actor_type: state\n    description: x\n",
            ("is already the name of actor 'mexico'", "two actors may not share a name"), "name: MÉXICO"),
    Mistake("two actors share a Wikidata id", REGISTRY,
            lambda t: t + "  - actor_id: other_state\n    name: Other state\n    actor_type: state\n"
                          "    description: x\n    wikidata_qid: Q96  # a copy of Mexico's\n    wikidata_qid_provenance: a typo\n",
            ("wikidata_qid Q96 is already the id of actor 'mexico' (line 12)",), "a copy of Mexico's"),
    Mistake("a person with a timeless parent", REGISTRY,
            replace("    description: Mexican politician, President of Mexico from October 2024.\n",
                    "    description: Mexican politician, President of Mexico from October 2024.\n"
                    "    parent_actor_id: government_of_mexico\n"),
            ("a person has no parent_actor_id", "affiliations"), "parent_actor_id: government_of_mexico"),
    Mistake("GeoNames id of a place in another country", PLACES,
            lambda t: t + "  - place_id: zz_ottawa_illinois\n    name: Ottawa in Illinois\n    place_kind: city\n"
                          "    country_iso3: CAN  # the Canadian one?\n    geonames_id: 4905006\n",
            ("the gazetteer puts GeoNames id 4905006 (Ottawa) in USA, not in CAN",), "the Canadian one?"),
    Mistake("GeoNames id the gazetteer does not have", PLACES,
            lambda t: t + "  - place_id: zz_nowhere\n    name: Nowhere\n    place_kind: city\n"
                          "    country_iso3: CAN\n    geonames_id: 999999999\n",
            ("is not in the gazetteer",), "geonames_id: 999999999"),
    Mistake("unknown place on an event", CODING, replace("{place_id: venezuela, place_role: location, quote: Venezuela}",
                                                         "{place_id: caracass, place_role: location, quote: Venezuela}"),
            ("'caracass' matches no place_id in coding/places.yaml",), "caracass"),
    Mistake("actor listed twice in a coding file", CODING,
            replace("  - {actor_id: venezuela, names: [Venezuela]}\n",
                    "  - {actor_id: venezuela, names: [Venezuela]}\n  - {actor_id: venezuela, names: [Venezuela]}\n"),
            ("actor 'venezuela' is listed twice",), None),
    Mistake("source id not computed from date and hash", RECORD, replace(f'source_id: "{SID}"',
                                                                          'source_id: "20260109_aaaaaaaaaa"'),
            ("does not follow the scheme", SID), 'source_id: "20260109_aaaaaaaaaa"'),
    Mistake("issuer not in the registry", RECORD, replace("issuer_actor_id: article_20260109_b8da6c60f8",
                                                          "issuer_actor_id: the_article"),
            ("issuer_actor_id 'the_article' matches no actor",), "issuer_actor_id: the_article"),
    Mistake("LicenseRef licence without its text", RECORD, lambda t: t.replace(
        t[t.index("license_text:"):t.index("license_evidence:")], "license_text: null\n"),
            ("license-text-iff-ref",), 'source_id: "'),
    Mistake("authored statement by another speaker", CODING,
            replace("    quote_type: indirect\n    reporting_verb: believe", "    quote_type: authored\n    reporting_verb: believe"),
            ("authored-by-issuer", "but the source's issuer is 'article_20260109_b8da6c60f8'"),
            "statement_id: experts_see_closer_alignment"),
    Mistake("hedge not in the quote", CODING, replace("    hedge: preliminary\n", "    hedge: provisional\n"),
            ("hedge-in-quote", "'provisional' is not in the quote", "[statement sheinbaum_notes_homicide_drop]"),
            "- statement_id: sheinbaum_notes_homicide_drop"),
    Mistake("actor affiliated with itself", CODING, replace("    affiliated_actor_id: venezuela\n",
                                                            "    affiliated_actor_id: nicolas_maduro\n"),
            ("not-affiliated-with-self",), "- actor_id: nicolas_maduro"),
    Mistake("bounds that do not follow the bound rule", CODING, replace("    value: 97\n", "    value: 97\n    value_max: 100\n"),
            ("bounds-follow-bound-rule", "[metric share_sea_drug_shipments_disrupted]"),
            "metric_id: share_sea_drug_shipments_disrupted"),
    Mistake("description of white space only", CODING, replace(
        "    description: Security experts believe Sheinbaum is moving to closer security alignment with the U.S. in "
        "the hope of preventing unilateral U.S. military action.\n", "    description: '  '\n"),
            ("description is empty",), "description: '  '"),
    Mistake("affiliation role not in its quote", CODING, replace("    role: foreign minister\n", "    role: minister of defence\n"),
            ("role 'minister of defence' must be words of the quote",), "role: minister of defence"),
    Mistake("seed changed since its hash was recorded", SEED, None, ("has changed since its hash was recorded",),
            None, raw=lambda b: b.replace(b"97%", b"96%"), names_file=RECORD),
    Mistake("seed with CRLF line ends", SEED, None, ("carriage returns",), None,
            raw=lambda b: b.replace(b"\n", b"\r\n"), names_file=None),
    Mistake("seed with BOM", SEED, None, ("byte-order mark",), None, raw=lambda b: b"\xef\xbb\xbf" + b),
    Mistake("seed with decomposed Unicode", SEED, None, ("not in Unicode NFC",), None,
            raw=lambda b: unicodedata.normalize("NFD", b.decode("utf-8")).encode("utf-8")),
    Mistake("source record with wrong length", RECORD, replace("char_length: 2644", "char_length: 2645"),
            ("char_length is 2645 but the seed has 2644",), "char_length: 2645"),
    Mistake("source record title not the headline", RECORD, replace("After Trump Threatens", "As Trump Threatens"),
            ("title must be the seed's first line",), "As Trump Threatens"),
]


def test_catalogue_covers_at_least_20_kinds():
    assert len({m.name for m in MISTAKES}) == len(MISTAKES) >= 20


@pytest.mark.parametrize("m", MISTAKES, ids=[m.name for m in MISTAKES])
def test_mistake_gives_a_clear_error_and_changes_nothing(project, capsys, m):
    path = project / m.file
    if m.raw:
        path.write_bytes(m.raw(path.read_bytes()))
    else:
        path.write_text(m.edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = snapshot(project)
    code, out, err = run(["--root", project, "build"], capsys)
    assert code == 2, err
    for phrase in m.expect:
        assert phrase in err, f"{phrase!r} not in:\n{err}"
    assert (m.names_file or m.file) in err
    if m.line_marker:
        lines = path.read_text(encoding="utf-8").splitlines()
        line = next(i for i, l in enumerate(lines, 1) if m.line_marker in l)
        assert f"{m.names_file or m.file}:{line}" in err, err
    assert snapshot(project) == before
    # one line per problem, no traceback
    assert "Traceback" not in err


@pytest.mark.parametrize("edit,phrase,line", [
    (lambda t: t.replace("code,name,goldstein,root_code", "code,label,goldstein,root_code"), "header must be", 1),
    (lambda t: t.replace("010,Make statement,0,01", "010,Make statement,zero,01"), "goldstein 'zero' is not a number",
     None),
    (lambda t: t.replace("010,Make statement,0,01", "010,Make statement,0"), "3 cells, expected 4", None),
])
def test_broken_vocabulary_file_names_file_and_line(project, capsys, edit, phrase, line):
    path = project / "reference" / "cameo_codes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(edit(text), encoding="utf-8")
    expected_line = line or next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("010,"))
    before = snapshot(project)
    code, out, err = run(["--root", project, "build"], capsys)
    assert code == 2
    assert phrase in err and f"reference/cameo_codes.csv:{expected_line}" in err
    assert snapshot(project) == before


# Checks that are declared rules (rules.RULES), run on the built tables at coding time and mapped back to the YAML
# line: coding.py must not repeat them. Per rule code, what coding.py's own copy of the check was written with.
RULES_ONCE = {
    "qid-has-provenance": ['rec.get("wikidata_qid") and not rec.get("wikidata_qid_provenance")'],
    "hedge-in-quote": ['("hedge", "reporting_verb")', "must be words of the record's quote"],
    "reporting-verb-in-quote": ['("hedge", "reporting_verb")', "must be words of the record's quote"],
    "authored-by-issuer": ['== "authored"', "own voice"],
    "not-affiliated-with-self": ['row["actor_id"] == row["affiliated_actor_id"]', "affiliated with itself"],
    "license-text-iff-ref": ['startswith("LicenseRef-")'],
    "vague-has-no-value": ['"vague_quantity"'],
    "bounds-follow-bound-rule": ["the bounds follow from the rule", "BOUND_INPUTS"],
    "country-code-exists": ["not is_country(", "ISO 3166-1 alpha-3 country code"],
}


def test_no_declared_rule_is_repeated_in_coding():
    import inspect

    from newsevents import coding, rules

    source = inspect.getsource(coding)
    for code, traces in RULES_ONCE.items():
        assert code in rules.BY_CODE, code
        for trace in traces:
            assert trace not in source, f"coding.py repeats the declared rule {code}: {trace!r}"
    # and each is reported by the rule itself, under its code, at the record's line (the mistakes above)
    reported = {c for m in MISTAKES for c in m.expect if c in rules.BY_CODE and m.line_marker}
    assert set(RULES_ONCE) <= reported, set(RULES_ONCE) - reported


def test_white_space_description_is_rejected_by_the_declared_schema_too():
    import pandas as pd
    import pandera.errors as pe

    from newsevents import registry as R
    from newsevents.schemas import pandera_schema

    df = pd.read_parquet(ROOT / "data" / "statements.parquet")
    pandera_schema(R.STATEMENTS).validate(df)
    df.loc[0, "description"] = "   "
    with pytest.raises(pe.SchemaError, match="description"):
        pandera_schema(R.STATEMENTS).validate(df)


def test_sources_loaded_in_two_processes_report_in_record_order(project, monkeypatch):
    """The build loads half the sources in a second process: the errors of every source arrive in the records'
    order, the same as when the platform cannot fork and the second half runs in a thread."""
    import multiprocessing as mp

    from newsevents.build import load
    from newsevents.coding import CodingErrors

    records = sorted((project / "seeds").glob("*.yaml"))
    assert len(records) >= 3
    for rec in records[1:]:  # sources in both halves fail, the first one loads
        (project / "coding" / rec.name).unlink()
    with pytest.raises(CodingErrors) as forked:
        load(project)
    want = [f"no coding file for source {rec.stem}" for rec in records[1:]]
    assert [e.message for e in forked.value.errors] == want
    monkeypatch.setattr(mp, "get_all_start_methods", lambda: ["spawn"])
    with pytest.raises(CodingErrors) as threaded:
        load(project)
    assert [str(e) for e in threaded.value.errors] == [str(e) for e in forked.value.errors]
