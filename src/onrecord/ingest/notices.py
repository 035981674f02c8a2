"""Reads publisher notices: copyright lines (→ publisher) and print-edition notes (→ print headline)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .junk import junk_tail
from .lexicon import boilerplate

_COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s*(?:19|20)\d\d)", re.IGNORECASE)
_RESERVED = re.compile(r"\ball rights reserved\b", re.IGNORECASE)
_NOTICE_HEAD = re.compile(
    r"^\s*(?:copyright\b\s*:?|©|\(c\)|\s|(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?|,)*(?:by\s+)?",
    re.IGNORECASE)
_PRINT_EDITION = (
    re.compile(r"^appeared in the .{3,80}? print edition(?: of .{1,80}?)?,?\s+(?:as|with the headline:?)\s+"
               r"[‘'“\"](?P<headline>.+)[’'”\"]\s*\.?$", re.IGNORECASE),
    re.compile(r"^a version of this (?:article|story) (?:appears|appeared) in print .{0,200}?"
               r"with the headline:?\s*[‘'“\"]?(?P<headline>.+?)[’'”\"]?\s*\.?"
               r"(?:\s+(?:order reprints|today['’]s paper|subscribe)\b.*)?$", re.IGNORECASE),
)
_ACRONYM_END = re.compile(r"(?:\b[A-Z]\.)+$")
_SENTENCE_BREAK = re.compile(r"(?<=[^\W\d_]{2})\.\s+(?=[A-Z])")     # not after an initial ("A.B. Smith")
_MAX_NOTICE_WORDS = 40
_MAX_PUBLISHER_WORDS = 8


@dataclass(frozen=True, slots=True)
class Copyright:
    """A copyright notice: where it ends in the line (trailing junk follows) and the publisher."""
    end: int
    publisher: str | None


def parse_copyright(line: str) -> Copyright | None:
    """The copyright notice a line states, or None."""
    if len(line.split()) > _MAX_NOTICE_WORDS:
        return None
    if not (_COPYRIGHT.match(line) or _RESERVED.search(line) and len(line.split()) <= 15):
        return None
    end = junk_tail(line)
    notice = line[:end].rstrip()
    return Copyright(end=len(notice), publisher=_publisher(notice))


def _publisher(notice: str) -> str | None:
    """The company named by a copyright notice, without years and legal-form suffixes."""
    head = _NOTICE_HEAD.match(notice)
    name = notice[head.end() if head else 0:]
    reserved = _RESERVED.search(name)
    if reserved:
        name = name[:reserved.start()]
    sentence = _SENTENCE_BREAK.search(name)
    if sentence:
        name = name[:sentence.start()]  # "The Post. Registered charity no. 123": the name is the first sentence
    legal = boilerplate().legal
    words = name.replace(",", " , ").split()
    while words and (words[-1].lower() in legal or words[-1] in {",", ".", "-", "|"}):
        words.pop()
    name = " ".join(words).replace(" , ", ", ").strip(" .,;|-")
    if not name or len(name.split()) > _MAX_PUBLISHER_WORDS or not name[0].isalnum():
        return None
    return name


def parse_print_edition(line: str) -> str | None:
    """The print headline a print-edition note gives, or None if the line is not such a note."""
    for pattern in _PRINT_EDITION:
        m = pattern.match(line.strip())
        if m:
            headline = m.group("headline").strip()
            if not _ACRONYM_END.search(headline):
                headline = headline.rstrip(".")
            return headline.strip() or None
    return None
