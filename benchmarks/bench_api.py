"""The web app under load: 50 concurrent clients on loopback against ``blocwatch serve`` on the demo store.

The demo store (``make demo``'s: the GDELT sample and the coded briefs) is built once under
benchmarks/.work with the command line. The server is the real command, ``python -m blocwatch
serve --port 0``, in a child process (uvicorn, one worker, FastAPI's thread pool for the
routes, one read-only DuckDB connection with a cursor per request). The clients are
``CLIENTS`` asyncio tasks in this process, each with its own keep-alive HTTP/1.1 connection (a
minimal client on asyncio streams, light on CPU), sending one request after another for
``SECONDS``; clients and server share the machine's cores.

Measured, each ``repeat`` times (the median run by requests per second is shown):

* **baseline**: every client asks ``/api/health``, which touches neither the store nor the
  library: the cost of HTTP, uvicorn, FastAPI and the clients themselves on this machine;
* **mix**: every client picks requests at random from ``MIX``, what the page asks while someone
  explores the demo (states, networks, timelines, shifts, balance, tension, dyads, pages of
  events). The analyses are cached after their first answer (the store is read-only); pages of
  events and dyads are SQL each time.

Reported: requests, errors (anything but a 200 with a JSON body, or a failed connection),
requests per second, latency percentiles, the mix against the baseline, the CPU the server and
the clients used (from /proc), latency per endpoint under load and for one client alone (the
first, uncached, answer of each request on the fresh server, then the same request again), and
the server's peak resident memory (``VmHWM`` of /proc/PID/status).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from benchmarks.data import ROOT, WORK

#: Concurrent clients, and seconds of each load run ($BLOCWATCH_BENCH_SECONDS shortens it for a quick look).
CLIENTS, SECONDS = 50, float(os.environ.get("BLOCWATCH_BENCH_SECONDS", 30))
DEMO = "USA,RUS,CHN,JPN,KOR,PRK,UKR"
PAIRS = ("PRK-RUS", "KOR-USA", "CHN-USA", "RUS-UKR", "JPN-KOR", "UKR-USA", "CHN-RUS", "KOR-PRK")
#: (weight, path, parameters) of the mix.
MIX: list[tuple[int, str, dict[str, str | int]]] = [
    (2, "/api/states", {}),
    (4, "/api/network", {"countries": DEMO}),
    (2, "/api/network", {"countries": DEMO, "from": "2024-10", "to": "2025-02"}),
    (2, "/api/shifts", {"countries": DEMO}),
    (1, "/api/balance", {"countries": DEMO}),
    (1, "/api/tension", {"countries": DEMO}),
    (2, "/api/dyads", {"countries": DEMO, "limit": 100}),
    *[(1, "/api/timeline", {"pair": p, "from": "2023-07", "to": "2025-02"}) for p in PAIRS],
    *[(2, "/api/events", {"pair": p, "from": "2023-07", "to": "2025-02", "limit": 25, "offset": o})
      for p in PAIRS[:4] for o in (0, 25)],
    *[(1, "/api/events", {"pair": p, "month": m, "limit": 25}) for p in PAIRS[:4] for m in ("2024-11", "2024-12")],
]
BASELINE: list[tuple[int, str, dict[str, str | int]]] = [(1, "/api/health", {})]


def demo_store() -> Path:
    """The demo store under benchmarks/.work, built by the command line the first time."""
    db = WORK / "api-demo.duckdb"
    marker = WORK / "api-demo.complete"
    if not marker.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        db.unlink(missing_ok=True)
        for args in (["ingest", "gdelt", str(ROOT / "demo" / "data")], ["ingest", "text", str(ROOT / "demo" / "news")]):
            subprocess.run([sys.executable, "-m", "blocwatch", *args, "--db", str(db)], check=True,
                           capture_output=True, text=True)
        marker.touch()
    return db


class Server:
    """``blocwatch serve`` in a child process."""

    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "blocwatch", "serve", "--db", str(db), "--port", "0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if " on http" not in line:
            self.proc.kill()
            err = self.proc.stderr.read() if self.proc.stderr else ""
            raise RuntimeError(f"blocwatch serve did not start: {line}{err}")
        self.url = line.split(" on ", 1)[1].split()[0].rstrip("/")

    def memory_mb(self, field: str) -> float:
        """``VmHWM`` (peak) or ``VmRSS`` (now) of the server, in MB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no {field} for the server")

    def cpu_seconds(self) -> float:
        """CPU time the server has used (user + system, all its threads)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _label(path: str, params: dict[str, str | int]) -> str:
    if path == "/api/events":
        return "/api/events (month)" if "month" in params else "/api/events (page)"
    return path


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> tuple[int, bytes]:
    """One request and its response on a keep-alive HTTP/1.1 connection: status and body."""
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), None)
    if length is None:
        raise ValueError("response without Content-Length")
    return status, await reader.readexactly(length)


async def _load(url: str, requests: list[tuple[int, str, dict[str, str | int]]], clients: int,
                seconds: float) -> dict:
    """``clients`` connections sending requests drawn from ``requests`` one after another for ``seconds``.

    The client is a few lines of asyncio streams speaking HTTP/1.1 with keep-alive, so that it
    takes little of the CPU the server shares with it (an ``httpx.AsyncClient`` per client
    costs more CPU per request than the server's ``/api/health``).
    """
    host, port = urlsplit(url).hostname or "127.0.0.1", urlsplit(url).port or 80
    weights = [w for w, _, _ in requests]
    prepared = [(_label(path, params), (f"GET {path}{'?' + urlencode(params) if params else ''} HTTP/1.1\r\n"
                                         f"Host: {host}:{port}\r\nAccept: application/json\r\n\r\n").encode())
                for _, path, params in requests]
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []

    async def client(seed: int, deadline: float) -> None:
        rng = random.Random(seed)
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < deadline:
                label, request = rng.choices(prepared, weights)[0]
                t = time.perf_counter()
                try:
                    status, body = await _exchange(reader, writer, request)
                except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
                    errors.append(f"{label}: {type(exc).__name__}: {exc}")
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                    continue
                took = time.perf_counter() - t
                if status == 200 and body[:1] == b"{":
                    latencies.setdefault(label, []).append(took)
                else:
                    errors.append(f"{label}: HTTP {status} {body[:200]!r}")
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(client(i, start + seconds) for i in range(clients)))
    elapsed = time.perf_counter() - start
    every = sorted(x for xs in latencies.values() for x in xs)
    return {"requests": len(every) + len(errors), "errors": len(errors), "first_errors": errors[:3],
            "seconds": elapsed, "rate": (len(every) + len(errors)) / elapsed, **_percentiles(every),
            "endpoints": {k: {"n": len(v), **_percentiles(sorted(v))} for k, v in sorted(latencies.items())}}


def _percentiles(sorted_s: list[float]) -> dict[str, float]:
    if not sorted_s:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan")}

    def at(q: float) -> float:
        return 1000 * sorted_s[min(len(sorted_s) - 1, int(q * len(sorted_s)))]

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99)}


async def _alone(url: str, repeats: int = 10) -> dict[str, dict[str, float]]:
    """Each distinct request of the mix on its own, one client: its first (uncached) answer on a
    fresh server, then the median of ``repeats`` more; per endpoint, the medians over its requests."""
    host, port = urlsplit(url).hostname or "127.0.0.1", urlsplit(url).port or 80
    reader, writer = await asyncio.open_connection(host, port)
    first: dict[str, list[float]] = {}
    warm: dict[str, list[float]] = {}
    try:
        for _, path, params in MIX:
            request = (f"GET {path}{'?' + urlencode(params) if params else ''} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                       "\r\n").encode()
            times = []
            for _ in range(1 + repeats):
                t = time.perf_counter()
                status, _body = await _exchange(reader, writer, request)
                if status != 200:
                    raise RuntimeError(f"{path} {params}: HTTP {status}")
                times.append(1000 * (time.perf_counter() - t))
            first.setdefault(_label(path, params), []).append(times[0])
            warm.setdefault(_label(path, params), []).append(statistics.median(times[1:]))
    finally:
        writer.close()
    return {k: {"first": statistics.median(first[k]), "warm": statistics.median(warm[k])} for k in sorted(first)}


def _line(label: str, m: dict) -> str:
    return (f"  {label:26s} {m['requests']:8,} requests, {m['errors']} errors, {m['rate']:8,.0f} req/s, "
            f"p50 {m['p50']:7.1f} ms, p95 {m['p95']:7.1f} ms, p99 {m['p99']:7.1f} ms; CPU: server "
            f"{m['server_cores']:.2f} cores, clients {m['client_cores']:.2f}"
            + (f"; first errors: {m['first_errors']}" if m["errors"] else ""))


def run(repeat: int = 3) -> list[str]:
    """Run the API benchmark; return Markdown lines for docs/benchmarks.md."""
    db = demo_store()
    server = Server(db)
    try:
        start_mb = server.memory_mb("VmRSS")
        alone = asyncio.run(_alone(server.url))
        print(f"server {server.url} on {db.name}: {start_mb:.0f} MB at start; one client alone (first answer, "
              "then warm):", flush=True)
        for label, a in alone.items():
            print(f"  {label:24s} first {a['first']:7.1f} ms, warm {a['warm']:6.1f} ms", flush=True)
        runs: dict[str, list[dict]] = {"baseline": [], "mix": []}
        print(f"{CLIENTS} clients, {SECONDS:.0f} s per run, {repeat} run(s) of each:", flush=True)
        for _ in range(repeat):
            for name, requests in (("baseline", BASELINE), ("mix", MIX)):
                cpu, own = server.cpu_seconds(), time.process_time()
                m = asyncio.run(_load(server.url, requests, CLIENTS, SECONDS))
                m["server_cores"] = (server.cpu_seconds() - cpu) / m["seconds"]
                m["client_cores"] = (time.process_time() - own) / m["seconds"]
                runs[name].append(m)
                print(_line(name, m), flush=True)
        peak_mb = server.memory_mb("VmHWM")
    finally:
        server.stop()
    base, mix = (sorted(runs[k], key=lambda m: m["rate"])[len(runs[k]) // 2] for k in ("baseline", "mix"))
    errors = sum(m["errors"] for ms in runs.values() for m in ms)
    print(f"  mix / baseline: {mix['rate'] / base['rate']:.2f}x the requests per second, p50 "
          f"{mix['p50'] / base['p50']:.2f}x, p99 {mix['p99'] / base['p99']:.2f}x; errors in all runs: {errors}; "
          f"server peak RSS {peak_mb:.0f} MB (at start {start_mb:.0f} MB)", flush=True)

    lines = [f"{CLIENTS} concurrent clients, {SECONDS:.0f} s per run, median of {repeat} run(s) by requests per "
             f"second; errors in all runs: {errors}; server peak RSS {peak_mb:.0f} MB ({start_mb:.0f} MB at start).",
             "", "| load | requests | errors | req/s | p50 ms | p95 ms | p99 ms | req/s vs baseline | "
             "p50 vs baseline | p99 vs baseline | server CPU (cores) | clients CPU (cores) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for label, m in (("baseline: `/api/health`", base), ("mix of API endpoints", mix)):
        lines.append(f"| {label} | {m['requests']:,} | {m['errors']} | {m['rate']:,.0f} | {m['p50']:.1f} | "
                     f"{m['p95']:.1f} | {m['p99']:.1f} | {m['rate'] / base['rate']:.2f}x | "
                     f"{m['p50'] / base['p50']:.2f}x | {m['p99'] / base['p99']:.2f}x | {m['server_cores']:.2f} | "
                     f"{m['client_cores']:.2f} |")
    lines += ["", "| endpoint | share of the mix | p50 ms under load | p95 ms | p99 ms | alone: first answer ms "
              "(uncached) | alone: again ms |", "|---|---:|---:|---:|---:|---:|---:|"]
    total = sum(e["n"] for e in mix["endpoints"].values())
    for name, e in mix["endpoints"].items():
        lines.append(f"| `{name}` | {e['n'] / total:.0%} | {e['p50']:.1f} | {e['p95']:.1f} | {e['p99']:.1f} | "
                     f"{alone[name]['first']:.1f} | {alone[name]['warm']:.1f} |")
    return lines
