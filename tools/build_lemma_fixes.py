"""Build the coder's verb lemma corrections: ``blocwatch/data/coder/lemma_fixes.json``.

    python tools/build_lemma_fixes.py

The coder reads verbs by their lemma: "hope" governs a wished-for event, "ban" a prevented one,
and the verb dictionaries key their patterns by lemma. en_core_web_sm's rule lemmatizer strips
suffixes and keeps the first base form its word index knows, so an inflected form that two bases
could give goes to the wrong one: "hopes", "hoped" and "hoping" become "hop", and every rule about
hopes misses them. This tool inflects every verb the coder's word lists and dictionaries name
(regular English inflection: -s/-es/-ies, -d/-ed/-ied, -ing, the final consonant doubled in
one syllable after one vowel), asks the pipeline's lemmatizer for each form's lemma as a verb, and lists the forms whose
lemma is not their base. A form that the inflection of two listed verbs both give is left out
(it is ambiguous by construction), and so is the regular past of a verb the lemmatizer lists
irregular forms of ("cutted", "seed" from "see"). A pipeline component that
:func:`blocwatch.coder.pipeline.load_pipeline` adds after the lemmatizer sets these lemmas (the
lemmatizer's own exception table cannot: it ranks an exception below a form its rules found).
Forms that do not exist in English ("planed" from "plan" is not generated; some others are) are
harmless: they never occur.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spacy.tokens import Doc  # noqa: E402

from blocwatch.coder import modality, statements  # noqa: E402
from blocwatch.coder.pipeline import load_pipeline  # noqa: E402

DATA = REPO / "src" / "blocwatch" / "data" / "coder"
_VOWELS = "aeiou"


def _verbs() -> set[str]:
    """Every verb named by the verb dictionaries and the coder's word lists."""
    out: set[str] = set()
    for name in ("verbs_blocwatch.jsonl", "verbs_petrarch2.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("//"):
                out.update(w for w in json.loads(line)["verbs"] if re.fullmatch(r"[a-z]+", w))
    light = json.loads((DATA / "light_verbs.json").read_text(encoding="utf-8"))
    for key, value in light.items():
        if key != "about" and isinstance(value, (list, dict)):
            out.update(w for w in value if isinstance(w, str) and re.fullmatch(r"[a-z]+", w))
    for module in (modality, statements):
        for value in vars(module).values():
            if isinstance(value, (set, frozenset)):
                out.update(w for w in value if isinstance(w, str) and re.fullmatch(r"[a-z]+", w))
    return out


def _inflections(base: str) -> set[str]:
    """Regular English inflections of ``base``; the final consonant doubled after a single short
    vowel in one syllable ("ban", "banned"); longer bases are left to the lemmatizer's own table of
    exceptions, which lists such forms ("abetted")."""
    out = set()
    if base.endswith(("s", "x", "z", "ch", "sh")):
        out.add(base + "es")
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        out.add(base[:-1] + "ies")
    else:
        out.add(base + "s")
    if base.endswith("e"):
        out.add(base + "d")
        if not base.endswith(("ee", "ye", "oe")):
            out.add(base[:-1] + "ing")
        else:
            out.add(base + "ing")
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        out.update({base[:-1] + "ied", base + "ing"})
    else:
        out.update({base + "ed", base + "ing"})
        if (len(base) >= 3 and base[-1] not in _VOWELS + "wxy" and base[-2] in _VOWELS
                and base[-3] not in _VOWELS and len(re.findall(f"[{_VOWELS}]+", base)) == 1):
            out = (out - {base + "ed", base + "ing"}) | {base + base[-1] + "ed", base + base[-1] + "ing"}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DATA, help="folder to write lemma_fixes.json to")
    args = ap.parse_args()
    nlp = load_pipeline()
    lemmatizer = nlp.get_pipe("lemmatizer")
    index = set(lemmatizer.lookups.get_table("lemma_index")["verb"])
    verbs = {v for v in _verbs() if v in index}  # the lemmatizer's own list of English verbs
    irregular = {b for forms in lemmatizer.lookups.get_table("lemma_exc")["verb"].values() for b in forms}
    bases: dict[str, set[str]] = defaultdict(set)
    for base in verbs:
        for form in _inflections(base):
            if not (base in irregular and form.endswith("ed")):  # "cut", "see": no regular past
                bases[form].add(base)
    fixes = {}
    for form, of in sorted(bases.items()):
        if len(of) > 1 or form in verbs:  # ambiguous, or itself a base ("need", "bus")
            continue
        base = next(iter(of))
        doc = Doc(nlp.vocab, words=[form])
        doc[0].pos_ = "VERB"
        got = lemmatizer.rule_lemmatize(doc[0])
        if got and got[0] != base:
            fixes[form] = base
    out = {
        "about": __doc__.split("\n\n")[2].replace("\n", " ").strip() + " Built by `python tools/build_lemma_fixes.py` "
                 f"from the {len(verbs)} verbs of the coder's dictionaries and word lists, with "
                 f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}.",
        "verb": fixes,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "lemma_fixes.json"
    path.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}: {len(fixes)} forms of {len(verbs)} verbs")


if __name__ == "__main__":
    main()
