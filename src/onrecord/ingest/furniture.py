"""Line shapes of page furniture that are not stock phrases: picture captions, credit lines, promotions.

Each rule reads the shape of the whole line, so a sentence that only mentions a photo, a
reporter or a newsletter is never taken for furniture.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .layout import is_terminal
from .lexicon import alternation, boilerplate, date_words

_GALLERY = re.compile(r"^\s*[\[(]\d{1,3}\s*(?:/|of)\s*\d{1,3}[\])]\s")       # "[1/2] Smoke rises …"
_PAREN_TAIL = re.compile(r"\(([^()]{1,80})\)\s*$")
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_CREDIT_NAME_WORDS = frozenset({"and", "in", "from", "at", "with", "of", "the", "for", "de", "van", "von", "al", "el"})
_MAX_CAPTION_WORDS = 80
_MAX_CREDIT_WORDS = 12       # a picture credit names a person, an agency or a source
_MAX_CREDIT_LINE_WORDS = 70
_MAX_CONTRIBUTED_WORDS = 40
_MAX_PROMO_WORDS = 45
_PROMO_HEAD_CHARS = 24      # enough to read the opening verb ("Sign up", "Subscribe")


@lru_cache(maxsize=1)
def _media_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    media = alternation(boilerplate().media)
    # "(GNS Photo/NAME)", "(Photo: Reuters)", "(Photo by NAME/Getty Images)"
    paren = re.compile(rf"\b(?:{media})\s*(?:/|:|by\b)", re.IGNORECASE)
    # ". Photo: NAME" or a line that is only a credit; the credit itself is short and has no sentence break
    tail = re.compile(rf"(?:^|(?<=[.!?”\"’)])\s+)(?:{media})(?:\s+credit)?\s*:\s*(?P<credit>[^:]+?)\s*$",
                      re.IGNORECASE)
    ends = re.compile(rf"\b(?:{alternation(boilerplate().caption_ends)})[\s.,;:]*$", re.IGNORECASE)
    return paren, tail, ends


def is_caption(line: str) -> bool:
    """A picture caption: a gallery counter opens it, or a picture credit closes it."""
    if len(line.split()) > _MAX_CAPTION_WORDS:
        return False
    if _GALLERY.match(line):
        return True
    paren, tail, ends = _media_regexes()
    m = _PAREN_TAIL.search(line)
    if m and paren.search(m.group(1)):
        return True
    m = tail.search(line)
    if m:
        credit = m.group("credit")
        # "Photo: NAME/AGENCY" has no sentence in it; "Image: it showed the men." is a sentence
        sentence = ". " in credit or (credit[-1:] in ".!?" and "/" not in credit)
        if len(credit.split()) <= _MAX_CREDIT_WORDS and not sentence:
            return True
    return ends.search(line) is not None


@lru_cache(maxsize=1)
def _credit_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    credits = alternation(boilerplate().credits)
    start = re.compile(rf"^\(?\s*(?:{credits})\s+by\s+(?=[A-Z])", re.IGNORECASE)
    contributed = re.compile(
        r"\bcontributed\s+(?:(?:additional\s+)?(?:reporting|research)(?:\s+(?:from|in)\s+[A-Z][\w .,'’-]*)?"
        r"|to\s+(?:this|the)\s+(?:report|story|article))\s*[.)]?\s*$", re.IGNORECASE)
    return start, contributed


def is_credit_line(line: str) -> bool:
    """A staff credit: "Reporting by NAME in PLACE; Editing by NAME", "NAME contributed to this report."."""
    words = line.split()
    start, contributed = _credit_regexes()
    if len(words) <= _MAX_CONTRIBUTED_WORDS and "contributed" in line.casefold() and contributed.search(line):
        return True
    if len(words) > _MAX_CREDIT_LINE_WORDS or not start.match(line.lstrip("( ")):
        return False
    for piece in re.split(r"\s*;\s*", line.strip().strip("()").rstrip(".)")):
        m = start.match(piece)
        if m is None:
            return False
        # after "by" only names, places and the words joining them: a sentence has lower-case verbs
        for word in _WORDS.findall(piece[m.end():]):
            if not word[:1].isupper() and word.lower() not in _CREDIT_NAME_WORDS:
                return False
    return True


def promo_reason(line: str) -> str | None:
    """The reason for a promotion line ("Sign up for our newsletter …", "Support independent journalism"), or None."""
    if not line.lstrip()[:1].isalpha() or len(line.split()) > _MAX_PROMO_WORDS:
        return None
    lex = boilerplate()
    lowered = " ".join(w.casefold() for w in _WORDS.findall(line, 0, _PROMO_HEAD_CHARS))
    verb = next((v for v in sorted(lex.promos, key=len, reverse=True)
                 if lowered.startswith(v) and (len(lowered) == len(v) or lowered[len(v)] == " ")), None)
    if verb is None:
        return None
    words = [w.casefold() for w in _WORDS.findall(line)]
    if not any(w in lex.promo_nouns for w in words):
        return None
    # a promotion addresses the reader or points somewhere; a sentence about support or email does neither,
    # and a heading ("Support for daily workers") is only a call to action when its verb is one
    addressed = any(w in lex.promo_marks for w in words) or _URL.search(line) is not None
    if not addressed and (is_terminal(line.rstrip()) or verb not in lex.promo_calls):
        return None
    return lex.promos[verb]


@lru_cache(maxsize=1)
def _reading_time() -> re.Pattern[str]:
    units = alternation(date_words().units)
    return re.compile(rf"^\(?\d{{1,3}}\s*(?:{units})\.?\s+(?:read|listen|reading|watch)\)?$", re.IGNORECASE)


def is_reading_time(line: str) -> bool:
    """A reading-time badge ("3 min read")."""
    return _reading_time().match(line.strip()) is not None
