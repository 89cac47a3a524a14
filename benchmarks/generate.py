"""Write a valid synthetic copy of the package, scaled to about N data rows (or S sources).

    python benchmarks/generate.py --rows 1000000 --out /tmp/ne-1m
    python benchmarks/generate.py --sources 1000 --out /tmp/ne-1k-sources

The committed corpus is replicated k times. Copy j of a source gets its own seed text (the original with a line
`[synthetic copy j]` appended after it, so every offset stays true) and therefore its own source id (publication
date + sha256); every source-namespaced id (`<source_id>.<local>`) and every column referring to one is rewritten
column-wise. Corpus-wide tables (actors, places, vocabularies) are not replicated. Files are written with the
package's own writers and the descriptor with its own generator, so bytes and hashes are right: the result passes
`newsevents validate` and `frictionless validate`.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from newsevents import data_root, registry as R
from newsevents.metadata import load_metadata
from newsevents.package import datapackage, dump_json, write_csv, write_parquet
from newsevents.schemas import coerce_frame, frictionless_schema

ID = re.compile(r"^[0-9]{8}_[0-9a-f]{10}(\..*)?$")
SID_LEN = len("YYYYMMDD_0123456789")


def _id_columns(df: pd.DataFrame) -> list[str]:
    """String columns whose every value is a source id or a source-namespaced row id."""
    cols = []
    for c in df.columns:
        s = df[c].dropna()
        if len(s) and df[c].dtype == "str" and s.astype(str).str.match(ID.pattern).all():
            cols.append(c)
    return cols


def read(root: Path) -> dict:
    return {t.name: pd.read_parquet(root / "data" / f"{t.name}.parquet") for t in R.TABLES}


def generate(out: Path, copies: int, root: Path) -> dict:
    """Write ``copies`` copies of the package at ``root`` into ``out``; return the row count of each table."""
    frames = read(root)
    src = frames["sources"]
    seeds = {sid: (root / p).read_text(encoding="utf-8") for sid, p in zip(src["source_id"], src["seed_path"])}

    # new source ids: one per (original source, copy)
    rows = []
    for j in range(copies):
        for sid, date in zip(src["source_id"], src["publication_date"]):
            text = seeds[sid] + f"\n[synthetic copy {j}]\n" if j else seeds[sid]
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            rows.append((sid, j, f"{date:%Y%m%d}_{digest[:10]}", digest, len(text), text))
    ids = pd.DataFrame(rows, columns=["old", "copy", "new", "sha256", "char_length", "text"])

    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    (out / "schemas").mkdir()
    (out / "seeds").mkdir()
    for new, text in zip(ids["new"], ids["text"]):
        (out / "seeds" / f"{new}.txt").write_bytes(text.encode("utf-8"))

    lookup = ids.set_index(["old", "copy"])["new"]
    written = {}
    for t in R.TABLES:
        df = frames[t.name]
        cols = _id_columns(df)
        if cols:  # a per-source table: k copies, ids rewritten column-wise
            n = len(df)
            big = df.iloc[np.tile(np.arange(n), copies)].reset_index(drop=True)
            copy_no = np.repeat(np.arange(copies), n)
            for c in cols:
                s = big[c].astype("str")
                old_sid = s.str[:SID_LEN]
                key = pd.MultiIndex.from_arrays([old_sid.fillna(""), copy_no])
                new_sid = pd.Series(lookup.reindex(key).to_numpy(), index=big.index, dtype="str")
                big[c] = (new_sid + s.str[SID_LEN:]).where(s.notna(), None)
            if t.name == "sources":
                facts = ids.set_index("new").loc[big["source_id"]]
                big["sha256"] = facts["sha256"].to_numpy()
                big["char_length"] = facts["char_length"].to_numpy()
                big["seed_path"] = "seeds/" + big["source_id"] + ".txt"
            df = coerce_frame(t, big)
        written[t.name] = df
        write_csv(t, df, out / "data" / f"{t.name}.csv")
        write_parquet(t, df, out / "data" / f"{t.name}.parquet")
        (out / "schemas" / f"{t.name}.schema.json").write_bytes(dump_json(frictionless_schema(t)))
    s_ = written["sources"]
    sources = s_.astype(object).where(s_.notna(), None).to_dict("records")
    (out / "datapackage.json").write_bytes(dump_json(datapackage(out, sources, written, load_metadata(Path(__file__).resolve().parents[1]))))
    return {t: len(df) for t, df in written.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path, help="folder to write (replaced if it exists)")
    size = ap.add_mutually_exclusive_group(required=True)
    size.add_argument("--rows", type=int, help="about this many rows over all tables")
    size.add_argument("--sources", type=int, help="this many sources (rounded up to whole copies of the corpus)")
    ap.add_argument("--package", type=Path, help="folder of the package to scale (default: the repository's)")
    args = ap.parse_args(argv)
    root = args.package or data_root()
    frames = read(root)
    n_sources = len(frames["sources"])
    per_copy = sum(len(frames[t.name]) for t in R.TABLES if _id_columns(frames[t.name]))
    shared = sum(len(frames[t.name]) for t in R.TABLES) - per_copy
    copies = max(1, -(-(args.rows - shared) // per_copy)) if args.rows else max(1, -(-args.sources // n_sources))
    counts = generate(args.out, copies, root)
    print(f"{args.out}: {copies} copies of the corpus, {copies * n_sources} sources, {sum(counts.values())} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
