"""Tables that fit the terminal: key columns kept at 80 characters, secondary ones left out first,
running text wrapped; on a real store's relations and a real coder's events."""

from __future__ import annotations

import io
import re

import pyarrow as pa
import pytest
from rich.console import Console

from blocwatch import EventStore
from blocwatch.cli import render as r
from blocwatch.dyads import DyadQuery
from blocwatch.relations import Relations, RelationsOptions
from tests.helpers import warming_store


@pytest.fixture(scope="module")
def relations(tmp_path_factory):
    db = warming_store(tmp_path_factory.mktemp("render"))
    with EventStore(db, read_only=True) as store:
        return Relations(store, RelationsOptions(query=DyadQuery(countries=("RUS", "PRK", "UKR", "KOR")))).table()


def _print(table: pa.Table, width: int, monkeypatch) -> tuple[list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(r, "stderr", Console(file=err, width=200))
    r.render(table, r.OutputFormat.table, console=Console(file=out, width=width))
    return out.getvalue().splitlines(), err.getvalue()


def test_key_columns_fit_80_characters(relations, monkeypatch):
    lines, note = _print(relations, 80, monkeypatch)
    assert len(lines) == relations.num_rows + 2 and max(map(len, lines)) <= 80
    header = lines[0].split()
    kept = [c for c in header if c not in "┃"]
    assert kept[:4] == ["period", "source", "target", "events"] and kept[-3:] == ["net", "net_low", "net_high"]
    left_out = [c for c in relations.column_names if c not in kept]
    assert left_out and set(left_out) <= set(r.SECONDARY)
    assert note.startswith(f"note: {len(left_out)} columns left out to fit 80 characters")
    # the values themselves are whole: no cell is cut with an ellipsis
    assert "…" not in "\n".join(lines)
    nets = [f"{v:,.3f}" for v in relations.column("net").to_pylist()]
    assert [re.split(r"\s*│\s*", line.strip())[-3] for line in lines[2:]] == nets


def test_a_wide_terminal_shows_every_column(relations, monkeypatch):
    lines, note = _print(relations, 400, monkeypatch)
    assert [c for c in lines[0].split() if c != "┃"] == relations.column_names
    # no column left out; the states the table shows by code are named under it
    codes = sorted(set(relations.column("source").to_pylist()) | set(relations.column("target").to_pylist()))
    assert note.startswith("states: ") and [s.split()[0] for s in note[8:].strip().split(" · ")] == codes
    assert "PRK North Korea" in note


def test_running_text_wraps_and_the_codes_stay(monkeypatch):
    table = pa.table({"date": ["2024-06-17"], "source": ["RUS"], "target": ["PRK"], "cameo": ["057"],
                      "mode": ["factual"], "evidence_text": ["Russia and North Korea signed a treaty of "
                                                             "comprehensive strategic partnership on Monday."]})
    lines, _ = _print(table, 80, monkeypatch)
    assert max(map(len, lines)) <= 80 and len(lines) > 3  # the sentence takes several lines
    assert re.split(r"\s*│\s*", lines[2].strip())[:5] == ["2024-06-17", "RUS", "PRK", "057", "factual"]
    text = " ".join(re.split(r"\s*│\s*", line.strip())[-1] for line in lines[2:])
    assert text == "Russia and North Korea signed a treaty of comprehensive strategic partnership on Monday."
