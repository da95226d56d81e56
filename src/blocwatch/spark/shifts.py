"""Tested shifts on Spark: the events' counts in Spark SQL, the test where the answer is wanted.

The shift test (:mod:`blocwatch.shiftjob`, the same steps as on a store) needs three things of
the events: their number per origin and month (coverage), the origins present in the window, and
the monthly undirected dyad table of the origins compared (or each event's score, for
``shuffle="events"``). Spark computes them from the run folders with the SQL both engines run
(:mod:`blocwatch.spark.aggregate`); what comes back is a row per pair and month, small whatever
the number of events (5,000 pairs over 20 years: 1.2 million rows), and the test of every pair
at once (:func:`blocwatch.analysis.significance.detect_shifts`) runs on the driver. The test
that shuffles single events (``ShiftTest(shuffle="events")``) brings every event's score to the
driver, so it is for windows whose events fit in the driver's memory. The shifts
come without drivers: the evidence behind a shift is a few events of a pair, read from a store
(``blocwatch ingest parquet`` brings a run folder into one). ``tests/spark/test_shifts.py``
checks the two engines agree.

Examples
--------
With a session (``blocwatch.spark.session.spark_session("local[2]")``) and a run folder::

    from datetime import date
    from blocwatch.relations import RelationsOptions
    found = spark_shifts(spark, ["run"], RelationsOptions(), date(2005, 1, 1), date(2013, 12, 31))
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from blocwatch.coverage import origin_months_sql
from blocwatch.dyads import DyadQuery
from blocwatch.shiftjob import shown, window_shifts
from blocwatch.spark.dialect import spark_sql

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from blocwatch.analysis.shifts import Shift
    from blocwatch.analysis.significance import ShiftTest
    from blocwatch.relations import RelationsOptions

__all__ = ["SparkShiftData", "spark_shifts"]

_VIEW = "_bw_events"


class SparkShiftData:
    """The events of run folders as :class:`blocwatch.shiftjob.ShiftData`."""

    def __init__(self, spark: SparkSession, events: Iterable[str | os.PathLike[str]]) -> None:
        from blocwatch.spark.aggregate import SparkDyads

        self.spark = spark
        self.dyads = SparkDyads(spark, events)
        self.dyads.view(_VIEW)

    def origin_months(self) -> list[tuple[str, date, int]]:
        """Events per origin and month, over every event of the run folders."""
        rows = self.spark.sql(origin_months_sql(_VIEW)).toArrow().to_pylist()
        return [(r["origin"], r["month"], int(r["n"])) for r in rows]

    def present_origins(self, start: date, end: date) -> set[str]:
        """The origins with events from ``start`` to ``end``."""
        rows = self.spark.sql(f"SELECT DISTINCT origin FROM {_VIEW} WHERE date BETWEEN DATE '{start.isoformat()}' "
                              f"AND DATE '{end.isoformat()}'").collect()
        return {r["origin"] for r in rows}

    def dyad_columns(self, query: DyadQuery, names: tuple[str, ...]) -> dict[str, Any]:
        """Columns ``names`` of the dyad table of ``query``, collected as numpy arrays."""
        table = self.dyads.frame(query).select(*names).toArrow()
        return {n: table.column(n).to_numpy(zero_copy_only=False) for n in names}

    def event_scores(self, query: DyadQuery) -> list[dict[str, Any]]:
        """Every counted event's pair, month and score (as many rows as events)."""
        return self.spark.sql(spark_sql(query.event_scores_sql(table=_VIEW))).toArrow().to_pylist()


def spark_shifts(spark: SparkSession, events: Iterable[str | os.PathLike[str]], options: RelationsOptions,
                 start: date, end: date, *, split: date | None = None, limit: int | None = 20, every: bool = False,
                 test: ShiftTest | None = None) -> list[Shift]:
    """Pairs whose relations changed between ``start`` and ``end`` in the run folders' events: the
    shifts :meth:`blocwatch.relations.Relations.shifts` lists for the same events and options
    (``method="tested"``), without drivers.

    Parameters
    ----------
    spark : SparkSession
    events : iterable of path
        Run folders of the Spark engine (URIs and globs too).
    options : RelationsOptions
    start, end : date
        The first and last day of the window.
    split, limit, every, test
        As :meth:`blocwatch.relations.Relations.shifts`.
    """
    found, _ = window_shifts(SparkShiftData(spark, events), options.query, start, end, split=split, test=test,
                             alpha=options.alpha)
    return shown(found, limit=limit, every=every)
