"""The release (newsevents release) and the portal files: deterministic, complete, and equal to the package.

The portals' own validators (cffconvert, mlcroissant, datasets, the DataCite schema) gate the same files in
tests/test_portals.py; this file checks what needs no tool beyond the package's own dependencies."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import pandas as pd
import pytest

from conftest import ROOT, run
from newsevents import registry as R
from newsevents.__about__ import __version__
from newsevents.metadata import load_metadata
from newsevents.yamlio import InputError

STEM = f"newsevents-{__version__}"


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = tmp_path_factory.mktemp("rel") / "release"
    code = __import__("newsevents.cli", fromlist=["main"]).main(["--root", str(ROOT), "release", "--out", str(out)])
    assert code == 0
    return out


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_releases_are_byte_identical(released, tmp_path, capsys):
    code, out, err = run(["--root", ROOT, "release", "--out", tmp_path / "again"], capsys)
    assert code == 0, err
    assert "19 tables" in out
    a, b = _tree(released), _tree(tmp_path / "again")
    assert a.keys() == b.keys() and all(a[k] == b[k] for k in a)


def test_sha256sums_cover_every_file(released):
    import hashlib

    lines = (released / "SHA256SUMS").read_text().splitlines()
    listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in lines}
    files = {k for k in _tree(released) if k != "SHA256SUMS"}
    assert set(listed) == files
    for rel, digest in listed.items():
        assert hashlib.sha256((released / rel).read_bytes()).hexdigest() == digest, rel


def test_archive_holds_the_whole_package_with_fixed_timestamps(released):
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    with zipfile.ZipFile(released / f"{STEM}.zip") as z:
        names = z.namelist()
        assert names == sorted(names)
        assert all(n.startswith(f"{STEM}/") for n in names)
        inside = {n.removeprefix(f"{STEM}/") for n in names}
        for r in dp["resources"]:
            assert r["path"] in inside
            assert z.read(f"{STEM}/{r['path']}") == (ROOT / r["path"]).read_bytes()
        for must in ("datapackage.json", "CITATION.cff", ".zenodo.json", "croissant.json", "LICENSE", "LICENSE-DATA",
                     "docs/codebook.md", "metadata.yaml", "portals/datacite.json", "portals/huggingface/README.md",
                     *(f"schemas/{t.name}.schema.json" for t in R.TABLES)):
            assert must in inside, must
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_sqlite_has_every_table_with_its_rows_types_and_keys(released):
    con = sqlite3.connect(released / f"{STEM}.sqlite")
    for t in R.TABLES:
        n = con.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0]
        assert n == len(pd.read_parquet(ROOT / "data" / f"{t.name}.parquet")), t.name
        pk = [r[1] for r in sorted(con.execute(f'PRAGMA table_info("{t.name}")'), key=lambda r: r[5]) if r[5]]
        assert pk == list(t.primary_key), t.name
        fks = {(r[3], r[2], r[4]) for r in con.execute(f'PRAGMA foreign_key_list("{t.name}")')}
        assert fks == set(t.foreign_keys), t.name
    # a join across a foreign key answers as pandas does on the Parquet files
    q = ('SELECT count(*) FROM event_participants p JOIN actors a ON a.actor_id = p.actor_id '
         "WHERE a.actor_type = 'state'")
    ev = pd.read_parquet(ROOT / "data" / "event_participants.parquet").merge(
        pd.read_parquet(ROOT / "data" / "actors.parquet"), on="actor_id")
    assert con.execute(q).fetchone()[0] == int((ev["actor_type"] == "state").sum())
    # the keys and types are enforced, not only declared
    con.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        con.execute("UPDATE event_participants SET actor_id = 'no_such_actor' WHERE rowid = 1")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE events SET event_id = (SELECT event_id FROM events WHERE rowid = 2) WHERE rowid = 1")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE events SET date_start = 'January' WHERE rowid = 1")


def test_sqlite_check_finds_a_changed_cell(released, tmp_path):
    import shutil

    from newsevents.release import check_sqlite

    db = tmp_path / "x.sqlite"
    shutil.copyfile(released / f"{STEM}.sqlite", db)
    assert check_sqlite(ROOT, db) == []
    con = sqlite3.connect(db)
    con.execute("UPDATE metrics SET value_min = value_min + 1 WHERE rowid = 3")
    con.commit()
    con.close()
    problems = check_sqlite(ROOT, db)
    assert len(problems) == 1 and problems[0].startswith("metrics.value_min: row 3 is")


def test_portal_folders_are_laid_out_as_each_portal_expects(released):
    card = (released / "huggingface" / "README.md").read_text("utf-8")
    for t in R.TABLES:
        assert f"path: data/{t.name}.parquet" in card
        assert (released / "huggingface" / "data" / f"{t.name}.parquet").read_bytes() == \
            (ROOT / "data" / f"{t.name}.parquet").read_bytes()
    kaggle = json.loads((released / "kaggle" / "dataset-metadata.json").read_text("utf-8"))
    # the Kaggle client's own checks (kaggle_api_extended.dataset_create_new): one licence, title and slug 6-50,
    # subtitle 20-80, every resource a file of the folder; it skips sub-folders, so the folder is flat
    assert len(kaggle["licenses"]) == 1
    assert 6 <= len(kaggle["title"]) <= 50 and 6 <= len(kaggle["id"].split("/")[1]) <= 50
    assert 20 <= len(kaggle["subtitle"]) <= 80
    files = {p.name for p in (released / "kaggle").iterdir()}
    assert all((released / "kaggle" / p).is_file() for p in files)
    assert {r["path"] for r in kaggle["resources"]} == files - {"dataset-metadata.json"}
    events = next(r for r in kaggle["resources"] if r["path"] == "events.parquet")
    assert [f["name"] for f in events["schema"]["fields"]] == R.table("events").column_names
    assert all(f["description"] for r in kaggle["resources"] if "schema" in r for f in r["schema"]["fields"])
    ckan = json.loads((released / "ckan" / "package.json").read_text("utf-8"))
    for r in ckan["resources"]:
        assert (released / "ckan" / r["url"]).stat().st_size == r["size"], r["url"]
    zen = json.loads((released / "zenodo" / "metadata.json").read_text("utf-8"))
    assert zen["metadata"]["upload_type"] == "dataset" and zen["metadata"]["version"] == __version__
    assert (released / "zenodo" / f"{STEM}.zip").read_bytes() == (released / f"{STEM}.zip").read_bytes()


def test_release_refuses_a_folder_that_is_no_release_and_keeps_it(tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    code, _, err = run(["--root", ROOT, "release", "--out", out], capsys)
    assert code == 1 and "is not an earlier release" in err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_release_of_an_invalid_package_writes_nothing(project, tmp_path, capsys, released):
    import shutil

    out = tmp_path / "rel"
    shutil.copytree(released, out)
    before = _tree(out)
    p = project / "data" / "events.csv"
    p.write_bytes(p.read_bytes().replace(b"COERCE", b"COERSE", 1))
    code, _, err = run(["--root", project, "release", "--out", out], capsys)
    assert code == 1 and "does not validate" in err
    assert _tree(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".release-")]


def test_metadata_errors_name_the_file_and_line(project):
    p = project / "metadata.yaml"
    text = p.read_text("utf-8")
    p.write_text(text.replace('title: "News events: evidence-linked event data"',
                              'title: "News events: evidence-linked events, statements, actors and metrics"'))
    with pytest.raises(InputError, match=r"metadata.yaml:\d+: title has 67 characters; portals \(Kaggle\) take 6 to 50"):
        load_metadata(project)
    p.write_text(text.replace("homepage: null", "homepage: example.org"))
    with pytest.raises(InputError, match=r"metadata.yaml:\d+: homepage must be an https:// address or null"):
        load_metadata(project)
    p.write_text(text.replace("    tables: [cameo_codes]\n    why", "    tables: [cameo_code]\n    why"))
    with pytest.raises(InputError, match="'cameo_code' is no table of the registry"):
        load_metadata(project)


def test_metadata_change_reaches_every_portal_file_and_check_sees_it(project, capsys):
    p = project / "metadata.yaml"
    p.write_text(p.read_text("utf-8").replace("repository: null", "repository: https://example.org/news-events"))
    code, _, err = run(["--root", project, "check"], capsys)
    assert code == 1
    for f in ("CITATION.cff", ".zenodo.json", "croissant.json", "portals/datacite.json", "portals/ckan/package.json",
              "portals/schema-org.jsonld"):
        assert f"{f}: differs from a rebuild" in err, f


def test_wheel_licence_covers_the_code_and_every_licence_of_the_data_it_ships():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    declared = set(project["license"].split(" AND "))
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    shipped = {"MIT"} | {lic["name"] for r in dp["resources"] for lic in r["licenses"]}
    assert declared == shipped
    assert "LICENSE-DATA" in project["license-files"]
    # a library states compatible ranges; the exact pins live in the lock
    assert not [d for d in project["dependencies"] if "==" in d]


def test_release_refuses_stale_portal_files(project, tmp_path, capsys):
    p = project / "metadata.yaml"
    p.write_text(p.read_text("utf-8").replace("keywords: [events,", "keywords: [event data,"))
    code, _, err = run(["--root", project, "release", "--out", tmp_path / "rel"], capsys)
    assert code == 1 and "differs from a rebuild of its inputs" in err
    assert "CITATION.cff: differs from a rebuild" in err
    assert not (tmp_path / "rel").exists()

