"""Integrity checks of the hand-annotated detector sets (tests/devset/, tests/heldout/); no figures are asserted."""
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
HELDOUT = ROOT / "tests" / "heldout"
DETECTORS = {"quotation", "number", "temporal", "proper_name"}


def _pairs():
    return sorted(DEVSET.glob("*.txt")) + sorted(HELDOUT.glob("*.txt"))


def test_every_text_has_annotations_and_vice_versa():
    for folder in (DEVSET, HELDOUT):
        txt = {p.stem for p in folder.glob("*.txt")}
        js = {p.stem for p in folder.glob("*.json")}
        assert txt == js, folder.name


def test_at_least_15_texts_and_no_text_in_both_sets():
    assert len(list(DEVSET.glob("*.txt"))) >= 15 and len(list(HELDOUT.glob("*.txt"))) >= 5
    texts = [p.read_text(encoding="utf-8") for p in _pairs()]
    assert len(set(texts)) == len(texts)


def test_spans_match_text():
    for p in _pairs():
        text = p.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text and "\r" not in text, p.name
        spans = json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["spans"]
        seen = set()
        for s in spans:
            assert s["detector"] in DETECTORS, (p.name, s)
            assert 0 <= s["start"] < s["end"] <= len(text), (p.name, s)
            assert text[s["start"]:s["end"]] == s["text"], (p.name, s)
            key = (s["detector"], s["start"], s["end"])
            assert key not in seen, (p.name, s)
            seen.add(key)
        assert [s["start"] for s in spans] == sorted(s["start"] for s in spans), p.name


def test_sources_have_licence_and_attribution():
    for p in _pairs():
        src = json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["source"]
        for key in ("title", "publisher", "url", "publication_date", "licence", "attribution"):
            assert src.get(key), (p.name, key)


def test_scoring_script_runs():
    for folder in (DEVSET, HELDOUT):
        out = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_detectors.py"), "--devset", str(folder)],
                             capture_output=True, text=True, check=True).stdout
        rows = [line.split()[0] for line in out.splitlines()[1:] if line.strip()]
        assert set(rows) == DETECTORS
