"""Scoring the coder against gold-standard codings (``blocwatch eval``).

Gold sets (in ``../shared/data/coder-eval``):

- ``PETR2_GSR_validation.xml``: real news sentences (AFP 2008) with hand-checked CAMEO codings;
- ``PETR_Validate_records_2_02.xml`` and ``PETR.UnitTest.records.xml``: PETRARCH's validation
  suites, with fictional actors, coded with their own actor dictionaries
  (``PETR.Validate.actors.txt``, ``PETR.Validate.agents.txt``) loaded beside the shipped ones;
- ``PLOVER_GSR_CAMEO.dev.json``: sentences from the CAMEO manual with PLOVER event types and
  source/target countries (PLOVER 0.5b1 labels, mapped to 0.8 here).

Metrics, per set:

- **triples**: precision, recall and F1 of (source, target, event code) triples per sentence,
  at **leaf** level (codes as given) and **root** level (actors cut to their first three letters,
  the state or organisation type; event codes to their two-digit root). Only acts reported as
  having happened count (modes ``factual`` and ``untargeted``): a gold set codes what happened,
  with no target too. Codes are compared in PETRARCH's notation: an actor
  known only by its sector (``REB``, coded so in blocwatch as in GDELT) is ``---REB``, and an
  event without a target has target ``---``.
- **exact records**: the share of sentences whose coded triples are exactly the gold ones (no
  event missing, none extra), the measure PETRARCH reports on its validation suites.
- **PLOVER type accuracy**: the share of gold events whose PLOVER type is the type of the
  sentence's *main* coded event (the one whose trigger is closest to the root of the parse);
  ``any`` counts a hit if any coded event has the type.
- **source-country accuracy** (PLOVER set): for sentences where an event is coded, whether the
  main event's source state is among the gold sources (international organisations of any kind,
  which the gold set labels "IGO", count as one class); ``all`` counts sentences coded with no
  event as misses too.
- **confusion by root**: gold event roots against the roots coded for the same actor pair.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from blocwatch.coder.events import CodedEvent
from blocwatch.coder.petrarch import read_actors, read_agents
from blocwatch.errors import InputError
from blocwatch.schema import REPORTED_MODES
from blocwatch.taxonomy import load_taxonomy

if TYPE_CHECKING:
    from blocwatch.coder import Coder

__all__ = ["GOLD_SETS", "GoldRecord", "SetScore", "evaluate", "load_gold", "main_event", "petrarch_notation", "score"]

#: PLOVER 0.5b1 event labels in the PLOVER gold set, as PLOVER 0.8 types.
PLOVER_05_TO_08 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}

#: Gold set file -> (name, whether the validation dictionaries are needed).
GOLD_SETS = {
    "PETR2_GSR_validation.xml": ("PETR2 GSR (real news)", False),
    "PETR_Validate_records_2_02.xml": ("PETR validation 2.02", True),
    "PETR.UnitTest.records.xml": ("PETR unit tests", True),
    "PLOVER_GSR_CAMEO.dev.json": ("PLOVER GSR (CAMEO manual)", False),
}


@dataclass
class GoldRecord:
    """One gold sentence: its text, date and expected codings."""

    id: str
    text: str
    date: date | None
    triples: list[tuple[str, str, str]] = field(default_factory=list)  # (source, target, cameo)
    plover: str | None = None
    sources: list[str] = field(default_factory=list)


def _petrarch_records(path: Path) -> list[GoldRecord]:
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    out: list[GoldRecord] = []
    for head, body in re.findall(r"(<Sentence\b[^>]*>)(.*?)(?=<Sentence\b|</Sentences>|\Z)", text, flags=re.S):
        attrs = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', head))
        if attrs.get("evaluate", attrs.get("sentence", "true")).lower() == "false" or "id" not in attrs:
            continue
        sentence = re.search(r"<Text>(.*?)</Text>", body, flags=re.S)
        if not sentence:
            continue
        when = None
        if re.fullmatch(r"\d{8}", attrs.get("date", "")):
            d = attrs["date"]
            when = date(int(d[:4]), int(d[4:6]), int(d[6:]))
        rec = GoldRecord(attrs["id"], " ".join(sentence.group(1).split()), when)
        for coding in re.findall(r"<EventCoding\b([^>]*)>", body):
            c = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', coding))
            if c.get("eventcode"):
                rec.triples.append((c.get("sourcecode", ""), c.get("targetcode", ""), c["eventcode"]))
        out.append(rec)
    return out


def _plover_records(path: Path) -> list[GoldRecord]:
    out = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        if r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        text = r["text"].strip().strip("{}").strip()
        rec = GoldRecord(r["id"], text, date.fromisoformat(r["date"]) if r.get("date") else None)
        rec.plover = PLOVER_05_TO_08.get(r["event"], r["event"])
        rec.sources = [s.get("code", "") for s in r.get("source", []) if s.get("code")]
        out.append(rec)
    return out


def load_gold(path: Path) -> list[GoldRecord]:
    """Records of a gold set file (PETRARCH XML or PLOVER JSON)."""
    if not path.exists():
        raise InputError("gold set not found", file=str(path))
    return _plover_records(path) if path.suffix == ".json" else _petrarch_records(path)


def validation_dictionaries(folder: Path):  # noqa: ANN201 - (actors, agents)
    """The fictional actors and agents of PETRARCH's validation suites."""
    return read_actors(folder / "PETR.Validate.actors.txt"), read_agents(folder / "PETR.Validate.agents.txt")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SetScore:
    """Scores of one gold set."""

    name: str
    records: int
    leaf: PRF = field(default_factory=PRF)
    root: PRF = field(default_factory=PRF)
    plover_main: tuple[int, int] = (0, 0)  # hits, total
    plover_any: tuple[int, int] = (0, 0)
    source_country: tuple[int, int] = (0, 0)  # over all records with gold sources
    source_country_coded: tuple[int, int] = (0, 0)  # over those where an event was coded
    exact: tuple[int, int] = (0, 0)  # records whose coded triples are exactly the gold ones
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def rate(self, pair: tuple[int, int]) -> float | None:
        return pair[0] / pair[1] if pair[1] else None

    def as_dict(self) -> dict[str, object]:
        """The scores as one row; metrics the set has no gold for (triples in PLOVER's) are None."""
        triples = self.leaf.tp + self.leaf.fn > 0

        def prf(x: float) -> float | None:
            return round(x, 3) if triples else None

        return {
            "set": self.name, "records": self.records,
            "leaf_precision": prf(self.leaf.precision), "leaf_recall": prf(self.leaf.recall),
            "leaf_f1": prf(self.leaf.f1),
            "root_precision": prf(self.root.precision), "root_recall": prf(self.root.recall),
            "root_f1": prf(self.root.f1),
            "exact_records": _round(self.rate(self.exact)),
            "plover_accuracy": _round(self.rate(self.plover_main)),
            "plover_any_accuracy": _round(self.rate(self.plover_any)),
            "source_country_accuracy": _round(self.rate(self.source_country_coded)),
            "source_country_all": _round(self.rate(self.source_country)),
        }


#: Codes of international actors, which the PLOVER gold set labels all as "IGO"; they are
#: actor types of their own, not sectors of an unknown state.
_INTERNATIONAL = {"IGO", "NGO", "IMG", "INT", "MNC", "NGM", "UIS"}


def _actor_class(code: str) -> str:
    """A code's state, or ``INT`` for an international actor (the PLOVER gold set's "IGO")."""
    head = code[:3]
    return "INT" if head in _INTERNATIONAL else head


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def _sectors() -> frozenset[str]:
    from blocwatch.actors import load_actor_entries
    from blocwatch.countries import load_countries

    _, agents, _ = load_actor_entries()
    return frozenset({a.code[:3] for a in agents} - _INTERNATIONAL - set(load_countries().by_cameo))


def petrarch_notation(code: str, sectors: frozenset[str]) -> str:
    """An actor code as PETRARCH writes it: ``---`` for none, ``---`` before a bare sector.

    >>> petrarch_notation("REB", frozenset({"REB"})), petrarch_notation("", frozenset())
    ('---REB', '---')
    """
    if not code:
        return "---"
    return "---" + code if code[:3] in sectors else code


def _root_triple(t: tuple[str, str, str]) -> tuple[str, str, str]:
    return t[0][:3], t[1][:3], t[2][:2]


def main_event(events: Sequence[CodedEvent], depth: dict[int, int]) -> CodedEvent | None:
    """The sentence's main event: not a bare statement or report if there is anything else, then
    the one whose trigger is closest to the root of the parse."""
    if not events:
        return None
    return min(events, key=lambda e: (e.cameo[:2] == "01", depth.get(e.trigger, 99), e.trigger))


def score(name: str, records: Iterable[GoldRecord],
          coded: Iterable[tuple[GoldRecord, list[CodedEvent], dict[int, int]]]) -> SetScore:
    """Score coded events against gold records.

    ``coded`` yields, per record, the events coded from its text and the depth in the parse of
    each trigger (character offset -> depth), which picks the main event.
    """
    tax = load_taxonomy()
    sectors = _sectors()
    result = SetScore(name, 0)
    for rec, events, depth in coded:
        result.records += 1
        reported = [e for e in events if e.mode in REPORTED_MODES]
        predicted = {(petrarch_notation(e.source.code, sectors),
                      petrarch_notation(e.target.code if e.target else "", sectors), e.cameo) for e in reported}
        gold = {(petrarch_notation(s, sectors), petrarch_notation(t, sectors), c) for s, t, c in rec.triples}
        if gold or rec.plover is None:
            _count(result.leaf, predicted, gold)
            result.exact = (result.exact[0] + (predicted == gold), result.exact[1] + 1)
            _count(result.root, {_root_triple(t) for t in predicted}, {_root_triple(t) for t in gold})
            for g in gold:
                same_pair = [p for p in predicted if p[0][:3] == g[0][:3] and p[1][:3] == g[1][:3]]
                result.confusion[(g[2][:2], same_pair[0][2][:2] if same_pair else "--")] += 1
        main = main_event(reported, depth)
        gold_types = {tax.cameo[t[2]].plover for t in gold if t[2] in tax.cameo} - {None}
        if rec.plover:
            gold_types = {rec.plover}
        if gold_types:
            types = {tax.cameo[e.cameo].plover for e in reported if e.cameo in tax.cameo}
            main_type = tax.cameo[main.cameo].plover if main and main.cameo in tax.cameo else None
            result.plover_main = (result.plover_main[0] + (main_type in gold_types), result.plover_main[1] + 1)
            result.plover_any = (result.plover_any[0] + bool(types & gold_types), result.plover_any[1] + 1)
        if rec.sources:
            hit = main is not None and _actor_class(main.source.code) in {_actor_class(s) for s in rec.sources}
            result.source_country = (result.source_country[0] + hit, result.source_country[1] + 1)
            if main is not None:
                result.source_country_coded = (result.source_country_coded[0] + hit,
                                               result.source_country_coded[1] + 1)
    return result


def _count(prf: PRF, predicted: set[tuple[str, str, str]], gold: set[tuple[str, str, str]]) -> None:
    prf.tp += len(predicted & gold)
    prf.fp += len(predicted - gold)
    prf.fn += len(gold - predicted)


def _out_of_fold(coder: Coder, ids: set[str]) -> dict[str, Coder]:
    """For gold records the coder's typer was trained on, a coder whose typer was trained
    without their fold (so the typer is never scored on what it has seen)."""
    from blocwatch.coder import Coder
    from blocwatch.coder.typer import FOLDS, fold_of, load_training_set, train_out_of_fold

    typer = coder.typer
    if typer is None:
        return {}
    examples = load_training_set()
    seen = ids & {e["id"] for e in examples}
    if not seen:
        return {}
    lemmas = [[t.lemma_ for t in doc] for doc in coder.nlp.pipe(e["text"] for e in examples)]
    c, min_df = float(typer.about.get("c", 30.0)), int(typer.about.get("min_df", 1))
    coders = {f: Coder(coder.nlp, coder.actors, coder.vocabulary,
                       typer=train_out_of_fold(typer, lemmas, examples, f, c, min_df)) for f in range(FOLDS)}
    return {i: coders[fold_of(i)] for i in seen}


def evaluate(folder: Path, sets: Sequence[str] | None = None, progress=None) -> list[SetScore]:  # noqa: ANN001
    """Code every gold set in ``folder`` and score it.

    Parameters
    ----------
    folder : Path
        ``../shared/data/coder-eval`` or a copy of it.
    sets : sequence of str, optional
        File names of the sets to score (default: all of :data:`GOLD_SETS`).
    progress : Progress, optional
        Told about sentences coded.
    """
    from blocwatch.coder import Coder
    from blocwatch.coder.actors import ActorDictionary
    from blocwatch.progress import NullProgress

    progress = progress or NullProgress()
    if not folder.is_dir():
        raise InputError("gold-set folder not found", file=str(folder))
    base = Coder.load()
    fictional: Coder | None = None
    results = []
    for file in sets or list(GOLD_SETS):
        name, needs_dictionaries = GOLD_SETS[file]
        records = load_gold(folder / file)
        coder = base
        if needs_dictionaries:
            if fictional is None:
                actors, agents = validation_dictionaries(folder)
                fictional = Coder(base.nlp, ActorDictionary.load(base.nlp, actors, agents), base.vocabulary)
            coder = fictional
        progress.start(name, total=len(records), unit="records")
        unseen = _out_of_fold(coder, {r.id for r in records})

        def coded(records: list[GoldRecord] = records, coder: Coder = coder,  # noqa: ANN202
                  unseen: dict[str, Coder] = unseen):
            for rec in records:
                own = unseen.get(rec.id, coder)
                doc = own.nlp(rec.text)
                depth = {t.idx: sum(1 for _ in t.ancestors) for t in doc}
                yield rec, own.code_text(rec.text, rec.date or date(2000, 1, 1), rec.id), depth
                progress.advance(1)

        results.append(score(name, records, coded()))
        progress.finish()
    return results
