"""Filters, pages and aggregates over the Catalog; filtered index lists are cached (a Catalog never changes)."""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
import weakref
from functools import lru_cache
from typing import Any

from .catalog import Catalog, EventKey, StatementKey, to_json
from .schemas import ActorDetail, Counterpart, Edge, Network, Node

LATEST = 50     # statements and events shown on an actor's page


def _index(values: Iterable[Iterable[str | None]]) -> dict[str, list[int]]:
    """value → ascending positions of the rows holding it."""
    out: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(values):
        for v in row:
            if v is not None:
                out[v].append(i)
    return dict(out)


def _candidates(n: int, lists: Sequence[Sequence[int] | None]) -> Sequence[int]:
    """The shortest index list among the filters given (a filter with no rows gives none)."""
    given = [x for x in lists if x is not None]
    return min(given, key=len) if given else range(n)


def _day_range(days: list[dt.date], start: dt.date | None, end: dt.date | None) -> range | None:
    """Positions of the rows dated within [start, end]: rows are in day order, undated ones last."""
    if start is None and end is None:
        return None
    lo = bisect_left(days, start) if start is not None else 0
    hi = bisect_right(days, end) if end is not None else len(days)
    return range(lo, max(lo, hi))


def page_of(items: list[bytes], matches: Sequence[int], limit: int, offset: int) -> bytes:
    """One page of the matching items, as the JSON of a Page."""
    rows = b",".join(items[i] for i in matches[offset:offset + limit])
    return b'{"items":[%b],"total":%d,"limit":%d,"offset":%d}' % (rows, len(matches), limit, offset)


def _in_range(day: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    if start is None and end is None:
        return True
    if day is None:
        return False   # as in SQL: an undated row matches no date bound
    return (start is None or day >= start) and (end is None or day <= end)


def _memo(method: Callable[..., Any], size: int) -> Callable[..., Any]:
    """An LRU-cached bound method that holds its object weakly, so a replaced Views is freed by
    reference counting alone (the server freezes the collector; see api.app)."""
    func, ref = method.__func__, weakref.ref(method.__self__)  # type: ignore[attr-defined]

    @lru_cache(size)
    def call(*args: Any, **kwargs: Any) -> Any:
        return func(ref(), *args, **kwargs)
    return call


class Views:
    """Read queries of the API over one Catalog."""

    def __init__(self, catalog: Catalog, cache_size: int) -> None:
        self.cat = catalog
        sk, ek = catalog.statement_keys, catalog.event_keys
        self.s_country = _index((k.country,) for k in sk)
        self.s_code = _index((k.code,) for k in sk)
        self.s_polarity = _index((k.polarity,) for k in sk)
        self.s_lemma = _index((k.lemma,) for k in sk)
        self.s_article = _index((k.article_id,) for k in sk)
        self.e_type = _index((k.type,) for k in ek)
        self.e_actor_country = _index(k.actor_countries for k in ek)
        self.e_recipient_country = _index(k.recipient_countries for k in ek)
        self.e_actor_code = _index(k.actor_codes for k in ek)
        self.e_recipient_code = _index(k.recipient_codes for k in ek)
        self.e_article = _index((k.article_id,) for k in ek)
        self.s_days = [k.day for k in sk if k.day is not None]   # a prefix: undated rows sort last
        self.e_days = [k.day for k in ek if k.day is not None]
        self.actor_by_code = {a.code: a for a in catalog.actors}
        self.edges = _edges(ek)
        def cached(method: Callable[..., Any]) -> Callable[..., Any]:
            return _memo(method, cache_size)
        self.match_articles = cached(self._match_articles)
        self.match_statements = cached(self._match_statements)
        self.match_events = cached(self._match_events)
        self.match_actors = cached(self._match_actors)
        self.match_threads = cached(self._match_threads)
        self.network = cached(self._network)

    # -- matches: positions into the catalog lists, in list order --------------------------
    def _match_articles(self, q: str | None) -> tuple[int, ...]:
        if not q:
            return tuple(range(len(self.cat.articles)))
        needle = q.lower()
        return tuple(i for i, text in enumerate(self.cat.article_search) if needle in text)

    def _match_statements(self, speaker_country: str | None, speaker_code: str | None, polarity: str | None,
                          cue: str | None, date_from: dt.date | None, date_to: dt.date | None, q: str | None,
                          article_id: str | None) -> tuple[int, ...]:
        lists = [self.s_country.get(speaker_country, []) if speaker_country else None,
                 self.s_code.get(speaker_code, []) if speaker_code else None,
                 self.s_polarity.get(polarity, []) if polarity else None,
                 self.s_lemma.get(cue, []) if cue else None,
                 self.s_article.get(article_id, []) if article_id else None,
                 _day_range(self.s_days, date_from, date_to)]
        needle = q.lower() if q else None
        keys = self.cat.statement_keys

        def ok(k: StatementKey) -> bool:
            return ((speaker_country is None or k.country == speaker_country)
                    and (speaker_code is None or k.code == speaker_code)
                    and (polarity is None or k.polarity == polarity) and (cue is None or k.lemma == cue)
                    and (article_id is None or k.article_id == article_id)
                    and _in_range(k.day, date_from, date_to) and (needle is None or needle in k.text))
        return tuple(i for i in _candidates(len(keys), lists) if ok(keys[i]))

    def _match_events(self, type: str | None, actor_country: str | None, recipient_country: str | None,
                      date_from: dt.date | None, date_to: dt.date | None, article_id: str | None) -> tuple[int, ...]:
        lists = [self.e_type.get(type, []) if type else None,
                 self.e_actor_country.get(actor_country, []) if actor_country else None,
                 self.e_recipient_country.get(recipient_country, []) if recipient_country else None,
                 self.e_article.get(article_id, []) if article_id else None,
                 _day_range(self.e_days, date_from, date_to)]
        keys = self.cat.event_keys

        def ok(k: EventKey) -> bool:
            return ((type is None or k.type == type)
                    and (actor_country is None or actor_country in k.actor_countries)
                    and (recipient_country is None or recipient_country in k.recipient_countries)
                    and (article_id is None or k.article_id == article_id) and _in_range(k.day, date_from, date_to))
        return tuple(i for i in _candidates(len(keys), lists) if ok(keys[i]))

    def _match_actors(self, q: str | None, country: str | None) -> tuple[int, ...]:
        needle = q.lower() if q else None
        return tuple(i for i, a in enumerate(self.cat.actors)
                     if (country is None or a.country == country)
                     and (needle is None or needle in a.code.lower() or any(needle in n.lower() for n in a.names)))

    def _match_threads(self, status: str | None, q: str | None) -> tuple[int, ...]:
        needle = q.lower() if q else None
        return tuple(i for i, t in enumerate(self.cat.threads)
                     if (status is None or t.status == status)
                     and (needle is None or needle in t.label.lower() or any(needle in k for k in t.keywords)))

    # -- pages and aggregates ---------------------------------------------------------------
    def articles(self, q: str | None, limit: int, offset: int) -> bytes:
        return page_of(self.cat.articles, self.match_articles(q), limit, offset)

    def statements(self, limit: int, offset: int, **filters: object) -> bytes:
        return page_of(self.cat.statements, self.match_statements(**filters), limit, offset)

    def events(self, limit: int, offset: int, **filters: object) -> bytes:
        return page_of(self.cat.events, self.match_events(**filters), limit, offset)

    def actors(self, q: str | None, country: str | None, limit: int, offset: int) -> bytes:
        return page_of(self.cat.actor_json, self.match_actors(q, country), limit, offset)

    def threads(self, status: str | None, q: str | None, limit: int, offset: int) -> bytes:
        return page_of(self.cat.thread_json, self.match_threads(status, q), limit, offset)

    def actor(self, code: str) -> bytes | None:
        """An actor's page: latest statements and events (newest first) and its reported counterparts."""
        a = self.actor_by_code.get(code)
        if a is None:
            return None
        latest = lambda rows, items: [items[i] for i in reversed(rows[-LATEST:])]  # noqa: E731
        counts: Counter[tuple[str, str, str]] = Counter()
        for role, own, other in (("actor", self.e_actor_code, "recipient_codes"),
                                 ("recipient", self.e_recipient_code, "actor_codes")):
            for i in own.get(code, []):
                k = self.cat.event_keys[i]
                if k.reported and k.canonical:
                    for c in getattr(k, other):
                        if c != code:
                            counts[(c, k.type, role)] += 1
        # ActorDetail with no lists, then its lists spliced in as the items' stored JSON
        head = to_json(ActorDetail(
            code=a.code, country=a.country, names=a.names, articles=a.articles, mentions=a.mentions,
            statements=[], events_as_actor=[], events_as_recipient=[],
            counterparts=[Counterpart(code=c, type=t, role=r, count=n)  # type: ignore[arg-type]
                          for (c, t, r), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]))
        lists = {"statements": latest(self.s_code.get(code, []), self.cat.statements),
                 "events_as_actor": latest(self.e_actor_code.get(code, []), self.cat.events),
                 "events_as_recipient": latest(self.e_recipient_code.get(code, []), self.cat.events)}
        for name, rows in lists.items():
            head = head.replace(b'"%b":[]' % name.encode(), b'"%b":[%b]' % (name.encode(), b",".join(rows)), 1)
        return head

    def _network(self, types: frozenset[str] | None, min_count: int) -> Network:
        """Actor → recipient edges of reported events (canonical articles), by PLOVER type."""
        chosen = self.edges if types is None else {t: self.edges[t] for t in types if t in self.edges}
        kept = sorted((((s, d, t), n) for t, pairs in chosen.items() for (s, d), n in pairs.items() if n >= min_count),
                      key=lambda x: (-x[1], x[0]))
        weight: Counter[str] = Counter()
        for (src, dst, _), n in kept:
            weight[src] += n
            weight[dst] += n
        nodes = [Node(id=c, label=self.cat.actor_labels.get(c, c),
                      country=self.actor_by_code[c].country if c in self.actor_by_code else None, count=n)
                 for c, n in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
        return Network(nodes=nodes, edges=[Edge(source=s, target=d, type=t, count=n) for (s, d, t), n in kept])


def _edges(keys: list[EventKey]) -> dict[str, Counter[tuple[str, str]]]:
    """type → (actor code, recipient code) → count over reported events of canonical articles."""
    edges: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for k in keys:
        if k.reported and k.canonical:
            for src in k.actor_codes:
                for dst in k.recipient_codes:
                    if src != dst:
                        edges[k.type][(src, dst)] += 1
    return dict(edges)
