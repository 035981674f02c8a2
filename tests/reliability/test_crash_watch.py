"""`onrecord watch --once` SIGKILLed mid-cycle against a local feed, then rerun: each article stored once."""
from __future__ import annotations

import random

import pytest

from .crash_helpers import (FeedSite, article_text, audit_store, run, run_killed, seen_urls, serve, watch_audit,
                            write_config)

ARTICLES = 16
BATCH = 4            # store.batch_size: a kill loses at most the fetched, not yet stored, batch


@pytest.fixture
def site():
    rng = random.Random(3)
    feed = FeedSite([article_text(i, rng) for i in range(ARTICLES)])
    server = serve(feed)
    yield feed
    server.shutdown()
    server.server_close()


def test_watch_killed_mid_cycle_resumes_without_duplicates(tmp_path, site):
    config = write_config(tmp_path / "onrecord.toml", BATCH)
    sources = tmp_path / "SOURCES.txt"
    sources.write_text(site.url("/feed.rss") + "\n", encoding="utf-8")
    db = tmp_path / "watch.duckdb"
    args = ["watch", str(sources), "--once", "--allow-private", "--db", str(db), "--config", str(config)]
    rng = random.Random(5)
    kills = []
    for _ in range(2):
        # kill shortly after the k-th never-fetched page was served: mid-fetch, mid-analysis or mid-write
        site.trigger_at = site.new_fetches + rng.randrange(2, 6)
        site.triggered.clear()
        before = dict(site.hits)
        if run_killed(args, rng.uniform(0.0, 0.4), after=site.triggered):
            fetched = {p for p, n in site.hits.items() if n > before.get(p, 0)}
            kills.append((fetched, seen_urls(db), dict(site.hits)))
    assert len(kills) == 2
    assert 0 < site.new_fetches < ARTICLES      # the kills came mid-cycle
    site.trigger_at = None
    done = run(args)
    assert done.returncode == 0, done.stderr[-2000:]

    for fetched, marked, hits in kills:
        # a kill loses at most the batch in flight; a URL marked before the kill is never fetched again
        assert len({p for p in fetched if site.url(p) not in marked}) <= BATCH
        assert all(site.hits[p] == hits[p] for p in hits if site.url(p) in marked)
    articles, urls, seen, outcomes = watch_audit(db)
    assert (articles, urls) == (ARTICLES, ARTICLES)
    assert seen == ARTICLES
    assert set(outcomes) <= {"added", "duplicate"}
    assert len(site.hits) == ARTICLES
    assert max(site.hits.values()) <= 1 + len(kills), dict(site.hits)
    audit = audit_store(db)
    assert (audit.distinct_ids, audit.copies, audit.partial) == (ARTICLES, 0, [])
    assert audit.duplicate_rows == {"actors": 0, "statements": 0, "events": 0, "amounts": 0}

    hits_after = dict(site.hits)
    again = run(args)                           # a later cycle fetches nothing
    assert again.returncode == 0, again.stderr[-2000:]
    assert sum(site.hits.values()) == sum(hits_after.values())
    assert watch_audit(db)[0] == ARTICLES
