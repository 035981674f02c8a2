"""Proposition keys: what a statement asserts or denies, reduced to comparable parts.

A key has the parties of the act (the linked event's actor and recipient countries, an
unordered dyad; or the countries named in the content when there is no event), the event
type family, and content terms (keyword lemmas plus `ctx:` PLOVER context tags).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

from ..extract.lexicon import context_of, cue_entry, trigger_entries
from ..lexicons import load_table
from ..model import Actor, Event, Record, Statement

WORDS_FILE = "thread_words.tsv"

# PLOVER categories grouped by the kind of act a claim is about: allegations of arms transfers
# may be coded AID or COOPERATE (sales), attacks ASSAULT or COERCE, and so on.
FAMILIES: Mapping[str, str] = MappingProxyType({
    "AID": "transfer", "COOPERATE": "transfer",
    "ASSAULT": "force", "COERCE": "force", "MOBILIZE": "force",
    "SANCTION": "pressure", "THREATEN": "pressure",
    "AGREE": "accord", "CONSULT": "accord", "CONCEDE": "accord", "RETREAT": "accord",
    "SUPPORT": "support",
    "ACCUSE": "dispute", "REJECT": "dispute", "PROTEST": "dispute", "REQUEST": "request",
})

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@lru_cache(maxsize=None)
def thread_words() -> Mapping[str, frozenset[str]]:
    """Word → its classes in thread_words.tsv (anaphor, determiner, evidence, stop)."""
    rows = load_table(WORDS_FILE, ("word", "class"))
    out: dict[str, set[str]] = {}
    for row in rows:
        out.setdefault(row["word"], set()).add(row["class"])
    return MappingProxyType({k: frozenset(v) for k, v in out.items()})


@lru_cache(maxsize=None)
def stop_words() -> frozenset[str]:
    """Function words (ingest's English list) plus the thread stop list."""
    english = next((r["words"] for r in load_table("ingest_stopwords.tsv", ("lang", "words")) if r["lang"] == "en"), "")
    return frozenset(english.split()) | {w for w, c in thread_words().items() if "stop" in c}


def fold(word: str) -> str:
    """Lower-case singular form of a word (possessive and regular plural endings removed)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def word_class(word: str, cls: str) -> bool:
    """True if the word (or its folded form) has this class in thread_words.tsv."""
    words = thread_words()
    return cls in words.get(word.lower(), ()) or cls in words.get(fold(word), ())


@dataclass(frozen=True)
class PropKey:
    """The comparable parts of one statement's proposition."""
    side_a: frozenset[str]        # who does the act: actor countries (recipient for converse words)
    side_b: frozenset[str]        # who undergoes or receives it (empty when unknown)
    oriented: bool                # False when the parties come from the content, without roles
    family: str | None            # FAMILIES value of the linked event's type
    terms: frozenset[str]         # keyword lemmas and ctx: tags
    event_id: str | None
    parties: frozenset[str] = field(init=False, repr=False, compare=False)   # side_a | side_b

    def __post_init__(self) -> None:
        object.__setattr__(self, "parties", self.side_a | self.side_b)


class Mentions:
    """The actor mention spans of a record, to ask whether a stretch of text lies inside one."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []         # the furthest end among the spans starting at or before each
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def covers(self, start: int, end: int) -> bool:
        """True if [start, end) lies inside one mention span."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end


def _tokens(text: str, start: int, mentions: Mentions) -> list[str]:
    out = []
    for m in _TOKEN.finditer(text):
        # actor names are the dyad's business, not the keywords'
        if mentions.covers(start + m.start(), start + m.end()):
            continue
        out.append(m.group())
    return out


def content_terms(statement: Statement, mentions: "Mentions | list[tuple[int, int]]",
                  event: Event | None) -> frozenset[str]:
    """Keyword lemmas of the content (no stop words, no actor names) plus ctx: tags."""
    stops = stop_words()
    terms: set[str] = set()
    if not isinstance(mentions, Mentions):
        mentions = Mentions(mentions)
    for span in statement.content:
        for tok in _tokens(span.text, span.start, mentions):
            low, lemma = tok.lower(), fold(tok)
            if len(lemma) < 3 or low in stops or lemma in stops or word_class(tok, "anaphor"):
                continue
            terms.add(lemma)
            ctx = context_of(low) or context_of(lemma)
            if ctx:
                terms.add("ctx:" + ctx)
    if event is not None:
        terms.update("ctx:" + c for c in event.context)
    return frozenset(terms)


def mention_spans(record: Record) -> Mentions:
    """Every actor mention span of a record."""
    return Mentions([(m.start, m.end) for a in record.actors for m in a.mentions])


def content_countries(statement: Statement, actors: list[Actor]) -> frozenset[str]:
    """Countries of the actors mentioned inside the statement's content."""
    out = set()
    for actor in actors:
        if not actor.country:
            continue
        for m in actor.mentions:
            if any(c.start <= m.start and m.end <= c.end for c in statement.content):
                out.add(actor.country)
                break
    return frozenset(out)


class RecordIndex:
    """A record's actors and events by id, and its mention spans: built once per record."""

    def __init__(self, record: Record) -> None:
        self.actors = {a.id: a for a in record.actors}
        self.events = {e.id: e for e in record.events}
        self.mentions = mention_spans(record)


def proposition_key(record: Record, statement: Statement, index: RecordIndex | None = None) -> PropKey | None:
    """The key of a statement: from its linked event, else from two or more content countries."""
    index = index or RecordIndex(record)
    actors, events, mentions = index.actors, index.events, index.mentions
    event = events.get(statement.proposition) if statement.proposition else None
    if event is not None:
        side_a = frozenset(actors[x].country for x in event.actor if x in actors and actors[x].country)
        side_b = frozenset(actors[x].country for x in event.recipient if x in actors and actors[x].country)
        if is_converse(event.trigger.text):
            side_a, side_b = side_b, side_a
        if side_a or side_b:
            return PropKey(side_a, side_b, True, FAMILIES.get(event.type), content_terms(statement, mentions, event),
                           event.id)
    countries = content_countries(statement, record.actors)
    if len(countries) >= 2:
        return PropKey(countries, frozenset(), False, None, content_terms(statement, mentions, event), None)
    return None


def is_converse(trigger: str) -> bool:
    """True if the trigger's subject is the receiving party ("buying", "purchase", "received")."""
    word = trigger.split()[-1].lower() if trigger.split() else ""
    for lemma, classes in thread_words().items():
        if "converse" in classes and word.startswith(lemma.rstrip("e")):
            return True
    return False


def anaphora(statement: Statement) -> frozenset[str] | None:
    """Families a statement's content refers back to ("the report": any, empty set; "the shipments",
    "any purchase": that event noun's families), or None when it does not refer back."""
    families: set[str] = set()
    found = False
    for span in statement.content:
        words = _TOKEN.findall(span.text)
        for prev, word in zip(words, words[1:]):
            if not word_class(prev, "determiner"):
                continue
            if word_class(word, "anaphor"):
                return frozenset()
            # a definite or non-specific event noun names the act already under discussion
            entries = trigger_entries(fold(word), "NOUN")
            if entries:
                found = True
                families.update(FAMILIES[e.type] for e in entries)
    return frozenset(families) if found else None


def cue_kind(lemma: str) -> str | None:
    """The cues.tsv kind of a cue lemma (say, deny, admit, confirm, report …), any part of speech."""
    for pos in ("VERB", "NOUN", "ADP", "ADV"):
        entry = cue_entry(lemma, pos)
        if entry is not None:
            return entry.kind
    return None


def cue_sentence(text: str, statement: Statement) -> str:
    """The text from the sentence start before the cue to the sentence end after its content."""
    end_at = max([statement.cue.end] + [c.end for c in statement.content])
    start = max(text.rfind(". ", 0, statement.cue.start), text.rfind("\n", 0, statement.cue.start)) + 1
    stops = [i for i in (text.find(". ", end_at), text.find("\n", end_at)) if i >= 0]
    return text[start:min(stops) if stops else len(text)]


def has_evidence(statement: Statement, text: str) -> bool:
    """True if the statement's sentence cites evidence (images, documents, intelligence …)."""
    return any(word_class(w, "evidence") for w in _TOKEN.findall(cue_sentence(text, statement)))
