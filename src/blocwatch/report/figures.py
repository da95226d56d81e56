"""The report's charts as PNG and SVG files for papers and slides (``blocwatch report --figures DIR``).

Drawn with matplotlib from the data of :func:`blocwatch.report.report_data`, with no browser
and no network: the dyad timelines (the opening pair and every pair a finding names), the bloc
networks of the last months and of the whole period, the dyad matrix and the tension index.
The colours are the report's: blue friendly, red hostile, dotted frustrated.

Examples
--------
>>> import tempfile
>>> data = {"months": ["2024-01", "2024-02"], "quads": {"verbal_coop": "verbal cooperation"},
...         "names": {}, "timelines": [], "networks": [], "tension": [], "headlines": [],
...         "matrix": {"states": [], "names": [], "net": [], "events": []}, "default_pair": None}
>>> write_figures(data, tempfile.mkdtemp())
[]
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, never a window
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import TwoSlopeNorm  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from blocwatch.errors import ParameterError  # noqa: E402
from blocwatch.files import atomic_path  # noqa: E402
from blocwatch.palette import BLOC_COLOURS, FRIENDLY, HOSTILE, NO_BLOC, QUAD_COLOURS  # noqa: E402

__all__ = ["figure_pairs", "write_figures"]

#: Metadata that would make the files differ from run to run.
_PNG_META = {"Software": None}
_SVG_META = {"Date": None, "Creator": None}


def _month_ticks(ax: Any, months: list[str]) -> None:
    step = max(1, math.ceil(len(months) / 12))
    ax.set_xticks(range(0, len(months), step))
    ax.set_xticklabels(months[::step], rotation=45, ha="right", fontsize=8)


def timeline_figure(t: dict[str, Any], quads: dict[str, str], names: dict[str, str]) -> Figure:
    """Stacked events by quad class per month, with net cooperation on a second axis."""
    fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")
    x = range(len(t["months"]))
    bottom = [0] * len(t["months"])
    for q, label in quads.items():
        ax.bar(x, t[q], bottom=bottom, color=QUAD_COLOURS.get(q, "#999"), label=label, width=0.8)
        bottom = [b + v for b, v in zip(bottom, t[q], strict=True)]
    ax.set_ylabel("events")
    ax2 = ax.twinx()
    net = [math.nan if v is None else v for v in t["net"]]  # a month without events: a gap, not 0
    ax2.plot(list(x), net, color="#222", marker="o", markersize=3, linewidth=1.5, label="net cooperation")
    ax2.axhline(0, color="#888", linewidth=0.8)
    ax2.set_ylim(-1, 1)
    ax2.set_ylabel("net cooperation")
    _month_ticks(ax, t["months"])
    a, b = names.get(t["source"], t["source"]), names.get(t["target"], t["target"])
    ax.set_title(f"{a} and {b}: events by kind and net cooperation, by month", fontsize=11)
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    ax.legend(handles=handles, fontsize=8, loc="upper left", frameon=False)
    return fig


def network_figure(net: dict[str, Any]) -> Figure:
    """States at their bloc positions, coloured by bloc when the blocs are better than chance; ties blue or
    red, width by weight, frustrated ones dotted."""
    fig, ax = plt.subplots(figsize=(7, 6), layout="constrained")
    pos = {n["id"]: (n["x"], n["y"]) for n in net["nodes"]}
    # blocs that the same ties with shuffled signs fit as well are not blocs; a network of friendly ties only is one
    supported = net["bloc_support"]["supported"] or net["bloc_support"]["hostile"] == 0
    top = max((e["weight"] for e in net["edges"]), default=1.0) or 1.0
    for e in net["edges"]:
        (x0, y0), (x1, y1) = pos[e["source"]], pos[e["target"]]
        ax.plot([x0, x1], [y0, y1], color=FRIENDLY if e["sign"] > 0 else HOSTILE, alpha=0.75,
                linewidth=0.8 + 4 * e["weight"] / top, linestyle=":" if e["frustrated"] else "-", zorder=1)
    for n in net["nodes"]:
        bloc = None if n["bloc"] is None else n["bloc"] if supported else 0  # chance blocs: one colour
        colour = NO_BLOC if bloc is None else BLOC_COLOURS[bloc % len(BLOC_COLOURS)]
        ax.scatter([n["x"]], [n["y"]], s=260, color=colour, edgecolors="#333333", zorder=2)
        ax.annotate(n["id"], (n["x"], n["y"]), xytext=(0, 11), textcoords="offset points", ha="center", fontsize=9)
    ax.set_aspect("equal")
    ax.margins(0.15)
    ax.axis("off")
    f = net["frustration"]
    blocs = f"{len(net['blocs'])} blocs" if supported else "no clear blocs"
    ax.set_title(f"{net['label']}: {blocs}, frustration {f['value']:.2f}", fontsize=11)
    ax.legend(handles=_network_legend(net, supported), fontsize=8, loc="lower left", frameon=False,
              bbox_to_anchor=(0, -0.08), ncol=3)
    return fig


def _network_legend(net: dict[str, Any], supported: bool) -> list[Line2D]:
    """What the lines and colours of the network mean: ties by kind, states by bloc."""
    handles = [Line2D([], [], color=FRIENDLY, linewidth=2, label="friendly tie"),
               Line2D([], [], color=HOSTILE, linewidth=2, label="hostile tie"),
               Line2D([], [], color="#555555", linewidth=2, linestyle=":", label="frustrated tie (against the blocs)")]
    blocs = range(len(net["blocs"])) if supported else range(1 if net["blocs"] else 0)
    for b in blocs:
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=9, markeredgecolor="#333333",
                              color=BLOC_COLOURS[b % len(BLOC_COLOURS)],
                              label=f"bloc {b + 1}" if supported else "states (no clear blocs)"))
    if any(n["bloc"] is None for n in net["nodes"]):
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=9, markeredgecolor="#333333", color=NO_BLOC,
                              label="state with no tie"))
    return handles


def matrix_figure(m: dict[str, Any]) -> Figure:
    """Net cooperation of every pair (red hostile, blue friendly), event counts in the cells."""
    n = len(m["states"])
    fig, ax = plt.subplots(figsize=(1.2 + 0.75 * n, 0.9 + 0.7 * n), layout="constrained")
    values = [[math.nan if v is None else v for v in row] for row in m["net"]]
    image = ax.imshow(values, cmap="RdBu", norm=TwoSlopeNorm(0.0, -1.0, 1.0))
    for i in range(n):
        for j in range(n):
            if m["events"][i][j]:
                ax.text(j, i, str(m["events"][i][j]), ha="center", va="center", fontsize=8)
    ax.set_xticks(range(n), m["states"], fontsize=9)
    ax.set_yticks(range(n), m["states"], fontsize=9)
    fig.colorbar(image, ax=ax, label="net cooperation", shrink=0.8)
    ax.set_title("Net cooperation of every pair (numbers: events)", fontsize=11)
    return fig


def tension_figure(rows: list[dict[str, Any]]) -> Figure:
    """The tension index per month, with events of material conflict as bars."""
    fig, ax = plt.subplots(figsize=(9, 3.6), layout="constrained")
    months = [r["period"] for r in rows]
    x = range(len(months))
    ax2 = ax.twinx()
    ax2.bar(x, [r["material_conflict"] for r in rows], color=QUAD_COLOURS["material_conflict"], alpha=0.3,
            label="material conflict events")
    ax2.set_ylabel("events")
    ax.plot(list(x), [r["tension"] for r in rows], color=HOSTILE, marker="o", markersize=3, label="tension")
    ax.set_ylim(0, 1)
    ax.set_ylabel("tension")
    ax.set_zorder(ax2.get_zorder() + 1)
    ax.patch.set_visible(False)
    _month_ticks(ax, months)
    ax.set_title("Tension among the selected states, by month", fontsize=11)
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    ax.legend(handles=handles, fontsize=8, loc="upper left", frameon=False)
    return fig


def _save(fig: Figure, folder: Path, stem: str) -> list[Path]:
    out = []
    for ext, meta in (("png", _PNG_META), ("svg", _SVG_META)):
        path = folder / f"{stem}.{ext}"
        with atomic_path(path) as tmp:
            fig.savefig(tmp, dpi=150, metadata=meta, format=ext)
        out.append(path)
    plt.close(fig)
    return out


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text)


def figure_pairs(data: dict[str, Any], pairs: Sequence[str] | None = None) -> list[str]:
    """The pairs whose timelines :func:`write_figures` draws, as ``A-B`` in alphabetical order.

    Raises
    ------
    ParameterError
        A pair asked for has no events in the report (with the pairs that have).
    """
    held = {t["pair"] for t in data["timelines"]}
    if pairs is None:
        found = [data["default_pair"]] + [h["pair"] for h in data["headlines"] if h.get("pair")]
        return [p for p in dict.fromkeys(found) if p in held]
    wanted = list(dict.fromkeys("-".join(sorted(p.upper().split("-"))) for p in pairs))
    missing = [p for p in wanted if p not in held]
    if missing:
        raise ParameterError("pairs", f"no events between {', '.join(missing)} in this report; pairs with "
                                      f"events: {', '.join(sorted(held)[:12])}")
    return wanted


def write_figures(data: dict[str, Any], folder: str | os.PathLike[str],
                  pairs: Sequence[str] | None = None) -> list[Path]:
    """Write each chart of the report as ``.png`` and ``.svg`` into ``folder`` (created if needed).

    Files: ``timeline-<PAIR>`` for each of ``pairs`` (``"PRK-RUS"``; by default the opening pair
    and each pair a finding names), ``network-recent`` and ``network-whole``, ``matrix``,
    ``tension``.

    Raises
    ------
    ParameterError
        A pair asked for has no events in the report (with the pairs that have).

    Returns
    -------
    list of Path
        The files written, in that order.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    plt.rcParams["svg.hashsalt"] = "blocwatch"  # the same ids in the SVG from run to run
    if not data["timelines"]:
        return []
    by_pair = {t["pair"]: t for t in data["timelines"]}
    pairs = figure_pairs(data, pairs)
    out: list[Path] = []
    for pair in dict.fromkeys(p for p in pairs if p in by_pair):
        out += _save(timeline_figure(by_pair[pair], data["quads"], data["names"]), folder, f"timeline-{_safe(pair)}")
    for net, stem in zip(data["networks"][:2], ("network-recent", "network-whole"), strict=False):
        out += _save(network_figure(net), folder, stem)
    out += _save(matrix_figure(data["matrix"]), folder, "matrix")
    out += _save(tension_figure(data["tension"]), folder, "tension")
    return out
