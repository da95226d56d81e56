"""Structural balance on Spark: one signed network per window, each solved on an executor.

Spark SQL builds the undirected relations of every window from the run folders (the one dyad
query both engines run, :mod:`blocwatch.spark.aggregate`); each window's rows go to one executor,
which turns them into a network (:func:`blocwatch.analysis.network.network_from_relations`) and
measures it (:func:`blocwatch.analysis.structure.balance_summary`), as
:meth:`blocwatch.relations.Relations.balance` does on a store. Exact frustration is the costly
part (seconds a month, decades of months), so windows are spread over the cluster; the answer is
the same rows, in the same order. ``tests/spark/test_structure.py`` checks the two engines agree.

Examples
--------
>>> from blocwatch.relations import RelationsOptions
>>> job = BalanceJob(RelationsOptions(), window="quarter", countries=("PRK", "RUS"))
>>> job.query.window, job.query.directed, job.query.countries
('quarter', False, ('PRK', 'RUS'))
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from blocwatch.dyads import DYAD_COLUMNS, DyadQuery
from blocwatch.relations import RelationsOptions

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["BalanceJob", "spark_balance", "top_states"]

#: What an executor sends back for a window: its first day and the summary as JSON.
_RESULT_SCHEMA = "period date, summary string"


@dataclass(frozen=True)
class BalanceJob:
    """What each executor needs to measure one window (small: it is shipped with every task).

    Parameters
    ----------
    options : RelationsOptions
        The relations' query, ``alpha`` and tie rule.
    window : str
        One network per ``month``, ``quarter`` or ``year``.
    countries : tuple of str, optional
        The network's states (every one of them a node, tie or not); None for every state. It
        replaces the query's countries.
    method, time_limit, k
        As :func:`blocwatch.analysis.structure.balance_summary`.
    """

    options: RelationsOptions
    window: str = "month"
    countries: tuple[str, ...] | None = None
    start: date | None = None
    end: date | None = None
    method: str = "auto"
    time_limit: float = 30.0
    k: int | None = None

    @property
    def query(self) -> DyadQuery:
        """The dyad query of the windows' relations: undirected, of the chosen states."""
        changes: dict[str, Any] = {"window": self.window, "directed": False, "countries": self.countries}
        if self.start is not None:
            changes["start"] = self.start
        if self.end is not None:
            changes["end"] = self.end
        return replace(self.options.query, **changes)

    def measure(self, rows: pa.Table) -> pa.Table:
        """The balance summary of one window's relations rows, as one row of :data:`_RESULT_SCHEMA`."""
        from blocwatch.analysis.cooperation import add_net
        from blocwatch.analysis.network import network_from_relations
        from blocwatch.analysis.structure import balance_summary
        from blocwatch.periods import period_label

        relations = add_net(rows.select(list(DYAD_COLUMNS)), self.options.alpha).to_pylist()
        period = relations[0]["period"]
        net = network_from_relations(relations, self.options.rule, label=period_label(period, self.window),
                                     nodes=self.countries or ())
        summary = balance_summary(net, method=self.method, time_limit=self.time_limit, k=self.k)
        return pa.table({"period": pa.array([period], pa.date32()),
                         "summary": [json.dumps(summary, ensure_ascii=False)]})


def top_states(spark: SparkSession, events: Iterable[str | os.PathLike[str]], query: DyadQuery, n: int) -> list[str]:
    """The ``n`` states in the most events with another state, most active first (ties by code), as
    :meth:`blocwatch.relations.Relations.top_states` chooses them on a store."""
    from pyspark.sql import functions as F

    from blocwatch.spark.aggregate import SparkDyads

    frame = SparkDyads(spark, events).frame(replace(query, countries=None))
    sides = frame.select(F.col("source").alias("state"), "events").unionAll(
        frame.select(F.col("target").alias("state"), "events"))
    rows = (sides.groupBy("state").agg(F.sum("events").alias("n"))
            .orderBy(F.col("n").desc(), F.col("state")).limit(int(n)).collect())
    return [r["state"] for r in rows]


def spark_balance(spark: SparkSession, events: Iterable[str | os.PathLike[str]], options: RelationsOptions, *,
                  window: str = "month", start: date | None = None, end: date | None = None,
                  top: int | None = None, method: str = "auto", time_limit: float = 30.0,
                  k: int | None = None) -> list[dict[str, Any]]:
    """Structural balance of the network of every ``window``, each window solved by one executor:
    the rows :meth:`blocwatch.relations.Relations.balance` gives for the same events and options.

    Parameters
    ----------
    spark : SparkSession
    events : iterable of path
        Run folders of the Spark engine (URIs and globs too).
    options : RelationsOptions
    window, start, end, top, method, time_limit, k
        As :meth:`blocwatch.relations.Relations.balance`.

    Returns
    -------
    list of dict
        One :func:`~blocwatch.analysis.structure.balance_summary` per window with relations,
        oldest first.
    """
    from blocwatch.spark.aggregate import SparkDyads

    events = list(events)
    job = BalanceJob(options, window=window, countries=options.query.countries or None, start=start, end=end,
                     method=method, time_limit=time_limit, k=k)
    countries = job.countries
    if not countries and top:
        countries = tuple(top_states(spark, events, job.query, top))
    job = replace(job, countries=countries or None)
    frame = SparkDyads(spark, events).frame(job.query)
    # about a window per task (hashed by period): the exact solves run side by side on the executors
    windows = frame.select("period").distinct().count()
    frame = frame.repartition(max(1, windows), "period")

    def measure(rows: pa.Table) -> pa.Table:  # one argument: Spark counts the arguments of what it calls
        return job.measure(rows)

    result = frame.groupBy("period").applyInArrow(measure, _RESULT_SCHEMA).toArrow().to_pylist()
    return [json.loads(r["summary"]) for r in sorted(result, key=lambda r: r["period"])]
