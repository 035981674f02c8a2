#!/usr/bin/env python3
"""Throughput of `onrecord batch` on a Dask LocalCluster with 1 and 2 worker processes.

Usage: python bench/scale.py [--articles 240] [--partition-size 10] [--workers 1 2]
                             [--json bench/results/scale.json]

The same PolNeAR train texts (../shared/bench/polnear/train/text, the first N by name, verbatim
mode) are analysed into Parquet once per cluster size. Each cluster is started, and every worker
loads the model with a no-op task (`client.run(warm)`), before the clock starts; the timed part
is `run_batch` itself: partitioning, tasks, Parquet writes and manifest updates. The outputs of
the runs are compared record by record. Acceptance (issue item 5): 2 workers >= 1.7x 1 worker.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "bench" / "polnear" / "train" / "text"
TARGET = 1.7


def run(paths: list[str], workers: int, out: Path, settings) -> dict:  # type: ignore[no-untyped-def]
    """One timed batch on a fresh cluster of `workers` processes (model loaded before timing)."""
    from distributed import Client

    from onrecord.scale import run_batch
    from onrecord.scale.runner import local_cluster
    from onrecord.scale.worker import warm

    with local_cluster(settings, workers=workers) as cluster, Client(cluster) as client:
        client.wait_for_workers(workers)
        models = set(client.run(warm, settings).values())
        start = time.perf_counter()
        report = run_batch(paths, out, settings, client=client)
        seconds = time.perf_counter() - start
    articles = report.counts.get("articles", 0)
    return {"workers": workers, "articles": articles, "failures": len(report.failures),
            "partitions": report.partitions, "seconds": round(seconds, 3),
            "articles_per_s": round(articles / seconds, 3), "model": sorted(models)}


def records_by_id(out: Path) -> dict[str, str]:
    """Record JSON by article id from a batch output."""
    from onrecord.export.tables import read_records
    from onrecord.scale.query import parquet_files

    return {r.article.id: r.model_dump_json() for _, r in read_records(Path(f) for f in parquet_files(out, "articles"))}


def time_load(out: Path, db: Path, settings) -> dict:  # type: ignore[no-untyped-def]
    """Seconds to load a batch output into a new DuckDB store, then to build claim threads."""
    from onrecord.scale import load_parquet
    from onrecord.store import Store
    from onrecord.threads import build_threads

    with Store.open(db, settings.store) as store:
        start = time.perf_counter()
        report = load_parquet(out, store, threads=False)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        threads = len(build_threads(store))
        threaded = time.perf_counter() - start
    return {"articles": report.total, "load_seconds": round(loaded, 3),
            "load_articles_per_s": round(report.total / loaded, 1), "threads": threads,
            "threads_seconds": round(threaded, 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--partition-size", type=int, default=10)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    args = parser.parse_args()
    if not TEXTS.is_dir():
        print(f"{TEXTS} is absent: the benchmark needs ../shared", file=sys.stderr)
        return 2

    from onrecord.settings import Settings

    settings = Settings.load(ingest={"clean": False}, scale={"partition_size": args.partition_size})
    paths = [str(p) for p in sorted(TEXTS.glob("*.txt"))[:args.articles]]
    results = []
    with tempfile.TemporaryDirectory(prefix="onrecord-bench-scale-") as tmp:
        outputs = {}
        for n in args.workers:
            outputs[n] = Path(tmp) / f"out-{n}"
            results.append(run(paths, n, outputs[n], settings))
            print(f"{n} worker(s): {results[-1]['articles_per_s']:.2f} articles/s", file=sys.stderr)
        reference = records_by_id(outputs[args.workers[0]])
        identical = all(records_by_id(outputs[n]) == reference for n in args.workers[1:])
        load = time_load(outputs[args.workers[0]], Path(tmp) / "store.duckdb", settings)

    base = results[0]["articles_per_s"]
    for r in results:
        r["speedup"] = round(r["articles_per_s"] / base, 3)
    print(f"\n{'workers':>7} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'speedup':>8}")
    for r in results:
        print(f"{r['workers']:>7} {r['articles']:>8} {r['seconds']:>8.2f} {r['articles_per_s']:>10.2f} "
              f"{r['speedup']:>7.2f}x")
    ratio = results[-1]["speedup"]
    print(f"\nratio {results[-1]['workers']} / {results[0]['workers']} workers: {ratio:.2f}x "
          f"(target >= {TARGET}); outputs identical: {identical}")
    print(f"load into DuckDB: {load['load_articles_per_s']:.1f} articles/s; "
          f"threads: {load['threads']} in {load['threads_seconds']:.2f} s")
    summary = {"date": dt.date.today().isoformat(), "cpu_count": os.cpu_count(),
               "texts": str(TEXTS.relative_to(ROOT.parent)), "verbatim": True,
               "partition_size": args.partition_size, "runs": results, "ratio": ratio, "target": TARGET,
               "identical_outputs": identical, "load": load,
               "per_core_articles_per_s": results[0]["articles_per_s"] / results[0]["workers"]}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, indent=1) + "\n")
    return 0 if ratio >= TARGET and identical else 1


if __name__ == "__main__":
    sys.exit(main())
