"""The truth suite: blocwatch's shifts held against history (benchmarks/truth/, written before tuning).

``python -m benchmarks --only truth`` builds two stores under benchmarks/.work/truth (the ICEWS
2005-2013 release read with ``ingest csv --map``, rebuilt whenever the package's code or data
change, and the demo store, built afresh), then for each method:

- **episodes**: for each of the 57 episodes, the pair's data in the one-year window around it
  (sufficient or not, by the rule in benchmarks/truth/README.md), whether a supported shift of the
  pair in the episode's direction starts within one month of it, and its rank among every pair's
  supported shifts in that window;
- **stable pairs**: in every counted year, a claim against the pair's relation (closer for a
  hostile pair, apart for a friendly one) is a false flip;
- **placebo**: each pair's months shuffled in each year of 2005-2013; the share of eligible pairs
  with a supported shift;
- **demo**: the demo's 2023-2024 window, PRK-RUS closer, KOR-PRK, RUS-UKR, RUS-USA and PRK-USA
  not closer.

Methods: ``largest change`` (blocwatch before issue 14: every pair's largest change of smoothed
net cooperation, ranked by its size, over every actor of the two states) and ``tested``
(:func:`blocwatch.analysis.significance.detect_shifts`), shuffling single events or whole months,
over every actor or (shipped) only actors that act for their states. The episodes are split
into a development half (odd ids) and a held-out half (even ids); choices were made on the first, and both are reported.
"""

from __future__ import annotations

import csv
import hashlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.data import ROOT, shared_data

TRUTH = ROOT / "benchmarks" / "truth"
WORK = ROOT / "benchmarks" / ".work" / "truth"
MAP = "date=date,source=source,target=target,event=relation"


def _month(text: str) -> date:
    y, m = text.split("-")
    return date(int(y), int(m), 1)


def _shift_months(d: date, k: int) -> date:
    total = d.year * 12 + d.month - 1 + k
    return date(total // 12, total % 12 + 1, 1)


def _code_hash() -> str:
    """A digest of the package's code and data, which decide how ICEWS's actor names are read: a
    store built by other code is not reused (a stale store once gave figures the code no longer
    gave)."""
    digest = hashlib.sha1()
    package = ROOT / "src" / "blocwatch"
    for f in sorted(package.rglob("*")):
        if f.suffix in (".py", ".csv", ".json", ".jsonl") and "__pycache__" not in f.parts:
            digest.update(f.relative_to(package).as_posix().encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()[:12]


def icews_store() -> Path:
    """The ICEWS 2005-2013 release in a store (built once for each version of the code and data)."""
    from blocwatch import EventStore
    from blocwatch.ingest.mapped import csv_profile, ingest_mapped

    path = WORK / f"icews-{_code_hash()}.duckdb"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        for old in WORK.glob("icews*.duckdb"):
            old.unlink()  # a store of other code
        source = shared_data() / "icews-tkg" / "icews_2005-2013_tkg.csv.gz"
        tmp = path.with_suffix(".tmp.duckdb")
        tmp.unlink(missing_ok=True)
        with EventStore(tmp) as store:
            ingest_mapped(store, [source], csv_profile(MAP, origin="icews"))
        tmp.rename(path)
    return path


def demo_store() -> Path:
    """The demo store as ``make demo`` builds it (built afresh: it follows the coder)."""
    from blocwatch import EventStore
    from blocwatch.ingest import ingest_files, ingest_text

    path = WORK / "demo.duckdb"
    WORK.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    with EventStore(path) as store:
        ingest_files(store, [ROOT / "demo" / "data"], "gdelt")
        ingest_text(store, [ROOT / "demo" / "news"])
    return path


def episodes() -> list[dict[str, str]]:
    with open(TRUTH / "icews_episodes.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def stable_pairs() -> list[dict[str, str]]:
    with open(TRUTH / "icews_stable.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@dataclass
class Monthly:
    """The store's undirected monthly relations rows, and its events' scores, by month."""

    by_month: dict[date, list[dict[str, Any]]] = field(default_factory=dict)
    events_by_month: dict[date, list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def load(cls, db: Path, **query: Any) -> Monthly:
        """The relations of ``db`` as blocwatch counts them by default, with ``query`` changes."""
        from dataclasses import replace

        from blocwatch import EventStore
        from blocwatch.dyads import dyad_table
        from blocwatch.relations import RelationsOptions

        q = replace(RelationsOptions().query, window="month", directed=False, **query)
        with EventStore(db, read_only=True) as store:
            rows = dyad_table(store.con, q).to_pylist()
            events = store.con.sql(q.event_scores_sql()).to_arrow_table().to_pylist()
        out = cls()
        for r in rows:
            out.by_month.setdefault(r["period"], []).append(r)
        for e in events:
            out.events_by_month.setdefault(e["period"], []).append(e)
        return out

    def window(self, first: date, months: int) -> tuple[list[date], list[dict[str, Any]]]:
        periods = [_shift_months(first, i) for i in range(months)]
        return periods, [r for p in periods for r in self.by_month.get(p, [])]

    def events(self, first: date, months: int) -> list[dict[str, Any]]:
        return [e for i in range(months) for e in self.events_by_month.get(_shift_months(first, i), [])]

    def counts(self, pair: tuple[str, str], first: date, months: int) -> tuple[int, int]:
        """Events of ``pair`` in the months from ``first`` and the months with any."""
        total = months_with = 0
        for i in range(months):
            n = sum(r["events"] for r in self.by_month.get(_shift_months(first, i), [])
                    if (r["source"], r["target"]) == pair)
            total += n
            months_with += n > 0
        return total, months_with


Detector = Callable[[list[dict[str, Any]], list[dict[str, Any]], list[date]], list[Any]]


def tested(**options: Any) -> Detector:
    """The tested detector with ``options`` (fields of :class:`ShiftTest`, ``alpha``)."""
    from blocwatch.analysis.significance import ShiftTest, detect_shifts

    alpha = options.pop("alpha", 10.0)
    test = ShiftTest(**options)

    def run(rows: list[dict[str, Any]], events: list[dict[str, Any]], periods: list[date]) -> list[Any]:
        return [s for s in detect_shifts(events, periods, test=test, alpha=alpha) if s.supported]

    return run


def largest_change(rows: list[dict[str, Any]], events: list[dict[str, Any]], periods: list[date]) -> list[Any]:
    """blocwatch's detector before issue 14 (every listed shift is a claim)."""
    from blocwatch.analysis.shifts import find_shifts

    return find_shifts(rows, periods, min_events=5)


@dataclass
class Outcome:
    found: dict[str, int | None] = field(default_factory=dict)  # episode id -> rank (None: not found)
    sufficient: dict[str, bool] = field(default_factory=dict)
    flips: list[str] = field(default_factory=list)
    stable_years: int = 0
    placebo_claims: int = 0
    placebo_eligible: int = 0
    event_placebo_claims: int = 0
    event_placebo_eligible: int = 0
    seconds: float = 0.0

    def rate(self, ids: list[str]) -> tuple[int, int]:
        ok = [i for i in ids if self.sufficient.get(i)]
        return sum(self.found.get(i) is not None for i in ok), len(ok)


def evaluate(monthly: Monthly, raw: Monthly, detect: Detector, *, placebo_seed: int = 7) -> Outcome:
    """Run ``detect`` on every episode's window, every stable year and the placebo years.
    Whether an episode or a stable year has enough data is counted in ``raw`` (every event of the
    file between the two states' actors), the same for every method and measure."""
    t0 = time.perf_counter()
    out = Outcome()
    for e in episodes():
        m = _month(e["month"])
        pair = (e["state_a"], e["state_b"])
        first = _shift_months(m, -6)
        before = raw.counts(pair, first, 6)
        after = raw.counts(pair, m, 6)
        out.sufficient[e["id"]] = before[0] >= 10 and after[0] >= 10 and before[1] >= 3 and after[1] >= 3
        periods, rows = monthly.window(first, 12)
        claims = detect(rows, monthly.events(first, 12), periods)
        rank = None
        for i, s in enumerate(claims, start=1):
            if (s.source, s.target) == pair and s.direction == e["direction"] and \
                    abs((s.at.year - m.year) * 12 + s.at.month - m.month) <= 1:
                rank = i
                break
        out.found[e["id"]] = rank
    hostile = {(p["state_a"], p["state_b"]): p["relation"] for p in stable_pairs()}
    rng = random.Random(placebo_seed)
    for year in range(2005, 2014):
        periods, rows = monthly.window(date(year, 1, 1), 12)
        events = monthly.events(date(year, 1, 1), 12)
        claims = detect(rows, events, periods)
        for pair, relation in hostile.items():
            n, months = raw.counts(pair, date(year, 1, 1), 12)
            if n < 20 or months < 6:
                continue
            out.stable_years += 1
            wrong = "closer" if relation == "hostile" else "apart"
            if any((s.source, s.target) == pair and s.direction == wrong for s in claims):
                out.flips.append(f"{pair[0]}-{pair[1]} {year} ({relation}, claimed {wrong})")
        rows_b, events_b = _shuffle_months(rows, events, periods, rng)
        placebo = detect(rows_b, events_b, periods)
        out.placebo_claims += len(placebo)
        out.placebo_eligible += _eligible(events_b, periods)
        rows_e, events_e = _shuffle_events(rows, events, periods, rng)
        placebo_e = detect(rows_e, events_e, periods)
        out.event_placebo_claims += len(placebo_e)
        out.event_placebo_eligible += _eligible(events_e, periods)
    out.seconds = time.perf_counter() - t0
    return out


def _shuffle_months(rows: list[dict[str, Any]], events: list[dict[str, Any]], periods: list[date],
                    rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each pair's months moved to a random order of the window's months (a month's events together)."""
    pairs = sorted({(r["source"], r["target"]) for r in rows})
    index = {p: i for i, p in enumerate(periods)}
    moves = {}
    for pair in pairs:
        slots = list(periods)
        rng.shuffle(slots)
        moves[pair] = slots
    new_rows = [{**r, "period": moves[(r["source"], r["target"])][index[r["period"]]]} for r in rows]
    new_events = [{**e, "period": moves[(e["source"], e["target"])][index[e["period"]]]} for e in events
                  if (e["source"], e["target"]) in moves]
    return new_rows, new_events


def _shuffle_events(rows: list[dict[str, Any]], events: list[dict[str, Any]], periods: list[date],
                    rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each pair's events given a random order of the pair's months (each month keeps its number of
    events): the issue's placebo. The monthly rows are rebuilt from the shuffled events."""
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in events:
        by_pair.setdefault((e["source"], e["target"]), []).append(e)
    new_events = []
    for pair in sorted(by_pair):
        items = by_pair[pair]
        months = [e["period"] for e in items]
        rng.shuffle(months)
        new_events.extend({**e, "period": m} for e, m in zip(items, months, strict=True))
    sums: dict[tuple[date, str, str], dict[str, Any]] = {}
    for e in new_events:
        r = sums.setdefault((e["period"], e["source"], e["target"]), {
            "period": e["period"], "source": e["source"], "target": e["target"], "events": 0, "score_pos": 0.0,
            "score_neg": 0.0})
        r["events"] += 1
        r["score_pos"] += max(e["score"], 0.0)
        r["score_neg"] += max(-e["score"], 0.0)
    return list(sums.values()), new_events


def _eligible(events: list[dict[str, Any]], periods: list[date]) -> int:
    """Pairs the tested detector can test in the window (enough months and events)."""
    from blocwatch.analysis.significance import ShiftTest, detect_shifts

    return sum(1 for s in detect_shifts(events, periods, test=ShiftTest(permutations=19))
               if s.status != "insufficient data")


def sign_accuracy(monthly: Monthly, raw: Monthly, alpha: float = 10.0) -> tuple[int, int]:
    """Stable pair-years (as counted for flips) whose net cooperation over the year has the pair's
    known sign (friendly positive, hostile negative): ``(right, counted)``."""
    from blocwatch.analysis.cooperation import net_cooperation

    right = counted = 0
    for p in stable_pairs():
        pair = (p["state_a"], p["state_b"])
        for year in range(2005, 2014):
            n, months = raw.counts(pair, date(year, 1, 1), 12)
            if n < 20 or months < 6:
                continue
            _, rows = monthly.window(date(year, 1, 1), 12)
            mine = [r for r in rows if (r["source"], r["target"]) == pair]
            net = net_cooperation(sum(r["score_pos"] for r in mine), sum(r["score_neg"] for r in mine), alpha)
            counted += 1
            right += (net > 0) == (p["relation"] == "friendly") and net != 0
    return right, counted


def demo_suite(db: Path, name: str) -> list[tuple[str, str, str, bool]]:
    """``(id, pair, what blocwatch says, as history says)`` for the demo's 2023-2024 window, with
    the method and measure of the suite's method ``name``."""
    from blocwatch import open as open_store
    from blocwatch.analysis.significance import ShiftTest

    with open(TRUTH / "demo_expectations.csv", encoding="utf-8") as fh:
        expected = list(csv.DictReader(fh))
    method = "largest-change" if name.startswith("largest") else "tested"
    loose = "events shuffled" in name
    test = ShiftTest(shuffle="events" if loose else "months", statistic="events" if loose else "months",
                     segments="with segments" in name)
    with open_store(db, states_only="all actors" not in name) as rel:
        found = rel.shifts("2023-01", "2024-12", limit=None, method=method, evidence=0, test=test)
    said = {(s.source, s.target): s for s in found if s.supported}
    out = []
    for e in expected:
        pair = tuple(sorted((e["state_a"], e["state_b"])))
        s = said.get(pair)
        says = f"{s.direction} from {s.at:%Y-%m}" if s else "no supported shift"
        ok = (s is not None and s.direction == "closer") if e["expect"] == "closer" else \
            (s is None or s.direction != "closer")
        out.append((e["id"], f"{pair[0]}-{pair[1]}", says, ok))
    return out


def run(repeat: int = 1) -> list[str]:
    """Run the suite for both methods; Markdown lines for docs/truth.md."""
    db = icews_store()
    before = Monthly.load(db, states_only=False)  # what blocwatch counted before issue 14
    shipped = Monthly.load(db)
    raw = before
    ids = [e["id"] for e in episodes()]
    dev = [i for i in ids if int(i[1:]) % 2 == 1]
    held = [i for i in ids if int(i[1:]) % 2 == 0]
    methods = {"largest change, all actors (before)": (before, largest_change),
               "tested, events shuffled, all actors": (before, tested(shuffle="events", statistic="events")),
               "tested, events shuffled": (shipped, tested(shuffle="events", statistic="events")),
               "tested, months shuffled, with segments": (shipped, tested(segments=True)),
               "tested, months shuffled (shipped)": (shipped, tested())}
    results = {name: evaluate(monthly, raw, detect) for name, (monthly, detect) in methods.items()}
    measures = {"every actor of the two states, talk counted as acts (before)": before,
                "only actors acting for their states, talk counted as acts (shipped)": shipped,
                "only actors acting for their states, talk left out (verbal=0)": Monthly.load(db, verbal=0.0)}
    signs = ["| measure | stable pair-years with the right sign of net cooperation |", "|---|---:|"]
    for name, monthly in measures.items():
        right, counted = sign_accuracy(monthly, raw)
        signs.append(f"| {name} | {right} of {counted} |")
        print(signs[-1], flush=True)
    lines = ["| method | episodes found, development half | held-out half | all (of sufficient) | "
             "stable pairs flipped | placebo claims (months shuffled) | placebo claims (events shuffled) | seconds |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        d, h, a = r.rate(dev), r.rate(held), r.rate(ids)
        placebo = r.placebo_claims / max(r.placebo_eligible, 1)
        lines.append(f"| {name} | {d[0]}/{d[1]} ({d[0] / max(d[1], 1):.0%}) | {h[0]}/{h[1]} "
                     f"({h[0] / max(h[1], 1):.0%}) | {a[0]}/{a[1]} ({a[0] / max(a[1], 1):.0%}) | "
                     f"{len(r.flips)} of {r.stable_years} pair-years | {r.placebo_claims} of {r.placebo_eligible} "
                     f"({placebo:.1%}) | {r.event_placebo_claims} of {r.event_placebo_eligible} "
                     f"({r.event_placebo_claims / max(r.event_placebo_eligible, 1):.1%}) | {r.seconds:.1f} |")
        print(lines[-1], flush=True)
        for f in r.flips:
            print(f"  {name}: false flip {f}")
    lines += ["", "| episode | pair | direction | month | data | state-actor events before / after | "
              + " | ".join(results) + " |", "|---|---|---|---|---|---:|" + "---|" * len(results)]
    for e in episodes():
        cells = []
        for r in results.values():
            rank = r.found.get(e["id"])
            cells.append("-" if rank is None else f"rank {rank}")
        data = "sufficient" if next(iter(results.values())).sufficient[e["id"]] else "insufficient data"
        m, pair = _month(e["month"]), (e["state_a"], e["state_b"])
        state = (shipped.counts(pair, _shift_months(m, -6), 6)[0], shipped.counts(pair, m, 6)[0])
        lines.append(f"| {e['id']} {e['title'][:60]} | {e['state_a']}-{e['state_b']} | {e['direction']} | "
                     f"{e['month']} | {data} | {state[0]} / {state[1]} | " + " | ".join(cells) + " |")
    lines += ["", *signs]
    demo = demo_store()
    lines += ["", "| demo expectation | pair | " + " | ".join(results) + " |", "|---|---|" + "---|" * len(results)]
    per_method = {name: demo_suite(demo, name) for name in results}
    for i, row in enumerate(next(iter(per_method.values()))):
        cells = [f"{'ok' if per_method[n][i][3] else 'WRONG'}: {per_method[n][i][2]}" for n in results]
        lines.append(f"| {row[0]} | {row[1]} | " + " | ".join(cells) + " |")
    for line in lines[-(len(per_method[next(iter(results))]) + 2):]:
        print(line)
    return lines
