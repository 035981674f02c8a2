"""Runs the extractors over one parsed article, in dependency order."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..actors.resolve import ActorIndex
from ..model import Actor, Amount, Article, Event, Statement
from .amounts import extract_amounts
from .dates import parse_published
from .events import attribute, build_events, find_events
from .statements import build_statements, find_statements


@dataclass(frozen=True)
class Extraction:
    actors: list[Actor]
    statements: list[Statement]
    events: list[Event]
    amounts: list[Amount]


def extract(doc: Doc, article: Article, actors: ActorIndex) -> Extraction:
    """Statements, events (linked to the statements that assert them) and amounts of `doc`."""
    published = parse_published(article.published)
    drafts = find_statements(doc)
    statements = build_statements(doc, drafts, actors, published)
    speaker_of = {s.id: (s.speaker.actor if s.speaker else None) for s in statements}
    event_drafts = find_events(doc, actors, published)
    attribute(event_drafts, statements, speaker_of, actors)
    events = build_events(doc, event_drafts)
    statements = _link_propositions(statements, events)
    return Extraction(actors=actors.actors, statements=statements, events=events,
                      amounts=extract_amounts(doc))


def _link_propositions(statements: list[Statement], events: list[Event]) -> list[Statement]:
    """Each statement points at the first event its content asserts or denies."""
    out = []
    for s in statements:
        prop = next((e.id for e in events if e.attributed_to == s.id), None)
        if prop is None:
            # an announcement by the speaker itself is the statement's proposition too
            prop = next((e.id for e in events if e.attributed_to is None and any(
                c.start <= e.trigger.start < c.end for c in s.content)), None)
        out.append(s.model_copy(update={"proposition": prop}) if prop else s)
    return out
