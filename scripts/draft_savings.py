"""How many YAML lines does a coder still write by hand with `newsevents new`?  (run: python scripts/draft_savings.py)

For each coded source, the draft that `newsevents new` would write for its seed (with the actor registry as it is
now) is compared with the committed coding file. Lines are compared after stripping indentation and list dashes;
blank lines and comments are not counted. The committed codings were written by hand, with their own local ids;
a coder starting from the draft keeps the draft's id wherever a record quotes exactly the draft's sentence or
number, so those ids are renamed to the draft's before comparing. Otherwise a line counts as saved only when
the coder wrote exactly what the draft holds, so the figure is a lower bound of what a draft saves.

- without the tool: every line of the committed coding is typed by hand;
- with the tool: only the committed lines that the draft does not already hold verbatim.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from newsevents.coding import load_actor_registry, load_place_registry
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


def _quote(q) -> str:
    return q if isinstance(q, str) else q.get("exact", "")


def _adopt_draft_ids(final: str, draft: str) -> str:
    """Rename the coding's statement and metric ids to the draft's where they quote the same words."""
    doc, stub = yaml.safe_load(final), yaml.safe_load(draft)
    renames = {}
    for section, key in (("statements", "statement_id"), ("metrics", "metric_id")):
        by_quote = {_quote(r["quote"]): r[key] for r in stub.get(section) or []}
        for r in doc.get(section) or []:
            new = by_quote.pop(_quote(r["quote"]), None)
            if new:
                renames[r[key]] = new
    if not renames:
        return final
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(renames, key=len, reverse=True))) + r")\b")
    return pattern.sub(lambda m: renames[m[1]], final)


def measure(source_id: str, registry) -> dict:
    final = (ROOT / "coding" / f"{source_id}.yaml").read_text(encoding="utf-8")
    record = yaml.safe_load((ROOT / "seeds" / f"{source_id}.yaml").read_text(encoding="utf-8"))
    text = (ROOT / "seeds" / f"{source_id}.txt").read_text(encoding="utf-8")
    draft, _ = draft_coding(text, source_id, record["issuer_actor_id"], *registry)
    final = _adopt_draft_ids(final, draft)
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
    registry = (load_actor_registry(ROOT), load_place_registry(ROOT))
    ids = argv or sorted(p.stem for p in (ROOT / "seeds").glob("*.yaml"))
    print(f"{'source':<22} {'lines':>6} {'by hand':>8} {'from draft':>11} {'saved':>6}")
    for sid in ids:
        r = measure(sid, registry)
        print(f"{r['source_id']:<22} {r['lines']:>6} {r['by_hand']:>8} {r['from_draft']:>11} "
              f"{100 * r['from_draft'] / r['lines']:>5.0f}%")


if __name__ == "__main__":
    main(sys.argv[1:])
