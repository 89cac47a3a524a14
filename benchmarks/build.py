"""Time `newsevents build` on a project folder of N sources: the committed corpus' inputs replicated.

    python benchmarks/build.py --sources 1000 --repeat 1 --workdir /tmp/ne-build-bench

Copy j (j >= 1) of a source gets its own seed text, the original with a line `[synthetic copy <letters>]`
appended (the copy number written in letters, so the coverage audit's number detector finds nothing new in it and
every quote and offset stays true), and therefore its own sha256 and source id. Its source record, coding file and
waivers are the original's with the source id, seed path, sha256 and char_length rewritten (the issuer actor, a
corpus-wide registry record, stays the original's). The registries (coding/actors.yaml, places.yaml), the
vocabularies and metadata.yaml are copied once. The project is written once per size into --workdir and reused;
each run builds into it (`newsevents build --root`) as its own process, timed as benchmarks/run.py times a
command (wall seconds, peak resident memory of the process and those it starts); the table gives medians.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import string
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BIN, timed  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ("reference", "metadata.yaml", "coding/actors.yaml", "coding/places.yaml")


def letters(j: int) -> str:
    """The copy number in letters (1 -> 'b', 26 -> 'ba'): no digit for the detectors to find."""
    out = ""
    while True:
        j, r = divmod(j, 26)
        out = string.ascii_lowercase[r] + out
        if not j:
            return out


def _set(text: str, key: str, value: str) -> str:
    """``text`` with the top-level ``key: ...`` line's value replaced (exactly one such line must exist)."""
    new, n = re.subn(rf"(?m)^{key}: .*$", lambda m: f"{key}: {value}", text)
    if n != 1:
        raise SystemExit(f"expected one top-level '{key}:' line, found {n}")
    return new


def write_project(out: Path, n_sources: int, root: Path = ROOT) -> int:
    """Write a project folder of ``n_sources`` sources (whole copies of the corpus, the last one cut) into ``out``;
    return the number of sources written."""
    if out.exists():
        shutil.rmtree(out)
    (out / "seeds").mkdir(parents=True)
    (out / "coding").mkdir()
    for rel in SHARED:
        src = root / rel
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, out / rel)
    originals = []
    for rec in sorted((root / "seeds").glob("*.yaml")):
        sid = rec.stem
        coding = root / "coding" / f"{sid}.yaml"
        if not coding.exists():
            continue
        waivers = root / "coding" / f"{sid}.waivers.yaml"
        originals.append((sid, rec.read_text("utf-8"), (root / "seeds" / f"{sid}.txt").read_text("utf-8"),
                          coding.read_text("utf-8"), waivers.read_text("utf-8") if waivers.exists() else None))
    written = 0
    for j in range(-(-n_sources // len(originals))):
        for sid, record, seed, coding, waivers in originals:
            if written == n_sources:
                return written
            text = seed + f"\n[synthetic copy {letters(j)}]\n" if j else seed
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            new = f"{sid[:8]}_{digest[:10]}"
            if j:
                record = _set(record, "source_id", f'"{new}"')
                record = _set(record, "seed_path", f"seeds/{new}.txt")
                record = _set(record, "sha256", digest)
                record = _set(record, "char_length", str(len(text)))
                coding = _set(coding, "source_id", f'"{new}"')
            (out / "seeds" / f"{new}.txt").write_bytes(text.encode("utf-8"))
            (out / "seeds" / f"{new}.yaml").write_text(record, "utf-8")
            (out / "coding" / f"{new}.yaml").write_text(coding, "utf-8")
            if waivers is not None:
                (out / "coding" / f"{new}.waivers.yaml").write_text(waivers, "utf-8")
            written += 1
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=int, default=1000, help="number of sources (default 1000)")
    ap.add_argument("--repeat", type=int, default=1, help="runs; the median is reported (default 1)")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "newsevents-build-bench")
    args = ap.parse_args(argv)
    project = args.workdir / f"sources-{args.sources}"
    if not (project / "seeds").is_dir():
        write_project(project, args.sources)
    cmd = [str(BIN / "newsevents"), "build", "--root", str(project)]
    runs = [timed(cmd) for _ in range(args.repeat)]
    secs, mb = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.repeat} run(s) (median)")
    print(f"newsevents build, {args.sources:,} sources: {secs:.2f} s / {mb:.0f} MB "
          f"({secs / args.sources * 1000:.1f} ms per source)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
