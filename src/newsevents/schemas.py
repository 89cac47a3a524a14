"""Generators: registry -> Frictionless Table Schema, pandera, Arrow and pandas dtypes.

Nothing in this module describes a column; it only translates the registry.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import pandas as pd
import pyarrow as pa

from .registry import NOT_BLANK_PATTERN, Field, Table

FRICTIONLESS_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
                      "date": "date"}
ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
               "date": pa.date32()}
STR_DTYPE = pd.StringDtype(na_value=float("nan"))  # pandas 3's default "str" dtype
PANDAS_DTYPES = {"string": STR_DTYPE, "integer": pd.Int64Dtype(), "number": pd.Float64Dtype(),
                 "boolean": pd.BooleanDtype(), "date": "object"}  # dates: datetime.date objects, as read_parquet


# -- Frictionless -----------------------------------------------------------

def frictionless_field(f: Field) -> dict:
    out: dict = {"name": f.name, "type": FRICTIONLESS_TYPES[f.type], "description": f.description}
    if f.type == "date":
        out["format"] = "default"
    constraints: dict = {}
    if f.required:
        constraints["required"] = True
    if f.unique:
        constraints["unique"] = True
    if f.pattern:
        constraints["pattern"] = f.pattern
    if f.minimum is not None:
        constraints["minimum"] = f.minimum
    if f.maximum is not None:
        constraints["maximum"] = f.maximum
    if f.categories is not None:
        # frictionless 5.21 never enforces v2 `categories`: the enum constraint does the checking.
        constraints["enum"] = list(f.categories)
        out["categories"] = [{"value": v, "label": d} for v, d in f.categories.items()]
        if f.ordered:
            out["categoriesOrdered"] = True
    if constraints:
        out["constraints"] = constraints
    return out


def frictionless_schema(t: Table) -> dict:
    schema: dict = {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
        "fields": [frictionless_field(f) for f in t.fields],
        "missingValues": [""],
        "primaryKey": list(t.primary_key),
    }
    fks = [
        {"fields": [col], "reference": {"resource": ref_table, "fields": [ref_col]}}
        for col, ref_table, ref_col in t.foreign_keys
    ]
    if fks:
        schema["foreignKeys"] = fks
    return schema


# -- Arrow / pandas ---------------------------------------------------------

def arrow_type(f: Field) -> pa.DataType:
    if f.is_categorical:
        return pa.dictionary(pa.int32(), pa.string(), ordered=f.ordered)
    return ARROW_TYPES[f.type]


def arrow_schema(t: Table) -> pa.Schema:
    return pa.schema([pa.field(f.name, arrow_type(f), nullable=not f.required) for f in t.fields])


def pandas_dtype(f: Field):
    if f.is_categorical:
        return pd.CategoricalDtype(list(f.categories), ordered=f.ordered)
    return PANDAS_DTYPES[f.type]


def pandas_dtypes(t: Table) -> dict:
    return {f.name: pandas_dtype(f) for f in t.fields}


def _to_date(v):
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def _same_dtype(got, want) -> bool:
    if isinstance(want, pd.CategoricalDtype):  # unordered categoricals compare equal whatever their order
        return isinstance(got, pd.CategoricalDtype) and got.ordered == want.ordered and \
            list(got.categories) == list(want.categories)
    return got == want


def coerce_frame(t: Table, records: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Build a frame with exactly the table's columns, in order, with the published dtypes."""
    df = pd.DataFrame(records) if not isinstance(records, pd.DataFrame) else records.copy()
    missing = [c for c in t.column_names if c not in df.columns]
    if missing:
        raise ValueError(f"table {t.name}: no values for column(s) {', '.join(missing)}")
    extra = [c for c in df.columns if c not in t.column_names]
    if extra:
        raise ValueError(f"table {t.name}: unexpected column(s) {', '.join(map(str, extra))}")
    out = pd.DataFrame(index=range(len(df)))
    for f in t.fields:
        col = df[f.name].reset_index(drop=True)
        if f.type == "date":
            if col.dtype == object and pd.api.types.infer_dtype(col, skipna=True) in ("date", "empty"):
                out[f.name] = col.where(col.notna(), None)  # already datetime.date objects: no per-cell parse
            else:
                out[f.name] = pd.Series([_to_date(v) for v in col], dtype="object")
            continue
        if _same_dtype(col.dtype, pandas_dtype(f)):  # already the published dtype: the casts would not change it
            out[f.name] = col.copy()
            continue
        if f.is_categorical:  # a categorical cast would turn an unknown value into a null silently
            bad = sorted({str(v) for v in col.dropna() if v not in f.categories})
            if bad:
                raise ValueError(f"{f.name}: {', '.join(map(repr, bad))} not in the vocabulary")
        out[f.name] = col.astype(object).where(col.notna(), None).astype(pandas_dtype(f))
    return out


# -- pandera ----------------------------------------------------------------

@lru_cache(maxsize=1)
def _pandera_date():
    """pandera's Date type with its check vectorized: a cell passes when it is null or exactly a datetime.date (as
    pandera's own check says), decided for the whole column at once rather than by a Python call per cell."""
    import numpy as np
    from pandera.engines import pandas_engine

    class Date(pandas_engine.Date):
        def check(self, pandera_dtype, data_container=None):
            if data_container is None or not super().check(pandera_dtype):
                return super().check(pandera_dtype, data_container)
            cells = data_container.to_numpy(dtype=object)
            ok = (np.frompyfunc(type, 1, 1)(cells) == dt.date) | pd.isna(cells)
            return pd.Series(ok.astype(bool), index=data_container.index)

    return Date()


def per_category(s: pd.Series, pred, null: bool):
    """A predicate of a categorical column's cells, decided once per category (``pred`` takes the categories as an
    Index and gives one bool each) and read through the codes, not by turning a million cells into Python objects;
    a null cell gets ``null``. A numpy bool array."""
    import numpy as np

    per_cat = np.asarray(pred(s.cat.categories), dtype=bool)
    return np.append(per_cat, null)[s.cat.codes.to_numpy()]  # code -1 (null) reads the appended value


def _in_vocabulary(s: pd.Series, allowed: tuple) -> pd.Series:
    """Each cell null or one of ``allowed``."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return pd.Series(per_category(s, lambda cats: cats.isin(allowed), null=True), index=s.index)
    return s.isna() | s.astype(object).isin(allowed)


def arrow_strings(s: pd.Series):
    """A column of strings as an Arrow array (without a copy when it is Arrow-backed), or None when it is not one
    (a categorical, cells that are not all strings): a check then decides it the pandas way."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return None
    try:
        arr = pa.array(s, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    return arr if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type) else None


def _not_blank(s: pd.Series) -> pd.Series:
    """Each cell matches NOT_BLANK_PATTERN (``^\\s*\\S[\\s\\S]*$``): not empty, not only white space. pandas runs
    that pattern through Python's re cell by cell (RE2's \\s is not Python's white space); Arrow's utf8_is_space
    agrees with Python's on every code point (tests/test_generated.py), so the column is decided in one pass."""
    import pyarrow.compute as pc

    arr = arrow_strings(s)
    if arr is None:  # the pattern decides, cell by cell
        return s.str.match(NOT_BLANK_PATTERN)
    blank = pc.or_(pc.utf8_is_space(arr), pc.equal(pc.binary_length(arr), 0))
    return pd.Series(~pc.fill_null(blank, False).to_numpy(zero_copy_only=False), index=s.index)


def _re2_within_python(pattern: str) -> bool:
    """Whether every string RE2 (Arrow's regex engine) matches with ``pattern`` at its start is also matched by
    Python's ``re.match``: true when the pattern uses only literals, ranges, ``.``, groups, branches, repeats,
    ``^``/``$`` and a positive ``\\d`` (Python's ``$`` also matches before a final newline and its ``\\d`` also
    takes non-ASCII digits: each accepts more, never less). Negated or other classes (``\\s``, ``\\w``, ``[^\\d]``),
    look-arounds, back-references and flags answer False."""
    import re._parser as sre

    ok_at = {sre.AT_BEGINNING, sre.AT_END, sre.AT_BEGINNING_STRING, sre.AT_END_STRING}

    def fine(items) -> bool:
        for op, arg in items:
            if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY):
                continue
            if op is sre.AT and arg in ok_at:
                continue
            if op is sre.IN:
                negated = any(o is sre.NEGATE for o, _ in arg)
                if all(o in (sre.LITERAL, sre.RANGE, sre.NEGATE) or
                       (o is sre.CATEGORY and a is sre.CATEGORY_DIGIT and not negated) for o, a in arg):
                    continue
                return False
            if op is sre.BRANCH and all(fine(b) for b in arg[1]):
                continue
            if op is sre.SUBPATTERN and not arg[1] and not arg[2] and fine(arg[3]):
                continue
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and fine(arg[2]):
                continue
            return False
        return True

    try:
        parsed = sre.parse(pattern)
    except re.error:
        return False
    return parsed.state.flags & ~re.UNICODE == 0 and fine(parsed)


def _matches(pattern: str):
    """A check: each cell matches ``pattern`` at its start as Python's ``re.match`` decides (pandas'
    ``str.match``, frictionless' pattern constraint), a null being False. For a pattern RE2 decides within Python's
    verdicts (_re2_within_python), Arrow's RE2 decides the column in one pass and Python's ``re`` then looks again
    only at the cells RE2 rejects; otherwise pandas' ``str.match`` decides."""
    import numpy as np
    import pyarrow.compute as pc

    rx = re.compile(pattern)
    fast = _re2_within_python(pattern)

    def check(s: pd.Series) -> pd.Series:
        arr = arrow_strings(s) if fast else None
        if arr is None:
            return s.str.match(pattern, na=False)
        ok = pc.fill_null(pc.match_substring_regex(arr, f"^(?:{pattern})"), False).to_numpy(zero_copy_only=False)
        again = np.flatnonzero(~ok & s.notna().to_numpy(dtype=bool))
        if len(again):  # RE2 rejected them: Python's re, which may accept more, decides
            ok[again] = [rx.match(v) is not None for v in s.iloc[again]]
        return pd.Series(ok, index=s.index)

    return check


def _not_empty(s: pd.Series) -> pd.Series:
    """Each cell at least one character long (a null is False: pandera lets the nulls of a nullable column pass)."""
    import pyarrow.compute as pc

    arr = arrow_strings(s)
    if arr is None:
        return s.str.len() > 0
    return pd.Series(pc.fill_null(pc.greater(pc.binary_length(arr), 0), False).to_numpy(zero_copy_only=False),
                     index=s.index)


def load_pandera() -> None:
    """Load pandera's checks as an install without the test extras has them. pandera imports hypothesis (a test
    dependency here, for pandera's data synthesis, which validation never uses) when it is installed, and hypothesis
    loads its plugins: 0.45 s of a validation's start. A None entry in sys.modules makes that import fail as if the
    package were absent, only while pandera loads (and only when nothing loaded either before)."""
    import importlib
    import sys

    if "hypothesis" in sys.modules or "pandera.backends.pandas.builtin_checks" in sys.modules:
        return
    sys.modules["hypothesis"] = None
    try:
        importlib.import_module("pandera.backends.pandas.builtin_checks")
    finally:
        del sys.modules["hypothesis"]


_PANDERA: dict = {}  # id(table) -> (table, its schema): built once per process (pandera copies every column)


def pandera_schema(t: Table):
    """The pandera schema of table ``t``, generated from the registry (built once per table and process)."""
    hit = _PANDERA.get(id(t))
    if hit is not None and hit[0] is t:
        return hit[1]
    schema = _PANDERA[id(t)] = (t, _build_pandera_schema(t))
    return schema[1]


def _build_pandera_schema(t: Table):
    import pandera.pandas as pa_

    columns = {}
    for f in t.fields:
        checks = []
        if f.pattern == NOT_BLANK_PATTERN:  # the same verdict as the pattern, column-wise (see _not_blank)
            checks.append(pa_.Check(_not_blank, name=f"pattern {f.pattern}"))
        elif f.pattern:
            checks.append(pa_.Check(_matches(f.pattern), name=f"pattern {f.pattern}"))
        if f.minimum is not None:
            checks.append(pa_.Check.ge(f.minimum, name=f"minimum {f.minimum:g}"))
        if f.maximum is not None:
            checks.append(pa_.Check.le(f.maximum, name=f"maximum {f.maximum:g}"))
        if f.categories is not None:
            # also for categoricals: a dtype mismatch names no row, this check names each offending row
            checks.append(pa_.Check(lambda s, allowed=tuple(f.categories): _in_vocabulary(s, allowed),
                                    name="in vocabulary"))
        if f.type == "string":
            checks.append(pa_.Check(_not_empty, name="not empty"))
        dtype = _pandera_date() if f.type == "date" else pandas_dtype(f)
        columns[f.name] = pa_.Column(dtype, checks=checks, nullable=not f.required, unique=f.unique,
                                     description=f.description)
    return pa_.DataFrameSchema(columns, strict=True, ordered=True, unique=list(t.primary_key),
                               report_duplicates="all", name=t.name)


# -- reading the CSV files with the published types ---------------------------------------------------------------

def _to_date_or_none(v: str):
    return dt.date.fromisoformat(v) if v else None


def pandas_csv_options(t: Table) -> dict:
    """Keyword arguments for ``pd.read_csv`` that give exactly the Parquet file's dtypes: codes and ids stay text
    ('010' is not 10), empty cells are nulls and nothing else is, dates become ``datetime.date``."""
    dtypes = {f.name: pandas_dtype(f) for f in t.fields if f.type != "date"}
    return {"dtype": dtypes, "keep_default_na": False, "na_values": [""],
            "converters": {f.name: _to_date_or_none for f in t.fields if f.type == "date"}}


POLARS_TYPES = {"string": "String", "integer": "Int64", "number": "Float64", "boolean": "Boolean", "date": "Date"}
DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}


def polars_types(t: Table) -> dict:
    """Column -> Polars type name, for ``pl.read_csv(path, schema_overrides={c: getattr(pl, n) ...})``."""
    return {f.name: POLARS_TYPES[f.type] for f in t.fields}


def duckdb_types(t: Table) -> dict:
    """Column -> DuckDB type, for ``read_csv(path, types = {...})``."""
    return {f.name: DUCKDB_TYPES[f.type] for f in t.fields}
