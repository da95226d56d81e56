"""The shapes of the API's answers, as pydantic models: they are its OpenAPI spec.

Every field mirrors what :class:`blocwatch.web.views.Views` returns (itself the library's plain
data); dates are ISO strings (``2024-06-19``), months ``2024-06``, pairs ``PRK-RUS``.

Examples
--------
>>> Health(status="ok", version="0.1.0").model_dump()
{'status': 'ok', 'version': '0.1.0'}
"""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["Balance", "BalancePage", "BlocSupport", "Dyad", "DyadPage", "Event", "EventPage", "Finding",
           "FindingList", "Health", "Network", "Place", "PlaceList", "Shift", "ShiftList", "State", "StateList",
           "Tension", "TensionList", "Timeline"]

Day = str
Month = str


class Health(BaseModel):
    """The server is up."""

    status: str = Field(description='Always "ok".')
    version: str = Field(description="blocwatch's version.")


class State(BaseModel):
    code: str = Field(description="ISO 3166 alpha-3 code.")
    name: str
    events: int = Field(description="Factual events with another state, either side.")


class StateList(BaseModel):
    total: int = Field(description="States in events with another state.")
    start: Day | None = Field(description="First date of the store's events between states.")
    end: Day | None = Field(description="Last date of the store's events between states.")
    origins: list[str] = Field(default=[], description="Origins of those events (`gdelt2`, `text` ...), for "
                                                       "the `origins` filter.")
    plover_types: list[str] = Field(default=[], description="The PLOVER event types, for the `plover` filter.")
    items: list[State] = Field(description="Most active first.")


class Event(BaseModel):
    """One event with its evidence. Text fields come from datasets and documents: untrusted."""

    event_id: str
    date: Day
    source: str | None = Field(description="Source actor (CAMEO actor code).")
    target: str | None = Field(description="Target actor (CAMEO actor code).")
    source_country: str | None
    target_country: str | None
    cameo: str | None = Field(description="CAMEO event code (empty for an event a dataset gives only a PLOVER type).")
    cameo_name: str | None = Field(description="Name of the CAMEO event code.")
    plover: str | None = Field(default=None, description="PLOVER event type.")
    goldstein: float | None
    mode: str = Field(description="factual, negated, hypothetical, future, claimed, commentary or untargeted.")
    origin: str = Field(description="gdelt2, gdelt1, icews, text ...")
    doc_id: str | None = Field(description="Document the event was coded from.")
    url: str | None = Field(description="Address of the source article (any scheme: check before linking).")
    evidence_text: str | None = Field(description="The sentence the event was coded from.")
    evidence_rule: str | None = Field(description="The pattern or rule that fired.")
    score: float | None = Field(description="The event's score (Goldstein) times its weight.")
    location_name: str | None = Field(default=None, description="Where the event took place, as the source names it.")
    latitude: float | None = Field(default=None, description="Latitude of that place (none from text).")
    longitude: float | None = Field(default=None, description="Longitude of that place.")
    records: int | None = Field(default=None, description="With `collapse`: how many records of this event "
                                "the store holds (this one among them).")
    other_urls: list[str] | None = Field(default=None, description="With `collapse`: the other articles among "
                                         "those records, at most 10 (any scheme: check before linking).")


class Page(BaseModel):
    total: int = Field(description="Rows matching the query, on all pages.")
    limit: int
    offset: int


class EventPage(Page):
    items: list[Event] = Field(description="Oldest first.")
    records: int | None = Field(default=None, description="With `collapse`: the records behind the events of "
                                "all pages (`total` counts events).")


class Dyad(BaseModel):
    """A pair of states in one window (columns of ``blocwatch relations``)."""

    period: Day = Field(description="First day of the window.")
    source: str
    target: str
    events: int
    reports: int
    weight: float
    goldstein_sum: float
    goldstein_mean: float | None
    score_pos: float = Field(description="Cooperation: sum of positive scores.")
    score_neg: float = Field(description="Conflict: sum of absolute negative scores.")
    score_pos_sq: float | None = Field(default=None, description="Sum of squared positive scores (for the interval).")
    score_neg_sq: float | None = Field(default=None, description="Sum of squared negative scores (for the interval).")
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    net: float = Field(description="Net cooperation in (-1, 1).")
    net_low: float | None = Field(default=None, description="Lower end of the 95% interval of net.")
    net_high: float | None = Field(default=None, description="Upper end of the 95% interval of net.")


class DyadPage(Page):
    window: str
    directed: bool
    items: list[Dyad] = Field(description="By period, then busiest pair first.")


class Place(BaseModel):
    """A place where events of one pair took place in one month (coordinates rounded to 0.01 degree)."""

    pair: str
    month: Month
    lat: float
    lon: float
    place: str | None = Field(description="The commonest name the source gives the place (untrusted text).")
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int


class PlaceList(BaseModel):
    """Where the counted events took place, as their sources locate them."""

    events: int = Field(description="Factual events the query counts.")
    located: int = Field(description="Of them, events with coordinates (events coded from text have none).")
    truncated: bool = Field(description="Whether less busy points were left out (see `limit`).")
    points: list[Place] = Field(description="One per pair, month and place, busiest first.")


class Timeline(BaseModel):
    """One pair's months: net cooperation, events and events per quad class."""

    pair: str
    source: str
    target: str
    total: int = Field(description="Events of the pair in the window.")
    start: Day | None
    end: Day | None
    months: list[Month]
    net: list[float | None] = Field(description="Net cooperation in [-1, 1] (null: no events that month, no reading).")
    net_low: list[float | None] = Field(description="Lower end of the 95% interval of net (null: no events).")
    net_high: list[float | None] = Field(description="Upper end of the 95% interval of net (null: no events).")
    events: list[int]
    goldstein_mean: list[float | None]
    verbal_coop: list[int]
    material_coop: list[int]
    verbal_conflict: list[int]
    material_conflict: list[int]


class Node(BaseModel):
    id: str
    name: str
    bloc: int | None = Field(description="Index into blocs; null for a state without ties.")
    x: float
    y: float
    frustration: float = Field(description="Weight of the state's frustrated ties.")


class Edge(BaseModel):
    source: str
    target: str
    sign: int = Field(description="+1 friendly, -1 hostile.")
    weight: float
    net: float | None = Field(description="Net cooperation over the window.")
    net_low: float | None = Field(description="Lower end of the 95% interval of net.")
    net_high: float | None = Field(description="Upper end of the 95% interval of net.")
    events: int | None
    frustrated: bool = Field(description="The tie is against the best split into two camps.")


class FrustrationValue(BaseModel):
    value: float
    exact: bool
    bound: float


class BlocSupport(BaseModel):
    """Whether the blocs fit better than the same ties with their signs shuffled."""

    supported: bool = Field(description="p-value at most 0.05: report the blocs; else there are no clear blocs.")
    p_value: float | None = Field(description="Null when the ties are too few of a kind to test.")
    ties: int
    hostile: int


class Network(BaseModel):
    """The signed network of the states over a window, drawn by bloc."""

    label: str | None
    start: Day | None
    end: Day | None
    countries: list[str]
    nodes: list[Node]
    edges: list[Edge]
    blocs: list[list[str]]
    bloc_support: BlocSupport
    frustration: FrustrationValue
    balanced_triangle_ratio: float | None


class FrustratedTie(BaseModel):
    source: str
    target: str
    sign: int
    weight: float


class Balance(BaseModel):
    """Structural balance of one window's network (a row of ``blocwatch balance``)."""

    group: str | None = Field(description="The window.")
    nodes: int
    edges: int
    frustration: float
    exact: bool
    bound: float
    seconds: float
    blocs: list[list[str]]
    balanced_triangle_ratio: float | None
    frustrated: list[FrustratedTie]


class BalancePage(Page):
    window: str
    countries: list[str]
    start: Day | None
    end: Day | None
    items: list[Balance]


class Driver(BaseModel):
    root: str = Field(description="CAMEO root code.")
    name: str
    events: int
    contribution: float
    codes: dict[str, int]
    examples: list[Event]


class Shift(BaseModel):
    pair: str
    source: str
    target: str
    direction: str = Field(description="closer or apart.")
    delta: float
    at: Day = Field(description="First month after the change.")
    before: float
    after: float
    before_start: Day
    after_end: Day
    events_before: int
    events_after: int
    change_points: list[Day]
    drivers: list[Driver]
    notes: list[str]
    status: str = Field(description="supported (the only ones listed), not-supported or insufficient.")
    p_value: float | None = Field(description="Share of random orders of the months that change as much.")
    confidence: float | None
    before_interval: list[float] | None = Field(description="95% interval of net cooperation before.")
    after_interval: list[float] | None = Field(description="95% interval of net cooperation after.")
    months_before: int | None
    months_after: int | None


class ShiftList(BaseModel):
    countries: list[str]
    start: Day | None
    end: Day | None
    counting: str = Field(description="Which events count, in a sentence.")
    items: list[Shift] = Field(description="Supported shifts, strongest evidence first.")


class Tension(BaseModel):
    period: Month
    events: int
    cooperation: float
    conflict: float
    material_conflict: int
    tension: float
    escalation: float | None


class TensionList(BaseModel):
    countries: list[str]
    start: Day | None
    end: Day | None
    counting: str = Field(description="Which events count, in a sentence.")
    items: list[Tension]


class Finding(BaseModel):
    kind: str = Field(description="shift, blocs, frustration or tension.")
    text: str = Field(description="The finding in a sentence, with its figures.")
    pair: str | None = Field(description="The pair a shift is about (`PRK-RUS`).")
    month: str | None = Field(default=None, description="The month a shift's change begins (`2023-07`).")


class FindingList(BaseModel):
    """The report's findings for the same states, window and filters."""

    countries: list[str]
    start: Day | None
    end: Day | None
    counting: str = Field(description="Which events count, in a sentence.")
    items: list[Finding]
