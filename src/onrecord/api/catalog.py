"""The API's read model: every list the API serves, built from the store at startup and again
after writes (api/writer.py swaps a new one in; a Catalog is never changed once built).

Lists, counts and indexes are computed here from the store's own read helpers
(`iter_records`, `list_articles`, `load_threads`, `stats`) and filtered in memory.
Items are kept as their JSON (bytes, made by the response models' serialisers): a tenth of
the memory of model objects, and a page is a join rather than a serialisation.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..bulk import collector_paused
from ..model import Record
from ..store import ArticleSummary, Store
from ..store.rows import first_day
from ..threads import Thread, load_threads
from .schemas import (ActorItem, ActorRef, ArticleItem, CueOut, EventDateOut, EventItem, SpeakerOut,
                      StatementItem, Stats, ThreadDetail, ThreadItem, TimelineEntry, TriggerOut)

log = logging.getLogger(__name__)

_PAGE = 1000   # the store's largest page


def to_json(model: BaseModel) -> bytes:
    """The model's JSON, as FastAPI would send it."""
    return type(model).__pydantic_serializer__.to_json(model)


@dataclass(frozen=True, slots=True)
class StatementKey:
    """What statement filters look at, beside the response item."""
    article_id: str
    country: str | None
    code: str | None
    polarity: str
    lemma: str
    day: dt.date | None
    text: str            # content, lower-cased, for `q`


@dataclass(frozen=True, slots=True)
class EventKey:
    """What event filters look at, beside the response item."""
    article_id: str
    type: str
    actor_countries: tuple[str, ...]
    recipient_countries: tuple[str, ...]
    actor_codes: tuple[str, ...]
    recipient_codes: tuple[str, ...]
    day: dt.date | None
    reported: bool       # the article's own voice: not attributed, negated or hypothetical
    canonical: bool


@dataclass
class _ActorAcc:
    country: str | None = None
    names: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    statements: int = 0
    events: int = 0
    name_counts: Counter[str] = field(default_factory=Counter)


@dataclass
class Catalog:
    """Everything the list endpoints serve, in their order, with filter keys and indexes."""
    articles: list[bytes] = field(default_factory=list)           # ArticleItem JSON, newest first
    article_search: list[str] = field(default_factory=list)       # title + text, lower-cased
    titles: dict[str, str | None] = field(default_factory=dict)
    statements: list[bytes] = field(default_factory=list)         # StatementItem JSON by day, article, position
    statement_keys: list[StatementKey] = field(default_factory=list)
    events: list[bytes] = field(default_factory=list)             # EventItem JSON by day, article, position
    event_keys: list[EventKey] = field(default_factory=list)
    actors: list[ActorItem] = field(default_factory=list)          # most articles first
    actor_json: list[bytes] = field(default_factory=list)
    actor_labels: dict[str, str] = field(default_factory=dict)     # code → most frequent name
    threads: list[ThreadItem] = field(default_factory=list)        # build order (largest first)
    thread_json: list[bytes] = field(default_factory=list)
    thread_details: dict[str, bytes] = field(default_factory=dict)  # ThreadDetail JSON
    statement_threads: dict[tuple[str, str], str] = field(default_factory=dict)
    stats: Stats | None = None


def load_catalog(store: Store, threads: list[Thread] | None = None) -> Catalog:
    """Read the whole store into a Catalog (one pass over the records, threads and summaries).

    threads: the claim threads to serve, when they were just built and not yet read back.
    """
    summaries = _summaries(store)
    threads = _threads(store) if threads is None else threads
    cat = Catalog()
    for t in threads:
        for m in t.members:
            cat.statement_threads[(m.article_id, m.statement_id)] = t.id
    cat.articles = [to_json(ArticleItem(id=s.id, title=s.title, source=s.source, published=s.published,
                                        publisher=s.publisher, dateline=s.dateline, statements=s.statements,
                                        events=s.events, dup_group=s.dup_group)) for s in summaries]
    cat.titles = {s.id: s.title for s in summaries}
    by_id = {s.id: s for s in summaries}
    search: dict[str, str] = {}
    statements: list[tuple[tuple[Any, ...], bytes, StatementKey]] = []
    events: list[tuple[tuple[Any, ...], bytes, EventKey]] = []
    actors: dict[str, _ActorAcc] = defaultdict(_ActorAcc)
    with collector_paused():
        for record in store.iter_records(canonical_only=False):
            summary = by_id[record.article.id]
            search[record.article.id] = f"{record.article.title or ''}\n{record.article.text}".lower()
            _add_record(cat, record, summary, statements, events, actors)
    cat.article_search = [search.get(s.id, "") for s in summaries]
    statements.sort(key=lambda x: x[0])
    events.sort(key=lambda x: x[0])
    cat.statements = [s for _, s, _ in statements]
    cat.statement_keys = [k for _, _, k in statements]
    cat.events = [e for _, e, _ in events]
    cat.event_keys = [k for _, _, k in events]
    cat.actors = sorted((ActorItem(code=code, country=acc.country, names=sorted(acc.names), articles=len(acc.articles),
                                   mentions=acc.mentions, statements=acc.statements, events=acc.events)
                         for code, acc in actors.items()), key=lambda a: (-a.articles, -a.mentions, a.code))
    cat.actor_json = [to_json(a) for a in cat.actors]
    cat.actor_labels = {code: acc.name_counts.most_common(1)[0][0] if acc.name_counts else code
                        for code, acc in actors.items()}
    for t in threads:
        item = ThreadItem(id=t.id, label=t.label, family=t.family, side_a=t.side_a, side_b=t.side_b,
                          keywords=t.keywords, status=t.status, first_date=t.first_date, last_date=t.last_date,
                          articles=t.articles, members=len(t.members))
        cat.threads.append(item)
        cat.thread_json.append(to_json(item))
        cat.thread_details[t.id] = to_json(ThreadDetail(**item.model_dump(), timeline=[TimelineEntry(
            date=m.date, article_id=m.article_id, article_title=cat.titles.get(m.article_id),
            statement_id=m.statement_id, speaker_text=m.speaker_text, speaker_code=m.speaker_code,
            speaker_country=m.speaker_country, stance=m.stance,
            polarity=m.polarity, certainty=m.certainty, cue_lemma=m.cue_lemma, content_text=m.content_text,
            status_after=m.status_after) for m in t.members]))
    st = store.stats()
    cat.stats = Stats(articles=st.articles, canonical=st.canonical, statements=st.statements, events=st.events,
                      actors=len(cat.actors), threads=len(threads))
    log.info("API catalog: %d articles, %d statements, %d events, %d actors, %d threads", len(cat.articles),
             len(cat.statements), len(cat.events), len(cat.actors), len(cat.threads))
    return cat


def _summaries(store: Store) -> list[ArticleSummary]:
    out: list[ArticleSummary] = []
    while True:
        page = store.list_articles(limit=_PAGE, offset=len(out))
        out.extend(page)
        if len(page) < _PAGE:
            return out


def _threads(store: Store) -> list[Thread]:
    out: list[Thread] = []
    while True:
        page = load_threads(store, limit=_PAGE, offset=len(out))
        out.extend(page)
        if len(page) < _PAGE:
            return out


def _order(day: dt.date | None, article_id: str, position: int) -> tuple[Any, ...]:
    # the store's order: day NULLS LAST, then article and position
    return (day is None, day or dt.date.min, article_id, position)


def _add_record(cat: Catalog, record: Record, summary: ArticleSummary,
                statements: list[tuple[tuple[Any, ...], bytes, StatementKey]],
                events: list[tuple[tuple[Any, ...], bytes, EventKey]], actors: dict[str, _ActorAcc]) -> None:
    aid = record.article.id
    title = record.article.title
    published = summary.published_date
    by_id = {a.id: a for a in record.actors}
    for a in record.actors:
        if not a.code:
            continue
        acc = actors[a.code]
        acc.country = acc.country or a.country
        acc.names.add(a.name)
        acc.name_counts[a.name] += len(a.mentions) or 1
        acc.articles.add(aid)
        acc.mentions += len(a.mentions)
    for i, s in enumerate(record.statements):
        speaker = by_id.get(s.speaker.actor) if s.speaker is not None and s.speaker.actor else None
        code = speaker.code if speaker and speaker.code else None
        if code:
            actors[code].statements += 1
        day = first_day(s.date) or published
        item = StatementItem(
            article_id=aid, article_title=title, id=s.id,
            speaker=SpeakerOut(text=s.speaker.text, actor=s.speaker.actor, code=code,
                               country=speaker.country if speaker else None, named=s.speaker.named)
            if s.speaker is not None else None,
            cue=CueOut(text=s.cue.text, lemma=s.cue.lemma), content=[c.text for c in s.content],
            polarity=s.polarity, certainty=s.certainty, quote=s.quote, date=s.date,
            thread_id=cat.statement_threads.get((aid, s.id)))
        key = StatementKey(aid, speaker.country if speaker else None, code, s.polarity, s.cue.lemma, day,
                           " … ".join(c.text for c in s.content).lower())
        statements.append((_order(day, aid, i), to_json(item), key))
    for i, e in enumerate(record.events):
        act = [by_id[x] for x in e.actor if x in by_id]
        rec = [by_id[x] for x in e.recipient if x in by_id]
        value = e.date.value if e.date else None
        day = first_day(value) or published
        item = EventItem(
            article_id=aid, id=e.id, type=e.type, mode=e.mode, context=list(e.context),
            actor=[ActorRef(code=a.code, country=a.country, name=a.name) for a in act],
            recipient=[ActorRef(code=a.code, country=a.country, name=a.name) for a in rec],
            trigger=TriggerOut(text=e.trigger.text, start=e.trigger.start, end=e.trigger.end),
            attributed_to=e.attributed_to, negated=e.negated, hypothetical=e.hypothetical, future=e.future,
            historical=e.historical,
            date=EventDateOut(value=e.date.value, precision=e.date.precision) if e.date else None, score=e.score)
        act_codes = tuple(dict.fromkeys(a.code for a in act if a.code))
        rec_codes = tuple(dict.fromkeys(a.code for a in rec if a.code))
        for code in set(act_codes) | set(rec_codes):
            actors[code].events += 1
        key = EventKey(aid, e.type, tuple(dict.fromkeys(a.country for a in act if a.country)),
                       tuple(dict.fromkeys(a.country for a in rec if a.country)), act_codes, rec_codes, day,
                       e.attributed_to is None and not e.negated and not e.hypothetical, summary.canonical)
        events.append((_order(day, aid, i), to_json(item), key))
