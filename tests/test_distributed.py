"""The declared rules on Dask (dask_engine.py, `newsevents validate --engine dask`) give the default engine's
verdicts, on a local cluster of two workers, with every table of 25 rows or more split into several partitions:
on the committed package, and on packages carrying, for every rule of rules.py, a corruption of the catalogue that
the default engine reports under that rule's code."""

from __future__ import annotations

from collections import Counter

import pytest
from distributed import Client, LocalCluster

from conftest import ROOT, run
from corruptions import CATALOGUE
from newsevents.dask_engine import read_tables, validate_rules_dask
from newsevents.rules import BY_CODE, RULES
from newsevents.validate import validate_package

ROWS = 24  # rows per partition
# dask 2026.8's Parquet reader calls reset_index(inplace=True), which pandas 3.1 deprecates
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index:DeprecationWarning")

# For each rule code, a corruption the default engine reports under it; the corruptions of one package touch
# different cells, so that each still breaks its rule next to the others.
PACKAGES = [
    {
        "offsets-in-seed": "offsets past the end of the text",
        "quote-matches-seed": "quote differs from the seed",
        "date-value-bounds": "impossible date in a normalized date value",
        "date-order": "date_start after date_end (events)",
        "date-precision-shape": "precision disagrees with the normalized value",
        "date-expression-given": "date from the text without its expression",
        "date-source-iff-outside": "outside-source basis without a source",
        "quotation-marks": "direct quotation without quotation marks",
        "hedge-in-quote": "hedge not in the quote",
        "reporting-verb-in-quote": "reporting verb not in the quote",
        "period-weekend": "weekend period that is a Monday and Tuesday",
        "period-expression-given": "period from the text without its expression",
        "min-le-max": "value_min above value_max",
        "value-within-bounds": "value above value_max",
        "whole-counts": "count with a fraction",
        "vague-has-no-value": "vague quantity with a value",
        "country-code-exists": "country code that does not exist (XXX)",
        "location-country-code-exists": "event location country that does not exist (XXX)",
        "qid-has-provenance": "Wikidata id without provenance",
        "source-id-computed": "source id not computed from date and hash",
        "not-affiliated-with-self": "actor affiliated with itself",
        "no-formula-cell": "formula cell (=) in statements.description",
        "foreign-key": "dangling FK event_contexts.plover_context",
        "metric-in-statement": "metric evidence outside its statement",
        "unique-wikidata-id": "two actors share a Wikidata id",
        "unique-geonames-id": "two places share a GeoNames id",
    },
    {
        "date-weekend": "weekend that is a Monday and Tuesday",
        "date-expression-in-seed": "date expression not in the seed",
        "period-precision-shape": "period precision disagrees with its value",
        "period-order": "period_start after period_end (metrics)",
        "period-expression-in-seed": "period expression not in the seed",
        "percent-range": "share above 100 percent",
        "not-negative": "negative count",
        "license-text-iff-ref": "LicenseRef licence without its text",
        "mode-of-type": "mode of another type",
        "one-primary-mention": "event without a primary mention",
        "authored-by-issuer": "authored statement by someone else than the issuer",
        "unique-name": "two actors share a name",
        "referenced": "actor mentioned and referenced nowhere",
    },
    {
        "period-value-bounds": "period bounds that are not its value's",
        "period-source-iff-outside": "outside-source period basis without a source",
        "bounds-follow-bound-rule": "lower bound with an upper bound",
        "claimant-is-speaker": "claimant is not the statement's speaker",
        "gazetteer": "coordinates that are not the gazetteer's",
        "foreign-key": "dangling FK actors.parent_actor_id",
        "one-primary-mention": "primary event mention differs from the event's evidence",
        "referenced": "place referenced by no event",
    },
]
BY_KIND = {c.kind: c for c in CATALOGUE}


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


def verdicts(failures) -> set:
    return {(f.table, f.column, f.row, f.code, f.message) for f in failures}


def default_verdicts(pkg) -> set:
    """The declared rules' failures of the default engine, from a full validation."""
    report = validate_package(pkg / "datapackage.json")
    return verdicts(f for f in report.failures if f.code in BY_CODE and f.layer in ("rules", "cross-table"))


def test_every_rule_has_a_corruption_and_distributes():
    assert {code for p in PACKAGES for code in p} == set(BY_CODE)
    assert {kind for p in PACKAGES for kind in p.values()} <= set(BY_KIND)
    assert {r.locality for r in RULES} == {"row", "lookup", "together"}


def test_tables_are_read_in_several_partitions(client):
    ddfs = read_tables(ROOT, ROWS)
    for table in ("events", "statements", "metrics", "actors", "places", "event_mentions"):
        assert ddfs[table].npartitions > 1, table
    assert ddfs["places"].npartitions == -(-len(ddfs["places"]) // ROWS)


def test_committed_package_same_verdict(client):
    assert default_verdicts(ROOT) == verdicts(validate_rules_dask(ROOT, client, partition_rows=ROWS)) == set()


@pytest.mark.parametrize("n", range(len(PACKAGES)))
def test_corruptions_same_verdicts(pkg, client, n):
    for kind in dict.fromkeys(PACKAGES[n].values()):
        BY_KIND[kind].apply(pkg)
    want = default_verdicts(pkg)
    missing = {code for code in PACKAGES[n] if code not in {v[3] for v in want}}
    assert not missing, f"the default engine does not report {missing} here"
    got = verdicts(validate_rules_dask(pkg, client, partition_rows=ROWS))
    assert got == want, f"only on Dask: {got - want}\nonly by default: {want - got}"


def test_cli_engine_dask_on_a_scheduler(pkg, client, capsys):
    """The CLI sends the rules to a running scheduler; a table the schema layer cannot read is left out there."""
    BY_KIND["quote differs from the seed"].apply(pkg)
    BY_KIND["missing Parquet file"].apply(pkg)
    code, out, err = run(["validate", pkg / "datapackage.json", "--engine", "dask", "--scheduler",
                          client.scheduler.address], capsys)
    assert code == 1
    assert "quote-matches-seed" in err and "us_captures_maduro" in err and "actors.parquet is missing" in err
    code, out, err = run(["validate", pkg / "datapackage.json", "--scheduler", client.scheduler.address], capsys)
    assert code == 2 and "--engine dask" in err


def test_readme_counts_the_rules_by_how_they_distribute():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    n = Counter(r.locality for r in RULES)
    for said in (f"{n['row']} rules read only the rows they check", f"{n['lookup']} also read columns of other",
                 f"{n['together']} need the rows sharing a key", f"runs the {len(RULES)} declared rules"):
        assert said in " ".join(readme.split()), said
