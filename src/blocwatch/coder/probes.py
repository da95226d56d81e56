"""Scoring the coder on single news sentences of the shapes wire services write, labelled first.

Two sets of 120 sentences ship in ``blocwatch/data/eval`` (provenance in its README): 100 report
an event, with the CAMEO code and the source and target states a careful coder would give its
main event; 20 report none (analysis, opinion, a question, a condition, a forecast, a negated
act). ``dev`` is used while changing the coder, to find classes of sentence it gets wrong;
``held-out`` is only measured, never read, so that its figure says how far a change carries to
sentences no one tuned for.

Each sentence gets one verdict from the acts the coder reports as having happened (modes
``factual`` and ``untargeted``: the gold codes acts with no target too):

- an event sentence is **right** when some such event has the gold CAMEO root and both states
  (no state matches no state), **wrong actor** when one has the root but other states, **wrong
  type** when none has the root, and **missed** when there is none;
- a sentence that reports no event is **clean** when no such event comes of it, else a
  **false event**.

Examples
--------
>>> row = {"event": True, "cameo": "173", "source": "KEN", "target": "KEN"}
>>> judge(row, [("1731", "KEN", "KEN")]), judge(row, [("173", "KEN", None)]), judge(row, [])
('right', 'wrong actor', 'missed')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from blocwatch.data import read_jsonl
from blocwatch.errors import ParameterError
from blocwatch.schema import REPORTED_MODES

__all__ = ["PROBE_SETS", "VERDICTS", "ProbeScore", "judge", "load_probes", "score_probes"]

#: The shipped sets, by name: the file in ``blocwatch/data/eval``.
PROBE_SETS = {"dev": "probe_dev.jsonl", "held-out": "probe_heldout.jsonl"}
VERDICTS = ("right", "wrong actor", "wrong type", "missed", "clean", "false event")
#: The day the sentences are coded as published on (none of them depends on it).
DAY = date(2024, 6, 20)


def load_probes(name: str) -> list[dict[str, Any]]:
    """The sentences of one shipped set (``"dev"`` or ``"held-out"``), as labelled.

    >>> rows = load_probes("dev")
    >>> len(rows), sum(r["event"] for r in rows)
    (120, 100)
    """
    if name not in PROBE_SETS:
        raise ParameterError("name", f"choose one of {', '.join(PROBE_SETS)}, not {name!r}")
    return read_jsonl("eval", PROBE_SETS[name])


def judge(row: dict[str, Any], coded: Sequence[tuple[str, str | None, str | None]]) -> str:
    """The verdict on one sentence, given its factual events as (CAMEO code, source state,
    target state)."""
    if not row["event"]:
        return "false event" if coded else "clean"
    if not coded:
        return "missed"
    root = row["cameo"][:2]
    same = [c for c in coded if c[0][:2] == root]
    if any((s, t) == (row["source"], row["target"]) for _, s, t in same):
        return "right"
    return "wrong actor" if same else "wrong type"


@dataclass
class ProbeScore:
    """The verdicts on one set."""

    name: str
    verdicts: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        v = self.verdicts
        events = v["right"] + v["wrong actor"] + v["wrong type"] + v["missed"]
        quiet = v["clean"] + v["false event"]
        return {"set": self.name, "sentences": events + quiet, "events": events,
                **{k.replace(" ", "_"): v[k] for k in VERDICTS},
                "accuracy": round(v["right"] / events, 3) if events else None,
                "false_event_share": round(v["false event"] / quiet, 3) if quiet else None}


def score_probes(coder: Any = None, names: Sequence[str] = tuple(PROBE_SETS),
                 progress: Any = None) -> list[ProbeScore]:
    """Code every sentence of the sets ``names`` and judge it.

    Parameters
    ----------
    coder : Coder, optional
        Default: :meth:`blocwatch.coder.Coder.load`.
    names : sequence of str
        Sets of :data:`PROBE_SETS`.
    progress : Progress, optional
        Told about sentences coded.
    """
    from blocwatch.coder import Coder
    from blocwatch.progress import NullProgress

    coder = coder or Coder.load()
    progress = progress or NullProgress()
    out = []
    for name in names:
        rows = load_probes(name)
        score = ProbeScore(name)
        progress.start(f"probe sentences ({name})", total=len(rows), unit="sentences")
        for row in rows:
            events = [(e.cameo, e.source.country, e.target.country if e.target else None)
                      for e in coder.code_text(row["text"], DAY) if e.mode in REPORTED_MODES]
            score.verdicts[judge(row, events)] += 1
            progress.advance(1)
        progress.finish()
        out.append(score)
    return out
