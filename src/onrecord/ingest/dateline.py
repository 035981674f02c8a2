"""Finds the dateline that opens a story ("SEOUL—", "WASHINGTON (AP) —", "LONDON, March 3 (Reuters) -")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import month_pattern
from .lexicon import boilerplate

_AGENCY = r"\((?P<agency>[A-Z][\w .&'-]{1,30})\)"
_AGENCY_ONLY = re.compile(rf"^{_AGENCY}\s*(?:—|–|--|-)\s*(?=[A-Z0-9“\"‘'])")


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place of a dateline (None for a bare "(Reuters) —") and the length of its prefix."""
    place: str | None
    length: int


@lru_cache(maxsize=1)
def _dateline_regex() -> re.Pattern[str]:
    word = r"[A-Z][A-Z'’.]*[A-Z.](?:-[A-Z]+)*"
    region = r"(?:[A-Z][a-z][\w'’.]*|[A-Z]\.(?:[A-Z]\.)+)(?:\s+[A-Z][\w'’.]*){0,2}"
    return re.compile(
        rf"^(?P<place>{word}(?:\s+{word}){{0,3}})"
        rf"(?:,\s*(?P<region>{region}))?"
        rf"(?:,\s*(?P<date>{month_pattern()}\s+\d{{1,2}}))?"
        rf"(?P<space>\s*)(?:{_AGENCY}\s*)?"
        r"(?P<dash>—|–|--|-)\s*(?=[A-Z0-9“\"‘'])")


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a paragraph, or None."""
    m = _dateline_regex().match(text)
    if m:
        place = m.group("place")
        letters = sum(1 for c in place if c.isalpha())
        loose_dash = m.group("dash") == "-" and not (m.group("space") or m.group("agency"))
        flag = all(w.casefold() in boilerplate().sections for w in place.split())  # "BREAKING —"
        if letters >= 3 and not loose_dash and not flag:
            return Dateline(" ".join(place.split()), m.end())
    m = _AGENCY_ONLY.match(text)
    if m:
        return Dateline(None, m.end())
    return None
