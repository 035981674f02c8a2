"""Polls feeds and sitemaps, fetches the items not seen before, analyses and stores them, rebuilds threads."""
from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import OnrecordError, SourceError
from ..model import Article, Failure, Record
from .feeds import read_listing
from .fetch import Fetcher
from .guard import split_url
from .items import FeedItem, FetchedSource
from .state import ListingValidators, SeenUrls

if TYPE_CHECKING:
    from ..api.client import ServerClient
    from ..pipeline import Analyzer
    from ..store import Store

log = logging.getLogger(__name__)

MAX_SITEMAPS = 50              # child sitemaps of sitemap indexes read per cycle
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.IGNORECASE)
_COUNTERS = {"added": "added", "near-duplicate": "near_duplicates", "duplicate": "duplicates"}
_UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


@dataclass
class CycleReport:
    """Counts of one watch cycle (or one `fetch` run), and what failed."""
    listings: int = 0            # feeds and sitemaps read
    unchanged: int = 0           # feeds and sitemaps that answered 304 Not Modified (not read again)
    listed: int = 0              # distinct item URLs they list
    new: int = 0                 # … not handled in an earlier cycle
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    requests: int = 0            # HTTP requests sent (robots.txt and retries included)
    threads: int | None = None   # threads after the rebuild; None if nothing was added
    # (listing, etag, last_modified) read this cycle: kept only once every item was handled
    validators: list[tuple[str, str | None, str | None]] = field(default_factory=list, repr=False)

    def summary(self) -> str:
        """One line for the log."""
        unchanged = f" ({self.unchanged} more unchanged)" if self.unchanged else ""
        line = (f"{self.listings} feeds/sitemaps{unchanged}, {self.listed} items, {self.new} new: {self.added} added, "
                f"{self.near_duplicates} near-duplicates, {self.duplicates} duplicates, "
                f"{len(self.failures)} failed; {self.requests} requests")
        return line + (f"; {self.threads} threads" if self.threads is not None else "")


def parse_interval(text: str) -> float:
    """Seconds in "90", "30s", "15m", "2h" or "1d"; ValueError for anything else or zero."""
    m = _INTERVAL.match(text)
    if m is None or float(m.group(1)) <= 0:
        raise ValueError(f"{text!r} is not an interval like 30s, 15m, 2h")
    return float(m.group(1)) * _UNIT_SECONDS[(m.group(2) or "s").lower()]


def read_source_list(path: Path) -> list[str]:
    """The feed and sitemap URLs of a sources file: one per line, # starts a comment; E086 for a bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        reason = getattr(e, "strerror", None) or str(e)
        raise SourceError("E089", str(path), what="the sources file", reason=reason) from e
    urls: list[str] = []
    for number, raw in enumerate(lines, 1):
        line = re.split(r"(?:^|\s)#", raw, maxsplit=1)[0].strip()
        if not line:
            continue
        try:
            split_url(line)
        except SourceError as e:
            raise SourceError("E086", f"{path}:{number}", reason=e.reason) from e
        if line not in urls:
            urls.append(line)
    return urls


def poll(fetcher: Fetcher, listing_urls: Iterable[str], report: CycleReport,
         validators: ListingValidators | None = None) -> list[FeedItem]:
    """Items of the feeds and sitemaps (sitemap indexes followed one level), each URL once.

    With validators, each listing is fetched with a conditional GET: one unchanged since the
    last cycle (304) lists nothing new, since its items were handled then. The validators of
    the listings read are left in report.validators; run_cycle keeps them only when the whole
    cycle succeeded, so a stop, a kill or a transient failure means a full GET next time.
    """
    queue = list(listing_urls)
    children = 0
    items: dict[str, FeedItem] = {}
    while queue:
        url = queue.pop(0)
        etag, modified = validators.get(url) if validators is not None else (None, None)
        try:
            fetched = fetcher.fetch(url, etag=etag, last_modified=modified)
            if fetched.not_modified:
                report.unchanged += 1
                continue
            listing = read_listing(fetched.data, url)
        except SourceError as e:
            report.failures.append(_failure(url, e))
            continue
        report.listings += 1
        if fetched.etag or fetched.last_modified:
            report.validators.append((url, fetched.etag, fetched.last_modified))
        for child in listing.sitemaps:
            if children < MAX_SITEMAPS:
                queue.append(child)
                children += 1
        for item in listing.items:
            items.setdefault(item.url, item)
    report.listed = len(items)
    return list(items.values())


class Sink(Protocol):
    """Where a cycle's fetched articles go."""

    def store(self, fetched: Iterable[tuple[str, FetchedSource]], seen: SeenUrls, report: CycleReport) -> None:
        """Analyse and store the fetched sources, marking each item URL in seen once it is handled."""

    def finish(self, report: CycleReport) -> None:
        """After the cycle's articles (threads, logging)."""


class StoreSink:
    """Analyse here and store in the local store file; rebuild threads after a cycle that added any."""

    def __init__(self, analyzer: "Analyzer", store: "Store", batch_size: int = 32) -> None:
        self.analyzer, self.db, self.batch_size = analyzer, store, batch_size

    def store(self, fetched: Iterable[tuple[str, FetchedSource]], seen: SeenUrls, report: CycleReport) -> None:
        store_fetched(self.analyzer, fetched, self.db, seen, report, batch_size=self.batch_size)

    def finish(self, report: CycleReport) -> None:
        _finish(self.db, report)


class ServerSink:
    """Send each fetched article to a running `onrecord serve`, which analyses and stores it and
    rebuilds its threads (`watch --server`): the way to follow feeds into a store being served."""

    def __init__(self, client: "ServerClient") -> None:
        self.client = client

    def store(self, fetched: Iterable[tuple[str, FetchedSource]], seen: SeenUrls, report: CycleReport) -> None:
        from dataclasses import replace

        for item_url, fs in fetched:
            urls = [item_url, fs.provenance.url or fs.source.name]
            posted = self.client.post(replace(fs.source, provenance=fs.provenance))
            if posted.status is None:
                report.failures.append(Failure(source=fs.source.name, code=posted.code or "E000",
                                               message=posted.message or ""))
                if posted.permanent:   # the article itself: do not send it again
                    seen.mark(urls, "failed", provenance=fs.provenance, code=posted.code)
                    continue
                # the server is unreachable: leave this and the remaining items unmarked for the next
                # cycle, rather than fetching them only to fail each after its retries
                report.failures.append(Failure(source=self.client.url, code="E081",
                                               message="server unreachable; the cycle's remaining items wait for "
                                                       "the next cycle"))
                return
            counter = _COUNTERS.get(posted.status, "duplicates")
            setattr(report, counter, getattr(report, counter) + 1)
            seen.mark(urls, posted.status, provenance=fs.provenance, article_id=posted.article_id)

    def finish(self, report: CycleReport) -> None:
        log.info("cycle: %s", report.summary())


def run_cycle(fetcher: Fetcher, listing_urls: Iterable[str], analyzer: "Analyzer | None", store: "Store", *,
              batch_size: int = 32, stop: Callable[[], bool] = lambda: False, sink: Sink | None = None) -> CycleReport:
    """One cycle: poll, fetch the new items, analyse and store them, rebuild threads if any were added.

    store keeps what was seen (item URLs, listing validators); the articles go to sink, by
    default analysed by analyzer into store itself.
    """
    if sink is None:
        assert analyzer is not None
        sink = StoreSink(analyzer, store, batch_size)
    report = CycleReport()
    before = fetcher.requests
    seen = SeenUrls.of(store)
    validators = ListingValidators.of(store)
    items = poll(fetcher, listing_urls, report, validators)
    done = seen.done(i.url for i in items)
    fresh = [i for i in items if i.url not in done]
    report.new = len(fresh)
    sink.store(_fetch_each(fetcher, fresh, seen, report, stop), seen, report)
    if not report.failures and not stop():
        for url, etag, modified in report.validators:
            validators.put(url, etag, modified)
    sink.finish(report)
    report.requests = fetcher.requests - before
    return report


def fetch_urls(fetcher: Fetcher, urls: Iterable[str], analyzer: "Analyzer", store: "Store", *,
               batch_size: int = 32) -> CycleReport:
    """Fetch, analyse and store the given article URLs once (marked seen for later watch cycles)."""
    report = CycleReport()
    before = fetcher.requests
    seen = SeenUrls.of(store)
    items = [FeedItem(url=u) for u in dict.fromkeys(urls)]
    report.listed = report.new = len(items)
    store_fetched(analyzer, _fetch_each(fetcher, items, seen, report, lambda: False), store, seen, report,
                  batch_size=batch_size)
    _finish(store, report)
    report.requests = fetcher.requests - before
    return report


def watch(fetcher: Fetcher, sources_file: Path, analyzer: "Analyzer | None", store: "Store", *, every: float,
          stop: threading.Event, on_cycle: Callable[[CycleReport], None], batch_size: int = 32,
          once: bool = False, sink: Sink | None = None) -> None:
    """Run cycles every `every` seconds until stop is set (or once); the sources file is re-read each cycle."""
    urls = read_source_list(sources_file)
    while not stop.is_set():
        try:
            on_cycle(run_cycle(fetcher, urls, analyzer, store, batch_size=batch_size, stop=stop.is_set, sink=sink))
        except OnrecordError as e:
            if once:
                raise
            log.error("cycle failed, trying again next cycle: %s", e)   # a store or model failure
        if once or stop.wait(every):
            return
        try:
            urls = read_source_list(sources_file)
        except SourceError as e:   # an edit gone wrong mid-run: keep following the last good list
            log.warning("%s; keeping the previous %d sources", e, len(urls))


def _fetch_each(fetcher: Fetcher, items: list[FeedItem], seen: SeenUrls, report: CycleReport,
                stop: Callable[[], bool]) -> Iterator[tuple[str, FetchedSource]]:
    for item in items:
        if stop():
            return
        try:
            fetched = fetcher.fetch(item.url)
        except SourceError as e:
            report.failures.append(_failure(item.url, e))
            seen.mark([item.url], "failed" if e.permanent else "retry", code=e.code)
            continue
        yield item.url, fetched.source(published=item.published)


def store_fetched(analyzer: "Analyzer", fetched: Iterable[tuple[str, FetchedSource]], store: "Store",
                  seen: SeenUrls, report: CycleReport, *, batch_size: int = 32) -> None:
    """Analyse fetched sources in batches and store them with their provenance; each URL marked once stored."""
    batch: list[tuple[str, Article]] = []
    for item_url, fs in fetched:
        urls = [item_url, fs.provenance.url or fs.source.name]
        try:
            article = analyzer.article(fs.source).model_copy(update={"provenance": fs.provenance})
        except OnrecordError as e:
            report.failures.append(_failure(fs.source.name, e))
            seen.mark(urls, "failed", provenance=fs.provenance, code=getattr(e, "code", "E000"))
            continue
        if store.contains(article.id) or any(article.id == a.id for _, a in batch):
            report.duplicates += 1
            seen.mark(urls, "duplicate", provenance=fs.provenance, article_id=article.id)
            continue
        batch.append((item_url, article))
        if len(batch) >= max(1, batch_size):
            _store_batch(analyzer, batch, store, seen, report)
    _store_batch(analyzer, batch, store, seen, report)


def _store_batch(analyzer: "Analyzer", batch: list[tuple[str, Article]], store: "Store", seen: SeenUrls,
                 report: CycleReport) -> None:
    if not batch:
        return
    try:
        pairs: list[tuple[str, Article, Record | OnrecordError]] = [
            (u, a, r) for (u, a), r in zip(batch, analyzer.records([a for _, a in batch]))]
    except OnrecordError:
        # one bad article must not sink its batch: redo them one by one to find it
        pairs = [(u, a, _one_record(analyzer, a)) for u, a in batch]
    batch.clear()
    for item_url, article, record in pairs:
        p = article.provenance
        urls = [item_url, p.url if p is not None else None]
        if isinstance(record, OnrecordError):
            report.failures.append(_failure(article.source or article.id, record))
            seen.mark(urls, "failed", provenance=p, code=getattr(record, "code", "E000"))
            continue
        try:
            result = store.add(record)
        except OnrecordError as e:
            report.failures.append(_failure(article.source or article.id, e))
            continue   # not marked: the store failed, not the article; the next cycle tries again
        counter = _COUNTERS.get(result.status, "duplicates")
        setattr(report, counter, getattr(report, counter) + 1)
        seen.mark(urls, result.status, provenance=p, article_id=result.article_id)


def _one_record(analyzer: "Analyzer", article: Article) -> Record | OnrecordError:
    try:
        return next(analyzer.records([article]))
    except OnrecordError as e:
        return e


def _finish(store: "Store", report: CycleReport) -> None:
    from ..threads import build_threads

    if report.added or report.near_duplicates:
        report.threads = len(build_threads(store))
    log.info("cycle: %s", report.summary())


def _failure(source: str, e: OnrecordError) -> Failure:
    return Failure(source=source, code=getattr(e, "code", "E000"), message=getattr(e, "reason", str(e)))
