"""Rebuild the coder's dictionaries under ``src/blocwatch/data/coder/`` from ../shared/data.

Reads the Phoenix actor and agent dictionaries and the PETRARCH-2 verb dictionary (all MIT,
github openeventdata/petrarch2) with blocwatch's own PETRARCH readers and writes them as
JSON lines. The hand-written files next to them (``*_blocwatch.*``, ``nouns.jsonl``) are not
touched. Run from the repository root::

    .venv/bin/python tools/build_coder_data.py [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from blocwatch.actors import ActorEntry
from blocwatch.coder.petrarch import read_actors, read_agents, read_verbs

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "blocwatch" / "data" / "coder"

ACTOR_FILES = {
    "Phoenix.Countries.actors.txt": "phoenix-countries",
    "Phoenix.International.actors.txt": "phoenix-international",
    "Phoenix.MilNonState.actors.txt": "phoenix-milnonstate",
}


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def actor_json(entry: ActorEntry, source: str) -> dict:
    return {
        "names": list(entry.names),
        "codes": [[c.code, _iso(c.start), _iso(c.end)] for c in entry.codes],
        "src": source,
    }


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {path.relative_to(ROOT)}: {len(rows)} entries, {path.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    dicts = args.shared / "dictionaries"
    OUT.mkdir(parents=True, exist_ok=True)

    actors = []
    for name, source in ACTOR_FILES.items():
        for entry in read_actors(dicts / name):
            actors.append(actor_json(entry, source))
    write_jsonl(OUT / "actors_phoenix.jsonl", actors)

    agents = [{"names": list(a.names), "code": a.code, "prefix": a.prefix}
              for a in read_agents(dicts / "Phoenix.agents.txt")]
    write_jsonl(OUT / "agents_phoenix.jsonl", agents)

    verbs = read_verbs(dicts / "CAMEO.2.0.verbs.txt")
    blocks = [
        {
            "block": b.name,
            "code": b.code,
            "verbs": b.verbs,
            "patterns": [[p.text.lower(), p.code, p.reverse] for p in b.patterns],
            "src": "petrarch2",
        }
        for b in verbs.blocks
    ]
    write_jsonl(OUT / "verbs_petrarch2.jsonl", blocks)
    with open(OUT / "synsets_petrarch2.json", "w", encoding="utf-8") as fh:
        json.dump(verbs.synsets, fh, indent=0, sort_keys=True)
    print(f"wrote synsets: {len(verbs.synsets)} sets")


if __name__ == "__main__":
    main()
