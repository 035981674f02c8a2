"""How a speaker presents content: polarity (+/-) and certainty, FactBank-style."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..lexicons import load_table
from ..nlp.tree import children


@lru_cache(maxsize=None)
def stance_words(cls: str) -> frozenset[str]:
    """The words of one class of data/stance_words.tsv."""
    return frozenset(r["word"] for r in load_table("stance_words.tsv", ("word", "class")) if r["class"] == cls)


def is_negated(pred: Token) -> bool:
    """The predicate is negated by an adverb, a negative determiner or quantifier, or "nor"."""
    neg = stance_words("negator")
    for c in children(pred):
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "cc", "preconj") and c.lower_ in neg):
            return True
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "expl") and (
                c.lower_ in neg or any(d.dep_ == "det" and d.lower_ in neg for d in children(c))):
            return True
    return False


def content_polarity(heads: list[Token], naming: bool = False) -> str:
    """"-" when the content's main predicate is negated (not deontically) or declared false.

    With a naming cue ("called the claims a groundless rumor") the name given to the object counts
    as the predicate, so a word of falsity in it or its modifiers makes the content false."""
    deontic = stance_words("deontic")
    falsity = stance_words("falsity")
    if naming and any(_false_name(h, falsity) for h in heads):
        return "-"
    for head in heads:
        for pred in _predicates(head):
            if pred.lemma_.lower() in deontic or pred.lower_ in deontic or any(
                    c.lower_ in deontic and c.dep_ in ("aux", "acomp", "dobj", "attr") for c in children(pred)):
                continue
            if is_negated(pred):
                return "-"
            for c in children(pred):
                if c.dep_ in ("acomp", "attr", "oprd") and (c.lower_ in falsity or c.lemma_.lower() in falsity):
                    return "-"
            if pred.lower_ in falsity or pred.lemma_.lower() in falsity:
                return "-"
    return "+"


def content_certainty(heads: list[Token], base: str) -> str:
    """Lower the cue's certainty by modals and hedging adverbs on the content's predicates."""
    rank = {"certain": 3, "probable": 2, "possible": 1, "unknown": 0}
    best = base if base in rank else "certain"
    possible, probable = stance_words("possible"), stance_words("probable")
    for head in heads:
        for pred in _predicates(head):
            for c in children(pred):
                if c.dep_ in ("aux", "advmod") and c.lower_ in possible and rank[best] > 1:
                    best = "possible"
                elif c.dep_ in ("aux", "advmod") and c.lower_ in probable and rank[best] > 2:
                    best = "probable"
    return best


def _false_name(head: Token, falsity: frozenset[str]) -> bool:
    """The head, its object or predicative complement, or their adjectives, say "false"."""
    names = [head] + [c for c in children(head) if c.dep_ in ("dobj", "attr", "oprd", "acomp")]
    words = names + [a for n in names for a in children(n) if a.dep_ == "amod"]
    return any(w.lower_ in falsity or w.lemma_.lower() in falsity for w in words)


def _predicates(head: Token) -> list[Token]:
    """The head and predicates coordinated with it (", nor are there plans", "and thought …")."""
    out = [head]
    for c in children(head):
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX", "ADJ"):
            out.append(c)
    return out
