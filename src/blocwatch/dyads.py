"""The dyad query: which events count between pairs of states, per time window, as portable SQL.

The SQL is generated in one place and kept to what DuckDB and Spark SQL both run
(``date_trunc``, ``FILTER``, ordinal ``GROUP BY``), so that every engine computes the
same table from the same definition. Values are validated and inlined, never pasted
from user text.

Examples
--------
>>> q = DyadQuery(window="month", countries=("PRK", "RUS"))
>>> print(q.sql().splitlines()[0])
SELECT
>>> "source_country IN ('PRK', 'RUS')" in q.sql()
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from blocwatch.countries import resolve_country
from blocwatch.errors import ParameterError
from blocwatch.periods import WINDOWS, parse_date

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["DYAD_COLUMNS", "EVENT_FILTERS", "SCORES", "WEIGHTS", "WINDOWS", "DyadQuery", "dyad_table",
           "plover_score_sql"]

#: What an event's intensity is measured in: the Goldstein scale of its CAMEO code, or the
#: PLOVER 0.8 score of its PLOVER type and mode (both -10 .. +10).
SCORES = ("goldstein", "plover")

#: What each event (or collapsed report group) counts for in the score sums: 1, or GDELT's
#: number of articles, sources or mentions (1 when a dataset has none).
WEIGHTS = ("none", "articles", "sources", "mentions")

#: Columns of a dyad table, in order, with their meaning.
DYAD_COLUMNS = {
    "period": "first day of the window (weeks start on Monday)",
    "source": "ISO alpha-3 of the acting state (undirected: the first of the pair alphabetically)",
    "target": "ISO alpha-3 of the state acted upon (undirected: the second of the pair)",
    "events": "number of events (factual only, by default; collapsed: distinct dyad, code and day)",
    "reports": "rows of the events table behind them (more than events when duplicates are collapsed)",
    "weight": "sum of event weights (equal to events unless weighted by articles, sources or mentions)",
    "goldstein_sum": "weighted sum of Goldstein scores",
    "goldstein_mean": "weighted mean Goldstein score",
    "score_pos": "weighted sum of the positive scores (Goldstein or PLOVER): cooperation",
    "score_neg": "weighted sum of the absolute negative scores: conflict",
    "score_pos_sq": "sum of the squared weighted positive scores (the variance of score_pos as a compound Poisson sum)",
    "score_neg_sq": "sum of the squared weighted negative scores (the variance of score_neg)",
    "verbal_coop": "events of quad class 1 (verbal cooperation)",
    "material_coop": "events of quad class 2 (material cooperation)",
    "verbal_conflict": "events of quad class 3 (verbal conflict)",
    "material_conflict": "events of quad class 4 (material conflict)",
}

#: The fields of :class:`DyadQuery` that select which events count, each with the value that
#: lets every event through (:func:`blocwatch.explain.why_empty` relaxes them all at once).
EVENT_FILTERS: dict[str, Any] = {"factual_only": False, "states_only": False, "roots_only": False, "min_sources": 1,
                                 "origins": None, "dated_only": False, "roots": None, "quad_classes": None,
                                 "exclude": ()}


@dataclass(frozen=True)
class DyadQuery:
    """Which events to count and how to cut them.

    Parameters
    ----------
    window : {"day", "week", "month", "quarter", "year"}
    countries : tuple of str, optional
        Keep dyads whose both ends are in this set (ISO alpha-3).
    start, end : date or str, optional
        Inclusive bounds on the event date; text such as ``"2024"`` or ``"2024-06"`` means the
        first day of it for ``start`` and the last for ``end``.
    factual_only : bool
        Count only events whose ``mode`` is ``factual`` (the default: negated,
        hypothetical, future, claimed and commentary events are not facts; ``untargeted``
        ones have no target, so no pair, either way).
    include_domestic : bool
        Keep dyads of a state with itself (government vs. opposition ...).
    directed : bool
        One row per ordered pair (default), or per unordered pair with ``source < target``.
    score : {"goldstein", "plover"}
        The intensity behind ``score_pos`` and ``score_neg``.
    weight : {"none", "articles", "sources", "mentions"}
        Weight each event in the score sums and Goldstein mean by a GDELT count (counts of
        events and quad classes stay unweighted).
    collapse : bool
        Count repeated reports of one event (same ordered dyad, CAMEO code and day) once, with
        weight 1, or, when weighted, the sum of its reports' articles (sources, mentions);
        ``reports`` keeps how many rows there were.
    verbal : float
        What verbal events (quad classes 1 and 3: statements, consultations, accusations) count
        for in the score sums beside material ones (aid, sanctions, force): 1 counts talk as acts,
        0 leaves it out of cooperation and conflict (it still counts as events).
    origins : tuple of str, optional
        Count only events of these origins (``gdelt2``, ``text`` ...).
    roots_only : bool
        Count only GDELT events from a story's lead paragraph (``is_root``); events of other
        origins have no such flag and count.
    min_sources : int
        Count only events reported by at least this many sources (GDELT's ``sources``; events
        without the count pass).
    states_only : bool
        Count only events between actors that act for their states: a state as a whole, or its
        government, military, police, intelligence, judiciary or legislature
        (:data:`blocwatch.actors.STATE_SECTORS`); not citizens, rebels, parties, businesses, media.
    dated_only : bool
        Leave out events coded from text as background of unknown date (``date_precision`` =
        ``unknown``: "had invaded", "earlier blamed"), whose date is only an upper bound
        (default: they are left out, as they belong to no period).
    undated_only : bool
        Select only those events of unknown date, to show them apart (their ``date`` is the day of
        the report that mentions them, an upper bound); ``dated_only`` is then not used.
    roots : tuple of str, optional
        Count only events of these CAMEO root codes (``"14"`` protest ... ``"20"`` mass violence).
    quad_classes : tuple of int, optional
        Count only events of these CAMEO quad classes (1 verbal cooperation, 2 material
        cooperation, 3 verbal conflict, 4 material conflict).
    plover : tuple of str, optional
        Count only events of these PLOVER types (``ASSAULT``, ``AGREE`` ...): the type filter for
        datasets that give no CAMEO code (POLECAT, ACLED) as for those that do.
    exclude : tuple of str
        Event ids an analyst judged wrong (:func:`blocwatch.exclusions.read_exclusions`): no
        computation counts them.
    """

    window: str = "month"
    countries: tuple[str, ...] | None = None
    start: date | str | None = None
    end: date | str | None = None
    factual_only: bool = True
    include_domestic: bool = False
    directed: bool = True
    score: str = "goldstein"
    weight: str = "none"
    collapse: bool = False
    verbal: float = 1.0
    origins: tuple[str, ...] | None = None
    roots_only: bool = False
    min_sources: int = 1
    states_only: bool = False
    dated_only: bool = True
    undated_only: bool = False
    roots: tuple[str, ...] | None = None
    quad_classes: tuple[int, ...] | None = None
    exclude: tuple[str, ...] = ()
    plover: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.window not in WINDOWS:
            raise ParameterError("window", f"choose one of {', '.join(WINDOWS)}, not {self.window!r}")
        if self.score not in SCORES:
            raise ParameterError("score", f"choose one of {', '.join(SCORES)}, not {self.score!r}")
        if self.weight not in WEIGHTS:
            raise ParameterError("weight", f"choose one of {', '.join(WEIGHTS)}, not {self.weight!r}")
        if isinstance(self.countries, str):
            raise ParameterError("countries", f"a tuple of states, such as ({self.countries!r},), not a string")
        if self.countries is not None:  # codes, names or aliases: stored as ISO alpha-3 codes
            object.__setattr__(self, "countries", tuple(dict.fromkeys(resolve_country(c) for c in self.countries)))
        # dates may be given as text ("2024-06"): a start is the first day, an end the last
        object.__setattr__(self, "start", parse_date(self.start, param="start"))
        object.__setattr__(self, "end", parse_date(self.end, end=True, param="end"))
        if self.start and self.end and self.start > self.end:
            raise ParameterError("start", f"{self.start} is after the end, {self.end}")
        if not 0 <= self.verbal <= 1:
            raise ParameterError("verbal", f"must be in [0, 1], not {self.verbal}")
        if self.min_sources < 1:
            raise ParameterError("min_sources", f"at least 1, not {self.min_sources}")
        if isinstance(self.origins, str):
            raise ParameterError("origins", f"a tuple of origin names, such as ({self.origins!r},), not a string")
        if self.origins is not None:
            object.__setattr__(self, "origins", tuple(self.origins))
        for o in self.origins or ():
            if not _ORIGIN.match(o):
                raise ParameterError("origins", f"{o!r} is not an origin name")
        if self.roots is not None:
            given = [str(r).strip() for r in self.roots]
            bad = [r for r in given if not (r.isdigit() and len(r) <= 2 and 1 <= int(r) <= 20)]
            if bad or not given:
                raise ParameterError("roots", "CAMEO root codes run from 01 to 20, not "
                                              f"{', '.join(bad) if bad else 'an empty list'}")
            object.__setattr__(self, "roots", tuple(dict.fromkeys(f"{int(r):02d}" for r in given)))
        if self.quad_classes is not None:
            quads = tuple(dict.fromkeys(self.quad_classes))
            if not quads or any(q not in (1, 2, 3, 4) for q in quads):
                raise ParameterError("quad_classes", f"quad classes are 1 to 4, not {quads or 'an empty list'}")
            object.__setattr__(self, "quad_classes", quads)
        object.__setattr__(self, "exclude", tuple(self.exclude))
        if self.plover is not None:
            if isinstance(self.plover, str):
                raise ParameterError("plover", f"a tuple of PLOVER types, such as ({self.plover!r},), not a string")
            from blocwatch.taxonomy import load_taxonomy

            known = load_taxonomy().plover_types
            given = tuple(dict.fromkeys(str(t).strip().upper() for t in self.plover))
            bad = [t for t in given if t not in known]
            if bad or not given:
                raise ParameterError("plover", f"PLOVER types are {', '.join(sorted(known))}, not "
                                               f"{', '.join(bad) if bad else 'an empty list'}")
            object.__setattr__(self, "plover", given)

    def where(self) -> list[str]:
        """The SQL conditions on ``events`` implied by this query."""
        cond = ["source_country IS NOT NULL", "target_country IS NOT NULL"]
        if not self.include_domestic:
            cond.append("source_country <> target_country")
        if self.factual_only:
            cond.append("mode = 'factual'")
        if self.undated_only:
            cond.append("date_precision = 'unknown'")
        elif self.dated_only:
            cond.append("coalesce(date_precision, 'day') <> 'unknown'")
        if self.start:
            cond.append(f"date >= DATE '{self.start.isoformat()}'")
        if self.end:
            cond.append(f"date <= DATE '{self.end.isoformat()}'")
        if self.countries:
            inlist = ", ".join(f"'{c}'" for c in self.countries)
            cond.append(f"source_country IN ({inlist})")
            cond.append(f"target_country IN ({inlist})")
        if self.origins is not None:
            cond.append("origin IN (" + (", ".join(f"'{o}'" for o in self.origins) or "NULL") + ")")
        if self.roots_only:
            cond.append("coalesce(is_root, TRUE)")
        if self.min_sources > 1:
            cond.append(f"coalesce(sources, {int(self.min_sources)}) >= {int(self.min_sources)}")
        if self.roots is not None:
            cond.append("cameo_root IN (" + (", ".join(f"'{r}'" for r in self.roots) or "NULL") + ")")
        if self.quad_classes is not None:
            cond.append("quad_class IN (" + (", ".join(str(int(q)) for q in self.quad_classes) or "NULL") + ")")
        if self.plover is not None:
            cond.append("plover IN (" + ", ".join(f"'{t}'" for t in self.plover) + ")")
        if self.exclude:
            ids = ", ".join("'" + i.replace("'", "''") + "'" for i in self.exclude)
            cond.append(f"event_id NOT IN ({ids})")
        if self.states_only:
            from blocwatch.actors import STATE_SECTORS

            sectors = ", ".join(f"'{s}'" for s in STATE_SECTORS)
            cond.append(f"coalesce(source_sector, 'GOV') IN ({sectors})")
            cond.append(f"coalesce(target_sector, 'GOV') IN ({sectors})")
        return cond

    def score_sql(self) -> str:
        """SQL for an event's score (Goldstein, or PLOVER by :func:`plover_score_sql`), verbal events
        counted for ``verbal`` of it."""
        base = "goldstein" if self.score == "goldstein" else plover_score_sql()
        if self.verbal == 1:
            return base
        return f"({base}) * (CASE WHEN quad_class IN (1, 3) THEN {float(self.verbal)!r} ELSE 1.0 END)"

    def weight_sql(self) -> str:
        """SQL for an event's weight: 1, or its GDELT count (at least 1, 1 when missing)."""
        return "1" if self.weight == "none" else f"coalesce(greatest({self.weight}, 1), 1)"

    def rows_sql(self, table: str = "events") -> str:
        """SQL of the events the query counts, one row each (``date``, ``s``, ``t``, ``cameo``,
        ``quad_class``, ``goldstein``, ``score``, weight ``w`` and reports ``n``), repeated reports
        collapsed when the query says so."""
        rows = (
            "SELECT date, source_country AS s, target_country AS t, cameo, quad_class, goldstein,\n"
            f"    {self.score_sql()} AS score, CAST({self.weight_sql()} AS DOUBLE) AS w, 1 AS n\n"
            f"  FROM {table}\n  WHERE " + "\n    AND ".join(self.where())
        )
        if self.collapse:
            group_weight = "CAST(1 AS DOUBLE)" if self.weight == "none" else "sum(w)"  # 1.0 is a DECIMAL
            rows = (
                "SELECT date, s, t, cameo, max(quad_class) AS quad_class, max(goldstein) AS goldstein,\n"
                f"    max(score) AS score, {group_weight} AS w, count(*) AS n\n"
                f"  FROM ({rows}) r\n  GROUP BY date, s, t, cameo"
            )
        return rows

    def event_scores_sql(self, table: str = "events") -> str:
        """SQL of each counted event's undirected pair (``source`` < ``target``), ``period`` (first day
        of its window) and weighted ``score``: what the shift test draws on."""
        return (f"SELECT CAST(date_trunc('{self.window}', date) AS DATE) AS period, least(s, t) AS source, "
                f"greatest(s, t) AS target, score * w AS score FROM ({self.rows_sql(table)}) e "
                "ORDER BY source, target, period, score")

    def sql(self, table: str = "events") -> str:
        """SQL computing the dyad table from ``table`` (same text for DuckDB and Spark).

        Sums are rounded to 1e-9: parallel engines add in varying order, and the last bits of
        a sum must not decide whether a tie falls inside the neutral band from one run to the next.
        """
        rows = self.rows_sql(table)
        a, b = ("s", "t") if self.directed else ("least(s, t)", "greatest(s, t)")
        return (
            f"SELECT\n"
            f"  CAST(date_trunc('{self.window}', date) AS DATE) AS period,\n"
            f"  {a} AS source,\n"
            f"  {b} AS target,\n"
            "  count(*) AS events,\n"
            "  CAST(sum(n) AS BIGINT) AS reports,\n"
            "  round(sum(w), 9) AS weight,\n"
            "  round(sum(goldstein * w), 9) AS goldstein_sum,\n"
            "  round(sum(goldstein * w) / sum(w), 9) AS goldstein_mean,\n"
            "  round(coalesce(sum(score * w) FILTER (WHERE score > 0), 0), 9) AS score_pos,\n"
            "  round(coalesce(-sum(score * w) FILTER (WHERE score < 0), 0), 9) AS score_neg,\n"
            "  round(coalesce(sum(score * score * w * w) FILTER (WHERE score > 0), 0), 9) AS score_pos_sq,\n"
            "  round(coalesce(sum(score * score * w * w) FILTER (WHERE score < 0), 0), 9) AS score_neg_sq,\n"
            "  count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,\n"
            "  count(*) FILTER (WHERE quad_class = 2) AS material_coop,\n"
            "  count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,\n"
            "  count(*) FILTER (WHERE quad_class = 4) AS material_conflict\n"
            f"FROM ({rows}) e\n"
            "GROUP BY 1, 2, 3\n"
            "ORDER BY period, events DESC, source, target"
        )


def plover_score_sql() -> str:
    """A SQL ``CASE`` giving each event its PLOVER 0.8 score from ``plover`` and ``plover_mode``.

    Generated from the shipped score table, so both engines read the same numbers; events
    without a PLOVER type (plain statements) score 0.

    Examples
    --------
    >>> "WHEN plover = 'CONSULT' AND plover_mode = 'visit' THEN 4.0" in plover_score_sql()
    True
    """
    from blocwatch.taxonomy import load_taxonomy

    scores = load_taxonomy().plover_scores
    whens = [f"WHEN plover = '{e}' AND plover_mode = '{m}' THEN {v!r}"
             for (e, m), v in sorted(scores.items()) if m and _WORD.match(e) and _WORD.match(m)]
    whens += [f"WHEN plover = '{e}' THEN {v!r}" for (e, m), v in sorted(scores.items()) if not m and _WORD.match(e)]
    # the THEN values are DECIMAL literals in both engines: the score is a DOUBLE like Goldstein's
    return "CAST(CASE " + " ".join(whens) + " ELSE 0.0 END AS DOUBLE)"


_WORD = re.compile(r"^[A-Za-z_ ]+$")
_ORIGIN = re.compile(r"^[A-Za-z0-9_.:-]+$")


def dyad_table(con: Any, query: DyadQuery) -> pa.Table:
    """Run ``query`` on a DuckDB connection holding an ``events`` table or view.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Usually ``EventStore.con``.
    query : DyadQuery

    Returns
    -------
    pyarrow.Table
        One row per period and directed dyad, columns :data:`DYAD_COLUMNS`.

    Examples
    --------
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute(\"\"\"CREATE TABLE events AS SELECT * FROM (VALUES
    ...   (DATE '2024-06-19', 'RUS', 'PRK', '057', 2, 5.0, 'factual', 'day'),
    ...   (DATE '2024-06-20', 'PRK', 'RUS', '043', 1, 1.0, 'factual', 'day'),
    ...   (DATE '2024-06-21', 'RUS', 'PRK', '190', 4, -9.0, 'future', 'day'))
    ...   t(date, source_country, target_country, cameo, quad_class, goldstein, mode, date_precision)\"\"\")
    >>> row = dyad_table(con, DyadQuery()).to_pylist()[0]
    >>> row["source"], row["events"], row["goldstein_mean"], row["material_coop"]
    ('PRK', 1, 1.0, 0)
    >>> row = dyad_table(con, DyadQuery(directed=False)).to_pylist()[0]
    >>> row["source"], row["target"], row["events"], row["score_pos"], row["score_neg"]
    ('PRK', 'RUS', 2, 6.0, 0.0)
    """
    return con.sql(query.sql()).to_arrow_table()
