"""How a delimited export maps to the event schema: its columns, their types and the SQL.

A :class:`Layout` describes one file format precisely enough for DuckDB's CSV reader to
check every value as it parses (integers, dates, CAMEO codes as an ENUM), so that bad
rows are rejected by the reader with their line number and never reach ``events``.
The importers in :mod:`blocwatch.ingest.gdelt` and :mod:`blocwatch.ingest.icews` define
the layouts; :mod:`blocwatch.ingest.loader` runs them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from blocwatch.taxonomy import load_taxonomy

__all__ = ["MAX_LINE_BYTES", "Layout", "cameo_enum", "sql_literal"]

#: Longest line the reader accepts; longer lines are quarantined.
MAX_LINE_BYTES = 2 * 1024 * 1024


def sql_literal(value: str) -> str:
    """A SQL string literal.

    >>> sql_literal("it's")
    "'it''s'"
    """
    return "'" + value.replace("'", "''") + "'"


def cameo_enum() -> str:
    """DuckDB ENUM type of all CAMEO event codes, so the reader rejects unknown codes."""
    codes = ", ".join(sql_literal(c) for c in sorted(load_taxonomy().cameo))
    return f"ENUM({codes})"


@dataclass(frozen=True)
class Layout:
    """One delimited format and its mapping to events.

    Attributes
    ----------
    name : str
        Format name recorded in ``ingests.format`` (``gdelt2``, ``icews`` ...).
    fields : tuple of str
        Column names in file order.
    types : mapping
        DuckDB type of the columns the reader must check; the rest are VARCHAR.
    required : tuple of str
        Columns that may not be empty.
    expect : mapping
        For checked columns, what a valid value is ("an integer", "a CAMEO event code").
    select : str
        SQL select list producing event columns from the reader relation ``r`` and the
        lookup tables joined in ``joins``.
    joins : str
        SQL ``LEFT JOIN`` clauses against the store's lookup tables.
    delimiter, quote : str
        Field delimiter; quote character (empty for none).
    header : bool
        Whether line 1 names the columns.
    nullstr : tuple of str
        Values read as missing.
    dateformat, timestampformat : str
        strptime formats of DATE and TIMESTAMP columns.
    width_hint : str
        The expected number(s) of fields, for quarantine reasons ("57, 58 or 61").
    not_null : tuple of str
        Event columns this format always fills (its CAMEO code): a row that leaves one empty is
        set aside with the reason its required field gives, as the store would refuse it.
    """

    name: str
    fields: tuple[str, ...]
    types: Mapping[str, str]
    required: tuple[str, ...]
    expect: Mapping[str, str]
    select: str
    joins: str = ""
    delimiter: str = "\t"
    quote: str = ""
    header: bool = False
    nullstr: tuple[str, ...] = ("",)
    dateformat: str = "%Y%m%d"
    timestampformat: str = "%Y%m%d%H%M%S"
    width_hint: str = ""
    not_null: tuple[str, ...] = ("cameo",)

    @property
    def width(self) -> int:
        return len(self.fields)

    @property
    def delimiter_name(self) -> str:
        return {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}.get(self.delimiter, repr(self.delimiter))

    def replace(self, **changes: object) -> Layout:
        """A copy with some attributes changed."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def read_csv(self, files: Sequence[str], rejects: str) -> str:
        """The ``read_csv(...)`` table expression for ``files``, storing rejects in ``rejects``."""
        cols = ", ".join(f"{sql_literal(f)}: {sql_literal(self.types.get(f, 'VARCHAR'))}" for f in self.fields)
        file_list = "[" + ", ".join(sql_literal(f) for f in files) + "]"
        nullstr = "[" + ", ".join(sql_literal(n) for n in self.nullstr) + "]"
        quote = sql_literal(self.quote)
        # Lines over MAX_LINE_BYTES are set aside before the reader sees them (sources.py); its own limit,
        # with room for CR LF, is a second guard (DuckDB counted a line of exactly the maximum as over it).
        # No force_not_null: DuckDB applies it by position among the columns a query reads, so it
        # struck other columns (an empty ICEWS intensity became a CAST error). An empty required
        # field reads as NULL; the store refuses the row and the loader sets it aside with its reason.
        return (
            f"read_csv({file_list}, columns={{{cols}}}, delim={sql_literal(self.delimiter)}, "
            f"quote={quote}, escape={quote}, header={str(self.header).lower()}, auto_detect=false, "
            f"strict_mode=true, new_line='\\n', nullstr={nullstr}, "
            f"dateformat={sql_literal(self.dateformat)}, timestampformat={sql_literal(self.timestampformat)}, "
            f"max_line_size={MAX_LINE_BYTES + 2}, filename=true, store_rejects=true, "
            f"rejects_table={sql_literal(rejects + '_errors')}, rejects_scan={sql_literal(rejects + '_scans')})"
        )

    def value_reason(self, column: str, value: str) -> str:
        """Quarantine reason for a value the reader could not convert."""
        if value == "" or (value in self.nullstr and column in self.required):
            return f"{column} is empty"
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'{column}: "{shown}" is not {self.expect.get(column, "a valid value")}'

    def width_reason(self, found: int) -> str:
        """Quarantine reason for a line with the wrong number of fields."""
        hint = self.width_hint or str(self.width)
        where = " as in the header" if self.header else ""
        return f"expected {hint} {self.delimiter_name}-separated fields{where}, found {found}"
