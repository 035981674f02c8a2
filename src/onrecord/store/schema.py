"""The store's versioned schema: an ordered list of migrations, applied at open.

Each migration is a list of SQL statements run in one transaction together with the
`schema_version` row that records it, so a store is always at exactly one version.
Never edit a released migration; append a new one.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..errors import StoreCodedError

if TYPE_CHECKING:
    import duckdb

log = logging.getLogger(__name__)

# v1: the onrecord/1 record as tables, plus MinHash signatures and LSH bands for syndication.
V1 = [
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        source VARCHAR, title VARCHAR, authors VARCHAR[],
        published VARCHAR,             -- as in the record (ISO 8601, maybe date only)
        published_ts TIMESTAMPTZ,      -- NULL when the record has no time of day
        published_date DATE,
        dateline VARCHAR, publisher VARCHAR, language VARCHAR,
        text VARCHAR NOT NULL,
        record JSON NOT NULL,
        content_hash VARCHAR NOT NULL,
        dup_group VARCHAR NOT NULL,    -- id of the first stored copy; = id for canonical articles
        similarity DOUBLE,             -- containment estimate against the matched stored article
        added_at TIMESTAMPTZ DEFAULT current_timestamp)""",
    "CREATE INDEX articles_hash ON articles (content_hash)",
    "CREATE INDEX articles_group ON articles (dup_group)",
    """CREATE TABLE actors (
        article_id VARCHAR NOT NULL, id VARCHAR NOT NULL,
        name VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, kind VARCHAR, named BOOLEAN,
        mentions INTEGER,
        PRIMARY KEY (article_id, id))""",
    "CREATE INDEX actors_code ON actors (code)",
    """CREATE TABLE statements (
        article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, position INTEGER,
        speaker_actor VARCHAR, speaker_text VARCHAR, speaker_code VARCHAR, speaker_country VARCHAR,
        speaker_named BOOLEAN,
        cue_text VARCHAR, cue_lemma VARCHAR, cue_start INTEGER, cue_end INTEGER,
        polarity VARCHAR, certainty VARCHAR, quote VARCHAR,
        content_text VARCHAR,          -- the content spans joined by " … "
        content JSON,                  -- the content spans with offsets
        proposition VARCHAR,
        date VARCHAR,                  -- as in the record (day, month or year)
        day DATE,                      -- first day of `date`, else the article's published date
        PRIMARY KEY (article_id, id))""",
    "CREATE INDEX statements_country ON statements (speaker_country)",
    "CREATE INDEX statements_lemma ON statements (cue_lemma)",
    """CREATE TABLE events (
        article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, position INTEGER,
        type VARCHAR, mode VARCHAR, context VARCHAR[],
        actor_ids VARCHAR[], recipient_ids VARCHAR[],
        actor_countries VARCHAR[], recipient_countries VARCHAR[],
        actor_codes VARCHAR[], recipient_codes VARCHAR[],
        trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
        attributed_to VARCHAR,
        negated BOOLEAN, hypothetical BOOLEAN, future BOOLEAN, historical BOOLEAN,
        date_value VARCHAR, date_precision VARCHAR,
        day DATE,                      -- first day of date_value, else the article's published date
        score DOUBLE,
        PRIMARY KEY (article_id, id))""",
    "CREATE INDEX events_type ON events (type)",
    """CREATE TABLE amounts (
        article_id VARCHAR NOT NULL, position INTEGER NOT NULL,
        value DOUBLE, approximate BOOLEAN, object VARCHAR,
        span_text VARCHAR, span_start INTEGER, span_end INTEGER,
        PRIMARY KEY (article_id, position))""",
    """CREATE TABLE minhash (
        article_id VARCHAR PRIMARY KEY, signature UBIGINT[] NOT NULL,
        shingles INTEGER NOT NULL)     -- size of the shingle set, for containment estimates""",
    """CREATE TABLE minhash_bands (
        band SMALLINT NOT NULL, bucket BIGINT NOT NULL, article_id VARCHAR NOT NULL)""",
    "CREATE INDEX minhash_bands_bucket ON minhash_bands (band, bucket)",
]

# v2: claim threads, rebuilt on demand by onrecord.threads (no unique keys: rebuilt by delete+insert).
V2 = [
    """CREATE TABLE threads (
        id VARCHAR NOT NULL, family VARCHAR, side_a VARCHAR[], side_b VARCHAR[], keywords VARCHAR[],
        status VARCHAR, first_date VARCHAR, last_date VARCHAR,
        members INTEGER, articles INTEGER, label VARCHAR, position INTEGER)""",
    """CREATE TABLE thread_members (
        thread_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
        article_id VARCHAR NOT NULL, statement_id VARCHAR NOT NULL,
        speaker_text VARCHAR, speaker_code VARCHAR, speaker_country VARCHAR,
        cue_lemma VARCHAR, polarity VARCHAR, certainty VARCHAR, stance VARCHAR,
        date VARCHAR, content_text VARCHAR, via VARCHAR, event_id VARCHAR, status_after VARCHAR)""",
    "CREATE INDEX thread_members_thread ON thread_members (thread_id)",
]

MIGRATIONS: tuple[list[str], ...] = (V1, V2)
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: "duckdb.DuckDBPyConnection") -> int:
    """The schema version of an open database (0 for an empty one)."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                 "version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ DEFAULT current_timestamp)")
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(conn: "duckdb.DuckDBPyConnection", path: str, upto: int = SCHEMA_VERSION) -> int:
    """Apply the migrations after the database's version, up to `upto`; returns the new version."""
    found = current_version(conn)
    if found > SCHEMA_VERSION:
        raise StoreCodedError("E031", path=path, found=found, known=SCHEMA_VERSION)
    for version in range(found + 1, upto + 1):
        conn.execute("BEGIN TRANSACTION")
        try:
            for sql in MIGRATIONS[version - 1]:
                conn.execute(sql)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        log.info("store %s migrated to schema version %d", path, version)
    return max(found, upto)
