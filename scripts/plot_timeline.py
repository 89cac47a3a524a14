"""Timeline of the coded events and statements, drawn from the tables (needs the `plot` extra: matplotlib).

    python scripts/plot_timeline.py [OUT.png]        (default: docs/timeline.png)

One row per event or statement, placed on its dates: a dot for a day, a bar for a span (a weekend, a month,
an interval), an arrow where a bound is open (null). Events are coloured by PLOVER quad class, statements
are grey. Each row is labelled with the main actor (events) or the speaker (statements).
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


def rows() -> list[dict]:
    t = newsevents.load_all()
    actors = dict(zip(t["actors"].actor_id, t["actors"].name))
    quad = dict(zip(t["plover_types"].plover_type, t["plover_types"].quad_class))
    parts = t["event_participants"]
    main_actor = parts[parts.role == "actor"].groupby("event_id").actor_id.first().to_dict()
    out = []
    for e in t["events"].itertuples():
        q = quad.get(e.plover_type) if isinstance(e.plover_type, str) else None
        label = f"{actors.get(main_actor.get(e.event_id), '?')}: {e.plover_type if isinstance(e.plover_type, str) else 'no PLOVER type'} ({e.status})"
        out.append(dict(kind="event", start=e.date_start, end=e.date_end, precision=e.date_precision, label=label,
                        colour=QUAD_COLOURS.get(q, "#7F8C8D"), text=e.description))
    for s in t["statements"].itertuples():
        out.append(dict(kind="statement", start=s.date_start, end=s.date_end, precision=s.date_precision,
                        label=f"{actors[s.speaker_actor_id]}: {s.statement_type} ({s.quote_type})",
                        colour="#95A5A6", text=s.description))
    pub = t["sources"].publication_date.iloc[0]
    return sorted(out, key=lambda r: (r["end"] or pub, r["start"] or dt.date.min, r["kind"])), pub


def _windows(data, pub):
    """Two x windows (a broken axis): around the earliest dated row, and the weeks before publication."""
    recent_lo = pub - dt.timedelta(days=14)
    early = [r["start"] for r in data if r["start"] and r["start"] < recent_lo]
    recent = (recent_lo, pub + dt.timedelta(days=4))
    if not early:
        return [recent]
    first = min(early)
    return [(first - dt.timedelta(days=10), first + dt.timedelta(days=45)), recent]


def draw(path: Path) -> None:
    data, pub = rows()
    windows = _windows(data, pub)
    n = len(data)
    fig, axes = plt.subplots(1, len(windows), sharey=True, figsize=(14, 0.36 * n + 2),
                             gridspec_kw={"width_ratios": [1] * (len(windows) - 1) + [3], "wspace": 0.04}, dpi=110)
    axes = list(axes) if len(windows) > 1 else [axes]
    for ax, (lo, hi) in zip(axes, windows):
        for y, r in enumerate(data):
            s, e = r["start"], r["end"]
            if s is not None and s == e:
                if lo <= s <= hi:
                    ax.plot([s], [y], marker="o" if r["kind"] == "event" else "s", color=r["colour"], markersize=8)
                continue
            a, b = max(s or lo, lo), min(e or hi, hi)
            if a <= b:
                ax.plot([a, b + dt.timedelta(hours=20)], [y, y], color=r["colour"], linewidth=6,
                        solid_capstyle="butt", alpha=0.85)
            if s is None and ax is axes[0]:
                ax.plot([lo], [y], marker="<", color=r["colour"], markersize=7)
            if e is None and ax is axes[-1]:
                ax.plot([hi], [y], marker=">", color=r["colour"], markersize=7)
        ax.set_xlim(lo, hi + dt.timedelta(days=1))
        if lo <= pub <= hi:
            ax.axvline(pub, color="#34495E", linestyle=":", linewidth=1)
            ax.text(pub, n - 0.4, "publication", fontsize=8, color="#34495E", ha="center")
        span = (hi - lo).days
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=2) if span < 40 else mdates.MonthLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b" if span < 40 else "%b %Y"))
        ax.tick_params(axis="x", labelsize=8, rotation=45)
        for side in ("right", "top"):
            ax.spines[side].set_visible(False)
    for ax in axes[1:]:
        ax.spines["left"].set_linestyle((0, (2, 3)))
        ax.tick_params(axis="y", length=0)
    axes[0].set_yticks(range(n), [f"{r['label']} — {r['text'][:60]}" for r in data], fontsize=7.5)
    axes[0].set_ylim(-1, n + 0.5)
    handles = [plt.Line2D([], [], color=c, marker="o", linestyle="", label=f"event: {QUAD_LABELS[q]}")
               for q, c in QUAD_COLOURS.items()]
    handles += [plt.Line2D([], [], color="#7F8C8D", marker="o", linestyle="", label="event: no PLOVER type"),
                plt.Line2D([], [], color="#95A5A6", marker="s", linestyle="", label="statement"),
                plt.Line2D([], [], color="#555", linewidth=5, label="span: weekend, month or interval"),
                plt.Line2D([], [], color="#555", marker="<", linestyle="", label="open bound (unknown start/end)")]
    axes[-1].legend(handles=handles, loc="upper left", fontsize=7.5, frameon=True, framealpha=0.9)
    fig.suptitle("Events and statements coded from the article of 9 January 2026, on their dates "
                 "(broken time axis)", fontsize=10)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs" / "timeline.png"
    draw(out)
    print(f"wrote {out}")
