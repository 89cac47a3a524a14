"""The command line: version, help, --root anywhere, one rule for which package is read, exit codes, pipes."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import BIN, ROOT, run
from newsevents import __version__
from newsevents.cli import COMMANDS


def test_version(capsys):
    code, out, err = run(["--version"], capsys)
    assert code == 0 and out.strip() == f"newsevents {__version__}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_subcommand_has_a_description_and_the_exit_codes(name):
    proc = subprocess.run([BIN / "newsevents", name, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert COMMANDS[name][2].split()[0] in proc.stdout and "exit codes" in proc.stdout


def test_root_before_or_after_the_command(capsys):
    for args in (["--root", ROOT, "info"], ["info", "--root", ROOT]):
        code, out, err = run(args, capsys)
        assert code == 0 and f"{ROOT / 'datapackage.json'} (as given)" in out.splitlines()[0]


def test_validate_reads_the_current_folder_else_the_installed_package(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code, out, err = run(["validate"], capsys)
    assert code == 0 and "the current folder's package" in out.splitlines()[0]
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["info"], capsys)
    assert code == 0 and "installed with newsevents" in out.splitlines()[0]


@pytest.mark.parametrize("args,phrase", [
    (["validate", "no/such/datapackage.json"], "no such file or folder"),
    (["info", "--root", "no/such/folder"], "no such file or folder"),
    (["check", "--root", "no/such/folder"], "no such folder"),
    (["build", "--root", "{tmp}"], "is not a newsevents project folder"),
    (["validate", "{tmp}/other.json"], "not a data package"),
    (["validate", "{tmp}/broken.json"], "not a data package (not valid JSON"),
])
def test_bad_usage_exits_2_with_one_line(tmp_path, capsys, args, phrase):
    (tmp_path / "other.json").write_text('{"name": "x", "fields": []}', encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    code, out, err = run([a.format(tmp=tmp_path) for a in args], capsys)
    assert code == 2 and phrase in err and len(err.strip().splitlines()) == 1, err


def test_a_closed_pipe_is_no_error():
    proc = subprocess.run(f"{BIN / 'newsevents'} --root {ROOT} info | head -2", shell=True, capture_output=True,
                          text=True)
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 2
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_detect_prints_the_audits_detections_as_json(capsys):
    import json

    from newsevents.audit import detect

    seed = ROOT / "seeds" / "20260109_b8da6c60f8.txt"
    code, out, err = run(["detect", seed, "--json"], capsys)
    assert code == 0
    got = json.loads(out)
    text = seed.read_text(encoding="utf-8")
    assert got == [{"detector": d.detector, "start": d.start, "end": d.end, "text": d.text} for d in detect(text)]
    assert all(text[g["start"]:g["end"]] == g["text"] for g in got)
    assert {g["detector"] for g in got} == {"quotation", "number", "temporal", "proper_name"}


@pytest.mark.parametrize("args,want", [
    (["last weekend", "--published", "2026-01-09"], {"value": "2026-01-03/2026-01-04", "start": "2026-01-03",
                                                     "end": "2026-01-04", "precision": "weekend"}),
    (["Jan. 20", "--published", "2025-11-14", "--past"], {"value": "2025-01-20", "start": "2025-01-20",
                                                          "end": "2025-01-20", "precision": "day"}),
    (["Thursday", "--published", "2025-11-14", "--future"], {"value": "2025-11-20", "start": "2025-11-20",
                                                             "end": "2025-11-20", "precision": "day"}),
    (["in recent months", "--published", "2026-01-09"], {"value": "../2026-01-09", "start": None,
                                                         "end": "2026-01-09", "precision": "interval"}),
    (["Sunday night", "--until", "Monday morning", "--published", "2025-10-15"],
     {"value": "2025-10-12/2025-10-13", "start": "2025-10-12", "end": "2025-10-13", "precision": "interval"}),
    (["mid-March 2025", "--published", "2025-10-15"],
     {"value": "2025-03-11/2025-03-20", "start": "2025-03-11", "end": "2025-03-20", "precision": "interval"}),
    (["this Friday", "--published", "2025-10-15"],
     {"value": "2025-10-17", "start": "2025-10-17", "end": "2025-10-17", "precision": "day"}),
])
def test_date_resolves_as_the_build_does(capsys, args, want):
    import json

    code, out, err = run(["date", *args, "--json"], capsys)
    assert code == 0, err
    got = json.loads(out)
    assert {k: got[k] for k in want} == want


def test_date_that_cannot_be_resolved_exits_2_listing_the_forms(capsys):
    code, out, err = run(["date", "when pigs fly", "--published", "2026-01-09"], capsys)
    assert code == 2 and "cannot resolve" in err and "forms understood" in err


def test_date_span_whose_end_comes_first_exits_2(capsys):
    code, out, err = run(["date", "Monday morning", "--until", "last Friday", "--published", "2025-10-15"], capsys)
    assert code == 2 and "ends before" in err and out == ""


def test_validate_command_line_writes_its_whole_report_through_pipes(pkg):
    """`newsevents validate` run as a program (it ends its process as soon as its report is written, and starts
    others beside it): the report arrives whole through pipes, once, with the exit code, valid or not."""
    from corruptions import CATALOGUE

    by_kind = {c.kind: c for c in CATALOGUE}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # output buffered, as usual in a pipe
    proc = subprocess.run([BIN / "newsevents", "validate", pkg / "datapackage.json"], capture_output=True, text=True,
                          env=env)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("validating ") and lines[1].startswith("valid: ")
    by_kind["quote differs from the seed"].apply(pkg)
    by_kind["missing Parquet file"].apply(pkg)
    proc = subprocess.run([BIN / "newsevents", "validate", "--limit", "1000", pkg / "datapackage.json"],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    assert proc.stdout.count("validating ") == 1 and "valid:" not in proc.stdout
    err = proc.stderr.splitlines()
    assert err[0].startswith("INVALID: ") and "quote-matches-seed" in proc.stderr and "actors.parquet is missing" \
        in proc.stderr
    assert len(err) == 1 + int(err[0].split(": ")[-1].split()[0]), proc.stderr  # every failure, one per line
