"""How many YAML lines does a coder still write by hand with `newsevents new`?  (run: python scripts/draft_savings.py)

For each coded source, the draft that `newsevents new` would write for its seed (with the actor registry as it is
now) is compared with the committed coding file. Lines are compared after stripping indentation and list dashes;
blank lines and comments are not counted. The committed codings were written by hand, with their own local ids
and quote boundaries, so a line counts as saved only when the coder happened to write exactly what the draft
holds: the figure is a lower bound of what a coder starting from the draft keeps.

- without the tool: every line of the committed coding is typed by hand;
- with the tool: only the committed lines that the draft does not already hold verbatim.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

from newsevents.coding import load_actor_registry
from newsevents.draft import draft_coding

ROOT = Path(__file__).resolve().parents[1]


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        out.append(s[2:].strip() if s.startswith("- ") else s)
    return out


def measure(source_id: str, registry) -> dict:
    final = (ROOT / "coding" / f"{source_id}.yaml").read_text(encoding="utf-8")
    record = yaml.safe_load((ROOT / "seeds" / f"{source_id}.yaml").read_text(encoding="utf-8"))
    text = (ROOT / "seeds" / f"{source_id}.txt").read_text(encoding="utf-8")
    draft, _ = draft_coding(text, source_id, record["issuer_actor_id"], registry)
    have = Counter(_lines(draft))
    by_hand = 0
    for line in _lines(final):
        if have[line] > 0:
            have[line] -= 1
        else:
            by_hand += 1
    total = len(_lines(final))
    return {"source_id": source_id, "lines": total, "by_hand": by_hand, "from_draft": total - by_hand}


def main(argv: list[str]) -> None:
    registry = load_actor_registry(ROOT)
    ids = argv or sorted(p.stem for p in (ROOT / "seeds").glob("*.yaml"))
    print(f"{'source':<22} {'lines':>6} {'by hand':>8} {'from draft':>11} {'saved':>6}")
    for sid in ids:
        r = measure(sid, registry)
        print(f"{r['source_id']:<22} {r['lines']:>6} {r['by_hand']:>8} {r['from_draft']:>11} "
              f"{100 * r['from_draft'] / r['lines']:>5.0f}%")


if __name__ == "__main__":
    main(sys.argv[1:])
