"""`onrecord ingest` SIGKILLed at random points, then rerun: every article stored once, none partial, same threads."""
from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from .crash_helpers import (audit_store, kill_loop, records_by_id, run, stored_count, thread_sets,
                            write_articles, write_config)

ARTICLES = 40
KILLS = 3
BATCH = 4        # store.batch_size: small, so commits are spread over the whole run


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The synthetic articles, a config, and an uninterrupted ingest of them (db, seconds, startup seconds)."""
    root = tmp_path_factory.mktemp("crash-ingest")
    write_articles(root / "articles", ARTICLES, seed=7)
    config = write_config(root / "onrecord.toml", BATCH)
    reference = root / "reference.duckdb"
    args = ["ingest", str(root / "articles"), "--db", str(reference), "--config", str(config)]
    start = time.perf_counter()
    done = run(args)
    seconds = time.perf_counter() - start
    assert done.returncode == 0, done.stderr[-2000:]
    start = time.perf_counter()
    again = run(args)          # everything stored: model load plus id lookups only
    startup = time.perf_counter() - start
    assert again.returncode == 0, again.stderr[-2000:]
    return root, config, reference, seconds, startup


def test_reference_run_is_distinct_and_complete(corpus):
    _, _, reference, _, _ = corpus
    audit = audit_store(reference)
    assert (audit.articles, audit.distinct_ids, audit.copies) == (ARTICLES, ARTICLES, 0)
    assert audit.partial == []
    assert max(len(t) for t in thread_sets(reference)) >= 3      # threads span articles


def test_ingest_killed_repeatedly_stores_each_article_once(corpus):
    root, config, reference, seconds, startup = corpus
    db = root / "killed.duckdb"
    per_article = max(seconds - startup, 0.5) / ARTICLES
    rng = random.Random(11)

    def delay(stored: int, kills: int) -> float:
        # after the model loads, somewhere inside the work still left
        return startup + rng.uniform(0.1, 0.9) * (ARTICLES - stored) * per_article

    log = kill_loop(["ingest", str(root / "articles"), "--db", str(db), "--config", str(config)],
                    KILLS, delay, lambda: stored_count(db), ARTICLES)
    assert log.kills >= 2, log.attempts
    assert any(0 < stored < ARTICLES for delay_s, stored in log.attempts if delay_s is not None), log.attempts

    audit = audit_store(db)
    assert (audit.articles, audit.distinct_ids, audit.copies) == (ARTICLES, ARTICLES, 0)
    assert audit.duplicate_rows == {"actors": 0, "statements": 0, "events": 0, "amounts": 0}
    assert audit.orphan_rows == {"actors": 0, "statements": 0, "events": 0, "amounts": 0}
    assert audit.partial == []
    assert audit.minhash_ok
    assert records_by_id(db) == records_by_id(reference)
    assert thread_sets(db) == thread_sets(reference)


def test_stored_count_of_missing_store_is_zero(tmp_path: Path):
    assert stored_count(tmp_path / "none.duckdb") == 0
