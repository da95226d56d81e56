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


def test_the_report_and_its_figures_hold_no_colour_of_their_own():
    """Cooperation and conflict colours come only from the palette: no red or green literal is left."""
    for path in (REPO / "src" / "blocwatch" / "report" / "templates" / "report.js",
                 REPO / "src" / "blocwatch" / "report" / "figures.py"):
        text = path.read_text()
        literals = set(re.findall(r"#[0-9a-fA-F]{6}\b", text))
        assert literals <= {"#222222", "#555555"}, (path.name, literals)
