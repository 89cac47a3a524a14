"""Four questions answered with the flat event view (event_dyads) and the quotations, with two plots.

    python examples/analysis.py [OUT_DIR]        (default: docs/; needs the `plot` extra: matplotlib)

1. Who acts, and on whom? Actors by number of events as actor (actor 1) and as recipient (actor 2).
2. When did conflict and cooperation happen? Events over time by PLOVER quad class, across the corpus.
3. How conflictual is each source? Mean Goldstein score of its events.
4. Who is quoted in their own words? Quoted passages by speaker.

Writes docs/actors_by_role.png and docs/events_by_quad_class.png (byte-identical for the same tables).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import newsevents  # noqa: E402

QUAD = {1: ("verbal cooperation", "#4C9F70"), 2: ("material cooperation", "#1F6F43"),
        3: ("verbal conflict", "#E0A030"), 4: ("material conflict", "#C0392B")}


def actors_by_role(dyads: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Events per actor as actor 1 and as actor 2 (an event counts once per side, whatever its number of pairs)."""
    a1 = dyads.dropna(subset=["actor1_id"]).drop_duplicates(["event_id", "actor1_id"])
    a2 = dyads.dropna(subset=["actor2_id"]).drop_duplicates(["event_id", "actor2_id"])
    out = pd.DataFrame({"as_actor": a1.groupby("actor1_name").size(),
                        "as_recipient": a2.groupby("actor2_name").size()}).fillna(0).astype(int)
    out["total"] = out.sum(axis=1)
    out = out.sort_values(["total", "as_actor"], ascending=False, kind="stable").head(top)
    return out.rename_axis("actor").reset_index()


def events_over_time(dyads: pd.DataFrame) -> pd.DataFrame:
    """Distinct events per year and quad class; an event is dated by its earliest known day, else its latest,
    else its source's publication date."""
    ev = dyads.drop_duplicates("event_id").copy()
    day = ev["date_start"].where(ev["date_start"].notna(), ev["date_end"])
    day = day.where(day.notna(), ev["publication_date"])
    ev["year"] = [d.year for d in day]
    ev = ev.dropna(subset=["quad_class"])
    table = ev.groupby(["year", "quad_class"]).size().unstack(fill_value=0)
    return table.reindex(columns=list(QUAD), fill_value=0)


def goldstein_by_source(dyads: pd.DataFrame) -> pd.DataFrame:
    ev = dyads.drop_duplicates("event_id")
    out = (ev.groupby(["publication_date", "source_title"])
             .agg(events=("event_id", "size"), coded_with_cameo=("goldstein", "count"),
                  mean_goldstein=("goldstein", "mean"))
             .reset_index())
    out["mean_goldstein"] = out["mean_goldstein"].round(2)
    out["source_title"] = out["source_title"].str.slice(0, 60)
    return out


def quoted_speakers(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    q = quotes.merge(actors[["actor_id", "name"]], left_on="speaker_actor_id", right_on="actor_id")
    return (q.groupby(["name", "quote_type"], observed=True).size().rename("passages").reset_index()
             .sort_values(["passages", "name"], ascending=[False, True], kind="stable"))


def plot_actors(table: pd.DataFrame, path: Path) -> None:
    t = table.iloc[::-1]
    fig, ax = plt.subplots(figsize=(9, 0.38 * len(t) + 1.2), dpi=100)
    ax.barh(t["actor"], t["as_actor"], color="#2E86C1", label="as actor (actor 1)")
    ax.barh(t["actor"], t["as_recipient"], left=t["as_actor"], color="#AED6F1", label="as recipient (actor 2)")
    ax.set_xlabel("events")
    ax.set_title(f"The {len(t)} actors in most events, as actor and as recipient (all sources)", fontsize=10,
                 loc="left")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)
    fig.savefig(path, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)


def plot_time(table: pd.DataFrame, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(9, 3.8), dpi=100)
    years = [str(y) for y in table.index]
    bottom = [0] * len(table)
    for q, (label, colour) in QUAD.items():
        values = list(table[q])
        ax.bar(years, values, bottom=bottom, color=colour, label=f"{q} {label}")
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_ylabel("events")
    ax.set_title("Events by year and PLOVER quad class (each event on its earliest known day; years without "
                 "events are omitted)", fontsize=10, loc="left")
    ax.legend(fontsize=8, frameon=False, ncol=2)
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)
    fig.savefig(path, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)


def main(out: Path) -> None:
    dyads = newsevents.load("event_dyads")
    quotes, actors = newsevents.load("quotations"), newsevents.load("actors")
    with pd.option_context("display.width", 160, "display.max_colwidth", 60):
        print("1. Who acts, and on whom?\n")
        who = actors_by_role(dyads)
        print(who.to_string(index=False))
        print("\n2. Events by year and PLOVER quad class\n")
        when = events_over_time(dyads)
        print(when.rename(columns={q: label for q, (label, _) in QUAD.items()}).to_string())
        print("\n3. Mean Goldstein score of each source's events\n")
        print(goldstein_by_source(dyads).to_string(index=False))
        print("\n4. Who is quoted in their own words?\n")
        print(quoted_speakers(quotes, actors).to_string(index=False))
    out.mkdir(parents=True, exist_ok=True)
    plot_actors(who, out / "actors_by_role.png")
    plot_time(when, out / "events_by_quad_class.png")
    print(f"\nwrote {out / 'actors_by_role.png'} and {out / 'events_by_quad_class.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs")
