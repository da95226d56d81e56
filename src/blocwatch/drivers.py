"""The events behind a shift, from the store: what :func:`blocwatch.analysis.shifts.drivers`
computes, without fetching every event with its evidence.

A shift's drivers rank the CAMEO root categories (or PLOVER types) of the events after the change
that point the way of the move by their summed absolute score, and show one example event for
each of the strongest codes of the strongest roots. Two queries give exactly that:

1. **tallies**, over every such event of the pair: per code, its root and the absolute scores of
   its events in event order (one number per event, no evidence columns), codes in the order of
   their first event; the sums are added in Python, in that order, as ``drivers`` adds them;
2. **examples**, only for the codes shown: the best example of each (a sentence of evidence first,
   then the strongest, then the earliest), at most ``limit * examples`` rows (a SQL ``LIMIT``):
   the evidence fetched for a shift is capped however many events the pair has.

The result equals ``drivers(Relations.events(a, b, start, end), direction)``, field for field.

Examples
--------
>>> import os, tempfile
>>> from blocwatch.relations import Relations
>>> from blocwatch.store import EventStore
>>> with EventStore(os.path.join(tempfile.mkdtemp(), "s.duckdb")) as store:
...     Relations(store).drivers("PRK", "RUS", "2024-06", "2024-06", 1)
()
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from blocwatch.analysis.shifts import Driver, rank_drivers
from blocwatch.errors import InputError

__all__ = ["shift_drivers"]

_CODE = "coalesce(nullif(cameo, ''), nullif(plover, ''), '?')"  # as drivers() reads an event's code
_ROOT = f"CASE WHEN coalesce(cameo, '') <> '' THEN substr(cameo, 1, 2) ELSE {_CODE} END"


def shift_drivers(con: Any, where: Sequence[str], params: Sequence[Any], score_sql: str, columns: Sequence[str],
                  direction: int, *, limit: int = 5, examples: int = 3,
                  names: dict[str, str] | None = None) -> tuple[Driver, ...]:
    """The drivers of a move among the events ``where`` selects (see the module docstring).

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
    where, params : sequence
        SQL conditions on ``events`` and their parameters (the pair, its dates, the query's filters).
    score_sql : str
        SQL of an event's score (weighted), as :meth:`blocwatch.relations.Relations.events` gives it.
    columns : sequence of str
        The evidence columns of an example (then its ``score``).
    direction : {1, -1}
        +1 for a move closer, -1 for a move apart.
    limit, examples : int
        Root categories, and example events per category (one per code).
    names : dict, optional
        Names of the root codes.
    """
    if direction not in (1, -1):
        raise InputError("direction must be 1 or -1")
    needed = ", ".join(dict.fromkeys([*columns, "date", "event_id", "cameo", "plover", "evidence_text"]))
    pointing = (f"SELECT *, {_CODE} AS code FROM (SELECT {needed}, {score_sql} AS score FROM events "
                f"WHERE {' AND '.join(where)}) e WHERE score * {int(direction)} > 0 AND NOT isnan(score)")
    tallies: dict[str, dict[str, list[float]]] = {}
    for root, code, scores in con.execute(
            f"SELECT {_ROOT} AS root, code, list(abs(score) ORDER BY date, event_id) AS scores FROM ({pointing}) p "
            "GROUP BY root, code ORDER BY min(struct_pack(d := date, e := event_id))", list(params)).fetchall():
        tallies.setdefault(root, {})[code] = scores
    ranked = rank_drivers(tallies, limit=limit, examples=examples)
    shown = sorted({code for *_, codes in ranked for code in codes})
    if not shown:
        return ()
    found = con.execute(
        f"SELECT {', '.join(columns)}, score, code FROM ({pointing}) p WHERE code IN (SELECT unnest(?::VARCHAR[])) "
        "QUALIFY row_number() OVER (PARTITION BY code ORDER BY coalesce(evidence_text, '') = '', abs(score) DESC, "
        f"date, event_id) = 1 LIMIT {int(limit) * int(examples)}", [*params, shown])
    example = {}
    for values in found.fetchall():
        r = dict(zip([*columns, "score"], values, strict=False))
        r["date"] = r["date"].isoformat()
        example[values[-1]] = r
    return tuple(Driver(root, (names or {}).get(root, ""), sum(counts.values()), contribution, counts,
                        tuple(example[code] for code in codes)) for root, counts, contribution, codes in ranked)
