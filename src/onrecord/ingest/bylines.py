"""Reads author names from byline lines ("By Jane Smith") and contact lines ("Write to … at …")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import boilerplate, norm_phrase

_BYLINE = re.compile(r"^(?:(?:written|reported|posted|words|story)\s+)?by\s*:?\s+(?P<names>\S.*?)\s*$", re.IGNORECASE)
_LABEL = re.compile(r"^(?:authors?|reporters?|byline)\s*:\s*(?P<names>\S.*?)\s*$", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|\||/|&|\band\b)\s*", re.IGNORECASE)
_NAME_TOKEN = re.compile(
    r"(?:[A-Z][\w'’.-]*|[A-Z]\.(?:[A-Z]\.)*|(?:van|von|de|der|den|da|di|del|della|du|la|le|bin|ibn|al|el)"
    r"|(?:al|el)-[A-Z][\w'’-]*|[A-Z][a-z]?[A-Z][\w'’-]*)")
# starts only where a run of address characters starts: otherwise a long token is tried from
# every position, each try scanning to its end (quadratic)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTACT_START = re.compile(
    r"^(?:please\s+)?(?:write\s+to|e-?mail|contact|reach|send\s+(?:tips|comments)\s+to)\b", re.IGNORECASE)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|der|da|di|del|bin|al|el)){1,4}"
_NAME_AT = re.compile(rf"(?P<name>{_NAME})\s+(?:at|via|on)\s+{_EMAIL.pattern}")
_REACHED = re.compile(
    rf"^(?P<name>{_NAME}(?:\s*(?:,|and)\s*{_NAME})*)\s+(?i:can|may)\s+be\s+(?i:reached|contacted|emailed)\b")
_NAME_LIST = re.compile(r"\s*(?:,|\band\b)\s*")
_TRAIL = ".,;:!?"
_MAX_BYLINE_WORDS = 16
_MAX_CONTACT_WORDS = 45
_NAME_LINE_SEP = re.compile(r"\s*(?:,|\||—|–)\s*")
_OUTLET_LINKS = frozenset({"of", "the", "for", "and", "&", "at", "de", "du", "la", "el", "al"})
_MAX_OUTLET_WORDS = 6
_MAX_BIO_WORDS = 60
_MAX_NAME_TOKENS = 5
_BIO_HEAD_WORDS = 14       # the job of a blurb comes early: "NAME is the paper's Moscow correspondent"
_GENERIC_BIO = re.compile(rf"^(?P<name>{_NAME})\s+(?:is|was)\s+(?:a|an|the|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s)\s")


@dataclass(frozen=True, slots=True)
class Byline:
    """Authors named by a byline; placeholder when it names no person ("By Staff")."""
    authors: tuple[str, ...]
    placeholder: bool


def parse_byline(line: str) -> Byline | None:
    """The byline a whole line states, or None when the line is not a byline."""
    m = _BYLINE.match(line) or _LABEL.match(line)
    if m is None or len(line.split()) > _MAX_BYLINE_WORDS:
        return None
    names = m.group("names").rstrip(_TRAIL)
    lex = boilerplate()
    if norm_phrase(names) in lex.placeholders:
        return Byline((), placeholder=True)
    authors: list[str] = []
    others = 0
    for part in _SPLIT.split(names):
        part = part.strip(" " + _TRAIL)
        if not part:
            continue
        if norm_phrase(part) in lex.placeholders or _is_role(part):
            others += 1
        elif is_person_name(part):
            authors.append(normal_name(part))
        else:
            return None  # "By the way, …" is a sentence, not a byline
    if not authors and not others:
        return None
    return Byline(tuple(authors), placeholder=not authors)


def parse_contact(line: str) -> tuple[str, ...] | None:
    """Author names from a contact line ("Write to NAME at EMAIL"), or None if it is not one."""
    if "@" not in line or len(line.split()) > _MAX_CONTACT_WORDS or not _EMAIL.search(line):
        return None
    reached = _REACHED.match(line)
    if reached:
        parts = _NAME_LIST.split(reached.group("name"))
        return tuple(normal_name(p) for p in parts if is_person_name(p))
    start = _CONTACT_START.match(line)
    if start is None:
        return None
    return tuple(normal_name(m.group("name")) for m in _NAME_AT.finditer(line, start.end())
                 if is_person_name(m.group("name")))


def split_authors(text: str) -> list[str]:
    """Person names from a metadata author string ("Tom Krisher; Ap Auto Writer")."""
    lex = boilerplate()
    out: list[str] = []
    for part in _SPLIT.split(text):
        part = part.strip(" " + _TRAIL)
        if part and norm_phrase(part) not in lex.placeholders and not _is_role(part):
            name = normal_name(part)
            if name not in out:
                out.append(name)
    return out


def is_person_name(text: str) -> bool:
    """Two to five capitalised name tokens (initials and particles allowed)."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or not tokens[0][:1].isupper():
        return False
    return all(_NAME_TOKEN.fullmatch(t) for t in tokens) and not _is_role(text)


def normal_name(text: str) -> str:
    """A name with single spaces; ALL-CAPS names in title case ("JANE SMITH" → "Jane Smith")."""
    tokens = text.split()
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        tokens = [t if len(t.rstrip(".")) == 1 else t.title() for t in tokens]
    return " ".join(tokens)


def _is_role(text: str) -> bool:
    roles = boilerplate().roles
    return any(w in roles for w in norm_phrase(text).replace(".", " ").split())


def parse_name_line(line: str) -> tuple[str, ...] | None:
    """The author of a byline without "By": a bare name ("Jane Smith") or "NAME, Outlet" / "NAME | Role".

    Only a caller that knows the line sits under the headline, beside the timestamp, may take
    it for a byline: on its own, "Jane Smith" could be anything.
    """
    m = _NAME_LINE_SEP.search(line)
    head, rest = (line[:m.start()], line[m.end():]) if m else (line, "")
    head = head.strip(" " + _TRAIL)
    sections = boilerplate().sections
    if not is_person_name(head) or all(w.casefold() in sections for w in head.split()):
        return None
    if rest.strip():
        words = rest.split()
        if len(words) > _MAX_OUTLET_WORDS or not all(w[:1].isupper() or w.casefold() in _OUTLET_LINKS for w in words):
            return None
    return (normal_name(head),)


def is_author_bio(line: str, authors: list[str], *, after_name: bool = False, unnamed: bool = True) -> bool:
    """An author blurb: the author's name alone, "NAME covers …", "NAME is a reporter for …".

    authors: the names the page's bylines gave; after_name: the line follows an author's name line;
    unnamed: whether a blurb of someone not among the authors may count (only where nothing but
    furniture follows: "NAME is a reporter for …" inside a story is news about a journalist).
    """
    words = line.split()
    if not words or len(words) > _MAX_BIO_WORDS:
        return False
    lex = boilerplate()
    names = {norm_phrase(a) for a in authors}
    if len(words) <= _MAX_NAME_TOKENS and " ".join(norm_phrase(line).split()) in names:
        return True
    lowered = " ".join(norm_phrase(" ".join(words[:_BIO_HEAD_WORDS])).split())
    surnames = {n.split()[-1] for n in names}
    for name in sorted(names | surnames, key=len, reverse=True):
        if lowered.startswith(name + " "):
            rest = lowered[len(name) + 1:]
            if any(rest.startswith(v + " ") for v in lex.bio_verbs):
                return True
            # "Ross is expected to testify" is news about a namesake; "Ross is a GNS correspondent" a blurb
            return any(rest.startswith(v + " ") for v in lex.bio_copulas) and _names_job(lowered)
    if after_name:
        return _names_job(lowered)
    m = _GENERIC_BIO.match(line) if unnamed else None
    return bool(m and is_person_name(m.group("name")) and _names_job(lowered))


def _names_job(text: str) -> bool:
    """Whether lower-case text names a newsroom job ("reporter", "bureau chief")."""
    padded = " " + " ".join(re.findall(r"[\w'’-]+", text)) + " "
    return any(f" {job} " in padded for job in boilerplate().jobs)
