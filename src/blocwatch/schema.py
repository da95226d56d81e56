"""The event schema: one definition for DuckDB, Arrow/Parquet and the docs.

Every event blocwatch stores, whether imported from GDELT or ICEWS or coded from text,
is one row of the ``events`` table described by :data:`EVENT_COLUMNS`. Rows that cannot
become events go to ``quarantine``; each file read is logged in ``ingests``.
``docs/schema.md`` documents the same columns (a test keeps the two in step).

Examples
--------
>>> [c.name for c in EVENT_COLUMNS][:4]
['event_id', 'date', 'date_precision', 'source']
>>> event_arrow_schema().field("goldstein").type
DataType(double)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when used: importing the schema (blocwatch --help) does not load Arrow
    import pyarrow as pa

__all__ = [
    "EVENT_COLUMNS",
    "INGEST_COLUMNS",
    "MIGRATIONS",
    "MODES",
    "PRECISIONS",
    "QUARANTINE_COLUMNS",
    "RAW_PREFIX_BYTES",
    "REPORTED_MODES",
    "SCHEMA_VERSION",
    "Column",
    "create_table_sql",
    "event_arrow_schema",
]

#: Bumped whenever a stored table changes shape; the store refuses newer files and upgrades older
#: ones (:data:`MIGRATIONS`). 2: ``cameo`` may be empty (events known by their PLOVER type only);
#: ``doc_title`` and ``fatalities``. 3: ``confidence`` of events coded from text. 4: a quarantined
#: line keeps at most its first 64 KiB, with ``raw_length`` and ``raw_sha256`` of the whole line.
SCHEMA_VERSION = 4

#: Most of a quarantined line the store keeps (``raw`` in characters, ``raw_bytes`` in bytes);
#: ``raw_length`` and ``raw_sha256`` identify the whole line in its source file.
RAW_PREFIX_BYTES = 65536

#: SQL that brings a store of the version before each key to that version, in order.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: ("ALTER TABLE events ALTER COLUMN cameo DROP NOT NULL",
        "ALTER TABLE events ALTER COLUMN cameo_root DROP NOT NULL",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS doc_title VARCHAR",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS fatalities INTEGER"),
    3: ("ALTER TABLE events ADD COLUMN IF NOT EXISTS confidence DOUBLE",),
    4: ("ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS raw_length BIGINT",
        "ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS raw_sha256 VARCHAR",
        "UPDATE quarantine SET raw_length = octet_length(coalesce(raw_bytes, encode(raw)))",
        "UPDATE quarantine SET raw_sha256 = sha256(coalesce(raw_bytes, encode(raw))), "
        f"raw = left(raw, {RAW_PREFIX_BYTES}), raw_bytes = raw_bytes[1:{RAW_PREFIX_BYTES}] "
        f"WHERE length(raw) > {RAW_PREFIX_BYTES} OR octet_length(raw_bytes) > {RAW_PREFIX_BYTES}"),
}

#: Values of ``events.mode``; only ``factual`` events count as facts in analysis. ``untargeted``: an
#: act coded from text as having happened for which the coder found no counterpart (the text may
#: name none, or the coder missed it): it can count in no dyad.
MODES = ("factual", "negated", "hypothetical", "future", "claimed", "commentary", "untargeted")

#: The modes of acts reported as having happened, with or without a counterpart.
REPORTED_MODES = ("factual", "untargeted")

#: Values of ``events.date_precision``.
PRECISIONS = ("day", "week", "month", "year", "reported", "unknown")


@functools.cache
def _arrow_types() -> dict[str, pa.DataType]:
    """The Arrow type of each SQL type the tables use."""
    import pyarrow as pa

    return {
        "VARCHAR": pa.string(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
        "TINYINT": pa.int8(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "BLOB": pa.binary(),
    }


@dataclass(frozen=True)
class Column:
    """One column of a stored table."""

    name: str
    sql_type: str
    description: str
    not_null: bool = False

    @property
    def arrow_type(self) -> pa.DataType:
        return _arrow_types()[self.sql_type]


EVENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "event_id",
        "VARCHAR",
        "Stable identifier: `<origin>:<origin_id>` for datasets, a content hash for coded text.",
        True,
    ),
    Column("date", "DATE", "When the event happened (first day of the month or year when less precise).", True),
    Column("date_precision", "VARCHAR", "`day`, `week`, `month`, `year`, `reported` (text gave no date: "
           "the publication day, on or before which the event happened) or `unknown` (the date is only an "
           "upper bound, and dyads leave the event out: background the text places before the report without "
           "a date, such as \"had invaded\" or \"annexed Crimea after the revolution in 2014\" (after a time "
           "more than a week before the report), bounded by the publication day; an act the text dates by a "
           "decade, a century or a winter, bounded by its last day). A season other than winter is dated by "
           "its `year`; \"on Tuesday night\", \"this morning\" are of the `day`.", True),
    Column("source", "VARCHAR", "Source actor as a CAMEO actor code, e.g. `PRKGOV`."),
    Column("source_name", "VARCHAR", "Source actor's name as the origin gives it."),
    Column(
        "source_country",
        "VARCHAR",
        "Source actor's state, ISO 3166 alpha-3 (`XKX` for Kosovo); empty for regions and unknowns.",
    ),
    Column("source_sector", "VARCHAR", "Source actor's CAMEO sector code (GOV, MIL, COP, REB ...)."),
    Column("target", "VARCHAR", "Target actor as a CAMEO actor code."),
    Column("target_name", "VARCHAR", "Target actor's name as the origin gives it."),
    Column("target_country", "VARCHAR", "Target actor's state, ISO 3166 alpha-3."),
    Column("target_sector", "VARCHAR", "Target actor's CAMEO sector code."),
    Column("cameo", "VARCHAR", "CAMEO event code as a string with leading zeros, e.g. `042`; empty for events "
           "a dataset gives only a PLOVER type (POLECAT, ACLED)."),
    Column("cameo_root", "VARCHAR", "Two-digit CAMEO root code, e.g. `04` (empty with `cameo`)."),
    Column(
        "quad_class",
        "TINYINT",
        "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
    ),
    Column("goldstein", "DOUBLE", "Goldstein score, -10 (most conflictual) to +10 (most cooperative); for an event "
           "with a PLOVER type only, the mean score of the CAMEO codes of that type (and mode)."),
    Column("plover", "VARCHAR", "PLOVER event type (AGREE, CONSULT, ASSAULT ...), mapped from the CAMEO code or "
           "given by the dataset."),
    Column("plover_mode", "VARCHAR", "PLOVER mode where the CAMEO code implies one (visit, phone, firearms ...)."),
    Column(
        "mode",
        "VARCHAR",
        "`factual`, `negated`, `hypothetical`, `future`, `claimed`, `commentary` (coded from a sentence that "
        "reports no act: opinion, description, caption) or `untargeted` (an act coded from text as having "
        "happened for which the coder found no counterpart: it counts in no dyad); only factual events are "
        "facts.",
        True,
    ),
    Column("is_root", "BOOLEAN", "GDELT's IsRootEvent: the event comes from a lead paragraph."),
    Column("origin", "VARCHAR", "Where the event comes from: `gdelt2`, `gdelt1`, `icews`, `text`.", True),
    Column("origin_id", "VARCHAR", "The event's id in its origin, e.g. GDELT's GlobalEventID."),
    Column("doc_id", "VARCHAR", "Document the event was coded from (ICEWS story id, text document id)."),
    Column("url", "VARCHAR", "Address of the source article, where known."),
    Column("publisher", "VARCHAR", "Publisher of the source article, where known."),
    Column("reported_at", "TIMESTAMP", "When the report appeared or was added to the origin (GDELT DATEADDED)."),
    Column("mentions", "INTEGER", "GDELT NumMentions: mentions of the event across all documents."),
    Column("sources", "INTEGER", "GDELT NumSources: distinct information sources."),
    Column("articles", "INTEGER", "GDELT NumArticles: distinct articles."),
    Column("tone", "DOUBLE", "GDELT AvgTone of the articles, -100 to +100."),
    Column("location_name", "VARCHAR", "Where the event took place, as a place name."),
    Column("location_country", "VARCHAR", "Country of the location, ISO 3166 alpha-3."),
    Column("latitude", "DOUBLE", "Latitude of the location."),
    Column("longitude", "DOUBLE", "Longitude of the location."),
    Column("evidence_text", "VARCHAR", "The sentence the event was coded from, where known."),
    Column(
        "evidence_sentence",
        "INTEGER",
        "0-based index of that sentence in its document (ICEWS: its sentence number).",
    ),
    Column("evidence_start", "INTEGER", "Character offset where the evidence span starts in the document."),
    Column("evidence_end", "INTEGER", "Character offset where the evidence span ends (exclusive)."),
    Column("evidence_rule", "VARCHAR", "Why the event was coded: the pattern or rule that fired."),
    Column("doc_title", "VARCHAR", "Title (headline) of the source document, where known."),
    Column("fatalities", "INTEGER", "Reported deaths (ACLED and files that give them)."),
    Column("confidence", "DOUBLE", "Events coded from text: the measured share of right types for events "
           "typed as this one was (rules and model agreeing, disagreeing, or one alone), 0-1."),
    Column("ingest_id", "INTEGER", "The `ingests` row of the file this event was read from.", True),
    Column("ingested_at", "TIMESTAMP", "When the event was stored.", True),
)

QUARANTINE_COLUMNS: tuple[Column, ...] = (
    Column("ingest_id", "INTEGER", "The `ingests` row of the run that read the line.", True),
    Column("file", "VARCHAR", "The file (or `archive.zip:member`) the line is in.", True),
    Column("file_sha256", "VARCHAR", "SHA-256 of the file's content; with `line` it identifies the line.", True),
    Column("line", "BIGINT", "1-based line number in the (decompressed) file.", True),
    Column("reason", "VARCHAR", "Why the line is not an event.", True),
    Column("raw", "VARCHAR", "The line as text; bytes that are not UTF-8 appear as `\\xNN`. Of a longer "
           "line only the start: its first 65,536 characters (of a line over the 2 MiB maximum, its first 65,536 "
           "bytes).", True),
    Column("raw_bytes", "BLOB", "The exact bytes of the line when they are not valid UTF-8 (its first 64 KiB "
           "when `raw` is clipped)."),
    Column("origin", "VARCHAR", "The importer that read the line (`gdelt`, `icews` ...).", True),
    Column("raw_length", "BIGINT", "Bytes of the whole line (without its line end)."),
    Column("raw_sha256", "VARCHAR", "SHA-256 of the whole line's bytes when `raw` holds only its start, so that "
           "the line can be found in the source."),
    Column("quarantined_at", "TIMESTAMP", "When the line was quarantined.", True),
)

INGEST_COLUMNS: tuple[Column, ...] = (
    Column("ingest_id", "INTEGER", "Identifier of one file read by one run.", True),
    Column("file", "VARCHAR", "The file (or `archive.zip:member`).", True),
    Column("file_sha256", "VARCHAR", "SHA-256 of the file's (decompressed) content.", True),
    Column("format", "VARCHAR", "Layout recognised: `gdelt2`, `gdelt1`, `gdelt1-nourl`, `icews` ...", True),
    Column("bytes", "BIGINT", "Size of the (decompressed) content.", True),
    Column("lines", "BIGINT", "Lines in the file.", True),
    Column("header_lines", "BIGINT", "Header lines (0 or 1).", True),
    Column("blank_lines", "BIGINT", "Empty lines, which hold no row.", True),
    Column("inserted", "BIGINT", "Rows stored as new events.", True),
    Column("duplicates", "BIGINT", "Rows whose event was already stored (re-ingest, overlapping files).", True),
    Column("quarantined", "BIGINT", "Rows sent to quarantine.", True),
    Column("started_at", "TIMESTAMP", "When reading started.", True),
    Column("finished_at", "TIMESTAMP", "When the file's rows were committed.", True),
)


def create_table_sql(name: str, columns: tuple[Column, ...]) -> str:
    """``CREATE TABLE IF NOT EXISTS`` statement for a table of ``columns``.

    Examples
    --------
    >>> print(create_table_sql("t", (Column("a", "INTEGER", "x", True),)))
    CREATE TABLE IF NOT EXISTS t (
      a INTEGER NOT NULL
    )
    """
    body = ",\n".join(f"  {c.name} {c.sql_type}{' NOT NULL' if c.not_null else ''}" for c in columns)
    return f"CREATE TABLE IF NOT EXISTS {name} (\n{body}\n)"


def event_arrow_schema() -> pa.Schema:
    """The ``events`` table as an Arrow schema (what Parquet exports use).

    Examples
    --------
    >>> event_arrow_schema().names[-2:]
    ['ingest_id', 'ingested_at']
    """
    import pyarrow as pa

    return pa.schema([pa.field(c.name, c.arrow_type, nullable=not c.not_null) for c in EVENT_COLUMNS])
