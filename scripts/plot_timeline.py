"""Timeline of the coded events and statements of every source, drawn from the tables (needs the `plot` extra).

    python scripts/plot_timeline.py [OUT.png]        (default: docs/timeline.png)

One panel per source, oldest first, each on its own time window: the eight weeks before its publication and
the days after. In a panel, one row per event (a dot for a day, a bar for a span, coloured by PLOVER quad
class) and one row with the source's statements (grey squares). A row reaching outside the window is clipped
with an arrow and labelled with its true start or end; an open (unknown) bound is an arrow without a date.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

import newsevents  # noqa: E402

QUAD_COLOURS = {1: "#4C9F70", 2: "#1F6F43", 3: "#E0A030", 4: "#C0392B"}
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
NO_TYPE, STATEMENT = "#7F8C8D", "#95A5A6"
BEFORE, AFTER = dt.timedelta(days=56), dt.timedelta(days=10)


def panels() -> list[dict]:
    t = newsevents.load_all()
    actors = dict(zip(t["actors"].actor_id, t["actors"].name))
    quad = dict(zip(t["plover_types"].plover_type, t["plover_types"].quad_class))
    parts = t["event_participants"]
    main_actor = parts[parts.role == "actor"].groupby("event_id").actor_id.first().to_dict()
    out = []
    for src in t["sources"].sort_values("publication_date").itertuples():
        rows = []
        for e in t["events"][t["events"].source_id == src.source_id].itertuples():
            ptype = e.plover_type if isinstance(e.plover_type, str) else "no PLOVER type"
            rows.append(dict(start=e.date_start, end=e.date_end, colour=QUAD_COLOURS.get(quad.get(e.plover_type), NO_TYPE),
                             label=f"{actors.get(main_actor.get(e.event_id), '?')}: {ptype} ({e.status}) — "
                                   f"{e.description[:55]}"))
        rows.sort(key=lambda r: (r["end"] or src.publication_date, r["start"] or dt.date.min))
        st = t["statements"][t["statements"].source_id == src.source_id]
        out.append(dict(title=f"{src.publication_date:%-d %b %Y} · {src.title[:95]}", pub=src.publication_date,
                        rows=rows, statements=list(zip(st.date_start, st.date_end))))
    return out


def _draw_span(ax, y, s, e, lo, hi, colour, marker_day="o", size=7):
    if s is not None and s == e:
        if lo <= s <= hi:
            ax.plot([s], [y], marker=marker_day, color=colour, markersize=size)
        else:
            ax.plot([lo if s < lo else hi], [y], marker="<" if s < lo else ">", color=colour, markersize=size)
            ax.annotate(f"{s:%Y-%m-%d}", (lo if s < lo else hi, y), xytext=(6 if s < lo else -6, 4),
                        textcoords="offset points", fontsize=6.5, color=colour, ha="left" if s < lo else "right")
        return
    a, b = max(s or lo, lo), min(e or hi, hi)
    if a <= b:
        ax.plot([a, b + dt.timedelta(hours=20)], [y, y], color=colour, linewidth=5, solid_capstyle="butt", alpha=0.85)
    if s is None or s < lo:
        ax.plot([lo], [y], marker="<", color=colour, markersize=size)
        if s is not None:
            ax.annotate(f"from {s:%Y-%m-%d}", (lo, y), xytext=(6, 4), textcoords="offset points", fontsize=6.5,
                        color=colour)
    if e is None or e > hi:
        ax.plot([hi], [y], marker=">", color=colour, markersize=size)
        if e is not None:
            ax.annotate(f"to {e:%Y-%m-%d}", (hi, y), xytext=(-6, 4), textcoords="offset points", fontsize=6.5,
                        color=colour, ha="right")


def draw(path: Path) -> None:
    data = panels()
    heights = [len(p["rows"]) + 2 for p in data]
    height = 0.3 * sum(heights) + 1.2 * len(data) + 1.5
    fig, axes = plt.subplots(len(data), 1, figsize=(13, height), squeeze=False, dpi=100,
                             gridspec_kw={"height_ratios": heights, "hspace": 0.32, "top": 1 - 1.1 / height,
                                          "bottom": 0.4 / height})
    for ax, p in zip(axes[:, 0], data):
        lo, hi = p["pub"] - BEFORE, p["pub"] + AFTER
        labels = []
        for y, r in enumerate(p["rows"]):
            _draw_span(ax, y, r["start"], r["end"], lo, hi, r["colour"])
            labels.append(r["label"])
        y = len(p["rows"])
        for s, e in p["statements"]:
            _draw_span(ax, y, s, e, lo, hi, STATEMENT, marker_day="s", size=6)
        labels.append(f"statements ({len(p['statements'])})")
        ax.axvline(p["pub"], color="#34495E", linestyle=":", linewidth=1)
        ax.set_xlim(lo, hi + dt.timedelta(days=1))
        ax.set_ylim(-0.8, y + 0.8)
        ax.set_yticks(range(len(labels)), labels, fontsize=7)
        ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))
        ax.tick_params(axis="x", labelsize=7)
        ax.set_title(p["title"], fontsize=8.5, loc="left")
        for side in ("right", "top"):
            ax.spines[side].set_visible(False)
    handles = [plt.Line2D([], [], color=c, marker="o", linestyle="", label=f"event: {QUAD_LABELS[q]}")
               for q, c in QUAD_COLOURS.items()]
    handles += [plt.Line2D([], [], color=NO_TYPE, marker="o", linestyle="", label="event: no PLOVER type"),
                plt.Line2D([], [], color=STATEMENT, marker="s", linestyle="", label="statement"),
                plt.Line2D([], [], color="#555", linewidth=5, label="span (weekend, month, interval)"),
                plt.Line2D([], [], color="#555", marker=">", linestyle="", label="clipped or open bound"),
                plt.Line2D([], [], color="#34495E", linestyle=":", label="publication date")]
    fig.legend(handles=handles, loc="upper center", ncol=5, fontsize=7.5, frameon=False,
               bbox_to_anchor=(0.5, 1 - 0.35 / height))
    fig.suptitle(f"Events and statements of the {len(data)} sources on their dates (one panel per source, "
                 "eight weeks before publication to ten days after)", fontsize=10, y=1 - 0.1 / height)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs" / "timeline.png"
    draw(out)
    print(f"wrote {out}")
