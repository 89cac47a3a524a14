"""The corpus: many sources, one actor registry, per-source licences, and `newsevents new` drafting a source."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import ROOT, run, snapshot
from newsevents.coding import normalise_name

SHARED = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def t():
    return {n: pd.read_parquet(ROOT / "data" / f"{n}.parquet")
            for n in ("sources", "actors", "actor_mentions", "actor_affiliations", "statements", "events")}


def test_corpus_has_the_shared_texts_byte_for_byte(t):
    assert len(t["sources"]) >= 7
    seeds = {hashlib.sha256((ROOT / p).read_bytes()).hexdigest() for p in t["sources"].seed_path}
    assert set(t["sources"].sha256) == seeds
    if not SHARED.is_dir():
        pytest.skip("shared/corpus is not beside the clone")
    shared = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SHARED.glob("*.txt")}
    assert shared and shared <= seeds


def test_one_actor_across_sources(t):
    per_actor = t["actor_mentions"].groupby("actor_id").source_id.nunique()
    assert per_actor["claudia_sheinbaum"] >= 2
    assert (per_actor >= 2).sum() >= 5  # several actors link sources together
    names = t["actors"].name.map(normalise_name)
    assert not names.duplicated().any()
    qids = t["actors"].wikidata_qid.dropna()
    assert not qids.duplicated().any()
    # every actor is mentioned in a source or referenced by a row
    used = set(t["actor_mentions"].actor_id) | set(t["statements"].speaker_actor_id) | \
        set(t["actor_affiliations"].affiliated_actor_id) | set(t["actors"].parent_actor_id.dropna()) | \
        set(t["sources"].issuer_actor_id)
    parts = pd.read_parquet(ROOT / "data" / "event_participants.parquet")
    metrics = pd.read_parquet(ROOT / "data" / "metrics.parquet")
    used |= set(parts.actor_id) | set(metrics.claimant_actor_id)
    assert set(t["actors"].actor_id) <= used


def test_row_ids_are_namespaced_by_their_source(t):
    for name, col in (("events", "event_id"), ("statements", "statement_id"), ("actor_mentions", "actor_mention_id"),
                      ("actor_affiliations", "actor_affiliation_id")):
        df = t[name]
        assert (df[col].str.split(".").str[0] == df.source_id).all(), name


def test_offices_are_dated_affiliations_not_timeless_parents(t):
    persons = t["actors"][t["actors"].actor_type.astype(str) == "person"]
    assert persons.parent_actor_id.isna().all()
    aff = t["actor_affiliations"]
    sheinbaum = aff[(aff.actor_id == "claudia_sheinbaum") & (aff.affiliated_actor_id == "mexico")]
    assert len(sheinbaum) >= 1 and sheinbaum.date_start.notna().all()
    # two presidents of Mexico at two different times
    presidents = aff[(aff.affiliated_actor_id == "mexico") & (aff.role == "President")]
    assert {"claudia_sheinbaum", "andres_manuel_lopez_obrador"} <= set(presidents.actor_id)
    by = presidents.groupby("actor_id").date_end.max()
    assert by["andres_manuel_lopez_obrador"] < by["claudia_sheinbaum"]


def test_each_seed_carries_its_own_licence_and_credit(t):
    dp = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    seeds = {r["name"]: r for r in dp["resources"] if r["name"].startswith("seed_")}
    assert len(seeds) == len(t["sources"])
    for src in t["sources"].itertuples():
        r = seeds[f"seed_{src.source_id}"]
        assert r["licenses"][0]["name"] == src.license
        assert r["sources"][0]["title"] == src.attribution
    wikinews = t["sources"][t["sources"].publisher.fillna("").str.contains("Wikinews")]
    assert len(wikinews) == 1 and wikinews.license.iloc[0] == "CC-BY-2.5"
    assert "credit Wikinews" in seeds[f"seed_{wikinews.source_id.iloc[0]}"]["sources"][0]["title"]
    # the package's description and coverage come from the corpus
    first, last = t["sources"].publication_date.min(), t["sources"].publication_date.max()
    assert dp["temporalCoverage"] == f"{first.isoformat()}/{last.isoformat()}"
    assert f"{len(t['sources'])} source texts" in dp["description"]
    assert {"MEX", "USA", "PRK"} <= set(dp["spatialCoverage"])


TEXT = ("Canada and Mexico Sign Border Pact as Sheinbaum Visits Ottawa\n\n"
        "President Claudia Sheinbaum said on Tuesday that Mexico and Canada would share data on about 80 "
        "routes used by the Sinaloa cartel and other "
        "smuggling routes. “We will cooperate with Canada,” she said. Officials from Global Affairs Canada "
        "attended the two-day talks, which ended with 1,200 kilograms of seized fentanyl on display.")


def test_new_drafts_a_source_and_the_build_skips_the_draft(project, tmp_path, capsys):
    text = tmp_path / "article.txt"
    text.write_text(TEXT, encoding="utf-8")
    before = snapshot(project)
    code, out, err = run(["--root", project, "new", text, "--published", "2026-03-05", "--publisher", "Test Wire",
                          "--url", "https://example.org/pact", "--licence", "CC-BY-4.0"], capsys)
    assert code == 0, err
    sid = f"20260305_{hashlib.sha256(TEXT.encode()).hexdigest()[:10]}"
    assert (project / "seeds" / f"{sid}.txt").read_bytes() == text.read_bytes()
    record = yaml.safe_load((project / "seeds" / f"{sid}.yaml").read_text(encoding="utf-8"))
    assert record["source_id"] == sid and record["char_length"] == len(TEXT) and record["license"] == "CC-BY-4.0"
    assert record["title"] == TEXT.split("\n")[0] and record["url"] == "https://example.org/pact"
    draft = yaml.safe_load((project / "coding" / f"{sid}.yaml").read_text(encoding="utf-8"))
    assert draft["draft"] is True
    refs = {a["actor_id"]: a["names"] for a in draft["actors"]}
    # names already in the registry are referenced by their ids; others become stubs
    assert "claudia_sheinbaum" in refs and "canada" in refs and "mexico" in refs
    assert refs["sinaloa_cartel"] == ["Sinaloa cartel"]  # a name of several words matches in any case
    stubs = {a["name"] for a in draft["new_actors"]}
    assert any(s.startswith("Global Affairs") for s in stubs) and not any("Ottawa" in s for s in stubs)
    # places: Ottawa is proposed as a place (from the place registry or the gazetteer), not as an actor
    draft_text = (project / "coding" / f"{sid}.yaml").read_text(encoding="utf-8")
    assert "place_id: ottawa" in draft_text and 'quote: "Ottawa"' in draft_text
    # parts of a detected name that the registry claims are not stubs again
    assert not {"Canada", "Mexico", "Canada and Mexico", "Claudia Sheinbaum", "President Claudia Sheinbaum"} & stubs
    # a title before a name is an affiliation stub of that actor, not an actor stub
    assert {"actor_id": "claudia_sheinbaum", "affiliated_actor_id": "TODO", "affiliation_type": "office_holder",
            "role": "President", "quote": "President Claudia Sheinbaum"} in draft["affiliations"]
    assert "President" not in stubs
    # a statement stub per sentence, the quotation typed direct; a metric stub per number, qualifiers read
    quotes = {s["quote"]: s for s in draft["statements"]}
    assert quotes["“We will cooperate with Canada,” she said."]["quote_type"] == "direct"
    metrics = {m["quote"] if isinstance(m["quote"], str) else m["quote"]["exact"]: m for m in draft["metrics"]}
    assert metrics["about 80"]["bound_rule"] == "approximate" and metrics["about 80"]["value"] == 80
    assert metrics["1,200"]["value"] == 1200 and metrics["1,200"]["bound_rule"] == "exact"
    assert any(s["date"] == {"expression": "Tuesday"} for s in draft["statements"])
    # the build skips the draft with a one-line notice and leaves the package as it was
    code, out, err = run(["--root", project, "build"], capsys)
    assert code == 0, err
    assert f"skipping source {sid}" in out and "draft" in out and "Traceback" not in out + err
    assert snapshot(project) == before
    # once the draft line is removed, the build names what is still to do, with file and line
    path = project / "coding" / f"{sid}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    code, out, err = run(["--root", project, "build"], capsys)
    assert code == 2 and f"seeds/{sid}.yaml:11" in err and "issuer_actor_id 'TODO'" in err and "Traceback" not in err
    record = project / "seeds" / f"{sid}.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("issuer_actor_id: TODO", "issuer_actor_id: fox_news"),
                      encoding="utf-8")
    code, out, err = run(["--root", project, "build"], capsys)
    assert code == 2 and f"coding/{sid}.yaml:" in err and "'TODO'" in err and "Traceback" not in err
    assert "move them into coding/actors.yaml" in err
    assert snapshot(project) == before


@pytest.mark.parametrize("content,args,phrase", [
    (TEXT.encode("utf-8").replace(b"\n", b"\r\n"), [], "carriage returns"),
    ("Caf\u00e9 news\n\nText".encode("latin-1"), [], "not valid UTF-8"),
    (TEXT.encode("utf-8"), ["--title", "Another headline"], "is not the text's first line"),
    (TEXT.encode("utf-8"), ["--issuer", "nosuch_actor"], "is not an actor of the registry"),
    (TEXT.encode("utf-8"), ["--licence", "not a licence"], "neither an SPDX id"),
])
def test_new_refuses_bad_input_and_writes_nothing(project, tmp_path, capsys, content, args, phrase):
    text = tmp_path / "article.txt"
    text.write_bytes(content)
    files = sorted(p.name for p in (project / "seeds").iterdir()) + sorted(p.name for p in (project / "coding").iterdir())
    code, out, err = run(["--root", project, "new", text, "--published", "2026-03-05", *args], capsys)
    assert code == 2 and phrase in err and "Traceback" not in err
    assert files == sorted(p.name for p in (project / "seeds").iterdir()) + sorted(
        p.name for p in (project / "coding").iterdir())


def test_new_refuses_a_text_already_in_the_corpus(project, capsys, t):
    src = t["sources"].iloc[0]
    code, out, err = run(["--root", project, "new", project / src.seed_path, "--published",
                          src.publication_date.isoformat()], capsys)
    assert code == 2 and "already in the corpus" in err
