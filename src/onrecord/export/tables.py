"""Records as Arrow tables whose columns mirror the store schema, written as date-partitioned Parquet.

Layout: `<out>/<table>/date=YYYY-MM-DD/part-<part>.parquet` (the article's published date;
`date=unknown` when it has none), one file per table and date that has rows. Files are written
under a hidden temporary name and renamed into place, so a killed writer leaves no half file.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ScaleError
from ..model import Failure, Record
from ..store.minhash import content_hash
from ..store.rows import published_parts, record_rows

if TYPE_CHECKING:
    import pyarrow as pa

log = logging.getLogger(__name__)

TABLES = ("articles", "actors", "statements", "events", "amounts")
UNKNOWN_DATE = "unknown"

# Column names and types follow store/schema.py (v1); `articles` adds `input_index` (the article's
# position in the batch input, so a load can keep input order) and leaves out `dup_group`,
# `similarity` and `added_at`, which only the store can assign.
_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("id", "str"), ("source", "str"), ("title", "str"), ("authors", "list"),
                 ("published", "str"), ("published_ts", "ts"), ("published_date", "date"),
                 ("dateline", "str"), ("publisher", "str"), ("language", "str"), ("text", "str"),
                 ("record", "str"), ("content_hash", "str"), ("input_index", "int64")),
    "actors": (("article_id", "str"), ("id", "str"), ("name", "str"), ("code", "str"), ("country", "str"),
               ("sector", "str"), ("kind", "str"), ("named", "bool"), ("mentions", "int32")),
    "statements": (("article_id", "str"), ("id", "str"), ("position", "int32"), ("speaker_actor", "str"),
                   ("speaker_text", "str"), ("speaker_code", "str"), ("speaker_country", "str"),
                   ("speaker_named", "bool"), ("cue_text", "str"), ("cue_lemma", "str"),
                   ("cue_start", "int32"), ("cue_end", "int32"), ("polarity", "str"), ("certainty", "str"),
                   ("quote", "str"), ("content_text", "str"), ("content", "str"), ("proposition", "str"),
                   ("date", "str"), ("day", "date")),
    "events": (("article_id", "str"), ("id", "str"), ("position", "int32"), ("type", "str"), ("mode", "str"),
               ("context", "list"), ("actor_ids", "list"), ("recipient_ids", "list"),
               ("actor_countries", "list"), ("recipient_countries", "list"), ("actor_codes", "list"),
               ("recipient_codes", "list"), ("trigger_text", "str"), ("trigger_start", "int32"),
               ("trigger_end", "int32"), ("attributed_to", "str"), ("negated", "bool"),
               ("hypothetical", "bool"), ("future", "bool"), ("historical", "bool"), ("date_value", "str"),
               ("date_precision", "str"), ("day", "date"), ("score", "float64")),
    "amounts": (("article_id", "str"), ("position", "int32"), ("value", "float64"), ("approximate", "bool"),
                ("object", "str"), ("span_text", "str"), ("span_start", "int32"), ("span_end", "int32")),
    "failures": (("source", "str"), ("code", "str"), ("message", "str"), ("input_index", "int64")),
}


def columns(table: str) -> list[str]:
    """The column names of a table, in order."""
    return [name for name, _ in _COLUMNS[table]]


def schema(table: str) -> "pa.Schema":
    """The Arrow schema of a table."""
    import pyarrow as pa

    kinds = {"str": pa.string(), "list": pa.list_(pa.string()), "ts": pa.timestamp("us", tz="UTC"),
             "date": pa.date32(), "int32": pa.int32(), "int64": pa.int64(), "bool": pa.bool_(),
             "float64": pa.float64()}
    return pa.schema([(name, kinds[kind]) for name, kind in _COLUMNS[table]])


def date_key(record: Record) -> str:
    """The `date=` directory value of a record: its published calendar date, else "unknown"."""
    _, day = published_parts(record.article.published)
    return day.isoformat() if day is not None else UNKNOWN_DATE


def table_rows(record: Record, input_index: int) -> dict[str, list[tuple[Any, ...]]]:
    """Rows of every table for one record (same values the store writes)."""
    a = record.article
    ts, day = published_parts(a.published)
    if ts is not None:
        ts = ts.astimezone(dt.timezone.utc)
    rows = record_rows(record, day)
    article = (a.id, a.source, a.title, list(a.authors), a.published, ts, day, a.dateline, a.publisher,
               a.language, a.text, record.model_dump_json(), content_hash(a.text), input_index)
    return {"articles": [article], "actors": rows.actors, "statements": rows.statements,
            "events": rows.events, "amounts": rows.amounts}


def to_table(table: str, rows: Sequence[tuple[Any, ...]]) -> "pa.Table":
    """An Arrow table of rows given in column order."""
    import pyarrow as pa

    names = columns(table)
    data = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    return pa.Table.from_pydict(data, schema=schema(table))


@dataclass(frozen=True)
class PartFiles:
    """What one write of a part produced: files relative to the output directory, and row counts."""
    files: tuple[str, ...]
    counts: dict[str, int]


def write_part(out: Path, part: str, items: Iterable[tuple[int, Record | Failure]]) -> PartFiles:
    """Write the records and failures of one part under `out`; returns the files written."""
    by_date: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
    failures: list[tuple[Any, ...]] = []
    for index, item in items:
        if isinstance(item, Failure):
            failures.append((item.source, item.code, item.message, index))
            continue
        bucket = by_date.setdefault(date_key(item), {t: [] for t in TABLES})
        for table, rows in table_rows(item, index).items():
            bucket[table].extend(rows)
    remove_part(out, part)
    files: list[str] = []
    counts = {t: 0 for t in TABLES}
    for date in sorted(by_date):
        for table in TABLES:
            rows = by_date[date][table]
            if rows:
                rel = f"{table}/date={date}/part-{part}.parquet"
                write_atomic(to_table(table, rows), out / rel)
                files.append(rel)
                counts[table] += len(rows)
    rel = f"failures/part-{part}.parquet"
    write_atomic(to_table("failures", failures), out / rel)
    files.append(rel)
    counts["failures"] = len(failures)
    return PartFiles(tuple(files), counts)


def write_atomic(table: "pa.Table", path: Path) -> None:
    """Write a Parquet file under a hidden temporary name, then rename it into place."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ScaleError("E096", path=path, reason=e.strerror or str(e)) from e


def remove_part(out: Path, part: str) -> None:
    """Delete the files and leftover temporaries of one part (before it is written again)."""
    for pattern in (f"*/date=*/part-{part}.parquet", f"*/date=*/.part-{part}.parquet.*.tmp",
                    f"failures/part-{part}.parquet", f"failures/.part-{part}.parquet.*.tmp"):
        for path in out.glob(pattern):
            path.unlink(missing_ok=True)


def read_records(files: Iterable[Path]) -> Iterator[tuple[int, Record]]:
    """(input_index, Record) from `articles` Parquet files, rebuilt from the `record` JSON column."""
    import pyarrow.parquet as pq

    for path in files:
        table = pq.read_table(path, columns=["input_index", "record"])
        for index, raw in zip(table.column("input_index").to_pylist(), table.column("record").to_pylist()):
            yield int(index), Record.model_validate_json(raw)
