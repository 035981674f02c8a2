"""Events as PLOVER JSON records (the manual's "Data Fields" chapter), one JSON object per line.

Field names are the manual's (tables "PLOVER JSON", "Information object for entities", "… for
text", "… for citations"); fields onrecord adds beyond them are allowed by the manual ("Providers
should feel free to include named fields beyond those provided here") and listed in EXTRA_FIELDS.
docs/SCALE.md gives the mapping field by field.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from types import MappingProxyType
from typing import Any, Literal, Mapping

from ..model import Actor, Event, Record
from ..store.rows import first_day, published_parts

EventSelection = Literal["all", "asserted", "reported"]

# Quad category of each PLOVER category (manual, "Quad category" subsection of each category):
# 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict;
# the same numbering as GDELT's QuadClass.
QUAD: Mapping[str, int] = MappingProxyType({
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
})
MANUAL_FIELDS = ("id", "has_event", "date", "time", "actor", "recipient", "event", "event_text", "quad_code",
                 "event_scale", "mode", "context", "text_info", "cite_info", "coder")
EXTRA_FIELDS = ("article_id", "event_id", "attributed_to", "negated", "hypothetical", "future", "historical",
                "event_date", "event_date_precision")
CODEBOOK = "PLOVER manual, draft version 2.0"


def selected_events(record: Record, which: EventSelection) -> Iterator[Event]:
    """The events to export: all; asserted (not negated, not hypothetical); reported (… and in the article's voice)."""
    for event in record.events:
        if which != "all" and (event.negated or event.hypothetical):
            continue
        if which == "reported" and event.attributed_to is not None:
            continue
        yield event


def event_day(record: Record, event: Event) -> tuple[dt.date | None, str | None]:
    """(the event's day, its time) when the record dates it to the day, else the article's publication day."""
    if event.date is not None and event.date.precision in ("day", "time"):
        day = first_day(event.date.value)
        if day is not None:
            time = (event.date.value.partition("T")[2] or None) if event.date.precision == "time" else None
            return day, time
    _, day = published_parts(record.article.published)
    return day, None


def entity(actor: Actor) -> dict[str, Any]:
    """The manual's entity object of an actor (code = the 3-character top-level code, e.g. country)."""
    return {"code": actor.country or actor.code or None, "sector": actor.sector,
            "entity_text": actor.mentions[0].text if actor.mentions else actor.name,
            "identifier_text": actor.name, "cameo": actor.code or None}


def plover_event(record: Record, event: Event, coder: str) -> dict[str, Any]:
    """The PLOVER JSON object of one event of a record."""
    from ..extract.lexicon import plover_score

    a = record.article
    actors = {x.id: x for x in record.actors}
    day, time = event_day(record, event)
    speaker = None
    if event.attributed_to is not None:
        statement = next((s for s in record.statements if s.id == event.attributed_to), None)
        if statement is not None and statement.speaker is not None and statement.speaker.actor in actors:
            speaker = entity(actors[statement.speaker.actor])
    score = event.score if event.score is not None else plover_score(event.type, event.mode)
    return {
        "id": f"{a.id}-{event.id}",
        "has_event": True,
        "date": day.isoformat() if day else None,
        "time": time,
        "actor": [entity(actors[x]) for x in event.actor if x in actors],
        "recipient": [entity(actors[x]) for x in event.recipient if x in actors],
        "event": [event.type],
        "event_text": [event.trigger.text],
        "quad_code": QUAD[event.type],
        "event_scale": score,
        "mode": [event.mode] if event.mode else None,
        "context": list(event.context) or None,
        "text_info": {"start": event.trigger.start, "end": event.trigger.end},
        "cite_info": {"url": a.provenance.url if a.provenance and a.provenance.url else a.source,
                      "title": a.title, "publication": a.publisher, "language": a.language,
                      "coder": coder, "codebook": CODEBOOK},
        "coder": coder,
        "article_id": a.id,
        "event_id": event.id,
        "attributed_to": speaker,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "future": event.future,
        "historical": event.historical,
        "event_date": event.date.value if event.date else None,
        "event_date_precision": event.date.precision if event.date else None,
    }
