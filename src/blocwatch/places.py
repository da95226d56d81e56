"""The base map under the events that carry coordinates, shipped with the package.

plotly.js draws maps from TopoJSON files it fetches from a CDN; the report (one file that must
open offline) and the app (which fetches nothing from elsewhere) hand it the file themselves:
:func:`base_map` is Natural Earth's 1:110 million world (``blocwatch/data/maps``, provenance in
``blocwatch/data/README.md``), which a page puts in ``window.PlotlyGeoAssets.topojson`` under the
name :data:`BASE_MAP` before it draws. Where events happened is :meth:`blocwatch.Relations.places`.

Examples
--------
>>> import json
>>> sorted(json.loads(base_map())["objects"])[:3]
['coastlines', 'countries', 'lakes']
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["BASE_MAP", "base_map", "base_map_path"]

#: The name plotly.js gives the world map at 1:110 million (its ``scope`` and ``resolution``).
BASE_MAP = "world_110m"


def base_map_path() -> Path:
    """Where the world map's file is (the app serves it as ``/static/world_110m.json``).

    Examples
    --------
    >>> base_map_path().name
    'world_110m.json'
    """
    return Path(str(resources.files("blocwatch").joinpath("data", "maps", f"{BASE_MAP}.json")))


@cache
def base_map() -> str:
    """The TopoJSON text of the world map (country borders, coastlines, land, lakes, rivers).

    Examples
    --------
    >>> len(base_map()) > 100_000
    True
    """
    return base_map_path().read_text(encoding="utf-8")
