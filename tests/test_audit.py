"""Coverage audit: generic detectors, zero uncovered detections on the committed coding, waivers."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, run, snapshot
from newsevents.audit import audit, detect
from newsevents.build import load

SID = "20260109_b8da6c60f8"
CODING = f"coding/{SID}.yaml"
WAIVERS = f"coding/{SID}.waivers.yaml"


def kinds(text):
    return [(d.detector, d.text) for d in detect(text)]


def test_detectors_work_on_other_english_news_text():
    text = ("Britain’s Prime Minister Keir Starmer said on Tuesday, March 3, 2025, that “we will not back down.” "
            "About 1,200 people, or 12.5% of the town, left last week; officials expect dozens more in the coming "
            "days. The three-day summit in New York ends tomorrow. Since June 2023, the agency has paid "
            "two million dollars each month.")
    found = kinds(text)
    assert ("quotation", "“we will not back down.”") in found
    assert ("temporal", "Tuesday, March 3, 2025") in found
    # a determiner that belongs to the expression is in it; a duration is temporal, its number is not a number
    assert ("temporal", "last week") in found and ("temporal", "the coming days") in found
    assert ("temporal", "three-day") in found and ("number", "three") not in found
    assert ("temporal", "tomorrow") in found and ("temporal", "each month") in found
    assert ("temporal", "June 2023") in found  # "Since" is a preposition, outside the expression
    assert ("number", "1,200") in found and ("number", "12.5%") in found and ("number", "dozens") in found
    assert ("number", "two million dollars") in found  # money with its currency
    # the possessive ends a name; titles are left out of it
    assert ("proper_name", "Britain") in found and ("proper_name", "Keir Starmer") in found
    assert ("proper_name", "New York") in found
    # sentence-initial function words are not names; the day and year inside the date are not numbers
    assert ("proper_name", "The") not in found and ("proper_name", "About") not in found
    assert ("number", "2025") not in found


def test_committed_coding_leaves_no_detection_uncovered():
    inputs = load(ROOT)
    sources = sorted(p.stem for p in (ROOT / "seeds").glob("*.yaml"))
    assert sorted(inputs.audits) == sources and len(sources) >= 7  # every source of the corpus is audited
    totals = dict.fromkeys(("quotation", "number", "temporal", "proper_name"), 0)
    for sid, result in inputs.audits.items():
        assert result.uncovered == [] and result.unused_waivers == [], sid
        for d in result.detections:
            totals[d.detector] += 1
        text = (ROOT / f"seeds/{sid}.txt").read_text(encoding="utf-8")
        # every curly quotation mark is inside some detected quotation
        for m in re.finditer("[“”]", text):
            assert any(d.start <= m.start() < d.end for d in result.detections if d.detector == "quotation"), sid
        # every digit is inside a number, temporal or name detection ("Executive Order 14157"), except list
        # enumerators "(1)", which count nothing
        for m in re.finditer(r"(?<!\()\d|\d(?!\))", text):
            assert any(d.start <= m.start() < d.end for d in result.detections
                       if d.detector in ("number", "temporal", "proper_name")), (sid, m.start())
    assert all(totals.values()), totals


def test_audit_counts_cover_and_waive():
    text = "Officials said 40% of roads closed on Monday."
    rows = {"metrics": [{"char_start": 15, "char_end": 18}]}
    result = audit(text, rows, [])
    assert [d.text for d in result.covered] == ["40%"]
    # a sentence-initial common word ("Officials") is no name
    assert {(d.detector, d.text) for d in result.uncovered} == {("temporal", "Monday")}


def _drop_record(text: str, record_id: str) -> str:
    lines = text.splitlines(keepends=True)
    start = next(i for i, l in enumerate(lines) if l.strip().endswith(f"_id: {record_id}") and l.lstrip().startswith("- "))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("- ")
                and len(lines[i]) - len(lines[i].lstrip()) <= len(lines[start]) - len(lines[start].lstrip())
                or not lines[i].startswith(" ")), len(lines))
    return "".join(lines[:start] + lines[end:])


def test_removing_a_coded_metric_fails_the_build_naming_the_detection(project, capsys):
    p = project / CODING
    p.write_text(_drop_record(p.read_text(encoding="utf-8"), "trust_building_steps"), encoding="utf-8")
    before = snapshot(project)
    code, out, err = run(["--root", project, "build"], capsys)
    assert code == 2
    assert "number 'several' at code points" in err and f"seeds/{SID}.txt:" in err
    assert snapshot(project) == before


def test_a_waiver_with_a_reason_accepts_it_and_an_unused_waiver_is_an_error(project, capsys):
    p = project / CODING
    p.write_text(_drop_record(p.read_text(encoding="utf-8"), "trust_building_steps"), encoding="utf-8")
    (project / WAIVERS).write_text(
        "waivers:\n  - detector: number\n    quote: several steps\n"
        "    reason: Vague count of steps; the steps themselves are coded as events.\n", encoding="utf-8")
    code, out, err = run(["--root", project, "build"], capsys)
    assert code == 0, err
    assert re.search(r"number\s+5\s+4\s+1\s+0", out), out
    (project / WAIVERS).write_text(
        "waivers:\n  - detector: number\n    quote: 97%\n    reason: Covered anyway, so this waiver is stale.\n",
        encoding="utf-8")
    code, out, err = run(["--root", project, "build"], capsys)
    assert code == 2
    assert "waives nothing" in err and f"{WAIVERS}:2" in err


def test_a_malformed_waiver_names_file_and_line(project, capsys):
    (project / WAIVERS).write_text(
        "waivers:\n  - detector: numbers\n    quote: several steps\n    reason: Vague count, steps coded as events.\n"
        "  - detector: number\n    quote: sevral steps\n    reason: Vague count, steps coded as events.\n"
        "  - detector: number\n    quote: several steps\n    reasn: typo\n", encoding="utf-8")
    code, out, err = run(["--root", project, "build"], capsys)
    assert code == 2
    assert f"{WAIVERS}:2" in err and "detector 'numbers' is not one of" in err
    assert f"{WAIVERS}:6" in err and "quote not found" in err
    assert "unknown key 'reasn'" in err and "did you mean 'reason'" in err


@pytest.mark.parametrize("text, number", [
    ("Six Republicans voted against the bill.", "Six"),  # a capitalised number word
    ("Fifty-three senators backed it.", "Fifty-three"),
    ("Two-thirds of voters agreed.", "Two-thirds"),  # fractions in words and signs
    ("Three-quarters of the budget went on staff.", "Three-quarters"),
    ("The route is 2½ miles long.", "2½"),
    ("a £100bn spending plan", "£100bn"),  # currency with its magnitude, as one quantity
    ("The firm was sold for $3bn.", "$3bn"),
    ("a GBP40 million loan", "GBP40 million"),
    ("aid worth US$4.5 billion", "US$4.5 billion"),
    ("Turnout rose to 45 per cent.", "45 per cent"),
    ("3 million people were evacuated.", "3 million"),
    ("One person died.", "One"),
    ("He was one of three suspects.", "one of three"),
])
def test_number_detector_finds_the_forms_of_news_quantities(text, number):
    found = [d.text for d in detect(text) if d.detector == "number"]
    assert found == [number]


@pytest.mark.parametrize("text", [
    "He is one of his predecessors' admirers.",  # the pronoun "one" counts nothing
    "This one is different.",
    "No one came.",
    "They scored twice in the second half.",  # "half" of a match
])
def test_number_detector_leaves_pronouns_and_match_halves_alone(text):
    assert [d.text for d in detect(text) if d.detector == "number"] == [w for w in ["twice"] if w in text]


def test_quotation_detector_reads_guillemets_and_low_opening_marks():
    text = "Le président a dit «nous resterons» et „wir bleiben“ ajouta-t-il."
    assert [d.text for d in detect(text) if d.detector == "quotation"] == ["«nous resterons»", "„wir bleiben“"]


# A paragraph of body text around each case, so that no line of the case reads as a title-case headline.
BODY = "Officials said the plan was announced after a long meeting with residents of the town."


@pytest.mark.parametrize("sentence, detector, expected, absent", [
    ("Prices fell for nearly 30 days in a row.", "temporal", "30 days", ("number", "30")),
    ("Over the last four years the agency grew.", "temporal", "the last four years", ("number", "four")),
    ("Some galaxies are 13 billion years old.", "temporal", "13 billion years old", ("number", "13 billion")),
    ("Had it happened an hour later, more would have died.", "temporal", "an hour later", ("proper_name", "Had")),
    ("Ten years ago a browser was born.", "temporal", "Ten years ago", ("number", "Ten")),
    ("She met them earlier in the day at the school.", "temporal", "earlier in the day", None),
    ("The pilgrimage is annual and the review happens every five years.", "temporal", "every five years", None),
    ("The talks run from Dec. 22 to Jan. 5 in the capital.", "temporal", "Dec. 22 to Jan. 5", None),
    ("Turnout was lower in the '90s than today.", "temporal", "'90s", None),
    ("It is the #2 browser after Firefox.", "proper_name", "Firefox", ("number", "2")),
    ("The goals are (1) to reduce demand and (2) to stop supply.", "number", None, ("number", "1")),
    ("Sales of Internet Explorer 6 fell again.", "proper_name", "Internet Explorer 6", ("number", "6")),
    ("He thanked President Joe Biden for his help.", "proper_name", "Joe Biden", ("proper_name", "President")),
    ("Mexican security forces captured him.", "temporal", None, ("proper_name", "Mexican")),
    ("Forecasters expect heavy rain in the valley.", "temporal", None, ("proper_name", "Forecasters")),
    ("I think it will pass, and I hope so.", "temporal", None, ("proper_name", "I")),
    ("It is led by Ketanji Brown\u00a0Jackson of the court.", "proper_name", "Ketanji Brown\u00a0Jackson", None),
    ("Analysts said Microsoft's Internet Explorer 9 gained users.", "proper_name", "Microsoft", None),
    ("Senators Tom Cotton of Arkansas and Mike Lee of Utah objected.", "proper_name", "Tom Cotton", ("proper_name", "Tom Cotton of Arkansas and Mike Lee of Utah")),
    ("A Venezuelan-based gang was named in the order.", "temporal", None, ("proper_name", "Venezuelan-based")),
    ("She is one of the most admired judges.", "temporal", None, ("number", "one")),
    ("He was one of three suspects and a couple of witnesses.", "number", "a couple", None),
    ("New York officials said so.", "proper_name", "New York", ("proper_name", "York")),
    ("On the one hand it works.", "temporal", None, ("number", "one")),
])
def test_detectors_on_forms_of_news_text(sentence, detector, expected, absent):
    text = f"{BODY} {sentence} {BODY}"
    found = kinds(text)
    if expected is not None:
        assert (detector, expected) in found, found
    if absent is not None:
        assert absent not in found, found


@pytest.mark.parametrize("text, detector, expected, absent", [
    # a quotation left open at the end of its paragraph (it goes on in the next one) is found paragraph by paragraph
    ('He said, "The first part runs on.\n\n"And the second ends here," he added.', "quotation",
     '"The first part runs on.', None),
    ("Reports: 'streamlined' process to replace interviews, and the nation's backlog.", "quotation",
     "'streamlined'", ("quotation", "'s backlog.")),
    ("It marked the 30th anniversary of STS-1 and STS-135, now number 3 on the list.", "temporal", None,
     ("number", "30")),
    ("It marked the 30th anniversary of STS-1 and STS-135, now number 3 on the list.", "temporal", None,
     ("number", "135")),
    ("It marked the 30th anniversary of STS-1 and STS-135, now number 3 on the list.", "temporal", None,
     ("number", "3")),
    ("The problem is a very serious one.", "temporal", None, ("number", "one")),
    ("Guidelines are expected by the end of the year.", "temporal", "the end of the year", None),
    ("Forms must be returned within twenty working days.", "temporal", "twenty working days", ("number", "twenty")),
    ("Children aged 8–10 years took part.", "temporal", "8–10 years", ("number", "8")),
])
def test_detectors_on_quotations_identifiers_and_periods(text, detector, expected, absent):
    found = kinds(f"{BODY} {text} {BODY}")
    if expected is not None:
        assert (detector, expected) in found, found
    if absent is not None:
        assert absent not in found, found
