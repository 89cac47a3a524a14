"""The package's identity and credit, read once from metadata.yaml (the one place they are declared).

datapackage.json and every portal file (portals.py) take their title, creators, publisher, licences, keywords
and links from here; the version and release date come from __about__.py.  A problem names the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import registry as R
from .__about__ import RELEASED, __version__
from .yamlio import InputError, load_yaml

KEYS = {"name", "title", "long_title", "subtitle", "keywords", "language", "creators", "publisher", "homepage",
        "repository", "kaggle_owner", "licenses", "known_licenses", "vocabulary_sources"}
REQUIRED = KEYS - {"homepage", "repository", "kaggle_owner"}
ROLES = {"creator", "ContactPerson", "DataCollector", "DataCurator", "DataManager", "Distributor", "Editor",
         "Producer", "ProjectLeader", "ProjectManager", "ProjectMember", "RelatedPerson", "Researcher",
         "ResearchGroup", "RightsHolder", "Sponsor", "Supervisor", "Other"}


@dataclass(frozen=True)
class Metadata:
    name: str
    title: str
    long_title: str
    subtitle: str
    keywords: list
    language: str
    creators: list  # of {"name", "kind": person|organization, "roles": [...], optional "orcid", "affiliation"}
    publisher: str
    homepage: str | None
    repository: str | None
    kaggle_owner: str | None
    licenses: list  # of {"id", "tables": "default" | [...], optional "why"}
    known_licenses: dict  # SPDX id -> {"title", "path"}
    vocabulary_sources: list  # of {"tables", "title", "path", "version"}
    version: str = __version__
    released: str = RELEASED

    @property
    def release_date(self) -> str:
        return self.released[:10]

    def license(self, spdx: str) -> dict:
        """A Data Package licence object for an SPDX id (title and address when known)."""
        known = self.known_licenses.get(spdx)
        if known:
            return {"name": spdx, "path": known["path"], "title": known["title"]}
        return {"name": spdx, "title": spdx}

    @property
    def default_license(self) -> str:
        return next(lic["id"] for lic in self.licenses if lic["tables"] == "default")

    def table_license(self, table: str) -> str:
        for lic in self.licenses:
            if lic["tables"] != "default" and table in lic["tables"]:
                return lic["id"]
        return self.default_license

    def table_sources(self, table: str) -> list[dict]:
        return [{k: s[k] for k in ("title", "path", "version") if s.get(k)}
                for s in self.vocabulary_sources if table in s["tables"]]

    @property
    def vocabulary_source_objects(self) -> list[dict]:
        return [{k: s[k] for k in ("title", "path", "version") if s.get(k)} for s in self.vocabulary_sources]

    @property
    def links(self) -> list[str]:
        return [u for u in (self.homepage, self.repository) if u]


def load_metadata(root: Path) -> Metadata:
    path = Path(root) / "metadata.yaml"
    data = load_yaml(path)

    def fail(key: str | None, message: str, line: int | None = None):
        raise InputError(path, line or (data.line_of(key) if key else None), message)

    unknown = sorted(set(data) - KEYS)
    if unknown:
        fail(unknown[0], f"unknown key {unknown[0]!r}; the keys are {', '.join(sorted(KEYS))}")
    for k in sorted(REQUIRED):
        if data.get(k) in (None, "", [], {}):
            fail(None, f"{k!r} is required")
    for k in ("name", "title", "long_title", "subtitle", "publisher", "language"):
        if not isinstance(data[k], str):
            fail(k, f"{k} must be a string")
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", data["name"]):
        fail("name", "name must be lower-case letters, digits, '.', '_' or '-' (a Data Package name)")
    if not 6 <= len(data["title"]) <= 50:
        fail("title", f"title has {len(data['title'])} characters; portals (Kaggle) take 6 to 50: put the longer "
             "one in long_title")
    if not 20 <= len(data["subtitle"]) <= 80:
        fail("subtitle", f"subtitle has {len(data['subtitle'])} characters; Kaggle takes 20 to 80")
    for k in ("homepage", "repository"):
        if data.get(k) is not None and not re.fullmatch(r"https://\S+", str(data[k])):
            fail(k, f"{k} must be an https:// address or null")
    creators = data["creators"]
    for i, c in enumerate(creators):
        line = creators.item_lines[i] if hasattr(creators, "item_lines") else None
        if not isinstance(c, dict) or not c.get("name") or c.get("kind") not in ("person", "organization"):
            fail(None, "each creator needs a name and kind: person or organization", line)
        bad = set(c.get("roles") or []) - ROLES
        if not c.get("roles") or bad:
            fail(None, f"creator {c.get('name')!r}: roles must be some of {', '.join(sorted(ROLES))}", line)
    if not any("creator" in c["roles"] for c in creators):
        fail("creators", "at least one creator has the role 'creator'")
    known = data["known_licenses"]
    defaults = [lic for lic in data["licenses"] if lic.get("tables") == "default"]
    if len(defaults) != 1:
        fail("licenses", "exactly one licence has tables: default")
    names = {t.name for t in R.TABLES}
    for lic in data["licenses"]:
        if lic.get("id") not in known:
            fail("licenses", f"licence {lic.get('id')!r} is not in known_licenses")
        if lic["tables"] != "default":
            for t in set(lic["tables"]) - names:
                fail("licenses", f"licence {lic['id']}: {t!r} is no table of the registry")
    for s in data["vocabulary_sources"]:
        for t in set(s.get("tables") or []) - names:
            fail("vocabulary_sources", f"{t!r} is no table of the registry")
    return Metadata(**{k: data.get(k) for k in KEYS})
