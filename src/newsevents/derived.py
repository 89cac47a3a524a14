"""Derived tables: computed by the build from the coded tables, and recomputed by validation to prove they
equal what they come from. Nothing here is coded by hand.

* ``quotations``  -- every passage a direct or partial statement reproduces inside quotation marks;
* ``event_dyads`` -- the flat view of events: one row per event and actor/recipient pair, with names, types,
  countries, codes and their labels, Goldstein score, quad class, dates and the source.
"""

from __future__ import annotations

import re

import pandas as pd

from . import registry as R
from .detectors import QUOTATION_PATTERNS

DERIVED_TABLES = tuple(t for t in R.TABLES if t.kind == "derived")


# each pattern with the quotation mark that opens its passages: a text without that mark has none of them
_OPENED_BY = [(p, re.search(r"[“\"‘«„]", p).group()) for p in QUOTATION_PATTERNS]


def _passages(text: str) -> list[tuple[int, int]]:
    """Spans of every quoted passage in ``text``, quotation marks included."""
    spans = set()
    for p, mark in _OPENED_BY:
        if mark in text:
            spans.update((m.start(), m.end()) for m in re.finditer(p, text) if m.end() - m.start() > 2)
    return sorted(spans)


def quotations(frames: dict, seeds: dict) -> pd.DataFrame:
    st = frames["statements"]
    quoting = st[st["quote_type"].astype(str).isin(["direct", "partial"])]
    passages = pd.DataFrame([(sid, s, e) for sid, text in seeds.items() for s, e in _passages(text)],
                            columns=["source_id", "p_start", "p_end"])
    cols = ["statement_id", "speaker_actor_id", "quote_type", "reporting_verb", "source_id", "char_start", "char_end"]
    m = passages.merge(quoting[cols], on="source_id")
    m = m[(m["char_start"] <= m["p_start"]) & (m["p_end"] <= m["char_end"])].copy()
    m["length"] = m["char_end"] - m["char_start"]
    # each passage belongs to the shortest statement that holds it whole (then the earliest, then by id)
    m = m.sort_values(["source_id", "p_start", "length", "char_start", "statement_id"], kind="stable")
    m = m.drop_duplicates(["source_id", "p_start", "p_end"], keep="first")
    m = m.sort_values(["statement_id", "p_start"], kind="stable")
    m["n"] = m.groupby("statement_id").cumcount() + 1
    out = pd.DataFrame({
        "quotation_id": m["statement_id"] + "_q" + m["n"].map("{:02d}".format),
        "statement_id": m["statement_id"], "speaker_actor_id": m["speaker_actor_id"],
        "quote_type": m["quote_type"].astype(str), "reporting_verb": m["reporting_verb"],
        "source_id": m["source_id"], "char_start": m["p_start"] + 1, "char_end": m["p_end"] - 1,
    })
    out["quote"] = [seeds[s][a:b] for s, a, b in zip(out["source_id"], out["char_start"], out["char_end"])]
    return out.reset_index(drop=True)


def event_dyads(frames: dict) -> pd.DataFrame:
    ev, parts, actors = frames["events"], frames["event_participants"], frames["actors"]
    who = actors[["actor_id", "name", "actor_type", "country_iso3"]]

    def side(role: str, n: int) -> pd.DataFrame:
        p = parts[parts["role"].astype(str) == role][["event_id", "actor_id"]].merge(who, on="actor_id", how="left")
        return p.rename(columns={"actor_id": f"actor{n}_id", "name": f"actor{n}_name", "actor_type": f"actor{n}_type",
                                 "country_iso3": f"actor{n}_country_iso3"})

    base = ev[["event_id", "source_id", "cameo_code", "plover_type", "plover_mode_id", "status", "is_aggregate",
               "date_start", "date_end", "date_precision", "location_country_iso3", "quote"]]
    d = base.merge(side("actor", 1), on="event_id", how="left").merge(side("recipient", 2), on="event_id", how="left")
    src = frames["sources"][["source_id", "title", "publication_date"]].rename(columns={"title": "source_title"})
    d = d.merge(src, on="source_id", how="left")
    cameo = frames["cameo_codes"][["cameo_code", "name", "goldstein"]].rename(columns={"name": "cameo_name"})
    d = d.merge(cameo, on="cameo_code", how="left")
    d = d.merge(frames["plover_types"][["plover_type", "quad_class"]], on="plover_type", how="left")
    ep = frames["event_places"]
    loc = ep[ep["place_role"].astype(str) == "location"].sort_values(["event_id", "char_start", "place_id"],
                                                                     kind="stable").drop_duplicates("event_id")
    loc = loc[["event_id", "place_id"]].merge(
        frames["places"][["place_id", "name", "latitude", "longitude"]].rename(columns={"name": "place_name"}),
        on="place_id", how="left")
    d = d.merge(loc, on="event_id", how="left")
    d = d.sort_values(["event_id", "actor1_id", "actor2_id"], kind="stable", na_position="first")
    d["event_dyad_id"] = d["event_id"] + "_d" + (d.groupby("event_id").cumcount() + 1).map("{:02d}".format)
    return d[R.EVENT_DYADS.column_names].reset_index(drop=True)


# the tables each derived table is computed from ("seeds": the seed texts the sources table names)
INPUTS = {"quotations": ("statements", "seeds"),
          "event_dyads": ("events", "event_participants", "actors", "event_places", "places", "sources", "cameo_codes",
                          "plover_types")}
DERIVE = {"quotations": lambda frames, seeds: quotations(frames, seeds),
          "event_dyads": lambda frames, seeds: event_dyads(frames)}
