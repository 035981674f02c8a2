"""Actor mentions in a parsed article → CAMEO-coded actors, with in-article coreference.

Sources of mentions, in order of trust: gazetteer phrases (countries, demonyms, capitals,
seats of power, organisations, leaders; PhraseMatcher on lower case), role noun phrases
("Russia's ambassador to the United Nations", "an unnamed North Korean vice director of
national defense"), person names; then pronouns and definite descriptions ("he", "it",
"the official") are linked to the most salient earlier actor of a compatible kind.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..model import Actor, ActorCode, TextSpan
from ..nlp.text import doc_text, entity_span
from ..nlp.tree import Tree, children, tree
from .coref import corefer, merge
from .entities import Entity
from .gazetteer import Gazetteer, GazetteerEntry
from .places import place_country
from .words import word_class

# organs of a state, and its people when a story is set there ("protesters", "students")
HOME_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "PTY", "ELI", "CVL", "LAB", "EDU", "AGR"}
PEOPLE_SECTORS = {"CVL", "LAB", "EDU", "AGR"}   # generic people ("demonstrators") are the story's own
NP_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "poss", "agent",
           "dative", "npadvmod", "ROOT", "compound", "oprd"}
OF_PHRASE = ("of", "for", "from", "at", "in", "throughout", "across")   # prepositions whose object modifies a role
# How far (in tokens) a role phrase reaches on either side of its head noun. News phrases reach
# at most 52 to the left and 64 to the right (PolNeAR dev, the fixtures, the seed); the bound
# keeps one walk per noun linear on a huge sentence ("word " * 20,000).
PHRASE_REACH = 64


@dataclass
class ActorIndex:
    """The actors of one article, which tokens mention them, and where places are."""
    actors: list[Actor]
    token_actor: dict[int, str]
    places: dict[int, str] = field(default_factory=dict)     # token index → country of a place name
    names: dict[str, str] = field(default_factory=dict)      # country → display name

    def state_actor(self, country: str) -> str:
        """The id of the bare state actor of a country, added to the article if it has none."""
        for a in self.actors:
            if a.country == country and a.code == country:
                return a.id
        new = Actor(id=f"a{len(self.actors) + 1}", name=self.names.get(country, country), code=country,
                    country=country, kind="state", named=True, mentions=[])
        self.actors.append(new)
        return new.id

    def actor_of(self, token: Token | None) -> str | None:
        """The actor id a token (or the phrase it heads) refers to, if any."""
        if token is None:
            return None
        found = self.token_actor.get(token.i)
        if found:
            return found
        # a phrase headed by this token: look at its left modifiers (e.g. "Russia's ambassador")
        for child in children(token):
            if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i in self.token_actor:
                return self.token_actor[child.i]
        # a quantity of actors: "thousands of students", "some of the protesters"
        if token.like_num or token.ent_type_ == "CARDINAL" or token.pos_ == "NUM" or token.lower_ in (
                "some", "many", "most", "several", "dozens", "hundreds", "thousands", "millions"):
            for prep in children(token):
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in children(prep):
                        if pobj.dep_ == "pobj" and pobj.i in self.token_actor:
                            return self.token_actor[pobj.i]
        return None

    def get(self, actor_id: str | None) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None


class ActorResolver:
    """Built once per process (gazetteer + PhraseMatcher); `resolve(doc)` per article."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        patterns = [nlp.make_doc(p) for p in sorted(set(gazetteer.phrases())) if p.strip()]
        for i in range(0, len(patterns), 1000):
            self.matcher.add("GAZ", patterns[i:i + 1000])

    # -- public -------------------------------------------------------------------------
    def resolve(self, doc: Doc, when: dt.date | None = None, dateline: str | None = None) -> ActorIndex:
        """Find actor mentions in `doc` and code them; `when` picks office holders by date."""
        entities: dict[str, Entity] = {}
        token_key: dict[int, str] = {}
        gaz_spans = self._gazetteer_spans(doc)
        span_entry: dict[int, GazetteerEntry] = {}
        for span, entry in gaz_spans:
            for t in span:
                span_entry[t.i] = entry
        # 1. gazetteer mentions (absorbed later into role phrases they modify)
        for span, entry in gaz_spans:
            ent = self._entity_from_entry(entry, span, when)
            self._add(entities, token_key, ent, span)
        # 2. role noun phrases and person names (also institutions the gazetteer knows without a
        #    country: "Iran's foreign ministry")
        tr = tree(doc)
        anonymity_words = word_class("anonymity")
        anonymity = tr.marks({t.i for t in doc if t.lower_ in anonymity_words})
        for token in doc:
            known = token_key.get(token.i)
            if known is not None and entities[known].kind in ("state", "igo"):
                continue     # a country, capital or IGO the gazetteer knows, whatever NER thinks
            if known is not None and entities[known].code.country and not _has_country_modifier(token, span_entry, tr):
                continue     # the gazetteer knows it (NER's PERSON on "Houthis" does not override that)
            ent_span = self._role_phrase(token, span_entry, when, tr, anonymity)
            if ent_span is not None:
                ent, span = ent_span
                if known is not None and not ent.code.sectors:
                    ent.code = ActorCode(country=ent.code.country, sectors=entities[known].code.sectors)
                self._add(entities, token_key, ent, span, head=token)
        self._appositions(doc, entities, token_key)
        # 3. pronouns and definite descriptions
        corefer(doc, entities, token_key, self.gazetteer)
        # 4. domestic institutions and officials with no country of their own: the story's country
        home = self._home_country(doc, entities, token_key, dateline)
        if home:
            for e in entities.values():
                if e.code.country is None and set(e.code.sectors) & HOME_SECTORS and (
                        e.kind in ("person", "group") or e.kind == "generic" and set(e.code.sectors) & PEOPLE_SECTORS):
                    e.code = ActorCode(country=home, sectors=e.code.sectors)
        return self._index(doc, entities, token_key)

    def _home_country(self, doc: Doc, entities: dict[str, Entity], token_key: dict[int, str],
                      dateline: str | None) -> str | None:
        """The country the story is about, by a vote: each mention of a state counts 1, each
        populated place in it 2 (where things happen), the dateline 3 (where it was reported)."""
        votes: dict[str, float] = {}
        for e in entities.values():
            if e.code.country and e.kind == "state" and len(e.code.country) == 3:
                votes[e.code.country] = votes.get(e.code.country, 0) + len(e.mentions)
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and not any(t.i in token_key for t in ent):
                country = place_country(ent.text)
                if country:
                    votes[country] = votes.get(country, 0) + 2
        if dateline:
            country = next((e.country for e in self.gazetteer.lookup(dateline.title()) + self.gazetteer.lookup(dateline)
                            if e.country and len(e.country) == 3 and e.country not in ("UNO", "IGO")), None)
            country = country or place_country(dateline.title())
            if country:
                votes[country] = votes.get(country, 0) + 3
        votes.pop("UNO", None)
        votes.pop("IGO", None)
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def _appositions(self, doc: Doc, entities: dict[str, Entity], token_key: dict[int, str]) -> None:
        """A person and a role phrase in apposition are one actor ("Marta Ferreira, a spokesperson for the EU")."""
        for token in doc:
            if token.dep_ != "appos":
                continue
            a, b = token_key.get(token.head.i), token_key.get(token.i)
            if not a or not b or a == b or a not in entities or b not in entities:
                continue
            ea, eb = entities[a], entities[b]
            person, role = (ea, eb) if ea.kind == "person" and ea.named else (eb, ea) if eb.kind == "person" and eb.named else (None, None)
            if person is None or role is None or role.kind == "state":
                continue
            if person.code.country is None or not person.code.sectors:
                person.code = ActorCode(country=person.code.country or role.code.country,
                                        sectors=person.code.sectors or role.code.sectors)
            merge(entities, token_key, role.key, person.key)

    # -- mentions ------------------------------------------------------------------------
    def _gazetteer_spans(self, doc: Doc) -> list[tuple[Span, GazetteerEntry]]:
        spans = [Span(doc, s, e) for _, s, e in self.matcher(doc)]
        covered = {i for sp in spans for i in range(sp.start, sp.end)}
        plural: dict[int, GazetteerEntry] = {}
        for t in doc:
            # plural group names the gazetteer lists in the singular ("Houthis", "Taliban"s)
            if t.pos_ == "PROPN" and t.i not in covered and len(t.text) > 3 and t.text.endswith("s"):
                found = [e for e in self.gazetteer.lookup(t.text[:-1]) if e.kind not in ("state", "person")]
                if found:
                    spans.append(Span(doc, t.i, t.i + 1))
                    plural[t.i] = found[0]
        out = []
        for span in filter_spans(spans):
            if len(span) == 1 and span.start in plural:
                out.append((span, plural[span.start]))
                continue
            entries = self.gazetteer.lookup(span.text)
            if entries:
                out.append((span, entries[0]))
        return out

    def _entity_from_entry(self, entry: GazetteerEntry, span: Span, when: dt.date | None) -> Entity:
        code = ActorCode(country=entry.country, sectors=tuple(entry.sectors))
        person = entry.kind == "person"
        key = f"person|{entry.name.split()[-1].lower()}" if person else f"{code.render()}|{entry.name}"
        return Entity(key=key, name=entry.name, code=code,
                       kind=_kind(entry), named=True, person=person, plural=False,
                       head_lemma=span.root.lemma_.lower())

    def _role_phrase(self, token: Token, span_entry: dict[int, GazetteerEntry], when: dt.date | None,
                     tr: Tree, anonymity: list[int]) -> tuple[Entity, Span] | None:
        """An actor headed by a role noun or a person name, with country from its modifiers.

        The phrase is token's subtree within PHRASE_REACH tokens of it; `anonymity` marks the
        anonymity words of the document (Tree.marks)."""
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in NP_DEPS:
            return None
        if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
            return None
        if _inside_role_phrase(token, self.gazetteer):
            return None
        lemma = token.lemma_.lower()
        # a name needs a letter (NER tags runs of punctuation "PERSON" too: "|<:::::::::(^")
        is_person_name = token.ent_type_ == "PERSON" and _has_letter(_name_of(token))
        sector = self.gazetteer.sector_of(lemma)
        generic_role = lemma in word_class("generic_role") or token.lower_ in word_class("generic_role")
        left, right = _modifiers(token, tr)
        generic = self.gazetteer.generic(_np_text(left + [token]))
        plural_people = token.tag_ == "NNPS" and token.pos_ == "PROPN" and any(
            c.dep_ in ("amod", "compound") and c.i in span_entry and span_entry[c.i].type == "demonym"
            for c in tr.children(token))    # "Iraqi Kurds", "Sri Lankan Tamils": a people of that country
        if not (is_person_name or sector is not None or generic is not None or generic_role or plural_people):
            return None
        country = None
        sectors: list[str] = []
        org: GazetteerEntry | None = None
        named = is_person_name
        # an anonymity word anywhere in the phrase ("officials who requested anonymity")
        anonymous = tr.count(anonymity, token) > (token.lower_ in word_class("anonymity"))
        person_name = None
        for t in sorted(left + right, key=lambda t: tr.rank[t.i]):     # in token.subtree order
            entry = span_entry.get(t.i)
            if entry is not None and country is None:
                country = entry.country
                if entry.kind == "person" and entry.sectors:
                    sectors = list(entry.sectors)
                if not entry.country and entry.sectors and entry.kind not in ("person", "state"):
                    org = entry      # "Red Cross officials": the organisation's own code (NGOHLHIRC)
            if t.ent_type_ == "PERSON" and t.head.i == token.i and t.dep_ in ("compound", "appos"):
                person_name = t
            s = self.gazetteer.sector_of(t.lemma_.lower())
            if s and (not sectors or sectors == ["GOV"] and s != "GOV"):
                sectors = list(_blocks(s))
        if sector:
            if not sectors or not (generic_role or sector == "GOV"):
                sectors = list(_blocks(sector))
        if generic is not None and not sectors:
            sectors = list(_blocks(generic))
        for name_tok in (person_name, token if is_person_name else None):
            if name_tok is None:
                continue
            leader = self.gazetteer.leader(_name_of(name_tok), when)
            if leader is not None:
                country = country or leader.country
                sectors = sectors or list(leader.sectors)
                named = True
        span = token.doc[min([t.i for t in left] + [token.i]):token.i + 1]
        while len(span) > 1 and (span[0].dep_ in ("det", "punct", "cc", "case") or span[0].is_space):
            span = span[1:]
        if org is not None and country is None:
            # members of a transnational body are coded as the body ("Red Cross officials")
            sectors, generic = list(org.sectors), None
        code = ActorCode(country=country, sectors=tuple(sectors))
        plural = token.tag_ in ("NNS", "NNPS")
        person_role = (self.gazetteer.person_role(lemma) or generic_role) and not plural
        if is_person_name or (person_name is not None and person_role):
            name = _name_of(person_name or token)
            key = f"person|{name.split()[-1].lower()}"
            kind, person = "person", True
        elif person_role:
            name = _role_name(span)
            key = f"np|{token.i}"
            kind, person = ("generic" if country is None and generic is not None else "person"), True
        elif country is not None and not plural and not self.gazetteer.person_role(lemma):
            # an institution of a state ("the Kim regime", "the government"): the state's organ
            name = self.gazetteer.country_name(country)
            key = f"{code.render()}|{name}"
            kind, person = "state", False
        else:
            name = _role_name(span)
            key = f"np|{code.render()}|{name.lower()}"
            # generic sources ("experts", "Western diplomats") never take the story's country
            kind = "generic" if (country is None and (generic is not None or not sectors)) else "group"
            person = False
        ent = Entity(key=key, name=name, code=code, kind=kind,
                      named=(named or kind == "state") and not anonymous,
                      person=person, plural=plural, head_lemma=lemma)
        return ent, span

    def _add(self, entities: dict[str, Entity], token_key: dict[int, str], ent: Entity,
             span: Span, head: Token | None = None) -> None:
        if not _has_letter(ent.name):
            return       # an actor is named by words, never by punctuation or digits alone
        have = entities.get(ent.key)
        if have is None:
            entities[ent.key] = have = ent
        elif not have.code.country and ent.code.country:
            have.code = ent.code
        for t in span:
            old = token_key.get(t.i)
            if old is not None and old != have.key and old in entities:
                prior = entities[old]
                prior.mentions = [m for m in prior.mentions if not (m[0] < span.end_char and span.start_char < m[1])]
                if not prior.mentions:
                    del entities[old]
                    for i, k in list(token_key.items()):
                        if k == old:
                            del token_key[i]
        have.mentions.append((span.start_char, span.end_char))
        have.heads.add(span.root.lemma_.lower())
        for t in span:
            token_key[t.i] = have.key
        if head is not None:
            token_key[head.i] = have.key

    # -- output --------------------------------------------------------------------------
    def _index(self, doc: Doc, entities: dict[str, Entity], token_key: dict[int, str]) -> ActorIndex:
        text = doc_text(doc)
        ids: dict[str, str] = {}
        actors: list[Actor] = []
        order = sorted(entities.values(), key=lambda e: min(e.mentions) if e.mentions else (0, 0))
        for n, ent in enumerate(order, 1):
            ids[ent.key] = f"a{n}"
            mentions = sorted(set(ent.mentions))
            actors.append(Actor(
                id=f"a{n}", name=ent.name, code=ent.code.render(), country=ent.code.country,
                sector=ent.code.sectors[0] if ent.code.sectors else None, kind=ent.kind,  # type: ignore[arg-type]
                named=ent.named, mentions=[TextSpan.of(text, s, e) for s, e in mentions]))
        places: dict[int, str] = {}
        names: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC") or any(t.i in token_key for t in ent):
                continue
            country = place_country(ent.text)
            if country:
                names[country] = self.gazetteer.country_name(country)
                for t in ent:
                    places[t.i] = country
        return ActorIndex(actors=actors, token_actor={i: ids[k] for i, k in token_key.items() if k in ids},
                          places=places, names=names)


def _kind(entry: GazetteerEntry) -> str:
    if entry.kind in ("igo", "person", "state", "generic", "group", "ngo"):
        return entry.kind
    if entry.country in ("UNO", "IGO"):
        return "igo"
    if entry.kind in ("media", "company", "party", "state-body"):
        return "group"
    return "state"


def _modifiers(head: Token, tr: Tree) -> tuple[list[Token], list[Token]]:
    """The tokens of head's phrase (its subtree within PHRASE_REACH) that modify it: those to its
    left, and those to its right inside a prepositional "of" phrase of head. Left, right, each
    in text order."""
    i, doc = head.i, head.doc
    left = [doc[j] for j in range(max(tr.first[i], i - PHRASE_REACH), i) if tr.contains(i, j)]
    right = []
    for c in tr.kids(i):
        prep = doc[c]
        if prep.dep_ == "prep" and prep.lower_ in OF_PHRASE:
            right.extend(doc[j] for j in range(max(tr.first[c], i + 1), min(tr.last[c], i + PHRASE_REACH) + 1)
                         if tr.contains(c, j))
    return left, sorted(right, key=lambda t: t.i)


def _has_country_modifier(token: Token, span_entry: dict[int, GazetteerEntry], tr: Tree) -> bool:
    """The phrase names its own country outside the gazetteer span ("Ukraine's General Staff")."""
    head = token
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    for c in tr.children(head):
        if c.dep_ in ("poss", "amod", "compound") and c.i in span_entry and span_entry[c.i].type in (
                "name", "variant", "demonym") and not (c.i >= token.i and tr.contains(token, c)):
            return span_entry[c.i] is not span_entry.get(token.i)
    return False


def _blocks(sector: str) -> tuple[str, ...]:
    return tuple(sector[i:i + 3] for i in range(0, len(sector), 3) if sector[i:i + 3])


def _role_name(span: Span) -> str:
    """A display name for a role phrase, without anonymity adjectives."""
    name = "".join(t.text_with_ws for t in span if t.lower_ not in word_class("anonymity")).strip()
    return name or span.text


def _inside_role_phrase(token: Token, gazetteer: Gazetteer) -> bool:
    """A noun inside another role phrase's "of" modifier ("director of national defense")."""
    if token.dep_ != "pobj" or token.head.lower_ not in ("of", "for"):
        return False
    owner = token.head.head
    return owner.pos_ in ("NOUN", "PROPN") and (
        gazetteer.sector_of(owner.lemma_.lower()) is not None or owner.lemma_.lower() in word_class("generic_role"))


def _name_of(token: Token) -> str:
    """The full named-entity text around a token."""
    return entity_span(token).text if token.ent_type_ else token.text


def _np_text(phrase: list[Token]) -> str:
    """The lower-case words of a phrase without determiners and punctuation (the last token is its head)."""
    tr = tree(phrase[-1].doc)
    parts = [t for t in sorted(phrase, key=lambda t: tr.rank[t.i]) if t.dep_ not in ("det", "punct")]
    return " ".join(t.lower_ for t in parts) if parts else phrase[-1].lower_


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)
