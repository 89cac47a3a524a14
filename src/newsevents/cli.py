"""Command line: ``newsevents build | validate [PATH] | check | new TEXT | detect TEXT | date EXPR | info | site``.

Which package a command reads: the folder given with ``--root`` (accepted before or after the command), else the
current folder when it holds one, else (for ``validate`` and ``info``) the package installed with newsevents.
Every command says on its first line which one it reads.

Exit codes: 0 success; 1 validation failed or the committed package differs from a rebuild;
2 bad input (a coding, seed or source-record problem) or bad usage (a missing path, a file that is not a
data package, a folder that is not a newsevents project).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import sys
import tempfile
from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_INPUT = 0, 1, 2

EPILOG = "exit codes: 0 success, 1 validation failed or package differs from a rebuild, 2 bad input or usage"


class UsageError(Exception):
    """Bad usage: exit 2 with one line."""


def _root(args) -> Path:
    """The project folder a command works in: --root, else the current folder; it must hold the inputs."""
    root = Path(args.root or ".").resolve()
    if not root.is_dir():
        raise UsageError(f"{args.root}: no such folder")
    if not (root / "seeds").is_dir() or not (root / "coding").is_dir():
        raise UsageError(f"{root} is not a newsevents project folder (no seeds/ and coding/); run the command in a "
                         "clone of the repository or give --root")
    return root


def _package(args, path: str | None = None) -> tuple[Path, str]:
    """The datapackage.json a reading command uses, and how it was chosen (for the command's first line)."""
    if path is not None or args.root:
        given = Path(path if path is not None else args.root)
        if not given.exists():
            raise UsageError(f"{given}: no such file or folder")
        dp = given / "datapackage.json" if given.is_dir() else given
        if not dp.is_file():
            raise UsageError(f"{given}: no datapackage.json there")
        how = "as given"
    elif Path("datapackage.json").is_file():
        dp, how = Path("datapackage.json"), "the current folder's package"
    else:
        from . import data_root

        dp, how = data_root() / "datapackage.json", "the package installed with newsevents: no datapackage.json here"
    try:
        desc = json.loads(dp.read_bytes().decode("utf-8"))
    except OSError as e:
        raise UsageError(f"{dp}: cannot be read ({e.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise UsageError(f"{dp}: not a data package (not valid JSON: {e})") from None
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        raise UsageError(f"{dp}: not a data package (a datapackage.json is a JSON object with a `resources` list)")
    return dp.resolve(), how


def cmd_build(args) -> int:
    from .build import BuildError, build
    from .coding import CodingErrors

    root = _root(args)
    print(f"building the package in {root} ...")
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
    from .build import OUTPUT_DIRS, OUTPUT_FILES

    print(f"built and validated: {', '.join(f'{d}/' for d in OUTPUT_DIRS)}, {', '.join(OUTPUT_FILES)}")
    return EXIT_OK


def cmd_validate(args) -> int:
    from . import digests as _digests

    path, how = _package(args, args.path)
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if args.engine == "dask":
        import importlib.util

        if not all(importlib.util.find_spec(m) for m in ("dask", "distributed")):
            raise UsageError("--engine dask needs Dask: pip install 'newsevents[distributed]'")
    print(f"validating {path} ({how})", flush=True)
    digests = _digests.start(path)  # the files are hashed beside this process while the libraries below load
    try:
        import pyarrow as pa

        from .validate import validate_package

        # Arrow's buffers from the C library's allocator: validation allocates and frees large columns in turn,
        # which the default pool gives back to the system and faults in again (1M rows: 1.3 s less system time)
        pa.set_memory_pool(pa.system_memory_pool())
        report = validate_package(path, frictionless_layer=args.frictionless, engine=args.engine,
                                  scheduler=args.scheduler, digests=digests)
    finally:
        digests.close()  # when validation stopped before it needed the digests
    if report.ok:
        rows = sum(report.counts.values())
        from .rules import RULES

        extra = "; frictionless too" if args.frictionless else ""
        if args.engine == "dask":
            extra += f"; the rules on Dask ({args.scheduler or 'a local cluster'})"
        print(f"valid: {path} ({len(report.counts)} tables, {rows} rows; descriptor, files, schemas of both formats "
              f"and {len(RULES)} declared rules all pass{extra})")
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
    print(f"checking {root}: rebuilding into a temporary folder ...")
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
    print(f"up to date: {', '.join(f'{d}/' for d in OUTPUT_DIRS)}, {', '.join(OUTPUT_FILES)} are byte-identical to "
          "a fresh rebuild")
    return EXIT_OK


def cmd_new(args) -> int:
    import datetime as dt

    from .coding import CodingErrors
    from .draft import new_source

    root = _root(args)
    print(f"adding {args.text} to the corpus in {root}")
    try:
        published = dt.date.fromisoformat(args.published)
    except ValueError:
        print(f"new: --published {args.published!r} is not a date YYYY-MM-DD", file=sys.stderr)
        return EXIT_INPUT
    try:
        sid, counts = new_source(root, Path(args.text), published, title=args.title, url=args.url,
                                 publisher=args.publisher, licence=args.licence, kind=args.kind,
                                 issuer=args.issuer, author=args.author)
    except CodingErrors as e:
        print("new failed: nothing was written:", file=sys.stderr)
        for err in e.errors:
            print(f"  {err}", file=sys.stderr)
        return EXIT_INPUT
    print(f"added source {sid}: seeds/{sid}.txt (byte for byte), seeds/{sid}.yaml (source record)")
    print(f"drafted coding/{sid}.yaml: {counts['registry_actors']} registry actors matched, "
          f"{counts['new_actor_stubs']} new actor stubs, {counts['affiliation_stubs']} affiliation stubs, "
          f"{counts['statement_stubs']} statement stubs, {counts['metric_stubs']} metric stubs, "
          f"{counts['places']} places")
    print("review it (every TODO), then delete its `draft: true` line; until then the build skips it")
    return EXIT_OK


def cmd_info(args) -> int:
    import pandas as pd

    from . import __version__
    from .registry import TABLES

    dp, how = _package(args)
    print(f"newsevents {__version__}: {dp} ({how})")
    for t in TABLES:
        n = pd.read_parquet(dp.parent / "data" / f"{t.name}.parquet", columns=[t.primary_key[0]]).shape[0]
        print(f"  {t.name:<26} {n:>5} rows")
    return EXIT_OK


def cmd_site(args) -> int:
    from .site import SiteError, SiteInvalid, build_site

    dp, how = _package(args, args.package)
    print(f"building the evidence viewer from {dp} ({how})")
    out = Path(args.out)
    try:
        counts = build_site(out, dp)
    except SiteError as e:
        raise UsageError(str(e)) from None
    except SiteInvalid as e:
        print(f"site: the package is not valid: {e}", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote the evidence viewer to {out}/: index.html, {counts['sources']} source pages with {counts['marks']} "
          f"marks, {counts['actors']} actor pages, codebook; open {out / 'index.html'} in a browser (no server needed)")
    return EXIT_OK


def cmd_release(args) -> int:
    from .coding import CodingErrors
    from .metadata import InputError
    from .release import ReleaseError, release

    root = _root(args)
    try:
        r = release(root, Path(args.out))
    except ReleaseError as e:
        print(f"release failed: {e}", file=sys.stderr)
        return EXIT_INVALID
    except InputError as e:
        print(f"release failed: {e}", file=sys.stderr)
        return EXIT_INPUT
    except CodingErrors as e:
        print("release failed: the inputs do not build:", file=sys.stderr)
        for err in e.errors:
            print(f"  {err}", file=sys.stderr)
        return EXIT_INPUT
    out = Path(args.out)
    print(f"released {root} into {out}/: {r['archive'].name} ({r['files']} files), {r['database'].name} "
          f"({r['tables']} tables, {r['rows']} rows, equal to the Parquet files), huggingface/, kaggle/, zenodo/, "
          f"ckan/ and {r['sums']} sums in SHA256SUMS")
    return EXIT_OK


def cmd_detect(args) -> int:
    from .audit import detect

    path = Path(args.text)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as e:
        raise UsageError(f"{path}: cannot be read ({e.strerror})") from None
    except UnicodeDecodeError as e:
        raise UsageError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None
    found = detect(text)
    if args.json:
        print(json.dumps([{"detector": d.detector, "start": d.start, "end": d.end, "text": d.text} for d in found],
                         ensure_ascii=False, indent=1))
        return EXIT_OK
    print(f"detections in {path} (code points, half-open):")
    for d in found:
        print(f"  {d.detector:<12} [{d.start:>5}, {d.end:>5})  {d.text!r}")
    return EXIT_OK


def cmd_date(args) -> int:
    import datetime as dt

    from .dates import DateError, resolve, resolve_span

    try:
        published = dt.date.fromisoformat(args.published)
    except ValueError:
        raise UsageError(f"--published {args.published!r} is not a date YYYY-MM-DD") from None
    try:
        tense = "future" if args.future else "past" if args.past else None
        r = resolve_span(args.expression, args.until, published, tense) if args.until else \
            resolve(args.expression, published, tense)
    except DateError as e:
        print(f"newsevents date: {e}", file=sys.stderr)
        return EXIT_INPUT
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    if args.json:
        print(json.dumps({"value": r.value, "start": iso(r.start), "end": iso(r.end), "precision": r.precision,
                          "basis": r.basis}))
        return EXIT_OK
    expr = f"{args.expression!r} to {args.until!r}" if args.until else repr(args.expression)
    print(f"{expr} published {published}: value {r.value}, precision {r.precision}, "
          f"from {iso(r.start) or 'open'} to {iso(r.end) or 'open'} ({r.basis})")
    return EXIT_OK


COMMANDS = {
    "build": (cmd_build, "build data/, schemas/, datapackage.json and the docs from the inputs",
              "Build the package from seeds/, coding/ and reference/ into a staging folder, validate it in full, "
              "and only then replace data/, schemas/, datapackage.json and the generated docs. Works in --root or "
              "the current folder."),
    "validate": (cmd_validate, "validate a Data Package",
                 "Validate a Data Package in every layer, column-wise (descriptor, files, schema of the Parquet and "
                 "CSV tables, the declared rules, cross-table rules); --frictionless adds frictionless-py's check; "
                 "--engine dask runs the declared rules on a Dask cluster (README, 'Validation on a cluster'). "
                 "Reads PATH if given, else --root, else the current folder's datapackage.json, else the package "
                 "installed with newsevents."),
    "check": (cmd_check, "fail if the committed files differ from a rebuild",
              "Rebuild into a temporary folder and fail (exit 1) if any committed file of data/, schemas/, "
              "datapackage.json or the generated docs differs by a byte."),
    "new": (cmd_new, "add a source text and draft its coding",
            "Copy a text into seeds/ under its computed id, write its source record, and draft "
            "coding/<source_id>.yaml from the detectors and the actor registry (marked as a draft: the build "
            "skips it until it is reviewed)."),
    "site": (cmd_site, "build the evidence viewer (a static website)",
             "Build the evidence viewer: a static website (no server, no network) with every source text and each "
             "coded row marked on its words, one page per actor, and the codebook. Reads --package, else --root, "
             "else the current folder's package, else the installed one."),
    "release": (cmd_release, "write the release: archive, SQLite database and one upload folder per portal",
                "Validate the package and check that it is what its inputs build (as `check` does), then write "
                "into DIR (deterministically: two runs give the same bytes) "
                "newsevents-<version>.zip with the whole package, newsevents-<version>.sqlite with every table and "
                "its keys, an upload folder per portal (huggingface/, kaggle/, zenodo/, ckan/) and SHA256SUMS. DIR "
                "must be new, empty or an earlier release; it is replaced only when the new release is complete."),
    "detect": (cmd_detect, "print what the coverage audit's detectors find in a text",
               "Print every detection of the four detectors of the coverage audit (quotation, number, temporal, "
               "proper_name) in a text, with code-point offsets (half-open); --json prints a JSON array of objects "
               "with detector, start, end and text."),
    "date": (cmd_date, "resolve a date expression against a publication date",
             "Resolve a date expression as the build does, against a publication date: the normalized value "
             "(ISO 8601 / EDTF), precision and earliest/latest days; --json prints an object with value, start, end "
             "(ISO dates, null for an open bound), precision and basis. A range may be one expression ('Dec. 22 to "
             "Jan. 5', 'from March to May') or two (--until); seasons are meteorological (northern hemisphere), "
             "'fiscal 2024' is the U.S. federal fiscal year (October 2023 to September 2024), '01/05/2026' is read "
             "month/day/year; README's Dates section gives every convention. An expression it cannot resolve "
             "exits 2 with the forms it understands, or says that it is dated from another event ('two days "
             "later')."),
    "info": (cmd_info, "print the version and each table's row count",
             "Print the package version and each table's row count. Reads --root, else the current folder's "
             "package, else the installed one."),
}


def parser() -> argparse.ArgumentParser:
    from . import __version__

    root_help = ("project or package folder (default: the current folder; for validate and info, the installed "
                 "package when the current folder holds none)")
    p = argparse.ArgumentParser(prog="newsevents", description="Build, validate and inspect the news-events "
                                "Data Package.", epilog=EPILOG)
    p.add_argument("--version", action="version", version=f"newsevents {__version__}")
    p.add_argument("--root", default=None, help=root_help)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", default=argparse.SUPPRESS, help=root_help)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    cmds = {}
    for name, (func, short, long) in COMMANDS.items():
        cmds[name] = sub.add_parser(name, help=short, description=long, epilog=EPILOG, parents=[common])
        cmds[name].set_defaults(func=func)
    v = cmds["validate"]
    v.add_argument("path", nargs="?", help="path to a datapackage.json, or the folder holding it (a copy elsewhere "
                   "can be checked)")
    v.add_argument("--limit", type=int, default=200, help="print at most this many failures (default 200)")
    v.add_argument("--frictionless", action="store_true", help="also run frictionless-py's validation of the "
                   "package (row by row: slow on large packages)")
    v.add_argument("--engine", choices=("pandas", "dask"), default="pandas", help="where the declared rules run: "
                   "pandas in this process (default), or dask (the other layers still run here)")
    v.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the Dask scheduler to use "
                   "(tcp://HOST:8786; default: a local cluster on this machine)")
    n = cmds["new"]
    n.add_argument("text", help="the text file (UTF-8, headline on the first line)")
    n.add_argument("--published", required=True, help="publication date YYYY-MM-DD")
    n.add_argument("--title", help="the headline (checked against the text's first line)")
    n.add_argument("--url", help="where the text was published")
    n.add_argument("--publisher", help="who published it")
    n.add_argument("--author", help="who wrote it, as credited")
    n.add_argument("--licence", help="SPDX id or LicenseRef-... (default LicenseRef-source-copyright)")
    n.add_argument("--kind", default="news_report", help="news_report (default), press_release or statement")
    n.add_argument("--issuer", help="actor id (in coding/actors.yaml) whose voice the text's own sentences are")
    dt_ = cmds["detect"]
    dt_.add_argument("text", help="a text file (UTF-8)")
    dt_.add_argument("--json", action="store_true", help="print a JSON array")
    da = cmds["date"]
    da.add_argument("expression", help="the words of a text that date something, e.g. 'last weekend'")
    da.add_argument("--published", required=True, help="publication date YYYY-MM-DD the expression is read against")
    da.add_argument("--until", metavar="EXPRESSION", help="a second expression: the span runs from the start of the "
                    "first to the end of this one (e.g. 'Sunday night' --until 'Monday morning')")
    tense = da.add_mutually_exclusive_group()
    tense.add_argument("--future", action="store_true", help="the expression points forward (a forecast)")
    tense.add_argument("--past", action="store_true", help="the expression points back (a past-tense report)")
    da.add_argument("--json", action="store_true", help="print a JSON object")
    rl = cmds["release"]
    rl.add_argument("--out", required=True, metavar="DIR", help="folder to write the release into")
    st = cmds["site"]
    st.add_argument("--out", required=True, metavar="DIR", help="folder to write the site into (created if missing; "
                    "must be empty or hold an earlier site, which is replaced)")
    st.add_argument("--package", metavar="PATH", help="a built package: its folder or its datapackage.json")
    return p


def _exit_now(code: int) -> None:
    """End the process here, once its output is written, without freeing what it holds one object at a time (the
    system takes back a validation's tables at once: 0.2 s at 1M rows). Only where the command line runs the
    validate command (``argv`` None): nothing there waits on the interpreter's exit handlers, as the processes it
    started have ended."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as e:
        return EXIT_INPUT if e.code not in (0, None) else EXIT_OK
    try:
        code = args.func(args)
        if argv is None and args.command == "validate":
            _exit_now(code)
        return code
    except UsageError as e:
        print(f"newsevents {args.command}: {e}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        # the reader closed the pipe (`newsevents info | head -3`): stop quietly, like other command-line tools
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
