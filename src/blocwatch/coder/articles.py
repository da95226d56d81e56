"""Scoring the coder on whole news articles: are the factual events it emits real events?

The gold (``blocwatch/data/eval/voa_gold.jsonl``, provenance in ``data/eval/README.md``) labels 20
Voice of America articles by hand, written before any rule was changed to fit them: every
sentence with what it is (``event``, ``background``, ``statement``, ``opinion``, ``question``,
``hypothetical``, ``description``, ``meta``), and the events a careful coder would list, each with
its actors' states, CAMEO code, date and precision, the sentence that reports it, and whether it
is one of the article's main events. Ten articles are for development, ten are kept for testing
(chosen by the SHA-1 of their ids, not by their content).

Each factual event the coder emits from an article's text gets one verdict, decided by the
gold sentence its evidence overlaps most:

- **not an event**: the sentence reports no event (an opinion, a question, a hypothetical, a
  description, a caption or dateline);
- otherwise the event is compared with the gold events of that sentence, or, when the gold lists
  none there (it names each event once, at the sentence that reports it best), with all the
  article's gold events:
- **right**: a gold event has the same CAMEO root, the same source and target states (an actor
  with no state matches one with no state) and a date the gold date allows (:func:`date_allowed`);
- **wrong date**: root and states right, date not;
- **wrong actor**: a gold event has the root, but other states;
- **wrong type**: the sentence has gold events, none of this root;
- **unlisted**: a sentence that reports an act or a statement, but the article's gold lists no
  event of this root (a statement the gold does not code, an event it left out): not counted
  right either.

*Precision* is the share of emitted factual events judged right; *recall* the share of the
gold's main events that some emitted factual event of the article finds with the same root and
states; ``with_states`` counts the emitted factual events every actor of which has a state,
whether or not it is the right one (an event without one cannot count in a dyad).

Every event of the gold names a target actor: the annotators listed acts between two actors. An
act the coder reports as having happened but for which it found no counterpart (the text may name
none, or the coder missed it) is emitted in mode ``untargeted``, which claims no dyad; precision
and recall count factual events only. So that the figures stay comparable with those measured
before that mode existed, the untargeted events are judged too: ``untargeted`` counts them,
``untargeted_right`` those right, ``precision_with_untargeted`` is the precision over both
modes, and ``recall_with_untargeted`` the recall (a main event the gold lists with no state as
target, "thanked his supporters", is found by an untargeted event of its root and source state).
The sentence gold sets (:mod:`blocwatch.coder.evaluate`, :mod:`blocwatch.coder.probes`) code acts
with no target too, and score both modes.

Examples
--------
>>> date_allowed(date(2024, 6, 19), "day", {"date": "2024-06-19", "date_precision": "day"})
True
>>> date_allowed(date(2025, 3, 14), "day", {"date": "2004", "date_precision": "year"})
False
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from blocwatch.coder.events import CodedEvent
from blocwatch.data import read_jsonl
from blocwatch.errors import InputError
from blocwatch.schema import REPORTED_MODES

__all__ = ["NOT_EVENTS", "VERDICTS", "ArticleGold", "ArticleScore", "date_allowed", "judge", "load_article_gold",
           "score_articles", "totals"]

#: Sentence labels that report no event.
NOT_EVENTS = frozenset({"opinion", "question", "hypothetical", "description", "meta"})
#: The verdicts on an emitted event, in the order of the module docstring.
VERDICTS = ("right", "wrong date", "wrong actor", "wrong type", "unlisted", "not an event")


@dataclass(frozen=True)
class ArticleGold:
    """One hand-labelled article: its sentences (``start``, ``end``, ``label``) and gold events."""

    id: str
    published: date
    split: str
    sentences: tuple[dict[str, Any], ...]
    events: tuple[dict[str, Any], ...]


def load_article_gold(split: str | None = None) -> list[ArticleGold]:
    """The shipped gold, all of it or one ``split`` (``dev`` or ``test``)."""
    out = []
    for g in read_jsonl("eval", "voa_gold.jsonl"):
        if split is None or g["split"] == split:
            out.append(ArticleGold(g["id"], date.fromisoformat(g["published"]), g["split"],
                                   tuple(g["sentences"]), tuple(g["events"])))
    return out


def date_allowed(coded: date | None, precision: str | None, gold: dict[str, Any]) -> bool:
    """Whether a coded date fits a gold event's date: inside its day, week (7 days from it), month or
    year; for a gold date of unknown precision (its date is then an upper bound), an undated
    coded event, or one dated in the bound's year and not after it."""
    if coded is None or precision == "unknown":
        return gold["date_precision"] == "unknown"
    text, kind = gold["date"], gold["date_precision"]
    first = date.fromisoformat({10: text, 7: text + "-01", 4: text + "-01-01"}[len(text)])
    last = {10: first, 7: _month_end(first), 4: date(first.year, 12, 31)}[len(text)]
    if kind == "unknown":  # the date is a bound: the event happened in its year, not after it
        return coded.year == first.year and coded <= last
    if kind == "week":
        return first - timedelta(days=6) <= coded <= first + timedelta(days=6)
    if kind == "day":
        return coded == first
    if kind == "month":
        return (coded.year, coded.month) == (first.year, first.month)
    return first <= coded <= last  # a year, or a day or month given at a coarser precision


def _month_end(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)


def _sentence(gold: ArticleGold, start: int, end: int) -> dict[str, Any] | None:
    best, overlap = None, 0
    for s in gold.sentences:
        n = min(end, s["end"]) - max(start, s["start"])
        if n > overlap:
            best, overlap = s, n
    return best


def _events_in(gold: ArticleGold, sentence: dict[str, Any], text: str) -> list[dict[str, Any]]:
    out = []
    for e in gold.events:
        at = text.find(e["sentence"])
        if at >= 0 and min(at + len(e["sentence"]), sentence["end"]) - max(at, sentence["start"]) > 0:
            out.append(e)
    return out


def judge(event: CodedEvent, gold: ArticleGold, text: str) -> str:
    """The verdict on one emitted factual event (see the module docstring)."""
    sentence = _sentence(gold, event.evidence_start, event.evidence_end)
    if sentence is None or sentence["label"] in NOT_EVENTS:
        return "not an event"
    candidates = _events_in(gold, sentence, text)
    listed = bool(candidates)
    candidates = candidates or list(gold.events)
    states = (event.source.country, event.target.country if event.target else None)
    root = event.cameo[:2]
    same_root = [e for e in candidates if e["cameo_root"] == root]
    both = [e for e in same_root if (e["source_country"], e["target_country"]) == states]
    if any(date_allowed(event.date, event.date_precision, e) for e in both):
        return "right"
    if both:
        return "wrong date"
    if same_root:
        return "wrong actor"
    return "wrong type" if listed else "unlisted"


@dataclass
class ArticleScore:
    """The verdicts on one article's emitted factual events, and the main events found."""

    id: str
    split: str
    verdicts: Counter[str] = field(default_factory=Counter)
    main: int = 0
    found: int = 0
    sentences: int = 0
    with_states: int = 0  # emitted factual events every actor of which has a state
    untargeted: Counter[str] = field(default_factory=Counter)  # verdicts on the ``untargeted`` events
    found_with_untargeted: int = 0  # main events found by a factual or an ``untargeted`` event

    @property
    def emitted(self) -> int:
        return sum(self.verdicts.values())

    @property
    def precision(self) -> float | None:
        return self.verdicts["right"] / self.emitted if self.emitted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.main if self.main else None

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.id, "split": self.split, "sentences": self.sentences, "factual": self.emitted,
                "untargeted": self.untargeted.total(), "untargeted_right": self.untargeted["right"],
                **{v.replace(" ", "_"): self.verdicts[v] for v in VERDICTS},
                "precision": None if self.precision is None else round(self.precision, 3),
                "with_states": self.with_states, "main_events": self.main, "main_found": self.found,
                "recall": None if self.recall is None else round(self.recall, 3)}


def _has_states(event: CodedEvent) -> bool:
    """Whether every actor an event names has a state, so that the event can count in a dyad."""
    return all(a.country is not None for a in (event.source, event.target) if a is not None)


def _found(e: dict[str, Any], events: list[CodedEvent]) -> bool:
    return any(c.cameo[:2] == e["cameo_root"] and (c.source.country, c.target.country if c.target else None)
               == (e["source_country"], e["target_country"]) for c in events)


def score_articles(articles: Path, coder: Any = None, split: str | None = None,
                   progress: Any = None) -> list[ArticleScore]:
    """Code the gold's articles (their text, published on their day) and judge every factual event.

    Parameters
    ----------
    articles : Path
        ``../shared/data/news-voa/voa_stories_dev.jsonl`` (the articles' text is not shipped).
    coder : Coder, optional
        Default: :meth:`blocwatch.coder.Coder.load`.
    split : {"dev", "test"}, optional
        Only these articles.
    """
    from blocwatch.coder import Coder
    from blocwatch.progress import NullProgress

    if not articles.is_file():
        raise InputError("articles not found", file=str(articles))
    texts = {}
    with articles.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            texts[str(row["id"])] = row["text"]
    golds = load_article_gold(split)
    missing = [g.id for g in golds if g.id not in texts]
    if missing:
        raise InputError(f"the file lacks the gold's articles {', '.join(missing)}", file=str(articles))
    coder = coder or Coder.load()
    progress = progress or NullProgress()
    progress.start("articles", total=len(golds), unit="articles")
    out = []
    for g in golds:
        text = texts[g.id]
        coded = coder.code_text(text, g.published, g.id)
        events = [e for e in coded if e.mode == "factual"]
        s = ArticleScore(g.id, g.split, Counter(judge(e, g, text) for e in events), sentences=len(g.sentences),
                         with_states=sum(_has_states(e) for e in events),
                         untargeted=Counter(judge(e, g, text) for e in coded if e.mode == "untargeted"))
        mains = [e for e in g.events if e["main"]]
        s.main, s.found = len(mains), sum(_found(e, events) for e in mains)
        reported = [e for e in coded if e.mode in REPORTED_MODES]
        s.found_with_untargeted = sum(_found(e, reported) for e in mains)
        out.append(s)
        progress.advance(1)
    progress.finish()
    return out


def totals(scores: Iterable[ArticleScore]) -> dict[str, Any]:
    """The verdicts and rates over several articles."""
    scores = list(scores)
    verdicts: Counter[str] = sum((s.verdicts for s in scores), Counter())
    emitted = sum(verdicts.values())
    main, found = sum(s.main for s in scores), sum(s.found for s in scores)
    untargeted: Counter[str] = sum((s.untargeted for s in scores), Counter())
    both = emitted + untargeted.total()
    return {"articles": len(scores), "factual": emitted, "untargeted": untargeted.total(),
            "untargeted_right": untargeted["right"], **{v.replace(" ", "_"): verdicts[v] for v in VERDICTS},
            "precision": round(verdicts["right"] / emitted, 3) if emitted else None,
            "precision_with_untargeted": round((verdicts["right"] + untargeted["right"]) / both, 3) if both else None,
            "not_an_event_share": round(verdicts["not an event"] / emitted, 3) if emitted else None,
            "with_states_share": round(sum(s.with_states for s in scores) / emitted, 3) if emitted else None,
            "main_events": main, "main_found": found, "recall": round(found / main, 3) if main else None,
            "recall_with_untargeted": round(sum(s.found_with_untargeted for s in scores) / main, 3) if main else None}
