"""Typed claim threads: a proposition and the dated stances taken on it across articles."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Stance = Literal["alleged", "denied", "confirmed"]
Status = Literal["alleged", "denied", "disputed", "confirmed"]
Via = Literal["event", "content", "anaphora"]


@dataclass(frozen=True)
class ThreadMember:
    """One statement in a thread, with the stance it takes and the thread's status after it."""
    article_id: str
    statement_id: str
    speaker_text: str | None
    speaker_code: str | None
    speaker_country: str | None
    cue_lemma: str
    polarity: str
    certainty: str
    stance: Stance
    date: str | None
    content_text: str
    via: Via
    event_id: str | None
    status_after: Status


@dataclass(frozen=True)
class Thread:
    """Statements across articles asserting or denying one proposition, in date order."""
    id: str
    family: str | None
    side_a: list[str]
    side_b: list[str]
    keywords: list[str]
    status: Status
    first_date: str | None
    last_date: str | None
    articles: int
    label: str
    members: list[ThreadMember] = field(default_factory=list)

    def stances(self) -> list[tuple[str | None, str | None, str]]:
        """(date, speaker country or code, stance) per member, in order."""
        return [(m.date, m.speaker_country or m.speaker_code, m.stance) for m in self.members]
