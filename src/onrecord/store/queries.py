"""Read helpers for the API: typed, paginated, and built from bound parameters only.

Only fixed SQL fragments are concatenated; every user value travels as a `?` parameter.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..errors import StoreQueryError
from ..model import Record
from .types import ActorSummary, ArticleSummary, EventRow, StatementRow, StoreStats

if TYPE_CHECKING:
    import duckdb

MAX_LIMIT = 1000

_STATEMENT_COLS = ("article_id, id, speaker_text, speaker_code, speaker_country, speaker_named, cue_text, "
                   "cue_lemma, cue_start, cue_end, polarity, certainty, quote, content_text, proposition, date, day")
_EVENT_COLS = ("article_id, id, type, mode, context, actor_countries, recipient_countries, actor_codes, "
               "recipient_codes, trigger_text, trigger_start, trigger_end, attributed_to, negated, hypothetical, "
               "future, historical, date_value, date_precision, day, score")


class _Where:
    """Collects WHERE conditions (fixed SQL) and their bound values."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *values: Any) -> None:
        self.parts.append(sql)
        self.params.extend(values)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.parts)) if self.parts else ""


def _page(limit: int, offset: int) -> list[int]:
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise StoreQueryError("limit", limit, f"an integer from 1 to {MAX_LIMIT}")
    if not isinstance(offset, int) or offset < 0:
        raise StoreQueryError("offset", offset, "a non-negative integer")
    return [limit, offset]


def _day(name: str, value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise StoreQueryError(name, value, "an ISO date YYYY-MM-DD") from e


def _like(value: str) -> str:
    """An ILIKE pattern matching value as a literal substring."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class Queries:
    """Query helpers mixed into Store (needs `self.conn`)."""

    conn: "duckdb.DuckDBPyConnection"

    def get_record(self, article_id: str) -> Record | None:
        """The stored record of an article, or None."""
        row = self.conn.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
        return Record.model_validate_json(row[0]) if row else None

    def count_articles(self, canonical_only: bool = True) -> int:
        """Number of stored articles; syndicated copies excluded when canonical_only."""
        sql = "SELECT count(*) FROM articles" + (" WHERE id = dup_group" if canonical_only else "")
        return int(self.conn.execute(sql).fetchone()[0])  # type: ignore[index]

    def stats(self) -> StoreStats:
        """Row counts of the main tables."""
        row = self.conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles WHERE id = dup_group), "
            "(SELECT count(*) FROM statements), (SELECT count(*) FROM events), "
            "(SELECT count(DISTINCT code) FROM actors)").fetchone()
        assert row is not None
        return StoreStats(*(int(x) for x in row))

    def list_articles(self, *, query: str | None = None, canonical_only: bool = False,
                      limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
        """Articles whose title or text contains `query` (case-insensitive), newest first."""
        w = _Where()
        if query:
            w.add("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')", _like(query), _like(query))
        if canonical_only:
            w.add("a.id = a.dup_group")
        rows = self.conn.execute(
            "SELECT a.id, a.source, a.title, a.published, a.published_date, a.publisher, a.dateline, a.dup_group, "
            "a.id = a.dup_group, (SELECT count(*) FROM statements s WHERE s.article_id = a.id), "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) "
            f"FROM articles a{w.sql()} ORDER BY a.published_date DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
            w.params + _page(limit, offset)).fetchall()
        return [ArticleSummary(*r) for r in rows]

    def statements(self, *, speaker_country: str | None = None, speaker_code: str | None = None,
                   polarity: str | None = None, cue_lemma: str | None = None,
                   date_from: dt.date | str | None = None, date_to: dt.date | str | None = None,
                   text: str | None = None, article_id: str | None = None, canonical_only: bool = False,
                   limit: int = 50, offset: int = 0) -> list[StatementRow]:
        """Statements matching every filter given, by date then article and position."""
        if polarity is not None and polarity not in ("+", "-"):
            raise StoreQueryError("polarity", polarity, '"+" or "-"')
        w = _Where()
        for column, value in (("speaker_country", speaker_country), ("speaker_code", speaker_code),
                              ("polarity", polarity), ("cue_lemma", cue_lemma), ("article_id", article_id)):
            if value is not None:
                w.add(f"{column} = ?", value)
        self._dates(w, date_from, date_to)
        if text:
            w.add("content_text ILIKE ? ESCAPE '\\'", _like(text))
        if canonical_only:
            w.add("article_id IN (SELECT id FROM articles WHERE id = dup_group)")
        rows = self.conn.execute(
            f"SELECT {_STATEMENT_COLS} FROM statements{w.sql()} ORDER BY day NULLS LAST, article_id, position "
            "LIMIT ? OFFSET ?", w.params + _page(limit, offset)).fetchall()
        return [StatementRow(*r) for r in rows]

    def events(self, *, type: str | None = None, actor_country: str | None = None,
               recipient_country: str | None = None, date_from: dt.date | str | None = None,
               date_to: dt.date | str | None = None, article_id: str | None = None,
               reported_only: bool = False, canonical_only: bool = False,
               limit: int = 50, offset: int = 0) -> list[EventRow]:
        """Events matching every filter; reported_only keeps those the article itself asserts."""
        w = _Where()
        if type is not None:
            w.add("type = ?", type)
        if actor_country is not None:
            w.add("list_contains(actor_countries, ?)", actor_country)
        if recipient_country is not None:
            w.add("list_contains(recipient_countries, ?)", recipient_country)
        if article_id is not None:
            w.add("article_id = ?", article_id)
        self._dates(w, date_from, date_to)
        if reported_only:
            w.add("attributed_to IS NULL AND NOT negated AND NOT hypothetical")
        if canonical_only:
            w.add("article_id IN (SELECT id FROM articles WHERE id = dup_group)")
        rows = self.conn.execute(
            f"SELECT {_EVENT_COLS} FROM events{w.sql()} ORDER BY day NULLS LAST, article_id, position "
            "LIMIT ? OFFSET ?", w.params + _page(limit, offset)).fetchall()
        return [EventRow(*r) for r in rows]

    def actors(self, *, query: str | None = None, country: str | None = None,
               limit: int = 50, offset: int = 0) -> list[ActorSummary]:
        """Actor codes with article and mention counts and the names seen, most frequent first."""
        w = _Where()
        w.add("code IS NOT NULL AND code <> ''")
        if query:
            w.add("(name ILIKE ? ESCAPE '\\' OR code ILIKE ? ESCAPE '\\')", _like(query), _like(query))
        if country is not None:
            w.add("country = ?", country)
        rows = self.conn.execute(
            "SELECT code, any_value(country), any_value(sector), mode(kind), count(DISTINCT article_id), "
            f"sum(mentions), list_sort(list(DISTINCT name)) FROM actors{w.sql()} GROUP BY code "
            "ORDER BY count(DISTINCT article_id) DESC, sum(mentions) DESC, code LIMIT ? OFFSET ?",
            w.params + _page(limit, offset)).fetchall()
        return [ActorSummary(r[0], r[1], r[2], r[3], int(r[4]), int(r[5] or 0), list(r[6] or [])) for r in rows]

    @staticmethod
    def _dates(w: _Where, date_from: dt.date | str | None, date_to: dt.date | str | None) -> None:
        start, end = _day("date_from", date_from), _day("date_to", date_to)
        if start is not None:
            w.add("day >= ?", start)
        if end is not None:
            w.add("day <= ?", end)
