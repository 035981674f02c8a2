"""Partitions of the batch input and the manifest (OUT/manifest.json) that records their progress.

Only the driver writes the manifest, atomically (temporary file + os.replace) after each
partition, so a killed run leaves the last consistent state and a rerun skips what it marks
complete.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ScaleError
from ..pipeline import TEXT_SUFFIXES
from ..settings import Settings

log = logging.getLogger(__name__)

FORMAT = "onrecord-batch/1"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Partition:
    """One task's input files; `first_index` is the batch-wide index of its first file."""
    id: str
    inputs: tuple[str, ...]
    first_index: int


@dataclass
class PartitionResult:
    """What a worker reports for one partition (small: no records travel back)."""
    id: str
    files: list[str]
    counts: dict[str, int]
    failures: list[dict[str, str]]
    seconds: float
    model: str
    worker: str


def expand_paths(inputs: Iterable[str]) -> Iterator[str]:
    """Input files in a fixed order: files as given, directories as their sorted text/HTML files."""
    for raw in inputs:
        if raw == "-":
            raise ScaleError("E090", path="-", reason="a batch reads files, not stdin")
        path = Path(raw)
        if path.is_dir():
            # the same selection as pipeline.sources_from_paths, without reading the files here
            yield from (str(f) for f in sorted(path.rglob("*")) if f.is_file()
                        and f.suffix.lower() in TEXT_SUFFIXES and not f.name.startswith("."))
        else:
            yield str(path)


def make_partitions(paths: Iterable[str], size: int) -> list[Partition]:
    """Consecutive groups of `size` paths, numbered from 00000."""
    if size < 1:
        raise ScaleError("E097", name="scale.partition_size", value=size, reason="must be at least 1")
    items = list(paths)
    return [Partition(f"{n:05d}", tuple(items[start:start + size]), start)
            for n, start in enumerate(range(0, len(items), size))]


def settings_summary(settings: Settings) -> dict[str, Any]:
    """The settings that change the output (so a rerun with other ones is refused)."""
    nlp = asdict(settings.nlp)
    nlp.pop("batch_size")    # batching changes speed, not records
    summary = {"ingest": asdict(settings.ingest), "nlp": nlp,
               "actors": {"dictionaries": [str(p) for p in settings.actors.dictionaries]},
               "partition_size": settings.scale.partition_size}
    return json.loads(json.dumps(summary, default=str))


@dataclass
class Manifest:
    """The manifest of one output directory."""
    out: Path
    settings: dict[str, Any]
    model: str | None = None
    partitions: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def open(cls, out: Path, settings: Settings) -> "Manifest":
        """The manifest in `out`, or a new one; E091 if it was written with other settings."""
        summary = settings_summary(settings)
        path = out / MANIFEST
        if not path.exists():
            return cls(out, summary)
        data = read_manifest(out)
        if data.get("settings") != summary:
            old = data.get("settings") or {}
            changed = sorted(k for k in set(old) | set(summary) if old.get(k) != summary.get(k))
            raise ScaleError("E091", path=out, changed=", ".join(changed))
        return cls(out, summary, data.get("model"), {p["id"]: p for p in data.get("partitions", [])})

    def is_complete(self, partition: Partition) -> bool:
        """True if the partition is marked complete for the same inputs and its files exist."""
        entry = self.partitions.get(partition.id)
        return (entry is not None and entry.get("status") == "complete"
                and tuple(entry.get("inputs", ())) == partition.inputs
                and all((self.out / f).is_file() for f in entry.get("files", ())))

    def plan(self, partitions: list[Partition]) -> list[Partition]:
        """Record the partitions of this run; returns those still to do."""
        todo = [p for p in partitions if not self.is_complete(p)]
        keep = {p.id for p in partitions} - {p.id for p in todo}
        self.partitions = {p.id: self.partitions[p.id] if p.id in keep else
                           {"id": p.id, "inputs": list(p.inputs), "first_index": p.first_index,
                            "status": "pending", "files": [], "counts": {}, "failures": []}
                           for p in partitions}
        return todo

    def complete(self, result: PartitionResult) -> None:
        """Mark a partition complete with what its worker wrote."""
        entry = self.partitions[result.id]
        entry.update(status="complete", files=result.files, counts=result.counts, failures=result.failures,
                     seconds=round(result.seconds, 3), worker=result.worker, error=None)
        self.model = self.model or result.model

    def fail(self, partition_id: str, reason: str) -> None:
        """Mark a partition failed (a rerun retries it)."""
        self.partitions[partition_id].update(status="failed", files=[], error=reason)

    def save(self) -> None:
        """Write manifest.json atomically."""
        data = {"format": FORMAT, "updated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "settings": self.settings, "model": self.model,
                "partitions": [self.partitions[k] for k in sorted(self.partitions)]}
        self.out.mkdir(parents=True, exist_ok=True)
        tmp = self.out / f".{MANIFEST}.{os.getpid()}.tmp"
        try:
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, self.out / MANIFEST)
        except OSError as e:
            raise ScaleError("E096", path=self.out / MANIFEST, reason=e.strerror or str(e)) from e


def read_manifest(out: Path) -> dict[str, Any]:
    """The parsed manifest.json of an output directory (E090 if unreadable)."""
    path = out / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ScaleError("E090", path=path, reason=f"unreadable manifest ({e})") from e
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ScaleError("E090", path=path, reason=f"not an {FORMAT} manifest")
    return data
