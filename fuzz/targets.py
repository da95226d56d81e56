"""Fuzz targets: one per importer (GDELT, ICEWS, news as JSON lines, text and HTML, Spark's Parquet
runs) and one for the coder's text handling.

Each target takes the bytes of one input file, runs it through blocwatch the way a user would
(a real DuckDB store, the real coder) and checks the promises of docs/reliability.md:

- **no uncaught exception**: problems come back as results (a file refused with its reason, or
  lines quarantined), never as a crash;
- **every row accounted for**: for a file that is read, ``lines = header + blank + inserted +
  already stored + quarantined`` and the quarantine table holds exactly the lines it reports
  (text: ``documents + quarantined = non-blank lines``);
- **deterministic**: the same bytes give the same result, and the coder the same events.

A target raises :class:`AssertionError` when a promise is broken. The same functions serve the
atheris runs (``python -m fuzz``) and the hypothesis tests (tests/test_fuzz_properties.py).
"""

from __future__ import annotations

import functools
import json
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from blocwatch.schema import MODES

__all__ = ["TARGETS", "Session", "seeds"]

ROOT = Path(__file__).resolve().parents[1]

#: The field map of the ``csv`` target's files (a user's own CSV, as in docs/importing.md).
CSV_MAP = "date=date,source=who,target=whom,event=what"


class Session:
    """A store and a coder kept for a whole fuzzing run (making them per input is too slow).

    Parameters
    ----------
    folder : Path, optional
        Where the store and the input files go (a temporary folder by default).
    """

    def __init__(self, folder: Path | None = None) -> None:
        from blocwatch import EventStore

        self.folder = folder or Path(tempfile.mkdtemp(prefix="blocwatch-fuzz-"))
        self.store = EventStore(self.folder / "fuzz.duckdb")
        self._coder: Any = None
        self.inputs = 0

    @property
    def coder(self) -> Any:
        if self._coder is None:
            from blocwatch.coder import Coder

            self._coder = Coder.load()
        return self._coder

    def write(self, name: str, data: bytes) -> Path:
        self.inputs += 1
        path = self.folder / f"{self.inputs % 8}-{name}"
        path.write_bytes(data)
        return path

    # -- dataset importers -------------------------------------------------------------------

    def dataset(self, data: bytes, fmt: str, name: str) -> tuple[Any, ...]:
        """Ingest ``data`` as a ``fmt`` file; check its accounting; return a summary of the result."""
        from blocwatch.ingest import ingest_files

        path = self.write(name, data)
        (f,) = ingest_files(self.store, [path], fmt).files
        return self._accounted(f, data)

    def _accounted(self, f: Any, data: bytes) -> tuple[Any, ...]:
        """Check one file's result against its bytes and the store: a clean refusal with nothing
        stored, or every line counted once and every quarantined line held."""
        if f.error is not None:
            assert f.error.reason and f.inserted == 0, f"refused file with stored rows or no reason: {f}"
            return ("refused", f.error.reason)
        assert f.lines == f.header_lines + f.blank_lines + f.inserted + f.duplicates + f.quarantined, f
        assert f.lines == data.count(b"\n") + (not data.endswith(b"\n")), f"lines miscounted: {f}"
        sha = self.store.con.execute("SELECT file_sha256 FROM ingests ORDER BY ingest_id DESC LIMIT 1").fetchall()[0][0]
        held = self.store.con.execute("SELECT count(*) FROM quarantine WHERE file_sha256 = ?", [sha]).fetchall()[0][0]
        assert held == f.quarantined, f"quarantine holds {held} lines of the file, the result says {f.quarantined}"
        return ("read", f.lines, f.header_lines, f.blank_lines, f.inserted + f.duplicates, f.quarantined)

    def mapped(self, data: bytes, profile: str, name: str) -> tuple[Any, ...]:
        """Ingest ``data`` through a field-map profile (``csv``: a user's own CSV; ``polecat``;
        ``acled``); the same promises as :meth:`dataset`."""
        from blocwatch.ingest.mapped import csv_profile, ingest_mapped
        from blocwatch.ingest.profiles import ACLED, POLECAT

        chosen = {"csv": lambda: csv_profile(CSV_MAP), "polecat": lambda: POLECAT, "acled": lambda: ACLED}[profile]()
        path = self.write(name, data)
        (f,) = ingest_mapped(self.store, [path], chosen).files
        return self._accounted(f, data)

    def parquet(self, data: bytes) -> tuple[Any, ...]:
        """Import a run folder whose events file is ``data``: a clean refusal (nothing stored) or
        an import whose every file adds up."""
        import shutil

        from blocwatch.errors import InputError
        from blocwatch.ingest.parquet import import_parquet

        run = self.folder / "run"
        shutil.rmtree(run, ignore_errors=True)
        shutil.copytree(self._run_template(), run)
        (run / "events" / "part-0.parquet").write_bytes(data)
        before = self.store.count("events")
        try:
            result = import_parquet(self.store, run)
        except InputError as exc:
            assert exc.reason and self.store.count("events") == before, "a refused run stored events"
            return ("refused",)
        for f in result.files:
            assert f.lines == f.header_lines + f.blank_lines + f.inserted + f.duplicates + f.quarantined, f
        return ("read", result.inserted + result.duplicates, result.quarantined)

    def _run_template(self) -> Path:
        """A run folder of the demo sample's first rows (made once per session)."""
        template = self.folder / "run-template"
        if not template.exists():
            from blocwatch import EventStore
            from blocwatch.ingest import ingest_files
            from blocwatch.ingest.parquet import export_run

            source = self.write("run.export.CSV", seeds("gdelt")[0])
            with EventStore(self.folder / "run-source.duckdb") as store:
                ingest_files(store, [source], "gdelt")
                export_run(store, template)
        return template

    # -- text --------------------------------------------------------------------------------

    def text(self, data: bytes, suffix: str) -> tuple[Any, ...]:
        """Code and store ``data`` as a ``.jsonl``, ``.txt`` or ``.html`` document file."""
        from blocwatch.ingest.text import ingest_text

        path = self.write(f"doc{suffix}", data)
        result = ingest_text(self.store, [path], coder=self.coder, default_date=date(2024, 6, 20))
        (f,) = result.files
        assert f.events == f.inserted + f.duplicates, f
        if suffix == ".jsonl":  # a line is blank as the reader sees it (after a byte order mark)
            lines = [ln for ln in data.split(b"\n")
                     if ln.removesuffix(b"\r").decode("utf-8", "backslashreplace").removeprefix("\ufeff").strip()]
            assert f.documents + f.quarantined == max(len(lines), 1), f"{len(lines)} lines, {f}"
        else:
            assert f.documents + f.quarantined == 1, f
        return (f.documents, f.events, f.quarantined)

    def coder_text(self, data: bytes) -> tuple[Any, ...]:
        """Code any text twice: no exception, the same events, spans inside the text."""
        text = data.decode("utf-8", errors="replace")
        first = self.coder.code_text(text, published=date(2024, 6, 20), doc_id="fuzz")
        again = self.coder.code_text(text, published=date(2024, 6, 20), doc_id="fuzz")
        assert [e.to_row() for e in first] == [e.to_row() for e in again], "the coder is not deterministic"
        for e in first:
            row = e.to_row()
            assert 0 <= row["evidence_start"] <= row["evidence_end"] <= len(text), row
            assert row["mode"] in MODES, row
        return tuple(sorted((e.to_row()["cameo"], e.to_row()["mode"]) for e in first))


#: Target name -> how a :class:`Session` runs one input.
TARGETS: dict[str, Callable[[Session, bytes], tuple[Any, ...]]] = {
    "gdelt": lambda s, d: s.dataset(d, "gdelt", "x.export.CSV"),
    "icews": lambda s, d: s.dataset(d, "icews", "x.tab"),
    "parquet": lambda s, d: s.parquet(d),
    "csv": lambda s, d: s.mapped(d, "csv", "mine.csv"),
    "polecat": lambda s, d: s.mapped(d, "polecat", "ngecEvents.DV.txt"),
    "acled": lambda s, d: s.mapped(d, "acled", "acled.csv"),
    "jsonl": lambda s, d: s.text(d, ".jsonl"),
    "txt": lambda s, d: s.text(d, ".txt"),
    "html": lambda s, d: s.text(d, ".html"),
    "coder": lambda s, d: s.coder_text(d),
}


@functools.cache
def seeds(target: str) -> list[bytes]:
    """Starting inputs: real rows and documents (the demo data, hand-built rows, ../shared); made
    once per process (a run's Parquet holds the time it was written)."""
    import os

    shared = Path(os.environ.get("BLOCWATCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
    news = (ROOT / "demo" / "news" / "korea-russia-2022-2025.jsonl").read_bytes().splitlines(keepends=True)
    if target == "gdelt":
        demo = (ROOT / "demo" / "data" / "gdelt2-korea-sample.export.CSV").read_bytes().splitlines(keepends=True)
        out = [b"".join(demo[:3]), b"".join(demo[100:101])]
        v1 = shared / "gdelt" / "v1" / "bigquery-export-2014-with-header.csv"
        if v1.exists():
            out.append(b"".join(v1.read_bytes().splitlines(keepends=True)[:3]))
        return out
    if target == "csv":
        return [b"date,who,what,whom\n2024-06-19,Russia,Sign formal agreement,North Korea\n"
                b"2024-06-20,Kim Jong Un,Make statement,Japan\n",
                b"date,who,what,whom\n20240619,Russia,042,China\n\n"]
    if target == "polecat":  # the fictional POLECAT rows the repository's tests use
        rows = sorted((ROOT / "tests" / "ingest" / "polecat").glob("ngecEvents*.txt"))[0]
        return [b"".join(rows.read_bytes().splitlines(keepends=True)[:3])]
    if target == "acled":  # ACLED's exports are test material: read from ../shared, never copied
        exports = sorted((shared / "acled").glob("*.csv"))
        if exports:
            return [b"".join(e.read_bytes().splitlines(keepends=True)[:3]) for e in exports]
        return [b"event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,fatalities\n"
                b"X1,28 December 2022,Battles,Armed clash,Military Forces of Russia (2000-),"
                b"Military Forces of Ukraine (2019-),Ukraine,3\n"]
    if target == "parquet":
        with tempfile.TemporaryDirectory(prefix="blocwatch-seed-") as tmp:
            session = Session(Path(tmp))
            try:
                return [session._run_template().joinpath("events", "part-0.parquet").read_bytes()]
            finally:
                session.store.close()
    if target == "icews":
        sample = shared / "icews" / "icews_sample_2018-06.csv"
        if sample.exists():
            return [b"".join(sample.read_bytes().splitlines(keepends=True)[:3])]
        return [b"event_id,event_date,cameo_code,source_country,target_country\n1,2018-06-01,010,Russia,China\n"]
    if target == "jsonl":
        return [news[0], b"".join(news[1:3])]
    text = json.loads(news[4])["text"]
    if target == "html":
        return [f"<html><head><title>t</title></head><body><article><p>{text}</p></article></body></html>".encode()]
    return [text.encode()]
