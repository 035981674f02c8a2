"""Statements: who said (claimed, denied, warned, believes…) what, from a parsed article.

A statement has a cue (a reporting verb, "according to", or a nominal cue with a "that"
clause), a speaker (subject, inverted subject, agent, or the source of "according to"),
and content (the clausal complement, the quoted words, or the clause "according to" attaches
to). Direct quotes without a clausal complement take their content from the quotation marks.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..actors.resolve import ActorIndex
from ..model import Cue, Speaker, Statement, TextSpan
from .lexicon import CueEntry, cue_entry
from .dates import resolve_date
from .stance import content_certainty, content_polarity

_QUOTE = re.compile(r"“[^“”]{2,}?”|\"[^\"\n]{2,}?\"")
CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl")
PREP_CONTENT_KINDS = {"accuse", "warn", "demand", "say"}


@dataclass
class Draft:
    """A statement under construction (token-level), before ids and offsets are fixed."""
    cue: list[Token]
    entry: CueEntry
    speaker: Token | None
    heads: list[Token] = field(default_factory=list)   # content predicates
    ranges: list[tuple[int, int]] = field(default_factory=list)   # content char ranges
    quote: str = "indirect"

    @property
    def cue_token(self) -> Token:
        return self.cue[0]


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (marks excluded)."""
    return [(m.start() + 1, m.end() - 1) for m in _QUOTE.finditer(text)]


def find_statements(doc: Doc) -> list[Draft]:
    """Statement drafts for every cue in the document."""
    quotes = quote_ranges(doc.text)
    drafts: list[Draft] = []
    for sent in doc.sents:
        for token in sent:
            draft = _verbal(token) or _according_to(token) or _nominal(token)
            if draft is None:
                continue
            if not draft.ranges and _may_take_bare_quote(draft):
                _bare_quote(draft, sent, quotes)
            if not draft.ranges:
                continue
            _quote_kind(draft, quotes)
            drafts.append(draft)
    return _drop_covered_nominals(drafts)


def build_statements(doc: Doc, drafts: list[Draft], actors: ActorIndex,
                     published: dt.date | None) -> list[Statement]:
    """Records for statement drafts: speaker actor, polarity, certainty, date."""
    text = doc.text
    out: list[Statement] = []
    drafts = _fold_nested([d for d in drafts if d.speaker is not None], actors)
    for n, d in enumerate(drafts, 1):
        cue_start = d.cue[0].idx
        cue_end = d.cue[-1].idx + len(d.cue[-1].text)
        speaker = None
        if d.speaker is not None:
            s, e = speaker_range(d.speaker)
            actor = actors.actor_of(d.speaker)
            a = actors.get(actor)
            named = a.named if a is not None else d.speaker.ent_type_ == "PERSON"
            speaker = Speaker.of(text, s, e, actor=actor, named=named)
        polarity = d.entry.polarity
        if d.entry.polarity == "+" and content_polarity(d.heads) == "-":
            polarity = "-"
        if any(c.dep_ == "neg" for c in d.cue_token.children):
            polarity = "+" if d.entry.polarity == "-" else polarity
        certainty = content_certainty(d.heads, d.entry.certainty)
        when = _date_of(d.cue_token, published)
        out.append(Statement(
            id=f"s{n}", speaker=speaker,
            cue=Cue.of(text, cue_start, cue_end, lemma=d.entry.lemma),
            content=[TextSpan.of(text, s, e) for s, e in d.ranges],
            quote=d.quote, polarity=polarity, certainty=certainty, date=when))  # type: ignore[arg-type]
    return out


# -- cue kinds ---------------------------------------------------------------------------

def _verbal(token: Token) -> Draft | None:
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "aux", "auxpass"):
        return None
    lemma = token.lemma_.lower()
    entry = None
    particle = None
    for c in token.children:
        if c.dep_ in ("prt", "prep") and c.i > token.i:
            entry = cue_entry(f"{lemma} {c.lower_}", "VERB")
            if entry is not None:
                particle = c
                break
    if entry is None:
        entry = cue_entry(lemma, "VERB")
    if entry is None or (entry.particle and particle is None):
        return None
    cue = [token] + ([particle] if particle is not None and particle.i == token.i + 1 else [])
    draft = Draft(cue=cue, entry=entry, speaker=_subject(token))
    addressee = "needs_obj" in entry.flags
    weak = "weak" in entry.flags
    for c in token.children:
        if weak and c.dep_ != "ccomp":
            continue
        if c.dep_ in CONTENT_DEPS or (c.dep_ == "dobj" and not addressee and _clausal_object(c)):
            if c.dep_ == "xcomp" and c.i < token.i:
                continue
            draft.heads.append(c)
        elif c.dep_ == "prep" and (c is particle or c.lower_ in ("of", "about") and entry.kind in PREP_CONTENT_KINDS):
            draft.heads.extend(p for p in c.children if p.dep_ in ("pobj", "pcomp"))
    for h in draft.heads:
        draft.ranges.append(_content_range(h, exclude=token))
    return draft


def _according_to(token: Token) -> Draft | None:
    if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.nbor().lower_ != "to":
        return None
    entry = cue_entry("according to", "ADP")
    if entry is None:
        return None
    to = token.nbor()
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    sent = token.sent
    clause = token.head if token.head.i != token.i else sent.root
    phrase_start = token.i
    phrase_end = max(t.i for t in token.subtree) + 1
    draft = Draft(cue=[token, to], entry=entry, speaker=source, heads=[clause])
    left = _trim(sent.doc, sent.start, phrase_start)
    right = _trim(sent.doc, phrase_end, sent.end)
    for s, e in (left, right):
        if e > s:
            draft.ranges.append((sent.doc[s].idx, sent.doc[e - 1].idx + len(sent.doc[e - 1].text)))
    return draft


def _nominal(token: Token) -> Draft | None:
    if token.pos_ != "NOUN":
        return None
    entry = cue_entry(token.lemma_.lower(), "NOUN")
    if entry is None:
        return None
    clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    speaker = next((c for c in reversed(list(token.children)) if c.i < token.i and (
        c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN", "PRON")
        or c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG"))), None)
    if speaker is None:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                speaker = next((p for p in prep.children if p.dep_ == "pobj"), None)
    draft = Draft(cue=[token], entry=entry, speaker=speaker, heads=[clause])
    draft.ranges.append(_content_range(clause, exclude=token))
    return draft


# -- helpers -----------------------------------------------------------------------------

def _subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited through coordination, relative clauses and control.

    A subjectless participle ("…, claiming that …") takes the subject of the reporting verb it
    hangs from, not of the reported clause it may be attached to."""
    if verb.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        anc = verb.head
        for _ in range(5):
            if anc.i == anc.head.i and anc is not verb:
                break
            if anc is not verb and anc.pos_ == "VERB" and cue_entry(anc.lemma_.lower(), "VERB") is not None \
                    and anc.dep_ != "ccomp":
                found = _subject(anc)
                if found is not None:
                    return found
            anc = anc.head
    seen = 0
    v = verb
    while seen < 6:
        for c in v.children:
            if c.dep_ in ("nsubj", "agent") or (c.dep_ == "nsubjpass" and v.lemma_ not in ("tell", "ask")):
                if c.dep_ == "agent":
                    return next((p for p in c.children if p.dep_ == "pobj"), None)
                if c.tag_ in ("WP", "WDT") and v.dep_ == "relcl":
                    return v.head
                return c
        if v.dep_ in ("conj", "xcomp", "advcl") and v.head.i != v.i:
            v = v.head
            seen += 1
            continue
        if v.dep_ == "relcl":
            return v.head
        return None
    return None


def _clausal_object(tok: Token) -> bool:
    """A direct object that carries content (a noun phrase with a modifier), not a bare noun."""
    return tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.lower_ not in ("it", "this", "that")


def _content_range(head: Token, exclude: Token) -> tuple[int, int]:
    toks = [t for t in head.subtree if t.i != exclude.i]
    i0, i1 = min(t.i for t in toks), max(t.i for t in toks) + 1
    doc = head.doc
    s, e = _trim(doc, i0, i1)
    if e <= s:
        s, e = i0, i1
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


def _trim(doc: Doc, i0: int, i1: int) -> tuple[int, int]:
    """Token bounds without leading/trailing punctuation, spaces, conjunctions and "that"."""
    while i0 < i1 and (doc[i0].is_punct and doc[i0].text not in "“\"" or doc[i0].is_space
                       or doc[i0].dep_ in ("mark", "cc") and doc[i0].lower_ in ("that", "but", "and")):
        i0 += 1
    while i1 > i0 and (doc[i1 - 1].is_punct and doc[i1 - 1].text not in "”\"" or doc[i1 - 1].is_space):
        i1 -= 1
    # keep quotation marks balanced inside the range
    span = doc[i0:i1].text if i1 > i0 else ""
    if span.count("“") > span.count("”") and doc[i0].text == "“":
        i0 += 1
    if span.count("”") > span.count("“") and i1 > i0 and doc[i1 - 1].text == "”":
        i1 -= 1
    return i0, i1


def _may_take_bare_quote(draft: Draft) -> bool:
    """Only a main-clause cue with a speaker introduces a quotation it does not govern."""
    cue = draft.cue_token
    main = cue.dep_ == "ROOT" or cue.dep_ in ("conj", "parataxis") and cue.head.dep_ == "ROOT"
    return main and draft.speaker is not None and cue.pos_ == "VERB"


def _bare_quote(draft: Draft, sent: Span, quotes: list[tuple[int, int]]) -> None:
    """A cue with no clausal complement takes the quotation in its sentence (or the one before)."""
    inside = [(s, e) for s, e in quotes if sent.start_char <= s and e <= sent.end_char]
    if not inside:
        prev_end = sent.start_char
        prev = [(s, e) for s, e in quotes if e <= prev_end and prev_end - e <= 3]
        only_cue = all(t.is_punct or t.i in {c.i for c in draft.cue} or t.dep_ in ("nsubj", "det", "compound", "amod")
                       or t.head.i == draft.cue_token.i and t.dep_ in ("advmod", "npadvmod") or t.is_space
                       for t in sent)
        if prev and only_cue:
            inside = prev[-1:]
    for s, e in inside:
        draft.ranges.append((s, e))
    if inside:
        doc = sent.doc
        span = doc.char_span(inside[0][0], inside[0][1], alignment_mode="expand")
        if span is not None:
            draft.heads.append(span.root)


def _quote_kind(draft: Draft, quotes: list[tuple[int, int]]) -> None:
    covered = 0
    total = 0
    for s, e in draft.ranges:
        total += e - s
        for qs, qe in quotes:
            covered += max(0, min(e, qe) - max(s, qs))
    if total and covered >= 0.9 * total:
        draft.quote = "direct"
    elif covered:
        draft.quote = "mixed"


def _fold_nested(drafts: list[Draft], actors: ActorIndex) -> list[Draft]:
    """A belief cue inside the content of the same speaker's statement continues that statement
    ("said he hadn't heard … and thought the report was false"): it hedges it, it is not a new one."""
    out: list[Draft] = []
    for d in drafts:
        me = actors.actor_of(d.speaker)
        host = None
        for o in drafts:
            if o is d or me is None or not d.entry.belief or actors.actor_of(o.speaker) != me:
                continue
            if any(s <= d.cue_token.idx < e for s, e in o.ranges):
                host = o
                break
        if host is None:
            out.append(d)
        else:
            host.heads.extend(d.heads)
    return out


def _drop_covered_nominals(drafts: list[Draft]) -> list[Draft]:
    """A sourceless nominal cue that is the object of a verbal cue ("dismissed reports that …") is part of it."""
    verbal = {d.cue_token.i for d in drafts if d.cue_token.pos_ in ("VERB", "AUX")}
    return [d for d in drafts if not (d.cue_token.pos_ == "NOUN" and d.speaker is None
                                      and d.cue_token.head.i in verbal
                                      and d.cue_token.dep_ in ("dobj", "pobj", "nsubjpass"))]


def speaker_range(token: Token) -> tuple[int, int]:
    """The noun phrase of a speaker token, without relative clauses and trailing punctuation."""
    toks = [t for t in token.subtree
            if not any(a.dep_ in ("relcl", "acl", "appos") and a.i != token.i and a.head.i == token.i
                       and t in a.subtree for a in token.children)]
    i0, i1 = min(t.i for t in toks), max(t.i for t in toks) + 1
    doc = token.doc
    # a modifier speaker ("the North Korean claim"): take its sibling modifiers of the same name
    while i0 > 0 and token.dep_ in ("amod", "compound") and doc[i0 - 1].head.i == token.head.i \
            and doc[i0 - 1].dep_ in ("amod", "compound") and doc[i0 - 1].ent_type_ == token.ent_type_:
        i0 -= 1
    s, e = _trim(doc, i0, i1)
    if e <= s:
        s, e = token.i, token.i + 1
    doc = token.doc
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


def _date_of(cue: Token, published: dt.date | None) -> str | None:
    for c in cue.children:
        if c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod", "advmod", "nmod", "prep", "pobj"):
            for ent in cue.doc.ents:
                if ent.start <= c.i < ent.end:
                    r = resolve_date(ent.text, published)
                    if r:
                        return r.value
    return published.isoformat() if published else None
