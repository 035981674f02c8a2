#!/usr/bin/env python3
"""Store.add speed: today's writes against the row-by-row writes they replaced, in one process.

Usage: python bench/store_add.py [--articles 300] [--rounds 3] [--json bench/results/store_add.json]

The records of examples/corpus (and tests/fixtures/articles) are analysed once, then copied
with distinct ids and a distinct closing line until --articles records exist. Each round adds
them all to a fresh store file twice: with the reference writer (one INSERT per row through
executemany, MinHash in Python integers: the code before 2026-11-28) and with `Store.add`
(one Arrow INSERT per table, MinHash in numpy). The two stores are then compared table by
table. Reported: best round of each, the ratio, and whether the stores are identical.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TABLES = {"articles": "id", "actors": "article_id, id", "statements": "article_id, id", "events": "article_id, id",
          "amounts": "article_id, position", "minhash": "article_id", "minhash_bands": "band, bucket, article_id"}


def records(n: int) -> list[Any]:
    from onrecord.pipeline import get_analyzer, sources_from_paths
    from onrecord.settings import Settings

    settings = Settings()
    analyzer = get_analyzer(settings)
    paths = [str(ROOT / "examples" / "corpus"), str(ROOT / "tests" / "fixtures" / "articles")]
    base = list(analyzer.records([analyzer.article(s) for s in sources_from_paths(paths, settings)]))
    out = []
    for i in range(n):
        r = base[i % len(base)]
        article = r.article.model_copy(update={"id": f"{r.article.id}-{i}",
                                               "text": r.article.text + f"\n\nCopy {i} of the story."})
        out.append(r.model_copy(update={"article": article}))
    return out


def reference_store() -> type:
    """Store with the writes of before: executemany per row table and MinHash in Python integers."""
    from onrecord.store import Store, minhash

    def signature(text: str, permutations: int, words: int) -> tuple[tuple[int, ...], int]:
        grams = minhash.shingles(text, words)
        if not grams:
            return tuple(minhash._PRIME for _ in range(permutations)), 0
        return tuple(min((a * x + b) % minhash._PRIME for x in grams)
                     for a, b in minhash._coefficients(permutations)), len(grams)

    class ReferenceStore(Store):
        def add(self, record: Any) -> Any:
            saved = minhash.signature
            minhash.signature = signature   # the module function add() calls; restored below
            try:
                return super().add(record)
            finally:
                minhash.signature = saved

        def _insert_rows(self, tables: Any) -> None:
            for table, values in tables:
                if values:
                    width = len(values[0])
                    self.conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * width)})", values)

    return ReferenceStore


def run(cls: type, recs: list[Any], path: Path) -> float:
    from onrecord.settings import StoreSettings

    path.unlink(missing_ok=True)
    with cls.open(path, StoreSettings()) as store:
        t = time.perf_counter()
        for r in recs:
            store.add(r)
        return time.perf_counter() - t


def dump(path: Path) -> dict[str, list[Any]]:
    import duckdb

    conn = duckdb.connect(str(path), read_only=True)
    try:
        return {t: conn.execute(f"SELECT * EXCLUDE (added_at) FROM {t} ORDER BY {o}" if t == "articles"
                                else f"SELECT * FROM {t} ORDER BY {o}").fetchall() for t, o in TABLES.items()}
    finally:
        conn.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    from onrecord.store import Store

    recs = records(a.articles)
    ref_cls = reference_store()
    best_ref = best_new = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        ref_path, new_path = Path(tmp) / "reference.duckdb", Path(tmp) / "store.duckdb"
        for _ in range(a.rounds):
            best_ref = min(best_ref, run(ref_cls, recs, ref_path))
            best_new = min(best_new, run(Store, recs, new_path))
        identical = dump(ref_path) == dump(new_path)
    n = len(recs)
    result = {"articles": n, "rounds": a.rounds, "reference_ms_per_article": round(1000 * best_ref / n, 1),
              "store_add_ms_per_article": round(1000 * best_new / n, 1), "speedup": round(best_ref / best_new, 2),
              "identical_tables": identical}
    print(f"{n} articles, best of {a.rounds}: reference {result['reference_ms_per_article']} ms/article, "
          f"Store.add {result['store_add_ms_per_article']} ms/article, {result['speedup']}x; "
          f"tables identical: {identical}")
    if a.json:
        a.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
