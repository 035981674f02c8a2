"""Finds a scraped page's headline and the lines that only repeat it (breadcrumbs, copies)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .boilerplate import is_section_line, split_sections
from .lexicon import boilerplate

HEADER_LINES = 15           # the headline and its furniture sit in the first lines of a page
_MAX_HEADLINE_WORDS = 25
_MAX_CRUMB_WORDS = 4
_MAX_CRUMB_WORD_CHARS = 15
_MAX_SITE_WORDS = 5
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_SITE_SUFFIX = re.compile(r"^\s*[|:\-–—]\s*\S")
_ACRONYM_END = re.compile(r"(?:\b[A-Z]\.)+$")


def line_key(text: str) -> str:
    """Comparison key of a line: case-folded, straight quotes, single spaces."""
    return " ".join(text.translate(_QUOTES).casefold().split())


def headline_like(text: str) -> bool:
    """A short line that does not end like a sentence in a period."""
    words = text.split()
    if not 2 <= len(words) <= _MAX_HEADLINE_WORDS or "@" in text:
        return False
    if text.endswith(".") and not _ACRONYM_END.search(text):
        return False
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "“\"‘'"


def find_title(texts: list[str], is_furniture: Callable[[str], bool]) -> str | None:
    """The headline among the first lines: a repeated line, a breadcrumb's tail, or the opening line."""
    window = texts[:HEADER_LINES]
    counts = Counter(line_key(t) for t in window)
    for text in window:
        if counts[line_key(text)] >= 2 and headline_like(text) and not is_furniture(text):
            return " ".join(text.split())
    for i, text in enumerate(window):
        for other in window[i + 1:]:
            if headline_like(other) and is_breadcrumb(text, other):
                return " ".join(other.split())
    for i, text in enumerate(window):
        if is_furniture(text) or is_section_line(text):
            continue
        if headline_like(text) and i + 1 < len(texts):
            return " ".join(text.split())
        break
    return None


def headline_reasons(texts: list[str], title: str) -> dict[int, str]:
    """Line index → removal reason for headline copies and breadcrumb lines."""
    key = line_key(title)
    reasons: dict[int, str] = {}
    seen = False
    for i, text in enumerate(texts):
        k = line_key(text)
        if k == key or _site_suffixed(k, key):
            reasons[i] = "repeated-headline" if seen else "headline"
            seen = True
        elif i < HEADER_LINES and (is_breadcrumb(text, title) or is_section_line(text)):
            reasons[i] = "navigation"
    return reasons


def is_breadcrumb(text: str, title: str) -> bool:
    """A line of 1-4 short section words followed by the headline ("Home Business <headline>")."""
    words, title_words = text.split(), title.split()
    n = len(title_words)
    if len(words) <= n or line_key(" ".join(words[-n:])) != line_key(title):
        return False
    crumbs = split_sections(" ".join(words[:-n]))
    if not 1 <= len(crumbs) <= _MAX_CRUMB_WORDS:
        return False
    sections = boilerplate().sections
    return all(w.casefold() in sections or (w[:1].isupper() and w.isalpha() and len(w) <= _MAX_CRUMB_WORD_CHARS)
               for w in crumbs)


def _site_suffixed(key: str, title_key: str) -> bool:
    """A headline followed by a site name ("<headline> | The Daily Planet")."""
    if not key.startswith(title_key) or len(key) == len(title_key):
        return False
    rest = key[len(title_key):]
    return bool(_SITE_SUFFIX.match(rest)) and len(rest.split()) <= _MAX_SITE_WORDS + 1
