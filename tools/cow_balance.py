"""Structural balance of the 51 Correlates of War signed networks, 1946-1999.

Runs the exact and the heuristic frustration index and the triangle balance ratio on every
4-year window of Doreian & Mrvar's COW networks (as shipped by signnet, see
``../shared/data/README.md``), prints a markdown table and a summary to stdout, and draws
``docs/img/cow_balance.svg``: frustration per edge and the balanced-triangle ratio over time.
Run it from the repository root::

    .venv/bin/python tools/cow_balance.py [--shared ../shared/data] [--svg docs/img/cow_balance.svg]
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import statistics
import sys
from collections import defaultdict
from html import escape
from pathlib import Path

from blocwatch.analysis.balance import frustration, triangle_balance
from blocwatch.analysis.network import SignedNetwork

ROOT = Path(__file__).resolve().parents[1]
DATA = "networks/signnet_cow_signed_networks_1946_1999.csv"


def load(shared: Path) -> dict[str, SignedNetwork]:
    """One network per window; ``combine="error"`` fails if a pair were listed twice (it is not)."""
    by: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    with (shared / DATA).open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            by[r["graph"]].append((r["state1"], r["state2"], int(r["sign"])))
    return {g: SignedNetwork.from_edges(e, label=g, combine="error") for g, e in by.items()}


def measure(nets: dict[str, SignedNetwork], time_limit: float) -> list[dict[str, float | int | str | bool]]:
    rows = []
    for label, net in nets.items():
        exact = frustration(net, method="exact", time_limit=time_limit)
        heur = frustration(net, method="heuristic")
        tri = triangle_balance(net)
        rows.append({"window": label, "year": 1900 + int(label[:2]), "nodes": len(net.nodes), "edges": len(net.edges),
                     "negative": sum(e.sign < 0 for e in net.edges), "frustration": exact.value,
                     "proved": exact.exact, "seconds": exact.seconds, "heuristic": heur.value,
                     "heuristic_seconds": heur.seconds,
                     "gap": (heur.value - exact.value) / exact.value if exact.value else 0.0,
                     "ratio": tri.ratio or 0.0, "triangles": tri.triangles})
    return rows


def markdown(rows: list[dict]) -> str:
    head = ("| window | nodes | edges | negative | frustration (exact) | proved | solve s | heuristic | gap "
            "| frustration / edges | triangles | balanced-triangle ratio |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        lines.append(f"| {r['window']} | {r['nodes']} | {r['edges']} | {r['negative']} | {r['frustration']:g} "
                     f"| {'yes' if r['proved'] else 'no'} | {r['seconds']:.2f} | {r['heuristic']:g} | {r['gap']:.1%} "
                     f"| {r['frustration'] / r['edges']:.4f} | {r['triangles']} | {r['ratio']:.4f} |")
    gaps = [r["gap"] for r in rows]
    secs = [r["seconds"] for r in rows]
    ratios = [r["ratio"] for r in rows]
    norm = [r["frustration"] / r["edges"] for r in rows]
    lines += ["", f"- windows: {len(rows)}; proved optimal: {sum(r['proved'] for r in rows)}",
              f"- exact solve time: total {sum(secs):.1f} s, max {max(secs):.2f} s, "
              f"median {statistics.median(secs):.2f} s",
              f"- heuristic time: total {sum(r['heuristic_seconds'] for r in rows):.1f} s, "
              f"max {max(r['heuristic_seconds'] for r in rows):.2f} s",
              f"- heuristic = exact on {sum(g == 0 for g in gaps)} of {len(gaps)} windows; "
              f"gap mean {statistics.mean(gaps):.2%}, max {max(gaps):.2%}",
              f"- frustration / edges: {min(norm):.4f} .. {max(norm):.4f}",
              f"- balanced-triangle ratio: {min(ratios):.4f} .. {max(ratios):.4f}",
              "- correlation of frustration / edges with the triangle ratio: "
              f"{statistics.correlation(norm, ratios):.2f}"]
    return "\n".join(lines)


def _ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """At most 8 round ticks from ``lo`` to ``hi`` with their labels."""
    step = next(s for s in (0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0) if (hi - lo) / s <= 7.001)
    dec = 2 if round(step * 100, 6).is_integer() else 3
    return [(lo + i * step, f"{lo + i * step:.{dec}f}") for i in range(int((hi - lo) / step + 1e-9) + 1)]


def svg(rows: list[dict]) -> str:
    """Two stacked panels sharing the time axis, plain SVG."""
    width, left, right, top, panel, gapy = 720, 70, 20, 50, 170, 45
    height = top + 2 * panel + gapy + 55
    years = [r["year"] + 1.5 for r in rows]  # the middle of each 4-year window
    x0, x1 = 1945, 2000
    def sx(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * (width - left - right)
    norm, ratio = [r["frustration"] / r["edges"] for r in rows], [r["ratio"] for r in rows]
    series = [("frustration / edges", norm, "#c0392b", 0.0, math.ceil(max(norm) * 100) / 100),
              ("balanced-triangle ratio", ratio, "#1f5fa8", math.floor(min(ratio) * 20) / 20, 1.0)]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">Structural balance of the COW '
           'networks, 1946-1999 (4-year windows)</text>']
    for k, (name, ys, colour, lo, hi) in enumerate(series):
        y_top = top + k * (panel + gapy)
        def sy(y: float, y_top: float = y_top, lo: float = lo, hi: float = hi) -> float:
            return y_top + panel - (y - lo) / (hi - lo) * panel
        out.append(f'<rect x="{left}" y="{y_top}" width="{width - left - right}" height="{panel}" fill="none" '
                   'stroke="#444"/>')
        for t, text in _ticks(lo, hi):
            out.append(f'<line x1="{left - 4}" x2="{width - right}" y1="{sy(t):.1f}" y2="{sy(t):.1f}" stroke="#ddd"/>')
            out.append(f'<text x="{left - 7}" y="{sy(t) + 4:.1f}" text-anchor="end">{text}</text>')
        out.append(f'<text transform="translate(16 {y_top + panel / 2}) rotate(-90)" text-anchor="middle">'
                   f'{escape(name)}</text>')
        points = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in zip(years, ys, strict=True))
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out += [f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="2.2" fill="{colour}"/>'
                for x, y in zip(years, ys, strict=True)]
        lx = left + 10 + k * 230
        out.append(f'<line x1="{lx}" x2="{lx + 24}" y1="36" y2="36" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{lx + 30}" y="40">{escape(name)}</text>')
    base = top + 2 * panel + gapy
    for yr in range(1945, 2001, 5):
        out.append(f'<line x1="{sx(yr):.1f}" x2="{sx(yr):.1f}" y1="{base}" y2="{base + 5}" stroke="#444"/>')
        out.append(f'<text x="{sx(yr):.1f}" y="{base + 18}" text-anchor="middle">{yr}</text>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{base + 38}" text-anchor="middle">year (middle of the '
               'window); frustration: exact frustration index (integer program), per signed edge</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path,
                    default=Path(os.environ.get("BLOCWATCH_SHARED_DATA", ROOT.parent / "shared" / "data")))
    ap.add_argument("--svg", type=Path, default=ROOT / "docs" / "img" / "cow_balance.svg")
    ap.add_argument("--time-limit", type=float, default=30.0, help="seconds for the solver per window")
    args = ap.parse_args(argv)
    rows = measure(load(args.shared), args.time_limit)
    print(markdown(rows))
    args.svg.parent.mkdir(parents=True, exist_ok=True)
    args.svg.write_text(svg(rows), encoding="utf-8")
    print(f"\n(plot written to {args.svg.relative_to(ROOT) if args.svg.is_relative_to(ROOT) else args.svg})",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
