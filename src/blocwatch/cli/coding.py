"""The coder's commands: ``code`` (print the events of news text) and ``eval`` (score the coder)."""

import os
from pathlib import Path
from typing import Annotated

import typer

from blocwatch.arrays import from_pylist
from blocwatch.cli import options as opt
from blocwatch.cli.app import app
from blocwatch.cli.render import OutputFormat, RichProgress, render, stderr, term
from blocwatch.engines import make_engine
from blocwatch.errors import InputError

__all__ = ["code", "evaluate"]

_TABLE_COLUMNS = ["date", "date_precision", "source", "target", "cameo", "plover", "mode", "doc_id",
                  "evidence_text"]


def _shared(*parts: str) -> Path:
    shared = os.environ.get("BLOCWATCH_SHARED_DATA")
    return Path(shared, *parts) if shared else Path("..", "shared", "data", *parts)


def _default_gold() -> Path:
    return _shared("coder-eval")


@app.command("code")
def code(
    paths: Annotated[list[Path], typer.Argument(help=".txt, .jsonl or .html files, or folders.", show_default=False)],
    published: opt.PublishedOption = None,
    fmt: opt.Format = OutputFormat.jsonl,
    workers: opt.WorkersOption = 1,
    engine: opt.EngineOption = opt.EngineName.duckdb,
    spark_master: opt.MasterOption = None,
) -> int:
    """Code news text into events and print them (nothing is stored)."""
    default_date = opt.day_of(published, "default_date")
    with make_engine(engine, db=os.devnull, master=spark_master) as runner, RichProgress() as progress:
        coded = runner.code(paths, default_date=default_date, workers=workers, progress=progress)
    for p in coded.problems:
        where = f"{p.file}:{p.line}" if p.line else p.file
        stderr.print(f"[yellow]skipped:[/yellow] {term(where)}: {term(p.reason)}", highlight=False)
    if coded.undated:
        stderr.print(f"[yellow]warning:[/yellow] {len(coded.undated):,} document(s) without a publication date "
                     f"(first: {term(coded.undated[0])}); their events are undated: give --date", highlight=False)
    table = coded.events.select(_TABLE_COLUMNS) if fmt is OutputFormat.table else coded.events
    render(table, fmt)
    return 1 if coded.problems and not coded.documents else 0


@app.command("eval")
def evaluate(
    data: Annotated[Path | None, typer.Option("--data", help="Folder of gold sets "
                                              "(default: ../shared/data/coder-eval).")] = None,
    articles: Annotated[Path | None, typer.Option("--articles", help="The Voice of America articles of the "
                                                  "shipped article gold (default: ../shared/data/news-voa/"
                                                  "voa_stories_dev.jsonl; skipped when absent).")] = None,
    fmt: opt.Format = OutputFormat.table,
) -> int:
    """Score the coder on the gold-standard sets (triples F1, PLOVER types, source states), on whole
    news articles (whether each factual event it emits is right, per article) and on single news
    sentences labelled before the coder met them (the main event's type and states)."""
    from blocwatch.extras import require

    require("coder", "scoring the coder")

    from blocwatch.coder.articles import score_articles, totals
    from blocwatch.coder.evaluate import evaluate as score
    from blocwatch.coder.probes import score_probes

    folder = data or _default_gold()
    if not folder.is_dir():
        raise InputError("gold sets not found; give their folder with --data", file=str(folder))
    voa = articles or _shared("news-voa", "voa_stories_dev.jsonl")
    if articles is not None and not articles.is_file():
        raise InputError("articles not found", file=str(articles))
    with RichProgress() as progress:
        scores = score(folder, progress=progress)
        judged = score_articles(voa, progress=progress) if voa.is_file() else []
        probed = score_probes(progress=progress)
    if not judged:
        stderr.print(f"[yellow]note:[/yellow] {term(voa)}: not found; whole articles not scored "
                     "(give their file with --articles)", highlight=False)
    render(from_pylist([s.as_dict() for s in scores]), fmt, title="coder accuracy")
    if judged:
        render(from_pylist([s.as_dict() for s in judged]), fmt,
               title="factual events on whole articles (hand-labelled Voice of America articles)")
        render(from_pylist([{"split": split, **totals(s for s in judged if split in (s.split, "all"))}
                                     for split in ("dev", "test", "all")]), fmt, title="articles in all")
    render(from_pylist([p.as_dict() for p in probed]), fmt,
           title="single news sentences (main event's root and states)")
    if fmt is OutputFormat.table:
        for s in scores:
            if s.confusion:
                rows = [{"gold root": g, "coded root": c, "events": n}
                        for (g, c), n in sorted(s.confusion.items(), key=lambda kv: (-kv[1], kv[0]))[:15]]
                render(from_pylist(rows), fmt, title=f"{s.name}: gold vs coded root ('--' = none)")
    return 0
