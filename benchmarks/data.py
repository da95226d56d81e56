"""Inputs for the benchmarks, built from ../shared/data and demo/news under benchmarks/.work (not committed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".work"


def shared_root() -> Path:
    """Where the shared third-party data is expected (``$BLOCWATCH_SHARED_DATA`` or ../shared/data)."""
    return Path(os.environ.get("BLOCWATCH_SHARED_DATA", ROOT.parent / "shared" / "data"))


def shared_data() -> Path:
    path = shared_root()
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


def gigaword_sample() -> Path:
    """PETRARCH's GigaWord sample (news sentences, no codings); it may not exist."""
    return shared_root() / "coder-eval" / "GigaWord.sample.PETR.xml"


def gigaword_records(path: Path) -> list[dict[str, str]]:
    """The non-empty ``<Text>`` of each ``<Sentence>`` as a JSON-lines record (id, date, text).

    Whitespace is collapsed, as ``blocwatch eval`` does: the line breaks inside ``<Text>`` are the
    layout of the XML file. Records whose ``<Text>`` is empty (9 of the 76) are left out.
    """
    records = []
    for sentence in ET.parse(path).getroot().iter("Sentence"):
        text = " ".join((sentence.findtext("Text") or "").split())
        if text:
            d = sentence.get("date", "")
            records.append({"id": sentence.get("id", str(len(records))), "date": f"{d[:4]}-{d[4:6]}-{d[6:8]}",
                            "text": text})
    return records


def voa_articles() -> Path:
    """The 50 Voice of America articles of ``../shared/data/news-voa``; they may not exist."""
    return shared_root() / "news-voa" / "voa_stories_dev.jsonl"


def voa_records(path: Path) -> list[dict[str, str]]:
    """Each whole article as a JSON-lines record (id, date of publication, text)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{"id": str(r["id"]), "date": str(r["published"])[:10], "text": r["text"]} for r in rows]


def demo_records() -> list[dict[str, str]]:
    """The demo news corpus shipped in the repository (``demo/news/korea-russia-2022-2025.jsonl``)."""
    path = ROOT / "demo" / "news" / "korea-russia-2022-2025.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def replicated_jsonl(name: str, records: list[dict[str, str]], copies: int) -> Path:
    """``records`` ``copies`` times over in one JSON-lines file; copy k > 0 gets ids suffixed ``#k``."""
    out = WORK / f"{name}-x{copies}.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for k in range(copies):
            for record in records:
                fh.write(json.dumps({**record, "id": f"{record['id']}#{k}" if k else record["id"]}) + "\n")
    tmp.replace(out)
    return out


def busy_cpu() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (Linux ``/proc/stat``), else None."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def run_child(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter; its JSON result (the last line it prints), with
    ``other_cpu``: CPU seconds other processes on the machine used meanwhile (they slow the run
    down; None where unknown)."""
    before = busy_cpu()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    after = busy_cpu()
    if out.returncode:
        raise RuntimeError(f"benchmark child failed ({out.returncode}):\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    own = result.get("total_cpu")
    result["other_cpu"] = max(0.0, after - before - own) if None not in (before, after, own) else None
    return result
