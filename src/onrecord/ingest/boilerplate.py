"""Decides whether one line of a scraped page is boilerplate, and what metadata it carries."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .bylines import parse_byline, parse_contact
from .dates import is_dateless_stamp, parse_timestamp
from .furniture import is_caption, is_credit_line, is_reading_time, promo_reason
from .junk import is_junk_token
from .lexicon import alternation, boilerplate, date_words, norm_phrase
from .notices import parse_copyright, parse_print_edition

_SECTION_SEP = re.compile(r"[\s»›>|/·•]+")
_MAX_PREFIX_WORDS = 20
_MAX_NOTICE_WORDS = 60
_MAX_PHRASE_CHARS = 120
_HEAD_CHARS = 3
_MAX_PIECES_CHARS = 400     # bylines, dates and share labels on one line stay well under this
_SENTENCE_END = frozenset(".:!")
# After these headings the following link-like lines belong to the same block.
BLOCK_OPENERS = frozenset({"related-links", "comment-prompt"})


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a line is not article text: removed pieces (offsets in the line) and the metadata found."""
    pieces: tuple[tuple[int, int, str], ...]
    authors: tuple[str, ...] = ()
    published: str | None = None
    published_label: str = ""
    publisher: str | None = None
    print_headline: str | None = None

    @property
    def reason(self) -> str:
        return self.pieces[0][2]


def classify_line(line: str) -> Verdict | None:
    """A verdict for a line that is boilerplate or metadata, None for article text."""
    verdict = _classify_whole(line)
    if verdict is not None:
        return verdict
    return _classify_pieces(line)


def _classify_whole(line: str) -> Verdict | None:
    n = len(line)
    headline = parse_print_edition(line)
    if headline is not None:
        return Verdict(((0, n, "print-edition"),), print_headline=headline)
    notice = parse_copyright(line)
    if notice is not None:
        pieces = [(0, notice.end, "copyright")]
        tail = line[notice.end:]
        if tail.strip():
            lead = len(tail) - len(tail.lstrip())
            pieces.append((notice.end + lead, n, "junk-hash"))
        return Verdict(tuple(pieces), publisher=notice.publisher)
    contact = parse_contact(line)
    if contact is not None:
        return Verdict(((0, n, "contact-line"),), authors=contact)
    byline = parse_byline(line)
    if byline is not None:
        reason = "placeholder-byline" if byline.placeholder else "byline"
        return Verdict(((0, n, reason),), authors=byline.authors)
    stamp = parse_timestamp(line)
    if stamp is not None:
        return Verdict(((0, n, "timestamp"),), published=stamp.value, published_label=stamp.label)
    if is_dateless_stamp(line) or is_reading_time(line):
        return Verdict(((0, n, "timestamp"),))
    reason = phrase_reason(line)
    if reason is not None:
        return Verdict(((0, n, reason),))
    if is_caption(line):
        return Verdict(((0, n, "caption"),))
    if is_credit_line(line):
        return Verdict(((0, n, "credits"),))
    reason = promo_reason(line)
    if reason is not None:
        return Verdict(((0, n, reason),))
    tokens = line.split()
    if tokens and all(is_junk_token(t) for t in tokens):
        return Verdict(((0, n, "junk-hash"),))
    return None


@lru_cache(maxsize=1)
def _piece_sep() -> re.Pattern[str]:
    labels = alternation(date_words().labels)
    return re.compile(
        rf"\s+[|•·]\s+|\s+[-–—]\s+(?=(?:by|{labels})\b)|\s+on\s+(?=\w+\.?\s+\d|\d)"
        # "October 20, 2022 4:12 PM GMT+2 Updated 2 hours ago": a label opens the next piece
        rf"|(?<=[\w.)])\s+(?=(?:{labels})\b\s*:?\s*(?:\d|an?\b|on\b|at\b|\w+\.?\s+\d))",
        re.IGNORECASE)


def _classify_pieces(line: str) -> Verdict | None:
    """A line of metadata pieces ("By Jane Smith | March 3, 2024"), each of them boilerplate."""
    if len(line) > _MAX_PIECES_CHARS:
        return None  # a paragraph: no need to look for separators in it
    bounds = [0]
    for m in _piece_sep().finditer(line):
        bounds.extend((m.start(), m.end()))
    if len(bounds) == 1:
        return None
    bounds.append(len(line))
    pieces: list[tuple[int, int, str]] = []
    parts: list[Verdict] = []
    for start, end in zip(bounds[::2], bounds[1::2]):
        verdict = _classify_whole(line[start:end])
        if verdict is None:
            return None
        parts.append(verdict)
        pieces.extend((start + a, start + b, r) for a, b, r in verdict.pieces)
    stamps = [p for p in parts if p.published]
    stamp = min(stamps, key=lambda p: stamp_rank(p.published_label)) if stamps else None
    return Verdict(
        tuple(pieces),
        authors=tuple(a for p in parts for a in p.authors),
        published=stamp.published if stamp else None,
        published_label=stamp.published_label if stamp else "",
        publisher=next((p.publisher for p in parts if p.publisher), None),
        print_headline=next((p.print_headline for p in parts if p.print_headline), None),
    )


def stamp_rank(label: str) -> int:
    """Preference among timestamps: "Published …" first, then unlabelled, "Updated …" last."""
    return {"published": 0, "": 1}.get(label, 2)


def phrase_reason(line: str) -> str | None:
    """The boilerplate.tsv reason for a stock phrase line ("You may also like"), or None."""
    lex = boilerplate()
    if len(line) <= _MAX_PHRASE_CHARS:  # a paragraph is never a stock phrase: skip normalising it
        key = norm_phrase(line)
        if not key:
            return None
        reason = lex.lines.get(key)
        if reason is not None:
            return reason
    words = len(line.split())
    if words > _MAX_NOTICE_WORDS:
        return None
    lowered = line.lstrip(" »›>•·*#-–—→").replace("’", "'").casefold()
    for prefix, why in _prefixes_by_head().get(lowered[:_HEAD_CHARS], ()):
        if not lowered.startswith(prefix):
            continue
        # a phrase that ends its sentence opens a notice of any length ("Comments are moderated. Please …");
        # any other phrase only a short line that it opens as a whole word
        if prefix[-1] in _SENTENCE_END or words <= _MAX_PREFIX_WORDS and not lowered[len(prefix):][:1].isalnum():
            return why
    return None


@lru_cache(maxsize=1)
def _prefixes_by_head() -> dict[str, tuple[tuple[str, str], ...]]:
    """boilerplate.tsv prefixes grouped by their first characters, longest first within a group."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for prefix, why in boilerplate().prefixes:
        groups.setdefault(prefix[:_HEAD_CHARS], []).append((prefix, why))
    return {head: tuple(items) for head, items in groups.items()}


def split_sections(text: str) -> list[str]:
    """The words of a navigation-like string split on whitespace and breadcrumb separators."""
    return [w for w in _SECTION_SEP.split(text) if w]


def is_section_line(line: str) -> bool:
    """A line made only of site-section names ("Home › World › Asia")."""
    words = [w.casefold() for w in split_sections(line)]
    return bool(words) and all(w in boilerplate().sections for w in words)
