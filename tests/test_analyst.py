"""Analyst experience: the loader, versioning, info, the examples and the figure."""

from __future__ import annotations

import importlib.metadata
import json
import re
import runpy
import subprocess
import sys
import zipfile

import pandas as pd
import pytest

import newsevents
from conftest import BIN, ROOT, run
from newsevents import registry as R


@pytest.mark.parametrize("name", [t.name for t in R.TABLES])
def test_load_equals_read_parquet(name):
    df = newsevents.load(name)
    ref = pd.read_parquet(ROOT / "data" / f"{name}.parquet")
    pd.testing.assert_frame_equal(df, ref, check_exact=True)
    assert list(df.columns) == R.table(name).column_names


def test_dtypes_are_the_published_ones():
    ev = newsevents.load("events")
    assert str(ev["event_id"].dtype) == "str"
    assert str(ev["char_start"].dtype) == "Int64"
    assert str(ev["is_aggregate"].dtype) == "boolean"
    assert list(ev["status"].cat.categories) == list(R.EVENTS.field("status").categories)
    assert all(v is None or type(v).__name__ == "date" for v in ev["date_start"])
    assert str(newsevents.load("metrics")["value"].dtype) == "Float64"


def test_load_all_path_and_errors():
    tables = newsevents.load_all(validate=True)
    assert list(tables) == [t.name for t in R.TABLES]
    assert newsevents.path("events", "csv") == ROOT / "data" / "events.csv"
    with pytest.raises(KeyError, match="unknown table 'event'"):
        newsevents.load("event")
    with pytest.raises(ValueError, match="format"):
        newsevents.path("events", "xlsx")


def test_one_version_everywhere():
    dp = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert importlib.metadata.version("newsevents") == newsevents.__version__ == dp["version"]
    assert f"## {newsevents.__version__} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_info_prints_version_and_row_counts(capsys):
    code, out, err = run(["info"], capsys)
    assert code == 0
    assert f"newsevents {newsevents.__version__}" in out
    for t in R.TABLES:
        assert re.search(rf"{t.name}\s+{len(newsevents.load(t.name))} rows", out), t.name


def test_wheel_ships_the_data_and_loads_outside_a_clone(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run([BIN / "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", wheel_dir, ROOT],
                   check=True, capture_output=True)
    (wheel,) = wheel_dir.glob("newsevents-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for t in R.TABLES:
        assert f"newsevents/_package/data/{t.name}.parquet" in names
    assert "newsevents/_package/datapackage.json" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = (
        "import newsevents, pandas as pd, sys\n"
        "root = newsevents.data_root()\n"
        "assert str(root).startswith(sys.argv[1]), root\n"
        "for name in newsevents.tables():\n"
        "    pd.testing.assert_frame_equal(newsevents.load(name), pd.read_parquet(newsevents.path(name)))\n"
        "print(len(newsevents.load_all()))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(site)], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(len(R.TABLES))


def test_examples_answer_the_questions(capsys):
    runpy.run_path(str(ROOT / "scripts" / "examples.py"), run_name="__main__")
    out = capsys.readouterr().out
    t = newsevents.load_all()
    actors = dict(zip(t["actors"].actor_id, t["actors"].name))
    for speaker in t["statements"].speaker_actor_id.unique():
        assert actors[speaker] in out
    for m in t["metrics"].itertuples():
        line = next(l for l in out.splitlines() if l.strip().startswith(m.metric_id))
        assert actors[m.claimant_actor_id][:20] in line
    for label in ("verbal cooperation", "material conflict"):
        assert label in out


def test_timeline_figure_is_drawn_from_the_tables(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "timeline.png"
    proc = subprocess.run([sys.executable, ROOT / "scripts" / "plot_timeline.py", out], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    head = out.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    assert width > 800 and height > 400
    # the committed figure is the one the current tables give (the pinned matplotlib draws byte-identically)
    assert (ROOT / "docs" / "timeline.png").read_bytes() == out.read_bytes(), \
        "docs/timeline.png is stale: run scripts/plot_timeline.py"


@pytest.mark.parametrize("name", [t.name for t in R.TABLES])
def test_every_csv_read_the_documented_way_equals_its_parquet_file(name):
    ref = pd.read_parquet(ROOT / "data" / f"{name}.parquet")
    by_hand = pd.read_csv(ROOT / "data" / f"{name}.csv", **newsevents.csv_options(name))
    pd.testing.assert_frame_equal(by_hand, ref, check_exact=True)
    pd.testing.assert_frame_equal(newsevents.load(name, format="csv"), ref, check_exact=True)
    types = newsevents.duckdb_types(name)
    assert list(types) == list(ref.columns) and set(newsevents.polars_types(name).values()) <= {
        "String", "Int64", "Float64", "Boolean", "Date"}


def test_guessing_reader_would_corrupt_codes_which_is_why_the_options_exist():
    guessed = pd.read_csv(ROOT / "data" / "cameo_codes.csv")
    typed = pd.read_csv(ROOT / "data" / "cameo_codes.csv", **newsevents.csv_options("cameo_codes"))
    assert guessed.cameo_code.duplicated().any() and not typed.cameo_code.duplicated().any()
    assert "010" in set(typed.cameo_code)


def test_examples_analysis_answers_four_questions_and_draws_the_committed_plots(tmp_path):
    pytest.importorskip("matplotlib")
    proc = subprocess.run([sys.executable, ROOT / "examples" / "analysis.py", tmp_path], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    for n in range(1, 5):
        assert f"\n{n}. " in "\n" + proc.stdout
    dyads = newsevents.load("event_dyads")
    top = dyads.dropna(subset=["actor1_id"]).drop_duplicates(["event_id", "actor1_id"]).actor1_name.value_counts()
    assert top.index[0] in proc.stdout.split("2. ")[0]  # the most active actor heads the first answer
    for png in ("actors_by_role.png", "events_by_quad_class.png"):
        assert (tmp_path / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (ROOT / "docs" / png).read_bytes() == (tmp_path / png).read_bytes(), f"docs/{png} is stale"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/actors_by_role.png" in readme and "docs/events_by_quad_class.png" in readme
