"""Scoring the coder on labelled single news sentences (blocwatch.coder.probes)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from blocwatch.coder.probes import PROBE_SETS, ProbeScore, judge, load_probes, score_probes
from blocwatch.errors import ParameterError

REPO = Path(__file__).resolve().parents[2]
EVENT = {"event": True, "cameo": "1723", "source": "BGD", "target": "BGD"}
NOT_EVENT = {"event": False, "cameo": None, "source": None, "target": None}


def test_a_sentence_is_right_when_an_event_has_the_root_and_both_states():
    assert judge(EVENT, [("172", "BGD", "BGD")]) == "right"
    assert judge(EVENT, [("111", "BGD", None), ("1724", "BGD", "BGD")]) == "right"
    assert judge(EVENT, [("1723", "BGD", None)]) == "wrong actor"
    assert judge(EVENT, [("1723", "IND", "BGD")]) == "wrong actor"
    assert judge(EVENT, [("190", "BGD", "BGD")]) == "wrong type"
    assert judge(EVENT, []) == "missed"


def test_no_state_matches_no_state():
    row = {"event": True, "cameo": "020", "source": None, "target": "AFG"}
    assert judge(row, [("0251", None, "AFG")]) == "right"
    assert judge(row, [("0251", "USA", "AFG")]) == "wrong actor"


def test_a_sentence_reporting_no_event_must_give_none():
    assert judge(NOT_EVENT, []) == "clean"
    assert judge(NOT_EVENT, [("111", "JPN", "CHN")]) == "false event"


def test_the_rates_count_event_sentences_and_quiet_ones_apart():
    score = ProbeScore("x", Counter({"right": 3, "wrong type": 1, "clean": 3, "false event": 1}))
    assert score.as_dict() == {"set": "x", "sentences": 8, "events": 4, "right": 3, "wrong_actor": 0,
                               "wrong_type": 1, "missed": 0, "clean": 3, "false_event": 1,
                               "accuracy": 0.75, "false_event_share": 0.25}
    assert ProbeScore("empty").as_dict()["accuracy"] is None


def test_the_shipped_sets_are_labelled_in_full():
    for name in PROBE_SETS:
        rows = load_probes(name)
        assert len(rows) == 120 and sum(r["event"] for r in rows) == 100, name
        assert len({r["text"] for r in rows}) == 120
        for r in rows:
            assert (r["cameo"] is not None) == r["event"], r["text"]
    with pytest.raises(ParameterError, match="choose one of dev, held-out, not 'test'"):
        load_probes("test")


@pytest.mark.slow
def test_the_figures_in_docs_accuracy_md(coder):
    """What docs/accuracy.md records for the probe sentences is what the coder gives."""
    doc = (REPO / "docs" / "accuracy.md").read_text(encoding="utf-8")
    block = re.search(r"```csv\n(set,sentences.*?)```", doc, flags=re.S)
    assert block is not None
    recorded = list(csv.DictReader(io.StringIO(block.group(1))))
    got = [s.as_dict() for s in score_probes(coder)]
    assert [{k: "" if v is None else str(v) for k, v in r.items()} for r in got] == recorded
    assert [r["sentences"] for r in got] == [120, 120]
