"""Shared fixtures: the repository root, a scratch copy of the package, the CLI in-process."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from newsevents.cli import main

# Property tests must not time anything (no deadline) and must be reproducible run to run (derandomize).
settings.register_profile("project", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("project")

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PACKAGE_PARTS = ("datapackage.json", "data", "schemas", "seeds")
INPUT_PARTS = ("seeds", "coding", "reference", "metadata.yaml")


def copy_parts(dest: Path, parts) -> Path:
    for part in parts:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, dirs_exist_ok=True)
        else:
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest / part)
    return dest


@pytest.fixture
def pkg(tmp_path) -> Path:
    """A copy of the committed package (descriptor, data, schemas, seeds) to corrupt."""
    return copy_parts(_mk(tmp_path / "pkg"), PACKAGE_PARTS)


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the inputs plus the committed outputs: a project the build can run in."""
    from newsevents.build import OUTPUT_DIRS, OUTPUT_FILES

    return copy_parts(_mk(tmp_path / "project"), dict.fromkeys((*INPUT_PARTS, *PACKAGE_PARTS, *OUTPUT_DIRS,
                                                                 *OUTPUT_FILES)))


def _mk(p: Path) -> Path:
    p.mkdir(parents=True)
    return p


def run(args, capsys):
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def snapshot(root: Path) -> dict:
    """Bytes of every output file under root, to prove a failed run changed nothing."""
    files = {}
    for part in ("datapackage.json", "data", "schemas"):
        p = root / part
        if p.is_file():
            files[part] = p.read_bytes()
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file():
                    files[str(f.relative_to(root))] = f.read_bytes()
    return files


def pytest_terminal_summary(terminalreporter):
    """Print the mutation suite's catch rate per corruption kind and overall, with the catching layers."""
    try:
        from test_corruptions import RESULTS
    except ImportError:
        return
    if not RESULTS:
        return
    tr = terminalreporter
    tr.section("corruption catch rate")
    width = max(len(k) for k in RESULTS)
    for kind, (caught, layers) in RESULTS.items():
        tr.write_line(f"{kind:<{width}}  {'caught' if caught else 'MISSED':<7} {', '.join(layers)}")
    n = sum(1 for c, _ in RESULTS.values() if c)
    tr.write_line(f"overall: {n}/{len(RESULTS)} caught ({100 * n / len(RESULTS):.0f}%)")
