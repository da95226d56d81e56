"""Arrow arrays built from buffers: always what ``pa.array`` gives, and pyarrow never imports pandas for them."""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone

import numpy as np
import pyarrow as pa
import pytest

from blocwatch.arrays import SHORT, array, from_pylist, table

TYPES = [pa.string(), pa.binary(), pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint64(),
         pa.float64(), pa.bool_(), pa.date32(), pa.timestamp("us")]


def _value(t: pa.DataType, rng: random.Random):
    if pa.types.is_string(t):
        return "".join(rng.choice(["a", "Ж", "한", "🙂", " ", "\n", '"', "\x00"]) for _ in range(rng.randrange(6)))
    if pa.types.is_binary(t):
        return bytes(rng.randrange(256) for _ in range(rng.randrange(5)))
    if pa.types.is_integer(t):
        info = np.iinfo(t.to_pandas_dtype())
        return rng.choice([int(info.min), int(info.max), 0, rng.randrange(int(info.min), int(info.max) + 1)])
    if pa.types.is_floating(t):
        return rng.choice([0.0, -1.5, 1e300, float("inf"), float("nan"), rng.random(), 7, -(2**53)])
    if pa.types.is_boolean(t):
        return rng.random() < 0.5
    if pa.types.is_date32(t):
        return date(1, 1, 1) + timedelta(days=rng.randrange(3_650_000))
    return datetime(1900, 1, 1) + timedelta(microseconds=rng.randrange(10**17))


@pytest.mark.parametrize("t", TYPES, ids=str)
def test_equal_to_pa_array_with_nulls_and_without(t):
    rng = random.Random(7)
    for n in (0, 1, 7, 8, 9, 100):
        for null_share in (0.0, 0.3, 1.0):
            values = [None if rng.random() < null_share else _value(t, rng) for _ in range(n)]
            got, want = array(values, t), pa.array(values, t)
            assert got.type == want.type and got.null_count == want.null_count
            assert got.equals(want) or _same_with_nan(got, want), (t, values)
            got.validate(full=True)


def _same_with_nan(a: pa.Array, b: pa.Array) -> bool:
    x, y = a.to_pylist(), b.to_pylist()
    return len(x) == len(y) and all(p == q or (p != p and q != q) for p, q in zip(x, y, strict=True))


def test_known_values():
    assert array(["KOR", None, ""], pa.string()).to_pylist() == ["KOR", None, ""]
    assert array([date(1970, 1, 2), date(1969, 12, 31)], pa.date32()).cast(pa.int32()).to_pylist() == [1, -1]
    assert array([datetime(1970, 1, 1, 0, 0, 1, 5)], pa.timestamp("us")).cast(pa.int64()).to_pylist() == [1_000_005]
    bits = array([True, False, None, True] * 3, pa.bool_())
    assert bits.to_pylist() == [True, False, None, True] * 3 and bits.null_count == 3


@pytest.mark.parametrize(("values", "t"), [
    ([True, 1], pa.int64()),            # a flag is no number to pa.array
    ([300], pa.int8()),                 # too large
    ([-1], pa.uint8()),
    ([2**60], pa.float64()),            # not exact as a double
    (["\ud800"], pa.string()),          # a lone surrogate
    ([b"x"], pa.string()),
    (["x"], pa.binary()),
    ([1], pa.bool_()),
    ([datetime(2024, 1, 1)], pa.date32()),
    (["2024-01-01"], pa.date32()),
])
def test_what_pa_array_refuses_or_converts_is_left_to_it(values, t):
    try:
        want = pa.array(values, t)
    except (pa.ArrowException, OverflowError, UnicodeError) as e:
        with pytest.raises(type(e)):
            array(values, t)
    else:
        assert array(values, t).equals(want)


@pytest.mark.parametrize(("values", "t"), [
    ([np.int64(3), None], pa.int64()),
    ([datetime(2024, 1, 1, 12, tzinfo=timezone(timedelta(hours=9)))], pa.timestamp("us")),
    ([datetime(2024, 1, 1, 12)], pa.timestamp("ms")),
    ([1.5], pa.float32()),
    ([[1, 2], None], pa.list_(pa.int64())),
    ([3] * (SHORT + 1), pa.int64()),
])
def test_other_types_and_values_go_to_pa_array(values, t):
    assert array(values, t).equals(pa.array(values, t))


def test_table_of_rows_with_a_schema():
    schema = pa.schema([("state", pa.string()), ("events", pa.int64()), ("first", pa.date32())])
    rows = [("KOR", 3, date(2024, 1, 1)), ("PRK", None, None)]
    got = table(rows, schema)
    assert got.schema == schema and got.to_pylist() == [
        {"state": "KOR", "events": 3, "first": date(2024, 1, 1)}, {"state": "PRK", "events": None, "first": None}]
    assert table([], schema).num_rows == 0 and table([], schema).schema == schema
    with pytest.raises(ValueError, match="rows of 2 values for a schema of 3 fields"):
        table([("KOR", 3)], schema)
    with pytest.raises(ValueError, match="rows of 0 values for a schema of 3 fields"):
        table([(), ()], schema)


COLUMN_KINDS = [
    lambda r: r.choice(["KOR", "", "한국"]), lambda r: r.randrange(-5, 5), lambda r: r.random(),
    lambda r: r.choice([1, 2.5]), lambda r: r.random() < 0.5, lambda r: date(2024, 1, r.randrange(1, 29)),
    lambda r: datetime(2024, 1, 1, r.randrange(24)), lambda r: b"x", lambda r: None,
]
ODD_COLUMNS = [  # columns pyarrow must type, or refuse: the whole table is left to it
    lambda r: [r.randrange(3)], lambda r: {"k": 1}, lambda r: r.choice([True, 1]), lambda r: r.choice(["a", 1]),
    lambda r: 2**63, lambda r: r.choice([2**60, 0.5]), lambda r: np.int64(3),
    lambda r: datetime(2024, 1, 1, tzinfo=UTC), lambda r: r.choice([date(2024, 1, 1), datetime(2024, 1, 1)]),
]


@pytest.mark.parametrize("odd", [None, *range(len(ODD_COLUMNS))])
def test_from_pylist_is_pyarrows_from_pylist(odd):
    rng = random.Random(11 if odd is None else odd)
    kinds = [*COLUMN_KINDS, *([] if odd is None else [ODD_COLUMNS[odd]])]
    checked = 0
    for n in (1, 2, 9):
        for null_share in (0.0, 0.4, 1.0):
            rows = [{f"c{i}": None if rng.random() < null_share else kind(rng) for i, kind in enumerate(kinds)}
                    for _ in range(n)]
            del rows[-1]["c0"]  # a key missing from a later row is None, as pyarrow has it
            rows[-1]["extra"] = 1  # a key not in the first row is no column, as pyarrow has it
            try:
                want = pa.Table.from_pylist(rows)
            except (pa.ArrowException, OverflowError) as e:
                with pytest.raises(type(e)):
                    from_pylist(rows)
                continue
            got = from_pylist(rows)
            assert got.schema == want.schema and got.equals(want), rows
            checked += 1
    assert checked >= (9 if odd is None else 1)
    assert from_pylist([]).equals(pa.Table.from_pylist([]))


@pytest.mark.skipif(importlib.util.find_spec("pandas") is None,
                    reason="pandas is not installed here: pyarrow could not import it anyway")
def test_pyarrow_does_not_import_pandas_for_them():
    code = ("import sys, pyarrow as pa; from datetime import date, datetime; from blocwatch.arrays import array; "
            "[array([v, None], t) for v, t in (('a', pa.string()), (b'a', pa.binary()), (1, pa.int32()), "
            "(1.0, pa.float64()), (True, pa.bool_()), (date(2024, 1, 1), pa.date32()), "
            "(datetime(2024, 1, 1), pa.timestamp('us')))]; pa.table({'x': array(['a'], pa.string())}); "
            "from blocwatch.arrays import from_pylist; from_pylist([{'a': 'x', 'b': 1, 'c': 0.5, 'd': None}]); "
            "assert 'pandas' not in sys.modules; pa.array([1]); assert 'pandas' in sys.modules")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
