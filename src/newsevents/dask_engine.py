"""The declared rules of rules.py on a Dask cluster (``newsevents validate --engine dask``), for corpora that outgrow
one machine.

Every rule runs its own check, unchanged, on pandas slices of its table that Dask reads from the Parquet files and
hands to the workers; what else a check reads is declared beside it in rules.py and decides how it is fed:

- ``row`` rules read only the rows they check (and the seed texts): each partition is checked on its own;
- ``lookup`` rules also read other tables' columns in full (the key sets foreign keys refer to, the columns that
  refer to a registry, each source's issuer): Dask computes those columns' distinct rows and every partition
  gets them;
- ``together`` rules need every row sharing a key in one slice (all mentions of an event with the event, a
  metric with its statement, registry records that share a name): the table, and the other tables the rule
  reads, are shuffled on that key into the same number of partitions, so that partition i of each holds exactly
  the rows whose key hashes to i, and each such group of partitions is checked together.

Failures carry the same row keys, columns and messages as the default engine's (validate.rule_failures builds
both). The seed texts are read on the client and sent once to each worker.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd

from . import registry as R
from .rules import BY_CODE, RULES, Context
from .validate import Failure, rule_failures

LAYER = {"row": "rules", "table": "cross-table"}
KEY = "_together_key"  # the shuffle key column added to the frames of a `together` rule
TABLE_ORDER = {t.name: i for i, t in enumerate(R.TABLES)}
RULE_ORDER = {r.code: i for i, r in enumerate(RULES)}


def _config():
    import dask

    # the frames must be the ones pandas reads (pandas' own string dtype, dates as objects), for the checks and
    # their messages to be the default engine's; shuffles by tasks work on any scheduler, without the p2p extension
    return dask.config.set({"dataframe.convert-string": False, "dataframe.shuffle.method": "tasks"})


def _join(root, *parts) -> str:
    """A path under the package root: a local folder or any fsspec URL (s3://, gs://, hdfs://...)."""
    return "/".join([str(root).rstrip("/"), *parts])


def read_tables(package_root, partition_rows: int | None = None, tables=None) -> dict:
    """Each table's Parquet file as a Dask DataFrame (of every table, or of ``tables``); a file that cannot be read
    raises. ``partition_rows`` splits tables into partitions of at most that many rows; by default Dask partitions
    by file and row group."""
    import dask.dataframe as dd
    import pyarrow.parquet as pq
    from fsspec.core import url_to_fs

    out = {}
    with _config():
        for t in R.TABLES:
            if tables is not None and t.name not in tables:
                continue
            path = _join(package_root, "data", f"{t.name}.parquet")
            ddf = dd.read_parquet(path)
            if partition_rows:
                fs, local = url_to_fs(path)
                rows = pq.read_metadata(local, filesystem=fs).num_rows
                ddf = ddf.repartition(npartitions=max(1, -(-rows // partition_rows)))
            out[t.name] = ddf
    return out


def _read_seeds(package_root, ddfs: dict) -> dict:
    """The seed texts by source id, read on the client (the validation's seed layer checks their hashes)."""
    import fsspec

    src = ddfs.get("sources")
    if src is None or not {"source_id", "seed_path"} <= set(src.columns):
        return {}
    rows = src[["source_id", "seed_path"]].compute()
    seeds = {}
    for sid, path in zip(rows["source_id"], rows["seed_path"]):
        try:
            with fsspec.open(_join(package_root, str(path)), "rb") as fh:
                seeds[sid] = fh.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return seeds


_CONNECTIONS: dict = {}  # worker thread id -> its DuckDB connection


def _connection():
    """One DuckDB connection per worker thread, reused by the slices it checks (opening one takes ~50 ms)."""
    import duckdb

    con = _CONNECTIONS.get(threading.get_ident())
    if con is None:
        con = _CONNECTIONS[threading.get_ident()] = duckdb.connect()
    return con


def _close_connections() -> None:
    """Close this worker's connections once the checks are done (left open, DuckDB complains at exit)."""
    while _CONNECTIONS:
        _CONNECTIONS.popitem()[1].close()


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """A slice as the checks see a whole table: without the shuffle key, indexed 0..n-1."""
    return (df.drop(columns=KEY) if KEY in df.columns else df).reset_index(drop=True)


def _check_slice(part: pd.DataFrame, table: str, codes: tuple, frames: dict, seeds: dict) -> list:
    """Run the rules ``codes`` on one slice of ``table`` with the other frames they read; runs on a worker."""
    t, df = R.table(table), _plain(part)
    ctx = Context({k: _plain(v) for k, v in frames.items()}, seeds, connect=_connection)
    out = []
    for code in codes:
        rule = BY_CODE[code]
        out += [((rule.scope != "row", TABLE_ORDER[table], RULE_ORDER[code]), f)
                for f in rule_failures(rule, ctx, t, df, LAYER[rule.scope])]
    return out


def _side_by_side(frames: list) -> pd.DataFrame:
    """Several lookups of one table (each the distinct rows of some columns) as one frame, shorter ones padded with
    nulls: the checks read each lookup's columns without its nulls, or the rows of one lookup together."""
    frames = [f.reset_index(drop=True) for f in frames]
    return frames[0] if len(frames) == 1 else pd.concat(frames, axis=1)


def _lookups(t: R.Table, rules: list, ddfs: dict) -> dict:
    """The other tables' columns the lookup rules of ``t`` read, as lazy pandas frames of their distinct rows."""
    from dask import delayed

    wanted: dict = {}
    for rule in rules:
        for lk in rule.lookups(t) if rule.lookups else ():
            ref = ddfs.get(lk.table)
            if ref is not None and set(lk.columns) <= set(ref.columns):
                wanted.setdefault(lk.table, {})[lk.columns] = None
    out = {}
    for table, groups in wanted.items():
        # the distinct rows of (a, b) hold every distinct a: a group within another is read from that one
        groups = [g for g in groups if not any(set(g) < set(h) for h in groups)]
        columns = [c for g in groups for c in g]
        assert len(columns) == len(set(columns)), f"lookups of {table} overlap: {groups}"
        parts = [delayed(pd.concat)(ddfs[table][list(cols)].drop_duplicates(split_out=1).to_delayed())
                 for cols in groups]
        out[table] = delayed(_side_by_side)(parts)
    return out


def _keyed(ddf, key):
    """``ddf`` with the column KEY (one hashable value per row, nulls as None) to shuffle on."""
    def add(d):
        k = key(d)
        return d.assign(**{KEY: k.astype(object).where(k.notna(), None)})
    return ddf.map_partitions(add, meta=ddf._meta.assign(**{KEY: pd.Series([], dtype=object)}))


def _tasks(ddfs: dict, seeds) -> list:
    """One delayed check per slice: the row and lookup rules per partition of each table, and each together rule per
    group of co-partitioned slices."""
    from dask import delayed

    tasks = []
    for t in R.TABLES:
        ddf = ddfs.get(t.name)
        if ddf is None:
            continue
        rules = [r for r in RULES if r.applies(t, ddf._meta)]
        local = [r for r in rules if r.locality != "together"]
        if local:
            frames = _lookups(t, local, ddfs)
            codes = tuple(r.code for r in local)
            tasks += [delayed(_check_slice)(p, t.name, codes, frames, seeds) for p in ddf.to_delayed()]
        groups: dict = {}  # rules that need the same rows together share one shuffle
        for r in rules:
            if r.locality == "together":
                groups.setdefault(r.together, []).append(r.code)
        for by, codes in groups.items():
            others = {o: _keyed(ddfs[o], lambda d, c=c: d[c]) for o, c in by.tables
                      if o in ddfs and c in ddfs[o].columns}
            own = _keyed(ddf, by.keys)
            n = max([own.npartitions, *(o.npartitions for o in others.values())])
            shuffle = lambda x: x.shuffle(on=KEY, npartitions=n, shuffle_method="tasks").to_delayed()
            own_parts, other_parts = shuffle(own), {o: shuffle(x) for o, x in others.items()}
            assert len(own_parts) == n and all(len(p) == n for p in other_parts.values())
            tasks += [delayed(_check_slice)(own_parts[i], t.name, tuple(codes),
                                            {o: p[i] for o, p in other_parts.items()}, seeds) for i in range(n)]
    return tasks


def validate_rules_dask(package_root, client=None, *, seeds: dict | None = None, partition_rows: int | None = None,
                        tables=None) -> list[Failure]:
    """Every rule of rules.RULES on the package's Parquet tables, run by Dask: the failures the default engine's
    rule layers report ("rules" and "cross-table"), in its order.

    ``client`` is a ``distributed.Client``, a scheduler address (``tcp://host:8786``) or None for a LocalCluster on
    this machine, closed afterwards. ``package_root`` is a folder or an fsspec URL the workers can read. ``seeds``
    (source id -> text) defaults to the seed files the sources table names; ``tables`` limits the run to these
    tables (validate_package passes the ones its schema layer could read; on its own, a missing or unreadable
    Parquet file raises)."""
    from dask import delayed
    from distributed import Client, LocalCluster

    own = []
    if client is None or isinstance(client, str):
        if client is None:
            cluster = LocalCluster(threads_per_worker=1, dashboard_address=None)
            own.append(cluster)
            client = Client(cluster)
        else:
            client = Client(client)
        own.insert(0, client)
    try:
        with client.as_current(), _config():
            ddfs = read_tables(package_root if "://" in str(package_root) else Path(package_root).resolve(),
                               partition_rows, tables)
            if seeds is None:
                seeds = _read_seeds(package_root, ddfs)
            results = client.gather(client.compute(_tasks(ddfs, delayed(seeds, pure=True))))
    finally:
        client.run(_close_connections)
        for c in own:
            c.close()
    hits = [h for part in results for h in part]
    return [f for _, f in sorted(hits, key=lambda h: h[0])]
