"""The benchmark's package generator writes a valid package of the size asked for (no timing here)."""

from __future__ import annotations

import importlib.util
import json

import pandas as pd

from conftest import ROOT
from newsevents import registry as R
from newsevents.validate import validate_package


def _generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generated_package_is_valid_and_scaled(tmp_path):
    gen = _generator()
    counts = gen.generate(tmp_path / "pkg", 3, ROOT)
    original = gen.read(ROOT)
    report = validate_package(tmp_path / "pkg" / "datapackage.json")
    assert report.ok, report.text(20)
    for t in R.TABLES:
        per_source = bool(gen._id_columns(original[t.name]))
        assert counts[t.name] == len(original[t.name]) * (3 if per_source else 1), t.name
        df = pd.read_parquet(tmp_path / "pkg" / "data" / f"{t.name}.parquet")
        assert not df.duplicated(list(t.primary_key)).any(), t.name
    sources = pd.read_parquet(tmp_path / "pkg" / "data" / "sources.parquet")
    assert sources["source_id"].is_unique and len(sources) == 3 * len(original["sources"])
    dp = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    assert sum(r["name"].startswith("seed_") for r in dp["resources"]) == len(sources)


def test_row_target_picks_enough_copies(tmp_path, capsys):
    gen = _generator()
    assert gen.main(["--rows", "5000", "--out", str(tmp_path / "p")]) == 0
    total = sum(len(pd.read_parquet(p)) for p in (tmp_path / "p" / "data").glob("*.parquet"))
    assert 5000 <= total < 5000 + 2000  # whole copies of the ~1,900-row corpus
    assert "copies of the corpus" in capsys.readouterr().out


def test_build_benchmark_project_builds(tmp_path, capsys):
    """benchmarks/build.py's project of N sources is a valid project: every copy its own seed and source id, and
    `newsevents build` accepts it (coverage audit included) with N sources."""
    from conftest import run

    spec = importlib.util.spec_from_file_location("build_bench", ROOT / "benchmarks" / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    n_corpus = len(list((ROOT / "seeds").glob("*.yaml")))
    n = n_corpus + 2  # one whole copy of the corpus and two sources of a second
    assert mod.write_project(tmp_path / "p", n) == n
    ids = sorted(p.stem for p in (tmp_path / "p" / "seeds").glob("*.yaml"))
    assert len(ids) == n and ids == sorted(p.stem for p in (tmp_path / "p" / "seeds").glob("*.txt"))
    code, out, err = run(["--root", tmp_path / "p", "build"], capsys)
    assert code == 0, err
    sources = pd.read_parquet(tmp_path / "p" / "data" / "sources.parquet")
    assert sorted(sources["source_id"]) == ids
