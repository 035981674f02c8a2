"""In-article coreference: pronouns, definite descriptions ("the official", "the ministry",
"the country", "the bloc") and possessive pronouns linked to the most salient earlier actor."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import ActorCode
from .entities import Entity, definite
from .gazetteer import Gazetteer
from .words import word_class


def corefer(doc: Doc, entities: dict[str, Entity], token_key: dict[int, str], gazetteer: Gazetteer) -> None:
    """Link pronouns and definite descriptions to the most salient earlier actor."""
    history: list[tuple[int, str, bool]] = []      # (token index, entity key, was subject)
    for token in doc:
        key = token_key.get(token.i)
        low = token.lower_
        if token.pos_ == "PRON":
            target = _pronoun_antecedent(token, history, entities)
            if target is None:
                continue
            if token.dep_ == "poss" and key is not None and key != target and key in entities:
                # "its foreign minister": the owner phrase takes the antecedent's country
                owner = entities[key]
                if owner.code.country is None:
                    owner.code = ActorCode(country=entities[target].code.country, sectors=owner.code.sectors)
                continue
            token_key[token.i] = target
            entities[target].mentions.append((token.idx, token.idx + len(token.text)))
            history.append((token.i, target, token.dep_.startswith("nsubj")))
            continue
        if key is not None and key in entities and token.dep_ != "compound":
            ent = entities[key]
            if (ent.code.country is None and ent.person and not ent.named
                    and token.pos_ == "NOUN" and definite(token)):
                target = _description_antecedent(history, entities, ent)
                if target is not None:
                    merge(entities, token_key, key, target)
                    key = target
            elif (ent.code.country is None and not ent.person and ent.kind == "group"
                    and token.pos_ == "NOUN" and definite(token) and len(ent.mentions) == 1):
                # "the ministry" again: the institution named before with the same head noun
                lemma = token.lemma_.lower()
                target = antecedent(history, entities, lambda e: e.key != key and not e.person
                                          and e.kind in ("group", "state")
                                          and lemma in (e.heads | {e.head_lemma}))
                if target is not None:
                    merge(entities, token_key, key, target)
                    key = target
            history.append((token.i, key, token.dep_.startswith("nsubj")))
            continue
        if token.pos_ != "NOUN" or not definite(token):
            continue
        if low in word_class("state_noun"):
            # "the country": the state of the most recent actor that has one
            target = antecedent(history, entities, lambda e: e.code.country is not None
                                      and e.kind in ("state", "person", "group"))
            if target is not None:
                target = _state_of(entities, entities[target].code.country, gazetteer)
        elif low in word_class("org_noun"):
            target = antecedent(history, entities, lambda e: e.kind in ("igo", "group") and not e.person)
        else:
            target = antecedent(history[-12:], entities, lambda e: not e.person and e.kind != "generic"
                                      and token.lemma_.lower() in (e.heads | {e.head_lemma}))
        if target is not None:
            token_key[token.i] = target
            entities[target].mentions.append((token.idx, token.idx + len(token.text)))
            history.append((token.i, target, token.dep_.startswith("nsubj")))

def _pronoun_antecedent(token: Token, history, entities) -> str | None:
    low = token.lower_
    if low in word_class("pron_person"):
        return antecedent(history, entities, lambda e: e.person and not e.plural)
    if low in word_class("pron_thing"):
        return antecedent(history, entities, lambda e: e.kind in ("state", "igo", "group")
                                and not e.person, subjects_first=True)
    if low in word_class("pron_plural"):
        return antecedent(history, entities, lambda e: e.plural or e.kind in ("state", "group"))
    return None

def _description_antecedent(history, entities, ent: Entity) -> str | None:
    """The earlier person a definite role phrase ("the unnamed official") describes again.

    Preference: same head noun with compatible sectors, then compatible sectors, then any
    earlier person with a country (most recent first in each pass)."""
    def ok(e: Entity) -> bool:
        return e.person and not e.plural and e.key != ent.key and e.code.country is not None

    def compatible(e: Entity) -> bool:
        mine = set(ent.code.sectors) - {"GOV"}
        return not mine or bool(mine & set(e.code.sectors))

    passes = (lambda e: ok(e) and ent.head_lemma in (e.heads | {e.head_lemma}) and compatible(e),
              lambda e: ok(e) and compatible(e) and bool(set(ent.code.sectors) - {"GOV"}),
              lambda e: ok(e) and (ent.head_lemma in word_class("generic_role") or ent.head_lemma == e.head_lemma))
    for test in passes:
        found = antecedent(history, entities, test)
        if found is not None:
            return found
    return None

def _state_of(entities: dict[str, Entity], country: str | None, gazetteer: Gazetteer) -> str | None:
    """The key of the bare state entity of a country, created if the article has none yet."""
    if not country or len(country) != 3 or country in ("UNO", "IGO"):
        return None
    for key, e in entities.items():
        if e.kind == "state" and e.code.country == country and not e.code.sectors:
            return key
    name = gazetteer.country_name(country)
    key = f"{country}|{name}"
    entities[key] = Entity(key=key, name=name, code=ActorCode(country=country), kind="state", named=True,
                            person=False, plural=False, head_lemma=name.lower())
    return key

def antecedent(history, entities, ok, subjects_first: bool = False) -> str | None:
    recent = history[-40:]
    if subjects_first:
        for _, key, subj in reversed(recent):
            if subj and key in entities and ok(entities[key]):
                return key
    for _, key, _ in reversed(recent):
        if key in entities and ok(entities[key]):
            return key
    return None

def merge(entities, token_key, src: str, dst: str) -> None:
    ent = entities.pop(src)
    entities[dst].mentions.extend(ent.mentions)
    entities[dst].heads |= ent.heads | {ent.head_lemma}
    for i, k in list(token_key.items()):
        if k == src:
            token_key[i] = dst
