"""Terminal output for the command line: tables in three formats, and a progress bar."""

from __future__ import annotations

import csv
import enum
import json
import math
import re
import sys
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when used: `blocwatch --help` loads neither Arrow nor rich (issue 18)
    import pyarrow as pa
    from rich.console import Console
    from rich.progress import ProgressColumn, Task, TaskID
    from rich.text import Text

__all__ = ["SECONDARY", "WRAPPED", "OutputFormat", "RichProgress", "clean", "csv_cell", "fit_columns", "note_empty",
           "plural", "render", "state_legend", "stderr", "stdout", "term"]


class _LazyConsole:
    """A :class:`rich.console.Console` on stdout or stderr, made on first use: rich takes tens of
    milliseconds to import, and ``--help`` prints nothing with it. Attributes are the console's."""

    def __init__(self, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            # tables are not squeezed to 80 columns when stdout goes to a file or a pipe (nor to
            # $COLUMNS: a parent process may pass on the width of its own terminal, as pytest does)
            width = None if self._stderr or sys.stdout.isatty() else 250
            self._console = Console(stderr=self._stderr, soft_wrap=True, width=width)
        return self._console

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # copy and pickle look for these before __init__ has run
            raise AttributeError(name)
        return getattr(self.console, name)


def _real(console: Console | _LazyConsole) -> Console:
    return console.console if isinstance(console, _LazyConsole) else console


stdout: Console = _LazyConsole()  # type: ignore[assignment]
stderr: Console = _LazyConsole(stderr=True)  # type: ignore[assignment]


class OutputFormat(enum.StrEnum):
    """How read commands print their results."""

    table = "table"
    csv = "csv"
    jsonl = "jsonl"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(value: Any) -> str:
    """``value`` as one line of text a terminal shows as it is: line breaks and tabs become spaces,
    other control characters (ESC among them, so no escape sequence reaches the terminal) their
    ``\\xNN`` form.

    >>> clean("a\\tb\\x1b]8;;http://evil/\\x07c")
    'a b\\\\x1b]8;;http://evil/\\\\x07c'
    """
    return _CONTROL.sub(lambda m: " " if m.group() in "\t\n\r" else f"\\x{ord(m.group()):02x}", str(value))


def term(value: Any) -> str:
    """Untrusted text (a file name, a document id, a line of a file, an error from a library) for a
    console message that uses markup: :func:`clean`, with Rich markup escaped, so "[/x]" or
    "[link=...]" is shown, never interpreted. Every message that prints such text goes through it.

    >>> term("[link=http://evil.example/]CLICK[/link]")
    '\\\\[link=http://evil.example/]CLICK\\\\[/link]'
    """
    from rich.markup import escape

    return escape(clean(value))


#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
#: Text that starts so but is no formula: a number written as text, dashes ("---", an actor with no state).
_HARMLESS = re.compile(r"-+|[-+]?\d+(\.\d+)?([eE][-+]?\d+)?")


def csv_cell(value: Any) -> Any:
    """A value for a CSV file: text that a spreadsheet would run as a formula gets a leading ``'``
    (OWASP's rule for CSV injection); numbers (as numbers or as text), dashes, dates and empty values
    are written as they are, so an export reads back the same.

    >>> csv_cell("=HYPERLINK('http://evil')"), csv_cell("-2+3+cmd|' /C calc'!A0"), csv_cell("@SUM(A1)")
    ("'=HYPERLINK('http://evil')", "'-2+3+cmd|' /C calc'!A0", "'@SUM(A1)")
    >>> csv_cell("-3.5"), csv_cell(-3), csv_cell("---"), csv_cell("Seoul")
    ('-3.5', -3, '---', 'Seoul')
    """
    if isinstance(value, str) and value.startswith(_FORMULA) and not _HARMLESS.fullmatch(value):
        return "'" + value
    return value


def plural(n: int, noun: str) -> str:
    """``3 files``, ``1 file``.

    >>> plural(1, "file"), plural(1200, "row")
    ('1 file', '1,200 rows')
    """
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Decimal):  # DuckDB's HUGEINT sums
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="backslashreplace")
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.3f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(_plain(value))


def render(table: pa.Table, fmt: OutputFormat, *, title: str | None = None, console: Console = stdout) -> None:
    """Print ``table`` as a rich table, CSV or JSON lines (one object per row)."""
    import pyarrow as pa
    from rich.table import Table
    from rich.text import Text

    rows = table.to_pylist()
    if fmt is OutputFormat.jsonl:
        for row in rows:
            console.file.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.csv:
        writer = csv.writer(console.file, lineterminator="\n")
        writer.writerow(table.column_names)
        for row in rows:
            # to a terminal, control characters are shown, not sent; to a file or a pipe the data stay whole
            cell = (lambda v: clean(v) if isinstance(v, str) else v) if console.is_terminal else (lambda v: v)
            writer.writerow(["" if v is None else cell(csv_cell(_plain(v))) for v in row.values()])
    else:
        cells = {name: [clean(_cell(v)) for v in table.column(name).to_pylist()] for name in table.column_names}
        shown, left_out = fit_columns(cells, console.width)
        wrap = _wrap_width(cells, shown, console.width)
        out = Table(title=title and term(title), title_justify="left", show_edge=False, header_style="bold")
        for name in shown:
            typ = table.schema.field(name).type
            numeric = pa.types.is_integer(typ) or pa.types.is_floating(typ)
            if name in WRAPPED:  # long text wraps in the room the key columns leave
                out.add_column(name, overflow="fold", min_width=min(wrap, _width(name, cells[name])))
            else:
                out.add_column(name, justify="right" if numeric else "left", no_wrap=True,
                               min_width=_width(name, cells[name]))
        for i in range(table.num_rows):
            out.add_row(*(Text(cells[name][i]) for name in shown))  # text, never markup
        console.print(out)
        if left_out:
            stderr.print(f"[yellow]note:[/yellow] {plural(len(left_out), 'column')} left out to fit "
                         f"{console.width} characters ({', '.join(left_out)}); --format csv shows them all",
                         highlight=False)
        legend = state_legend(cells)
        if legend:
            stderr.print(Text(legend), highlight=False)


#: Columns that hold states as ISO alpha-3 codes (actor columns may hold longer codes: ``PRKGOV``).
STATE_COLUMNS = ("source", "target", "source_country", "target_country", "state", "country", "a", "b",
                 "location_country")
_LEGEND_MAX = 12


def state_legend(cells: dict[str, list[str]]) -> str | None:
    """The names of the states a table shows by code, as a line under it (None when it shows none).

    >>> state_legend({"source": ["PRK", "PRKGOV"], "target": ["RUS", "PRK"], "net": ["0.3", "0.1"]})
    'states: PRK North Korea · RUS Russian Federation'
    >>> state_legend({"period": ["2024-10-01"]}) is None
    True
    """
    from blocwatch.countries import load_countries

    known = load_countries().by_iso3
    codes = sorted({v for name in STATE_COLUMNS if name in cells for v in cells[name] if v in known})
    if not codes:
        return None
    shown = [f"{c} {known[c].name}" for c in codes[:_LEGEND_MAX]]
    more = f" · and {len(codes) - _LEGEND_MAX} more" if len(codes) > _LEGEND_MAX else ""
    return "states: " + " · ".join(shown) + more


#: Columns that give way first when a table is wider than the terminal, in the order they go:
#: sums of squares and one-sided sums behind the means, then raw totals, then counts by kind.
SECONDARY = ("score_pos_sq", "score_neg_sq", "score_pos", "score_neg", "weight", "reports", "goldstein_sum",
             "source_name", "target_name", "source_sector", "target_sector", "plover", "date_precision", "doc_id",
             "verbal_coop", "verbal_conflict", "material_coop", "material_conflict", "bound", "seconds",
             "balanced_triangle_ratio", "goldstein_mean", "origin_id", "origin", "goldstein")
#: Columns of running text: they wrap rather than push the others out.
WRAPPED = ("evidence_text", "reason", "raw", "blocs", "file", "text", "sentence", "gold", "coded")
_WRAP_MIN = 24
_GAP = 3  # a column's padding and rule


def _width(name: str, values: list[str]) -> int:
    return max([len(name), *map(len, values)])


def _wrap_width(cells: dict[str, list[str]], shown: list[str], width: int) -> int:
    """The narrowest a text column may wrap to: :data:`_WRAP_MIN`, less when the key columns leave
    less room for the text columns (never under 8)."""
    texts = [n for n in shown if n in WRAPPED]
    if not texts:
        return _WRAP_MIN
    fixed = sum(_width(n, cells[n]) + _GAP for n in shown if n not in WRAPPED)
    return max(8, min(_WRAP_MIN, (width - fixed) // len(texts) - _GAP))


def fit_columns(cells: dict[str, list[str]], width: int) -> tuple[list[str], list[str]]:
    """The columns a table keeps in ``width`` characters, and those it leaves out: columns of
    :data:`SECONDARY` go, in that order, until the rest fit; text columns (:data:`WRAPPED`) count
    for their wrapped minimum. Key columns (period, pair, counts, net) are never left out.

    >>> cells = {"period": ["2024-10-01"], "source": ["PRK"], "events": ["35"], "score_pos_sq": ["928.670"],
    ...          "net": ["0.374"]}
    >>> fit_columns(cells, 80)
    (['period', 'source', 'events', 'score_pos_sq', 'net'], [])
    >>> fit_columns(cells, 40)
    (['period', 'source', 'events', 'net'], ['score_pos_sq'])
    """
    names = list(cells)

    def need(cols: list[str]) -> int:
        return sum((min(_WRAP_MIN, _width(n, cells[n])) if n in WRAPPED else _width(n, cells[n])) + _GAP
                   for n in cols)

    left_out: list[str] = []
    for name in SECONDARY:
        if need(names) <= width:
            break
        if name in names and name not in WRAPPED:
            names.remove(name)
            left_out.append(name)
    return names, left_out


def _amount() -> ProgressColumn:
    """A progress column of how far a task is, in its own unit: "1.2/3.4 MB 2.0 MB/s", "12/30 documents 4.1/s"."""
    from rich.progress import DownloadColumn, ProgressColumn, TransferSpeedColumn
    from rich.text import Text

    class Amount(ProgressColumn):
        def __init__(self) -> None:
            super().__init__()
            self._bytes, self._speed = DownloadColumn(), TransferSpeedColumn()

        def render(self, task: Task) -> Text:
            unit = task.fields.get("unit", "bytes")
            if unit == "bytes":
                return Text.assemble(self._bytes.render(task), " ", self._speed.render(task))
            total = "?" if task.total is None else f"{int(task.total):,}"
            rate = f" {task.speed:,.1f}/s" if task.speed else ""
            return Text(f"{int(task.completed):,}/{total} {unit}{rate}", style="progress.download")

    return Amount()


class RichProgress:
    """The library's :class:`blocwatch.progress.Progress`, drawn with ``rich`` on stderr; when it is
    not shown (stderr is no terminal), rich's progress machinery is not even imported."""

    def __init__(self, console: Console = stderr, enabled: bool | None = None) -> None:
        console = _real(console)
        self.enabled = console.is_terminal if enabled is None else enabled
        self._console = console
        self._progress: Any = None
        if self.enabled:
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(TextColumn("{task.description:<10}"), BarColumn(), _amount(),
                                      TimeRemainingColumn(), console=console, transient=True)
        self._task: TaskID | None = None

    def start(self, task: str, total: float | None = None, unit: str = "bytes") -> None:
        if self._progress is None:
            return
        if self._task is None:
            self._progress.start()
        else:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(task, total=total, unit=unit)

    def advance(self, amount: float) -> None:
        if self._task is not None:
            self._progress.advance(self._task, amount)

    def note(self, message: str) -> None:
        self._console.print(message)

    def finish(self) -> None:
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[-1].total or 0)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
        self._task = None

    def __enter__(self) -> RichProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def note_empty(table: pa.Table, db: Any, query: Any, otherwise: str | None = None) -> None:
    """When ``table`` is empty, say why on stderr (:func:`blocwatch.explain.why_empty`), so that an
    empty table is never the whole answer; ``otherwise`` is the reason when the query does select
    events (a view that asks more of them, such as the tie rule of a network)."""
    if table.num_rows:
        return
    from blocwatch.explain import why_empty
    from blocwatch.store import EventStore

    with EventStore(db, read_only=True) as store:
        reason = why_empty(store, query) or otherwise or "the events selected make no row of this table"
    stderr.print(f"[yellow]note:[/yellow] nothing to show: {term(reason)}", highlight=False)
