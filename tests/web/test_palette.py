"""One colour scheme: the web app's script and style sheet hold blocwatch.palette's colours, as the
report (which reads them from its data) and the figure files (which import them) do."""

from __future__ import annotations

import json
import re

from blocwatch import palette
from tests.helpers import REPO

STATIC = REPO / "src" / "blocwatch" / "web" / "static"


def test_the_app_draws_with_the_palette():
    script = (STATIC / "app.js").read_text()
    quads = dict(re.findall(r'\["(\w+)", "[^"]+", "(#[0-9a-f]{6})"\]', script))
    assert quads == palette.QUAD_COLOURS
    blocs = json.loads(re.search(r"const BLOC_COLOURS = (\[[^\]]+\]);", script).group(1))
    assert blocs == palette.BLOC_COLOURS
    assert re.search(r'const NO_BLOC = "(#[0-9a-f]{6})";', script).group(1) == palette.NO_BLOC
    style = (STATIC / "app.css").read_text()
    assert re.search(r"--positive: (#[0-9a-f]{6});", style).group(1) == palette.FRIENDLY
    assert re.search(r"--negative: (#[0-9a-f]{6});", style).group(1) == palette.HOSTILE


def _grey(colour: str) -> bool:
    digits = colour.lstrip("#")
    channels = [digits[i] * 2 for i in range(3)] if len(digits) == 3 else [digits[i:i + 2] for i in (0, 2, 4)]
    return len(set(channels)) == 1


def test_the_report_and_its_figures_hold_no_colour_of_their_own():
    """Cooperation and conflict colours come only from the palette: every colour written in the
    report's script or the figures' code is a grey (lines, edges, text), none a hue."""
    for path in (REPO / "src" / "blocwatch" / "report" / "templates" / "report.js",
                 REPO / "src" / "blocwatch" / "report" / "figures.py"):
        text = path.read_text()
        literals = set(re.findall(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", text))
        assert literals and all(_grey(c) for c in literals), (path.name, literals)
        for r, g, b in re.findall(r"rgba?\((\d+),\s*(\d+),\s*(\d+)", text):
            assert r == g == b, (path.name, r, g, b)  # greys only (an invisible marker: rgba(0,0,0,0.01))
