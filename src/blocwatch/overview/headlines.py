"""Findings in plain words: what a reader should take from the numbers, one sentence each.

Each function takes the results of the other analysis modules (shifts, blocs, the frustration
index, the tension index) and state names, and returns :class:`Headline` objects whose text
says what happened without jargon, with the figures behind it in brackets. Nothing here
decides what is important beyond what the analyses ranked: the biggest shifts are the
first ones given, the frustrated ties are the heaviest ones.

Examples
--------
>>> from datetime import date
>>> values = [0.2, 0.2, 0.2, 0.5, 0.6, 0.4]
>>> rows = [{"period": date(2024, m, 1), "tension": t} for m, t in enumerate(values, start=1)]
>>> print(tension_headline(rows, "the 3 states", months=3).text.replace("; ", ";\\n"))
Tension among the 3 states rose: 0.50 in the last 3 months (April to June 2024) against 0.20 in the 3 before;
highest in May 2024 (0.60).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from blocwatch.analysis.balance import Frustration
from blocwatch.analysis.blocs import BlocPartition, BlocSupport
from blocwatch.analysis.shifts import Shift
from blocwatch.analysis.significance import ShiftTest

__all__ = ["Headline", "bloc_headline", "frustration_headline", "shift_headlines", "span_text", "tension_headline"]

#: A change of mean tension smaller than this is "about level".
_LEVEL = 0.05


@dataclass(frozen=True)
class Headline:
    """One finding: ``kind`` (``shift``, ``blocs``, ``frustration``, ``tension``) and its sentence.

    ``pair`` names the dyad a shift is about (``"PRK-RUS"``) and ``month`` the month its change
    begins (``"2023-07"``), so that a page can link to that pair's events in that month.
    """

    kind: str
    text: str
    pair: str | None = None
    month: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "pair": self.pair, "month": self.month}


def _name(code: str, names: Mapping[str, str]) -> str:
    return names.get(code, code)


def _join(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    words = list(words)
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def span_text(first: date, last: date) -> str:
    """``July 2023``, ``April to June 2024``, ``December 2024 to February 2025``.

    Examples
    --------
    >>> span_text(date(2024, 12, 1), date(2025, 2, 1))
    'December 2024 to February 2025'
    """
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%B %Y}"
    if first.year == last.year:
        return f"{first:%B} to {last:%B %Y}"
    return f"{first:%B %Y} to {last:%B %Y}"


def shift_headlines(shifts: Sequence[Shift], names: Mapping[str, str], *, limit: int = 2,
                    period: str | None = None) -> list[Headline]:
    """The ``limit`` strongest supported moves each way (closer, apart), as ranked by
    :meth:`Relations.shifts`, with their intervals and confidence when tested; when there are none
    and ``period`` is given, a sentence saying that no change is supported.

    Examples
    --------
    >>> s = Shift("PRK", "RUS", date(2023, 7, 1), 0.0, 0.42, date(2023, 1, 1), date(2024, 12, 1), 0, 151)
    >>> print(shift_headlines([s], {"PRK": "North Korea", "RUS": "Russia"})[0].text.replace(" (", "\\n("))
    North Korea and Russia moved closer from July 2023
    (net cooperation +0.00 before, +0.42 after; 151 events since).
    >>> print(shift_headlines([], {}, period="2024")[0].text[:63])
    No pair's relations changed over 2024 in a way the data support
    """
    out = []
    supported = [s for s in shifts if s.supported]
    for direction in ("closer", "apart"):
        for s in [s for s in supported if s.direction == direction][:limit]:
            why = ""
            if s.drivers:
                why = ", mostly " + _join([d.name.lower() for d in s.drivers[:3]])
            sure = "" if s.p_value is None else f", p = {s.p_value:.3f}"
            note = "".join(f" Note: {n}." for n in s.notes)
            out.append(Headline(
                "shift",
                f"{_name(s.source, names)} and {_name(s.target, names)} moved {direction} from {s.at:%B %Y} "
                f"(net cooperation {s.before:+.2f}{_interval(s.before_interval)} before, "
                f"{s.after:+.2f}{_interval(s.after_interval)} after; "
                f"{s.events_before:,} events before, {s.events_after:,} since{why}{sure}).{note}"
                if s.confidence is not None else
                f"{_name(s.source, names)} and {_name(s.target, names)} moved {direction} from {s.at:%B %Y} "
                f"(net cooperation {s.before:+.2f} before, {s.after:+.2f} after; "
                f"{s.events_after:,} events since{why}).{note}",
                pair=f"{s.source}-{s.target}", month=f"{s.at:%Y-%m}"))
    if not out and period:
        test = ShiftTest()
        notes = "".join(f" Note: {n}." for n in dict.fromkeys(n for s in shifts for n in s.notes))
        out.append(Headline(
            "shift", f"No pair's relations changed over {period} in a way the data support: a change needs "
                     f"at least {test.min_months} months and {test.min_events} events on each side, and must "
                     f"stand out from the same months in random order.{notes}"))
    return out


def _interval(bounds: tuple[float, float] | None) -> str:
    return "" if bounds is None else f" [{bounds[0]:+.2f}, {bounds[1]:+.2f}]"


def bloc_headline(partition: BlocPartition | None, names: Mapping[str, str], period: str,
                  support: BlocSupport | None = None) -> Headline:
    """Which blocs the states of ``period`` (``"December 2024 to February 2025"``) fall into, or, when
    ``support`` (:func:`blocwatch.analysis.blocs.bloc_support`) says the same ties with shuffled
    signs split as well, that there are no clear blocs.

    Examples
    --------
    >>> from blocwatch.analysis.network import SignedNetwork
    >>> from blocwatch.analysis.blocs import blocs
    >>> net = SignedNetwork.from_edges([("USA", "KOR", 1), ("PRK", "KOR", -1), ("PRK", "USA", -1)])
    >>> bloc_headline(blocs(net), {}, "June 2024").text
    'In June 2024 the states fall into 2 blocs: KOR and USA; PRK.'
    """
    if partition is None or not partition.blocs:
        return Headline("blocs", f"In {period} too few events tie the states together to draw blocs.")
    groups = "; ".join(_join([_name(n, names) for n in b]) for b in partition.blocs)
    one_kind = support is not None and support.hostile in (0, support.ties)
    if one_kind and support.hostile == support.ties:
        return Headline("blocs", f"In {period} every one of the {support.ties} ties is hostile: no blocs.")
    if support is not None and not support.supported and not one_kind:
        why = (f"its {support.ties} ties ({support.hostile} hostile) split no better than the same ties with "
               f"their signs shuffled (p = {support.p_value:.2f})" if support.p_value is not None else
               f"its {support.ties} ties ({support.hostile} hostile) are too few of each kind to tell blocs from "
               "chance")
        return Headline("blocs", f"In {period} the states show no clear blocs: {why}. The best split would be "
                                 f"{groups}.")
    if partition.k == 1:
        text = f"In {period} the {len(partition.blocs[0])} tied states form one bloc, with no hostile camp: {groups}."
    else:
        text = f"In {period} the states fall into {partition.k} blocs: {groups}."
    if support is not None and support.p_value is not None:
        text = text[:-1] + (f" (p = {support.p_value:.2f} against the same {support.ties} ties with their signs "
                            "shuffled).")
    if partition.unattached:
        text += f" Without ties: {_join([_name(n, names) for n in partition.unattached])}."
    return Headline("blocs", text)


def frustration_headline(fr: Frustration | None, names: Mapping[str, str], *, total_weight: float | None = None,
                         limit: int = 3) -> Headline:
    """The relations that most hold the network out of balance (the heaviest frustrated ties).

    Parameters
    ----------
    fr : Frustration, optional
        :func:`blocwatch.analysis.balance.frustration` of the network.
    total_weight : float, optional
        The weight of all its ties, to put the index in proportion.

    Examples
    --------
    >>> from blocwatch.analysis.network import SignedNetwork
    >>> from blocwatch.analysis.balance import frustration
    >>> net = SignedNetwork.from_edges([("A", "B", 1), ("B", "C", 1), ("A", "C", -1, 0.5)])
    >>> print(frustration_headline(frustration(net), {}, total_weight=2.5).text.replace(". ", ".\\n"))
    The relation that holds the network furthest from balance: A and C (hostile though in one camp).
    Frustration index 0.50 (proved minimal) of 2.50 in all ties.
    """
    if fr is None or not fr.nodes:
        return Headline("frustration", "There are no ties to measure balance on.")
    if not fr.frustrated:
        return Headline("frustration", "The network is balanced: the friends of friends are friends and the "
                                       "enemies of enemies are friends (frustration index 0).")
    ties = []
    for a, b, sign, _ in fr.frustrated[:limit]:
        how = "friendly though in opposite camps" if sign > 0 else "hostile though in one camp"
        ties.append(f"{_name(a, names)} and {_name(b, names)} ({how})")
    what = "relation that holds" if len(ties) == 1 else "relations that hold"
    proof = "proved minimal" if fr.exact else f"best found; at least {fr.bound:.2f}"
    of = f" of {total_weight:.2f} in all ties" if total_weight else ""
    return Headline("frustration", f"The {what} the network furthest from balance: {'; '.join(ties)}. "
                                   f"Frustration index {fr.value:.2f} ({proof}){of}.")


def tension_headline(rows: Sequence[Mapping[str, Any]], who: str, *, months: int = 3) -> Headline:
    """How tension (:func:`blocwatch.analysis.tension.tension_index`) moved: the last ``months``
    windows against the ``months`` before, and its peak."""
    rows = list(rows)
    if not rows or all(r["tension"] == 0 for r in rows):
        return Headline("tension", f"No conflictual events among {who} in this period.")
    last = rows[-months:]
    before = rows[-2 * months:-months]
    now = sum(r["tension"] for r in last) / len(last)
    peak = max(rows, key=lambda r: r["tension"])
    span = span_text(last[0]["period"], last[-1]["period"])
    if before:
        then = sum(r["tension"] for r in before) / len(before)
        trend = "rose" if now - then > _LEVEL else "fell" if then - now > _LEVEL else "stayed about level"
        text = (f"Tension among {who} {trend}: {now:.2f} in the last {len(last)} months ({span}) "
                f"against {then:.2f} in the {len(before)} before")
    else:
        text = f"Tension among {who}: {now:.2f} over {span}"
    return Headline("tension", f"{text}; highest in {peak['period']:%B %Y} ({peak['tension']:.2f}).")
