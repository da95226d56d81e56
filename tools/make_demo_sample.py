"""Cut the demo's GDELT sample from the shared GDELT 2.0 exports.

Keeps every event whose two actors are different states among the United States, Russia,
China, Japan, South Korea, North Korea and Ukraine, in the exports' own format (61
tab-separated fields), in GlobalEventID order. Run from the repository root::

    .venv/bin/python tools/make_demo_sample.py [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATES = {"USA", "RUS", "CHN", "JPN", "KOR", "PRK", "UKR"}
OUT = ROOT / "demo" / "data" / "gdelt2-korea-sample.export.CSV"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    rows = []
    for path in sorted((args.shared / "gdelt" / "v2").glob("*.export.CSV")):
        for line in path.read_text(encoding="utf-8").splitlines():
            f = line.split("\t")
            if len(f) == 61 and f[7] in STATES and f[17] in STATES and f[7] != f[17]:
                rows.append((int(f[0]), line))
    rows.sort()
    OUT.write_text("".join(line + "\n" for _, line in rows), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} events")


if __name__ == "__main__":
    main()
