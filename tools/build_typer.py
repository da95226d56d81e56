"""Build the coder's learned typer: ``blocwatch/data/coder/typer_training.jsonl`` and ``typer.json``.

    python tools/build_typer.py [--data ../shared/data] [--c 30] [--cut 0.2]

Training examples (all labelled with PLOVER 0.8 event types):

- the PLOVER gold set's developers' records (``coder-eval/PLOVER_GSR_CAMEO.dev.json``, sentences
  of the CAMEO manual, CC BY-SA 4.0; PLOVER 0.5b1 labels mapped as ``blocwatch eval`` maps them);
- the name and definition of every CAMEO code with a PLOVER type, from the shipped
  ``cameo_event_codes.csv`` (never the manual's example sentences: the PLOVER gold set is made
  of them, and its records kept aside for evaluation are among them);
- the definitions of PLOVER's events and modes (``codebooks/plover/PLOVER_structured_codebook_updated.csv``).

Then the model is measured out of fold on the gold records (5 folds by the SHA-1 of the record
id; each fold coded by the rules alone and typed by a model trained without that fold), which
gives the calibration (the share of right types when rules and model agree, disagree, or the
model types alone) and the hybrid accuracy for each cut. The model shipped is trained on all
examples. The output is deterministic for the same inputs and library versions.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from blocwatch.coder import Coder  # noqa: E402
from blocwatch.coder.evaluate import load_gold  # noqa: E402
from blocwatch.coder.evaluate import main_event as _main  # noqa: E402
from blocwatch.coder.typer import FOLDS, TRAINING_FILE, TypeModel, fold_of, train_out_of_fold  # noqa: E402
from blocwatch.schema import REPORTED_MODES  # noqa: E402
from blocwatch.taxonomy import load_taxonomy  # noqa: E402

OUT = REPO / "src" / "blocwatch" / "data" / "coder"

#: The CAMEO code of an event the model types: the type's general code (REQUEST as a demand,
#: as nearly all its training sentences are; ASSAULT as conventional force; RETREAT as a
#: military de-escalation).
CAMEO_OF = {
    "ACCUSE": "110", "AGREE": "030", "AID": "070", "ASSAULT": "190", "COERCE": "170", "CONCEDE": "080",
    "CONSULT": "040", "COOPERATE": "060", "MOBILIZE": "150", "PROTEST": "140", "REJECT": "120",
    "REQUEST": "100", "RETREAT": "087", "SANCTION": "160", "SUPPORT": "050", "THREATEN": "130",
}
CUTS = (0.0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.6, 1.0)


def examples(data: Path) -> list[dict[str, str]]:
    tax = load_taxonomy()
    out = []
    for rec in load_gold(data / "coder-eval" / "PLOVER_GSR_CAMEO.dev.json"):
        out.append({"id": rec.id, "text": rec.text, "label": rec.plover or "", "source": "PLOVER GSR dev"})
    codes = REPO / "src" / "blocwatch" / "data" / "cameo_event_codes.csv"
    with codes.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = tax.cameo.get(row["code"])
            if code is not None and code.plover:
                text = f"{row['name']}. {row['description']}".strip()
                out.append({"id": f"cameo:{row['code']}", "text": text, "label": code.plover,
                            "source": "CAMEO 1.1b3 code name and definition"})
    book = data / "codebooks" / "plover" / "PLOVER_structured_codebook_updated.csv"
    with book.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), start=2):
            if row["event"] in CAMEO_OF:
                out.append({"id": f"plover-codebook:{n}", "text": f"{row['event_def']} {row['mode_def']}".strip(),
                            "label": row["event"], "source": "PLOVER structured codebook (NGEC-2025)"})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--c", type=float, default=30.0, help="inverse regularisation strength")
    ap.add_argument("--cut", type=float, default=1.0,
                    help="least model probability to type a sentence the rules leave untyped (1: never; see "
                         "docs/accuracy.md for why that is the default)")
    ap.add_argument("--out", type=Path, default=OUT, help="folder to write the two files to")
    ap.add_argument("--min-df", type=int, default=2, help="least examples a feature must occur in")
    args = ap.parse_args()
    train = examples(args.data)
    rules = Coder(typer=False)
    nlp = rules.nlp
    lemmas = [[t.lemma_ for t in doc] for doc in nlp.pipe(e["text"] for e in train)]
    model = TypeModel.train(lemmas, [e["label"] for e in train], c=args.c,
                            min_df=args.min_df)
    model.cameo = dict(CAMEO_OF)
    gold = [(n, e) for n, e in enumerate(train) if e["source"] == "PLOVER GSR dev"]
    tax = load_taxonomy()
    rule_type: dict[int, str | None] = {}
    for n, e in gold:
        doc = nlp(e["text"])
        depth = {t.idx: sum(1 for _ in t.ancestors) for t in doc}
        events = [ev for ev in rules.code_text(e["text"], date(2000, 1, 1), e["id"]) if ev.mode in REPORTED_MODES]
        m = _main(events, depth)
        rule_type[n] = tax.cameo[m.cameo].plover if m and m.cameo in tax.cameo else None
    predicted: dict[int, tuple[str, float]] = {}
    for fold in range(FOLDS):
        fold_model = train_out_of_fold(model, lemmas, train, fold, args.c, args.min_df)
        for n, e in gold:
            if fold_of(e["id"]) == fold:
                predicted[n] = fold_model.predict(lemmas[n])

    def rate(hits: list[bool]) -> float:
        return round(sum(hits) / len(hits), 3) if hits else 0.0

    right = {n: e["label"] for n, e in gold}
    agree = [rule_type[n] == right[n] for n in right if rule_type[n] == predicted[n][0]]
    disagree = [rule_type[n] == right[n] for n in right if rule_type[n] and rule_type[n] != predicted[n][0]]
    figures = {"records": len(gold), "rules": rate([rule_type[n] == right[n] for n in right]),
               "model": rate([predicted[n][0] == right[n] for n in right]),
               "agree": [rate(agree), len(agree)], "disagree": [rate(disagree), len(disagree)], "cuts": {}}
    print(f"{len(gold)} gold records out of fold: rules {figures['rules']}, model alone {figures['model']}, "
          f"agree {figures['agree']}, disagree {figures['disagree']}")
    for cut in CUTS:
        alone = [predicted[n][0] == right[n] for n in right if not rule_type[n] and predicted[n][1] >= cut]
        hybrid = [rule_type[n] == right[n] if rule_type[n] else (predicted[n][1] >= cut and predicted[n][0] == right[n])
                  for n in right]
        figures["cuts"][str(cut)] = {"hybrid_bound": rate(hybrid), "model_only": [rate(alone), len(alone)]}
        print(f"cut {cut:.2f}: type-only hybrid bound {rate(hybrid)} (if every untyped sentence became an event); "
              f"model right where the rules give no type {rate(alone)} of {len(alone)}")
    chosen = figures["cuts"].get(str(args.cut)) or {"model_only": [0.0, 0]}
    alone_rate = chosen["model_only"][0] if chosen["model_only"][1] else None
    model.cut = args.cut
    model.calibration = {"agree": figures["agree"][0], "disagree": figures["disagree"][0],
                         "model_only": alone_rate}
    model.about = {
        "built_with": f"python tools/build_typer.py --c {args.c} --cut {args.cut} --min-df {args.min_df}",
        "training": {s: sum(1 for e in train if e["source"] == s) for s in dict.fromkeys(e["source"] for e in train)},
        "c": args.c, "min_df": args.min_df, "folds": FOLDS,
        "spacy_model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
        "out_of_fold": figures,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / TRAINING_FILE).open("w", encoding="utf-8") as f:
        for e in train:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    (args.out / "typer.json").write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out / TRAINING_FILE} ({len(train)} examples) and {args.out / 'typer.json'} "
          f"({len(model.vocabulary)} features)")


if __name__ == "__main__":
    main()
