"""Each portal file gated by that portal's own validator, offline: cffconvert (CITATION.cff), the DataCite 4.5
schema of the `datacite` package, mlcroissant (validate, and a load of every record set), Hugging Face
`datasets` (every config of the card), each run in .venv-publish (requirements-publish.lock, `make
publish-tools`). Each gate is also shown to fail on a broken copy, so a green run means something.

`make test` installs .venv-publish first; outside CI a missing one skips these tests with that reason."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap

import pyarrow.parquet as pq
import pytest

from conftest import ROOT
from newsevents import registry as R

PUB = ROOT / ".venv-publish" / "bin"
OFFLINE = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}

if not (PUB / "python").exists():
    if os.environ.get("CI"):
        raise RuntimeError(".venv-publish is missing: `make test` installs it (make publish-tools)")
    pytest.skip("the portals' validators are not installed: run `make publish-tools`", allow_module_level=True)


def pub(args, cwd=ROOT, env=None, **kw):
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env or OFFLINE,
                          timeout=600, **kw)


def pub_python(code: str, *args, cwd=ROOT, env=None):
    proc = pub([PUB / "python", "-c", textwrap.dedent(code), *args], cwd=cwd, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def parquet_rows(table: str) -> int:
    return pq.ParquetFile(ROOT / "data" / f"{table}.parquet").metadata.num_rows


# -- CITATION.cff --------------------------------------------------------------------------------------------------

def test_citation_cff_is_valid_for_cffconvert(tmp_path):
    proc = pub([PUB / "cffconvert", "--validate", "-i", ROOT / "CITATION.cff"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid according to schema version 1.2.0" in proc.stdout
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text("utf-8").replace("type: dataset", "type: spreadsheet"))
    assert pub([PUB / "cffconvert", "--validate", "-i", broken]).returncode != 0


# -- DataCite ------------------------------------------------------------------------------------------------------

def test_datacite_record_is_valid_against_the_datacite_4_5_schema():
    result = pub_python("""
        import json, sys
        from datacite import schema45
        rec = json.load(open(sys.argv[1]))
        without = {k: v for k, v in rec.items() if k != "publisher"}
        xml = schema45.tostring(rec)
        print(json.dumps([schema45.validate(rec), schema45.validate(without), "<publisher>" in xml]))
    """, ROOT / "portals" / "datacite.json")
    assert result == [True, False, True]


# -- Croissant -----------------------------------------------------------------------------------------------------

def test_croissant_passes_mlcroissant_validate(tmp_path):
    proc = pub([PUB / "mlcroissant", "validate", "--jsonld", ROOT / "croissant.json"])
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "error(s)" not in proc.stderr
    broken = json.loads((ROOT / "croissant.json").read_text("utf-8"))
    broken["recordSet"][2]["field"][1]["references"] = {"field": {"@id": "nowhere/x"}}
    (tmp_path / "croissant.json").write_text(json.dumps(broken))
    proc = pub([PUB / "mlcroissant", "validate", "--jsonld", tmp_path / "croissant.json"])
    assert proc.returncode != 0 and "doesn't exist" in proc.stderr


def test_every_croissant_record_set_loads_with_the_parquet_files_rows_and_keys():
    loaded = pub_python("""
        import json, sys
        import mlcroissant as mlc
        path = sys.argv[1]
        out = {}
        for rs in json.load(open(path))["recordSet"]:
            # one Dataset per record set: mlcroissant 1.1.1 fails a second record set read from the same object
            keys = rs["key"] if isinstance(rs["key"], list) else [rs["key"]]
            cols = [k["@id"] for k in keys]
            rows = set()
            for rec in mlc.Dataset(jsonld=path).records(record_set=rs["@id"]):
                rows.add(tuple(v.decode() if isinstance(v, bytes) else v for v in (rec[c] for c in cols)))
            out[rs["@id"]] = sorted(map(list, rows))
        print(json.dumps(out))
    """, ROOT / "croissant.json")
    assert set(loaded) == {t.name for t in R.TABLES}
    for t in R.TABLES:
        df = pq.read_table(ROOT / "data" / f"{t.name}.parquet", columns=list(t.primary_key)).to_pylist()
        want = sorted([r[k] for k in t.primary_key] for r in df)
        # as many distinct keys as the Parquet file has rows: every row loaded once, none invented
        assert loaded[t.name] == want, t.name


def test_croissant_declares_keys_and_the_acyclic_references():
    from newsevents.portals import croissant_references

    doc = json.loads((ROOT / "croissant.json").read_text("utf-8"))
    assert doc["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    by_name = {rs["@id"]: rs for rs in doc["recordSet"]}
    declared = croissant_references()
    for t in R.TABLES:
        fields = {f["name"]: f for f in by_name[t.name]["field"]}
        assert list(fields) == t.column_names
        for col, ref_table, ref_col in t.foreign_keys:
            if (t.name, col) in declared:
                assert fields[col]["references"] == {"field": {"@id": f"{ref_table}/{ref_col}"}}
            else:
                assert f"Foreign key to {ref_table}.{ref_col}" in fields[col]["description"]
    assert len(declared) == sum(len(t.foreign_keys) for t in R.TABLES) - 3  # two self-references, one back-edge


# -- Hugging Face ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hf_folder(tmp_path_factory):
    from newsevents.release import release

    out = tmp_path_factory.mktemp("hf") / "release"
    release(ROOT, out)
    return out / "huggingface"


def test_every_hugging_face_config_loads_offline_with_the_parquet_rows(hf_folder, tmp_path):
    env = {**OFFLINE, "HF_HOME": str(tmp_path / "hf-home")}
    counts = pub_python("""
        import json, sys
        import datasets
        folder = sys.argv[1]
        names = datasets.get_dataset_config_names(folder)
        print(json.dumps({n: datasets.load_dataset(folder, n, split="train").num_rows for n in names}))
    """, hf_folder, env=env)
    assert counts == {t.name: parquet_rows(t.name) for t in R.TABLES}


def test_hugging_face_card_declares_licences_and_one_config_per_table(hf_folder):
    import yaml

    text = (hf_folder / "README.md").read_text("utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["license"] == ["cc-by-4.0", "mit", "cc-by-sa-4.0"]
    assert [c["config_name"] for c in front["configs"]] == [t.name for t in R.TABLES]
    assert [c for c in front["configs"] if c.get("default")] == [front["configs"][[t.name for t in R.TABLES]
                                                                                  .index("events")]]
    # the body is the codebook: every table and column documented
    for t in R.TABLES:
        assert f"`{t.name}`" in text
