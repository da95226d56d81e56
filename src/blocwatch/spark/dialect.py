"""From DuckDB's definitions to Spark SQL: the few differences of dialect, in one small place.

blocwatch defines its logic once, as DuckDB SQL and DuckDB types: the GDELT row to event
projection (:attr:`blocwatch.ingest.layout.Layout.select` and ``joins``), the value checks of
its CSV reader (:attr:`~blocwatch.ingest.layout.Layout.types`) and the dyad aggregation
(:meth:`blocwatch.dyads.DyadQuery.sql`). Spark runs the same text after
:func:`spark_sql`, which only renames types Spark spells otherwise, and checks values with
:func:`parse_sql`, the Spark expression of what DuckDB's reader accepts for a type:

- integers: optional sign and surrounding white space; a decimal or exponent form is rounded
  half away from zero (``"1.5"`` is 2, ``"1e3"`` 1000); out of range is invalid;
- doubles: decimal and exponent forms, ``inf``, ``infinity``, ``nan`` (any case), not Java's
  ``1d`` or ``1f``;
- booleans: ``true t yes y 1`` and ``false f no n 0`` in any case, without white space;
- dates and timestamps: the strptime format's fields, ``%Y`` four digits and the others one or
  two (read greedily, as DuckDB does), an impossible date or time is invalid;
- ``ENUM(...)``: one of its values exactly.

Known differences, kept out of real exports: DuckDB also reads hexadecimal (``0x10``) and
``1_000`` as integers; Spark's check does not.

Examples
--------
>>> spark_sql("left(r.EventCode::VARCHAR, 2) AS cameo_root")
'left(r.EventCode::STRING, 2) AS cameo_root'
>>> print(parse_sql("ENUM('1', '2')", "v"))
CASE WHEN v IN ('1', '2') THEN v END
>>> strptime_regex("%Y%m%d")
('^\\\\s*([0-9]{4})([0-9]{1,2}+)([0-9]{1,2}+)\\\\s*$', ('Y', 'm', 'd'))
"""

from __future__ import annotations

import re

__all__ = ["enum_values", "parse_sql", "spark_literal", "spark_sql", "strptime_regex"]

_VARCHAR = re.compile(r"\bVARCHAR\b(?!\s*\()", re.IGNORECASE)
_INTEGERS = {"TINYINT": "TINYINT", "SMALLINT": "SMALLINT", "INTEGER": "INT", "INT": "INT", "BIGINT": "BIGINT"}
_WS = r"\s*"
_DECIMAL_RE = rf"^{_WS}[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?{_WS}$"
_TRIM_RE = r"^\s+|\s+$"
_TRUE, _FALSE = ("true", "t", "yes", "y", "1"), ("false", "f", "no", "n", "0")


def spark_sql(sql: str) -> str:
    """DuckDB SQL as Spark SQL: ``VARCHAR`` without a length is ``STRING``.

    Everything else blocwatch writes (``::`` casts, ``||``, ``left``, ``nullif``, ``date_trunc``,
    ``FILTER``, ``greatest``) reads the same in both; ``TIMESTAMP`` is a timestamp without time
    zone in both because blocwatch's sessions set ``spark.sql.timestampType = TIMESTAMP_NTZ``.

    Examples
    --------
    >>> spark_sql("CAST(x AS varchar), y::VARCHAR(3)")
    'CAST(x AS STRING), y::VARCHAR(3)'
    """
    return _VARCHAR.sub("STRING", sql)


def spark_literal(value: str) -> str:
    """A Spark SQL string literal (Spark reads backslash escapes inside quotes).

    Examples
    --------
    >>> print(spark_literal("it's \\\\s"))
    'it\\'s \\\\s'
    """
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def enum_values(sql_type: str) -> tuple[str, ...]:
    """The values of a DuckDB ``ENUM('a', 'b')`` type.

    Examples
    --------
    >>> enum_values("ENUM('010', 'it''s')")
    ('010', "it's")
    """
    body = sql_type.strip()[len("ENUM("):-1]
    return tuple(m.replace("''", "'") for m in re.findall(r"'((?:[^']|'')*)'", body))


def strptime_regex(fmt: str) -> tuple[str, tuple[str, ...]]:
    """A regular expression reading a strptime format the way DuckDB does, and its fields in order.

    ``%Y`` is four digits; ``%m %d %H %M %S`` one or two, taken greedily without going back
    (possessive), so ``2024061`` is 2024-06-01 and ``2024619`` is month 61, invalid.
    """
    parts, names = ["^" + _WS], []
    i = 0
    while i < len(fmt):
        if fmt[i] == "%" and i + 1 < len(fmt):
            code = fmt[i + 1]
            if code == "Y":
                parts.append("([0-9]{4})")
            elif code in "mdHMS":
                parts.append("([0-9]{1,2}+)")
            else:
                raise ValueError(f"strptime code %{code} is not supported on Spark")
            names.append(code)
            i += 2
        else:
            parts.append(re.escape(fmt[i]))
            i += 1
    parts.append(_WS + "$")
    return "".join(parts), tuple(names)


def _datetime_sql(value: str, fmt: str, with_time: bool) -> str:
    regex, names = strptime_regex(fmt)
    if not {"Y", "m", "d"} <= set(names):
        raise ValueError(f"strptime format {fmt!r} lacks a year, month or day")
    group = {n: f"${k + 1}" for k, n in enumerate(names)}
    iso = f"{group['Y']}-{group['m']}-{group['d']}"
    if with_time:
        iso += " " + ":".join(group.get(c, "0") for c in "HMS")
    # one regular expression per value: a match becomes "D2024-6-1 ..." (never the value itself),
    # no match leaves the value as it is, which nullif turns into NULL
    text = f"nullif(regexp_replace({value}, {spark_literal(regex)}, {spark_literal('D' + iso)}), {value})"
    return f"try_cast(substr({text}, 2) AS {'TIMESTAMP_NTZ' if with_time else 'DATE'})"


def parse_sql(sql_type: str, value: str, *, dateformat: str = "%Y%m%d",
              timestampformat: str = "%Y%m%d%H%M%S") -> str:
    """Spark SQL turning the string ``value`` into ``sql_type`` as DuckDB's CSV reader does, NULL if it cannot.

    Parameters
    ----------
    sql_type : str
        A DuckDB type of :attr:`blocwatch.ingest.layout.Layout.types`.
    value : str
        A Spark SQL expression of type STRING.
    dateformat, timestampformat : str
        The layout's strptime formats.

    Examples
    --------
    >>> print(parse_sql("BOOLEAN", "v").replace(" WHEN", "\\n WHEN"))
    CASE
     WHEN lower(v) IN ('true', 't', 'yes', 'y', '1') THEN true
     WHEN lower(v) IN ('false', 'f', 'no', 'n', '0') THEN false END
    >>> "try_cast(" in parse_sql("BIGINT", "v")
    True
    """
    t = sql_type.strip().upper()
    if t in ("VARCHAR", "STRING", "TEXT"):
        return value
    if t in _INTEGERS:
        # Spark's own cast reads plain integers (sign, white space); decimals and exponents, rare,
        # are checked by pattern and rounded half away from zero as DuckDB rounds them
        target = _INTEGERS[t]
        trimmed = f"regexp_replace({value}, {spark_literal(_TRIM_RE)}, '')"
        return (f"coalesce(try_cast({value} AS {target}), CASE WHEN {value} RLIKE {spark_literal(_DECIMAL_RE)} "
                f"THEN try_cast(round(try_cast({trimmed} AS DECIMAL(38, 9)), 0) AS {target}) END)")
    if t in ("DOUBLE", "FLOAT", "REAL"):
        # Java also reads 1d, 1f and hexadecimal 0x1p3, which DuckDB does not: no d, f, x or p,
        # unless the value is an infinity
        infinities = ", ".join(f"'{sign}{word}'" for word in ("inf", "infinity") for sign in ("", "+", "-"))
        return (f"CASE WHEN translate({value}, 'dDfFxXpP', '') = {value} OR lower(trim({value})) IN ({infinities}) "
                f"THEN try_cast({value} AS DOUBLE) END")
    if t == "BOOLEAN":
        true, false = (", ".join(f"'{v}'" for v in vs) for vs in (_TRUE, _FALSE))
        return f"CASE WHEN lower({value}) IN ({true}) THEN true WHEN lower({value}) IN ({false}) THEN false END"
    if t == "DATE":
        return _datetime_sql(value, dateformat, with_time=False)
    if t == "TIMESTAMP":
        return _datetime_sql(value, timestampformat, with_time=True)
    if t.startswith("ENUM("):
        values = ", ".join(spark_literal(v) for v in enum_values(sql_type))
        return f"CASE WHEN {value} IN ({values}) THEN {value} END"
    raise ValueError(f"no Spark reader for the DuckDB type {sql_type!r}")
