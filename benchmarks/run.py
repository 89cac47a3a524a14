"""Time `newsevents validate`, `frictionless validate` and a bare read of every Parquet table side by side, on
synthetic copies of the package (benchmarks/generate.py), and print the ratios.

    python benchmarks/run.py --sizes 10000,100000,1000000 --repeat 3 --workdir /tmp/ne-bench

Each tool runs as its own process under `/usr/bin/time` (wall seconds and peak resident memory), `--repeat`
times per size; the table gives medians. Packages are generated once per size into --workdir and reused.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
BARE_READ = ("import sys, pathlib, pandas as pd\n"
             "for p in sorted(pathlib.Path(sys.argv[1], 'data').glob('*.parquet')): pd.read_parquet(p)\n")


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one run of ``cmd`` (GNU time's %e and %M); fails loudly."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        proc = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", out.name, *cmd], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        secs, kb = Path(out.name).read_text().split()[-2:]
    return float(secs), int(kb) / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated row counts (default 10000,100000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool and size; medians are reported")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "newsevents-bench")
    args = ap.parse_args(argv)
    if not Path("/usr/bin/time").exists():
        raise SystemExit("needs GNU time (/usr/bin/time; Debian package 'time')")
    tools = {
        "newsevents validate": lambda pkg: [str(BIN / "newsevents"), "validate", str(pkg / "datapackage.json")],
        "frictionless validate": lambda pkg: [str(BIN / "frictionless"), "validate", str(pkg / "datapackage.json")],
        "bare pd.read_parquet": lambda pkg: [sys.executable, "-c", BARE_READ, str(pkg)],
    }
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.repeat} runs per cell (medians)\n")
    print("| rows | " + " | ".join(f"{t} (s / MB)" for t in tools) +
          " | frictionless ÷ newsevents | newsevents ÷ bare read | memory newsevents ÷ frictionless |")
    print("|---:|" + "---:|" * (len(tools) + 3))
    for size in [int(s) for s in args.sizes.split(",")]:
        pkg = args.workdir / f"rows-{size}"
        if not (pkg / "datapackage.json").exists():
            subprocess.run([sys.executable, str(HERE / "generate.py"), "--rows", str(size), "--out", str(pkg)],
                           check=True, stdout=subprocess.DEVNULL)
        rows = _rows(pkg)
        med = {}
        for name, cmd in tools.items():
            runs = [timed(cmd(pkg)) for _ in range(args.repeat)]
            med[name] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        ne, fr, bare = med["newsevents validate"], med["frictionless validate"], med["bare pd.read_parquet"]
        print(f"| {rows:,} | " + " | ".join(f"{s:.2f} / {m:.0f}" for s, m in med.values()) +
              f" | {fr[0] / ne[0]:.1f}× | {ne[0] / bare[0]:.1f}× | {ne[1] / fr[1]:.2f}× |", flush=True)
    return 0


def _rows(pkg: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in (pkg / "data").glob("*.parquet"))


if __name__ == "__main__":
    sys.exit(main())
