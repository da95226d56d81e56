"""The events behind shifts, from the store: what :func:`blocwatch.analysis.shifts.drivers`
computes, without fetching every event with its evidence.

A shift's drivers rank the CAMEO root categories (or PLOVER types) of the events after the change
that point the way of the move by their summed absolute score, and show one example event for
each of the strongest codes of the strongest roots. Two queries give exactly that, for all the
shifts listed at once (one pass over the events each):

1. **tallies**, over every such event of each shift's pair and months: per code, its root and the
   absolute scores of its events in event order (one number per event, no evidence columns),
   codes in the order of their first event; the sums are added in Python, in that order, as
   ``drivers`` adds them;
2. **examples**, only for the codes shown: the best example of each (a sentence of evidence first,
   then the strongest, then the earliest): at most ``limit * examples`` rows per shift (and a SQL
   ``LIMIT`` of that times the shifts), however many events the pair has.

The result equals ``drivers(Relations.events(a, b, start, end), direction)`` for each shift,
field for field.

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
from datetime import date
from typing import Any

from blocwatch.analysis.shifts import Driver, rank_drivers
from blocwatch.errors import InputError

__all__ = ["Move", "shift_drivers"]

#: A shift whose drivers are wanted: the pair, its first and last day, and +1 (closer) or -1 (apart).
Move = tuple[str, str, date, date, int]

_CODE = "coalesce(nullif(cameo, ''), nullif(plover, ''), '?')"  # as drivers() reads an event's code
_ROOT = f"CASE WHEN coalesce(cameo, '') <> '' THEN substr(cameo, 1, 2) ELSE {_CODE} END"


def shift_drivers(con: Any, where: Sequence[str], params: Sequence[Any], score_sql: str, columns: Sequence[str],
                  moves: Sequence[Move], *, limit: int = 5, examples: int = 3,
                  names: dict[str, str] | None = None) -> list[tuple[Driver, ...]]:
    """The drivers of each move among the events ``where`` selects (see the module docstring).

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
    where, params : sequence
        SQL conditions on ``events`` and their parameters (the query's filters; the pair and the
        dates come from each move).
    score_sql : str
        SQL of an event's score (weighted), as :meth:`blocwatch.relations.Relations.events` gives it.
    columns : sequence of str
        The evidence columns of an example (then its ``score``).
    moves : sequence of (a, b, first day, last day, direction)
        ``direction``: +1 for a move closer, -1 for a move apart.
    limit, examples : int
        Root categories, and example events per category (one per code).
    names : dict, optional
        Names of the root codes.
    """
    if any(m[4] not in (1, -1) for m in moves):
        raise InputError("direction must be 1 or -1")
    if not moves:
        return []
    needed = ", ".join(dict.fromkeys([*columns, "date", "event_id", "cameo", "plover", "evidence_text"]))
    table = "SELECT * FROM (VALUES " + ", ".join(["(?, ?, ?, ?, ?, ?)"] * len(moves)) + \
        ") m(m_move, m_a, m_b, m_first, m_last, m_direction)"
    values = [v for i, (a, b, first, last, d) in enumerate(moves) for v in (i, min(a, b), max(a, b), first, last, d)]
    pointing = (  # the pair either way round: a hash join on the ordered pair, then the move's months
        f"SELECT *, {_CODE} AS code FROM (SELECT m_move, m_direction, {needed}, {score_sql} AS score FROM events "
        f"JOIN ({table}) m ON least(source_country, target_country) = m_a "
        "AND greatest(source_country, target_country) = m_b AND date >= m_first AND date <= m_last "
        f"WHERE {' AND '.join(where)}) e WHERE score * m_direction > 0 AND NOT isnan(score)")
    tallies: list[dict[str, dict[str, list[float]]]] = [{} for _ in moves]
    for move, root, code, scores in con.execute(
            f"SELECT m_move, {_ROOT} AS root, code, list(abs(score) ORDER BY date, event_id) AS scores "
            f"FROM ({pointing}) p GROUP BY m_move, root, code "
            "ORDER BY m_move, min(struct_pack(d := date, e := event_id))", [*values, *params]).fetchall():
        tallies[move].setdefault(root, {})[code] = scores
    ranked = [rank_drivers(t, limit=limit, examples=examples) for t in tallies]
    shown = [(i, code) for i, r in enumerate(ranked) for *_, codes in r for code in codes]
    example: dict[tuple[int, str], dict[str, Any]] = {}
    if shown:
        found = con.execute(
            f"SELECT {', '.join(columns)}, score, m_move, code FROM ({pointing}) p "
            "JOIN (SELECT unnest(?::INTEGER[]) AS s_move, unnest(?::VARCHAR[]) AS s_code) s "
            "ON s_move = m_move AND s_code = code "
            "QUALIFY row_number() OVER (PARTITION BY m_move, code ORDER BY coalesce(evidence_text, '') = '', "
            f"abs(score) DESC, date, event_id) = 1 LIMIT {len(moves) * int(limit) * int(examples)}",
            [*values, *params, [i for i, _ in shown], [c for _, c in shown]])
        for row in found.fetchall():
            event = dict(zip([*columns, "score"], row, strict=False))
            event["date"] = event["date"].isoformat()
            example[(row[-2], row[-1])] = event
    return [tuple(Driver(root, (names or {}).get(root, ""), sum(counts.values()), contribution, counts,
                         tuple(example[(i, code)] for code in codes)) for root, counts, contribution, codes in r)
            for i, r in enumerate(ranked)]
