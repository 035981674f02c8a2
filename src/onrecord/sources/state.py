"""The URLs `watch` has already handled, kept in a table of the store's own DuckDB file."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import Provenance

if TYPE_CHECKING:
    import duckdb

    from ..store import Store

TABLE = "sources_seen"
MAX_ATTEMPTS = 5     # a URL failing transiently (timeouts, 5xx) is tried in this many cycles, then given up

# Not part of the store's versioned schema: the store knows nothing of it, and a store without
# it is simply a store nothing was watched into. Created on first use.
_CREATE = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
    url VARCHAR PRIMARY KEY,
    outcome VARCHAR NOT NULL,          -- added, duplicate, near-duplicate, failed, or retry (transient)
    attempts INTEGER NOT NULL,
    final_url VARCHAR, status INTEGER, content_hash VARCHAR, article_id VARCHAR, code VARCHAR,
    seen_at TIMESTAMPTZ DEFAULT current_timestamp)"""


class SeenUrls:
    """Item URLs already fetched (or given up on); each mark is committed at once."""

    def __init__(self, conn: "duckdb.DuckDBPyConnection") -> None:
        self.conn = conn
        conn.execute(_CREATE)

    @classmethod
    def of(cls, store: "Store") -> "SeenUrls":
        """The seen-URL table in store's database file."""
        return cls(store.conn)

    def done(self, urls: Iterable[str]) -> set[str]:
        """Those of urls that need no fetching: handled, or failed transiently MAX_ATTEMPTS times."""
        wanted = list(dict.fromkeys(urls))
        if not wanted:
            return set()
        rows = self.conn.execute(
            f"SELECT url FROM {TABLE} WHERE url IN (SELECT unnest(?::VARCHAR[])) "
            "AND (outcome <> 'retry' OR attempts >= ?)", [wanted, MAX_ATTEMPTS]).fetchall()
        return {r[0] for r in rows}

    def mark(self, urls: Iterable[str], outcome: str, *, provenance: Provenance | None = None,
             article_id: str | None = None, code: str | None = None) -> None:
        """Record urls (an item URL and the URL it redirected to) as handled with this outcome."""
        p = provenance or Provenance()
        for url in dict.fromkeys(u for u in urls if u):
            row = self.conn.execute(f"SELECT attempts FROM {TABLE} WHERE url = ?", [url]).fetchone()
            attempts = (row[0] if row else 0) + 1
            self.conn.execute(
                f"INSERT OR REPLACE INTO {TABLE} (url, outcome, attempts, final_url, status, content_hash, "
                "article_id, code, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)",
                [url, outcome, attempts, p.url, p.status, p.content_hash, article_id, code])

    def count(self, outcome: str | None = None) -> int:
        """How many URLs are recorded (with this outcome, if given)."""
        if outcome is None:
            row = self.conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()
        else:
            row = self.conn.execute(f"SELECT count(*) FROM {TABLE} WHERE outcome = ?", [outcome]).fetchone()
        return int(row[0]) if row else 0


VALIDATORS = "listings_seen"
_CREATE_VALIDATORS = f"""CREATE TABLE IF NOT EXISTS {VALIDATORS} (
    url VARCHAR PRIMARY KEY,
    etag VARCHAR, last_modified VARCHAR,
    checked_at TIMESTAMPTZ DEFAULT current_timestamp)"""


class ListingValidators:
    """ETag and Last-Modified of each feed or sitemap read, for the next cycle's conditional GET."""

    def __init__(self, conn: "duckdb.DuckDBPyConnection") -> None:
        self.conn = conn
        conn.execute(_CREATE_VALIDATORS)

    @classmethod
    def of(cls, store: "Store") -> "ListingValidators":
        return cls(store.conn)

    def get(self, url: str) -> tuple[str | None, str | None]:
        """(etag, last_modified) kept for url, or (None, None)."""
        row = self.conn.execute(f"SELECT etag, last_modified FROM {VALIDATORS} WHERE url = ?", [url]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Keep the validators of a listing that was read (none: the next GET is unconditional)."""
        self.conn.execute(f"INSERT OR REPLACE INTO {VALIDATORS} (url, etag, last_modified, checked_at) "
                          "VALUES (?, ?, ?, current_timestamp)", [url, etag, last_modified])
