"""Write records as PLOVER JSONL, a GDELT 2.0 event table, or date-partitioned Parquet tables."""
from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from ..errors import ScaleError
from ..model import Record
from .plover import EventSelection, plover_event, selected_events

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)

ExportFormat = Literal["plover", "gdelt", "parquet"]
FORMATS: tuple[str, ...] = ("plover", "gdelt", "parquet")
PARQUET_PART_SIZE = 1000           # records per Parquet part of an export


@dataclass
class ExportReport:
    """What an export wrote: files, articles read and rows (events, or articles for Parquet)."""
    format: str
    files: list[Path] = field(default_factory=list)
    articles: int = 0
    rows: int = 0


def coder_name() -> str:
    """The `coder` value of exported records: onrecord and its version."""
    from .. import __version__

    return f"onrecord {__version__}"


def export_records(records: Iterable[Record], format: ExportFormat, out: Path, *,
                   crosswalk: Path | None = None, events: EventSelection = "asserted") -> ExportReport:
    """Write records to `out` in a format; `events` picks the events of PLOVER and GDELT rows."""
    if format == "parquet":
        return _parquet(records, out)
    report = ExportReport(format)
    if format == "plover":
        coder = coder_name()
        with _atomic(out) as fh:
            for record in _counted(records, report):
                for event in selected_events(record, events):
                    fh.write(json.dumps(plover_event(record, event, coder), ensure_ascii=False) + "\n")
                    report.rows += 1
        report.files.append(out)
    elif format == "gdelt":
        from .cameo import reverse_crosswalk
        from .gdelt import GDELT_COLUMNS, gdelt_row

        reverse = reverse_crosswalk(crosswalk) if crosswalk is not None else None
        with _atomic(out) as fh:
            for record in _counted(records, report):
                for event in selected_events(record, events):
                    fh.write("\t".join(gdelt_row(record, event, reverse)) + "\n")
                    report.rows += 1
        header = header_path(out)
        with _atomic(header) as fh:
            fh.write("\t".join(GDELT_COLUMNS) + "\n")
        report.files += [out, header]
    else:
        raise ScaleError("E090", path=out, reason=f"unknown export format {format!r}; known: {', '.join(FORMATS)}")
    log.info("export %s: %d rows from %d articles to %s", format, report.rows, report.articles, out)
    return report


def export_store(store: "Store", format: ExportFormat, out: Path, *, crosswalk: Path | None = None,
                 events: EventSelection = "asserted", canonical_only: bool = True) -> ExportReport:
    """Export the records of a store (one copy per syndication group if canonical_only)."""
    return export_records(store.iter_records(canonical_only=canonical_only), format, out,
                          crosswalk=crosswalk, events=events)


def header_path(out: Path) -> Path:
    """The header file written beside a GDELT table: `events.tsv` → `events.header.tsv`."""
    return out.with_name(f"{out.stem}.header{out.suffix or '.tsv'}")


def _counted(records: Iterable[Record], report: ExportReport) -> Iterator[Record]:
    for record in records:
        report.articles += 1
        yield record


def _parquet(records: Iterable[Record], out: Path) -> ExportReport:
    from .tables import write_part

    report = ExportReport("parquet")
    for stale in out.glob("*/date=*/part-x*.parquet"):
        stale.unlink()     # parts of an earlier export to the same directory
    chunk: list[tuple[int, Record]] = []
    parts = 0

    def flush() -> None:
        nonlocal parts
        written = write_part(out, f"x{parts:05d}", chunk)
        report.files.extend(out / f for f in written.files)
        parts += 1
        chunk.clear()

    for record in records:
        chunk.append((report.articles, record))
        report.articles += 1
        report.rows += 1
        if len(chunk) >= PARQUET_PART_SIZE:
            flush()
    if chunk:
        flush()
    return report


class _atomic:
    """A text file written under a temporary name and renamed into place when complete."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")

    def __enter__(self) -> IO[str]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.fh = open(self.tmp, "w", encoding="utf-8", newline="\n")
        except OSError as e:
            raise ScaleError("E096", path=self.path, reason=e.strerror or str(e)) from e
        return self.fh

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> None:
        self.fh.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)

