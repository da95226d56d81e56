"""The read commands: ``stats``, ``dyads`` and ``quarantine``."""

from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from blocwatch.cli import options as opt
from blocwatch.cli.app import app
from blocwatch.cli.render import OutputFormat, clean, note_empty, plural, render, stdout, term
from blocwatch.countries import parse_pair
from blocwatch.dyads import DyadQuery
from blocwatch.engines import make_engine
from blocwatch.store import EventStore, StoreStats

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["coverage", "dyads", "events", "quarantine", "stats"]


def _stats_tables(stats: StoreStats) -> "dict[str, pa.Table]":
    import pyarrow as pa

    from blocwatch.arrays import table

    return {
        "origins": table([(o.origin, o.events, o.first_date, o.last_date) for o in stats.origins],
                         pa.schema([("origin", pa.string()), ("events", pa.int64()), ("first_date", pa.date32()),
                                    ("last_date", pa.date32())])),
        "top dyads": table(stats.top_dyads,
                           pa.schema([("source", pa.string()), ("target", pa.string()), ("events", pa.int64())])),
        "quarantine": table(stats.quarantine_reasons, pa.schema([("reason", pa.string()), ("lines", pa.int64())])),
    }


@app.command()
def stats(db: opt.Db = opt.DEFAULT_DB, fmt: opt.Format = OutputFormat.table) -> None:
    """What the store holds: events by origin and date range, top dyads, quarantine."""
    with EventStore(db, read_only=True) as store:
        result = store.stats()
    tables = _stats_tables(result)
    if fmt is OutputFormat.table:
        stdout.print(
            f"[bold]{term(result.path)}[/bold]: {result.events:,} events from {plural(result.files, 'file')}, "
            f"{plural(result.quarantined, 'quarantined line')}", highlight=False,
        )
        for title, table in tables.items():
            if table.num_rows:
                render(table, fmt, title=title)
    else:
        import pyarrow as pa

        from blocwatch.arrays import array

        for title, table in tables.items():
            render(table.append_column("section", array([title] * table.num_rows, pa.string())), fmt)


@app.command()
def dyads(
    db: opt.Db = opt.DEFAULT_DB, start: opt.Start = None, end: opt.End = None, countries: opt.Countries = None,
    window: opt.Window = "month",
    domestic: Annotated[bool, typer.Option("--domestic", help="Include a state's events with itself.")] = False,
    fmt: opt.Format = OutputFormat.table,
    engine: opt.EngineOption = opt.EngineName.duckdb, spark_master: opt.MasterOption = None,
    events: opt.EventsOption = None,
    roots: opt.Roots = None, quads: opt.Quads = None, plover: opt.Plover = None, origins: opt.Origins = None,
    exclude: opt.Exclude = None,
) -> None:
    """Directed dyads per window: events, sum and mean Goldstein, counts per quad class."""
    query = DyadQuery(window=window, countries=opt.countries_of(countries), start=start, end=end,
                      include_domestic=domestic, **opt.event_filters(roots, quads, origins, exclude, plover))
    with make_engine(engine, db=db, master=spark_master, events=events) as runner:
        table = runner.dyads(query)
    render(table, fmt)
    if engine is opt.EngineName.duckdb:
        note_empty(table, db, query)


@app.command()
def events(
    db: opt.Db = opt.DEFAULT_DB, start: opt.Start = None, end: opt.End = None, countries: opt.Countries = None,
    pair: Annotated[str | None, typer.Option(help="Only events between these two states, e.g. PRK-RUS.")] = None,
    all_modes: opt.AllModes = False, fmt: opt.Format = OutputFormat.table,
    roots: opt.Roots = None, quads: opt.Quads = None, plover: opt.Plover = None, origins: opt.Origins = None,
    exclude: opt.Exclude = None,
) -> None:
    """Events with every column (CSV and JSON lines read back by `blocwatch ingest csv --map`, docs/importing.md)."""
    from blocwatch.relations import Relations, RelationsOptions

    a, b = parse_pair(pair) if pair else (None, None)
    query = DyadQuery(countries=None if pair else opt.countries_of(countries), start=start, end=end,
                      factual_only=not all_modes, directed=False,
                      **opt.event_filters(roots, quads, origins, exclude, plover))
    with EventStore(db, read_only=True) as store:
        table = Relations(store, RelationsOptions(query=query)).event_table(a, b)
    if fmt is OutputFormat.table:
        table = table.select(["date", "source", "target", "cameo", "plover", "goldstein", "mode", "origin",
                              "evidence_text"])
    render(table, fmt)
    note_empty(table, db, query if a is None else replace(query, countries=(a, b)))


@app.command()
def coverage(db: opt.Db = opt.DEFAULT_DB, fmt: opt.Format = OutputFormat.table) -> None:
    """Events per origin and month, and each origin's coverage (months outside it are missing data, not peace)."""
    from blocwatch.relations import Relations

    with EventStore(db, read_only=True) as store:
        rel = Relations(store)
        table, spans = rel.coverage_table(), rel.coverage()
    if fmt is OutputFormat.table:
        for origin, (first, last) in sorted(spans.items()):
            stdout.print(clean(f"{origin}: covers {first:%Y-%m} to {last:%Y-%m}"), highlight=False, markup=False)
    render(table, fmt)


@app.command()
def quarantine(
    db: opt.Db = opt.DEFAULT_DB,
    file: Annotated[str | None, typer.Option(help="Only lines of files whose name contains this.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many lines (0 for all).")] = 50,
    fmt: opt.Format = OutputFormat.table,
) -> None:
    """Lines that did not become events, with file, line number and reason."""
    with EventStore(db, read_only=True) as store:
        table = store.quarantined(file_contains=file, limit=limit or None)
    render(table, fmt)
