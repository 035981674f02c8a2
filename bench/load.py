#!/usr/bin/env python3
"""Load test of `onrecord serve`: many concurrent clients from a second process, ingest at the same time.

Usage: python bench/load.py [--articles 10000] [--db /tmp/onrecord-bench-api.duckdb] [--clients 50]
                            [--requests 20000] [--ingest DIR] [--json bench/results/load.json]
       python bench/load.py --small      # the CI size: the example corpus, 10 clients, 1,500 requests

1. Store: the bench/api.py store (>= --articles varied copies of the example corpus), copied so
   the run's writes do not change it; --small ingests examples/corpus instead.
2. Server: `onrecord serve` on 127.0.0.1 in a subprocess, per-client rate limit off
   (ONRECORD_API__RATE_LIMIT=0: 50 clients share one address here, and the point is capacity).
3. Reads: a second process (`--client`) runs --clients asyncio clients (httpx) over one fixed,
   seeded request list (bench/api.py's mix) until --requests are answered.
4. Ingest while serving: a quarter as many reads again, while `onrecord ingest --server URL`
   posts new articles (default tests/fixtures/articles); every posted article must be added,
   and counted by /api/stats once the read model is refreshed.
5. Memory: the server's RSS is sampled every 0.25 s; "stable" means the last quarter of the
   samples taken while the clients run does not rise above the first quarter's maximum by more
   than --rss-slack MiB. The refresh after the writes builds a second read model for a moment,
   so its peak and the RSS after it are reported apart.
Prints and writes: requests, errors (non-2xx or transport), p50/p95/p99/max per endpoint, RSS.
"""
from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
FIXTURE_ARTICLES = ROOT / "tests" / "fixtures" / "articles"
ONRECORD = shutil.which("onrecord", path=str(Path(sys.executable).parent)) or shutil.which("onrecord") or "onrecord"


def _api_bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_api", ROOT / "bench" / "api.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the client process ----------------------------------------------------------------------
async def _client_main(base: str, plan_file: Path, clients: int, out: Path) -> None:
    import httpx

    requests = json.loads(plan_file.read_text())
    queue: asyncio.Queue[tuple[str, str, dict[str, Any]]] = asyncio.Queue()
    for item in requests:
        queue.put_nowait(tuple(item))  # type: ignore[arg-type]
    lat: dict[str, list[float]] = {}
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def worker(client: httpx.AsyncClient) -> None:
        while True:
            try:
                kind, url, params = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            t = time.perf_counter()
            try:
                r = await client.get(url, params=params)
                if not 200 <= r.status_code < 300:
                    errors.append(f"{r.status_code} {url}")
            except httpx.HTTPError as e:
                errors.append(f"{type(e).__name__} {url}")
            lat.setdefault(kind, []).append((time.perf_counter() - t) * 1000)

    t0 = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits, trust_env=False) as client:
        await asyncio.gather(*(worker(client) for _ in range(clients)))
    out.write_text(json.dumps({"latency_ms": lat, "errors": errors, "wall_s": time.perf_counter() - t0}))


# -- the driver ------------------------------------------------------------------------------
class _Sampler(threading.Thread):
    """Samples a process's RSS (MiB) every `every` seconds until stopped."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        import psutil

        self.proc = psutil.Process(pid)
        self.every = every
        self.samples: list[tuple[float, float]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        t0 = time.perf_counter()
        while not self.stop.is_set():
            try:
                self.samples.append((time.perf_counter() - t0, self.proc.memory_info().rss / 2**20))
            except Exception:
                return
            self.stop.wait(self.every)


def _small_store(db: Path) -> dict[str, Any]:
    subprocess.run([ONRECORD, "ingest", str(CORPUS), "--db", str(db)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {"source": "examples/corpus"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--client", nargs=4, metavar=("BASE", "PLAN", "CLIENTS", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--small", action="store_true", help="CI size: examples/corpus, 10 clients, 1,500 requests.")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/onrecord-bench-api.duckdb"))
    ap.add_argument("--clients", type=int, default=None)
    ap.add_argument("--requests", type=int, default=None)
    ap.add_argument("--ingest", type=Path, default=FIXTURE_ARTICLES, help="Articles posted during the load.")
    ap.add_argument("--rss-slack", type=float, default=64.0)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()
    if a.client:
        base, plan_file, clients, out = a.client
        asyncio.run(_client_main(base, Path(plan_file), int(clients), Path(out)))
        return 0
    clients = a.clients or (10 if a.small else 50)
    n_requests = a.requests or (1500 if a.small else 20_000)
    out_json = a.json or (None if a.small else ROOT / "bench" / "results" / "load.json")
    api = _api_bench()

    work = Path(tempfile.mkdtemp(prefix="onrecord-load-"))
    try:
        db = work / "store.duckdb"
        if a.small:
            store_info = _small_store(db)
        else:
            if not a.db.is_file():
                api.build_store(a.db, a.articles, 7)
            shutil.copy(a.db, db)
            store_info = {"source": str(a.db)}
        env = dict(os.environ, ONRECORD_API__RATE_LIMIT="0", ONRECORD_API__WRITE_RATE_LIMIT="0")
        port = api.free_port()
        proc, startup = api.start_server(db, port, timeout=900, env=env, probe="/api/status")
        base = f"http://127.0.0.1:{port}"
        try:
            result = _run(api, proc, base, work, clients, n_requests, a)
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result.update({"store": store_info | result.pop("store"), "server_ready_s": round(startup, 1),
                   "clients": clients})
    _print(result)
    if out_json is not None:
        out_json.parent.mkdir(parents=True, exist_ok=True)
        out_json.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: result[k] for k in ("requests", "errors", "ingest", "rss_mib", "pass")}))
    return 0 if result["pass"] else 1


def _load(api: Any, base: str, plan: list[Any], work: Path, clients: int, name: str) -> tuple[Any, float]:
    """Start the client process over plan; returns it and its start time."""
    plan_file = work / f"plan-{name}.json"
    plan_file.write_text(json.dumps(plan))
    return subprocess.Popen([sys.executable, __file__, "--client", base, str(plan_file), str(clients),
                             str(work / f"client-{name}.json")]), time.perf_counter()


def _rows(api: Any, lat: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    pct = api.percentile

    def row(v: list[float]) -> dict[str, float]:
        return {"n": len(v), "p50": round(pct(v, 50), 1), "p95": round(pct(v, 95), 1), "p99": round(pct(v, 99), 1),
                "max": round(max(v), 1)}
    every = [x for v in lat.values() for x in v]
    return {k: row(v) for k, v in sorted(lat.items())} | {"ALL": row(every)}


def _run(api: Any, proc: subprocess.Popen, base: str, work: Path, clients: int, n_requests: int,
         a: argparse.Namespace) -> dict[str, Any]:
    import httpx

    before = httpx.get(base + "/api/stats", timeout=30).json()
    plan = api.plan(base, n_requests, a.seed)
    for _, url, params in plan[:50]:      # warm the caches the way a first visitor would
        httpx.get(base + url, params=params, timeout=60)
    # load the model before measuring memory: a write of a bad body loads it and stores nothing
    warm = httpx.post(base + "/api/articles", content=b"\x00 not an article", timeout=600)
    assert warm.status_code == 422, warm.text
    sampler = _Sampler(proc.pid)
    sampler.start()
    time.sleep(0.5)

    # phase 1: reads only, --requests of them
    client, t0 = _load(api, base, plan, work, clients, "read")
    client.wait(timeout=3600)
    read_wall = time.perf_counter() - t0
    read_end = sampler.samples[-1][0]
    read = json.loads((work / "client-read.json").read_text())

    # phase 2: a quarter as many reads while `onrecord ingest --server` posts new articles
    plan2 = api.plan(base, max(1, n_requests // 4), a.seed + 1)
    client, t1 = _load(api, base, plan2, work, clients, "ingest")
    inputs = sorted(p for p in a.ingest.iterdir() if p.suffix in (".txt", ".html"))
    ingest = subprocess.run([ONRECORD, "ingest", "--server", base, *map(str, inputs)], capture_output=True,
                            text=True, env=dict(os.environ, COLUMNS="200"))
    ingest_s = time.perf_counter() - t1
    client.wait(timeout=3600)
    mixed = json.loads((work / "client-ingest.json").read_text())
    deadline = time.perf_counter() + 1800     # the posted articles reach the lists after the refresh
    while time.perf_counter() < deadline:
        status = httpx.get(base + "/api/status", timeout=30).json()
        if not status["refresh_pending"]:
            break
        time.sleep(0.5)
    after = httpx.get(base + "/api/stats", timeout=30).json()
    time.sleep(1.0)
    sampler.stop.set()
    sampler.join()

    rss = [m for _, m in sampler.samples]
    during = [m for t, m in sampler.samples if t <= read_end] or rss
    q = max(1, len(during) // 4)
    first_q, last_q = during[:q], during[-q:]
    stable = max(last_q) <= max(first_q) + a.rss_slack
    added = after["articles"] - before["articles"]
    ingest_ok = ingest.returncode == 0 and added == len(inputs)
    n_read = sum(len(v) for v in read["latency_ms"].values())
    n_mixed = sum(len(v) for v in mixed["latency_ms"].values())
    result = {
        "store": {"before": before, "after": after},
        "requests": n_read, "errors": len(read["errors"]), "error_samples": read["errors"][:10],
        "wall_s": round(read_wall, 1), "requests_per_s": round(n_read / read["wall_s"], 1),
        "latency_ms": _rows(api, read["latency_ms"]),
        "ingest": {"posted": len(inputs), "added": added, "seconds": round(ingest_s, 1), "exit": ingest.returncode,
                   "reads_meanwhile": n_mixed, "read_errors_meanwhile": len(mixed["errors"]),
                   "read_latency_meanwhile_ms": _rows(api, mixed["latency_ms"])["ALL"],
                   "refresh_s": status.get("last_refresh_s"), "generation": status.get("generation")},
        "rss_mib": {"start": round(rss[0], 1), "first_quarter_max": round(max(first_q), 1),
                    "last_quarter_max": round(max(last_q), 1), "max_reads_only": round(max(during), 1),
                    "max_with_ingest_and_refresh": round(max(rss), 1), "end": round(rss[-1], 1),
                    "samples": len(rss), "stable": stable},
    }
    result["pass"] = (not read["errors"] and not mixed["errors"] and n_read == n_requests and ingest_ok and stable)
    if not ingest_ok:
        result["ingest"]["output"] = (ingest.stdout + ingest.stderr)[-2000:]
    return result


def _print(r: dict[str, Any]) -> None:
    print(f"{'endpoint':<12} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for k, v in r["latency_ms"].items():
        print(f"{k:<12} {v['n']:>6} {v['p50']:>8} {v['p95']:>8} {v['p99']:>8} {v['max']:>8}")
    i, m = r["ingest"], r["rss_mib"]
    print(f"reads: {r['requests']} requests from {r['clients']} clients, {r['errors']} errors, {r['wall_s']} s "
          f"({r['requests_per_s']}/s); server RSS start {m['start']}, quarters {m['first_quarter_max']} -> "
          f"{m['last_quarter_max']} MiB (stable: {m['stable']})")
    print(f"ingest while serving: {i['added']}/{i['posted']} added in {i['seconds']} s while {i['reads_meanwhile']} "
          f"reads ran ({i['read_errors_meanwhile']} errors, p99 {i['read_latency_meanwhile_ms']['p99']} ms); "
          f"refresh {i['refresh_s']} s; RSS peak {m['max_with_ingest_and_refresh']}, end {m['end']} MiB; "
          f"{'PASS' if r['pass'] else 'FAIL'}")


if __name__ == "__main__":
    sys.exit(main())
