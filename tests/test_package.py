"""End to end: the committed package validates, rebuilds byte for byte, and a failed build touches nothing."""

from __future__ import annotations

import hashlib
import json
import subprocess

import pandas as pd
import pytest

from conftest import BIN, ROOT, run, snapshot
from newsevents import registry as R
from newsevents.build import build_into
from newsevents.cli import compare_trees

SEED = "seeds/20260109_b8da6c60f8.txt"


def test_seed_is_the_article_byte_for_byte():
    raw = (ROOT / SEED).read_bytes()
    # sha256 and length published with the seed in the project's reference notes
    assert hashlib.sha256(raw).hexdigest() == "b8da6c60f84b4de055b6d17d77aaa2a6438f5d3edecea5d2ad7b3abb161b625e"
    assert len(raw.decode("utf-8")) == 2644


def test_committed_package_validates(capsys):
    code, out, err = run(["validate", ROOT / "datapackage.json"], capsys)
    assert code == 0, err
    assert "valid:" in out


def test_frictionless_cli_checks_every_table_in_both_formats_with_its_keys():
    proc = subprocess.run([BIN / "frictionless", "validate", "--json", "datapackage.json"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]
    report = json.loads(proc.stdout)
    assert report["valid"] is True
    dp = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: r for r in dp["resources"] if r.get("type") == "table"}
    checked = {t["name"]: t for t in report["tasks"]}
    assert set(tables) <= set(checked)
    counts = {t.name: len(pd.read_parquet(ROOT / "data" / f"{t.name}.parquet")) for t in R.TABLES}
    for name, res in tables.items():
        assert checked[name]["type"] == "table"
        # every row read, the Parquet twins included (through fastparquet)
        assert checked[name]["stats"]["rows"] == counts[name.removesuffix("_parquet")], name
        schema = res["schema"] if isinstance(res["schema"], dict) else json.loads((ROOT / res["schema"]).read_text())
        assert schema["primaryKey"], name
    assert sum(name.endswith("_parquet") for name in tables) == len(R.TABLES)
    # the seeds are text resources, checked for bytes and hash
    seeds = [r for r in dp["resources"] if r["name"].startswith("seed_")]
    assert seeds and all(checked[r["name"]]["valid"] and checked[r["name"]]["stats"]["bytes"] == r["bytes"]
                         for r in seeds)


def test_check_passes_on_the_committed_package(capsys):
    code, out, err = run(["--root", ROOT, "check"], capsys)
    assert code == 0, err
    assert "byte-identical" in out


def test_check_fails_on_a_stale_file(project, capsys):
    p = project / "data" / "events.csv"
    p.write_bytes(p.read_bytes() + b"\n")
    code, out, err = run(["--root", project, "check"], capsys)
    assert code == 1
    assert "data/events.csv: differs from a rebuild" in err


def test_two_builds_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    build_into(ROOT, a)
    build_into(ROOT, b)
    assert compare_trees(a, b, ["data", "schemas", "datapackage.json"]) == []
    assert len(list((a / "data").glob("*.parquet"))) == len(list((a / "data").glob("*.csv"))) > 0


def test_build_writes_the_committed_bytes_and_leaves_no_staging(project, capsys):
    before = snapshot(project)
    code, out, err = run(["--root", project, "build"], capsys)
    assert code == 0, err
    assert snapshot(project) == before
    assert not list(project.glob(".stage-*")) and not list(project.glob(".old-*"))


def test_failed_build_names_the_problem_and_leaves_outputs_untouched(project, capsys):
    coding = project / "coding" / "20260109_b8da6c60f8.yaml"
    text = coding.read_text(encoding="utf-8")
    assert "quote: During a Thursday night interview on Fox News" in text
    coding.write_text(text.replace("quote: During a Thursday night interview on Fox News",
                                   "quote: During a Thursday evening interview on Fox News"), encoding="utf-8")
    line = next(i for i, l in enumerate(coding.read_text().splitlines(), 1) if "Thursday evening" in l)
    before = snapshot(project)
    code, out, err = run(["--root", project, "build"], capsys)
    assert code == 2
    assert f"20260109_b8da6c60f8.yaml:{line}" in err
    assert "trump_fox_news_interview" in err and "quote not found" in err
    assert snapshot(project) == before


def test_a_copy_elsewhere_validates(pkg, capsys):
    code, out, err = run(["validate", pkg / "datapackage.json"], capsys)
    assert code == 0, err


@pytest.mark.parametrize("name", ["build", "validate", "check", "info", "new"])
def test_console_script_has_help_for_every_subcommand(name):
    proc = subprocess.run([BIN / "newsevents", name, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "exit codes" in proc.stdout


def test_check_names_missing_and_unexpected_files(project, capsys):
    (project / "data" / "metrics.csv").unlink()
    (project / "schemas" / "notes.json").write_text("{}", encoding="utf-8")
    code, out, err = run(["--root", project, "check"], capsys)
    assert code == 1
    assert "data/metrics.csv: missing from the committed package" in err
    assert "schemas/notes.json: committed but not produced by the build" in err


def test_date_columns_hold_dates_or_nulls_only():
    """The schema's date check (decided for a whole column at once) passes dates and nulls and names every other
    cell: a datetime, a string, a number."""
    import datetime as dt

    import pandera.errors as pe

    from newsevents.schemas import pandera_schema

    t = R.table("events")
    good = pd.read_parquet(ROOT / "data" / "events.parquet")
    pandera_schema(t).validate(good)
    bad = good.copy()
    bad["date_start"] = bad["date_start"].astype(object)
    bad.loc[[0, 1, 2], "date_start"] = [dt.datetime(2026, 1, 8), "2026-01-08", 20260108]
    with pytest.raises(pe.SchemaErrors) as e:
        pandera_schema(t).validate(bad, lazy=True)
    fc = e.value.failure_cases
    named = fc[(fc["column"] == "date_start") & fc["check"].astype(str).str.contains("date")]
    assert sorted(named["index"].tolist()) == [0, 1, 2]


def test_csv_equal_to_its_parquet_twin_and_one_that_differs(pkg):
    """A CSV is compared with its Parquet twin as Arrow columns; a cell changed in the CSV alone is still named."""
    from newsevents.package import read_csv_arrow, read_csv_text
    from newsevents.validate import _arrow_equal, _arrow_of, validate_package

    t = R.table("events")
    twin = _arrow_of(pd.read_parquet(pkg / "data" / "events.parquet"))  # as validation holds it
    table = read_csv_arrow(t, pkg / "data" / "events.csv")
    assert _arrow_equal(table, twin)
    assert _arrow_equal(read_csv_text(t, pkg / "data" / "events.csv"), twin, as_text=True)
    csv_path = pkg / "data" / "events.csv"
    df = pd.read_parquet(pkg / "data" / "events.parquet")
    key = df["event_id"].iloc[-1]
    text = csv_path.read_text(encoding="utf-8")
    old = f"{key},"
    assert text.count(old) == 1
    line = next(x for x in text.split("\n") if x.startswith(old))
    changed = line.replace(",day,", ",month,", 1) if ",day," in line else line.replace(",true,", ",false,", 1)
    assert changed != line
    csv_path.write_text(text.replace(line, changed), encoding="utf-8")
    assert not _arrow_equal(read_csv_arrow(t, csv_path), twin)
    assert not _arrow_equal(read_csv_text(t, csv_path), twin, as_text=True)
    report = validate_package(pkg / "datapackage.json")
    assert any(f.code == "csv-equals-parquet" and f.table == "events" and key in (f.row or "")
               for f in report.failures), report.text(20)


def test_validation_second_process_reports_as_a_thread_would(pkg, monkeypatch):
    """The files, CSV, cross-table and derived checks run in a forked process beside the Parquet side; where the
    platform cannot fork they run in a thread. Both give the same failures, in the same order."""
    import multiprocessing as mp

    from newsevents.validate import validate_package

    csv_path = pkg / "data" / "statements.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b",direct,", b",partial,", 1))  # the CSV alone changes
    (pkg / "data" / "quotations.parquet").write_bytes((ROOT / "data" / "actors.parquet").read_bytes())
    forked = validate_package(pkg / "datapackage.json")
    assert {"files", "cross-table", "schema"} <= {f.layer for f in forked.failures}, forked.text(30)
    assert any(f.code == "csv-equals-parquet" and f.table == "statements" for f in forked.failures)
    monkeypatch.setattr(mp, "get_all_start_methods", lambda: ["spawn"])
    threaded = validate_package(pkg / "datapackage.json")
    assert [str(f) for f in threaded.failures] == [str(f) for f in forked.failures]


def test_an_error_in_the_second_process_is_raised_with_its_traceback():
    from newsevents.beside import Beside as _Beside

    with pytest.raises(RuntimeError, match=r"second process failed:[\s\S]*ZeroDivisionError"):
        _Beside(divmod, 1, 0, what="validation's second process").result()
    assert _Beside(divmod, 7, 2, what="a division").result() == (3, 1)
    import time

    slow = _Beside(time.sleep, 60, what="a wait")  # this side failed first: the second one is stopped, not waited for
    started = time.monotonic()
    slow.close()
    assert not slow._proc.is_alive() and time.monotonic() - started < 30


def test_validate_command_does_not_load_the_test_only_hypothesis():
    """pandera imports hypothesis when it is installed (here, a test dependency); the validate command loads
    pandera's checks as an install without it would, and still validates."""
    code = ("import sys\nfrom newsevents.cli import main\nrc = main(['validate', sys.argv[1]])\n"
            "print('hypothesis' in sys.modules, rc)")
    out = subprocess.run([str(BIN / "python"), "-c", code, str(ROOT / "datapackage.json")], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False 0", out


def test_row_rules_are_shared_out_table_by_table_and_reported_in_registry_order(pkg):
    """Each table's row rules run on whichever side of validation is free first; the report lists their failures as
    one run over the tables in registry order would, whichever side ran them."""
    from newsevents.validate import _Tables, validate_package

    work = _Tables(["a", "b", "c"])
    assert [work.take() for _ in range(5)] == ["a", "b", "c", None, None]
    for name, col in (("actor_mentions", "quote"), ("events", "quote"), ("statements", "quote")):
        path = pkg / "data" / f"{name}.parquet"
        df = pd.read_parquet(path)
        df.loc[0, col] = "not in the seed"
        df.to_parquet(path, index=False)
    report = validate_package(pkg / "datapackage.json")
    order = [t.name for t in R.TABLES]
    tables = [f.table for f in report.failures if f.layer == "rules"]
    assert {"actor_mentions", "events", "statements"} <= set(tables), report.text(30)
    assert tables == sorted(tables, key=order.index)


def test_file_digests_alike_in_a_process_of_their_own_or_at_once(pkg, monkeypatch):
    """The files' bytes and sha256 are the same whether hashed at once (a small package) or in a process started
    beside (a large one: there the validate command hashes while its libraries load), and a file the descriptor
    names but the folder lacks is reported by both as the error that stopped reading it."""
    from newsevents import digests
    from newsevents.beside import Beside, Ready

    (pkg / "data" / "actors.csv").unlink()
    at_once = digests.start(pkg / "datapackage.json")
    assert isinstance(at_once, Ready)
    monkeypatch.setattr(digests, "BESIDE_FROM", 0)
    beside = digests.start(pkg / "datapackage.json")
    assert isinstance(beside, Beside)
    got, want = beside.result(), at_once.result()
    assert got.keys() == want.keys() and len(got) > 30
    assert {p: v for p, v in got.items() if not isinstance(v, OSError)} == \
        {p: v for p, v in want.items() if not isinstance(v, OSError)}
    assert [p for p, v in got.items() if isinstance(v, OSError)] == ["data/actors.csv"] == \
        [p for p, v in want.items() if isinstance(v, OSError)]
    n, sha = got["data/events.csv"]
    assert (n, sha) == (len((pkg / "data" / "events.csv").read_bytes()),
                        hashlib.sha256((pkg / "data" / "events.csv").read_bytes()).hexdigest())
