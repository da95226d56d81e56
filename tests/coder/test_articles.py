"""Scoring the coder on whole articles: the verdicts on hand-built cases, the shipped gold, and the
figures docs/accuracy.md records for the real articles."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from blocwatch.coder.articles import (
    ArticleGold,
    ArticleScore,
    date_allowed,
    judge,
    load_article_gold,
    score_articles,
    totals,
)
from blocwatch.coder.events import Actor, CodedEvent
from tests.helpers import REPO

TEXT = ("Russia attacked Ukraine on Monday. Analysts think the war will last. "
        "Ukraine said Russia fired missiles at Kyiv.")
GOLD = ArticleGold(
    "a1", date(2024, 6, 20), "dev",
    sentences=({"start": 0, "end": 34, "label": "event"}, {"start": 35, "end": 68, "label": "opinion"},
               {"start": 69, "end": 112, "label": "event"}),
    events=({"source_country": "RUS", "target_country": "UKR", "cameo_root": "19", "date": "2024-06-17",
             "date_precision": "day", "sentence": "Russia attacked Ukraine on Monday.", "main": True},),
)


def event(start: int, end: int, source: str | None, target: str | None, cameo: str,
          when: date | None = date(2024, 6, 17), precision: str | None = "day") -> CodedEvent:
    return CodedEvent("a1", 0, start, Actor(source or "---", source, None, ""),
                      Actor(target or "---", target, None, ""), cameo, "factual", when, precision, "", "",
                      start, end, "test")


def test_the_gold_offsets_of_the_hand_built_case() -> None:
    assert [TEXT[s["start"]:s["end"]] for s in GOLD.sentences] == [
        "Russia attacked Ukraine on Monday.", "Analysts think the war will last.",
        "Ukraine said Russia fired missiles at Kyiv."]


@pytest.mark.parametrize(("coded", "verdict"), [
    (event(7, 15, "RUS", "UKR", "190"), "right"),
    (event(7, 15, "RUS", "UKR", "195", date(2024, 6, 20), "reported"), "wrong date"),  # publication day
    (event(7, 15, "UKR", "RUS", "190"), "wrong actor"),
    (event(7, 15, "RUS", "UKR", "042"), "wrong type"),
    (event(44, 49, "RUS", None, "190"), "not an event"),  # the opinion sentence
    (event(89, 94, "RUS", "UKR", "195"), "right"),  # a sentence without its own gold event: the article's
    (event(89, 94, "UKR", "RUS", "112"), "unlisted"),  # ... and nothing of the kind listed
])
def test_each_verdict(coded: CodedEvent, verdict: str) -> None:
    assert judge(coded, GOLD, TEXT) == verdict


@pytest.mark.parametrize(("coded", "precision", "gold", "allowed"), [
    (date(2024, 6, 19), "day", ("2024-06-19", "day"), True),
    (date(2024, 6, 20), "day", ("2024-06-19", "day"), False),
    (date(2024, 6, 24), "day", ("2024-06-19", "week"), True),
    (date(2024, 6, 26), "day", ("2024-06-19", "week"), False),
    (date(2024, 6, 30), "month", ("2024-06", "month"), True),
    (date(2023, 12, 31), "day", ("2024", "year"), False),
    (None, None, ("2024-06-19", "unknown"), True),
    (date(2024, 6, 1), "unknown", ("2024-06-19", "unknown"), True),
    (date(2024, 6, 19), "reported", ("2024-06-19", "unknown"), True),  # within the bound's year, not after
    (date(2024, 6, 20), "reported", ("2024-06-19", "unknown"), False),
    (None, None, ("2024-06-19", "day"), False),
])
def test_dates_allowed(coded, precision, gold, allowed) -> None:
    assert date_allowed(coded, precision, {"date": gold[0], "date_precision": gold[1]}) is allowed


def test_the_shipped_gold() -> None:
    gold = load_article_gold()
    assert len(gold) == 20 and [g.split for g in gold].count("dev") == 10
    assert {g.id for g in load_article_gold("test")} == {g.id for g in gold if g.split == "test"}
    labels = {s["label"] for g in gold for s in g.sentences}
    assert labels == {"event", "background", "statement", "opinion", "hypothetical", "description", "meta"}
    for g in gold:
        assert g.events
        assert all(e["cameo"].startswith(e["cameo_root"]) and e["date_precision"] in
                   ("day", "week", "month", "year", "unknown") for e in g.events)
        assert [s["start"] for s in g.sentences] == sorted(s["start"] for s in g.sentences)
    assert sum(e["main"] for g in gold for e in g.events) == 43


@pytest.mark.shared
def test_the_gold_is_verbatim_and_chosen_by_id(shared: Path) -> None:
    rows = [json.loads(line) for line in (shared / "news-voa" / "voa_stories_dev.jsonl").open(encoding="utf-8")]
    texts = {str(r["id"]): r["text"] for r in rows}
    by_hash = [i for _, i in sorted((hashlib.sha1(i.encode()).hexdigest(), i) for i in texts)]
    gold = load_article_gold()
    assert [g.id for g in gold] == by_hash[:20]
    assert [g.id for g in gold if g.split == "dev"] == by_hash[:10]
    for g in gold:
        text = texts[g.id]
        assert all(text[s["start"]:s["end"]] == s["text"] for s in g.sentences)
        assert all(e["sentence"] in text for e in g.events)


def test_recall_with_untargeted_counts_main_events_found_by_either_mode() -> None:
    """Hand-built scores: a main event found only by an ``untargeted`` event counts in the
    like-for-like recall, not in ``recall``."""
    scores = [ArticleScore("a1", "dev", main=2, found=1, found_with_untargeted=2),
              ArticleScore("a2", "dev", main=2, found=0, found_with_untargeted=1)]
    got = totals(scores)
    assert (got["main_events"], got["main_found"], got["recall"], got["recall_with_untargeted"]) == (4, 1, 0.25, 0.75)
    assert totals([ArticleScore("a3", "dev")])["recall_with_untargeted"] is None


@pytest.mark.shared
@pytest.mark.slow
def test_the_figures_in_docs_accuracy_md(shared: Path) -> None:
    """What docs/accuracy.md records for the articles is what the coder gives."""
    scores = score_articles(shared / "news-voa" / "voa_stories_dev.jsonl")
    doc = (REPO / "docs" / "accuracy.md").read_text(encoding="utf-8")
    block = re.search(r"```csv\n(split,articles.*?)```", doc, flags=re.S)
    assert block is not None
    recorded = list(csv.DictReader(io.StringIO(block.group(1))))
    got = [{"split": split, **totals(s for s in scores if split in (s.split, "all"))}
           for split in ("dev", "test", "all")]
    assert [{k: "" if v is None else str(v) for k, v in r.items()} for r in got] == recorded
    assert got[2]["factual"] == sum(s.emitted for s in scores) > 0


@pytest.mark.shared
def test_a_second_annotator_meets_the_targets_against_the_gold(shared: Path) -> None:
    """The gold is reproducible: another annotator's independent events for the same articles
    (data/eval/voa_second_annotator.jsonl), judged by the same rules as the coder's, are mostly
    right and find most main events (the figures docs/accuracy.md gives)."""
    from blocwatch.data import read_jsonl

    texts = {str(json.loads(line)["id"]): json.loads(line)["text"]
             for line in (shared / "news-voa" / "voa_stories_dev.jsonl").open(encoding="utf-8")}
    second = {r["id"]: r["events"] for r in read_jsonl("eval", "voa_second_annotator.jsonl")}
    verdicts, mains, found = [], 0, 0
    for g in load_article_gold():
        text = texts[g.id]
        theirs = []
        for e in second[g.id]:
            at = text.index(e["sentence"])
            d = e["date"]
            when = date.fromisoformat({10: d, 7: d + "-01", 4: d + "-01-01"}[len(d)])
            precision = {"week": "day"}.get(e["date_precision"], e["date_precision"])
            theirs.append(event(at, at + len(e["sentence"]), e["source_country"], e["target_country"], e["cameo"],
                                when, precision))
        verdicts += [judge(c, g, text) for c in theirs]
        for e in g.events:
            if e["main"]:
                mains += 1
                found += any(c.cameo[:2] == e["cameo_root"] and (c.source.country, c.target.country)
                             == (e["source_country"], e["target_country"]) for c in theirs)
    assert (len(verdicts), verdicts.count("right"), mains, found) == (119, 102, 43, 40)
