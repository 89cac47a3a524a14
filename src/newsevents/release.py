"""`newsevents release --out DIR`: the whole package as one archive, a SQLite database, and an upload folder per
portal, deterministically (two runs give the same bytes).

    DIR/newsevents-<version>.zip       data, schemas, seeds, descriptor, docs, licences and portal metadata,
                                       under newsevents-<version>/ (fixed timestamps and modes, sorted entries)
    DIR/newsevents-<version>.sqlite    every table with its types, primary and foreign keys (STRICT tables)
    DIR/huggingface/                   README.md (the dataset card) + data/<table>.parquet
    DIR/kaggle/                        dataset-metadata.json + a flat folder of files
    DIR/zenodo/                        the archive, the database, metadata.json (deposit) and datacite.json
    DIR/ckan/                          package.json + the files its resources name
    DIR/SHA256SUMS                     sha256 of every other file under DIR (sha256sum -c format)

The package must validate and be what its inputs build (as `newsevents check` proves). The release is
written into a staging folder beside DIR and moved into place only when complete, so a failure
leaves an earlier DIR as it was.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import registry as R
from .metadata import load_metadata
from .package import dump_json, sha256_file
from .portals import PORTAL_FILES, Context, kaggle_files

MARKER = "SHA256SUMS"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold: no clock in the archive
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}
DOC_FILES = ("README.md", "LICENSE", "LICENSE-DATA", "CHANGELOG.md", "docs/codebook.md", "docs/coding-reference.md",
             "metadata.yaml")


class ReleaseError(Exception):
    pass


def package_files(root: Path, dp: dict) -> list[str]:
    """Every file of the release archive, relative to root, sorted."""
    files = {"datapackage.json", *PORTAL_FILES, *DOC_FILES}
    for r in dp["resources"]:
        files.add(r["path"])
    files.update(f"schemas/{t.name}.schema.json" for t in R.TABLES)
    files.update(str(p.relative_to(root)) for p in (root / "seeds").glob("*.yaml"))
    missing = sorted(f for f in files if not (root / f).is_file())
    if missing:
        raise ReleaseError(f"{root}: missing {', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}; run "
                           "`newsevents build` first")
    return sorted(files)


def write_zip(root: Path, files: list[str], prefix: str, dest: Path) -> None:
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for rel in files:
            info = zipfile.ZipInfo(f"{prefix}/{rel}", date_time=ZIP_TIME)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            with open(root / rel, "rb") as src, z.open(info, "w") as out:
                shutil.copyfileobj(src, out, 1 << 20)


# -- SQLite ------------------------------------------------------------------------------------------------------

def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(t: R.Table) -> str:
    cols = []
    for f in t.fields:
        col = f"{_quote(f.name)} {SQL_TYPES[f.type]}"
        if f.required:
            col += " NOT NULL"
        if f.type == "boolean":
            col += f" CHECK ({_quote(f.name)} IN (0, 1))"
        elif f.type == "date":
            col += f" CHECK ({_quote(f.name)} IS date({_quote(f.name)}))"
        elif f.is_categorical:
            values = ", ".join("'" + v.replace("'", "''") + "'" for v in f.categories)
            col += f" CHECK ({_quote(f.name)} IN ({values}))"
        cols.append(col)
    cols.append(f"PRIMARY KEY ({', '.join(map(_quote, t.primary_key))})")
    for col, ref_table, ref_col in t.foreign_keys:
        cols.append(f"FOREIGN KEY ({_quote(col)}) REFERENCES {_quote(ref_table)} ({_quote(ref_col)})")
    body = ",\n  ".join(cols)
    return f"CREATE TABLE {_quote(t.name)} (\n  {body}\n) STRICT"


def _sql_columns(table: pa.Table, t: R.Table) -> list[list]:
    """The table's columns as Python lists SQLite takes: dates as ISO text, booleans as 0/1 (column-wise casts)."""
    out = []
    for f in t.fields:
        col = table.column(f.name)
        if pa.types.is_dictionary(col.type):
            col = col.cast(pa.string())
        if f.type == "date":
            col = pc.strftime(col.cast(pa.timestamp("s")), format="%Y-%m-%d")
        elif f.type == "boolean":
            col = col.cast(pa.int64())
        out.append(col.to_pylist())
    return out


def write_sqlite(root: Path, dest: Path) -> dict[str, int]:
    """Every table of the package at root into a new SQLite file; return row counts."""
    con = sqlite3.connect(dest, isolation_level=None)
    counts = {}
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA page_size=4096")
        con.execute("BEGIN")
        for t in R.TABLES:
            con.execute(create_table_sql(t))
        for t in R.TABLES:
            table = pq.read_table(root / "data" / f"{t.name}.parquet")
            cols = _sql_columns(table, t)
            marks = ", ".join("?" * len(cols))
            con.executemany(f"INSERT INTO {_quote(t.name)} VALUES ({marks})", zip(*cols))
            counts[t.name] = table.num_rows
        con.execute("COMMIT")
        bad = con.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise ReleaseError(f"SQLite: {len(bad)} rows break a foreign key, e.g. {bad[0]}")
        con.execute("VACUUM")
    finally:
        con.close()
    return counts


def check_sqlite(root: Path, db: Path) -> list[str]:
    """Differences between the SQLite file and the package's Parquet tables (empty when equal)."""
    import pandas as pd

    problems = []
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for t in R.TABLES:
            table = pq.read_table(root / "data" / f"{t.name}.parquet")
            want = pd.DataFrame(dict(zip(t.column_names, _sql_columns(table, t))), columns=t.column_names)
            got = pd.read_sql_query(f"SELECT * FROM {_quote(t.name)} ORDER BY rowid", con)
            if list(got.columns) != t.column_names:
                problems.append(f"{t.name}: columns {list(got.columns)}")
                continue
            if len(got) != len(want):
                problems.append(f"{t.name}: {len(got)} rows in SQLite, {len(want)} in Parquet")
                continue
            for c in t.column_names:
                a = want[c].astype(object).where(want[c].notna(), None).tolist()
                b = got[c].astype(object).where(got[c].notna(), None).tolist()
                if a != b:
                    i = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
                    problems.append(f"{t.name}.{c}: row {i + 1} is {b[i]!r} in SQLite, {a[i]!r} in Parquet")
    finally:
        con.close()
    return problems


# -- the release ---------------------------------------------------------------------------------------------------

def stale_files(root: Path) -> list[str]:
    """What `newsevents check` reports: committed outputs (data, descriptor, docs, portal files) that differ from a
    rebuild of the inputs. A release publishes only what its inputs and metadata.yaml produce."""
    from .build import OUTPUT_DIRS, OUTPUT_FILES, build_into
    from .cli import compare_trees

    with tempfile.TemporaryDirectory(prefix="newsevents-release-check-") as tmp:
        out = Path(tmp) / "pkg"
        out.mkdir()
        build_into(root, out)
        return compare_trees(root, out, [*OUTPUT_DIRS, *OUTPUT_FILES])


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def _prepare(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise ReleaseError(f"{out} exists and is not an earlier release (no {MARKER}): choose an empty or new folder")


def release(root: Path, out: Path) -> dict:
    """Write the release of the package at root into out; return what was written."""
    from .validate import validate_package

    root, out = Path(root).resolve(), Path(out).resolve()
    _prepare(out)
    dp_path = root / "datapackage.json"
    if not dp_path.is_file():
        raise ReleaseError(f"{root}: no datapackage.json; run `newsevents build` first")
    report = validate_package(dp_path)
    if not report.ok:
        raise ReleaseError(f"the package does not validate, nothing released:\n{report.text(20)}")
    stale = stale_files(root)
    if stale:
        raise ReleaseError("the committed package differs from a rebuild of its inputs (run `newsevents build`), "
                           "nothing released:\n" + "\n".join(stale[:20]))
    meta = load_metadata(root)
    dp = json.loads(dp_path.read_text("utf-8"))
    files = package_files(root, dp)
    stem = f"newsevents-{meta.version}"
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".release-", dir=out.parent))
    try:
        db = stage / f"{stem}.sqlite"
        counts = write_sqlite(root, db)
        problems = check_sqlite(root, db)
        if problems:
            raise ReleaseError("the SQLite database differs from the package:\n" + "\n".join(problems[:20]))
        archive = stage / f"{stem}.zip"
        write_zip(root, files, stem, archive)
        # Hugging Face: the card at the top, the Parquet files where its configs point
        _copy(root / "portals/huggingface/README.md", stage / "huggingface" / "README.md")
        for t in R.TABLES:
            _copy(root / "data" / f"{t.name}.parquet", stage / "huggingface" / "data" / f"{t.name}.parquet")
        # Kaggle: one flat folder (the Kaggle client skips sub-folders)
        _copy(root / "portals/kaggle/dataset-metadata.json", stage / "kaggle" / "dataset-metadata.json")
        for name, rel in kaggle_files(Context(meta, dp, root)):
            _copy(root / rel, stage / "kaggle" / name)
        # Zenodo: the archive and the database as the deposit's files, its metadata beside them
        zen = json.loads((root / ".zenodo.json").read_text("utf-8"))
        (stage / "zenodo").mkdir()
        (stage / "zenodo" / "metadata.json").write_bytes(dump_json({"metadata": zen}))
        _copy(root / "portals/datacite.json", stage / "zenodo" / "datacite.json")
        shutil.copyfile(archive, stage / "zenodo" / archive.name)
        shutil.copyfile(db, stage / "zenodo" / db.name)
        # CKAN: package.json and the files its resources' relative urls name
        ckan = json.loads((root / "portals/ckan/package.json").read_text("utf-8"))
        _copy(root / "portals/ckan/package.json", stage / "ckan" / "package.json")
        for r in ckan["resources"]:
            _copy(root / r["url"], stage / "ckan" / r["url"])
        sums = []
        for p in sorted(stage.rglob("*")):
            if p.is_file():
                sums.append(f"{sha256_file(p)}  {p.relative_to(stage).as_posix()}")
        (stage / MARKER).write_text("\n".join(sums) + "\n", encoding="utf-8")
        stage.chmod(0o755)  # mkdtemp makes it private; a release is for sharing
        if out.exists():
            trash = Path(tempfile.mkdtemp(prefix=".old-release-", dir=out.parent))
            out.rename(trash / "old")
            stage.rename(out)
            shutil.rmtree(trash)
        else:
            stage.rename(out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return {"archive": out / f"{stem}.zip", "database": out / f"{stem}.sqlite", "files": len(files),
            "rows": sum(counts.values()), "tables": len(counts), "sums": len(sums)}
