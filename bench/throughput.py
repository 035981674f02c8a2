#!/usr/bin/env python3
"""Throughput of onrecord against bare spaCy `nlp.pipe` on the same texts, in one process.

Usage: python bench/throughput.py [--dir ../shared/bench/polnear/dev/text] [--rounds 3] [--json OUT]

Runs, alternately and `--rounds` times each, (a) bare spaCy: `spacy.load(model).pipe(texts)`
consuming every Doc, and (b) onrecord: the full pipeline (ingest in verbatim mode, nlp.pipe,
actors, statements, events, amounts, record with offset checks) over the same files. Reports
the best round of each (articles/s, tokens/s), the ratio onrecord/spaCy, and the process's
peak RSS. Acceptance (issue 2): ratio >= 0.8, peak RSS <= 1 GiB.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=ROOT.parent / "shared/bench/polnear/dev/text")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    if not a.dir.is_dir():
        print(f"no such folder: {a.dir} (PolNeAR dev texts are in ../shared/bench/polnear/dev/text)",
              file=sys.stderr)
        return 2

    import spacy

    from onrecord.pipeline import Analyzer, Source
    from onrecord.settings import Settings

    files = sorted(a.dir.glob("*.txt"))
    if a.limit:
        files = files[: a.limit]
    datas = [f.read_bytes() for f in files]
    texts = [d.decode("utf-8") for d in datas]
    settings = Settings.load(ingest={"clean": False})
    analyzer = Analyzer(settings)
    name = analyzer.nlp.meta["onrecord_model"]
    bare = spacy.load(name)
    bs = settings.nlp.batch_size

    n_tokens = sum(len(d) for d in bare.pipe(texts, batch_size=bs))   # warm-up and token count
    list(analyzer.run(Source(name=str(f), data=d) for f, d in zip(files, datas)))

    best = {"spacy": float("inf"), "onrecord": float("inf")}
    failures = 0
    for _ in range(a.rounds):
        t0 = time.perf_counter()
        for doc in bare.pipe(texts, batch_size=bs):
            pass
        best["spacy"] = min(best["spacy"], time.perf_counter() - t0)
        t0 = time.perf_counter()
        out = list(analyzer.run(Source(name=str(f), data=d) for f, d in zip(files, datas)))
        best["onrecord"] = min(best["onrecord"], time.perf_counter() - t0)
        failures = sum(1 for r in out if not hasattr(r, "statements"))
    n = len(texts)
    res = {
        "model": name, "articles": n, "tokens": n_tokens, "rounds": a.rounds, "failures": failures,
        "spacy_articles_per_s": n / best["spacy"], "spacy_tokens_per_s": n_tokens / best["spacy"],
        "onrecord_articles_per_s": n / best["onrecord"], "onrecord_tokens_per_s": n_tokens / best["onrecord"],
        "ratio": best["spacy"] / best["onrecord"], "peak_rss_mib": peak_rss_mib(),
    }
    print(f"model {name}; {n} articles, {n_tokens} tokens; best of {a.rounds} rounds")
    print(f"bare spaCy nlp.pipe : {res['spacy_articles_per_s']:7.2f} articles/s  {res['spacy_tokens_per_s']:9.0f} tokens/s")
    print(f"onrecord (full)     : {res['onrecord_articles_per_s']:7.2f} articles/s  {res['onrecord_tokens_per_s']:9.0f} tokens/s")
    print(f"ratio onrecord/spaCy: {res['ratio']:.3f}   peak RSS {res['peak_rss_mib']:.0f} MiB   failures {failures}")
    if a.json:
        a.json.write_text(json.dumps(res, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
