#!/usr/bin/env python3
"""Latency of the HTTP API (`onrecord serve`) over a store of >= 10,000 articles.

Usage: python bench/api.py [--articles 10000] [--db /tmp/onrecord-bench-api.duckdb] [--rebuild]
                           [--requests 2000] [--workers 4] [--budget 300] [--json bench/results/api.json]

1. Store: the records of examples/corpus (and the seed when ../shared is present) are analysed
   once; then varied copies are written through `Store.add`: each "world" maps the corpus's
   countries to other countries (names, demonyms and capitals replaced in the text, every
   span's offsets moved, actor codes recoded) and shifts all dates by one offset. Threads are
   grouped per world (a world is one corpus-sized set of articles). The store is reused
   unless --rebuild. Copies are distinct texts, so the bench store uses one LSH band.
2. Serve: `onrecord serve` on 127.0.0.1 and a free port, in a subprocess (rate limit off).
3. Client: a fixed, seeded list of requests over the main queries, sent by `--workers`
   threads (httpx), bounded by `--budget` seconds. Prints p50/p95/p99 per endpoint.
Acceptance (issue item 6): p95 <= 100 ms for every endpoint.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SEED = ROOT.parent / "shared" / "seed" / "000_f550be25ed6773a1.txt"
ONRECORD = shutil.which("onrecord", path=str(Path(sys.executable).parent)) or shutil.which("onrecord") or "onrecord"
TARGET_MS = 100.0


# -- 1. the store ------------------------------------------------------------------------------
def source_records() -> list[Any]:
    """Records of the example corpus (and the seed), analysed once."""
    from onrecord.pipeline import get_analyzer, sources_from_paths
    from onrecord.settings import Settings

    settings = Settings()
    analyzer = get_analyzer(settings)
    paths = [str(p) for p in sorted(CORPUS.iterdir()) if p.suffix in (".txt", ".html")]
    paths += [str(SEED)] if SEED.is_file() else []
    articles = [analyzer.article(s) for s in sources_from_paths(paths, settings)]
    return list(analyzer.records(articles))


def country_phrases() -> tuple[dict[str, dict[str, list[str]]], list[str]]:
    """iso3 → phrase type → phrases (countries.tsv); and the countries with a name and a demonym."""
    from onrecord.lexicons import load_table

    out: dict[str, dict[str, list[str]]] = {}
    for row in load_table("countries.tsv", ("phrase", "iso3", "type")):
        out.setdefault(row["iso3"], {}).setdefault(row["type"], []).append(row["phrase"])
    usable = sorted(c for c, t in out.items() if t.get("name") and t.get("demonym") and len(c) == 3)
    return out, usable


def _counterpart(phrase: str, kind: str, old: dict[str, list[str]], new: dict[str, list[str]]) -> str:
    """The new country's phrase standing in for one of the old country's (plural demonym for plural)."""
    if kind == "demonym":
        plural = phrase.endswith("s") and phrase[:-1] in old.get("demonym", [])
        singles = [d for d in new["demonym"] if not (d.endswith("s") and d[:-1] in new["demonym"])]
        word = singles[0] if singles else new["demonym"][0]
        return word + "s" if plural and not word.endswith("s") else word
    if kind == "capital" and new.get("capital"):
        return new["capital"][0]
    return new["name"][0]


def _shift(value: str | None, days: int) -> str | None:
    """An ISO date, month, year or timestamp moved by days, keeping its precision."""
    if not value:
        return value
    delta = dt.timedelta(days=days)
    try:
        if "T" in value:
            return (dt.datetime.fromisoformat(value) + delta).isoformat()
        if len(value) == 10:
            return (dt.date.fromisoformat(value) + delta).isoformat()
        if len(value) == 7:
            return (dt.date.fromisoformat(value + "-01") + delta).strftime("%Y-%m")
        if len(value) == 4 and value.isdigit():
            return str((dt.date(int(value), 7, 1) + delta).year)
    except ValueError:
        return value
    return value


def vary(record: Any, mapping: dict[str, str], phrases: dict[str, dict[str, list[str]]], days: int) -> Any:
    """A copy of record with countries swapped (text and codes), offsets moved and dates shifted."""
    from onrecord.model import Record

    table = {p: (old, kind) for old in mapping for kind, ps in phrases[old].items() for p in ps}
    if not table:
        return None
    pattern = re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True)) + r")\b")
    text = record.article.text
    subs = []   # (start, end, new text) in the old text
    for m in pattern.finditer(text):
        old, kind = table[m.group()]
        subs.append((m.start(), m.end(), _counterpart(m.group(), kind, phrases[old], phrases[mapping[old]])))
    pieces, pos, starts = [], 0, []
    for s, e, new in subs:
        pieces.append(text[pos:s])
        starts.append(sum(map(len, pieces)))
        pieces.append(new)
        pos = e
    pieces.append(text[pos:])
    new_text = "".join(pieces)

    def move(p: int, is_end: bool) -> int:
        delta = 0
        for (s, e, new), ns in zip(subs, starts):
            if p >= e:
                delta += len(new) - (e - s)
            elif p > s:   # inside a replaced phrase: widen to the whole new phrase
                return ns + len(new) if is_end else ns
            else:
                break
        return p + delta

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            node = {k: walk(v) for k, v in node.items()}
            if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) and node["start"] >= 0:
                node["start"], node["end"] = move(node["start"], False), move(node["end"], True)
                if "text" in node:
                    node["text"] = new_text[node["start"]:node["end"]]
            return node
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    data = walk(record.to_dict())
    art = data["article"]
    art["text"] = new_text
    art["id"] = hashlib.sha1(new_text.encode()).hexdigest()[:16]
    art["source"] = f"bench/{art['id']}"
    art["title"] = pattern.sub(lambda m: _counterpart(m.group(), table[m.group()][1], phrases[table[m.group()][0]],
                                                      phrases[mapping[table[m.group()][0]]]), art["title"] or "")
    art["published"] = _shift(art["published"], days)
    for a in data["actors"]:
        old = a["country"]
        if old in mapping:
            a["country"] = mapping[old]
            a["code"] = mapping[old] + a["code"][3:] if a["code"].startswith(old) else a["code"]
            a["name"] = pattern.sub(lambda m: _counterpart(m.group(), table[m.group()][1], phrases[table[m.group()][0]],
                                                           phrases[mapping[table[m.group()][0]]]), a["name"])
    for s in data["statements"]:
        s["date"] = _shift(s["date"], days)
    for e in data["events"]:
        if e.get("date"):
            e["date"]["value"] = _shift(e["date"]["value"], days) or e["date"]["value"]
    out = Record.model_validate(data)
    out.check_offsets()
    return out


def build_store(db: Path, n: int, seed: int) -> dict[str, Any]:
    """Write >= n varied articles to db, then their threads (grouped per world)."""
    from onrecord.settings import StoreSettings
    from onrecord.store import Store
    from onrecord.threads.build import group_threads
    from onrecord.threads.persist import save_threads

    t0 = time.perf_counter()
    records = source_records()
    phrases, usable = country_phrases()
    base = sorted({a.country for r in records for a in r.actors if a.country in phrases})
    rng = random.Random(seed)
    db.unlink(missing_ok=True)
    # copies are distinct by construction: one LSH band keeps the near-duplicate check cheap
    settings = StoreSettings(path=db, minhash_permutations=32, minhash_bands=1)
    threads, added, world = [], 0, 0
    t_write = 0.0
    with Store.open(db, settings) as store:
        while added < n:
            mapping = dict(zip(base, rng.sample(usable, len(base))))
            days = rng.randint(-900, 900)
            members = []
            for record in records:
                copy = vary(record, mapping, phrases, days)
                if copy is None:
                    continue
                t = time.perf_counter()
                result = store.add(copy)
                t_write += time.perf_counter() - t
                if result.status == "added":
                    members.append(copy)
                    added += 1
            threads.extend(group_threads(members, settings.thread_min_overlap))
            world += 1
        threads.sort(key=lambda t: (-t.articles, -len(t.members), t.first_date or "9999", t.id))
        save_threads(store, threads)
        stats = store.stats()
    return {"articles": stats.articles, "statements": stats.statements, "events": stats.events,
            "actors": stats.actors, "threads": len(threads), "worlds": world, "sources": len(records),
            "build_s": round(time.perf_counter() - t0, 1), "write_s": round(t_write, 1)}


# -- 2. the server -----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, timeout: float = 600, env: dict[str, str] | None = None,
                 probe: str = "/api/stats") -> tuple[subprocess.Popen, float]:
    """`onrecord serve` in a subprocess; returns it and the seconds until `probe` answered."""
    import httpx

    t0 = time.perf_counter()
    proc = subprocess.Popen([ONRECORD, "serve", "--db", str(db), "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}{probe}", timeout=2).status_code == 200:
                return proc, time.perf_counter() - t0
        except httpx.TransportError:
            time.sleep(0.25)
    proc.terminate()
    raise SystemExit(f"server did not answer within {timeout:.0f} s")


# -- 3. the client -----------------------------------------------------------------------------
WORDS = ["weapons", "drone", "shells", "border", "sanctions", "ammunition", "oil", "missile", "talks", "ceasefire"]
CUES = ["say", "deny", "accuse", "confirm", "allege", "tell", "according to", "warn", "reject", "call"]
TYPES = ["ACCUSE", "AID", "ASSAULT", "THREATEN", "SUPPORT", "REJECT", "COOPERATE", "SANCTION", "CONSULT", "REQUEST"]
MIX = {"statements": 20, "events": 15, "articles": 10, "articles?q": 5, "article": 10, "actors": 8, "actor": 8,
       "threads": 7, "thread": 7, "network": 5, "stats": 5}


def _dates(rng: random.Random) -> dict[str, str]:
    start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 1800))
    return {"date_from": start.isoformat(), "date_to": (start + dt.timedelta(days=rng.randint(7, 365))).isoformat()}


def plan(base: str, n: int, seed: int) -> list[tuple[str, str, dict[str, Any]]]:
    """A fixed list of (endpoint, url, params): filters drawn from what the store holds."""
    import httpx

    with httpx.Client(base_url=base, timeout=30) as c:
        articles = [a["id"] for off in (0, 2000, 5000) for a in c.get("/api/articles", params={
            "limit": 500, "offset": off}).json()["items"]]
        actors = c.get("/api/actors", params={"limit": 500}).json()["items"]
        threads = [t["id"] for t in c.get("/api/threads", params={"limit": 500}).json()["items"]]
    codes = [a["code"] for a in actors]
    countries = sorted({a["country"] for a in actors if a["country"] and len(a["country"]) == 3})
    rng = random.Random(seed)
    out = []
    kinds = rng.choices(list(MIX), weights=list(MIX.values()), k=n)
    for kind in kinds:
        p: dict[str, Any] = {}
        if kind == "statements":
            for name, value in (("speaker_country", lambda: rng.choice(countries)),
                                ("polarity", lambda: rng.choice("+-")),
                                ("cue", lambda: rng.choice(CUES)), ("q", lambda: rng.choice(WORDS)),
                                ("speaker_code", lambda: rng.choice(codes[:100]))):
                if rng.random() < 0.3:
                    p[name] = value()
            if rng.random() < 0.3:
                p.update(_dates(rng))
            p["offset"] = rng.choice([0, 0, 50, 100, 500])
            out.append((kind, "/api/statements", p))
        elif kind == "events":
            for name, value in (("type", lambda: rng.choice(TYPES)), ("actor_country", lambda: rng.choice(countries)),
                                ("recipient_country", lambda: rng.choice(countries))):
                if rng.random() < 0.4:
                    p[name] = value()
            if rng.random() < 0.3:
                p.update(_dates(rng))
            p["offset"] = rng.choice([0, 0, 50, 200])
            out.append((kind, "/api/events", p))
        elif kind == "articles":
            out.append((kind, "/api/articles", {"offset": rng.randint(0, 9000)}))
        elif kind == "articles?q":
            out.append((kind, "/api/articles", {"q": rng.choice(WORDS)}))
        elif kind == "article":
            out.append((kind, f"/api/articles/{rng.choice(articles)}", {}))
        elif kind == "actors":
            p = rng.choice([{}, {"q": rng.choice(["korea", "iran", "minist", "army", "un"])},
                            {"country": rng.choice(countries)}])
            out.append((kind, "/api/actors", p))
        elif kind == "actor":
            out.append((kind, f"/api/actors/{rng.choice(codes[:200])}", {}))
        elif kind == "threads":
            p = rng.choice([{}, {"status": rng.choice(["alleged", "denied", "disputed", "confirmed"])},
                            {"q": rng.choice(WORDS)}, {"offset": rng.randint(0, 2000)}])
            out.append((kind, "/api/threads", p))
        elif kind == "thread":
            out.append((kind, f"/api/threads/{rng.choice(threads)}", {}))
        elif kind == "network":
            out.append((kind, "/api/network", {"types": ",".join(rng.sample(TYPES, rng.randint(1, 4))),
                                               "min_count": rng.randint(1, 3)}))
        else:
            out.append((kind, "/api/stats", {}))
    return out


def run(base: str, requests: list[tuple[str, str, dict[str, Any]]], workers: int,
        budget: float) -> tuple[dict[str, list[float]], int, float]:
    """Send the requests from `workers` threads until done or out of time; latencies (ms) per endpoint."""
    import httpx

    lat: dict[str, list[float]] = {}
    errors = 0
    deadline = time.perf_counter() + budget

    def work(part: list[tuple[str, str, dict[str, Any]]]) -> tuple[list[tuple[str, float]], int]:
        done, bad = [], 0
        with httpx.Client(base_url=base, timeout=30) as c:
            for kind, url, params in part:
                if time.perf_counter() > deadline:
                    break
                t = time.perf_counter()
                r = c.get(url, params=params)
                done.append((kind, (time.perf_counter() - t) * 1000))
                bad += r.status_code != 200
        return done, bad

    t0 = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        for done, bad in pool.map(work, [requests[i::workers] for i in range(workers)]):
            errors += bad
            for kind, ms in done:
                lat.setdefault(kind, []).append(ms)
    return lat, errors, time.perf_counter() - t0


def server_rss_mib(pid: int) -> float | None:
    """Resident memory of the server process (None without psutil)."""
    try:
        import psutil
    except ImportError:
        return None
    return round(psutil.Process(pid).memory_info().rss / 2**20, 1)


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s) + 0.5) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/onrecord-bench-api.duckdb"))
    ap.add_argument("--rebuild", action="store_true", help="Rebuild the store even if --db exists.")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--budget", type=float, default=300.0, help="Seconds the client may run.")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "api.json")
    a = ap.parse_args()

    store_info: dict[str, Any] = {"reused": True}
    if a.rebuild or not a.db.is_file():
        store_info = build_store(a.db, a.articles, a.seed)
        print(f"store {a.db}: {store_info}", file=sys.stderr)
    port = free_port()
    # one client address sends everything here: the per-client rate limit would answer 429s
    proc, startup = start_server(a.db, port, env=dict(os.environ, ONRECORD_API__RATE_LIMIT="0"))
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        stats = httpx.get(base + "/api/stats").json()
        requests = plan(base, a.requests, a.seed)
        lat, errors, wall = run(base, requests, a.workers, a.budget)
        rss = server_rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    rows = {k: {"n": len(v), "p50": round(percentile(v, 50), 1), "p95": round(percentile(v, 95), 1),
                "p99": round(percentile(v, 99), 1), "max": round(max(v), 1)} for k, v in sorted(lat.items())}
    every = [x for v in lat.values() for x in v]
    rows["ALL"] = {"n": len(every), "p50": round(percentile(every, 50), 1), "p95": round(percentile(every, 95), 1),
                   "p99": round(percentile(every, 99), 1), "max": round(max(every), 1)}
    print(f"{'endpoint':<12} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for k, r in rows.items():
        print(f"{k:<12} {r['n']:>5} {r['p50']:>8} {r['p95']:>8} {r['p99']:>8} {r['max']:>8}")
    ok = all(r["p95"] <= TARGET_MS for r in rows.values())
    print(f"{len(every)} requests ({errors} non-200) in {wall:.1f} s with {a.workers} workers; server ready in "
          f"{startup:.1f} s (RSS {rss} MiB); store {stats}; p95 <= {TARGET_MS:.0f} ms: {'PASS' if ok else 'FAIL'}")
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps({"store": stats, "build": store_info, "server_ready_s": round(startup, 1),
                                  "server_rss_mib": rss, "requests": len(every), "non_200": errors, "workers": a.workers,
                                  "wall_s": round(wall, 1), "latency_ms": rows, "target_p95_ms": TARGET_MS,
                                  "pass": ok}, indent=2) + "\n")
    return 0 if ok and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
