"""Groups statements across articles into claim threads and gives each member its stance.

Pass 1 clusters statements that have a proposition key, in date order: a statement joins the
thread holding the best-matching member (dyad, type family and keyword overlap must all agree),
else starts a thread. Pass 2 attaches statements that only refer back ("the report was false")
to the thread of the nearest preceding threaded statement of the same article.
"""
from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass

from ..model import Record, Statement
from .keys import PropKey, RecordIndex, anaphora, cue_kind, has_evidence, proposition_key
from .model import Stance, Status, Thread, ThreadMember, Via

log = logging.getLogger(__name__)

CONFIRM_KINDS = frozenset({"admit", "confirm"})


@dataclass
class _Item:
    record: Record
    statement: Statement
    key: PropKey | None
    date: str | None
    order: tuple[str, str, str, int]
    via: Via = "event"


def _side_ok(s: frozenset[str], t: frozenset[str]) -> bool:
    return not s or not t or bool(s & t)


def dyad_match(x: PropKey, y: PropKey) -> bool:
    """True if two keys concern the same parties in the same roles (an unknown side matches anything).

    Roles matter: "Azerbaijan shelled Armenia" and "Armenia shelled Azerbaijan" are rival claims,
    not one; converse words ("buy") were already turned round in the key.
    """
    if x.oriented and y.oriented:
        return _side_ok(x.side_a, y.side_a) and _side_ok(x.side_b, y.side_b) and bool(
            x.side_a & y.side_a or x.side_b & y.side_b)
    shared = x.parties & y.parties
    if not x.oriented and not y.oriented:
        return len(shared) >= 2
    oriented = x if x.oriented else y
    if oriented.side_a and oriented.side_b:
        return len(shared) >= min(2, len(oriented.parties))
    return bool(shared)


def match_score(x: PropKey, y: PropKey, min_overlap: float) -> float | None:
    """How well two keys match (higher is better), or None when they are different propositions."""
    if x.family is not None and y.family is not None and x.family != y.family:
        return None
    if not dyad_match(x, y) or not x.terms or not y.terms:
        return None
    shared = len(x.terms & y.terms)
    overlap = shared / min(len(x.terms), len(y.terms))
    if shared == 0 or overlap < min_overlap:
        return None
    complete = x.oriented and y.oriented and bool(x.side_a and x.side_b and y.side_a and y.side_b)
    return overlap + (0.5 if x.family == y.family else 0.0) + (0.5 if complete else 0.0)


class _Groups:
    """Threads under construction: member items, and indexes that keep matching near-linear.

    Every match needs a shared party and a shared keyword (see `dyad_match`, `match_score`),
    so a key is compared only with the members posted under one of its (party, term) pairs.
    """

    def __init__(self) -> None:
        self.items: list[list[_Item]] = []
        self.where: dict[tuple[str, str], int] = {}
        self._families: list[set[str]] = []
        self._full_a: list[set[str]] = []        # side_a of the thread's fully keyed, oriented members
        self._full_b: list[set[str]] = []
        self._has_full: list[bool] = []
        self._members: list[tuple[int, _Item]] = []                   # keyed members: (thread, item)
        self._postings: dict[tuple[str, str], list[int]] = {}          # (party, term) → member numbers
        self._by_article: dict[str, list[tuple[int, int]]] = {}   # article → (cue start, thread)

    def add(self, item: _Item, n: int | None = None) -> None:
        if n is None:
            self.items.append([])
            self._families.append(set())
            self._full_a.append(set())
            self._full_b.append(set())
            self._has_full.append(False)
            n = len(self.items) - 1
        self.items[n].append(item)
        self.where[(item.record.article.id, item.statement.id)] = n
        self._by_article.setdefault(item.record.article.id, []).append((item.statement.cue.start, n))
        key = item.key
        if key is None:
            return
        if key.family:
            self._families[n].add(key.family)
        if key.oriented and key.side_a and key.side_b:
            self._full_a[n] |= key.side_a
            self._full_b[n] |= key.side_b
            self._has_full[n] = True
        member = len(self._members)
        self._members.append((n, item))
        for party in key.parties:
            for term in key.terms:
                self._postings.setdefault((party, term), []).append(member)

    def families(self, n: int) -> frozenset[str]:
        return frozenset(self._families[n])

    def best(self, key: PropKey, min_overlap: float) -> int | None:
        """The thread holding the member that best matches key, if any matches (the first thread on a tie)."""
        best: tuple[float, int] | None = None
        candidates: set[int] = set()
        for party in key.parties:
            for term in key.terms:
                posted = self._postings.get((party, term))
                if posted:
                    candidates.update(posted)      # member numbers; a set keeps each once
        allowed: dict[int, bool] = {}
        for member in candidates:
            n, other = self._members[member]
            ok = allowed.get(n)
            if ok is None:
                families = self._families[n]
                ok = allowed[n] = not (key.family is not None and families and key.family not in families) \
                    and not self._conflicts(n, key)
            if not ok:
                continue
            assert other.key is not None
            score = match_score(key, other.key, min_overlap)
            if score is not None and (best is None or score > best[0] or (score == best[0] and n < best[1])):
                best = (score, n)
        return best[1] if best else None

    def _conflicts(self, n: int, key: PropKey) -> bool:
        """The thread's fully keyed members name other parties in a role this key fills:
        a partial member must not bridge two threads ("Iran → Russia" into "North Korea → Russia")."""
        if not key.oriented or not self._has_full[n]:
            return False
        return bool(key.side_a and not key.side_a & self._full_a[n]) or bool(
            key.side_b and not key.side_b & self._full_b[n])

    def antecedent(self, item: _Item, families: frozenset[str]) -> int | None:
        """The thread of the nearest earlier threaded statement of the same article, compatible with families."""
        aid, start = item.record.article.id, item.statement.cue.start
        earlier = sorted(((s, n) for s, n in self._by_article.get(aid, ()) if s < start), reverse=True)
        for _, n in earlier:
            held = self._families[n]
            if not families or not held or held & families:
                return n
        return None


def cluster(records: list[Record], min_overlap: float) -> list[list[_Item]]:
    """Statements of records grouped into threads (unordered lists of items)."""
    keyed: list[_Item] = []
    loose: list[tuple[_Item, frozenset[str]]] = []
    for record in records:
        published = (record.article.published or "")[:10] or None
        index = RecordIndex(record)
        for statement in record.statements:
            date = statement.date or published
            item = _Item(record, statement, proposition_key(record, statement, index), date,
                         (date or "9999", published or "9999", record.article.id, statement.cue.start))
            if item.key is not None:
                item.via = "event" if item.key.event_id else "content"
                keyed.append(item)
            elif (families := anaphora(statement)) is not None:
                item.via = "anaphora"
                loose.append((item, families))
    groups = _Groups()
    deferred: list[_Item] = []
    for item in sorted(keyed, key=lambda i: i.order):
        assert item.key is not None
        n = groups.best(item.key, min_overlap)
        partial = not (item.key.side_a and item.key.side_b)
        if n is None and partial and (families := anaphora(item.statement)) is not None:
            # too little of the key to match on, but the content points back: decide in pass 2
            loose.append((item, families))
            deferred.append(item)
            continue
        groups.add(item, n)
    for item, families in sorted(loose, key=lambda x: (x[0].record.article.id, x[0].statement.cue.start)):
        n = groups.antecedent(item, families)
        if n is not None:
            item.via = "anaphora"
            groups.add(item, n)
        elif item in deferred:
            groups.add(item)
    return groups.items


def _status(seen: set[str]) -> Status:
    if "confirmed" in seen:
        return "confirmed"
    if "alleged" in seen and "denied" in seen:
        return "disputed"
    return "denied" if "denied" in seen else "alleged"


def make_thread(items: list[_Item]) -> Thread:
    """A Thread from clustered items: members in date order, stances and running status."""
    items = sorted(items, key=lambda i: i.order)
    keys = [i.key for i in items if i.key is not None]
    full = next((k for k in keys if k.oriented and k.side_a and k.side_b), None)
    side_a = full.side_a if full else frozenset().union(*(k.side_a for k in keys))
    side_b = full.side_b if full else frozenset().union(*(k.side_b for k in keys))
    families = Counter(k.family for k in keys if k.family)
    family = families.most_common(1)[0][0] if families else None
    terms = Counter(t for k in keys for t in k.terms if not t.startswith("ctx:"))
    keywords = [t for t, _ in sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:6]]
    accuser: str | None = None
    deniers: set[str | None] = set()
    seen: set[str] = set()
    members: list[ThreadMember] = []
    for item in items:
        record, s = item.record, item.statement
        actor = next((a for a in record.actors if s.speaker is not None and a.id == s.speaker.actor), None)
        country = actor.country if actor else None
        who = country or (actor.code if actor and actor.code else None) or (s.speaker.text if s.speaker else None)
        stance = _stance(item, country, who, accuser, side_a, deniers)
        if stance == "alleged" and accuser is None:
            accuser = who
        if stance == "denied":
            deniers.add(country)
        seen.add(stance)
        members.append(ThreadMember(
            article_id=record.article.id, statement_id=s.id, speaker_text=s.speaker.text if s.speaker else None,
            speaker_code=actor.code if actor else None, speaker_country=country, cue_lemma=s.cue.lemma,
            polarity=s.polarity, certainty=s.certainty, stance=stance, date=item.date,
            content_text=" … ".join(c.text for c in s.content), via=item.via,
            event_id=item.key.event_id if item.key else None, status_after=_status(seen)))
    first = members[0]
    tid = hashlib.sha1(f"{first.article_id}:{first.statement_id}".encode()).hexdigest()[:12]
    label = f"{'/'.join(sorted(side_a)) or '?'} – {'/'.join(sorted(side_b)) or '?'} {family or 'claim'}"
    if keywords:
        label += ": " + ", ".join(keywords[:3])
    return Thread(id=tid, family=family, side_a=sorted(side_a), side_b=sorted(side_b), keywords=keywords,
                  status=_status(seen), first_date=members[0].date, last_date=members[-1].date,
                  articles=len({m.article_id for m in members}), label=label, members=members)


def _stance(item: _Item, country: str | None, who: str | None, accuser: str | None,
            doers: frozenset[str], deniers: set[str | None]) -> Stance:
    """denied for "-"; confirmed for confirm/admit cues, admissions by the doer, evidence; else alleged."""
    s = item.statement
    if s.polarity == "-":
        return "denied"
    event = next((e for e in item.record.events if item.key and e.id == item.key.event_id), None)
    if s.certainty != "certain" or (event is not None and (event.hypothetical or event.future or event.negated)):
        return "alleged"
    if cue_kind(s.cue.lemma) in CONFIRM_KINDS:
        return "confirmed"
    if country in doers and country in deniers and item.via == "event":
        return "confirmed"   # the party said to have done it, having denied it, now says it did
    if country not in doers and (who != accuser or deniers) and has_evidence(s, item.record.article.text):
        return "confirmed"   # backed by evidence, from a third party or against a denial
    return "alleged"


def group_threads(records: list[Record], min_overlap: float) -> list[Thread]:
    """Threads of a list of records, largest (articles, members) first, then by first date."""
    threads = [make_thread(g) for g in cluster(records, min_overlap)]
    threads.sort(key=lambda t: (-t.articles, -len(t.members), t.first_date or "9999", t.id))
    log.info("%d threads from %d articles", len(threads), len(records))
    return threads
