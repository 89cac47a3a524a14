"""news-events: evidence-linked tables coded from news articles.

>>> import newsevents
>>> events = newsevents.load("events")          # a pandas DataFrame with the published dtypes
>>> tables = newsevents.load_all()              # every table, by name
>>> newsevents.path("events", "csv")            # where the file is
>>> newsevents.load("events", format="csv")     # the CSV file, with exactly the Parquet file's dtypes
>>> pd.read_csv(newsevents.path("events", "csv"), **newsevents.csv_options("events"))   # the same, by hand

The loader reads the Parquet files shipped with the package (or the ``data/``
folder of a clone); it never touches the network.
"""

from __future__ import annotations

from pathlib import Path

from .__about__ import __version__

__all__ = ["__version__", "load", "load_all", "path", "data_root", "tables", "csv_options", "polars_types",
           "duckdb_types"]

_HERE = Path(__file__).resolve().parent


def data_root() -> Path:
    """Folder holding ``datapackage.json``: the copy shipped in the wheel, else the clone's top level."""
    for candidate in (_HERE / "_package", _HERE.parent.parent):
        if (candidate / "datapackage.json").is_file():
            return candidate
    raise FileNotFoundError("no datapackage.json found next to the newsevents package; build it with "
                            "`newsevents build` in a clone")


def tables() -> list[str]:
    from .registry import TABLES

    return [t.name for t in TABLES]


def path(name: str, fmt: str = "parquet") -> Path:
    """Path of table ``name`` in format ``parquet`` or ``csv``."""
    from .registry import table

    table(name)  # raises a clear KeyError for an unknown table
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"format must be 'parquet' or 'csv', not {fmt!r}")
    return data_root() / "data" / f"{name}.{fmt}"


def csv_options(name: str) -> dict:
    """Keyword arguments for ``pd.read_csv`` that read table ``name``'s CSV with the Parquet file's dtypes
    (codes and ids as text: '010' stays '010'; dates as ``datetime.date``; only empty cells are nulls)."""
    from .registry import table
    from .schemas import pandas_csv_options

    return pandas_csv_options(table(name))


def polars_types(name: str) -> dict:
    """Column -> Polars type name for table ``name`` (``pl.read_csv(p, schema_overrides=...)``)."""
    from .registry import table
    from .schemas import polars_types as _types

    return _types(table(name))


def duckdb_types(name: str) -> dict:
    """Column -> DuckDB type for table ``name`` (``read_csv(p, types = {...})``)."""
    from .registry import table
    from .schemas import duckdb_types as _types

    return _types(table(name))


def load(name: str, validate: bool = False, format: str = "parquet"):
    """Load one table as a pandas DataFrame with the published dtypes (same as ``pd.read_parquet``), from its
    Parquet file or (``format="csv"``) from its CSV file."""
    import pandas as pd

    from .registry import table

    t = table(name)
    if format == "csv":
        df = pd.read_csv(path(name, "csv"), **csv_options(name))
    else:
        df = pd.read_parquet(path(name, format))
    if validate:
        from .schemas import pandera_schema

        pandera_schema(t).validate(df, lazy=True)
    return df


def load_all(validate: bool = False) -> dict:
    """Every table, by name."""
    return {n: load(n, validate=validate) for n in tables()}
