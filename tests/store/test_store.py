"""Store writes: schema and migrations, idempotency, near-duplicates, per-article atomicity."""
from __future__ import annotations

import duckdb
import pytest

from onrecord.errors import StoreCodedError
from onrecord.model import Event
from onrecord.settings import StoreSettings
from onrecord.store import SCHEMA_VERSION, Store, ingest
from onrecord.store.schema import current_version, migrate

from .conftest import FIXTURES


def _tables(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def test_store_open_creates_latest_schema(store):
    assert current_version(store.conn) == SCHEMA_VERSION == 2
    assert {"articles", "actors", "statements", "events", "amounts", "minhash", "minhash_bands", "threads",
            "thread_members", "schema_version"} <= _tables(store.conn)


def test_store_migrates_v1_file_keeping_data(tmp_path, fixture_records):
    path = tmp_path / "old.duckdb"
    conn = duckdb.connect(str(path))
    assert migrate(conn, str(path), upto=1) == 1
    assert "threads" not in _tables(conn)
    conn.close()
    with Store.open(path, StoreSettings()) as s:
        s.add(fixture_records["harbor-original"])
    conn = duckdb.connect(str(path))
    migrate(conn, str(path), upto=1)   # a no-op on a newer store
    conn.close()
    with Store.open(path, StoreSettings()) as s:
        assert current_version(s.conn) == 2
        assert "threads" in _tables(s.conn)
        assert s.count_articles() == 1
        assert [v for (v,) in s.conn.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()] == [1, 2]


def test_store_refuses_newer_schema(tmp_path):
    path = tmp_path / "future.duckdb"
    with Store.open(path, StoreSettings()) as s:
        s.conn.execute("INSERT INTO schema_version (version) VALUES (99)")
    with pytest.raises(StoreCodedError) as err:
        Store.open(path, StoreSettings())
    assert err.value.code == "E031"


def test_store_add_is_idempotent(store, fixture_records):
    record = fixture_records["harbor-original"]
    first = store.add(record)
    before = store.stats()
    second = store.add(record)
    assert (first.status, first.article_id, first.group) == ("added", record.article.id, record.article.id)
    assert (second.status, second.article_id) == ("duplicate", record.article.id)
    assert store.stats() == before
    assert (before.articles, before.statements, before.events) == (1, len(record.statements), len(record.events))


def test_store_get_record_round_trips(store, fixture_records):
    record = fixture_records["harbor-original"]
    store.add(record)
    assert store.get_record(record.article.id) == record
    assert store.get_record("no-such-id") is None


def test_store_groups_syndicated_copy(store, fixture_records):
    original, copy = fixture_records["harbor-original"], fixture_records["harbor-syndicated"]
    assert original.article.id != copy.article.id
    store.add(original)
    result = store.add(copy)
    other = store.add(fixture_records["river-unrelated"])
    assert result.status == "near-duplicate"
    assert result.group == original.article.id
    assert result.similarity is not None and result.similarity >= 0.8
    assert other.status == "added"
    assert store.count_articles() == 2
    assert store.count_articles(canonical_only=False) == 3


def test_store_write_is_atomic_per_article(store, fixture_records):
    record = fixture_records["harbor-original"]
    # two events with one id: the events insert (after articles, actors, statements) violates the key
    dup = record.events[0].model_copy()
    broken = record.model_copy(update={"events": [*record.events, Event.model_validate(dup.to_dict())]})
    with pytest.raises(StoreCodedError) as err:
        store.add(broken)
    assert err.value.code == "E033"
    aid = record.article.id
    for table in ("articles", "minhash"):
        column = "id" if table == "articles" else "article_id"
        assert store.conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", [aid]).fetchone() == (0,)
    for table in ("actors", "statements", "events", "amounts", "minhash_bands"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    assert store.add(record).status == "added"   # the store is still usable, and the article can be retried


def test_ingest_twice_skips_stored_articles(tmp_path, analyzer):
    from onrecord.pipeline import sources_from_paths

    path = tmp_path / "store.duckdb"
    sources = list(sources_from_paths([str(FIXTURES), str(tmp_path / "missing.txt")], analyzer.settings))
    with Store.open(path, StoreSettings()) as s:
        first = ingest(analyzer, sources, s, batch_size=2)
        counts = s.stats()
    with Store.open(path, StoreSettings()) as s:
        second = ingest(analyzer, sources, s, batch_size=2)
        assert s.stats() == counts
    assert (first.added, first.near_duplicates, first.duplicates) == (2, 1, 0)
    assert (second.added, second.near_duplicates, second.duplicates) == (0, 0, 3)
    assert [f.code for f in first.failures] == [f.code for f in second.failures] == ["E006"]
    assert counts.articles == 3 and counts.canonical == 2
