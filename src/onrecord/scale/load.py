"""Parquet output of `onrecord batch` (or `export --format parquet`) into the DuckDB store.

Records are rebuilt from the `record` JSON column and written with `Store.add`, so a load is
idempotent (stored ids and texts are duplicates) and syndicated copies are grouped as in
`onrecord ingest`. Partitions are loaded in input order, so copies group the same way.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ScaleError
from ..export.tables import read_records
from ..store import Store
from ..store.types import tally
from .manifest import MANIFEST, read_manifest

log = logging.getLogger(__name__)


@dataclass
class LoadReport:
    """Counts of one load."""
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    threads: int | None = None         # threads built after the load (None = not built)

    @property
    def total(self) -> int:
        return self.added + self.duplicates + self.near_duplicates


def table_files(directory: Path, table: str) -> list[list[Path]]:
    """A table's Parquet files grouped by part, in part order; only complete partitions of a manifest."""
    if (directory / MANIFEST).exists():
        data = read_manifest(directory)
        groups = [[directory / f for f in p["files"] if f.startswith(f"{table}/")]
                  for p in data["partitions"] if p.get("status") == "complete"]
    else:
        by_part: dict[str, list[Path]] = defaultdict(list)
        for path in sorted(directory.glob(f"{table}/date=*/part-*.parquet")):
            by_part[path.name].append(path)
        groups = [by_part[k] for k in sorted(by_part)]
    if not any(groups) and table == "articles":
        raise ScaleError("E094", path=directory)
    return groups


def load_parquet(directory: Path, store: Store, *, threads: bool = True,
                 advance: Callable[[int], None] | None = None) -> LoadReport:
    """Add every record of a Parquet output directory to the store, then rebuild claim threads."""
    report = LoadReport()
    for files in table_files(directory, "articles"):
        records = sorted(read_records(files), key=lambda item: item[0])
        for _, record in records:
            tally(report, store.add(record).status)
        if advance is not None:
            advance(len(records))
    log.info("load %s: %d added, %d duplicates, %d near-duplicates", directory, report.added,
             report.duplicates, report.near_duplicates)
    if threads:
        from ..threads import build_threads

        report.threads = len(build_threads(store))
    return report
