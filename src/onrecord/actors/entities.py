"""The working form of an actor while one article is resolved."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..model import ActorCode
from ..nlp.tree import children


@dataclass
class Entity:
    key: str
    name: str
    code: ActorCode
    kind: str
    named: bool
    person: bool                    # can be "he"/"she"
    plural: bool
    head_lemma: str
    mentions: list[tuple[int, int]] = field(default_factory=list)   # char offsets
    heads: set[str] = field(default_factory=set)                    # head lemmas of its mentions


def definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children(token))
