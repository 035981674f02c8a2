#!/usr/bin/env python3
"""Crash safety at full size: `ingest`, `watch --once` and `batch` SIGKILLed many times, then checked.

Usage: python bench/crash.py [--articles 300] [--kills 10] [--seed 1] [--json bench/results/crash.json]

The articles are synthetic (tests/reliability/crash_helpers.write_articles): distinct texts about
rival pairs of countries, so claim threads form across them. Each part compares the killed-and-
rerun output with an uninterrupted run into a fresh store or directory:
- ingest: SIGKILL at random points after the model loads; articles once, no partial article,
  same records and same threads (members' (article_id, statement_id) sets);
- watch: a local RSS feed; SIGKILL just after the k-th new page is served; articles once, pages
  fetched at most twice;
- batch: 2 workers, SIGKILL of worker processes mid-run, then of the whole command (driver and
  workers) at random points; same records per article id, no claimed file missing, no stray file.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

import crash_helpers as ch  # noqa: E402  (a test helper module, not a package import)


def bench_ingest(tmp: Path, n: int, kills: int, rng: random.Random) -> dict:  # type: ignore[type-arg]
    inputs, config = tmp / "articles", ch.write_config(tmp / "onrecord.toml", 8)
    reference, db = tmp / "reference.duckdb", tmp / "killed.duckdb"
    args = ["ingest", str(inputs), "--config", str(config), "--db"]
    start = time.perf_counter()
    _check(ch.run([*args, str(reference)]))
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    _check(ch.run([*args, str(reference)]))
    startup = time.perf_counter() - start
    per_article = max(seconds - startup, 1.0) / n

    started = time.perf_counter()

    def delay(stored: int, done: int) -> float:
        # after the model loads, inside the next 1.5/(kills left) of the work left: kills spread over the run
        return startup + rng.uniform(0.05, 1.0) * 1.5 * (n - stored) * per_article / (kills - done)

    log = ch.kill_loop([*args, str(db)], kills, delay, lambda: ch.stored_count(db), n)
    audit = ch.audit_store(db)
    threads_want, threads_got = ch.thread_sets(reference), ch.thread_sets(db)
    return {"articles": n, "kills": log.kills, "attempts": log.attempts, "stored": audit.articles,
            "distinct_ids": audit.distinct_ids, "near_duplicates": audit.copies,
            "duplicate_rows": sum(audit.duplicate_rows.values()), "orphan_rows": sum(audit.orphan_rows.values()),
            "partial_articles": len(audit.partial), "minhash_ok": audit.minhash_ok,
            "records_equal": ch.records_by_id(db) == ch.records_by_id(reference),
            "threads": len(threads_want), "threads_equal": threads_got == threads_want,
            "reference_seconds": round(seconds, 1), "startup_seconds": round(startup, 1),
            "killed_run_seconds": round(time.perf_counter() - started, 1)}


def bench_watch(tmp: Path, n: int, kills: int, rng: random.Random) -> dict:  # type: ignore[type-arg]
    texts = [p.read_text(encoding="utf-8") for p in sorted((tmp / "articles").glob("*.txt"))[:n]]
    site = ch.FeedSite(texts)
    server = ch.serve(site)
    try:
        config = ch.write_config(tmp / "watch.toml", 8)
        sources = tmp / "SOURCES.txt"
        sources.write_text(site.url("/feed.rss") + "\n", encoding="utf-8")
        db = tmp / "watch.duckdb"
        args = ["watch", str(sources), "--once", "--allow-private", "--db", str(db), "--config", str(config)]
        step = max(2, n // (kills + 1))
        done = 0
        for _ in range(kills):
            site.trigger_at = site.new_fetches + rng.randrange(2, step + 1)
            site.triggered.clear()
            done += ch.run_killed(args, rng.uniform(0.0, 0.5), after=site.triggered)
        site.trigger_at = None
        _check(ch.run(args))
        articles, urls, seen, outcomes = ch.watch_audit(db)
        audit = ch.audit_store(db)
        hits = list(site.hits.values())
    finally:
        server.shutdown()
        server.server_close()
    return {"articles": n, "kills": done, "stored": articles, "distinct_urls": urls, "seen_rows": seen,
            "outcomes": outcomes, "partial_articles": len(audit.partial),
            "duplicate_rows": sum(audit.duplicate_rows.values()), "max_fetches_per_url": max(hits),
            "urls_fetched_twice": sum(1 for h in hits if h == 2)}


def bench_batch(tmp: Path, n: int, kills: int, rng: random.Random) -> dict:  # type: ignore[type-arg]
    inputs, partitions = tmp / "articles", -(-n // 10)
    common = ["--workers", "2", "--partition-size", "10"]
    reference, out, driver = tmp / "batch-reference", tmp / "batch-workers", tmp / "batch-driver"
    start = time.perf_counter()
    _check(ch.run(["batch", str(inputs), "--out", str(reference), *common]))
    seconds = time.perf_counter() - start
    worker_kills, code = ch.batch_with_worker_kills(["batch", str(inputs), "--out", str(out), *common], out, rng,
                                                    kills=max(1, kills // 2))
    reruns = 0
    while code != 0 and reruns < 3:
        reruns += 1
        code = ch.run(["batch", str(inputs), "--out", str(out), *common]).returncode
    args = ["batch", str(inputs), "--out", str(driver), *common]
    log = ch.kill_loop(args, max(1, kills // 2), lambda done, k: rng.uniform(4.0, max(5.0, seconds * 0.8)),
                       lambda: ch.complete_partitions(driver), partitions)
    want = ch.audit_batch(reference)
    result = {"articles": n, "partitions": partitions, "reference_seconds": round(seconds, 1)}
    for name, path, info in (("worker_kills", out, {"killed": worker_kills, "exit": code, "reruns": reruns}),
                             ("driver_kills", driver, {"kills": log.kills, "attempts": log.attempts})):
        got = ch.audit_batch(path)
        result[name] = {**info, "records": len(got.records), "records_equal": got.records == want.records,
                        "statuses": got.statuses, "claimed_missing": got.claimed_missing,
                        "unclaimed": got.unclaimed, "temporaries": got.temporaries}
    return result


def _check(done) -> None:  # type: ignore[no-untyped-def]
    if done.returncode != 0:
        raise SystemExit(f"onrecord exited {done.returncode}: {done.stderr[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--parts", nargs="+", default=["ingest", "watch", "batch"])
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "crash.json")
    opts = parser.parse_args()
    rng = random.Random(opts.seed)
    results: dict = {"date": dt.date.today().isoformat(), "articles": opts.articles, "kills": opts.kills}  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory(prefix="onrecord-crash-") as name:
        tmp = Path(name)
        ch.write_articles(tmp / "articles", opts.articles, seed=opts.seed)
        for part, fn in (("ingest", bench_ingest), ("watch", bench_watch), ("batch", bench_batch)):
            if part in opts.parts:
                start = time.perf_counter()
                results[part] = fn(tmp, opts.articles, opts.kills, rng)
                results[part]["bench_seconds"] = round(time.perf_counter() - start, 1)
                print(f"{part}: {json.dumps(results[part])}", file=sys.stderr)
    opts.json.parent.mkdir(parents=True, exist_ok=True)
    opts.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
