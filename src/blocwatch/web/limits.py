"""What one request to the app may ask for: every limit of the API, named once.

A request beyond a limit that its parameters can express (more rows, more countries) is
refused with a 422 JSON error before any work is done; the OpenAPI spec states each limit.
Costs that parameters cannot bound are bounded here too: date ranges are clamped to the
dates of the store's events, each frustration solve has a time budget, and balance pages
hold a bounded number of networks.

Examples
--------
>>> DEFAULT_LIMIT <= MAX_LIMIT, MAX_COUNTRIES >= 7
(True, True)
"""

from __future__ import annotations

__all__ = ["CACHE_SIZE", "DEFAULT_BALANCE_LIMIT", "DEFAULT_LIMIT", "DEFAULT_PLACES", "DEFAULT_SHIFTS", "DEFAULT_STATES",
           "DEFAULT_TOP", "MAX_BALANCE_LIMIT", "MAX_COUNTRIES", "MAX_LIMIT", "MAX_MIN_EVENTS", "MAX_MIN_SOURCES",
           "MAX_OFFSET", "MAX_PLACES", "MAX_SHIFTS", "MAX_STATES", "REQUEST_SECONDS", "SOLVE_SECONDS"]

#: Rows per page of ``/api/events`` and ``/api/dyads``: the default and the most one request gets.
DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
#: Points of ``/api/places`` (one per pair, month and place), busiest first: the default and the most.
DEFAULT_PLACES, MAX_PLACES = 1000, 5000
#: Largest ``offset`` (rows skipped) of a page.
MAX_OFFSET = 1_000_000_000
#: Most states in ``countries`` (and in ``top``, the number of most active states taken without it).
MAX_COUNTRIES = 30
#: States taken when a request names none.
DEFAULT_TOP = 10
#: States listed by ``/api/states``: the default and the most.
DEFAULT_STATES, MAX_STATES = 50, 300
#: Networks per page of ``/api/balance`` (each has its frustration index solved): the default and the most.
DEFAULT_BALANCE_LIMIT, MAX_BALANCE_LIMIT = 12, 24
#: Dyads each way (closer, apart) listed by ``/api/shifts``: the default and the most.
DEFAULT_SHIFTS, MAX_SHIFTS = 10, 50
#: Largest ``min_events`` of ``/api/shifts``.
MAX_MIN_EVENTS = 1_000_000
#: Largest ``min_sources`` (events reported by at least this many sources) of any route.
MAX_MIN_SOURCES = 1_000_000
#: Seconds the exact frustration solver gets per network (beyond it: the heuristic's answer and a bound).
SOLVE_SECONDS = 2.0
#: Seconds a request may take before the app answers 504 (``blocwatch serve --timeout``); the
#: work already started finishes in the background, bounded by the limits above.
REQUEST_SECONDS = 30.0
#: Results of the costly views (network, balance, shifts, tension, timelines, findings) kept in memory,
#: keyed by their normalised query; each snapshot of the store has a cache of its own.
CACHE_SIZE = 256
