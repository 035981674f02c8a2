"""Statements: who said (claimed, denied, warned, believes…) what, from a parsed article.

A statement has a cue (a reporting verb, "according to", or a nominal cue with a "that"
clause), a speaker (subject, inverted subject, agent, or the source of "according to"),
and content (the clausal complement, the quoted words, or the clause "according to" attaches
to). Direct quotes without a clausal complement take their content from the quotation marks;
other cues without one take their object ("mentioned the violence"), the clause around them ("This
campaign, he says, is different"), the paragraph after a closing colon, or a passive's subject. A
passive cue without an agent ("was asked whether …") keeps its content with no speaker.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..actors.resolve import ActorIndex
from ..model import Cue, Speaker, Statement, TextSpan
from ..nlp.text import doc_text, entity_span
from ..nlp.tree import children, sentence, tree
from .dates import resolve_date
from .lexicon import CueEntry, cue_entry
from .quotes import Quotes, bare_quote, block, block_after, continue_quotes, parenthetical, quote_kind, trim_tokens
from .speakers import referent, speaker_range, subject_of
from .stance import content_certainty, content_polarity, stance_words

CONTENT_DEPS = ("ccomp", "xcomp", "parataxis", "oprd")
LEAD_DEPS = ("aux", "auxpass", "neg", "advmod")
PREP_CONTENT_KINDS = {"accuse", "warn", "demand", "say"}
# prepositions that carry the content after an addressee ("accused X of", "warned X about")
ADDRESSEE_CONTENT_PREPS = ("of", "about")
# subordinators of an indirect question
QUESTION_MARKS = ("if", "whether")
# "Name: words" lines: a colon after a short name attributes the rest of the line to it
COLON_CUE = CueEntry(":", "PUNCT", "say", "+", "certain", None, frozenset())
COLON_NAME_MAX = 5
NAME_ENTS = ("PERSON", "ORG", "NORP", "GPE")
# prepositions that introduce the content of an attitude adjective ("critical of", "concerned about")
ADJ_CONTENT_PREPS = ("of", "about", "over")
COPULAS = ("be", "become", "remain", "seem", "appear")
# prepositions that introduce the topic of a speech or attitude noun ("criticism of", "support for")
NOMINAL_TOPIC = ("of", "for", "on", "about", "against")


@dataclass
class Draft:
    """A statement under construction (token-level), before ids and offsets are fixed."""
    cue: list[Token]
    entry: CueEntry
    speaker: Token | None
    heads: list[Token] = field(default_factory=list)   # content predicates
    ranges: list[tuple[int, int]] = field(default_factory=list)   # content char ranges
    quote: str = "indirect"
    lead: list[Token] = field(default_factory=list)   # auxiliaries, negation, adverbs before the cue
    speaker_span: tuple[int, int] | None = None        # char bounds when not the speaker token's phrase

    @property
    def cue_token(self) -> Token:
        return self.cue[0]


def find_statements(doc: Doc) -> list[Draft]:
    """Statement drafts for every cue in the document."""
    quotes = Quotes(doc_text(doc))
    drafts: list[Draft] = []
    for sent in doc.sents:
        for token in sent:
            # a cue inside a quotation belongs to the quoted words ("“I think …,” she said")
            if quotes.containing(token.idx) is not None:
                continue
            draft = _raising(token) or _verbal(token) or _adjectival(token) or _according_to(token) or _nominal(token) or _colon(token)
            if draft is None:
                continue
            if not draft.ranges and _may_take_bare_quote(draft):
                bare_quote(draft, sent, quotes)
            if not draft.ranges and _may_take_bare_quote(draft):
                block(draft, sent)
            # "you know, …" is a filler, not a cue
            if not draft.ranges and draft.speaker is not None and draft.speaker.lower_ != "you" and (
                    token.dep_ == "parataxis"
                    or token.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in children(token))):
                parenthetical(draft)
            if not draft.ranges:
                continue
            drafts.append(draft)
    drafts = _drop_covered_nominals(drafts)
    for draft in drafts:
        quote_kind(draft, quotes)
    continue_quotes(doc, drafts, quotes)
    return drafts


def build_statements(doc: Doc, drafts: list[Draft], actors: ActorIndex,
                     published: dt.date | None) -> list[Statement]:
    """Records for statement drafts: speaker actor, polarity, certainty, date."""
    text = doc_text(doc)
    out: list[Statement] = []
    drafts = _fold_nested([d for d in drafts if d.speaker is not None or _sourceless(d)], actors)
    for n, d in enumerate(drafts, 1):
        cue_tokens = d.lead + d.cue
        cue_start = min(t.idx for t in cue_tokens)
        cue_end = max(t.idx + len(t.text) for t in cue_tokens)
        speaker = None
        if d.speaker is not None:
            s, e = d.speaker_span or speaker_range(d.speaker)
            who = referent(d.speaker)
            actor = actors.actor_of(who)
            a = actors.get(actor)
            named = a.named if a is not None else who.ent_type_ == "PERSON"
            speaker = Speaker.of(text, s, e, actor=actor, named=named)
        polarity = d.entry.polarity
        if d.entry.polarity == "+" and content_polarity(d.heads, naming=d.entry.lemma in stance_words("naming")) == "-":
            polarity = "-"
        certainty = content_certainty(d.heads, d.entry.certainty)
        if _cue_negated(d.cue_token):
            # "did not deny" leaves the content standing; "could not verify", "unable to confirm",
            # "did not say" leave it open: the speaker commits to nothing (FactBank: unknown)
            if d.entry.polarity == "-":
                polarity = "+"
            certainty = "unknown"
        when = _date_of(d.cue_token, published)
        out.append(Statement(
            id=f"s{n}", speaker=speaker,
            cue=Cue.of(text, cue_start, cue_end, lemma=d.entry.lemma),
            content=[TextSpan.of(text, s, e) for s, e in _merged(text, d.ranges)],
            quote=d.quote, polarity=polarity, certainty=certainty, date=when))  # type: ignore[arg-type]
    return out


# -- cue kinds ---------------------------------------------------------------------------

def _verbal(token: Token) -> Draft | None:
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "aux", "auxpass"):
        return None
    lemma = token.lemma_.lower()
    # the lemmatiser strips too much from some forms ("hopes" -> "hop"): try the form less its ending
    if cue_entry(lemma, "VERB") is None and token.lower_[-1:] in ("s", "d") \
            and cue_entry(token.lower_[:-1], "VERB") is not None:
        lemma = token.lower_[:-1]
    entry = None
    particle = None
    for c in children(token):
        # a preposition makes a phrasal cue only right after the verb ("referred to", not "referred X to")
        if c.dep_ == "prt" and c.i > token.i or c.dep_ == "prep" and token.i < c.i <= token.i + 2 and all(
                t.dep_ == "advmod" for t in token.doc[token.i + 1:c.i]):
            entry = cue_entry(f"{lemma} {c.lower_}", "VERB")
            if entry is not None:
                particle = c
                break
        # "calling for the U.S. to act": the parser makes the particle the mark of a clause
        if c.dep_ == "advcl" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].head.i == c.i \
                and token.doc[token.i + 1].dep_ == "mark":
            entry = cue_entry(f"{lemma} {token.doc[token.i + 1].lower_}", "VERB")
            if entry is not None:
                particle = token.doc[token.i + 1]
                break
    # a verb with a particle of another phrasal verb is another word ("call up" reservists)
    if entry is None and not any(c.dep_ == "prt" for c in children(token)):
        entry = cue_entry(lemma, "VERB")
    if entry is None or (entry.particle and particle is None) or entry.lemma in stance_words("raising"):
        return None
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in children(token))
    if entry.lemma in stance_words("main_clause") and (token.dep_ in ("ccomp", "xcomp", "acl", "pcomp", "csubj")
                                                      or token.tag_ in ("VBG", "VBN") and token.dep_ != "ROOT"
                                                      or infinitive):
        return None
    # "wants voters to know that …", "came to believe": a wished or reached belief is not held
    if entry.belief and infinitive:
        return None
    cue = [token] + ([particle] if particle is not None and particle.i == token.i + 1 else [])
    draft = Draft(cue=cue, entry=entry, speaker=subject_of(token), lead=_lead(token))
    addressee = "needs_obj" in entry.flags
    weak = "weak" in entry.flags
    for c in children(token):
        # an indirect question ("asked workers if they planned to attend"), parsed as a conditional clause
        if c.dep_ == "advcl" and c.i > token.i and any(m.dep_ == "mark" and m.lower_ in QUESTION_MARKS
                                                        for m in children(c)):
            draft.heads.append(c)
            continue
        # a weak cue reports only a clause or a topic ("asked about her vote"), not any object; a directive
        # also reports the action it asks for ("asked the network to donate the profits")
        if weak and c.dep_ != "ccomp" and not (c.dep_ == "prep" and c.lower_ == "about" and c.i > token.i) \
                and not (c.dep_ == "xcomp" and entry.kind == "demand"):
            continue
        if c.dep_ in CONTENT_DEPS or (c.dep_ == "dobj" and not addressee and _clausal_object(c)):
            if c.dep_ == "xcomp" and c.i < token.i:
                continue
            draft.heads.append(c)
        elif c.dep_ == "prep" and (particle is not None and c.i == particle.i or c.lower_ in ("of", "about") and entry.kind in PREP_CONTENT_KINDS):
            draft.heads.extend(p for p in children(c) if p.dep_ in ("pobj", "pcomp"))
        elif c.dep_ == "prep" and c.lower_ == "as" and not weak:
            draft.heads.append(c)   # "described the field as very good": the predicate of the object
        elif c.dep_ == "dobj" and addressee and entry.kind in PREP_CONTENT_KINDS and c.i > token.i:
            # "accused the RSF of looting": the parser often hangs the charge on the addressee
            draft.heads.extend(p for prep in children(c) if prep.dep_ == "prep" and prep.lower_ in ADDRESSEE_CONTENT_PREPS
                               and prep.i > c.i for p in children(prep) if p.dep_ in ("pobj", "pcomp"))
    if not draft.heads:
        _object_content(draft, token, particle)
    if not draft.heads and entry.kind == "say" and not weak:
        # a pro-form stands for what was said ("half said so", "a third said the same of Cruz", "he said that.")
        draft.heads.extend(c for c in children(token) if c.i > token.i and (
            c.dep_ == "advmod" and c.lower_ == "so" or c.dep_ == "dobj" and (
                c.lemma_.lower() == "same" or c.lower_ in ("that", "this") and c.tag_ == "DT" and not list(children(c)))))
    if not draft.heads and any(c.dep_ == "agent" for c in children(token)):
        draft.heads.extend(c for c in children(token) if c.dep_ == "nsubjpass")   # "The move was reported by X"
    for h in draft.heads:
        draft.ranges.append(_content_range(h, exclude=token))
    return draft


def _raising(token: Token) -> Draft | None:
    """A raising verb of appearance ("the team appeared paralyzed", "voters appear to be moving", "it appears
    that …") is the writer's hedge: no source, and the content is the subject with the complement."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "aux", "auxpass") \
            or token.lemma_.lower() not in stance_words("raising"):
        return None
    entry = cue_entry(token.lemma_.lower(), "VERB")
    comp = next((c for c in children(token) if c.i > token.i and c.dep_ in ("xcomp", "ccomp", "acomp", "oprd")), None)
    if entry is None or comp is None:
        return None
    # "seemed to recognize", "appeared to imply": the inner cue reports its own source's statement
    if comp.dep_ == "xcomp" and comp.pos_ == "VERB" and cue_entry(comp.lemma_.lower(), "VERB") is not None:
        return None
    draft = Draft(cue=[token], entry=entry, speaker=None, heads=[comp], lead=_lead(token))
    subj = next((c for c in children(token) if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i), None)
    # "it appears that …": the expletive subject is no part of the content
    if subj is not None and not (subj.lower_ == "it" and comp.dep_ == "ccomp"):
        draft.ranges.append(_content_range(subj, exclude=token))
    draft.ranges.append(_content_range(comp, exclude=token))
    return draft


def _adjectival(token: Token) -> Draft | None:
    """An attitude adjective after a copula ("some Democrats are concerned that …", "was also critical of
    Obama"): the copula's subject is the source; the cue runs from the copula to the adjective (and its
    preposition); the content is the that-clause or the preposition's object."""
    if token.dep_ != "acomp" or token.head.lemma_.lower() not in COPULAS or token.head.i > token.i:
        return None
    entry = cue_entry(token.lemma_.lower(), "ADJ") or cue_entry(token.lower_, "ADJ")
    if entry is None:
        return None
    copula = token.head
    prep = None
    heads = [c for c in children(token) if c.dep_ == "ccomp" and c.i > token.i]
    if not heads:
        prep = next((c for c in children(token) if c.dep_ == "prep" and c.i > token.i
                     and c.lower_ in ADJ_CONTENT_PREPS), None)
        if prep is None:
            return None
        heads = [p for p in children(prep) if p.dep_ in ("pobj", "pcomp")]
        if not heads:
            return None
    speaker = subject_of(copula)
    if speaker is None:
        return None
    cue = [copula, token] + ([prep] if prep is not None else [])
    draft = Draft(cue=cue, entry=entry, speaker=speaker, heads=heads, lead=_lead(copula))
    for h in heads:
        draft.ranges.append(_content_range(h, exclude=token))
    return draft


def _object_content(draft: Draft, verb: Token, particle: Token | None) -> None:
    """Content a cue takes without a clause: the noun-phrase object of an "object" verb with its "for"
    phrase ("thanked voters for their support"), or the clause a phrasal cue's particle introduces
    ("is calling for the U.S. to act", parsed as a subordinate clause)."""
    lemma = draft.entry.lemma
    if particle is not None and particle.dep_ == "mark":
        draft.heads.append(particle.head)
        return
    if lemma not in stance_words("object"):
        return
    obj = next((c for c in children(verb) if c.dep_ == "dobj" and c.i > verb.i
                and c.lower_ not in ("it", "this", "that")), None)
    if obj is not None:
        draft.heads.append(obj)
        draft.heads.extend(c for c in children(verb) if c.dep_ == "prep" and c.lower_ == "for" and c.i > obj.i)


def _according_to(token: Token) -> Draft | None:
    if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.nbor().lower_ != "to":
        return None
    entry = cue_entry("according to", "ADP")
    if entry is None:
        return None
    to = token.nbor()
    source = next((c for c in children(to) if c.dep_ == "pobj"), None)
    sent = sentence(token)
    clause = token.head if token.head.i != token.i else sent.root
    phrase_start = token.i
    phrase_end = tree(token.doc).right_edge(token) + 1
    draft = Draft(cue=[token, to], entry=entry, speaker=source, heads=[clause])
    left = trim_tokens(sent.doc, sent.start, phrase_start)
    right = trim_tokens(sent.doc, phrase_end, sent.end)
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
    clause = next((c for c in children(token) if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in children(c))), None)
    copula = None
    if clause is None and token.dep_ == "nsubj" and token.head.lemma_ == "be" and token.head.i > token.i:
        # "Rubio's response was that …": the clause is the copula's complement, the copula part of the cue
        clause = next((c for c in children(token.head) if c.dep_ == "ccomp" and c.i > token.head.i
                       and any(m.dep_ == "mark" and m.lower_ in ("that", "whether") for m in children(c))), None)
        copula = token.head if clause is not None else None
    topic = None
    if clause is None:
        # "his criticism of Trump", "made no mention of Bush": the topic phrase, when a source is named
        topic = next((c for c in children(token) if c.dep_ == "prep" and c.i == token.i + 1
                      and c.lower_ in NOMINAL_TOPIC and any(p.dep_ in ("pobj", "pcomp") for p in children(c))), None)
        # a cue verb governing the noun already reports it ("denied it, a rebuttal of …", "expressed support for")
        if topic is None or "weak" in entry.flags or cue_entry(token.head.lemma_.lower(), "VERB") is not None:
            return None
        clause = next(p for p in children(topic) if p.dep_ in ("pobj", "pcomp"))
    speaker = next((c for c in reversed(list(children(token))) if c.i < token.i and (
        c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN", "PRON")
        or c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG"))), None)
    if speaker is None:
        for prep in children(token):
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                speaker = next((p for p in children(prep) if p.dep_ == "pobj"), None)
    lead: list[Token] = []
    if token.dep_ == "dobj" and token.head.pos_ == "VERB" and token.head.i < token.i and (
            topic is not None or speaker is None and cue_entry(token.head.lemma_.lower(), "VERB") is None):
        # the light verb is part of the cue ("made no mention of") and its subject the source
        lead = _lead(token.head) + [token.head]
        speaker = speaker or subject_of(token.head)
    if topic is not None and speaker is None:
        return None
    draft = Draft(cue=[token] + ([topic] if topic is not None else []) + ([copula] if copula is not None else []),
                  entry=entry, speaker=speaker, heads=[clause], lead=lead)
    draft.ranges.append(_content_range(clause, exclude=token))
    return draft


def _colon(token: Token) -> Draft | None:
    """A line opening with a name and a colon attributes the rest of the line to that name
    ("Graham: Trump’s Rhetoric Destroying GOP’s Chances", "FALLIN: Well, I think …")."""
    if token.text != ":":
        return None
    doc = token.doc
    line_start = doc_text(doc).rfind("\n", 0, token.idx) + 1
    line_end = doc_text(doc).find("\n", token.idx)
    left = doc.char_span(line_start, token.idx, alignment_mode="contract")
    right = doc.char_span(token.idx + 1, len(doc_text(doc)) if line_end < 0 else line_end, alignment_mode="contract")
    if left is None or right is None or not 1 <= len(left) <= COLON_NAME_MAX:
        return None
    words = [t for t in left if not (t.is_punct or t.is_space)]
    # a capitalised name the tagger misses at a line start ("Sanders: …", "Poll: …"), unless a label ("UPDATE:")
    if not words or any(t.pos_ not in ("PROPN", "NOUN") and not t.is_title for t in words) \
            or not any(t.ent_type_ in NAME_ENTS for t in words) and (
                words[0].lower_ in stance_words("label") or words[0].pos_ == "DET"
                or not all(t.text[:1].isupper() for t in words)):
        return None
    s, e = trim_tokens(doc, right.start, right.end)
    if e - s < 3:
        # a transcript's speaker line ("TAPPER:") introduces the next paragraph
        rng = block_after(doc_text(doc), token.idx) if e <= s else None
        span = doc.char_span(*rng, alignment_mode="expand") if rng else None
        if span is None:
            return None
        s, e = span.start, span.end
    speaker = words[-1]
    draft = Draft(cue=[token], entry=COLON_CUE, speaker=speaker, heads=[doc[s:e].root],
                  speaker_span=(words[0].idx, speaker.idx + len(speaker.text)))
    draft.ranges.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)))
    return draft


# -- helpers -----------------------------------------------------------------------------

def _lead(verb: Token) -> list[Token]:
    """Auxiliaries, negation and adverbs right before a verbal cue ("has also not said")."""
    doc = verb.doc
    out: list[Token] = []
    j = verb.i - 1
    start = sentence(verb).start
    while j >= start and doc[j].head.i == verb.i and doc[j].dep_ in LEAD_DEPS \
            and doc[j].tag_ != "WRB" and not doc[j].is_punct:
        out.insert(0, doc[j])
        j -= 1
    return out


def _clausal_object(tok: Token) -> bool:
    """A direct object that carries content (a noun phrase with a modifier), not a bare noun."""
    return tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.lower_ not in ("it", "this", "that")


def _content_range(head: Token, exclude: Token) -> tuple[int, int]:
    doc = head.doc
    i0, i1 = tree(doc).bounds(head, but=exclude)     # head's subtree without the cue
    i1 += 1
    s, e = trim_tokens(doc, i0, i1)
    if e <= s:
        s, e = i0, i1
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


def _may_take_bare_quote(draft: Draft) -> bool:
    """Only a main-clause cue with a speaker, or a participle hanging from one ("…, telling reporters,
    “…”"), introduces a quotation it does not govern."""
    cue = draft.cue_token
    main = cue.dep_ == "ROOT" or cue.dep_ in ("conj", "parataxis") and cue.head.dep_ == "ROOT" \
        or cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.head.dep_ == "ROOT"
    return main and draft.speaker is not None and cue.pos_ == "VERB"


def _fold_nested(drafts: list[Draft], actors: ActorIndex) -> list[Draft]:
    """A belief cue inside the content of the same speaker's statement continues that statement
    ("said he hadn't heard … and thought the report was false"): it hedges it, it is not a new one."""
    out: list[Draft] = []
    for d in drafts:
        if d.speaker is None:
            out.append(d)
            continue
        me = actors.actor_of(referent(d.speaker))
        host = None
        for o in drafts:
            if o is d or me is None or not d.entry.belief or o.speaker is None \
                    or actors.actor_of(referent(o.speaker)) != me:
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


def _merged(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content ranges in text order, those separated by white space only joined ("the plan" "a trick")."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(set(ranges)):
        if out and (s <= out[-1][1] or not text[out[-1][1]:s].strip()):
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _cue_negated(cue: Token) -> bool:
    """The reporting verb is negated, or governed by a verb or adjective of inability or refusal."""
    if any(c.dep_ == "neg" for c in children(cue)):
        return True
    head = cue.head
    return cue.dep_ == "xcomp" and head.lemma_.lower() in stance_words("inability")


def _date_of(cue: Token, published: dt.date | None) -> str | None:
    for c in children(cue):
        if c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod", "advmod", "nmod", "prep", "pobj"):
            r = resolve_date(entity_span(c).text, published)
            if r:
                return r.value
    return published.isoformat() if published else None


def _sourceless(draft: Draft) -> bool:
    """A passive cue without an agent ("was asked whether", "Asked about it, …", "is expected to") has a
    source the text leaves unsaid; it still attributes its content."""
    cue = draft.cue_token
    if draft.entry.lemma in stance_words("raising"):
        return True
    return cue.pos_ == "VERB" and cue.tag_ == "VBN" and (
        cue.dep_ == "advcl" or any(c.dep_ == "auxpass" for c in children(cue)))
