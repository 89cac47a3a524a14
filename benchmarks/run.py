"""Time `newsevents validate`, `frictionless validate` and a bare read of every Parquet table side by side, on
synthetic copies of the package (benchmarks/generate.py), and print the ratios.

    python benchmarks/run.py --sizes 10000,100000,1000000 --repeat 3 --workdir /tmp/ne-bench

Each tool runs as its own process (wall seconds, and the peak of the resident memory summed over the process and
its children, sampled every 20 ms from /proc: Linux), `--repeat` times per size (frictionless `--frictionless-repeat` times), the
tools taking turns; the table gives medians. Packages are generated once per size into --workdir and reused.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
BARE_READ = ("import sys, pathlib, pandas as pd\n"
             "for p in sorted(pathlib.Path(sys.argv[1], 'data').glob('*.parquet')): pd.read_parquet(p)\n")


PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(pid: int) -> int:
    """Resident bytes of process ``pid`` and of the processes its main thread started, and theirs (Linux /proc:
    statm, and task/<pid>/children, which lists the children a thread forked)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError, IndexError):  # the process ended while being read
            continue
    return total


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one run of ``cmd``; fails loudly. Memory is the peak of the resident
    memory of the process and the processes it started, summed, sampled every 20 ms (``newsevents validate`` forks
    a second process; GNU time's %M would give only the larger one). Pages a forked child shares with its parent
    count twice, so the figure errs high. Reading /proc costs well under 1% of a core at that rate."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.02)
    secs = time.perf_counter() - start
    err = proc.stderr.read()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return secs, peak / 2**20


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated row counts (default 10000,100000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool and size; medians are reported")
    ap.add_argument("--frictionless-repeat", type=int, default=None,
                    help="runs of frictionless per size (default: --repeat; it takes minutes a run at 1M rows)")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "newsevents-bench")
    args = ap.parse_args(argv)
    tools = {
        "newsevents validate": lambda pkg: [str(BIN / "newsevents"), "validate", str(pkg / "datapackage.json")],
        "frictionless validate": lambda pkg: [str(BIN / "frictionless"), "validate", str(pkg / "datapackage.json")],
        "bare pd.read_parquet": lambda pkg: [sys.executable, "-c", BARE_READ, str(pkg)],
    }
    fr = f", frictionless {args.frictionless_repeat}" if args.frictionless_repeat else ""
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.repeat} runs per cell{fr} (medians)\n")
    print("| rows | " + " | ".join(f"{t} (s / MB)" for t in tools) +
          " | frictionless ÷ newsevents | newsevents ÷ bare read | memory newsevents ÷ frictionless |")
    print("|---:|" + "---:|" * (len(tools) + 3))
    for size in [int(s) for s in args.sizes.split(",")]:
        pkg = args.workdir / f"rows-{size}"
        if not (pkg / "datapackage.json").exists():
            subprocess.run([sys.executable, str(HERE / "generate.py"), "--rows", str(size), "--out", str(pkg)],
                           check=True, stdout=subprocess.DEVNULL)
        rows = _rows(pkg)
        # the tools take turns (one run of each, then the next round), so that a change in the machine's load
        # falls on all of them rather than on one
        runs = {name: [] for name in tools}
        want = {name: (args.frictionless_repeat or args.repeat) if name.startswith("frictionless") else args.repeat
                for name in tools}
        for r in range(max(want.values())):
            for name, cmd in tools.items():
                if r < want[name]:
                    runs[name].append(timed(cmd(pkg)))
        med = {name: (statistics.median(x[0] for x in rs), statistics.median(x[1] for x in rs))
               for name, rs in runs.items()}
        ne, fr, bare = med["newsevents validate"], med["frictionless validate"], med["bare pd.read_parquet"]
        print(f"| {rows:,} | " + " | ".join(f"{s:.2f} / {m:.0f}" for s, m in med.values()) +
              f" | {fr[0] / ne[0]:.1f}× | {ne[0] / bare[0]:.1f}× | {ne[1] / fr[1]:.2f}× |", flush=True)
    return 0


def _rows(pkg: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in (pkg / "data").glob("*.parquet"))


if __name__ == "__main__":
    sys.exit(main())
