"""Event participants: trigger readings, actors, recipients and the places events happen in."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache

from spacy.tokens import Token

from ..actors.resolve import ActorIndex
from ..lexicons import load_table
from ..nlp.tree import Tree, children, tree
from .lexicon import TriggerEntry, context_of, cue_entry, trigger_entries

TRANSNATIONAL = {"IMG", "NGO", "IGO", "MNC", "UNO"}   # CAMEO blocks of coded actors with no state
LOCATED_TYPES = {"ASSAULT", "COERCE", "MOBILIZE"}   # a place struck or surrounded stands for its state
LOCATION_PREPS = {"in", "on", "at", "around", "near", "across", "over", "into", "inside", "off", "behind"}
# How far (in tokens) from an event's head its place is looked for: a sentence's length (news
# sentences stay under 130 tokens) that keeps one search per event bounded on a huge sentence.
PLACE_REACH = 200
# prepositions of place and time: they set the scene, they are not an object of the act
SETTING_PREPS = {"in", "at", "during", "after", "before", "since", "near", "outside", "inside", "throughout",
                 "across", "until", "amid"}
RECIPIENT_PREPS = {"to", "against", "on", "at", "with", "toward", "towards", "into", "over", "around"}


@lru_cache(maxsize=None)
def event_words(cls: str) -> frozenset[str]:
    """The words of one class of data/event_words.tsv."""
    return frozenset(r["word"] for r in load_table("event_words.tsv", ("word", "class")) if r["class"] == cls)


def trigger_options(token: Token) -> tuple[TriggerEntry, ...]:
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ == "NOUN" else None
    if pos is None:
        return ()
    for c in children(token):
        if c.dep_ in ("prt", "prep"):
            found = trigger_entries(f"{token.lemma_.lower()} {c.lower_}", pos)
            if found:
                return found
        if c.dep_ in ("compound", "amod") and c.i == token.i - 1:
            found = trigger_entries(f"{c.lower_} {token.lemma_.lower()}", pos)
            if found:
                return found
        if c.dep_ == "prep" and c.lower_ == "of" and pos == "NOUN":    # "state of siege"
            for p in children(c):
                if p.dep_ == "pobj":
                    found = trigger_entries(f"{token.lemma_.lower()} of {p.lemma_.lower()}", pos)
                    if found:
                        return found
    return tuple(e for e in trigger_entries(token.lemma_.lower(), pos)
                 if not e.particle or any(c.dep_ in ("prt", "prep") and c.lower_ == e.particle
                                          for c in children(token)))


def entry_for(token: Token) -> TriggerEntry | None:
    """The trigger reading of a token; among several, the one its neighbours or context support."""
    options = trigger_options(token)
    if len(options) > 1:
        # a reading that needs an object is out when there is none ("protested in the capital")
        options = tuple(e for e in options if "needs_obj" not in e.flags or has_object(token)) or options
    if len(options) <= 1:
        return options[0] if options else None
    near = [t for t in list(children(token)) + [token.head] if t.i != token.i]
    for t in near:
        types = {e.type for e in trigger_options(t)}
        for e in options:
            if e.type in types:
                return e
    contexts = set(sentence_contexts(token))
    for e in options:
        if e.context and set(e.context.split(",")) & contexts:
            return e
    return options[0]


def sentence_contexts(token: Token) -> list[str]:
    """The PLOVER contexts the words of token's sentence signal, in text order, each once
    (found once per sentence, not once per event)."""
    tr = tree(token.doc)
    sent = tr.sentence(token)
    key = ("contexts", sent.start)
    found = tr.memo.get(key)
    if found is None:
        found = tr.memo[key] = list(dict.fromkeys(
            c for c in (context_of(t.lemma_.lower()) for t in sent) if c))
    return found


def actor_tokens(token: Token, actors: ActorIndex) -> list[Token]:
    if token.pos_ == "NOUN":
        for c in children(token):
            if c.dep_ in ("poss", "compound", "amod", "nmod") and actors.actor_of(c) is not None:
                return [c]
        for prep in children(token):
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                return [p for p in children(prep) if p.dep_ == "pobj"]
        # an event noun as the object of a verb is done by the verb's subject ("launch an attack")
        if token.dep_ == "compound" and token.head.dep_ == "dobj":
            token = token.head       # "launched a mediation effort"
        if token.dep_ == "dobj" or token.dep_ == "pobj" and token.head.lower_ == "in" and token.head.head.pos_ == "VERB":
            verb = token.head if token.dep_ == "dobj" else token.head.head
            # only a verb that is no event of its own lends its subject ("launch an attack",
            # "consider a strike"); "condemned the veto" does not make the condemner veto
            cue = cue_entry(verb.lemma_.lower(), "VERB")
            light = verb.lemma_.lower() in event_words("light")
            if verb.pos_ in ("VERB", "AUX") and (light or not trigger_options(verb) and (cue is None or not cue.speech_event)):
                found = actor_tokens(verb, actors)
                if not found and token.dep_ == "pobj":
                    # "forces were engaged in ethnic cleansing": the subject of an adjectival passive
                    found = [c for c in children(verb) if c.dep_ == "nsubjpass"]
                return found
            return []
        return []
    v = token
    for _ in range(8):
        for c in children(v):
            if c.dep_ == "nsubjpass" and v is not token and _control_passive(v):
                return _with_conj(c)      # "Obama is scheduled to attend": the subject attends
            if c.dep_ == "nsubj":
                if c.tag_ in ("WDT", "WP") and v.dep_ == "relcl":
                    return [v.head]
                return _with_conj(c)
            if c.dep_ == "agent":
                return [p for p in children(c) if p.dep_ == "pobj"]
        if v.dep_ == "pcomp" and v.head.lower_ in ("of", "for") and v.head.dep_ == "prep":
            # "accused Iran of supplying drones": the accused is the one who supplies
            objects = [c for c in children(v.head.head) if c.dep_ == "dobj"]
            if objects:
                return _with_conj(objects[0])
        if v.dep_ == "ccomp" and v.tag_ == "VBG" and v.head.pos_ == "VERB":
            v = v.head        # subject control of a gerund: "Iran denied sending drones"
            continue
        active = v.tag_ in ("VBD", "VBG") or v.tag_ == "VBN" and any(c.dep_ == "dobj" for c in children(v))
        if v.dep_ == "acl" and active and v.head.pos_ in ("NOUN", "PROPN"):
            return [v.head]      # "Sokolov, …, accused Kyiv": a finite or -ing verb hung on its subject
        if v.dep_ in ("conj", "xcomp", "advcl", "pcomp", "relcl", "acl", "prep", "pobj", "attr", "acomp") \
                and v.head.i != v.i:
            if v.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in children(v.head)) and v.head.i != token.i:
                # object control: "urged Iran to stop" → Iran acts
                return [c for c in children(v.head) if c.dep_ == "dobj"]
            v = v.head
            continue
        break
    return []


def content_actors(token: Token, actors: ActorIndex) -> list[Token]:
    """The doers of the acts a speech verb reports in its that-clause ("alleged that France was
    aware … and that its military helped" → France, the military): whom an accusation is aimed at."""
    out: list[Token] = []
    for c in children(token):
        if c.dep_ != "ccomp":
            continue
        for clause in (c, *[x for x in tree(c.doc).conjuncts(c) if x.i > c.i]):
            for t in actor_tokens(clause, actors):
                if t not in out:
                    out.append(t)
    return out


def _control_passive(verb: Token) -> bool:
    """A passive that passes its subject to a to-infinitive ("is scheduled/expected/set to")."""
    return any(c.dep_ == "auxpass" for c in children(verb)) and any(
        c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in children(c)) for c in children(verb))


def has_object(token: Token) -> bool:
    """The trigger has an object or complement (what "needs_obj" entries require)."""
    for c in children(token):
        if c.dep_ in ("dobj", "dative", "poss", "nsubjpass", "ccomp", "xcomp"):
            return True
        if c.dep_ == "prep" and c.lower_ not in SETTING_PREPS and any(p.dep_ in ("pobj", "pcomp") for p in children(c)):
            return True
    return False


def recipient_tokens(token: Token, actors: ActorIndex) -> list[Token]:
    out: list[Token] = []
    for c in children(token):
        if c.dep_ in ("dobj", "dative") or (c.dep_ == "nsubjpass" and token.pos_ == "VERB"):
            out.extend(_participant_of(c, actors))
        elif c.dep_ == "prep" and (c.lower_ in RECIPIENT_PREPS or c.lower_ == "of" and token.pos_ == "NOUN"):
            for p in children(c):
                if p.dep_ == "pobj":
                    out.extend(_participant_of(p, actors))
    if not out and token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass"):
        # "sanctions bar North Korea": the governing verb's object
        out.extend(t for c in children(token.head) if c.dep_ == "dobj" for t in _participant_of(c, actors))
    return out


def located_target(token: Token, actors: ActorIndex, actor_ids: list[str]) -> list[str]:
    """The state where an attack, coercion or deployment took place ("slammed into a dormitory in
    Kharkiv" → Ukraine), when the text names no target; never the actor's own state."""
    own = {a.country for a in actors.actors if a.id in actor_ids}
    heads = [token] + ([token.head] if token.pos_ == "NOUN" and token.head.pos_ == "VERB" else [])
    doc = token.doc
    tr = tree(doc)
    named = _named_tokens(tr, actors)
    for head in heads:
        # the tokens of head's subtree (within PLACE_REACH) that name a place or an actor, in
        # token.subtree order: the subtree itself is not walked
        h = head.i
        lo, hi = max(tr.first[h], h - PLACE_REACH), min(tr.last[h], h + PLACE_REACH)
        found = [j for j in named[bisect_left(named, lo):bisect_right(named, hi)] if tr.contains(h, j)]
        for j in sorted(found, key=tr.rank.__getitem__):
            if j == token.i:
                continue
            country = actors.places.get(j)
            if country is None:
                a = actors.get(actors.token_actor.get(j))
                country = a.country if a is not None and a.kind == "state" else None
            if not (country and len(country) == 3 and country not in own and country not in ("UNO", "IGO")):
                continue
            anc, depth = j, 0
            while tr.heads[anc] != h and tr.heads[anc] != anc and depth < 6:
                anc, depth = tr.heads[anc], depth + 1
            a_tok = doc[anc]
            if a_tok.dep_ == "prep" and a_tok.lower_ in LOCATION_PREPS or a_tok.dep_ in ("dobj", "pobj"):
                return [actors.state_actor(country)]
    return []


def _named_tokens(tr: Tree, actors: ActorIndex) -> list[int]:
    """The token indices that name a place or an actor, sorted (once per document and ActorIndex)."""
    cached = tr.memo.get("named")
    if cached is None or cached[0] is not actors:
        cached = tr.memo["named"] = (actors, sorted(set(actors.places) | set(actors.token_actor)))
    return cached[1]


def _participant_of(tok: Token, actors: ActorIndex) -> list[Token]:
    """A participant; the antecedent of a relative pronoun; the actor of an event noun
    ("defending Moscow's invasion" → Moscow); the partner of a relation ("relations with Tehran")."""
    if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if actors.actor_of(tok) is not None:
        return _with_conj(tok)
    for c in children(tok):
        if c.dep_ in ("poss", "compound", "amod") and actors.actor_of(c) is not None:
            return [c]
    for prep in children(tok):
        if prep.dep_ == "prep" and prep.lower_ in ("with", "to", "against", "toward", "towards"):
            found = [p for p in children(prep) if p.dep_ == "pobj" and actors.actor_of(p) is not None]
            if found:
                return _with_conj(found[0])
    return _with_conj(tok)


def _with_conj(tok: Token) -> list[Token]:
    return [tok] + [c for c in tree(tok.doc).conjuncts(tok) if c.i > tok.i]


def ids(actors: ActorIndex, toks: list[Token]) -> list[str]:
    out: list[str] = []
    for t in toks:
        a = actors.actor_of(t)
        actor = actors.get(a)
        if a and a not in out and actor is not None and (actor.country or actor.code[:3] in TRANSNATIONAL):
            out.append(a)
    return out
