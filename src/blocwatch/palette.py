"""The colours of every picture blocwatch draws: the report, its figure files and the web app.

Cooperation is blue and conflict red, darker for material acts than for words, as in ColorBrewer's
diverging RdBu scheme (Brewer, colorbrewer2.org; Apache-2.0), which readers with red-green colour
blindness tell apart; the dyad matrix uses the same scheme. Blocs take ColorBrewer's qualitative
Dark2 colours, a state in no bloc light grey. The web app's script and style sheet hold the same
values (``tests/web/test_palette.py`` checks that they do).

Examples
--------
>>> QUAD_COLOURS["material_conflict"], FRIENDLY, HOSTILE
('#b2182b', '#2166ac', '#b2182b')
"""

from __future__ import annotations

__all__ = ["BLOC_COLOURS", "FRIENDLY", "HOSTILE", "NO_BLOC", "QUAD_COLOURS", "as_dict"]

#: Events by quad class: words light, acts dark; cooperation blue, conflict red.
QUAD_COLOURS = {"verbal_coop": "#92c5de", "material_coop": "#2166ac", "verbal_conflict": "#f4a582",
                "material_conflict": "#b2182b"}
#: A friendly and a hostile tie of the signed network.
FRIENDLY, HOSTILE = "#2166ac", "#b2182b"
#: Blocs, in order; a state in no bloc.
BLOC_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]
NO_BLOC = "#dddddd"


def as_dict() -> dict[str, object]:
    """The palette as JSON-ready data, for a page's script.

    >>> sorted(as_dict())
    ['bloc', 'friendly', 'hostile', 'no_bloc', 'quads']
    """
    return {"quads": dict(QUAD_COLOURS), "friendly": FRIENDLY, "hostile": HOSTILE, "bloc": list(BLOC_COLOURS),
            "no_bloc": NO_BLOC}
