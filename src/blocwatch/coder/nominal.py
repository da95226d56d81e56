"""The act a noun of action names: "the seizure" is a seizing, "the shelling" a shelling.

News names an act again by its noun ("Houthi rebels seized a ship ... Britain denounced the
seizure"), and a verb of saying takes an act as its object ("condemned the killing of
civilians"). The noun's verb in the vocabulary says what kind of act it is. English makes most
such nouns by a few endings (-ing, -ure, -ion, -ment, -al); :func:`verb_of` undoes them and keeps
the first candidate the vocabulary knows as a verb, so no word list is needed and a made-up stem
("build" from "building" is a verb, "sanctu" from "sanctuary" is not) is never returned.

Examples
--------
>>> verbs = {"seize", "shell", "kidnap", "detain", "invade", "annex", "occupy", "expel", "withdraw"}
>>> [verb_of(n, verbs) for n in ("seizure", "shelling", "kidnapping", "detention", "invasion")]
['seize', 'shell', 'kidnap', 'detain', 'invade']
>>> [verb_of(n, verbs) for n in ("annexation", "occupation", "expulsion", "withdrawal", "economy")]
['annex', 'occupy', 'expel', 'withdraw', None]
"""

from __future__ import annotations

from collections.abc import Container

__all__ = ["verb_of"]

#: Endings of nouns of action and what the verb has instead, tried in order: "seizure" -> "seize",
#: "annexation" -> "annex", "occupation" -> "occupy", "execution" -> "execute", "detention" ->
#: "detain", "invasion" -> "invade", "expulsion" -> "expel", "abduction" -> "abduct",
#: "harassment" -> "harass", "withdrawal" -> "withdraw", "arrival" -> "arrive".
_ENDINGS = (("ing", ""), ("ing", "e"), ("ure", "e"), ("ation", ""), ("ation", "e"), ("ation", "y"),
            ("ention", "ain"), ("ulsion", "el"), ("sion", "de"), ("tion", "te"), ("ion", ""), ("ion", "e"),
            ("ment", ""), ("al", ""), ("al", "e"))


def verb_of(noun: str, verbs: Container[str]) -> str | None:
    """The verb of ``verbs`` a noun of action (a lemma, lower case) is made from; the noun itself
    when it is a verb too ("the attack", "the arrest"); ``None`` when none is known."""
    if noun in verbs:
        return noun
    for ending, verb_ending in _ENDINGS:
        if not noun.endswith(ending) or len(noun) - len(ending) < 3:
            continue
        stem = noun[: -len(ending)]
        candidates = [stem + verb_ending]
        if ending == "ing" and len(stem) > 3 and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])  # "kidnapping", "shipping"
        for candidate in candidates:
            if candidate in verbs:
                return candidate
    return None
