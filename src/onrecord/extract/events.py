"""PLOVER events from a parsed article: trigger, type, mode, context, actor, recipient, flags."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..actors.resolve import ActorIndex
from ..model import Event, EventDate, Statement, TextSpan
from ..nlp.text import doc_text, entity_span
from ..nlp.tree import children, sentence, tree
from .dates import resolve_date
from .lexicon import TriggerEntry, plover_score
from .participants import (LOCATED_TYPES, actor_tokens, content_actors, entry_for, event_words, has_object, ids,
                           located_target, recipient_tokens, sentence_contexts, trigger_options)
from .stance import is_negated, stance_words

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
COOPERATIVE_FUTURE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}      # → AGREE (PLOVER manual)
CONFLICT_FUTURE = {"ASSAULT", "COERCE", "PROTEST"}                  # announced → THREATEN
# acts one can be accused of: "X claimed that Y attacked Z" is X's accusation of Y (CAMEO 112)
ALLEGED_TYPES = {"ASSAULT", "COERCE", "THREATEN", "SANCTION"}


@dataclass
class DraftEvent:
    trigger: list[Token]
    entry: TriggerEntry
    type: str
    mode: str | None
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    attributed_to: str | None = None
    date: EventDate | None = None
    context: list[str] = field(default_factory=list)
    refused: bool = False

    @property
    def token(self) -> Token:
        return self.trigger[0]


def find_events(doc: Doc, actors: ActorIndex, published: dt.date | None) -> list[DraftEvent]:
    """Event drafts for every trigger with at least one coded participant."""
    drafts: list[DraftEvent] = []
    for token in doc:
        entry = entry_for(token)
        if entry is None:
            continue
        if token.dep_ == "amod" or token.ent_type_ in ("ORG", "GPE", "NORP", "PERSON", "FAC", "LAW", "WORK_OF_ART"):
            continue
        trig = [token] + [c for c in children(token) if c.dep_ == "prt" and entry.particle == c.lower_]
        if " " in entry.lemma and token.i > 0 and entry.lemma.startswith(token.doc[token.i - 1].lower_ + " "):
            trig.append(token.doc[token.i - 1])
        if " of " in entry.lemma:
            trig.extend(t for c in children(token) if c.dep_ == "prep" and c.lower_ == "of"
                        for t in (c, *[p for p in children(c) if p.dep_ == "pobj"]))
        if "needs_obj" in entry.flags and not has_object(token):
            continue
        if entry.type == "REQUEST" and _intent_infinitive(token):
            continue     # "seeking to deepen a partnership" is an intention (its act is future), not a request
        if entry.type == "AID" and _talk_object(token):
            continue     # "gave a speech", "delivered an address": the object is talk, not a transfer
        converse = _converse(token, actors)
        if converse is not None:
            drafts.append(converse)
            continue
        if token.lemma_.lower() in event_words("light") and any(
                c.dep_ == "dobj" and (trigger_options(c) or any(m.dep_ == "compound" and trigger_options(m) for m in children(c)))
                for c in children(token)):
            continue     # "launched an attack", "launched a mediation effort": the noun is the event
        d = DraftEvent(trigger=trig, entry=entry, type=entry.type, mode=entry.mode or None)
        doers = actor_tokens(token, actors)
        d.actor = ids(actors, doers)
        d.recipient = [r for r in ids(actors, recipient_tokens(token, actors)) if r not in d.actor]
        if not d.recipient and d.type in LOCATED_TYPES:
            d.recipient = located_target(token, actors, d.actor)
        if not d.recipient and d.type == "ACCUSE" and "speech" in entry.flags:
            # "alleged that France helped …": the accusation is aimed at the doers of the content
            d.recipient = [r for r in ids(actors, content_actors(token, actors)) if r not in d.actor]
        _flags(d, token, published)
        _recode(d, token)
        d.context = _contexts(token, entry)
        if d.type == "ASSAULT" and any(t.lemma_.lower() in event_words("protester") for t in doers) \
                and not {"military", "cbrn"} & set(d.context):
            # unarmed violence or destruction by protesters is a riot (manual PROTEST riot: the
            # participants intend to cause physical injury and/or property damage); missiles are not
            d.type, d.mode = "PROTEST", "riot"
        drafts.append(d)
    drafts = _allegations(drafts, actors, published)
    _corefer_events(drafts)
    drafts = _undo_restrictions(drafts)
    return _merge([d for d in drafts if d.actor or d.recipient])


def _intent_infinitive(token: Token) -> bool:
    """A verb of intent (data/event_words.tsv, class intent) with a to-infinitive and no object."""
    if token.lemma_.lower() not in event_words("intent"):
        return False
    if any(c.dep_ in ("dobj", "dative") for c in children(token)):
        return False
    return any(c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in children(c)) for c in children(token))


def _talk_object(token: Token) -> bool:
    """Every direct object of the trigger names talk (speech, interview, briefing): "gave a speech"."""
    objects = [c for c in children(token) if c.dep_ == "dobj"]
    return bool(objects) and all(o.lemma_.lower() in event_words("talk") for o in objects)


def _allegations(drafts: list[DraftEvent], actors: ActorIndex, published: dt.date | None) -> list[DraftEvent]:
    """ "The US claimed that ISIL had attacked Iraq": a verb of contested assertion (data/event_words.tsv,
    class allegation) whose that-clause reports a hostile act of another party is an accusation of
    that party (ACCUSE allege, CAMEO 112). Neutral reporting verbs ("said") make no accusation."""
    verbs = event_words("allegation")
    taken = {d.token.i for d in drafts}
    added: list[DraftEvent] = []
    for d in drafts:
        if d.type not in ALLEGED_TYPES or not d.actor or d.negated:
            continue
        clause = _governing_verb(d.token)
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        cue = clause.head
        if clause.dep_ != "ccomp" or cue.pos_ != "VERB" or cue.lemma_.lower() not in verbs or cue.i in taken:
            continue
        speaker = ids(actors, actor_tokens(cue, actors))
        # a claim about one's own side ("Russia claimed its forces struck …") accuses no one
        accused = [a for a in d.actor if a not in speaker and not any(_same_country(actors, s, [a]) for s in speaker)]
        if not speaker or not accused:
            continue
        entry = TriggerEntry(lemma=cue.lemma_.lower(), pos="VERB", type="ACCUSE", mode="allege", context=None,
                             flags=frozenset({"speech"}))
        a = DraftEvent(trigger=[cue], entry=entry, type="ACCUSE", mode="allege", actor=speaker, recipient=accused)
        _flags(a, cue, published)
        a.context = _contexts(cue, entry)
        added.append(a)
        taken.add(cue.i)
    return sorted(drafts + added, key=lambda x: x.token.i) if added else drafts


def _converse(token: Token, actors: ActorIndex) -> DraftEvent | None:
    """ "Demonstrators received weapons from the government": the government's AID to them; the
    type comes from what is received (aid, assurances) or is AID for material goods."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in event_words("converse"):
        return None
    obj = next((c for c in children(token) if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    giver = [p for head in (token, obj) for c in children(head) if c.dep_ == "prep" and c.lower_ == "from"
             for p in children(c) if p.dep_ == "pobj"]
    if not giver:
        return None
    options = trigger_options(obj)
    kind = options[0].type if options else "AID" if obj.lemma_.lower() in event_words("material") else None
    if kind is None:
        return None
    entry = options[0] if options else TriggerEntry(lemma=token.lemma_.lower(), pos="VERB", type="AID", mode=None,
                                                   context=None, flags=frozenset())
    d = DraftEvent(trigger=[token], entry=entry, type=kind, mode=entry.mode or None)
    d.actor = ids(actors, giver)
    d.recipient = [r for r in ids(actors, actor_tokens(token, actors)) if r not in d.actor]
    return d


def _undo_restrictions(drafts: list[DraftEvent]) -> list[DraftEvent]:
    """ "lifted the curfew", "cancelled restrictions": ending a coercion or sanction is a CONCEDE
    by the one who ends it (a RETREAT when the restriction is military, "lifted the blockade"); the
    restriction itself is not a new event."""
    by_token = {d.token.i: d for d in drafts}
    drop: list[DraftEvent] = []
    for d in drafts:
        t = d.token
        if t.pos_ != "NOUN" or t.dep_ != "dobj" or d.type not in ("COERCE", "SANCTION"):
            continue
        verb = t.head
        if verb.lemma_.lower() not in event_words("undo"):
            continue
        # a lifted military blockade or siege has immediate material effect: RETREAT (manual RETREAT;
        # CAMEO2PLOVER 0872); easing administrative restrictions (curfews, bans) is CONCEDE
        military = "military" in (d.entry.context or "").split(",")
        d.type, d.mode, d.negated = ("RETREAT" if military else "CONCEDE"), None, False
        if t.i - verb.i <= 3:
            d.trigger = d.trigger + [verb]       # the head stays first; the span runs from the verb
        other = by_token.get(verb.i)
        if other is not None and other is not d:
            d.actor = d.actor or list(other.actor)
            d.recipient = d.recipient or list(other.recipient)
            drop.append(other)
    return [d for d in drafts if not any(d is x for x in drop)]


def _corefer_events(drafts: list[DraftEvent]) -> None:
    """ "the veto" names an event told before: it takes that event's actor; and an act aimed at an
    event ("condemned the veto") is aimed at that event's actor."""
    by_token = {d.token.i: d for d in drafts}
    for n, d in enumerate(drafts):
        t = d.token
        if t.pos_ == "NOUN" and not d.actor and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                       for c in children(t)):
            # "the Kharkiv strike": prefer the earlier event told in a sentence naming Kharkiv
            names = [c.text for c in children(t) if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"]
            earlier = [p for p in reversed(drafts[:n]) if p.type == d.type and p.actor]
            named = [p for p in earlier if names and all(nm in sentence(p.token).text for nm in names)]
            for prev in named or earlier:
                d.actor = list(prev.actor)
                break
    for d in drafts:
        if d.recipient:
            continue
        for c in children(d.token):
            target = by_token.get(c.i)
            if c.dep_ in ("dobj", "nsubjpass") and target is not None and target.actor:
                d.recipient = [a for a in target.actor if a not in d.actor]
                break


def _same_country(actors: ActorIndex, speaker: str, ids: list[str]) -> bool:
    a = actors.get(speaker)
    return a is not None and a.country is not None and any(
        (b := actors.get(i)) is not None and b.country == a.country for i in ids)


def attribute(drafts: list[DraftEvent], statements: list[Statement], speaker_of: dict[str, str | None],
              actors: ActorIndex) -> None:
    """Set attributed_to for events inside a statement's content; announce the speaker's own plans."""
    for d in drafts:
        start = d.token.idx
        host = None
        for s in statements:
            if any(c.start <= start < c.end for c in s.content):
                if host is None or sum(c.end - c.start for c in s.content) < sum(c.end - c.start for c in host.content):
                    host = s
        if host is None:
            continue
        speaker = speaker_of.get(host.id)
        same = speaker is not None and (speaker in d.actor or _same_country(actors, speaker, d.actor))
        if same and "speech" in d.entry.flags:
            continue     # the speaker's own speech act ("said … and urged China"): reported, not claimed
        if speaker and speaker in d.actor and (d.future or d.hypothetical) and not d.negated:
            # the speaker announces its own action: the announcement is the event (PLOVER manual)
            d.type = _announced(d.type)
            if d.type == "THREATEN":
                d.mode = None
            d.future, d.hypothetical = True, False
            continue
        if speaker and not same and _obligation(d.token) and not d.negated:
            # "X said Y must do Z": X demands it of Y (a REQUEST in the article's own voice)
            d.type, d.mode = "REQUEST", None
            d.recipient = [a for a in d.actor if a != speaker]
            d.actor = [speaker]
            d.hypothetical = False
            continue
        d.attributed_to = host.id


def build_events(doc: Doc, drafts: list[DraftEvent]) -> list[Event]:
    text = doc_text(doc)
    out = []
    for n, d in enumerate(drafts, 1):
        first = min(d.trigger, key=lambda t: t.i)
        last = max(d.trigger, key=lambda t: t.i)
        if last.i - first.i > 3:   # a discontinuous particle: keep the head word only
            first = last = d.token
        s, e = first.idx, last.idx + len(last.text)
        out.append(Event(
            id=f"e{n}", type=d.type, mode=d.mode, context=d.context, actor=d.actor,  # type: ignore[arg-type]
            recipient=d.recipient, trigger=TextSpan.of(text, s, e), attributed_to=d.attributed_to,
            negated=d.negated, hypothetical=d.hypothetical, future=d.future, historical=d.historical,
            date=d.date, score=plover_score(d.type, d.mode)))
    return out


# -- flags -------------------------------------------------------------------------------

def _governing_verb(token: Token) -> Token:
    v = token
    for _ in range(6):
        if v.pos_ in ("VERB", "AUX") and v.dep_ not in ("amod",):
            return v
        if v.head.i == v.i:
            return v
        v = v.head
    return v


def _flags(d: DraftEvent, token: Token, published: dt.date | None) -> None:
    verb = _governing_verb(token)
    possible = stance_words("possible") | {"would"}
    future = stance_words("future")
    prevent = stance_words("prevent")
    chain = [token] if token.i == verb.i else [token, verb]
    for v in chain:
        if is_negated(v):
            d.negated = True
        for c in children(v):
            if c.dep_ == "aux" and c.lower_ in possible:
                d.hypothetical = True
            if c.dep_ in ("aux", "advmod") and c.lower_ in future:
                d.future = True
            if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
                d.hypothetical = True
            if c.dep_ == "det" and c.lower_ in ("any", "no"):
                if c.lower_ == "no":
                    d.negated = True
                else:
                    d.hypothetical = True
    # an event noun governed by a verb of prevention did not happen ("bar … from any sales")
    anc = token.head
    for _ in range(3):
        if anc.lemma_.lower() in prevent and anc.i != token.i:
            d.negated = True
            break
        if anc.head.i == anc.i:
            break
        anc = anc.head
    # "would" after a reporting verb is the future in the past
    if d.hypothetical and any(c.lower_ == "would" for c in children(verb)) and verb.dep_ in ("ccomp", "conj"):
        d.hypothetical = False
        d.future = True
    # "plans to"/"is ready to"/"vowed to" X; "refused to" X
    if _in_adjunct(token, verb):
        pass     # "declined to resign despite pressure": the pressure is not refused, planned or wished
    elif verb.dep_ == "xcomp" and verb.head.lemma_.lower() in event_words("refusal"):
        d.refused = True
    elif verb.dep_ == "xcomp" and verb.head.lemma_.lower() in future | event_words("intent"):
        d.future = True
    # a to-infinitive of purpose, request or wish is not (yet) realised ("appealed for funds to help")
    elif (any(c.tag_ == "TO" for c in children(verb)) and verb.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp")
            and verb.head.lemma_.lower() not in stance_words("implicative") and not _ordinal_head(verb)):
        d.hypothetical = True
    d.date = _date(token, verb, published)
    if d.date is not None and published is not None:
        r = resolve_date(d.date.span.text if d.date.span else d.date.value, published)
        d.historical = bool(r and r.historical)


ADJUNCT_PREPS = {"despite", "after", "before", "since", "amid", "during", "until"}


def _in_adjunct(token: Token, verb: Token) -> bool:
    """The trigger noun sits in a time or concessive phrase of its verb ("despite pressure")."""
    t = token
    while t.i != verb.i and t.head.i != t.i:
        if t.dep_ == "prep" and t.lower_ in ADJUNCT_PREPS:
            return True
        t = t.head
    return False


def _recode(d: DraftEvent, token: Token) -> None:
    """PLOVER's rules for refusals and intentions: a refused or explicitly negated cooperative act
    is a REJECT; a future cooperative act is AGREE, a future retreat CONCEDE, a future attack or
    coercion THREATEN (manual, AGREE/CONCEDE/THREATEN notes)."""
    explicit_neg = token.pos_ in ("VERB", "AUX") and is_negated(token)
    if d.refused or (explicit_neg and d.type in COOPERATIVE):
        d.type, d.mode, d.negated, d.hypothetical = "REJECT", None, False, False
    elif (d.future or d.hypothetical and _conditional(token)) and not d.negated and d.actor:
        if _conditional(token):
            # a conditional offer is a promise, a conditional blow a threat ("will withdraw unless")
            new = "AGREE" if d.type in COOPERATIVE_FUTURE or d.type == "AGREE" else \
                d.type if d.type == "REQUEST" else "THREATEN"
            d.hypothetical = False
        else:
            new = _announced(d.type)
        if new != d.type:
            d.type, d.mode = new, None


def _obligation(token: Token) -> bool:
    """The event's predicate is under "must", "should" or "have to"."""
    verb = _governing_verb(token)
    if any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in children(verb)):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "have" and any(
        c.tag_ == "TO" for c in children(verb))


def _conditional(token: Token) -> bool:
    """An "unless" or "if" clause hangs on the event's predicate."""
    verb = _governing_verb(token)
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in children(c))
               for c in children(verb))


def _ordinal_head(verb: Token) -> bool:
    """ "the first country to recognize …": an infinitive after an ordinal or "only" happened."""
    if verb.dep_ not in ("acl", "relcl"):
        return False
    return any(c.ent_type_ == "ORDINAL" or c.lower_ in ("only", "last") for c in children(verb.head))


def _date(token: Token, verb: Token, published: dt.date | None) -> EventDate | None:
    tr = tree(token.doc)
    for v in (token, verb):
        # a date hanging on v or on one of its dependents: v's children and grandchildren (and v
        # itself when it is a root), in token.subtree order, without walking v's whole subtree
        near = [v.i] + tr.near_kids(v.i) + [g for c in tr.near_kids(v.i) for g in tr.near_kids(c)]
        for c in (v.doc[j] for j in sorted(near, key=tr.rank.__getitem__)):
            if c.ent_type_ != "DATE" or c.head.i not in (v.i,) and c.head.head.i != v.i:
                continue
            ent = entity_span(c)
            r = resolve_date(ent.text, published)
            if r:
                # span text is the entity's own text, checked against article.text when the record is built
                return EventDate(value=r.value, precision=r.precision,  # type: ignore[arg-type]
                                 span=TextSpan(start=ent.start_char, end=ent.end_char, text=ent.text))
    return None


def _contexts(token: Token, entry: TriggerEntry) -> list[str]:
    found = [c for c in entry.context.split(",") if c] if entry.context else []
    for c in sentence_contexts(token):
        if c not in found:
            found.append(c)
    return found


def _announced(kind: str) -> str:
    if kind in COOPERATIVE_FUTURE:
        return "AGREE"
    if kind == "RETREAT":
        return "CONCEDE"
    if kind in CONFLICT_FUTURE:
        return "THREATEN"
    return kind


def _merge(drafts: list[DraftEvent]) -> list[DraftEvent]:
    """A noun trigger that is an argument of a verb trigger of the same type is the same event."""
    by_token = {d.token.i: d for d in drafts}
    drop: set[int] = set()
    for d in drafts:
        t = d.token
        if t.pos_ != "NOUN":
            continue
        head = t.head
        other = by_token.get(head.i)
        if other is not None and other.type == d.type and t.dep_ in ("nsubj", "nsubjpass", "dobj", "appos", "attr"):
            for a in d.actor:
                if a not in other.actor and a not in other.recipient:
                    other.actor.append(a)
            drop.add(t.i)
    return [d for d in drafts if d.token.i not in drop]
