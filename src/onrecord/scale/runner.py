"""The Dask driver of `onrecord batch`: partitions in, one task each, the manifest updated as they finish."""
from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ScaleError
from ..model import Failure
from ..settings import Settings
from .manifest import Manifest, PartitionResult, expand_paths, make_partitions
from .worker import run_partition

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)


@dataclass
class BatchReport:
    """Counts of one batch run; `failures` lists inputs that could not be analysed."""
    out: Path
    partitions: int = 0
    skipped: int = 0                   # partitions already complete in the manifest
    completed: int = 0
    failed: dict[str, str] = field(default_factory=dict)   # partition id → reason
    counts: dict[str, int] = field(default_factory=dict)   # rows written this run, by table
    failures: list[Failure] = field(default_factory=list)


def run_batch(inputs: Iterable[str], out: Path, settings: Settings, *, client: "Client | None" = None,
              advance: Callable[[PartitionResult | None], None] | None = None) -> BatchReport:
    """Analyse inputs on Dask into Parquet under `out`; partitions complete in the manifest are skipped."""
    partitions = make_partitions(expand_paths(inputs), settings.scale.partition_size)
    manifest = Manifest.open(out, settings)
    todo = manifest.plan(partitions)
    manifest.save()
    report = BatchReport(out, len(partitions), len(partitions) - len(todo))
    if not todo:
        return report
    run = uuid.uuid4().hex[:12]     # task keys must be new each run, or Dask hands back old results
    by_key = {f"onrecord-part-{p.id}-{run}": p for p in todo}
    with _client(settings, client) as c:
        from distributed import as_completed

        futures = [c.submit(run_partition, p, settings, str(out), key=key, pure=False, retries=1)
                   for key, p in by_key.items()]
        for future in as_completed(futures):
            partition = by_key[future.key]
            try:
                result = future.result()
            # a worker's exception (any type, or KilledWorker) is re-raised here: record it, go on
            except Exception as e:  # noqa: BLE001
                reason = f"{type(e).__name__}: {e}"
                log.warning("partition %s failed: %s", partition.id, reason)
                manifest.fail(partition.id, reason)
                report.failed[partition.id] = str(ScaleError("E093", partition=partition.id, reason=reason))
                result = None
            else:
                manifest.complete(result)
                report.completed += 1
                for table, n in result.counts.items():
                    report.counts[table] = report.counts.get(table, 0) + n
                report.failures.extend(Failure(**f) for f in result.failures)
            manifest.save()
            if advance is not None:
                advance(result)
            future.release()
    return report


@contextlib.contextmanager
def _client(settings: Settings, client: "Client | None") -> Iterator["Client"]:
    """The given client, a client of scale.scheduler, or a LocalCluster of worker processes."""
    if client is not None:
        yield client
        return
    from distributed import Client

    scale = settings.scale
    if scale.scheduler:
        try:
            remote = Client(scale.scheduler, timeout=f"{scale.connect_timeout}s")
        except (OSError, TimeoutError) as e:
            raise ScaleError("E092", address=scale.scheduler, reason=str(e)) from e
        with remote:
            yield remote
        return
    with local_cluster(settings) as cluster, Client(cluster) as local:
        yield local


def local_cluster(settings: Settings, workers: int | None = None):  # type: ignore[no-untyped-def]
    """A LocalCluster of single-threaded worker processes (scale.workers; 0 = one per core)."""
    from distributed import LocalCluster

    n = workers if workers is not None else settings.scale.workers
    if n < 0:
        raise ScaleError("E097", name="scale.workers", value=n, reason="must be 0 (one per core) or more")
    # spaCy parsing is CPU-bound Python: one thread per process, one process per core
    return LocalCluster(n_workers=n or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                        memory_limit=settings.scale.memory_limit, dashboard_address=None,
                        # no dashboard; the scheduler's small HTTP server on a free port, not 8787
                        scheduler_kwargs={"dashboard_address": ":0"})
