"""The command line: version, help, --root anywhere, one rule for which package is read, exit codes, pipes."""

from __future__ import annotations

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
