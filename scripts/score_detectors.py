#!/usr/bin/env python3
"""Score the coverage-audit detectors (newsevents.audit.detect) on the hand-annotated dev set in tests/devset/.

Per detector: a gold span is *found* if a detection of the same detector overlaps it; a detection is *correct*
if it overlaps a gold span of the same detector. precision = correct / detections, recall = found / gold,
exact = detections whose (start, end) equal a gold span's / correct detections (a quotation detection includes its
quotation marks, the gold span the words inside them: one mark on each side is allowed for, or an opening mark alone
for a quotation left open at the end of its paragraph).
Usage: score_detectors.py [--misses] [--json] [--devset DIR]. Always exits 0 (it reports, it does not gate).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from newsevents.audit import detect  # noqa: E402

DETECTORS = ("quotation", "number", "temporal", "proper_name")


def _overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def _context(text, start, end, width=40):
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"...{left}[{text[start:end]}]{right}..."


def score(devset: Path):
    stats = {d: {"gold": 0, "found": 0, "detections": 0, "correct": 0, "exact": 0} for d in DETECTORS}
    misses, false_alarms = [], []
    for txt in sorted(devset.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))["spans"]
        dets = detect(text)
        for d in DETECTORS:
            g = [(s["start"], s["end"]) for s in gold if s["detector"] == d]
            p = [(x.start, x.end) for x in dets if x.detector == d]
            st = stats[d]
            st["gold"] += len(g)
            st["detections"] += len(p)
            gset = set(g)
            for span in g:
                if any(_overlaps(span, q) for q in p):
                    st["found"] += 1
                else:
                    misses.append((d, txt.name, span, _context(text, *span)))
            for q in p:
                if any(_overlaps(q, span) for span in g):
                    st["correct"] += 1
                    # the quotation detector's span includes the marks, the annotation's does not (a quotation left open
                    # at the end of its paragraph has an opening mark only)
                    st["exact"] += q in gset or (d == "quotation" and ((q[0] + 1, q[1] - 1) in gset
                                                                       or (q[0] + 1, q[1]) in gset))
                else:
                    false_alarms.append((d, txt.name, q, _context(text, *q)))
    for st in stats.values():
        st["precision"] = st["correct"] / st["detections"] if st["detections"] else None
        st["recall"] = st["found"] / st["gold"] if st["gold"] else None
        st["exact_rate"] = st["exact"] / st["correct"] if st["correct"] else None
    return stats, misses, false_alarms


def _fmt(x):
    return "   n/a" if x is None else f"{x:6.3f}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list missed gold spans and false detections")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--devset", type=Path, default=ROOT / "tests" / "devset")
    args = ap.parse_args(argv)
    stats, misses, false_alarms = score(args.devset)
    if args.json:
        print(json.dumps({"texts": len(list(args.devset.glob("*.txt"))), "detectors": stats}, indent=2))
    else:
        print(f"{'detector':<12} {'gold':>5} {'found':>5} {'precision':>9} {'recall':>6} {'exact':>6}")
        for d, st in stats.items():
            print(f"{d:<12} {st['gold']:>5} {st['found']:>5} {_fmt(st['precision']):>9} {_fmt(st['recall'])} {_fmt(st['exact_rate'])}")
    if args.misses:
        print("\nMissed gold spans:")
        for d, f, (s, e), ctx in misses:
            print(f"  {d:<12} {f}:{s}-{e}  {ctx}")
        print("\nFalse detections:")
        for d, f, (s, e), ctx in false_alarms:
            print(f"  {d:<12} {f}:{s}-{e}  {ctx}")
    return 0


if __name__ == "__main__":
    main()
    sys.exit(0)
