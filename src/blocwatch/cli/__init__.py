"""The ``blocwatch`` command line: a thin layer over the library.

Each command builds one object, calls one method and prints the result; the commands live in
:mod:`~blocwatch.cli.ingest`, :mod:`~blocwatch.cli.read`, :mod:`~blocwatch.cli.analysis`,
:mod:`~blocwatch.cli.coding`, :mod:`~blocwatch.cli.report` and :mod:`~blocwatch.cli.serve`, their
shared options in :mod:`~blocwatch.cli.options`. Errors in the user's input (a bad file, option or
store) print one line ``error: FILE:LINE: reason`` (an option's error names its flag) and exit
with 1; anything else is a bug and exits with 2.

Start-up is part of every command (issue 18): help is plain text (Typer's rich help costs more than
Typer itself), rich is loaded only when something is drawn with it, and the command modules keep
their annotations as objects, not text (no ``from __future__ import annotations``), since Typer
reads every command's signature on every run. ``tests/cli/test_startup.py`` holds all three.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import traceback
from typing import NoReturn

import typer

from blocwatch.cli.app import app
from blocwatch.cli.options import flag
from blocwatch.cli.render import stderr, term
from blocwatch.errors import BlocwatchError, ParameterError

__all__ = ["app", "main", "message"]

#: The command modules, in the order ``--help`` lists their commands (importing one adds them).
COMMANDS = ("ingest", "read", "report", "coding", "analysis", "serve")
for _module in COMMANDS:
    importlib.import_module(f"blocwatch.cli.{_module}")


def message(exc: BlocwatchError) -> str:
    """A library error as the command line shows it: a parameter by its flag.

    >>> message(ParameterError("start", '"2024-13" is not a valid date'))
    '--from: "2024-13" is not a valid date'
    """
    if isinstance(exc, ParameterError):
        return f"{flag(exc.param)}: {exc.reason}"
    return str(exc)


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the command line; exit 0 on success, 1 on bad input or usage, 2 on internal errors."""
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=argv, prog_name="blocwatch", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
    except typer.TyperException as exc:  # usage errors
        if type(exc).__name__ == "NoArgsIsHelpError":  # "blocwatch", "blocwatch ingest": the plain help
            typer.echo(exc.format_message())
        else:
            from typer import rich_utils

            rich_utils.rich_format_error(exc)  # type: ignore[arg-type]
        code = 1
    except typer.Abort:
        code = 1
    except BlocwatchError as exc:
        stderr.print(f"[red]error:[/red] {term(message(exc))}", highlight=False)  # "[spark]" is text, not markup
        code = 1
    except OSError as exc:
        stderr.print(f"[red]error:[/red] {term(exc.filename or '')}: {term(exc.strerror or exc)}", highlight=False)
        code = 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        from blocwatch.store import storage_error

        failed = storage_error(exc)  # the store's file failed under a command (a full disk, a damaged file)
        if failed is not None:
            stderr.print(f"[red]error:[/red] {term(message(failed))}", highlight=False)
            code = 1
        else:
            stderr.print(f"[red]internal error:[/red] {type(exc).__name__}: {term(exc)}", highlight=False)
            if os.environ.get("BLOCWATCH_DEBUG"):
                traceback.print_exc()
            else:
                stderr.print("this is a bug in blocwatch; run with BLOCWATCH_DEBUG=1 for a traceback", highlight=False)
            code = 2
    if argv is None:  # the program's own run, about to end: see _ending
        _ending()
    sys.exit(code)


def _ending() -> None:
    """Spare the interpreter's tear-down a search for reference cycles among every object the run
    made (numba's compiler alone leaves half a million: 0.15-0.3 s after a search, longer than the
    network of states took). The objects move to the collector's permanent generation; the
    process's end frees them. Only for the program, not for a caller of :func:`main` in Python,
    whose later garbage would be kept."""
    gc.freeze()
