"""The Dask task: one partition of input files → Parquet parts; runs inside a worker process.

The analyzer (spaCy model, gazetteer) is built once per worker process by the cached
`get_analyzer(settings)`; tasks send back counts and file names, never records or Docs.
"""
from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import OnrecordError
from ..model import Failure, Record
from ..pipeline import Analyzer, Source, get_analyzer, sources_from_paths
from ..settings import Settings
from .manifest import Partition, PartitionResult

log = logging.getLogger(__name__)


def warm(settings: Settings) -> str:
    """Load the analyzer in this process (a no-op task run on each worker before timing)."""
    return model_name(get_analyzer(settings))


def model_name(analyzer: Analyzer) -> str:
    """The loaded spaCy pipeline as "lang_name version"."""
    meta = analyzer.nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}"


def run_partition(partition: Partition, settings: Settings, out: str) -> PartitionResult:
    """Analyse a partition's files with nlp.pipe and write its Parquet parts under `out`."""
    from ..export.tables import write_part

    start = time.perf_counter()
    analyzer = get_analyzer(settings)
    sources = list(sources_from_paths(partition.inputs, settings))
    items = list(enumerate(analyse(analyzer, sources), partition.first_index))
    written = write_part(Path(out), partition.id, items)
    failures = [{"source": x.source, "code": x.code, "message": x.message} for _, x in items
                if isinstance(x, Failure)]
    seconds = time.perf_counter() - start
    log.info("partition %s: %d inputs in %.1f s", partition.id, len(items), seconds)
    return PartitionResult(partition.id, list(written.files), written.counts, failures, seconds,
                           model_name(analyzer), f"{socket.gethostname()}:{os.getpid()}")


def analyse(analyzer: Analyzer, sources: list[Source]) -> Iterator[Record | Failure]:
    """Records or Failures in input order; an error that sinks a batch is retried input by input."""
    try:
        results = list(analyzer.run(sources))
    except OnrecordError:
        # analysis errors (unlike input errors) abort the whole nlp.pipe batch: find the culprit
        results = []
        for source in sources:
            try:
                results.extend(analyzer.run([source]))
            except OnrecordError as e:
                results.append(Failure(source=source.name, code=getattr(e, "code", "E000"),
                                       message=getattr(e, "reason", str(e))))
    yield from results
