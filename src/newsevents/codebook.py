"""Generate docs/codebook.md from the registry and the built tables (never edited by hand)."""

from __future__ import annotations

import pandas as pd

from . import registry as R
from .__about__ import __version__


def _constraints(f: R.Field) -> str:
    out = []
    if f.required:
        out.append("required")
    if f.pattern:
        out.append(f"pattern `{f.pattern}`")
    if f.minimum is not None:
        out.append(f"≥ {f.minimum:g}")
    if f.maximum is not None:
        out.append(f"≤ {f.maximum:g}")
    if f.categories is not None:
        out.append("one of the categories below")
    if f.references:
        out.append(f"→ `{f.references[0]}.{f.references[1]}`")
    if f.type == "string" and f.pattern and "0-9" in f.pattern:
        out.append("**text: read as a string** (digits and leading zeros are part of the value)")
    return "; ".join(out) or "—"


def _example(df: pd.DataFrame, col: str) -> str:
    vals = df[col].dropna() if col in df else []
    if len(vals) == 0:
        return "(null in every row)"
    v = vals.iloc[0]
    s = v.isoformat() if hasattr(v, "isoformat") else str(v)
    if isinstance(v, bool) or str(v) in ("True", "False"):
        s = s.lower()
    if len(s) > 60:
        s = s[:57] + "…"
    return "`" + s.replace("|", "\\|").replace("`", "'") + "`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _mermaid() -> list[str]:
    lines = ["```mermaid", "erDiagram"]
    for t in R.TABLES:
        for col, ref_table, ref_col in t.foreign_keys:
            if ref_table == t.name:
                lines.append(f"    {t.name} }}o--o| {ref_table} : \"{col}\"")
            else:
                card = "}o--||" if t.field(col).required else "}o--o|"
                lines.append(f"    {t.name} {card} {ref_table} : \"{col}\"")
    for t in R.TABLES:
        lines.append(f"    {t.name} {{")
        for f in t.fields:
            key = " PK" if f.name in t.primary_key else (" FK" if f.references else "")
            lines.append(f"        {f.type} {f.name}{key}")
        lines.append("    }")
    lines.append("```")
    return lines


def render(frames: dict) -> str:
    out = [
        "# Codebook",
        "",
        f"Generated from `src/newsevents/registry.py` and the built tables (version {__version__}). Do not edit: "
        "`newsevents build` rewrites it and `newsevents check` fails when it is stale.",
        "",
        "Types are Frictionless Table Schema types; in pandas (`pd.read_parquet` or `newsevents.load`) "
        "`string` is `str`, `integer` is `Int64`, `number` is `Float64`, `boolean` is `boolean`, `date` is "
        "`datetime.date` objects, and a string with categories is `category` carrying the full vocabulary.",
        "Empty CSV cells and Parquet nulls mean *unknown or not applicable*; no sentinel strings are used.",
        "Codes and ids are text even when they look like numbers (CAMEO `010`, source ids): read the CSV files "
        "with `newsevents.load(name, format=\"csv\")` or `pd.read_csv(path, **newsevents.csv_options(name))` (the "
        "README shows Polars and DuckDB), never with type guessing.",
        "",
        "## Tables",
        "",
        "| table | kind | primary key | rows | purpose |",
        "|---|---|---|---:|---|",
    ]
    for t in R.TABLES:
        out.append(f"| [`{t.name}`](#{t.name}) | {t.kind} | `{', '.join(t.primary_key)}` | {len(frames[t.name])} | "
                   f"{_cell(t.description)} |")
    out += ["", "## Rules", "",
            "Every rule `newsevents validate` checks beyond each column's type and constraints, declared once in "
            "`src/newsevents/rules.py`; a failure is reported with its code, table, column and row key. Row rules "
            "run on the Parquet and on the CSV tables; cross-table rules on the Parquet tables (the CSV must equal "
            "them).", "", "| code | scope | tables | columns read | rule |", "|---|---|---|---|---|"]
    from .rules import PACKAGE_RULES, RULES

    for r in RULES:
        cols = ", ".join(f"`{c}`" for c in r.columns) or ("every text column" if r.code == "no-formula-cell"
                                                          else "the foreign-key columns")
        out.append(f"| `{r.code}` | {'row' if r.scope == 'row' else 'cross-table'} | {', '.join(r.tables)} | {cols} | "
                   f"{_cell(r.description)} |")
    for code, text in PACKAGE_RULES.items():
        out.append(f"| `{code}` | package | | | {_cell(text)} |")  # checked by the layers themselves
    out += ["", "## Relationships", ""] + _mermaid()
    for t in R.TABLES:
        df = frames[t.name]
        out += ["", f"## {t.name}", "", _cell(t.description), "",
                f"Primary key: `{', '.join(t.primary_key)}` · rows: {len(df)} · files: `data/{t.name}.parquet`, "
                f"`data/{t.name}.csv` · schema: `schemas/{t.name}.schema.json`", ""]
        if t.rules:
            out += ["Rules (checked by `newsevents validate`, reported with their code):", ""]
            out += [f"- `{r.code}`: {_cell(r.description)}" for r in t.rules] + [""]
        out += ["| column | type | constraints | description | example |", "|---|---|---|---|---|"]
        for f in t.fields:
            out.append(f"| `{f.name}` | {f.type} | {_cell(_constraints(f))} | {_cell(f.description)} | "
                       f"{_example(df, f.name)} |")
        for f in t.fields:
            if f.categories is None:
                continue
            used = set(df[f.name].dropna().astype(str)) if f.name in df else set()
            out += ["", f"**`{t.name}.{f.name}`** categories:", "", "| value | definition | rows |",
                    "|---|---|---:|"]
            for v, d in f.categories.items():
                n = int((df[f.name].astype(str) == str(v)).sum()) if str(v) in used else 0
                out.append(f"| `{v}` | {_cell(d)} | {n} |")
    out += ["", "## Vocabulary values used by the coded tables", "",
            "Each CAMEO code, PLOVER type, mode and context used by `events`, `event_contexts` or "
            "`event_code_alternatives`, with its definition from the vocabulary tables.", "",
            "| vocabulary | value | definition | used in rows |", "|---|---|---|---:|"]
    users = [("events", "cameo_code"), ("events", "plover_type"), ("events", "plover_mode_id"),
             ("event_contexts", "plover_context"), ("event_code_alternatives", "cameo_code"),
             ("event_code_alternatives", "plover_type"), ("event_code_alternatives", "plover_mode_id")]
    for vocab, key, label in (("cameo_codes", "cameo_code", "name"), ("plover_types", "plover_type", "definition"),
                              ("plover_modes", "plover_mode_id", "definition"),
                              ("plover_contexts", "plover_context", "definition")):
        used: dict = {}
        for table, col in users:
            if col == key:
                for v in frames[table][col].dropna().astype(str):
                    used[v] = used.get(v, 0) + 1
        labels = dict(zip(frames[vocab][key].astype(str), frames[vocab][label].astype(str)))
        for v in sorted(used):
            out.append(f"| {vocab} | `{v}` | {_cell(labels.get(v, '(not in the vocabulary)'))} | {used[v]} |")
    return "\n".join(out) + "\n"
