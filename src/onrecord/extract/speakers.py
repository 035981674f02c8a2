"""Speakers of statements: which token is the source of a cue, and the span of its noun phrase.

The span follows the PolNeAR convention: the full noun phrase with its appositions ("Robert Klein,
chairman of the institute") and restrictive relative clauses ("the man who built his career"), but
not non-restrictive ones (", who endorsed Clinton"); a relative pronoun source is the pronoun
itself ("who said"), its actor that of the noun it refers to. A passive cue's source is its agent
("was reported by MSNBC").
"""
from __future__ import annotations

from spacy.tokens import Token

from ..nlp.tree import children, tree
from .lexicon import cue_entry

WH_PRONOUNS = ("WP", "WDT")
# tokens that close a dateline or a headline before the sentence proper ("RENO, Nev. (AP) — Trump")
_BREAKS = {"—", "–", "--", "―"}


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited through coordination, relative clauses and control.

    A subjectless participle ("…, claiming that …") takes the subject of the reporting verb it
    hangs from, not of the reported clause it may be attached to."""
    if verb.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(verb)):
        anc = verb.head
        for _ in range(5):
            if anc.i == anc.head.i and anc.i != verb.i:
                break
            if anc.i != verb.i and anc.pos_ == "VERB" and cue_entry(anc.lemma_.lower(), "VERB") is not None \
                    and anc.dep_ != "ccomp":
                found = subject_of(anc)
                if found is not None:
                    return found
            anc = anc.head
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head   # "911 calls saying shots had been fired"
    # a finite verb, or a past form with a direct object, is no noun modifier: "Ivan Sokolov, a Russian-installed
    # official, accused Kyiv of …" is parsed with "accused" as a clause of "Sokolov", its subject
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and (
            verb.tag_ in ("VBD", "VBZ", "VBP") or verb.tag_ == "VBN" and any(c.dep_ == "dobj" for c in children(verb))) \
            and verb.head.i < verb.i and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in children(verb)):
        return verb.head
    # "after saying he was nervous, the man …": the main verb's subject says a clause (not "by defending X")
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ == "ccomp" for c in children(verb)):
        verb = verb.head.head
    seen = 0
    v = verb
    while seen < 6:
        # a passive's agent is its source ("was first reported by MSNBC"), its subject the content
        agent = next((c for c in children(v) if c.dep_ == "agent"), None) if v is verb else None
        if agent is not None:
            return next((p for p in children(agent) if p.dep_ == "pobj"), None)
        for c in children(v):
            if c.dep_ in ("nsubj", "agent") or (c.dep_ == "nsubjpass" and v.lemma_ not in ("tell", "ask")):
                if c.dep_ == "agent":
                    return next((p for p in children(c) if p.dep_ == "pobj"), None)
                return c
        if v is verb and v.dep_ == "conj" and _reported(v.head):
            # "said that the proposal “fell far short …” and accused the coalition of …": a subjectless
            # reporting verb joined to a reported "that" clause is the speaker's next act, not the clause's
            v = v.head.head
            seen += 1
            continue
        if v.dep_ in ("conj", "xcomp", "advcl", "acomp") and v.head.i != v.i:
            v = v.head   # "are more likely to say": through the adjective to its copula's subject
            seen += 1
            continue
        if v.dep_ == "relcl":
            return v.head
        # "About 4 in 10 say …": the parser hangs a numeric subject on the verb as a modifier
        return next((c for c in children(v) if c.i < v.i and c.dep_ in ("nummod", "npadvmod", "dep")
                     and c.pos_ == "NUM"), None)
    return None


def _reported(clause: Token) -> bool:
    """A "that" clause reported by a cue verb ("said that …")."""
    return clause.dep_ == "ccomp" and clause.head.pos_ == "VERB" \
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in children(clause)) \
        and cue_entry(clause.head.lemma_.lower(), "VERB") is not None


def referent(speaker: Token) -> Token:
    """The token whose actor a speaker token stands for: a relative pronoun's antecedent, else itself."""
    if speaker.tag_ in WH_PRONOUNS:
        v = speaker.head
        for _ in range(4):
            if v.dep_ == "relcl":
                return v.head
            if v.head.i == v.i:
                break
            v = v.head
    return speaker


def speaker_range(token: Token) -> tuple[int, int]:
    """Character bounds of a speaker's noun phrase (see the module docstring for what it covers)."""
    doc = token.doc
    cut = [a for a in children(token) if a.i > token.i and (
        a.dep_ in ("relcl", "acl") and _non_restrictive(a) or a.dep_ == "acl" and a.tag_ in ("VBN", "VBG")
        or a.dep_ == "appos" and a.like_num)]
    tr = tree(doc)
    i0, i1 = tr.bounds(token, without=cut)     # the subtree without the clauses cut from it
    i1 += 1
    # the phrase ends where a clause cut from it begins (", who said …, " is not bridged)
    i1 = min([i1] + [tr.left_edge(a) for a in cut])
    # a modifier speaker ("the North Korean claim"): take its sibling modifiers of the same name
    while i0 > 0 and token.dep_ in ("amod", "compound") and doc[i0 - 1].head.i == token.head.i \
            and doc[i0 - 1].dep_ in ("amod", "compound") and doc[i0 - 1].ent_type_ == token.ent_type_:
        i0 -= 1
    # a dateline or headline glued to the subject by the parser ends at a dash or a line break
    for j in range(token.i - 1, i0 - 1, -1):
        if doc[j].text in _BREAKS or "\n" in doc[j].text:
            i0 = j + 1
            break
    for j in range(token.i + 1, i1):
        if "\n" in doc[j].text:
            i1 = j
            break
    s, e = _trim(doc, i0, i1)
    if e <= s:
        s, e = token.i, token.i + 1
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


def _non_restrictive(clause: Token) -> bool:
    """A relative or participial clause set off by a comma (", who said …")."""
    first = tree(clause.doc).left_edge(clause)
    return first > 0 and clause.doc[first - 1].text in (",", "(", "—", "–")


def _trim(doc, i0: int, i1: int) -> tuple[int, int]:
    """Token bounds without edge punctuation and white space."""
    while i0 < i1 and (doc[i0].is_punct or doc[i0].is_space):
        i0 += 1
    while i1 > i0 and (doc[i1 - 1].is_punct or doc[i1 - 1].is_space):
        i1 -= 1
    return i0, i1
