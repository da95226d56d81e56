"""CAMEO event codes, Goldstein scores, quad classes and their PLOVER types.

The codebooks are data files under ``blocwatch/data`` (sources and licences in its
README), read once and cached. Every CAMEO code resolves to a PLOVER type: codes the
CAMEO-to-PLOVER table does not list take their parent's type (``0214`` -> ``021``);
plain statements (root ``01``) have none, as in PLOVER.

Examples
--------
>>> tax = load_taxonomy()
>>> code = tax.cameo["042"]
>>> code.name, code.goldstein, code.quad_class, code.plover, code.plover_mode
('Make a visit', 1.9, 1, 'CONSULT', 'visit')
>>> tax.cameo["190"].plover, tax.cameo["190"].quad_class
('ASSAULT', 4)
>>> tax.plover_score("CONSULT", "visit")
4.0

An event can also be named, as CAMEO or ICEWS write it, or given by its PLOVER type alone:

>>> tax.event_code("Use conventional military force"), tax.event_code("make a visit"), tax.event_code("190")
('190', '042', '190')
>>> tax.plover_profile("ASSAULT")
PloverProfile(goldstein=-9.6, quad_class=4, codes=27)
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from blocwatch.data import read_csv

__all__ = ["CameoCode", "PloverProfile", "Taxonomy", "load_taxonomy"]

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _name_key(name: str) -> str:
    return _NOT_WORD.sub(" ", name.lower()).strip()


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its scores and PLOVER mapping."""

    code: str
    root: str
    level: int
    name: str
    goldstein: float
    goldstein_icews: float
    quad_class: int
    description: str
    plover: str | None
    plover_mode: str | None
    #: The code whose scores this one borrows (the codes the CAMEO manual adds to GDELT's table,
    #: which the Goldstein scale predates), else None.
    scores_of: str | None = None


@dataclass(frozen=True)
class PloverProfile:
    """What an event known only by its PLOVER type (and mode) stands for on the CAMEO scales: the
    mean Goldstein score and the most common quad class of the CAMEO codes that map to it."""

    goldstein: float
    quad_class: int
    codes: int


@dataclass(frozen=True)
class Taxonomy:
    """The CAMEO codebook keyed by code, plus PLOVER scores and the names events go by."""

    cameo: dict[str, CameoCode]
    plover_scores: dict[tuple[str, str], float]
    names: dict[str, str] = field(default_factory=dict)

    @property
    def plover_types(self) -> frozenset[str]:
        """The PLOVER 0.8 event types (AGREE, ASSAULT, CONSULT ...)."""
        return frozenset(e for e, _ in self.plover_scores)

    def event_code(self, value: str) -> str | None:
        """The CAMEO code of ``value``: a code (``"190"``; ``"42"`` read as ``042``, as spreadsheets
        drop the leading zero) or an event name as ICEWS or CAMEO write it, in any case. ``None``
        when it is neither (a PLOVER type, say). Where ICEWS and GDELT's CAMEO table give one name
        to different codes, ICEWS's code wins: datasets that write names are ICEWS's."""
        text = value.strip()
        if text.isdigit():
            for code in (text, "0" + text):
                if code in self.cameo:
                    return code
            return None
        return self.names.get(_name_key(text))

    def plover_profile(self, event: str, mode: str | None = None) -> PloverProfile | None:
        """Goldstein score and quad class of a PLOVER type (and mode, where CAMEO codes carry it);
        ``None`` for a type no CAMEO code maps to. Codes that borrow their scores add nothing."""
        codes = [c for c in self.cameo.values() if c.plover == event and c.level > 0 and c.scores_of is None]
        if mode:
            codes = [c for c in codes if c.plover_mode == mode] or codes
        if not codes:
            return None
        quad = Counter(c.quad_class for c in codes).most_common(1)[0][0]
        return PloverProfile(round(sum(c.goldstein for c in codes) / len(codes), 1), quad, len(codes))

    def plover_score(self, event: str, mode: str | None = None) -> float | None:
        """PLOVER 0.8 score (-10..10) of an event type and optional mode.

        Falls back to the event type's own score when the mode has none.
        """
        key = (event, mode or "")
        if key in self.plover_scores:
            return self.plover_scores[key]
        return self.plover_scores.get((event, ""))

    def rows(self) -> list[tuple[str, str, int, str, float, float, int, str | None, str | None]]:
        """The codebook as plain tuples, in the column order of the store's ``cameo_codes`` table."""
        return [
            (c.code, c.root, c.level, c.name, c.goldstein, c.goldstein_icews, c.quad_class, c.plover, c.plover_mode)
            for c in self.cameo.values()
        ]


def _parents(code: str) -> list[str]:
    """Codes whose PLOVER mapping applies to ``code``, most specific first.

    A root such as ``"03"`` takes the mapping of its unspecified leaf ``"030"``, and so does a code
    none of whose parents is mapped (``"176"``, which the published table does not list).

    >>> _parents("0214"), _parents("03"), _parents("176")
    (['0214', '021', '02', '020'], ['03', '030'], ['176', '17', '170'])
    """
    if len(code) == 2:
        return [code, code + "0"]
    return [code[:n] for n in range(len(code), 1, -1)] + [code[:2] + "0"]


@functools.cache
def load_taxonomy() -> Taxonomy:
    """Load and cache the codebooks shipped with blocwatch."""
    mapping = {r["cameo"]: (r["event"], r["mode"] or None) for r in read_csv("cameo_plover.csv")}
    cameo: dict[str, CameoCode] = {}
    for r in read_csv("cameo_event_codes.csv"):
        code = r["code"]
        plover, mode = next((mapping[p] for p in _parents(code) if p in mapping), (None, None))
        cameo[code] = CameoCode(
            code=code,
            root=r["root"],
            level=int(r["level"]),
            name=r["name"],
            goldstein=float(r["goldstein"]),
            goldstein_icews=float(r["goldstein_icews"]),
            quad_class=int(r["quad_class"]),
            description=r["description"],
            plover=plover,
            plover_mode=mode,
            scores_of=r.get("scores_of") or None,
        )
    scores = {(r["event"], r["mode"]): float(r["plover_score"]) for r in read_csv("plover_scores.csv")}
    names = {_name_key(c.name): c.code for c in cameo.values()}
    # a root's label ("CONSULT") names its unspecified leaf ("040, Consult, not specified below")
    names.update({_name_key(c.name): c.code + "0" for c in cameo.values() if c.level == 0 and c.code + "0" in cameo})
    names.update({_name_key(r["name"]): r["code"] for r in read_csv("cameo_names_icews.csv") if r["code"] in cameo})
    return Taxonomy(cameo=cameo, plover_scores=scores, names=names)
