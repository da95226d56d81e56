"""Build the coder's sentence classifier: ``blocwatch/data/coder/eventness.json``.

    python tools/build_eventness.py [--c 10] [--cut 0.92]

Does a sentence report an act (an event, a past act given as background, a statement), or not
(opinion, description, caption or dateline)? Questions and hypotheses are left to the rules'
grammar and out of the training. Trained on
``blocwatch/data/coder/eventness_training.jsonl``: every sentence of the 30 Voice of America
articles of ``../shared/data/news-voa`` that are not in the article gold
(``blocwatch/data/eval/voa_gold.jsonl``), labelled by hand with the gold's sentence labels
(provenance in ``blocwatch/data/README.md``). Those 20 gold articles are never trained on: the cut
is chosen on their 10 development articles (``blocwatch eval``) and the 10 test articles are only
measured. Needs no ``../shared``: the training sentences ship with the package.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from blocwatch.coder.articles import NOT_EVENTS  # noqa: E402
from blocwatch.coder.pipeline import load_pipeline  # noqa: E402
from blocwatch.coder.typer import TypeModel  # noqa: E402

OUT = REPO / "src" / "blocwatch" / "data" / "coder"
#: Sentences the rules judge by their grammar (``coder.modality``: questions, conditions, modals), left
#: out of training so that the classifier learns what grammar cannot tell: opinion, description and
#: captions against reports of acts ("threatened retaliation if NATO expands" is a threat).
RULES_DECIDE = {"question", "hypothetical"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=10.0, help="inverse regularisation strength")
    ap.add_argument("--cut", type=float, default=0.92,
                    help="least probability of 'not' for a sentence's events to become commentary (chosen on "
                         "the development articles and gold sets: docs/accuracy.md)")
    ap.add_argument("--out", type=Path, default=OUT, help="folder to write eventness.json to")
    args = ap.parse_args()
    rows = [json.loads(line) for line in (OUT / "eventness_training.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    rows = [r for r in rows if r["label"] not in RULES_DECIDE]
    nlp = load_pipeline()
    lemmas = [[t.lemma_ for t in doc] for doc in nlp.pipe(r["text"] for r in rows)]
    labels = ["not" if r["label"] in NOT_EVENTS else "event" for r in rows]
    model = TypeModel.train(lemmas, labels, c=args.c, min_df=2)
    model.cut = args.cut
    model.about = {
        "built_with": f"python tools/build_eventness.py --c {args.c} --cut {args.cut}",
        "training": {"sentences": len(rows), "articles": len({r["article"] for r in rows}),
                     "not": labels.count("not"), "event": labels.count("event")},
        "not_labels": sorted(NOT_EVENTS - RULES_DECIDE), "left_out": sorted(RULES_DECIDE), "c": args.c, "min_df": 2,
        "spacy_model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "eventness.json").write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n",
                                             encoding="utf-8")
    print(f"wrote {args.out / 'eventness.json'}: {len(rows)} sentences, {len(model.vocabulary)} features, "
          f"cut {args.cut}")


if __name__ == "__main__":
    main()
