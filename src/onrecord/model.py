"""Typed data model of the `onrecord/1` record: the contract between stages and the JSON edge.

Every span is a `TextSpan` built through `TextSpan.of`, which checks that the offsets index
exactly the given text (see docs/record-format.md).
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .errors import OffsetError

FORMAT = "onrecord/1"

PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
PLOVER_TYPES: tuple[str, ...] = PloverType.__args__  # type: ignore[attr-defined]
Polarity = Literal["+", "-"]
Certainty = Literal["certain", "probable", "possible", "unknown"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Precision = Literal["time", "day", "month", "year", "decade", "century"]
ActorKind = Literal["state", "igo", "ngo", "group", "person", "generic"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict of this object, in the onrecord/1 vocabulary."""
        return self.model_dump(mode="json")


class TextSpan(_Frozen):
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int, **extra: Any) -> "TextSpan":
        """The span text[start:end]; raises OffsetError when the bounds are impossible."""
        if not (0 <= start <= end <= len(text)):
            raise OffsetError(start=start, end=end, length=len(text))
        return cls(start=start, end=end, text=text[start:end], **extra)

    def check(self, text: str) -> None:
        """Raise OffsetError unless text[start:end] == self.text."""
        if text[self.start:self.end] != self.text:
            raise OffsetError(start=self.start, end=self.end, length=len(text), expected=self.text)


class Removal(_Frozen):
    """A piece of the input that is not part of the article body, and why."""
    text: str
    reason: str


class Repair(_Frozen):
    """A corrected token; start/end index the repaired text in `article.text` (or -1 if removed later)."""
    before: str
    after: str
    reason: str
    start: int
    end: int


class Provenance(_Frozen):
    url: str | None = None
    fetched: str | None = None
    status: int | None = None
    content_hash: str | None = None


class Article(_Frozen):
    id: str
    source: str | None = None
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None
    dateline: str | None = None
    publisher: str | None = None
    print_headline: str | None = None
    language: str = "en"
    text: str
    removed: list[Removal] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
    provenance: Provenance | None = None


class ActorCode(_Frozen):
    """A CAMEO-style code: country (ISO alpha-3, UNO, IGO…) plus role blocks (GOV, MIL…)."""
    country: str | None = None
    sectors: tuple[str, ...] = ()

    def render(self) -> str:
        return (self.country or "") + "".join(self.sectors)


class Actor(_Frozen):
    id: str
    name: str
    code: str
    country: str | None = None
    sector: str | None = None
    kind: ActorKind = "state"
    named: bool = True
    mentions: list[TextSpan] = Field(default_factory=list)


class Speaker(TextSpan):
    actor: str | None = None
    named: bool = True


class Cue(TextSpan):
    lemma: str


class Statement(_Frozen):
    id: str
    speaker: Speaker | None
    cue: Cue
    content: list[TextSpan] = Field(default_factory=list)
    quote: QuoteKind = "indirect"
    polarity: Polarity = "+"
    certainty: Certainty = "certain"
    proposition: str | None = None
    date: str | None = None


class EventDate(_Frozen):
    value: str
    precision: Precision
    span: TextSpan | None = None


class Event(_Frozen):
    id: str
    type: PloverType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    actor: list[str] = Field(default_factory=list)
    recipient: list[str] = Field(default_factory=list)
    trigger: TextSpan
    attributed_to: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    date: EventDate | None = None
    score: float | None = None


class Amount(_Frozen):
    value: float
    approximate: bool = False
    object: str | None = None
    span: TextSpan


class Record(_Frozen):
    format: Literal["onrecord/1"] = FORMAT
    article: Article
    actors: list[Actor] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)

    def spans(self) -> list[TextSpan]:
        """Every span of the record, for offset checks."""
        out: list[TextSpan] = []
        for a in self.actors:
            out.extend(a.mentions)
        for s in self.statements:
            if s.speaker is not None:
                out.append(s.speaker)
            out.append(s.cue)
            out.extend(s.content)
        for e in self.events:
            out.append(e.trigger)
            if e.date is not None and e.date.span is not None:
                out.append(e.date.span)
        out.extend(a.span for a in self.amounts)
        return out

    def check_offsets(self) -> None:
        """Raise OffsetError if any span does not index article.text exactly."""
        for span in self.spans():
            span.check(self.article.text)


class Failure(_Frozen):
    """An input that could not be analysed: where it came from and why (for batch reports)."""
    source: str
    code: str
    message: str
