"""Answer real questions from the data with joins (run: python scripts/examples.py).

1. Who said what, and when?
2. Events by PLOVER quad class.
3. Each metric with its claimant and hedge.
"""

from __future__ import annotations

import pandas as pd

import newsevents


def who_said_what(t: dict) -> pd.DataFrame:
    s = t["statements"].merge(t["actors"][["actor_id", "name"]], left_on="speaker_actor_id", right_on="actor_id")
    s = s.merge(t["events"][["event_id", "description"]].rename(columns={"event_id": "setting_event_id",
                                                                         "description": "setting"}),
                on="setting_event_id", how="left")
    out = s[["date_value", "name", "statement_type", "quote_type", "reporting_verb", "setting", "quote"]]
    return out.rename(columns={"name": "speaker"}).sort_values(["date_value", "speaker"], kind="stable")


def events_by_quad_class(t: dict) -> pd.DataFrame:
    e = t["events"].merge(t["plover_types"][["plover_type", "quad_class"]], on="plover_type", how="left")
    e = e.merge(t["cameo_codes"][["cameo_code", "goldstein"]], on="cameo_code", how="left")
    e["quad_class"] = e["quad_class"].map(lambda q: "no PLOVER type" if pd.isna(q) else {
        1: "1 verbal cooperation", 2: "2 material cooperation", 3: "3 verbal conflict", 4: "4 material conflict"}[q])
    return (e.groupby("quad_class")
             .agg(events=("event_id", "count"), mean_goldstein=("goldstein", "mean"),
                  event_ids=("event_id", lambda s: ", ".join(sorted(s))))
             .reset_index())


def metrics_with_claimants(t: dict) -> pd.DataFrame:
    m = t["metrics"].merge(t["actors"][["actor_id", "name"]], left_on="claimant_actor_id", right_on="actor_id")
    m = m.merge(t["statements"][["statement_id", "reporting_verb"]], on="statement_id", how="left")
    m["figure"] = m.apply(lambda r: f"{r.value:g}" if pd.notna(r.value) else f"{r.value_min:g}–{r.value_max:g}",
                          axis=1)
    out = m[["metric_id", "figure", "unit", "direction", "name", "data_status", "hedge", "period_value", "quote"]]
    return out.rename(columns={"name": "claimant"})


def main() -> None:
    t = newsevents.load_all()
    print("1. Who said what, and when?\n")
    for r in who_said_what(t).itertuples():  # one block per statement: nothing is cut
        verb = f", {r.reporting_verb}" if isinstance(r.reporting_verb, str) else ""
        setting = f" (setting: {r.setting})" if isinstance(r.setting, str) else ""
        print(f"{r.date_value}  {r.speaker}: {r.statement_type}, {r.quote_type}{verb}{setting}\n    {r.quote}")
    print("\n2. Events by PLOVER quad class\n")
    print(events_by_quad_class(t).to_string(index=False, max_colwidth=90))
    print("\n3. Each metric with its claimant and hedge\n")
    print(metrics_with_claimants(t).to_string(index=False, max_colwidth=90))


if __name__ == "__main__":
    main()
