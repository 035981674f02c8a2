"""A Record as table rows (the write side of the schema in schema.py)."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from ..model import Record

_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
CONTENT_JOINER = " … "


def first_day(value: str | None) -> dt.date | None:
    """The first day of an ISO date, month or year ("2022-09" → 2022-09-01); None if unparsable."""
    if not value:
        return None
    m = _DATE.match(value)
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def published_parts(published: str | None) -> tuple[dt.datetime | None, dt.date | None]:
    """(timestamp with zone or None, local calendar date or None) of a record's `published`."""
    if not published:
        return None, None
    day = first_day(published[:10]) if len(published) >= 10 else None
    if "T" not in published:
        return None, day
    try:
        ts = dt.datetime.fromisoformat(published)
    except ValueError:
        return None, day
    return (ts if ts.tzinfo is not None else ts.replace(tzinfo=dt.timezone.utc)), day


# The column types of each row table, in column order (schema.py); rows are handed to DuckDB as
# Arrow tables of these types: one INSERT per table instead of one per row.
ROW_TYPES: dict[str, tuple[str, ...]] = {
    "actors": ("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "BOOLEAN", "INTEGER"),
    "statements": ("VARCHAR", "VARCHAR", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "BOOLEAN",
                   "VARCHAR", "VARCHAR", "INTEGER", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR",
                   "VARCHAR", "VARCHAR", "VARCHAR", "DATE"),
    "events": ("VARCHAR", "VARCHAR", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR[]", "VARCHAR[]", "VARCHAR[]",
               "VARCHAR[]", "VARCHAR[]", "VARCHAR[]", "VARCHAR[]", "VARCHAR", "INTEGER", "INTEGER", "VARCHAR",
               "BOOLEAN", "BOOLEAN", "BOOLEAN", "BOOLEAN", "VARCHAR", "VARCHAR", "DATE", "DOUBLE"),
    "amounts": ("VARCHAR", "INTEGER", "DOUBLE", "BOOLEAN", "VARCHAR", "VARCHAR", "INTEGER", "INTEGER"),
    "minhash_bands": ("SMALLINT", "BIGINT", "VARCHAR"),
    "threads": ("VARCHAR", "VARCHAR", "VARCHAR[]", "VARCHAR[]", "VARCHAR[]", "VARCHAR", "VARCHAR", "VARCHAR",
                "INTEGER", "INTEGER", "VARCHAR", "INTEGER"),
    "thread_members": ("VARCHAR", "INTEGER") + ("VARCHAR",) * 14,
}


def arrow_table(table: str, rows: list[tuple[Any, ...]]) -> Any:
    """rows of a table (ROW_TYPES) as a pyarrow Table with the table's column types."""
    import pyarrow as pa

    scalar = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BOOLEAN": pa.bool_(), "DOUBLE": pa.float64(),
              "DATE": pa.date32(), "SMALLINT": pa.int16(), "BIGINT": pa.int64()}
    types = [pa.list_(pa.string()) if t == "VARCHAR[]" else scalar[t] for t in ROW_TYPES[table]]
    columns = list(zip(*rows)) if rows else [()] * len(types)
    return pa.Table.from_arrays([pa.array(list(c), type=t) for c, t in zip(columns, types)],
                                names=[f"c{i}" for i in range(len(types))])


@dataclass(frozen=True)
class ArticleRows:
    """Every row one record adds, by table."""
    actors: list[tuple[Any, ...]]
    statements: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    amounts: list[tuple[Any, ...]]


def record_rows(record: Record, published_date: dt.date | None) -> ArticleRows:
    """Rows of the actors, statements, events and amounts tables for one record."""
    aid = record.article.id
    actors = {a.id: a for a in record.actors}
    actor_rows = [(aid, a.id, a.name, a.code, a.country, a.sector, a.kind, a.named, len(a.mentions))
                  for a in record.actors]
    statement_rows = []
    for i, s in enumerate(record.statements):
        speaker = actors.get(s.speaker.actor) if s.speaker is not None and s.speaker.actor else None
        statement_rows.append((
            aid, s.id, i,
            s.speaker.actor if s.speaker else None, s.speaker.text if s.speaker else None,
            speaker.code if speaker else None, speaker.country if speaker else None,
            s.speaker.named if s.speaker else None,
            s.cue.text, s.cue.lemma, s.cue.start, s.cue.end,
            s.polarity, s.certainty, s.quote,
            CONTENT_JOINER.join(c.text for c in s.content),
            json.dumps([c.to_dict() for c in s.content], ensure_ascii=False),
            s.proposition, s.date, first_day(s.date) or published_date,
        ))
    event_rows = []
    for i, e in enumerate(record.events):
        act = [actors[x] for x in e.actor if x in actors]
        rec = [actors[x] for x in e.recipient if x in actors]
        value = e.date.value if e.date else None
        event_rows.append((
            aid, e.id, i, e.type, e.mode, list(e.context), list(e.actor), list(e.recipient),
            _distinct(a.country for a in act), _distinct(a.country for a in rec),
            _distinct(a.code for a in act), _distinct(a.code for a in rec),
            e.trigger.text, e.trigger.start, e.trigger.end, e.attributed_to,
            e.negated, e.hypothetical, e.future, e.historical,
            value, e.date.precision if e.date else None, first_day(value) or published_date, e.score,
        ))
    amount_rows = [(aid, i, m.value, m.approximate, m.object, m.span.text, m.span.start, m.span.end)
                   for i, m in enumerate(record.amounts)]
    return ArticleRows(actor_rows, statement_rows, event_rows, amount_rows)


def _distinct(values: Any) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out
