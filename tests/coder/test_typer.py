"""The learned typer: features, training, its file, and how the coder uses it (confidence, typing
sentences the rules leave untyped, never scored on what it was trained on)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import numpy as np
import pytest

from blocwatch.coder import Coder
from blocwatch.coder.evaluate import _out_of_fold
from blocwatch.coder.typer import (
    FOLDS,
    TypeModel,
    features,
    fold_of,
    load_training_set,
    load_type_model,
    train_out_of_fold,
)
from blocwatch.schema import REPORTED_MODES
from tests.helpers import REPO, shared_data_dir

DAY = date(2024, 6, 20)
# Sentences of our own; "frobnicate" is a word no rule knows.
TRAIN = [("ministers frobnicated in Paris", "CONSULT"), ("the envoys frobnicated at length", "CONSULT"),
         ("troops shelled the town", "ASSAULT"), ("the army shelled two villages", "ASSAULT")]


def tiny(cut: float = 0.0, nlp=None) -> TypeModel:  # noqa: ANN001
    """A model of the four sentences, on their words (or, given a pipeline, their lemmas as the coder's)."""
    texts = [t if nlp is None else [w.lemma_ for w in nlp(t)] for t, _ in TRAIN]
    model = TypeModel.train(texts, [lab for _, lab in TRAIN])
    model.cut = cut
    model.calibration = {"agree": 0.9, "disagree": 0.6, "model_only": 0.5}
    model.cameo = {"CONSULT": "040", "ASSAULT": "190"}
    return model


def test_features_are_lowercased_words_and_their_neighbour_pairs():
    assert features(["Russia", "'s", "troops", "3"]) == ["russia", "troops", "russia troops"]


def test_a_trained_model_types_by_its_words_and_its_probabilities_sum_to_one():
    model = tiny()
    assert model.predict("rebels shelled a village")[0] == "ASSAULT"
    assert model.predict("the leaders frobnicated")[0] == "CONSULT"
    probs = model.probabilities(["nothing", "known"])
    assert sorted(probs) == ["ASSAULT", "CONSULT"] and abs(sum(probs.values()) - 1) < 1e-12
    assert probs["ASSAULT"] == pytest.approx(probs["CONSULT"], abs=0.2)  # no evidence: near the prior


def test_the_model_survives_its_json_form():
    model = tiny()
    again = TypeModel.from_json(json.loads(json.dumps(model.to_json())))
    for text in ("troops frobnicated", "the army shelled Paris", "unrelated words"):
        a, b = model.probabilities(text.split()), again.probabilities(text.split())
        assert a.keys() == b.keys() and all(abs(a[k] - b[k]) < 1e-5 for k in a)
    assert (again.cut, again.calibration, again.cameo) == (model.cut, model.calibration, model.cameo)


def test_folds_are_fixed_by_the_record_id():
    folds = [fold_of(f"record-{i}") for i in range(200)]
    assert folds == [fold_of(f"record-{i}") for i in range(200)] and set(folds) == set(range(FOLDS))


def test_a_model_trained_out_of_fold_has_not_seen_that_folds_words():
    examples = [{"id": f"x{i}", "text": t, "label": lab} for i, (t, lab) in enumerate(TRAIN * 3)]
    lemmas = [e["text"].split() for e in examples]
    model = tiny()
    for fold in range(FOLDS):
        out = train_out_of_fold(model, lemmas, examples, fold, c=10.0)
        unseen = {f for e, w in zip(examples, lemmas, strict=True) if fold_of(e["id"]) == fold for f in features(w)}
        seen = {f for e, w in zip(examples, lemmas, strict=True) if fold_of(e["id"]) != fold for f in features(w)}
        assert set(out.vocabulary) == seen and (unseen - seen).isdisjoint(out.vocabulary)
        assert (out.cut, out.calibration, out.cameo) == (model.cut, model.calibration, model.cameo)


def test_rule_events_carry_the_confidence_of_agreement_or_disagreement(coder):
    model = tiny(cut=1.0, nlp=coder.nlp)
    with_model = Coder(coder.nlp, coder.actors, coder.vocabulary, typer=model)
    shelled = with_model.code_text("Russian troops shelled Ukrainian positions.", DAY)
    assert [(e.cameo[:2], e.confidence) for e in shelled if e.mode in REPORTED_MODES] == [("19", 0.9)]
    met = with_model.code_text("Russian troops met Ukrainian officers.", DAY)  # CONSULT by the rules,
    assert {(e.cameo[:2], e.confidence) for e in met} == {("04", 0.6)}  # ASSAULT by the model ("troops")
    assert model.predict([t.lemma_ for t in coder.nlp("Russian troops met Ukrainian officers.")])[0] == "ASSAULT"
    alone = Coder(coder.nlp, coder.actors, coder.vocabulary, typer=False)
    assert {e.confidence for e in alone.code_text("Russian troops shelled Ukrainian positions.", DAY)} == {None}


def test_the_model_types_a_sentence_the_rules_leave_untyped_only_above_its_cut(coder):
    text = "France frobnicated with Germany on Monday."
    assert Coder(coder.nlp, coder.actors, coder.vocabulary, typer=False).code_text(text, DAY) == []
    events = Coder(coder.nlp, coder.actors, coder.vocabulary, typer=tiny(cut=0.0, nlp=coder.nlp)).code_text(text, DAY)
    assert [(e.source.code, e.target.code if e.target else None, e.cameo, e.mode, e.rule, e.confidence,
             str(e.date)) for e in events] == [
        ("FRA", "DEU", "040", "factual", "model:CONSULT", 0.5, "2024-06-17")]
    sure = Coder(coder.nlp, coder.actors, coder.vocabulary, typer=tiny(cut=0.99, nlp=coder.nlp))
    assert sure.code_text(text, DAY) == []
    asked = Coder(coder.nlp, coder.actors, coder.vocabulary, typer=tiny(cut=0.0, nlp=coder.nlp)).code_text(
        "Did France frobnicate with Germany?", DAY)
    assert [e.mode for e in asked] == ["hypothetical"]  # a question asserts nothing, whoever typed it
    nobody = Coder(coder.nlp, coder.actors, coder.vocabulary, typer=tiny(cut=0.0, nlp=coder.nlp)).code_text(
        "The weather frobnicated all week.", DAY)
    assert nobody == []  # no actor acts: no event


def test_the_shipped_model_and_its_training_set_agree():
    model = load_type_model()
    assert model is not None
    examples = load_training_set()
    labels = {e["label"] for e in examples}
    assert set(model.classes) == labels and set(model.cameo) == labels
    assert model.about["training"] == {s: sum(1 for e in examples if e["source"] == s)
                                       for s in model.about["training"]}
    assert sum(model.about["training"].values()) == len(examples)
    assert model.coef.shape == (len(model.classes), len(model.vocabulary)) == (len(model.classes), len(model.idf))
    assert 0 < model.calibration["disagree"] < model.calibration["agree"] <= 1


def test_blocwatch_eval_never_scores_the_model_on_records_it_was_trained_on(coder):
    ids = {e["id"] for e in load_training_set() if e["source"] == "PLOVER GSR dev"}
    assert ids
    unseen = _out_of_fold(coder, ids | {"not-a-training-record"})
    assert set(unseen) == ids  # every training record, and only those, gets a fold's coder
    assert len({id(c) for c in unseen.values()}) == FOLDS
    examples = load_training_set()
    some = sorted(ids)[0]
    held_out = {f for e in examples if fold_of(e["id"]) == fold_of(some)
                for f in features([t.lemma_ for t in coder.nlp(e["text"])])}
    kept = {f for e in examples if fold_of(e["id"]) != fold_of(some)
            for f in features([t.lemma_ for t in coder.nlp(e["text"])])}
    own = held_out - kept
    assert own and own.isdisjoint(unseen[some].typer.vocabulary)


@pytest.mark.slow
def test_tools_build_typer_rebuilds_the_shipped_files(tmp_path):
    data = shared_data_dir()
    if not (data / "coder-eval" / "PLOVER_GSR_CAMEO.dev.json").exists():
        pytest.skip(f"needs the PLOVER gold set in {data}/coder-eval (../shared/data)")
    subprocess.run([sys.executable, str(REPO / "tools" / "build_typer.py"), "--data", str(data),
                    "--out", str(tmp_path)], check=True, capture_output=True, text=True)
    shipped = REPO / "src" / "blocwatch" / "data" / "coder"
    assert (tmp_path / "typer_training.jsonl").read_text() == (shipped / "typer_training.jsonl").read_text()
    built, ours = (json.loads((d / "typer.json").read_text()) for d in (tmp_path, shipped))
    assert (built["classes"], built["features"], built["cut"], built["cameo"]) == (
        ours["classes"], ours["features"], ours["cut"], ours["cameo"])
    assert built["about"]["training"] == ours["about"]["training"]
    assert np.allclose(built["coef"], ours["coef"], atol=1e-3) and np.allclose(built["idf"], ours["idf"])


# The sentence classifier: does a sentence report an act? (tools/build_eventness.py)
NOT_TRAIN = [("what a wonderful and beautiful city it is", "not"), ("the view is beautiful", "not"),
             ("troops shelled the town", "event"), ("the army shelled two villages", "event")]


def test_the_events_of_a_sentence_judged_to_report_no_act_are_commentary(coder):
    tiny_not = TypeModel.train([[w.lemma_ for w in coder.nlp(t)] for t, _ in NOT_TRAIN],
                               [lab for _, lab in NOT_TRAIN])
    tiny_not.cut = 0.6
    judged = Coder(coder.nlp, coder.actors, coder.vocabulary, typer=False, eventness=tiny_not)
    assert tiny_not.probabilities([w.lemma_ for w in coder.nlp(
        "Russian troops shelled Kharkiv, a wonderful and beautiful city.")])["not"] >= 0.6
    flagged = judged.code_text("Russian troops shelled Kharkiv, a wonderful and beautiful city.", DAY)
    plain = judged.code_text("Russian troops shelled Kharkiv.", DAY)
    assert [(e.cameo[:2], e.mode) for e in flagged] == [("19", "commentary")]
    assert [(e.cameo[:2], e.mode) for e in plain] == [("19", "factual")]


def test_the_shipped_sentence_classifier_and_its_training_set_agree():
    from blocwatch.coder.articles import NOT_EVENTS, load_article_gold
    from blocwatch.coder.typer import load_eventness_model

    model = load_eventness_model()
    assert model is not None and model.classes == ("event", "not") and 0.5 < model.cut < 1
    rows = [json.loads(line) for line in
            (REPO / "src" / "blocwatch" / "data" / "coder" / "eventness_training.jsonl").read_text().splitlines()]
    assert {r["article"] for r in rows}.isdisjoint(g.id for g in load_article_gold())  # never the gold articles
    rows = [r for r in rows if r["label"] not in model.about["left_out"]]  # the rules' grammar decides those
    assert model.about["left_out"] == ["hypothetical", "question"]
    assert model.about["training"] == {
        "sentences": len(rows), "articles": len({r["article"] for r in rows}),
        "not": sum(r["label"] in NOT_EVENTS for r in rows), "event": sum(r["label"] not in NOT_EVENTS for r in rows)}


def test_tools_build_eventness_rebuilds_the_shipped_file(tmp_path):
    subprocess.run([sys.executable, str(REPO / "tools" / "build_eventness.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True, text=True)
    built = json.loads((tmp_path / "eventness.json").read_text())
    ours = json.loads((REPO / "src" / "blocwatch" / "data" / "coder" / "eventness.json").read_text())
    assert (built["classes"], built["features"], built["cut"], built["about"]) == (
        ours["classes"], ours["features"], ours["cut"], ours["about"])
    assert np.allclose(built["coef"], ours["coef"], atol=1e-3)
