"""The server's one writer: articles POSTed to /api/articles are analysed and stored while reads go on.

DuckDB lets one process write a file, and `onrecord serve` holds it; so ingest while serving
goes through the server (`onrecord ingest --server URL`). Two background threads do the work:

- the **writer** analyses each article (the model loads on the first write) and adds its record
  in one transaction on its own cursor, exactly as `onrecord ingest` does;
- the **refresher**, `api.refresh_delay` seconds after the last write, rebuilds the claim
  threads and a new read model from one snapshot of the store, saves the threads, then swaps
  the model in.

Readers keep the read model they started with, so a page is never a mix of two; a new article
is in the article endpoint (which reads the store) at once and in the lists after the refresh.
`GET /api/status` tells which generation of the read model is being served.
"""
from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..settings import Settings

if TYPE_CHECKING:
    from ..pipeline import Analyzer, Source
    from ..store import Store
    from ..threads import Thread
    from .views import Views

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WriteResult:
    status: str                # added | near-duplicate | duplicate
    id: str
    group: str
    statements: int
    events: int


class Writer:
    """Serialises writes to the server's store and refreshes its read model after them."""

    def __init__(self, store: "Store", settings: Settings, publish: Callable[["Views"], None],
                 build_views: Callable[["Store", "list[Thread]"], "Views"]) -> None:
        self._store = store
        self._settings = settings
        self._publish = publish
        self._build_views = build_views
        self._writes = ThreadPoolExecutor(1, thread_name_prefix="onrecord-writer")
        self._refreshes = ThreadPoolExecutor(1, thread_name_prefix="onrecord-refresh")
        self._local = threading.local()
        self._cond = threading.Condition()
        self._due: float | None = None       # when the next refresh should start
        self._running = False                # a refresh loop is scheduled or running
        self._closed = False
        self.generation = 1                  # the read model being served (1 = built at startup)
        self.added = 0
        self.last_refresh_s: float | None = None
        self.refresh_failures = 0
        self._analyzer: "Analyzer | None" = None

    # -- writes ---------------------------------------------------------------------------
    def submit(self, source: "Source") -> "Future[WriteResult]":
        """Analyse and store one source on the writer thread."""
        return self._writes.submit(self._write, source)

    def _cursor(self) -> "Store":
        from ..store import Store

        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self._store.conn.cursor(), self._store.settings, self._store.name)
        return store

    def _write(self, source: "Source") -> WriteResult:
        from ..pipeline import get_analyzer

        if self._analyzer is None:
            log.info("loading the model for the first write")
            self._analyzer = get_analyzer(self._settings)
        analyzer = self._analyzer
        article = analyzer.article(source)
        store = self._cursor()
        if store.contains(article.id):
            return WriteResult("duplicate", article.id, article.id, 0, 0)
        record = next(analyzer.records([article]))
        result = store.add(record)
        if result.status != "duplicate":
            self.added += 1
            self._schedule()
        return WriteResult(result.status, result.article_id, result.group, len(record.statements),
                           len(record.events))

    # -- refreshes ------------------------------------------------------------------------
    @property
    def pending(self) -> bool:
        """True while a write has not yet reached the read model."""
        with self._cond:
            return self._running

    def _schedule(self) -> None:
        with self._cond:
            self._due = time.monotonic() + self._settings.api.refresh_delay
            if not self._running and not self._closed:
                self._running = True
                self._refreshes.submit(self._refresh_loop)
            self._cond.notify_all()

    def _refresh_loop(self) -> None:
        while True:
            with self._cond:
                while self._due is not None and not self._closed and (wait := self._due - time.monotonic()) > 0:
                    self._cond.wait(wait)
                if self._closed or self._due is None:
                    self._running = False
                    return
                self._due = None
            try:
                self._refresh()
            except Exception:   # a failed refresh keeps the old read model; the next write retries
                self.refresh_failures += 1
                log.exception("read model refresh failed; still serving generation %d", self.generation)

    def _refresh(self) -> None:
        from ..bulk import collector_paused
        from ..threads.build import group_threads
        from ..threads.persist import save_threads

        start = time.monotonic()
        store = self._cursor()
        # one snapshot for every read of the refresh: articles the writer adds meanwhile are in
        # none of them (the next refresh takes them), so no list pages over a moving table
        store.conn.execute("BEGIN TRANSACTION")
        try:
            with collector_paused():
                threads = group_threads(list(store.iter_records(canonical_only=True)),
                                        store.settings.thread_min_overlap)
                if self._closed:
                    return
                views = self._build_views(store, threads)
        finally:
            store.conn.execute("COMMIT")
        save_threads(store, threads)
        self.generation += 1
        self._publish(views)
        self.last_refresh_s = round(time.monotonic() - start, 3)
        log.info("read model generation %d built in %.1f s", self.generation, self.last_refresh_s)
        gc.collect()

    def status(self) -> dict[str, Any]:
        return {"generation": self.generation, "added": self.added, "refresh_pending": self.pending,
                "last_refresh_s": self.last_refresh_s, "refresh_failures": self.refresh_failures,
                "model_loaded": self._analyzer is not None}

    def close(self) -> None:
        """Finish the queued writes, then stop (a pending refresh is dropped: the store has the data)."""
        self._writes.shutdown(wait=True)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._refreshes.shutdown(wait=True)
