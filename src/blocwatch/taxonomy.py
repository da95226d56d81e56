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
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from blocwatch.data import read_csv

__all__ = ["CameoCode", "Taxonomy", "load_taxonomy"]


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


@dataclass(frozen=True)
class Taxonomy:
    """The CAMEO codebook keyed by code, plus PLOVER scores."""

    cameo: dict[str, CameoCode]
    plover_scores: dict[tuple[str, str], float]

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

    A root such as ``"03"`` takes the mapping of its unspecified leaf ``"030"``.

    >>> _parents("0214"), _parents("03")
    (['0214', '021', '02'], ['03', '030'])
    """
    if len(code) == 2:
        return [code, code + "0"]
    return [code[:n] for n in range(len(code), 1, -1)]


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
        )
    scores = {(r["event"], r["mode"]): float(r["plover_score"]) for r in read_csv("plover_scores.csv")}
    return Taxonomy(cameo=cameo, plover_scores=scores)
