"""50 clients at once for a few seconds against a real uvicorn server: no error, and every answer the
same as when asked alone (threads share one read-only store through cursors of their own)."""

from __future__ import annotations

import random
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

CLIENTS, SECONDS = 50, 5.0
DEMO = "USA,RUS,CHN,JPN,KOR,PRK,UKR"
REQUESTS = [
    ("/api/health", {}),
    ("/api/states", {}),
    ("/api/network", {"countries": DEMO}),
    ("/api/network", {"countries": "PRK,RUS,USA,KOR", "from": "2024-10", "to": "2025-01"}),
    ("/api/timeline", {"pair": "RUS-PRK", "from": "2023-07", "to": "2025-02"}),
    ("/api/timeline", {"pair": "KOR-USA"}),
    ("/api/tension", {"countries": DEMO}),
    ("/api/shifts", {"countries": DEMO, "from": "2023-01", "to": "2024-12"}),
    ("/api/balance", {"countries": DEMO, "window": "quarter"}),
    ("/api/dyads", {"countries": DEMO, "window": "month", "limit": 200}),
    *[("/api/events", {"pair": "PRK-RUS", "limit": 25, "offset": o}) for o in (0, 25, 50, 175)],
    *[("/api/events", {"countries": DEMO, "month": m, "limit": 100}) for m in ("2024-11", "2024-12", "2025-01")],
    ("/api/events", {"pair": "RUS-UKR", "all_modes": "true", "limit": 1000}),
]


@pytest.mark.slow
def test_fifty_clients_at_once_get_no_error_and_the_same_answers(demo_server):
    with httpx.Client(base_url=demo_server, timeout=30) as alone:
        expected = [alone.get(path, params=params).json() for path, params in REQUESTS]

    def client(seed: int, deadline: float) -> tuple[int, list[str]]:
        rng, done, problems = random.Random(seed), 0, []
        with httpx.Client(base_url=demo_server, timeout=30) as http:
            while time.monotonic() < deadline:
                k = rng.randrange(len(REQUESTS))
                path, params = REQUESTS[k]
                try:
                    r = http.get(path, params=params)
                    if r.status_code != 200:
                        problems.append(f"{path} {params}: {r.status_code} {r.text[:200]}")
                    elif r.json() != expected[k]:
                        problems.append(f"{path} {params}: a different answer")
                except httpx.HTTPError as exc:
                    problems.append(f"{path} {params}: {type(exc).__name__} {exc}")
                done += 1
        return done, problems

    # one thread per client (the session's browser keeps an asyncio loop running in this thread)
    deadline = time.monotonic() + SECONDS
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(client, range(CLIENTS), [deadline] * CLIENTS))
    problems = [p for _, ps in results for p in ps]
    assert problems == []
    assert sum(n for n, _ in results) >= CLIENTS  # every client got answers
