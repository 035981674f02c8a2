"""Analyse inputs and store their records, skipping articles already stored (resumable)."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import OnrecordError
from ..model import Article, Failure, Record
from .store import Store
from .types import tally

if TYPE_CHECKING:
    from ..pipeline import Analyzer, Source

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """Counts of one ingest run, and the inputs that failed."""
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.duplicates + self.near_duplicates + len(self.failures)


def ingest(analyzer: "Analyzer", sources: Iterable["Source"], store: Store, *, batch_size: int = 32,
           advance: Callable[[int], None] | None = None) -> IngestReport:
    """Analyse sources in batches and add their records; stored ids are skipped before analysis."""
    report = IngestReport()
    batch: list[Article] = []
    queued: set[str] = set()
    step = advance or (lambda n: None)

    def flush() -> None:
        _store_batch(analyzer, batch, store, report)
        step(len(batch))
        batch.clear()
        queued.clear()

    for source in sources:
        try:
            article = analyzer.article(source)
        except OnrecordError as e:
            report.failures.append(_failure(source.name, e))
            step(1)
            continue
        if store.contains(article.id) or article.id in queued:
            report.duplicates += 1
            step(1)
            continue
        batch.append(article)
        queued.add(article.id)
        if len(batch) >= max(1, batch_size):
            flush()
    if batch:
        flush()
    log.info("ingest: %d added, %d duplicates, %d near-duplicates, %d failed", report.added,
             report.duplicates, report.near_duplicates, len(report.failures))
    return report


def _store_batch(analyzer: "Analyzer", articles: list[Article], store: Store, report: IngestReport) -> None:
    try:
        records = list(analyzer.records(articles))
    except OnrecordError:
        # one bad article must not sink its batch: redo them one by one to find it
        for article in articles:
            try:
                records = list(analyzer.records([article]))
            except OnrecordError as e:
                report.failures.append(_failure(article.source or article.id, e))
                continue
            _add(records[0], store, report)
        return
    for record in records:
        _add(record, store, report)


def _add(record: Record, store: Store, report: IngestReport) -> None:
    try:
        result = store.add(record)
    except OnrecordError as e:
        report.failures.append(_failure(record.article.source or record.article.id, e))
        return
    tally(report, result.status)


def _failure(source: str, e: OnrecordError) -> Failure:
    return Failure(source=source, code=getattr(e, "code", "E000"), message=getattr(e, "reason", str(e)))
