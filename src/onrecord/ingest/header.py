"""Finds a scraped page's headline and the lines that only repeat it (breadcrumbs, copies)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .boilerplate import is_section_line, phrase_reason, split_sections
from .layout import is_prose, is_terminal, word_count
from .lexicon import boilerplate, norm_phrase

HEADER_LINES = 15           # the headline and its furniture sit in the first lines of a page
MAX_HEADER_LINES = 60       # a page's masthead and menus never run longer than this before the story
_MIN_FULL_HEADLINE_WORDS = 4    # kickers and site names are shorter; headlines rarely are
_NAV_REASONS = frozenset({"navigation", "newsletter"})
_MENU_SEP = re.compile(r"\s+[|›»>•·/]\s+|\s{2,}")
_MAX_MENU_ITEM_WORDS = 4
_MAX_MENU_ITEM_CHARS = 32
_MAX_HEADLINE_WORDS = 25
_MAX_CRUMB_WORDS = 4
_MAX_CRUMB_WORD_CHARS = 15
_MAX_SITE_WORDS = 5
_MAX_SUFFIX_CHARS = 100
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
    headline = _headline_below_masthead(texts, is_furniture)
    if headline is not None:
        return headline
    for i, text in enumerate(window):
        if is_furniture(text) or is_section_line(text):
            continue
        if headline_like(text) and i + 1 < len(texts):
            return " ".join(text.split())
        break
    return None


def _headline_below_masthead(texts: list[str], is_furniture: Callable[[str], bool]) -> str | None:
    """The first full headline above the story, skipping site names and kickers.

    A short line followed by navigation is the site's name, not the headline ("The Daily Planet"
    then "World | Business"); of the other candidates the first of four words or more wins.
    """
    candidates: list[int] = []
    rejected: set[int] = set()
    for i, text in enumerate(texts[:MAX_HEADER_LINES]):
        if is_prose(text):
            break
        if is_navigation(text):
            if candidates:
                rejected.add(candidates[-1])
            continue
        if is_furniture(text) or not headline_like(text):
            continue
        candidates.append(i)
    kept = [i for i in candidates if i not in rejected]
    full = [i for i in kept if word_count(texts[i]) >= _MIN_FULL_HEADLINE_WORDS]
    return " ".join(texts[full[0]].split()) if full else None


def is_navigation(text: str) -> bool:
    """A line of site navigation: section names, a menu, or a stock navigation phrase."""
    return is_section_line(text) or is_menu_line(text) or phrase_reason(text) in _NAV_REASONS


def is_menu_line(text: str) -> bool:
    """A row of menu items ("Home | Taiwan News | Business", "About  Careers  Contact").

    Three or more short capitalised items without sentence punctuation, or two that are both
    section names or stock phrases.
    """
    items = [item for item in _MENU_SEP.split(text.strip()) if item]
    if len(items) < 2:
        return False
    for item in items:
        if (len(item.split()) > _MAX_MENU_ITEM_WORDS or len(item) > _MAX_MENU_ITEM_CHARS
                or not item[:1].isupper() or is_terminal(item)):
            return False
    if len(items) == 2:
        lex = boilerplate()
        return all(is_section_line(item) or norm_phrase(item) in lex.lines for item in items)
    return True


def headline_reasons(texts: list[str], title: str) -> dict[int, str]:
    """Line index → removal reason for headline copies and breadcrumb lines."""
    key = line_key(title)
    reasons: dict[int, str] = {}
    seen = False
    for i, text in enumerate(texts):
        if i >= HEADER_LINES and len(text) > 2 * len(title) + _MAX_SUFFIX_CHARS:
            continue  # a paragraph, not a copy of the headline: skip normalising it
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
