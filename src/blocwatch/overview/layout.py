"""Where to draw the states of a signed network so that its blocs can be seen at a glance.

:func:`bloc_layout` puts each bloc on a ring of its own, the rings evenly spaced on a circle
(a single bloc sits at the centre), states sorted by name around their ring; states without
a tie go in a row below. The layout depends only on the blocs, never on a random seed, so
the same network is drawn the same way in the report, the app and a paper figure.

Examples
--------
>>> pos = bloc_layout([("JPN", "KOR", "USA"), ("PRK", "RUS")], unattached=["CHN"])
>>> sorted(pos)
['CHN', 'JPN', 'KOR', 'PRK', 'RUS', 'USA']
>>> pos["USA"][0] < 0 < pos["RUS"][0]   # the first bloc on the left, the second on the right
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["bloc_layout"]

#: Space between the rings of two neighbouring blocs, in layout units.
_GAP = 0.35


def _ring_radius(size: int) -> float:
    return 0.0 if size <= 1 else 0.12 + 0.11 * math.sqrt(size)


def bloc_layout(blocs: Sequence[Sequence[str]], unattached: Sequence[str] = ()) -> dict[str, tuple[float, float]]:
    """Positions ``(x, y)`` for every state of ``blocs`` and ``unattached``.

    Parameters
    ----------
    blocs : sequence of sequence of str
        The blocs, e.g. :attr:`blocwatch.analysis.blocs.BlocPartition.blocs`; the first is drawn
        on the left (the only one: in the middle), the others counter-clockwise from it.
    unattached : sequence of str
        States without a tie, placed in a row under the drawing.

    Returns
    -------
    dict
        State -> ``(x, y)``; rounded to 1e-6, so the layout is exactly reproducible.

    Examples
    --------
    >>> bloc_layout([("A",)])
    {'A': (0.0, 0.0)}
    >>> bloc_layout([], unattached=["B", "A"])
    {'A': (0.0, -1.0), 'B': (0.3, -1.0)}
    """
    k = len(blocs)
    radii = [_ring_radius(len(b)) for b in blocs]
    if k <= 1:
        spread = 0.0
    else:
        chord = 2 * math.sin(math.pi / k)  # distance between neighbouring centres on the unit circle
        spread = max((radii[i] + radii[(i + 1) % k] + _GAP) / chord for i in range(k))
    pos: dict[str, tuple[float, float]] = {}
    for i, bloc in enumerate(blocs):
        angle = math.pi + 2 * math.pi * i / k if k > 1 else 0.0
        cx, cy = spread * math.cos(angle), spread * math.sin(angle)
        members = sorted(bloc)
        for j, node in enumerate(members):
            theta = math.pi / 2 + 2 * math.pi * j / len(members)
            x, y = cx + radii[i] * math.cos(theta), cy + radii[i] * math.sin(theta)
            pos[node] = (round(x, 6) + 0.0, round(y, 6) + 0.0)  # + 0.0: no negative zero
    bottom = min((y for _, y in pos.values()), default=0.0) - 1.0
    for j, node in enumerate(sorted(unattached)):
        pos[node] = (round(0.3 * j, 6), round(bottom, 6))
    return pos
