"""The JSON API: GET routes over :class:`blocwatch.web.views.Views`, with their OpenAPI spec.

Each parameter's spec states exactly what it accepts (a pattern for dates, countries and
pairs, bounds from :mod:`blocwatch.web.limits` for numbers), so that a request the spec allows
is answered and any other is refused with a 422 before work is done. The one rule a spec cannot
state, ``from`` not after ``to``, gives a 400. Pairs are undirected: ``PRK-RUS`` and ``RUS-PRK``
are the same pair, answered as ``PRK-RUS``.

Examples
--------
>>> import re
>>> [bool(re.match(DATE_PATTERN, d)) for d in ("2024", "2024-02", "2024-02-29", "2023-02-29", "2024-13")]
[True, True, True, False, False]
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from blocwatch import __version__
from blocwatch.countries import parse_countries
from blocwatch.errors import ParameterError
from blocwatch.periods import parse_date
from blocwatch.taxonomy import load_taxonomy
from blocwatch.web import limits, models
from blocwatch.web.errors import ERROR_RESPONSES
from blocwatch.web.views import Views

__all__ = ["COUNTRIES_PATTERN", "DATE_PATTERN", "MONTH_PATTERN", "ORIGINS_PATTERN", "PAIR_PATTERN", "PLACE_PATTERN",
           "PLOVER_PATTERN", "QUADS_PATTERN", "ROOTS_PATTERN", "router"]

_YEAR = "[12][0-9]{3}"
_PLOVER = sorted(load_taxonomy().plover_types)
_DAY = (f"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
        f"|{_YEAR}-(?:0[13-9]|1[0-2])-(?:29|30)"
        f"|{_YEAR}-(?:0[13578]|1[02])-31"
        "|(?:[12][0-9](?:0[48]|[2468][048]|[13579][26])|(?:16|20|24|28)00)-02-29")
#: ``YYYY``, ``YYYY-MM`` or a day ``YYYY-MM-DD`` that exists (years 1000 to 2999).
DATE_PATTERN = f"^(?:{_YEAR}|{_YEAR}-(?:0[1-9]|1[0-2])|{_DAY})$"
#: ``YYYY-MM``.
MONTH_PATTERN = f"^{_YEAR}-(?:0[1-9]|1[0-2])$"
#: One to :data:`blocwatch.web.limits.MAX_COUNTRIES` ISO alpha-3 codes, comma-separated (any case).
COUNTRIES_PATTERN = f"^[A-Za-z]{{3}}(?:,[A-Za-z]{{3}}){{0,{limits.MAX_COUNTRIES - 1}}}$"
#: A point of ``/api/places``: latitude (-90 to 90) and longitude (-180 to 180), at most two decimals.
PLACE_PATTERN = (r"^-?(?:[0-8]?[0-9](?:\.[0-9]{1,2})?|90(?:\.00?)?),"
                 r"-?(?:(?:1[0-7][0-9]|[0-9]?[0-9])(?:\.[0-9]{1,2})?|180(?:\.00?)?)$")
#: CAMEO root codes, comma-separated: 1 to 20 (``01`` or ``1``).
ROOTS_PATTERN = r"^(?:0?[1-9]|1[0-9]|20)(?:,(?:0?[1-9]|1[0-9]|20)){0,19}$"
#: CAMEO quad classes 1 to 4, comma-separated.
QUADS_PATTERN = r"^[1-4](?:,[1-4]){0,3}$"
#: PLOVER event types, comma-separated (upper case, as PLOVER writes them).
PLOVER_PATTERN = "^(?:" + "|".join(_PLOVER) + ")(?:,(?:" + "|".join(_PLOVER) + ")){0,15}$"
#: Origin names (``gdelt2``, ``text`` ...), comma-separated, at most 10.
ORIGINS_PATTERN = r"^[A-Za-z0-9_.:-]{1,40}(?:,[A-Za-z0-9_.:-]{1,40}){0,9}$"
#: Two ISO alpha-3 codes joined by a hyphen, in either order.
PAIR_PATTERN = "^[A-Za-z]{3}-[A-Za-z]{3}$"

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

Countries = Annotated[str | None, Query(
    pattern=COUNTRIES_PATTERN, description=f"Comma-separated ISO alpha-3 codes (at most {limits.MAX_COUNTRIES}), "
    "e.g. `USA,RUS,PRK`; ties between two of them count.", examples=["USA,RUS,CHN,JPN,KOR,PRK,UKR"])]
Start = Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN, description="First date: YYYY, YYYY-MM or "
                                    "YYYY-MM-DD (inclusive). Ranges are clamped to the store's events.",
                                    examples=["2024-01"])]
End = Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN, description="Last date, same forms "
                                  "(inclusive: `2024-06` ends on June 30).", examples=["2024-12"])]
Top = Annotated[int, Query(ge=1, le=limits.MAX_COUNTRIES, description="Without `countries`: this many of the "
                           "most active states of the window.")]
Limit = Annotated[int, Query(ge=1, le=limits.MAX_LIMIT, description=f"Rows per page (at most {limits.MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=limits.MAX_OFFSET, description="Rows skipped before the page.")]
Pair = Annotated[str, Query(pattern=PAIR_PATTERN, description="Two states, e.g. `PRK-RUS` (either order).",
                            examples=["PRK-RUS"])]


def _filters(
    request: Request,
    all_actors: Annotated[bool, Query(description="Count events of any actor of the states (citizens, rebels, "
                                      "media), not only of those that act for them (`--all-actors`).")] = False,
    roots_only: Annotated[bool, Query(description="Only GDELT events of a story's lead paragraph "
                                      "(`--roots-only`).")] = False,
    min_sources: Annotated[int, Query(ge=1, le=limits.MAX_MIN_SOURCES, description="Only events reported by at "
                                      "least this many sources (`--min-sources`).")] = 1,
    roots: Annotated[str | None, Query(pattern=ROOTS_PATTERN, description="Only events of these CAMEO root codes, "
                                       "comma-separated (`--roots`): `14` protest ... `20` mass violence.",
                                       examples=["18,19,20"])] = None,
    quads: Annotated[str | None, Query(pattern=QUADS_PATTERN, description="Only events of these quad classes "
                                       "(`--quads`): 1 verbal cooperation, 2 material cooperation, 3 verbal "
                                       "conflict, 4 material conflict.", examples=["2,4"])] = None,
    plover: Annotated[str | None, Query(pattern=PLOVER_PATTERN, description="Only events of these PLOVER types "
                                        "(`--plover`), e.g. `ASSAULT,COERCE`: the type filter for datasets "
                                        "without CAMEO codes.", examples=["ASSAULT,COERCE"])] = None,
    origins: Annotated[str | None, Query(pattern=ORIGINS_PATTERN, description="Only events of these origins "
                                         "(`--origins`), as `/api/states` lists them.", examples=["gdelt2"])] = None,
) -> dict[str, Any]:
    """Which events count: the report's and the CLI's filters, with the same defaults."""
    out: dict[str, Any] = {"states_only": not all_actors, "roots_only": roots_only, "min_sources": min_sources}
    if request.app.state.exclude:  # blocwatch serve --exclude FILE
        out["exclude"] = request.app.state.exclude
    if roots is not None:
        out["roots"] = tuple(sorted({f"{int(r):02d}" for r in roots.split(",")}))
    if quads is not None:
        out["quad_classes"] = tuple(sorted({int(q) for q in quads.split(",")}))
    if origins is not None:
        out["origins"] = tuple(sorted(set(origins.split(","))))
    if plover is not None:
        out["plover"] = tuple(sorted(set(plover.split(","))))
    return out


#: Which events count, for :class:`Views` (:attr:`blocwatch.overview.OverviewOptions.filters`).
Filters = Annotated[dict[str, Any], Depends(_filters)]


def _views(request: Request) -> Iterator[Views]:
    """The views of the newest snapshot, held open until the request is answered."""
    with request.app.state.live.current() as views:
        yield views


#: The app's :class:`Views` for one request (:class:`blocwatch.web.live.LiveViews`).
ViewsOf = Annotated[Views, Depends(_views)]


def _pair(text: str | None) -> tuple[str, str] | None:
    if text is None:
        return None
    a, b = text.upper().split("-")
    return (a, b) if a <= b else (b, a)


def _place(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    lat, lon = (float(x) for x in text.split(","))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ParameterError("place", f"latitude runs from -90 to 90 and longitude from -180 to 180, not {text}")
    return lat, lon


def _dates(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    return parse_date(start, param="start"), parse_date(end, end=True, param="end")


@router.get("/health", response_model=models.Health, summary="The server is up")
def health() -> dict[str, Any]:
    """Answers without touching the store (for monitoring, and the benchmark's baseline)."""
    return {"status": "ok", "version": __version__}


@router.get("/states", response_model=models.StateList, summary="States with events, most active first")
def states(views: ViewsOf, limit: Annotated[int, Query(ge=1, le=limits.MAX_STATES, description="States listed.")]
           = limits.DEFAULT_STATES) -> dict[str, Any]:
    """States in factual events with another state, with their number of events, and the dates
    the store's events cover: what a page offers to choose from."""
    return views.states(limit)


@router.get("/events", response_model=models.EventPage, response_model_exclude_unset=True,  # records: collapse only
            summary="Events with their evidence, a page at a time")
def events(views: ViewsOf, pair: Annotated[str | None, Query(
               pattern=PAIR_PATTERN, description="Events between these two states, in either direction "
               "(then `countries` is not used).", examples=["PRK-RUS"])] = None,
           countries: Countries = None, start: Start = None, end: End = None,
           month: Annotated[str | None, Query(pattern=MONTH_PATTERN, description="Only this month (YYYY-MM), "
                                              "within `from` .. `to`.", examples=["2024-06"])] = None,
           all_modes: Annotated[bool, Query(description="Negated, hypothetical, future, claimed and commentary "
                                            "events too (their `mode` says so); by default only factual ones. "
                                            "Untargeted acts belong to no pair.")]
           = False,
           undated: Annotated[bool, Query(description="Only background of unknown date (`date_precision` "
                                          "`unknown`: \"had invaded\"), which no other route counts; its `date` is "
                                          "the day of the report that mentions it, an upper bound.")] = False,
           place: Annotated[str | None, Query(pattern=PLACE_PATTERN, description="Only the events of this point "
                                              "of `/api/places`: `lat,lon` as it gives them.",
                                              examples=["51.74,36.19"])] = None,
           collapse: Annotated[bool, Query(description="One item per event: the records of one event (the same "
                                           "day, actors, states, CAMEO code, PLOVER type and mode; GDELT keeps one per "
                                           "article; events with no CAMEO code are never merged) are its first record, "
                                           "with `records` and `other_urls`; `total` counts events "
                                           "and the page's `records` the records behind them.")] = False,
           limit: Limit = limits.DEFAULT_LIMIT, offset: Offset = 0, filters: Filters = None) -> dict[str, Any]:
    """Events oldest first, with the sentence, document, rule and link behind each."""
    first, last = _dates(start, end)
    return views.events(_pair(pair), parse_countries(countries), first, last, month=parse_date(month),
                        all_modes=all_modes, undated=undated, limit=limit, offset=offset, filters=filters,
                        place=_place(place), collapse=collapse)


@router.get("/places", response_model=models.PlaceList, summary="Where the events took place")
def places(views: ViewsOf, pair: Annotated[str | None, Query(
               pattern=PAIR_PATTERN, description="Events between these two states (then `countries` is not used).",
               examples=["PRK-RUS"])] = None,
           countries: Countries = None, start: Start = None, end: End = None,
           month: Annotated[str | None, Query(pattern=MONTH_PATTERN, description="Only this month (YYYY-MM), "
                                              "within `from` .. `to`.", examples=["2024-06"])] = None,
           limit: Annotated[int, Query(ge=1, le=limits.MAX_PLACES, description="Points, busiest first (at most "
                                       f"{limits.MAX_PLACES}).")] = limits.DEFAULT_PLACES,
           filters: Filters = None) -> dict[str, Any]:
    """One point per pair, month and place where factual events took place, as their sources locate
    them (a city, or a whole country at its centre), with how many of the events have a place at all.
    `/api/events?place=lat,lon` lists the events of a point."""
    first, last = _dates(start, end)
    return views.places(_pair(pair), parse_countries(countries), first, last, month=parse_date(month), limit=limit,
                        filters=filters)


@router.get("/dyads", response_model=models.DyadPage, summary="Relations of pairs of states per window")
def dyads(views: ViewsOf, countries: Countries = None, start: Start = None, end: End = None,
          window: Annotated[Literal["day", "week", "month", "quarter", "year"], Query(
              description="Length of the windows.")] = "month",
          directed: Annotated[bool, Query(description="One row per ordered pair (default: per unordered pair, "
                                          "`source` < `target`).")] = False,
          limit: Limit = limits.DEFAULT_LIMIT, offset: Offset = 0, filters: Filters = None) -> dict[str, Any]:
    """Events, Goldstein sums, cooperation, conflict, quad-class counts and net cooperation with its
    interval of every pair per window (the table of `blocwatch relations`)."""
    first, last = _dates(start, end)
    return views.dyads(parse_countries(countries), first, last, window=window, directed=directed, limit=limit,
                       offset=offset, filters=filters)


@router.get("/timeline", response_model=models.Timeline, summary="One pair month by month")
def timeline(views: ViewsOf, pair: Pair, start: Start = None, end: End = None, filters: Filters = None,
             ) -> dict[str, Any]:
    """Monthly net cooperation with its 95% interval, events and events per CAMEO quad class of one
    pair; without `from` and `to`, over the span of the pair's events."""
    first, last = _dates(start, end)
    p = _pair(pair)
    assert p is not None
    return views.timeline(p, first, last, filters=filters)


@router.get("/network", response_model=models.Network, summary="The signed network of the states, by bloc")
def network(views: ViewsOf, countries: Countries = None, start: Start = None, end: End = None,
            top: Top = limits.DEFAULT_TOP, filters: Filters = None) -> dict[str, Any]:
    """Friendly and hostile ties over the window (each with its net cooperation, interval and events),
    the states' blocs and whether they beat the same ties with shuffled signs, a layout, the
    frustration index and the share of balanced triangles; without `from` and `to`, over the span of
    the events."""
    first, last = _dates(start, end)
    return views.network(parse_countries(countries), first, last, top=top, filters=filters)


@router.get("/balance", response_model=models.BalancePage, summary="Structural balance per window")
def balance(views: ViewsOf, countries: Countries = None, start: Start = None, end: End = None,
            top: Top = limits.DEFAULT_TOP,
            window: Annotated[Literal["month", "quarter", "year"], Query(description="One network per window.")]
            = "month",
            limit: Annotated[int, Query(ge=1, le=limits.MAX_BALANCE_LIMIT, description="Networks per page.")]
            = limits.DEFAULT_BALANCE_LIMIT, offset: Offset = 0, filters: Filters = None) -> dict[str, Any]:
    """Frustration index (exact within a time budget, else a heuristic with a proven bound), balanced
    triangles, blocs and frustrated ties of the network of each window (`blocwatch balance`)."""
    first, last = _dates(start, end)
    return views.balance(parse_countries(countries), first, last, top=top, window=window, limit=limit,
                         offset=offset, filters=filters)


@router.get("/shifts", response_model=models.ShiftList, summary="Pairs that moved closer or apart")
def shifts(views: ViewsOf, countries: Countries = None, start: Start = None, end: End = None,
           top: Top = limits.DEFAULT_TOP,
           min_events: Annotated[int, Query(ge=1, le=limits.MAX_MIN_EVENTS,
                                            description="Skip pairs with fewer events.")] = 5,
           limit: Annotated[int, Query(ge=1, le=limits.MAX_SHIFTS, description="At most this many pairs each way.")]
           = limits.DEFAULT_SHIFTS, filters: Filters = None) -> dict[str, Any]:
    """The pairs whose relations changed over the window as the data support it (a permutation test
    of the months, `blocwatch shifts`; the same list as the report's findings), each with its
    p-value, levels before and after with their intervals, event counts, notes, and the kinds of
    events behind it with examples."""
    first, last = _dates(start, end)
    return views.shifts(parse_countries(countries), first, last, top=top, min_events=min_events, limit=limit,
                        filters=filters)


@router.get("/tension", response_model=models.TensionList, summary="Tension among the states per month")
def tension(views: ViewsOf, countries: Countries = None, start: Start = None, end: End = None,
            top: Top = limits.DEFAULT_TOP, filters: Filters = None) -> dict[str, Any]:
    """The share of conflict in what the states do to each other, per month, and its change."""
    first, last = _dates(start, end)
    return views.tension(parse_countries(countries), first, last, top=top, filters=filters)


@router.get("/findings", response_model=models.FindingList, summary="The findings in words, as the report gives them")
def findings(views: ViewsOf, countries: Countries = None, start: Start = None, end: End = None,
             top: Top = limits.DEFAULT_TOP, filters: Filters = None) -> dict[str, Any]:
    """The supported shifts, the blocs of the last months (or "no clear blocs"), the relations that
    most hold the network out of balance and the tension trend, in sentences with their figures:
    the first screen of `blocwatch report` for the same states, window and filters."""
    first, last = _dates(start, end)
    return views.findings(parse_countries(countries), first, last, top=top, filters=filters)
