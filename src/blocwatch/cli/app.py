"""The command line's two command groups (``blocwatch`` and ``blocwatch ingest``) and its root options.

Command modules add their commands to these with ``@app.command()`` and ``@ingest_app.command()``;
:mod:`blocwatch.cli` imports every command module and runs the app.
"""

from typing import Annotated

import typer

from blocwatch import __version__

__all__ = ["app", "ingest_app"]

app = typer.Typer(
    name="blocwatch",
    help="Event data to an evidence-backed map of the balance of forces between states.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"max_content_width": 120},  # command summaries not cut at 80 columns where there is room
)
ingest_app = typer.Typer(help="Read event datasets and news text into the store.", no_args_is_help=True,
                         rich_markup_mode=None, context_settings={"max_content_width": 120})
app.add_typer(ingest_app, name="ingest")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"blocwatch {__version__}")  # plain: rich is not loaded just for this
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Event data to an evidence-backed map of the balance of forces between states."""
