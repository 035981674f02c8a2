"""Typed results of store writes and queries (frozen dataclasses; FastAPI can serialise them)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

AddStatus = Literal["added", "duplicate", "near-duplicate"]


@dataclass(frozen=True)
class AddResult:
    """What `Store.add` did: the article's id and its duplicate group (canonical article id)."""
    status: AddStatus
    article_id: str
    group: str
    similarity: float | None = None


@dataclass(frozen=True)
class ArticleSummary:
    id: str
    source: str | None
    title: str | None
    published: str | None
    published_date: dt.date | None
    publisher: str | None
    dateline: str | None
    dup_group: str
    canonical: bool
    statements: int
    events: int


@dataclass(frozen=True)
class StatementRow:
    article_id: str
    id: str
    speaker_text: str | None
    speaker_code: str | None
    speaker_country: str | None
    speaker_named: bool | None
    cue_text: str
    cue_lemma: str
    cue_start: int
    cue_end: int
    polarity: str
    certainty: str
    quote: str
    content_text: str
    proposition: str | None
    date: str | None
    day: dt.date | None


@dataclass(frozen=True)
class EventRow:
    article_id: str
    id: str
    type: str
    mode: str | None
    context: list[str]
    actor_countries: list[str]
    recipient_countries: list[str]
    actor_codes: list[str]
    recipient_codes: list[str]
    trigger_text: str
    trigger_start: int
    trigger_end: int
    attributed_to: str | None
    negated: bool
    hypothetical: bool
    future: bool
    historical: bool
    date_value: str | None
    date_precision: str | None
    day: dt.date | None
    score: float | None


@dataclass(frozen=True)
class ActorSummary:
    """One actor code across the store: how often it appears and the names it was seen under."""
    code: str
    country: str | None
    sector: str | None
    kind: str | None
    articles: int
    mentions: int
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StoreStats:
    articles: int
    canonical: int
    statements: int
    events: int
    actors: int


def tally(report: object, status: str) -> None:
    """Count one `Store.add` status on a report with added / near_duplicates / duplicates fields."""
    field = {"added": "added", "near-duplicate": "near_duplicates"}.get(status, "duplicates")
    setattr(report, field, getattr(report, field) + 1)
