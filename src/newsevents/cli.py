"""Command line: ``newsevents build | validate [PATH] | check | info``.

Exit codes: 0 success; 1 validation failed or the committed package differs from a rebuild;
2 bad input (a coding, seed or source-record problem) or bad usage.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_INPUT = 0, 1, 2

EPILOG = "exit codes: 0 success, 1 validation failed or package differs from a rebuild, 2 bad input or usage"


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_build(args) -> int:
    from .build import BuildError, build
    from .coding import CodingErrors

    root = _root(args)
    print(f"building the package in {root.name}/ ...")
    try:
        build(root)
    except CodingErrors as e:
        print(f"build failed: {len(e.errors)} problem(s) in the inputs; nothing was written:", file=sys.stderr)
        for err in e.errors:
            print(f"  {err}", file=sys.stderr)
        return EXIT_INPUT
    except BuildError as e:
        print(str(e), file=sys.stderr)
        return EXIT_INVALID
    print("built and validated: data/, schemas/, datapackage.json, docs/codebook.md, docs/coding-reference.md")
    return EXIT_OK


def cmd_validate(args) -> int:
    from .validate import validate_package

    path = Path(args.path) if args.path else _root(args) / "datapackage.json"
    if path.is_dir():
        path = path / "datapackage.json"
    report = validate_package(path)
    if report.ok:
        rows = sum(report.counts.values())
        print(f"valid: {path} ({len(report.counts)} tables, {rows} rows; frictionless, pandera and cross-table "
              "rules all pass)")
        return EXIT_OK
    print(f"INVALID: {path}: {len(report.failures)} failure(s)", file=sys.stderr)
    print(report.text(limit=args.limit), file=sys.stderr)
    return EXIT_INVALID


def compare_trees(committed: Path, rebuilt: Path, names: list[str]) -> list[str]:
    """Files under ``names`` (folders or files) that differ between two package trees, as messages."""
    def files(root: Path, name: str) -> set:
        p = root / name
        if p.is_dir():
            return {str(f.relative_to(root)) for f in p.rglob("*") if f.is_file()}
        return {name} if p.exists() else set()

    diffs = []
    for name in names:
        have, want = files(committed, name), files(rebuilt, name)
        for rel in sorted(have | want):
            if rel not in have:
                diffs.append(f"{rel}: missing from the committed package")
            elif rel not in want:
                diffs.append(f"{rel}: committed but not produced by the build")
            elif not filecmp.cmp(committed / rel, rebuilt / rel, shallow=False):
                diffs.append(f"{rel}: differs from a rebuild")
    return diffs


def cmd_check(args) -> int:
    from .build import OUTPUT_DIRS, OUTPUT_FILES, build_into
    from .coding import CodingErrors

    root = _root(args)
    with tempfile.TemporaryDirectory(prefix="newsevents-check-") as tmp:
        out = Path(tmp) / "pkg"
        out.mkdir()
        try:
            build_into(root, out)
        except CodingErrors as e:
            print("check failed: the inputs do not build:", file=sys.stderr)
            for err in e.errors:
                print(f"  {err}", file=sys.stderr)
            return EXIT_INPUT
        diffs = compare_trees(root, out, [*OUTPUT_DIRS, *OUTPUT_FILES])
    if diffs:
        print(f"STALE: the committed package differs from a rebuild ({len(diffs)} file(s)); run the build:",
              file=sys.stderr)
        for d in diffs:
            print(f"  {d}", file=sys.stderr)
        return EXIT_INVALID
    print("up to date: data/, schemas/, datapackage.json, docs/codebook.md and docs/coding-reference.md are "
          "byte-identical to a fresh rebuild")
    return EXIT_OK


def cmd_new(args) -> int:
    import datetime as dt

    from .coding import CodingErrors
    from .draft import new_source

    try:
        published = dt.date.fromisoformat(args.published)
    except ValueError:
        print(f"new: --published {args.published!r} is not a date YYYY-MM-DD", file=sys.stderr)
        return EXIT_INPUT
    try:
        sid, counts = new_source(_root(args), Path(args.text), published, title=args.title, url=args.url,
                                 publisher=args.publisher, licence=args.licence, kind=args.kind,
                                 issuer=args.issuer, author=args.author)
    except CodingErrors as e:
        print(f"new failed: nothing was written:", file=sys.stderr)
        for err in e.errors:
            print(f"  {err}", file=sys.stderr)
        return EXIT_INPUT
    print(f"added source {sid}: seeds/{sid}.txt (byte for byte), seeds/{sid}.yaml (source record)")
    print(f"drafted coding/{sid}.yaml: {counts['registry_actors']} registry actors matched, "
          f"{counts['new_actor_stubs']} new actor stubs, {counts['affiliation_stubs']} affiliation stubs, "
          f"{counts['statement_stubs']} statement stubs, {counts['metric_stubs']} metric stubs")
    print("review it (every TODO), then delete its `draft: true` line; until then the build skips it")
    return EXIT_OK


def cmd_info(args) -> int:
    from . import __version__, data_root, load

    from .registry import TABLES

    print(f"newsevents {__version__}  (package at {data_root()})")
    for t in TABLES:
        print(f"  {t.name:<26} {len(load(t.name)):>5} rows")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="newsevents", description="Build, validate and inspect the news-events "
                                "Data Package.", epilog=EPILOG)
    p.add_argument("--root", default=".", help="project folder holding seeds/, coding/ and reference/ "
                   "(default: the current folder)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="build data/, schemas/ and datapackage.json from the inputs, validate, "
                       "then replace the old ones", epilog=EPILOG)
    b.set_defaults(func=cmd_build)
    v = sub.add_parser("validate", help="validate a Data Package (default: ./datapackage.json)", epilog=EPILOG)
    v.add_argument("path", nargs="?", help="path to a datapackage.json, or the folder holding it (a copy elsewhere "
                   "can be checked)")
    v.add_argument("--limit", type=int, default=200, help="print at most this many failures (default 200)")
    v.set_defaults(func=cmd_validate)
    c = sub.add_parser("check", help="rebuild into a temporary folder and fail if the committed files differ "
                       "by a byte", epilog=EPILOG)
    c.set_defaults(func=cmd_check)
    n = sub.add_parser("new", help="add a source text: copy it into seeds/ under its computed id, write its "
                       "source record and draft its coding from the detectors", epilog=EPILOG)
    n.add_argument("text", help="the text file (UTF-8, headline on the first line)")
    n.add_argument("--published", required=True, help="publication date YYYY-MM-DD")
    n.add_argument("--title", help="the headline (checked against the text's first line)")
    n.add_argument("--url", help="where the text was published")
    n.add_argument("--publisher", help="who published it")
    n.add_argument("--author", help="who wrote it, as credited")
    n.add_argument("--licence", help="SPDX id or LicenseRef-... (default LicenseRef-source-copyright)")
    n.add_argument("--kind", default="news_report", help="news_report (default), press_release or statement")
    n.add_argument("--issuer", help="actor id (in coding/actors.yaml) whose voice the text's own sentences are")
    n.set_defaults(func=cmd_new)
    i = sub.add_parser("info", help="print the package version and each table's row count", epilog=EPILOG)
    i.set_defaults(func=cmd_info)
    try:
        args = p.parse_args(argv)
    except SystemExit as e:
        return EXIT_INPUT if e.code not in (0, None) else EXIT_OK
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
