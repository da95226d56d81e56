"""Inputs for the benchmarks, built from ../shared/data under benchmarks/.work (not committed)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".work"


def shared_data() -> Path:
    path = Path(os.environ.get("BLOCWATCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
    if not (path / "gdelt" / "v2").is_dir():
        raise SystemExit(f"benchmarks need the real GDELT data at {path} (set BLOCWATCH_SHARED_DATA)")
    return path


def gdelt_v2_files() -> list[Path]:
    return sorted((shared_data() / "gdelt" / "v2").glob("*.export.CSV"))


def replicated_gdelt(copies: int) -> Path:
    """The v2 exports ``copies`` times over, with GlobalEventIDs shifted so every event is new.

    Copy k adds k * 10**10 to each id; the rest of each line is untouched.
    """
    out = WORK / f"gdelt-v2-x{copies}"
    marker = out / ".complete"
    if marker.exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    for path in gdelt_v2_files():
        lines = path.read_bytes().splitlines(keepends=True)
        for k in range(copies):
            shift = k * 10**10
            with open(out / f"{k:02d}-{path.name}", "wb") as fh:
                for line in lines:
                    tab = line.index(b"\t")
                    fh.write(str(int(line[:tab]) + shift).encode() + line[tab:])
    marker.touch()
    return out
