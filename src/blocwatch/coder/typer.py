"""A small learned event typer: TF-IDF features and multinomial logistic regression.

The rules (:mod:`~blocwatch.coder.vocabulary`) give an event its type; this model is their second
opinion. It types sentences where the rules find an actor but no event, and where the two agree
or disagree it sets the event's ``confidence``. It is trained by ``tools/build_typer.py`` on the
PLOVER gold set's sentences and shipped as ``blocwatch/data/coder/typer.json`` (its provenance,
training records and calibration inside); nothing is downloaded and no pickle is loaded.

Features are the sentence's lower-cased lemmas and lemma bigrams (the text's words when no lemmas
are given), weighted by sublinear term frequency times inverse document frequency and scaled to
unit length, as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` does.

>>> model = TypeModel.train(["troops shelled the town", "the army shelled villages",
...                          "ministers held talks", "leaders held talks in Paris"],
...                         ["ASSAULT", "ASSAULT", "CONSULT", "CONSULT"])
>>> model.predict("rebels shelled the town")[0]
'ASSAULT'
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

__all__ = ["TRAINING_FILE", "TypeModel", "features", "fold_of", "load_eventness_model", "load_training_set",
           "load_type_model", "train_out_of_fold"]

#: The shipped training examples (``tools/build_typer.py`` writes them; provenance in the README).
TRAINING_FILE = "typer_training.jsonl"
#: Folds of the out-of-fold measures (calibration, ``blocwatch eval`` on the training records).
FOLDS = 5

_WORD = re.compile(r"[a-z][a-z'-]*")


def features(words: Sequence[str]) -> list[str]:
    """The model's features of a sentence given as words (or lemmas): each lower-cased word
    and each pair of neighbouring words.

    >>> features(["North", "Korea", "fired"])
    ['north', 'korea', 'fired', 'north korea', 'korea fired']
    """
    low = [w for w in (x.lower() for x in words) if _WORD.fullmatch(w)]
    return low + [f"{a} {b}" for a, b in zip(low, low[1:], strict=False)]


def words_of(text: str) -> list[str]:
    """A text's words, for a sentence that has not been parsed."""
    return _WORD.findall(text.lower())


@dataclass
class TypeModel:
    """A trained typer: its classes, vocabulary, weights, and what is known of its accuracy.

    ``calibration`` holds the share of right types measured out of fold on the training data
    (see ``tools/build_typer.py``) in the cases the coder distinguishes: ``agree`` (rules and
    model give the same type), ``disagree``, ``rules_only`` (the model is unsure) and
    ``model_only`` (the rules give no type; the model's type, at or above ``cut``).
    """

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # classes x features
    intercept: np.ndarray
    cut: float = 0.0
    calibration: dict[str, float] = field(default_factory=dict)
    cameo: dict[str, str] = field(default_factory=dict)  # type -> CAMEO code of a model-typed event
    about: dict[str, Any] = field(default_factory=dict)  # provenance, training records, figures

    def _vector(self, feats: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(self.vocabulary[f] for f in feats if f in self.vocabulary)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        val = np.array([1.0 + math.log(counts[i]) for i in idx]) * self.idf[idx]
        return idx, val / np.linalg.norm(val)

    def probabilities(self, words: Sequence[str]) -> dict[str, float]:
        """Probability of each type for a sentence given as words or lemmas."""
        idx, val = self._vector(features(words))
        scores = self.coef[:, idx] @ val + self.intercept
        p = np.exp(scores - scores.max())
        p /= p.sum()
        return dict(zip(self.classes, p.tolist(), strict=True))

    def predict(self, words: Sequence[str] | str) -> tuple[str, float]:
        """The most likely type of a sentence (words, lemmas or a text) and its probability."""
        probs = self.probabilities(words_of(words) if isinstance(words, str) else words)
        best = max(probs, key=lambda k: probs[k])
        return best, probs[best]

    @classmethod
    def train(cls, texts: Sequence[Sequence[str] | str], labels: Sequence[str], c: float = 10.0,
              min_df: int = 1) -> TypeModel:
        """Fit the model: L2-regularised multinomial logistic regression (``c`` is the inverse
        of the penalty, as in scikit-learn) by L-BFGS, deterministic for the same data."""
        from scipy.optimize import minimize

        docs = [features(words_of(t) if isinstance(t, str) else t) for t in texts]
        df = Counter(f for d in docs for f in set(d))
        vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= min_df))}
        n, v = len(docs), len(vocab)
        idf = np.array([math.log((1 + n) / (1 + df[f])) + 1.0 for f in sorted(vocab, key=vocab.get)])
        classes = tuple(sorted(set(labels)))
        blank = cls(classes, vocab, idf, np.zeros((len(classes), v)), np.zeros(len(classes)))
        x = np.zeros((n, v))
        for row, d in enumerate(docs):
            idx, val = blank._vector(d)
            x[row, idx] = val
        y = np.zeros((n, len(classes)))
        y[np.arange(n), [classes.index(lab) for lab in labels]] = 1.0
        k = len(classes)

        def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
            coef, b = w[: k * v].reshape(k, v), w[k * v:]
            s = x @ coef.T + b
            s -= s.max(axis=1, keepdims=True)
            logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
            p = np.exp(logp)
            value = -(y * logp).sum() + 0.5 / c * (coef ** 2).sum()
            g = p - y
            grad = np.concatenate([(g.T @ x + coef / c).ravel(), g.sum(axis=0)])
            return value, grad

        res = minimize(loss, np.zeros(k * v + k), jac=True, method="L-BFGS-B",
                       options={"maxiter": 2000, "gtol": 1e-8})
        blank.coef = res.x[: k * v].reshape(k, v)
        blank.intercept = res.x[k * v:]
        return blank

    def to_json(self) -> dict[str, Any]:
        """The model as JSON data (weights rounded to 6 significant digits)."""
        features_sorted = sorted(self.vocabulary, key=self.vocabulary.get)
        return {
            "about": self.about, "classes": list(self.classes), "cut": self.cut,
            "calibration": self.calibration, "cameo": self.cameo, "features": features_sorted,
            "idf": [float(f"{x:.6g}") for x in self.idf],
            "coef": [[float(f"{x:.6g}") for x in row] for row in self.coef],
            "intercept": [float(f"{x:.6g}") for x in self.intercept],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TypeModel:
        return cls(tuple(data["classes"]), {f: i for i, f in enumerate(data["features"])},
                   np.array(data["idf"], dtype=float), np.array(data["coef"], dtype=float),
                   np.array(data["intercept"], dtype=float), float(data["cut"]),
                   dict(data["calibration"]), dict(data["cameo"]), dict(data["about"]))


def fold_of(record_id: str, folds: int = FOLDS) -> int:
    """The fold of a training record, fixed by the SHA-1 of its id.

    >>> fold_of("PLOVER-GSR01-AGREE-0001")
    0
    """
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest(), 16) % folds


def load_training_set() -> list[dict[str, str]]:
    """The shipped training examples: ``id``, ``text``, ``label`` (a PLOVER type), ``source``."""
    path = resources.files("blocwatch.data").joinpath("coder", TRAINING_FILE)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def train_out_of_fold(model: TypeModel, lemmas: Sequence[Sequence[str]], examples: Sequence[dict[str, str]],
                      fold: int, c: float, min_df: int = 1) -> TypeModel:
    """``model`` retrained without the examples of one fold (``lemmas`` are the examples' words,
    in order), keeping its cut, calibration and CAMEO codes: for measuring it on data it has not
    seen. (Ids may repeat: the PLOVER gold set has two records with one id; both share a fold.)"""
    kept = [n for n, e in enumerate(examples) if fold_of(e["id"]) != fold]
    out = TypeModel.train([lemmas[n] for n in kept], [examples[n]["label"] for n in kept], c=c, min_df=min_df)
    out.cut, out.calibration, out.cameo, out.about = model.cut, model.calibration, model.cameo, model.about
    return out


def _load(name: str) -> TypeModel | None:
    path = resources.files("blocwatch.data").joinpath("coder", name)
    if not path.is_file():
        return None
    return TypeModel.from_json(json.loads(path.read_text(encoding="utf-8")))


@functools.cache
def load_type_model() -> TypeModel | None:
    """The shipped typer, or None when the package has none (the coder then uses its rules alone)."""
    return _load("typer.json")


@functools.cache
def load_eventness_model() -> TypeModel | None:
    """The shipped sentence classifier (classes ``event`` and ``not``: does the sentence report an
    act, or is it opinion, description, a question, a hypothesis, a caption?), built by
    ``tools/build_eventness.py``; None when the package has none."""
    return _load("eventness.json")
