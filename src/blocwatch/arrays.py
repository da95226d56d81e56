"""Arrow arrays of Python values, built from buffers so that pyarrow does not import pandas.

pyarrow looks for pandas the first time it converts Python objects (``pa.array``,
``pa.scalar``, ``pa.Table.from_pylist``) and imports it when it is installed: 0.2 to 0.3 s of a
command's start-up, for a package blocwatch does not use (issue 18). :func:`array` builds the
columns of blocwatch's own tables (text, numbers, flags, dates and times) from their values'
bytes, as numpy arrays wrapped in Arrow buffers, which pyarrow takes as they are. That is slower
per value than ``pa.array`` (about 80 to 300 ns against 10 to 120), so it is done for short
columns only (up to :data:`SHORT` values: the rows of one document, the log of one ingest), where
start-up is the cost; longer ones, and anything else (other types, values of an unexpected Python
type), go to ``pa.array``. For a list or tuple of Python values and a ``pa.DataType``, the
result, and its errors, are those of ``pa.array``; other inputs (iterators, pandas objects, a
type given by name) are not accepted.

Examples
--------
>>> import pyarrow as pa
>>> array(["KOR", None, "PRK"], pa.string()).to_pylist()
['KOR', None, 'PRK']
>>> array([1, 2, None], pa.int32()).equals(pa.array([1, 2, None], pa.int32()))
True
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["SHORT", "array", "from_pylist", "table"]

_EPOCH_DAY = date(1970, 1, 1).toordinal()
_EPOCH = datetime(1970, 1, 1)
_INT32_MAX = 2**31 - 1
_FLOAT_EXACT = 2**53
_MICROSECOND = timedelta(microseconds=1)

#: Columns of up to this many values are built from buffers.
SHORT = 4096


def array(values: Sequence[Any], type: pa.DataType) -> pa.Array:  # noqa: A002 (pyarrow's name)
    """``pa.array(values, type)``, without pyarrow importing pandas for the types of blocwatch's tables.

    Parameters
    ----------
    values : list or tuple
        Python values of ``type``, or ``None`` for a null.
    type : pyarrow.DataType
        string, binary, int8 to uint64, float64, bool, date32 or a timestamp in microseconds
        without a time zone are built from buffers; any other type goes to ``pa.array``.

    Returns
    -------
    pyarrow.Array
        Equal to ``pa.array(values, type)``; its errors too, for values it cannot hold.

    Examples
    --------
    >>> import pyarrow as pa
    >>> from datetime import date
    >>> array([date(2024, 6, 19), None], pa.date32()).to_pylist()
    [datetime.date(2024, 6, 19), None]
    >>> array([True, None, False], pa.bool_()).null_count
    1
    """
    import pyarrow as pa

    built = _built(values, type) if len(values) <= SHORT else None
    return pa.array(values, type) if built is None else built


def table(rows: Sequence[Sequence[Any]], schema: pa.Schema) -> pa.Table:
    """A table of ``rows`` (tuples in the order of ``schema``'s fields), its columns made by :func:`array`.

    Examples
    --------
    >>> import pyarrow as pa
    >>> t = table([("KOR", 3), ("PRK", None)], pa.schema([("state", pa.string()), ("events", pa.int64())]))
    >>> t.num_rows, t.column("events").to_pylist()
    (2, [3, None])
    """
    import pyarrow as pa

    columns = list(zip(*rows, strict=True))
    if not rows:
        columns = [()] * len(schema)
    if len(columns) != len(schema):
        raise ValueError(f"rows of {len(columns)} values for a schema of {len(schema)} fields")
    return pa.Table.from_arrays([array(c, f.type) for c, f in zip(columns, schema, strict=True)], schema=schema)


def from_pylist(rows: Sequence[dict[str, Any]]) -> pa.Table:
    """``pa.Table.from_pylist(rows)``, the column types inferred here for plain values.

    The columns are the keys of the first row, as pyarrow takes them; a column whose values (None
    apart) are all of one of str, bytes, bool, int, float (or int and float), date or naive
    datetime gets the type ``pa.array`` would infer (string, binary, bool, int64, double, date32,
    timestamp[us]), a column of None only the null type. Anything else (lists, dicts, other
    types, an int beyond 64 bits) leaves the whole table to pyarrow.

    Examples
    --------
    >>> t = from_pylist([{"state": "KOR", "events": 3, "share": 0.5}, {"state": "PRK", "events": None, "share": 1}])
    >>> [str(f.type) for f in t.schema], t.column("share").to_pylist()
    (['string', 'int64', 'double'], [0.5, 1.0])
    """
    import pyarrow as pa

    names = list(rows[0]) if rows else []
    columns = [[row.get(name) for row in rows] for name in names]
    types = [_inferred(c) for c in columns]
    if any(t is None for t in types):
        return pa.Table.from_pylist(list(rows))
    arrays = [pa.nulls(len(c)) if pa.types.is_null(t) else array(c, t) for c, t in zip(columns, types, strict=True)]
    return pa.Table.from_arrays(arrays, names=names)


def _inferred(values: list[Any]) -> pa.DataType | None:
    """The type ``pa.array`` infers for a column of plain values, or None where pyarrow must decide."""
    import pyarrow as pa

    kinds = {type(v) for v in values if v is not None}
    simple = {str: pa.string(), bytes: pa.binary(), bool: pa.bool_(), date: pa.date32(), datetime: pa.timestamp("us")}
    if not kinds:
        return pa.null()
    if len(kinds) == 1 and next(iter(kinds)) in simple:
        kind = next(iter(kinds))
        if kind is datetime and any(v is not None and v.tzinfo is not None for v in values):
            return None
        return simple[kind]
    if kinds == {int}:
        return pa.int64() if all(v is None or -(2**63) <= v < 2**63 for v in values) else None
    if kinds <= {int, float}:
        exact = all(type(v) is not int or -_FLOAT_EXACT <= v <= _FLOAT_EXACT for v in values)
        return pa.float64() if exact else None
    return None


def _built(values: Sequence[Any], t: pa.DataType) -> pa.Array | None:
    """The array built from buffers, or None where ``pa.array`` must decide."""
    import numpy as np
    import pyarrow as pa

    n = len(values)
    present = [v is not None for v in values]
    nulls = n - sum(present)
    validity = pa.py_buffer(np.packbits(np.array(present, dtype=bool), bitorder="little")) if nulls else None
    if pa.types.is_string(t) or pa.types.is_binary(t):
        kind = str if pa.types.is_string(t) else bytes
        if any(v is not None and type(v) is not kind for v in values):
            return None
        try:  # lone surrogates cannot be encoded: pa.array refuses them
            parts = [b"" if v is None else v.encode() if kind is str else v for v in values]
        except UnicodeEncodeError:
            return None
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=n), out=offsets[1:])
        if offsets[-1] > _INT32_MAX:
            return None
        data = b"".join(parts)
        buffers = [validity, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(data)]
        return pa.Array.from_buffers(t, n, buffers, null_count=nulls)
    if pa.types.is_boolean(t):
        if any(v is not None and type(v) is not bool for v in values):
            return None
        bits = np.packbits(np.array([v is True for v in values], dtype=bool), bitorder="little")
        return pa.Array.from_buffers(t, n, [validity, pa.py_buffer(bits)], null_count=nulls)
    numbers = _numbers(values, t)
    if numbers is None:
        return None
    return pa.Array.from_buffers(t, n, [validity, pa.py_buffer(numbers)], null_count=nulls)


def _numbers(values: Sequence[Any], t: pa.DataType) -> Any:
    """The values of a fixed-width column as a numpy array of its physical type, or None."""
    import numpy as np
    import pyarrow as pa

    if pa.types.is_integer(t) and t.bit_width <= 64:
        if any(v is not None and type(v) is not int for v in values):
            return None
        dtype = np.dtype(f"{'i' if pa.types.is_signed_integer(t) else 'u'}{t.bit_width // 8}")
        try:
            return np.array([0 if v is None else v for v in values], dtype=dtype)
        except OverflowError:
            return None
    if pa.types.is_float64(t):
        ok = all(v is None or type(v) is float or (type(v) is int and -_FLOAT_EXACT <= v <= _FLOAT_EXACT)
                 for v in values)
        return np.array([0.0 if v is None else v for v in values], dtype=np.float64) if ok else None
    if pa.types.is_date32(t):
        if any(v is not None and type(v) is not date for v in values):
            return None
        return np.array([0 if v is None else v.toordinal() - _EPOCH_DAY for v in values], dtype=np.int32)
    if pa.types.is_timestamp(t) and t.tz is None and t.unit == "us":
        if any(v is not None and (type(v) is not datetime or v.tzinfo is not None) for v in values):
            return None
        return np.array([0 if v is None else (v - _EPOCH) // _MICROSECOND for v in values], dtype=np.int64)
    return None

