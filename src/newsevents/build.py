"""The build: seed text + human coding + vocabularies -> tables -> Data Package.

Every step has the same load / process / save shape.  The package is written
to a staging folder next to the outputs, validated there in full, and only
then moved into place, so a failed build leaves the previous ``data/``,
``schemas/`` and ``datapackage.json`` untouched.
"""

from __future__ import annotations

import csv
import gc
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

import pandas as pd

from . import codebook, portals, reference
from . import registry as R
from .audit import COVERING, audit, load_waivers
from .beside import Beside
from .derived import DERIVE, DERIVED_TABLES
from .coding import (DRAFT_NOTICE, CodingErrors, is_draft, load_actor_registry, load_coding, load_place_registry,
                     load_source)
from .metadata import Metadata, load_metadata
from .package import datapackage, dump_json, write_csv, write_parquet
from .schemas import coerce_frame, frictionless_schema
from .yamlio import InputError, display_path

# Outputs the build owns; `check` compares exactly these.
OUTPUT_DIRS = ("data", "schemas", "portals")
OUTPUT_FILES = ("datapackage.json", "docs/codebook.md", "docs/coding-reference.md", "LICENSE-DATA", "CITATION.cff",
                ".zenodo.json", "croissant.json")


class BuildError(Exception):
    pass


# -- load --------------------------------------------------------------------------

REFERENCE_COLUMNS = {
    "cameo_codes": ["code", "name", "goldstein", "root_code"],
    "plover_types": ["plover_type", "quad_class", "plover_score"],
    "plover_modes": ["plover_type", "plover_mode", "plover_score"],
    "plover_contexts": ["plover_context"],
    "cameo_to_plover": ["cameo_code", "plover_type", "plover_mode", "plover_context"],
    "plover_definitions": ["kind", "value", "definition"],
}
NUMERIC_REFERENCE = {"goldstein", "plover_score", "quad_class"}


def _read_reference(root: Path, name: str) -> list[dict]:
    """Read one vocabulary CSV, checking its header, cell count and numbers; errors name file and line."""
    path = root / "reference" / f"{name}.csv"
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as e:
        raise CodingErrors([InputError(path, None, f"cannot read the vocabulary file ({e.strerror})")]) from None
    except UnicodeDecodeError as e:
        raise CodingErrors([InputError(path, None, f"not valid UTF-8 ({e.reason})")]) from None
    rows = list(csv.reader(text.splitlines()))
    want = REFERENCE_COLUMNS[name]
    if not rows or rows[0] != want:
        raise CodingErrors([InputError(path, 1, f"header must be {','.join(want)}")])
    errors, out = [], []
    for line, r in enumerate(rows[1:], start=2):
        if len(r) != len(want):
            errors.append(InputError(path, line, f"{len(r)} cells, expected {len(want)}"))
            continue
        rec = dict(zip(want, r))
        for col in NUMERIC_REFERENCE & set(want):
            try:
                float(rec[col])
            except ValueError:
                errors.append(InputError(path, line, f"{col} {rec[col]!r} is not a number"))
        out.append(rec)
    if errors:
        raise CodingErrors(errors)
    return out


@dataclass
class Inputs:
    sources: list  # of coding.Source
    codings: list  # of coding.Coding
    reference: dict  # name -> rows
    audits: dict  # source id -> audit.AuditResult
    actors: list  # actor rows of the registry
    places: list  # place rows of the registry
    drafts: list  # coding files skipped because they are drafts
    meta: Metadata  # identity and credit (metadata.yaml)
    registries: tuple = ()  # the actor and place coding.Registry (their rows' YAML lines)
    # table -> frame of path, line, record: the YAML record each row of the table's built frame comes from
    origins: dict = field(default_factory=dict)


def load(root: Path, echo=None) -> Inputs:
    root = Path(root)
    records = sorted((root / "seeds").glob("*.yaml"))
    if not records:
        raise CodingErrors([InputError(root / "seeds", None, "no source record (seeds/<source_id>.yaml) found")])
    ref = {name: _read_reference(root, name) for name in REFERENCE_COLUMNS}
    vocab = {(name, col): {r[col] for r in rows}
             for name, rows in vocabulary_rows(ref).items() for col in [R.table(name).primary_key[0]]}
    try:
        meta = load_metadata(root)
        registry = load_actor_registry(root)
        places = load_place_registry(root)
    except InputError as e:
        raise CodingErrors([e]) from None
    # the sources are loaded, checked and audited one by one, half of them in a second process (they do not depend
    # on each other), and gathered in the records' order: the errors too, whichever process met them
    second = Beside(_load_sources, records[1::2], root, vocab, registry, places, what="loading half the sources")
    try:
        first = _load_sources(records[0::2], root, vocab, registry, places)
        rest = second.result()
    finally:
        second.close()
    errors, sources, codings, audits, drafts = [], [], [], {}, []
    loaded = [x for pair in zip_longest(first, rest) for x in pair if x is not None]  # records[0], records[1], ...
    for rec, (kind, payload) in zip(records, loaded):
        if kind == "draft":
            drafts.append(payload)
            if echo:
                echo(f"skipping source {rec.stem}: {display_path(payload)} is {DRAFT_NOTICE}")
            continue
        src, coding, audited, errs = payload
        errors.extend(errs)
        if src is not None:
            sources.append(src)
            codings.append(coding)
            audits[src.row["source_id"]] = audited
    if errors:
        raise CodingErrors(errors)
    return Inputs(sources, codings, ref, audits, registry.rows, places.rows, drafts, meta, (registry, places))


def _load_sources(records: list, root: Path, vocab: dict, registry, places) -> list:
    """Each source record loaded with its coding and audited: ("draft", coding path) for a draft, else ("source",
    (source, coding, audit, errors)) where source and coding are None when an error stopped them."""
    out = []
    for rec in records:
        coding_path = root / "coding" / rec.name
        if is_draft(coding_path):
            out.append(("draft", coding_path))
            continue
        errors: list = []
        out.append(("source", _load_source(rec, root, vocab, registry, places, errors) + (errors,)))
    return out


def _load_source(rec: Path, root: Path, vocab: dict, registry, places, errors: list) -> tuple:
    """(source, coding, audit) of one source record, or (None, None, None) after adding to ``errors`` why not."""
    try:
        src = load_source(rec, root, registry.ids)
    except CodingErrors as e:
        errors.extend(e.errors)
        return None, None, None
    except InputError as e:
        errors.append(e)
        return None, None, None
    coding_path = root / "coding" / f"{src.row['source_id']}.yaml"
    if not coding_path.exists():
        errors.append(InputError(coding_path, None, f"no coding file for source {src.row['source_id']}"))
        return None, None, None
    try:
        coding = load_coding(coding_path, src, vocab, registry, places)
        return src, coding, _audit(root, src, coding, errors)
    except CodingErrors as e:
        errors.extend(e.errors)
    except InputError as e:
        errors.append(e)
    return None, None, None


def _audit(root: Path, src, coding, errors: list):
    """Run the coverage audit for one source; every uncovered detection and unused waiver is an error."""
    sid = src.row["source_id"]
    waiver_path = root / "coding" / f"{sid}.waivers.yaml"
    result = audit(src.text, coding.rows, load_waivers(waiver_path, src.text))
    seed = root / src.row["seed_path"]
    for d in result.uncovered:
        line = src.text[: d.start].count("\n") + 1
        errors.append(InputError(seed, line, f"{d.detector} {d.text!r} at code points [{d.start}, {d.end}) lies in "
                                 f"no coded row's quote ({', '.join(COVERING[d.detector])}) and no waiver: code it, "
                                 f"or waive it with a reason in coding/{sid}.waivers.yaml"))
    for w in result.unused_waivers:
        errors.append(InputError(waiver_path, w.line, f"this {w.detector} waiver waives nothing (every detection "
                                 "in its quote is covered, or there is none): remove it"))
    return result


# -- process -------------------------------------------------------------------------

def vocabulary_rows(ref: dict) -> dict:
    defs = {(r["kind"], r["value"]): r["definition"] for r in ref["plover_definitions"]}

    def define(kind: str, value: str) -> str:
        try:
            return defs[(kind, value)]
        except KeyError:
            raise CodingErrors([InputError("reference/plover_definitions.csv", None,
                                           f"no definition for PLOVER {kind} {value!r}: add a row "
                                           f"'{kind},{value},<one-line definition>'")]) from None

    cameo = [{"cameo_code": r["code"], "name": r["name"], "goldstein": float(r["goldstein"]),
              "root_code": r["root_code"]} for r in ref["cameo_codes"]]
    types = [{"plover_type": r["plover_type"], "quad_class": int(r["quad_class"]),
              "plover_score": float(r["plover_score"]), "definition": define("type", r["plover_type"])}
             for r in ref["plover_types"]]
    modes = sorted(({"plover_mode_id": f"{r['plover_type']}.{r['plover_mode']}", "plover_type": r["plover_type"],
                     "plover_mode": r["plover_mode"], "plover_score": float(r["plover_score"]),
                     "definition": define("mode", f"{r['plover_type']}.{r['plover_mode']}")}
                    for r in ref["plover_modes"]), key=lambda r: r["plover_mode_id"])
    general = [r["plover_context"] for r in ref["plover_contexts"]]
    crosswalk_only = sorted({c.strip() for r in ref["cameo_to_plover"] for c in r["plover_context"].split(";")
                             if c.strip()} - set(general))
    contexts = [{"plover_context": c, "is_general": True, "definition": define("context", c)} for c in general]
    contexts += [{"plover_context": c, "is_general": False, "definition": define("context", c)}
                 for c in crosswalk_only]
    return {"cameo_codes": cameo, "plover_types": types, "plover_modes": modes, "plover_contexts": contexts}


def _sort(t: R.Table, df: pd.DataFrame, origin: pd.DataFrame | None = None):
    """The table in its published order, and its origin frame (if given) in the same order."""
    if t.kind == "vocabulary":
        return df if origin is None else (df, origin)
    keys = ["source_id", "char_start", "char_end", t.primary_key[0]] if t.has_evidence else list(t.primary_key)
    out = df.sort_values(keys, kind="stable")
    if origin is None:
        return out.reset_index(drop=True)
    return out.reset_index(drop=True), origin.iloc[out.index.to_numpy()].reset_index(drop=True)


ORIGIN_COLUMNS = ["path", "line", "record"]


def _origin_lists(inputs: Inputs) -> dict:
    """table -> (paths, lines, records) of the YAML record of each row, in the order process() gathers the rows."""
    out = {t.name: ([], [], []) for t in R.TABLES}

    def add(table, path, origins):
        paths, lines, records = out[table]
        paths.extend([path] * len(origins))
        lines.extend(o[0] for o in origins)
        records.extend(o[1] for o in origins)
    for s in inputs.sources:
        add("sources", s.record_path, [(s.line, "source")])
    for name, reg in zip(("actors", "places"), inputs.registries):
        add(name, reg.path, reg.origins)
    for c in inputs.codings:
        for name, origins in c.origins.items():
            add(name, c.path, origins)
    return out


def process(inputs: Inputs) -> dict:
    """The tables built from the inputs; ``inputs.origins`` gets, per table, the YAML record of each row."""
    rows: dict = {t.name: [] for t in R.TABLES}
    rows["sources"] = [s.row for s in inputs.sources]
    rows["actors"] = list(inputs.actors)
    rows["places"] = list(inputs.places)
    for c in inputs.codings:
        for name, table_rows in c.rows.items():
            rows[name].extend(table_rows)
    rows.update(vocabulary_rows(inputs.reference))
    origins = _origin_lists(inputs)
    frames = {}
    inputs.origins = {}
    for t in R.TABLES:
        if t.kind == "derived":
            continue
        r = rows[t.name]
        df = pd.DataFrame(r) if r else pd.DataFrame({c: pd.Series([], dtype=object) for c in t.column_names})
        origin = pd.DataFrame(dict(zip(ORIGIN_COLUMNS, origins[t.name])), columns=ORIGIN_COLUMNS)
        if len(origin) != len(df):  # rows without a YAML record (vocabularies)
            origin = pd.DataFrame(index=range(len(df)), columns=ORIGIN_COLUMNS)
        frames[t.name], inputs.origins[t.name] = _sort(t, coerce_frame(t, df), origin)
    seeds = {s.row["source_id"]: s.text for s in inputs.sources}
    for t in DERIVED_TABLES:
        frames[t.name] = _sort(t, coerce_frame(t, DERIVE[t.name](frames, seeds)))
    return frames


# -- save ------------------------------------------------------------------------------

def save(frames: dict, inputs: Inputs, out: Path, root: Path) -> None:
    """Write the whole package under ``out`` (seeds are copied so the staged package is complete)."""
    (out / "data").mkdir(parents=True)
    (out / "schemas").mkdir()
    for s in inputs.sources:
        dest = out / s.row["seed_path"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / s.row["seed_path"], dest)
    for t in R.TABLES:
        write_csv(t, frames[t.name], out / "data" / f"{t.name}.csv")
        write_parquet(t, frames[t.name], out / "data" / f"{t.name}.parquet")
        (out / "schemas" / f"{t.name}.schema.json").write_bytes(dump_json(frictionless_schema(t)))
    dp = datapackage(out, [s.row for s in inputs.sources], frames, inputs.meta)
    (out / "datapackage.json").write_bytes(dump_json(dp))
    (out / "docs").mkdir(exist_ok=True)
    (out / "docs" / "codebook.md").write_bytes(codebook.render(frames).encode("utf-8"))
    (out / "docs" / "coding-reference.md").write_bytes(reference.render().encode("utf-8"))
    for rel, data in portals.render_all(inputs.meta, dp, out, [s.row for s in inputs.sources]).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)


def check_rules(frames: dict, inputs: Inputs) -> None:
    """Run the declared rules (rules.RULES, with validate's executor) on the built tables; every failing row
    becomes an InputError at the file and line of the YAML record it was coded from."""
    from .rules import execute

    seeds = {s.row["source_id"]: s.text for s in inputs.sources}
    coding_of = {s.row["source_id"]: c.path for s, c in zip(inputs.sources, inputs.codings)}
    errors = []
    for rule, t, df, h in execute(frames, seeds):
        origin = inputs.origins.get(t.name)
        index = h.index
        if h.keyed:  # row keys "column=value": the first row holding the value
            index = [df.index[df[k] == v][0] for k, v in (i.split("=", 1) for i in h.index)]
        for i, msg in zip(index, h.messages):
            path, line, record = origin.loc[i] if origin is not None else (None, None, None)
            if pd.isna(path):  # a derived or vocabulary row: the coding file of its source, else its table
                sid = df.at[i, "source_id"] if "source_id" in df.columns else None
                path = coding_of.get(sid, Path("reference" if t.kind == "vocabulary" else "data") / t.name)
                line = record = None
            errors.append(InputError(path, None if pd.isna(line) else int(line),
                                     f"{rule.description} ({rule.code}): {msg}", record))
    if errors:
        raise CodingErrors(errors)


@contextmanager
def gc_paused():
    """Python's cyclic garbage collector off for the block. A build holds millions of small objects (YAML values,
    rows) that are not cyclic and live until the tables are written; every automatic collection scans them all
    again, which cost 40% of the reading time at 1,000 sources. Reference counting still frees them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def build_into(root: Path, out: Path, echo=None) -> dict:
    """Build the package from ``root``'s inputs into the empty folder ``out``; return the frames."""
    with gc_paused():
        inputs = load(root, echo)
        if echo:
            print_audit(inputs, echo)
        frames = process(inputs)
        check_rules(frames, inputs)
        save(frames, inputs, out, root)
    return frames


def _replace(stage: Path, root: Path) -> None:
    trash = Path(tempfile.mkdtemp(prefix=".old-", dir=root))
    for name in OUTPUT_DIRS:
        if (root / name).exists():
            (root / name).rename(trash / name)
        (stage / name).rename(root / name)
    for name in OUTPUT_FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (stage / name).replace(root / name)
    shutil.rmtree(trash)


def build(root: Path, validate: bool = True, echo=print) -> dict:
    """Build, validate in a staging folder, then move into place. Raises on any problem, touching nothing."""
    from .validate import validate_package

    root = Path(root).resolve()
    stage = Path(tempfile.mkdtemp(prefix=".stage-", dir=root))
    try:
        frames = build_into(root, stage, echo)
        if validate:
            with gc_paused():
                report = validate_package(stage / "datapackage.json")
            if not report.ok:
                raise BuildError("the built package fails validation; nothing was replaced:\n" + report.text())
        _replace(stage, root)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    for t in R.TABLES:
        echo(f"  {t.name:<26} {len(frames[t.name]):>5} rows")
    return frames


def print_audit(inputs: Inputs, echo=print) -> None:
    for sid, result in inputs.audits.items():
        echo(f"coverage audit of {sid}:")
        echo(result.table())
