"""Scoring against gold sets: reading PETRARCH XML and PLOVER JSON, counting triples."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from blocwatch.coder.evaluate import evaluate, load_gold, petrarch_notation, score
from blocwatch.coder.events import Actor, CodedEvent
from blocwatch.errors import InputError
from tests.helpers import REPO

XML = """<Sentences>
<Sentence date="20080806" id="A_1" sentence="True">
<Text>Russia attacked Georgia.</Text>
<EventCoding sentenceid="A_1" eventcode="190" sourcecode="RUS" targetcode="GEO"/>
</Sentence>
<!-- <Sentence date="20080806" id="COMMENTED_OUT"><Text>ignored</Text></Sentence> -->
<Sentence date="20080806" id="A_2" sentence="True">
<Text>Rebels protested.</Text>
<EventCoding sentenceid="A_2" eventcode="140" sourcecode="---REB" targetcode="---"/>
</Sentence>
<Sentence date="20080806" id="A_3" evaluate="false">
<Text>Not scored.</Text>
</Sentence>
</Sentences>
"""


def event(source: str, target: str | None, cameo: str, mode: str = "factual", trigger: int = 0) -> CodedEvent:
    def actor(code: str) -> Actor:
        return Actor(code, None, None, code)

    return CodedEvent("d", 0, trigger, actor(source), actor(target) if target else None, cameo, mode, None, None,
                      "", "", 0, 0, "test")


def test_load_petrarch_xml(tmp_path: Path) -> None:
    path = tmp_path / "gold.xml"
    path.write_text(XML, encoding="utf-8")
    records = load_gold(path)
    assert [r.id for r in records] == ["A_1", "A_2"]
    assert records[0].triples == [("RUS", "GEO", "190")]
    assert records[1].triples == [("---REB", "---", "140")]
    assert str(records[0].date) == "2008-08-06"


def test_load_plover_json_maps_old_labels(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([
        {"id": "p1", "date": "2001-02-03", "text": "{Israel demanded a truce.}", "event": "DEMAND",
         "source": [{"code": "ISR"}]},
        {"id": "p2", "text": "A document line.", "event": "DOCUMENT"},
    ]), encoding="utf-8")
    records = load_gold(path)
    assert [(r.id, r.text, r.plover, r.sources) for r in records] == [
        ("p1", "Israel demanded a truce.", "REQUEST", ["ISR"])]


def test_missing_gold_set_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_gold(tmp_path / "nope.xml")


def test_petrarch_notation() -> None:
    sectors = frozenset({"REB", "GOV"})
    assert petrarch_notation("REB", sectors) == "---REB"
    assert petrarch_notation("RUSGOV", sectors) == "RUSGOV"
    assert petrarch_notation("", sectors) == "---"
    assert petrarch_notation("---REB", sectors) == "---REB"


def test_score_counts_triples_at_leaf_and_root(tmp_path: Path) -> None:
    path = tmp_path / "gold.xml"
    path.write_text(XML, encoding="utf-8")
    a1, a2 = load_gold(path)
    coded = [
        # right actors, leaf 195 instead of 190: a root hit, a leaf miss; plus one false event
        (a1, [event("RUSMIL", "GEO", "195", trigger=1), event("GEO", "RUS", "111", trigger=2)], {1: 0, 2: 1}),
        # a bare sector is ---REB in PETRARCH's notation; a negated event does not count
        (a2, [event("REB", None, "140"), event("REB", None, "190", mode="negated")], {0: 0}),
    ]
    result = score("toy", [a1, a2], coded)
    assert result.records == 2
    assert (result.leaf.tp, result.leaf.fp, result.leaf.fn) == (1, 2, 1)
    assert (result.root.tp, result.root.fp, result.root.fn) == (2, 1, 0)
    assert result.root.precision == pytest.approx(2 / 3)
    assert result.root.recall == 1.0
    assert result.exact == (1, 2)  # A_2 is coded exactly, A_1 is not
    # the main event is the one nearest the root of the parse: 195 on A_1 (ASSAULT), 140 on A_2 (PROTEST)
    assert result.plover_main == (2, 2)
    assert result.confusion[("19", "19")] == 1 and result.confusion[("14", "14")] == 1


@pytest.mark.slow
def test_evaluate_on_the_shared_gold_sets(shared: Path) -> None:
    """The figures docs/accuracy.md records are what the coder gives, and meet the coder's targets."""
    scores = {s.name: s.as_dict() for s in evaluate(shared / "coder-eval")}
    doc = (REPO / "docs" / "accuracy.md").read_text(encoding="utf-8")
    block = re.search(r"```csv\n(.*?)```", doc, flags=re.S)
    assert block is not None
    recorded = {r["set"]: r for r in csv.DictReader(io.StringIO(block.group(1)))}
    for name, row in scores.items():
        assert {k: "" if v is None else str(v) for k, v in row.items()} == recorded[name], name
    assert len(scores) == 4
    gsr = scores["PETR2 GSR (real news)"]
    plover = scores["PLOVER GSR (CAMEO manual)"]
    assert gsr["records"] == 78 and plover["records"] == 215
    assert gsr["root_f1"] >= 0.6
    assert plover["plover_accuracy"] >= 0.6
    assert plover["source_country_accuracy"] >= 0.8
