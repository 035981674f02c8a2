"""Response models of the HTTP API: field names in the onrecord/1 vocabulary (docs/API.md)."""
from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from ..model import FORMAT, Actor, Amount, Article, Certainty, Event, Polarity, Precision, QuoteKind, Statement

T = TypeVar("T")
ThreadStatus = Literal["alleged", "denied", "disputed", "confirmed"]
Stance = Literal["alleged", "denied", "confirmed"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Page(_Out, Generic[T]):
    """One page of a list: the items, how many match in all, and the page asked for."""
    items: list[T]
    total: int
    limit: int
    offset: int


class ArticleItem(_Out):
    id: str
    title: str | None
    source: str | None
    published: str | None
    publisher: str | None
    dateline: str | None
    statements: int
    events: int
    dup_group: str


class StatementThread(_Out):
    statement_id: str
    thread_id: str


class ArticleRecord(_Out):
    """The stored onrecord/1 record of an article, plus the claim thread of each threaded statement."""
    format: Literal["onrecord/1"] = FORMAT
    article: Article
    actors: list[Actor]
    statements: list[Statement]
    events: list[Event]
    amounts: list[Amount]
    threads: list[StatementThread]


class SpeakerOut(_Out):
    text: str
    actor: str | None
    code: str | None
    country: str | None
    named: bool


class CueOut(_Out):
    text: str
    lemma: str


class StatementItem(_Out):
    article_id: str
    article_title: str | None
    id: str
    speaker: SpeakerOut | None
    cue: CueOut
    content: list[str]
    polarity: Polarity
    certainty: Certainty
    quote: QuoteKind
    date: str | None
    thread_id: str | None


class ActorRef(_Out):
    code: str
    country: str | None
    name: str


class TriggerOut(_Out):
    text: str
    start: int
    end: int


class EventDateOut(_Out):
    value: str
    precision: Precision


class EventItem(_Out):
    article_id: str
    id: str
    type: str
    mode: str | None
    context: list[str]
    actor: list[ActorRef]
    recipient: list[ActorRef]
    trigger: TriggerOut
    attributed_to: str | None
    negated: bool
    hypothetical: bool
    future: bool
    historical: bool
    date: EventDateOut | None
    score: float | None


class ActorItem(_Out):
    code: str
    country: str | None
    names: list[str]
    articles: int
    mentions: int
    statements: int
    events: int


class Counterpart(_Out):
    """Another actor this one met in reported events; `role` is this actor's role in them."""
    code: str
    type: str
    role: Literal["actor", "recipient"]
    count: int


class ActorDetail(_Out):
    code: str
    country: str | None
    names: list[str]
    articles: int
    mentions: int
    statements: list[StatementItem]
    events_as_actor: list[EventItem]
    events_as_recipient: list[EventItem]
    counterparts: list[Counterpart]


class ThreadItem(_Out):
    id: str
    label: str
    family: str | None
    side_a: list[str]
    side_b: list[str]
    keywords: list[str]
    status: ThreadStatus
    first_date: str | None
    last_date: str | None
    articles: int
    members: int


class TimelineEntry(_Out):
    date: str | None
    article_id: str
    article_title: str | None
    statement_id: str
    speaker_text: str | None
    speaker_code: str | None
    speaker_country: str | None
    stance: Stance
    polarity: Polarity
    certainty: Certainty
    cue_lemma: str
    content_text: str
    status_after: ThreadStatus


class ThreadDetail(ThreadItem):
    timeline: list[TimelineEntry]


class Node(_Out):
    id: str
    label: str
    country: str | None
    count: int


class Edge(_Out):
    source: str
    target: str
    type: str
    count: int


class Network(_Out):
    nodes: list[Node]
    edges: list[Edge]


class Stats(_Out):
    """Stored articles (all, canonical), statements, events, actor codes (non-empty) and claim threads."""
    articles: int
    canonical: int
    statements: int
    events: int
    actors: int
    threads: int


class ErrorOut(_Out):
    """Body of every 4xx/5xx answer: the error code and its message."""
    code: str
    message: str


class WriteOut(_Out):
    """What POST /api/articles did: added, near-duplicate (stored, grouped) or duplicate (not stored)."""
    status: Literal["added", "near-duplicate", "duplicate"]
    id: str
    group: str
    statements: int
    events: int


class ServerStatus(_Out):
    """The read model being served and the writer's progress (GET /api/status)."""
    generation: int
    added: int
    refresh_pending: bool
    last_refresh_s: float | None
    refresh_failures: int
    model_loaded: bool
