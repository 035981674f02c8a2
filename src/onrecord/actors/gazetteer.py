"""The actor gazetteer: names of states, bodies, office holders and generic sources → codes.

Packaged data (`onrecord/data/`: countries, organizations, leaders, sectors, generic_actors)
plus optional user TABARI/Phoenix dictionaries. Lookups ignore case, accents, apostrophe
style, hyphens, periods, a leading "the" and a trailing possessive; short all-capital forms
(US, UN, WHO) only match text that is not all lower case, so "us" and "who" never match.
Nothing is read at import time; `default_gazetteer()` builds one gazetteer per process.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import LexiconError
from ..lexicons import load_table

logger = logging.getLogger(__name__)

# Letters NFKD does not decompose: transliterate so "Yıldırım" finds "Yildirim", "Støre" "Store".
_FOLD = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th",
                       "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‛": "'", "ʻ": "'"})
_DASHES = re.compile(r"[-‐‑‒–—]")
_POSSESSIVE = re.compile(r"'s?$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_OUT_OF_OFFICE = "not in office"
_IGO_NAMES = {"UNO": "United Nations", "IGO": "intergovernmental organization"}


def normalise(text: str) -> str:
    """The lookup key of a phrase: folded case and accents, no periods, hyphens, "the" or 's."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = _DASHES.sub(" ", folded.replace(".", ""))
    folded = " ".join(folded.split())
    folded = _THE.sub("", folded)
    return _POSSESSIVE.sub("", folded).strip()


@dataclass(frozen=True)
class GazetteerEntry:
    """One surface form of an actor and what it codes to (country + CAMEO blocks)."""
    phrase: str
    country: str | None
    sectors: tuple[str, ...]
    # kind: state | person | generic | igo | state-body | media | ngo | party | group | company
    #       (data files), agent | actor (TABARI dictionaries)
    kind: str
    name: str          # canonical display name ("North Korea" for "Pyongyang")
    # type: name | variant | demonym | capital | seat | regime (countries), organization, the
    #       office for a person ("president"), generic, composed, tabari, agent, agent-prefix
    type: str
    start: str | None = None   # YYYY-MM-DD, inclusive
    end: str | None = None     # YYYY-MM-DD, exclusive
    ambiguous: bool = False    # the phrase often means something else (Washington, Georgia)

    @property
    def code(self) -> str:
        """The CAMEO-style code, e.g. "RUSGOV", "IGOWSTNAT"."""
        return (self.country or "") + "".join(self.sectors)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def active(self, when: date) -> bool:
        """True when `when` falls within [start, end)."""
        day = when.isoformat()
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def split_blocks(code: str) -> tuple[str, ...]:
    """ "GOVMIL" → ("GOV", "MIL"): CAMEO codes are 3-letter blocks."""
    return tuple(code[i:i + 3] for i in range(0, len(code), 3))


def _case_ok(entry: GazetteerEntry, query: str) -> bool:
    """Short all-capital phrases need capitals in the query: "US"/"U.S." but never "us"."""
    if entry.type in ("tabari", "agent", "agent-prefix"):
        return True      # TABARI dictionaries are written in capitals throughout
    letters = [c for c in entry.phrase if c.isalpha()]
    if not letters or any(c.islower() for c in letters) or len(letters) > 6:
        return True
    core = _POSSESSIVE.sub("", _THE.sub("", query.strip().translate(_FOLD)))
    qletters = [c for c in core if c.isalpha()]
    if len(letters) <= 3:
        return not any(c.islower() for c in qletters)
    return any(c.isupper() for c in qletters)


def _recency(entry: GazetteerEntry) -> tuple[str, str]:
    # open-ended or latest-ending terms first, then the latest start ("~" sorts after digits)
    return ("~" if entry.end is None else entry.end, entry.start or "")


class Gazetteer:
    """Phrase → entries index over the packaged data and user TABARI dictionaries."""

    def __init__(self, entries: Iterable[GazetteerEntry], roles: dict[str, str],
                 generic: dict[str, str], country_names: dict[str, str],
                 person_roles: frozenset[str] = frozenset()) -> None:
        self._index: dict[str, list[GazetteerEntry]] = defaultdict(list)
        for entry in entries:
            self._index[normalise(entry.phrase)].append(entry)
        self._roles = roles
        self._generic = generic
        self._country_names = country_names
        self._person_roles = person_roles

    @classmethod
    def load(cls, dictionaries: tuple[Path, ...] = ()) -> "Gazetteer":
        """The packaged gazetteer plus entries read from user TABARI .actors/.agents files."""
        from .tabari import read_tabari   # tabari imports GazetteerEntry from here

        entries = list(_packaged_entries())
        sector_rows = load_table("sectors.tsv", ("word",))
        roles = {normalise(r["word"]): r["sector"] for r in sector_rows}
        person_roles = frozenset(normalise(r["word"]) for r in sector_rows if r.get("named_role") == "yes")
        generic = {normalise(r["phrase"]): r["sector"]
                   for r in load_table("generic_actors.tsv", ("phrase", "kind"))}
        names = {r["iso3"]: r["phrase"] for r in load_table("countries.tsv", ("phrase", "iso3", "type"))
                 if r["type"] == "name"}
        for path in dictionaries:
            extra = read_tabari(Path(path))
            entries.extend(extra)
            for e in extra:
                if e.kind == "agent":   # packaged role words keep priority
                    roles.setdefault(normalise(e.phrase), "".join(e.sectors))
            logger.info("gazetteer: %d entries from %s", len(extra), path)
        return cls(entries, roles, generic, names, person_roles)

    # -- lookups -------------------------------------------------------------------------
    def lookup(self, phrase: str, when: date | None = None) -> list[GazetteerEntry]:
        """Entries for a surface form; with `when`, only those valid at that date."""
        # A person in no office at `when` comes back once as an elite (ELI, "not in office");
        # an unknown phrase made of an actor and a role word ("Kim regime") is composed.
        found = [e for e in self._index.get(normalise(phrase), ()) if _case_ok(e, phrase)]
        if not found:
            found = self._compose(phrase, when)
        found = [e for e in found if not e.dated] + sorted(
            (e for e in found if e.dated), key=_recency, reverse=True)
        found = _distinct(found)
        return found if when is None else self._at(found, when)

    def leader(self, name: str, when: date | None = None) -> GazetteerEntry | None:
        """The packaged office-holder entry for a person's name at `when` (latest term if None)."""
        terms = [e for e in self._index.get(normalise(name), ())
                 if e.kind == "person" and _case_ok(e, name)]
        if when is not None:
            terms = [e for e in terms if e.active(when)]
        if not terms:
            return None
        return max(terms, key=_recency)

    def sector_of(self, word: str) -> str | None:
        """Sector of a role word ("generals" → "MIL"); "" for "experts", None if not a role word."""
        for key in _singulars(normalise(word)):
            if key in self._roles:
                return self._roles[key]
        return None

    def person_role(self, word: str) -> bool:
        """True when a role word names an office held by one person ("ambassador", not "troops")."""
        return any(key in self._person_roles for key in _singulars(normalise(word)))

    def sectors_of(self, word: str) -> tuple[str, ...] | None:
        """`sector_of` split into blocks: "defense minister" → ("GOV", "MIL")."""
        sector = self.sector_of(word)
        return None if sector is None else split_blocks(sector)

    def generic(self, phrase: str) -> str | None:
        """Sector of a generic source ("some Western diplomats" → "GOV", "experts" → ""), or None."""
        words = normalise(phrase).split()
        for i in range(len(words)):
            key = " ".join(words[i:])
            if key in self._generic:
                return self._generic[key]
        return None

    def demonym_country(self, word: str) -> str | None:
        """ISO3 country of a demonym ("North Korean" → "PRK"); the preferred one if shared."""
        demonyms = [e for e in self._index.get(normalise(word), ()) if e.type == "demonym"]
        if not demonyms:
            return None
        return min(demonyms, key=lambda e: e.ambiguous).country

    def country_name(self, iso3: str) -> str:
        """Display name of a country code ("PRK" → "North Korea"); the code if unknown."""
        if iso3 in self._country_names:
            return self._country_names[iso3]
        if iso3 in _IGO_NAMES:
            return _IGO_NAMES[iso3]
        return _pycountry_name(iso3) or iso3

    def phrases(self) -> Iterable[str]:
        """Every surface form once, in its written case (for a PhraseMatcher on LOWER)."""
        seen: set[str] = set()
        for entries in self._index.values():
            for e in entries:
                if e.phrase not in seen:
                    seen.add(e.phrase)
                    yield e.phrase

    def role_words(self) -> Iterable[str]:
        """Normalised role words of sectors.tsv (and TABARI agents)."""
        return iter(self._roles)

    # -- helpers -------------------------------------------------------------------------
    def _at(self, found: list[GazetteerEntry], when: date) -> list[GazetteerEntry]:
        active = [e for e in found if e.active(when)]
        # TABARI semantics: a dated code that applies replaces the undated default of its actor
        dated = {e.name for e in active if e.dated}
        active = [e for e in active if e.dated or e.name not in dated]
        if any(e.kind == "person" for e in active):
            return active
        former: dict[str, GazetteerEntry] = {}
        covered = {e.name for e in active}
        for e in found:
            if e.kind == "person" and e.name not in covered:
                former.setdefault(e.name, e)
        return active + [self._out_of_office(e) for e in former.values()]

    @staticmethod
    def _out_of_office(e: GazetteerEntry) -> GazetteerEntry:
        country = None if e.country in _IGO_NAMES else e.country
        return GazetteerEntry(phrase=e.phrase, country=country, sectors=("ELI",), kind="person",
                              name=e.name, type=_OUT_OF_OFFICE, ambiguous=e.ambiguous)

    def _compose(self, phrase: str, when: date | None) -> list[GazetteerEntry]:
        """ "<actor> <role word>": "Kim regime" → PRK GOV, "Russian experts" → RUS."""
        tokens = phrase.split()
        for n in (3, 2, 1):
            if len(tokens) <= n:
                continue
            sector = self.sector_of(" ".join(tokens[-n:]))
            if sector is None:
                continue
            heads = [e for e in self.lookup(" ".join(tokens[:-n]), when) if e.country]
            if not heads:
                continue
            head = heads[0]
            # an institution keeps its own role ("Pentagon officials" stay MIL)
            keep = head.sectors and (head.type in ("seat", "composed")
                                     or head.kind not in ("state", "person"))
            sectors = head.sectors if keep else split_blocks(sector)
            return [GazetteerEntry(phrase=phrase, country=head.country, sectors=sectors,
                                   kind="state" if head.kind == "person" else head.kind,
                                   name=self.country_name(head.country or ""), type="composed",
                                   ambiguous=head.ambiguous)]
        return []


def _distinct(entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """Entries that differ in more than their surface form ("US" and "U.S." are one)."""
    seen: set[tuple] = set()
    out = []
    for e in entries:
        key = (e.country, e.sectors, e.kind, e.name, e.type, e.start, e.end)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _singulars(key: str) -> list[str]:
    """The key and its regular singulars ("generals" → "general", "authorities" → "authority")."""
    out = [key]
    head, _, last = key.rpartition(" ")
    prefix = head + " " if head else ""
    if last.endswith("ies") and len(last) > 4:
        out.append(prefix + last[:-3] + "y")
    if last.endswith("men"):
        out.append(prefix + last[:-3] + "man")
    if last.endswith(("ses", "xes", "ches", "shes")):
        out.append(prefix + last[:-2])
    if last.endswith("s") and not last.endswith("ss"):
        out.append(prefix + last[:-1])
    return out


def _date_or_none(value: str, table: str, what: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as e:
        raise LexiconError(f"onrecord/data/{table}", 0, f"bad date {value!r} for {what}") from e


def _packaged_entries() -> Iterable[GazetteerEntry]:
    names = {r["iso3"]: r["phrase"] for r in load_table("countries.tsv", ("phrase", "iso3", "type"))
             if r["type"] == "name"}
    for r in load_table("countries.tsv", ("phrase", "iso3", "type")):
        yield GazetteerEntry(phrase=r["phrase"], country=r["iso3"], sectors=split_blocks(r["sector"]),
                             kind="state", name=names.get(r["iso3"], r["phrase"]), type=r["type"],
                             ambiguous=r.get("ambiguous") == "yes")
    for r in load_table("organizations.tsv", ("phrase", "code", "kind", "name")):
        if r["code"] != r["country"] + r["sector"]:
            raise LexiconError("onrecord/data/organizations.tsv", 0,
                               f"code {r['code']!r} is not country + sector for {r['phrase']!r}")
        yield GazetteerEntry(phrase=r["phrase"], country=r["country"] or None,
                             sectors=split_blocks(r["sector"]), kind=r["kind"], name=r["name"],
                             type="organization",
                             start=_date_or_none(r["start"], "organizations.tsv", r["phrase"]),
                             end=_date_or_none(r["end"], "organizations.tsv", r["phrase"]),
                             ambiguous=r.get("ambiguous") == "yes")
    for r in load_table("leaders.tsv", ("name", "iso3", "role")):
        start = _date_or_none(r["start"], "leaders.tsv", r["name"])
        end = _date_or_none(r["end"], "leaders.tsv", r["name"])
        for form in [r["name"], *(a for a in r["aliases"].split("|") if a.strip())]:
            yield GazetteerEntry(phrase=form.strip(), country=r["iso3"], sectors=split_blocks(r["sector"]),
                                 kind="person", name=r["name"], type=r["role"], start=start, end=end)
    for r in load_table("generic_actors.tsv", ("phrase", "kind")):
        yield GazetteerEntry(phrase=r["phrase"], country=None, sectors=split_blocks(r["sector"]),
                             kind="generic", name=r["phrase"], type="generic")


@lru_cache(maxsize=None)
def _pycountry_name(iso3: str) -> str | None:
    import pycountry   # only for codes outside countries.tsv (rare)

    found = pycountry.countries.get(alpha_3=iso3) or pycountry.historic_countries.get(alpha_3=iso3)
    if found is None:
        return None
    return getattr(found, "common_name", None) or found.name


@lru_cache(maxsize=8)
def default_gazetteer(dictionaries: tuple[Path, ...] = ()) -> Gazetteer:
    """The process-wide gazetteer: packaged data plus the given TABARI dictionaries."""
    return Gazetteer.load(tuple(dictionaries))
