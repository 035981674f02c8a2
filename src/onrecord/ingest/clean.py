"""Turns a scraped page's text into the clean article body plus the metadata its furniture carries.

Order matters: digit repairs first (so "src2:25 am ET" reads as a time), then line verdicts
(headline copies, bylines, notices, stock phrases), then the dateline, then fragment joining.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..model import Removal, Repair
from ..settings import IngestSettings
from .boilerplate import BLOCK_OPENERS, Verdict, classify_line, stamp_rank
from .dateline import find_dateline
from .header import find_title, headline_reasons
from .junk import junk_tail
from .layout import Line, is_terminal, join_fragments, paragraphs_of, render, split_lines, word_count
from .repair import repair_digits
from .zones import zone_verdicts

logger = logging.getLogger(__name__)

_DATELINE_PARAGRAPHS = 3     # a dateline opens the story, so only the first paragraphs are tried
_MAX_LINK_WORDS = 20


@dataclass
class Cleaned:
    """The clean body and what cleaning learnt; fields mirror `Article`."""
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    dateline: str | None = None
    publisher: str | None = None
    print_headline: str | None = None
    removed: list[Removal] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)


@dataclass
class _Found:
    """Metadata gathered from removed lines, first (or best-ranked) value wins."""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_rank: int = 99
    publisher: str | None = None
    print_headline: str | None = None

    def add(self, verdict: Verdict, *, in_links: bool) -> None:
        self.publisher = self.publisher or verdict.publisher
        self.print_headline = self.print_headline or verdict.print_headline
        if in_links:
            return  # bylines and dates under "Related Articles" belong to the linked stories
        for name in verdict.authors:
            if name not in self.authors:
                self.authors.append(name)
        if verdict.published and stamp_rank(verdict.published_label) < self.published_rank:
            self.published, self.published_rank = verdict.published, stamp_rank(verdict.published_label)


def clean_body(text: str, settings: IngestSettings, *, title: str | None = None,
               authors: list[str] | None = None) -> Cleaned:
    """Clean article text with removals, repairs and the metadata found in removed lines.

    title and authors, when the page's metadata gives them, help to find headline copies and author blurbs.
    """
    src, raw_repairs = repair_digits(text, settings)
    lines = split_lines(src)
    texts = [src[ln.start:ln.end] for ln in lines]
    verdicts = [classify_line(t) for t in texts]
    furniture = {t for t, v in zip(texts, verdicts) if v is not None}
    title = " ".join(title.split()) if title else find_title(texts, furniture.__contains__)
    heads = headline_reasons(texts, title) if title else {}
    known = list(authors or []) + [a for v in verdicts if v is not None for a in v.authors]
    zones = zone_verdicts(texts, verdicts, heads, known)

    keep = [True] * len(lines)
    cuts: list[tuple[int, int, str]] = []
    found = _Found()
    block: str | None = None
    for i, (line, verdict) in enumerate(zip(lines, verdicts)):
        if i in heads:
            keep[i] = False
            cuts.append((line.start, line.end, heads[i]))
        elif verdict is not None:
            keep[i] = False
            cuts.extend((line.start + a, line.start + b, why) for a, b, why in verdict.pieces)
            found.add(verdict, in_links=block is not None)
            if verdict.reason in BLOCK_OPENERS:
                block = verdict.reason
        elif block is not None and _link_like(texts[i]):
            keep[i] = False
            cuts.append((line.start, line.end, block))
        elif i in zones:
            keep[i] = False
            cuts.extend((line.start + a, line.start + b, why) for a, b, why in zones[i].pieces)
            found.add(zones[i], in_links=False)
        else:
            block = None

    paras = paragraphs_of(lines, keep)
    dateline = _cut_dateline(src, paras, cuts)
    _cut_trailing_junk(src, paras, cuts)
    paras = [p for p in join_fragments(src, paras, title) if any(ln.end > ln.start for ln in p)]
    rendered = render(src, paras)

    repairs = []
    for raw in raw_repairs:
        start, end = rendered.locate(raw.start, raw.end)
        if start >= 0 and rendered.text[start:end] != raw.after:
            start = end = -1  # only part of the token survived: not locatable as a whole
        repairs.append(Repair(before=raw.before, after=raw.after, reason="digit-corruption", start=start, end=end))
    removed = [Removal(text=" ".join(src[s:e].split()), reason=why) for s, e, why in sorted(cuts) if e > s]
    for item in removed:
        logger.debug("removed %s: %r", item.reason, item.text)
    return Cleaned(text=rendered.text, title=title, authors=found.authors, published=found.published,
                   dateline=dateline, publisher=found.publisher, print_headline=found.print_headline,
                   removed=removed, repairs=repairs)


def _link_like(text: str) -> bool:
    """A line that reads like a link title rather than article prose."""
    return not is_terminal(text) and word_count(text) <= _MAX_LINK_WORDS


def _cut_dateline(src: str, paras: list[list[Line]], cuts: list[tuple[int, int, str]]) -> str | None:
    """Remove the dateline opening one of the first paragraphs; return its place."""
    for para in paras[:_DATELINE_PARAGRAPHS]:
        first = para[0]
        found = find_dateline(src[first.start:first.end])
        if found is not None:
            cut_end = first.start + len(src[first.start:first.start + found.length].rstrip())
            cuts.append((first.start, cut_end, "dateline"))
            first.start += found.length
            return found.place
    return None


def _cut_trailing_junk(src: str, paras: list[list[Line]], cuts: list[tuple[int, int, str]]) -> None:
    """Remove hash-like tokens trailing the last line of the body."""
    if not paras:
        return
    last = paras[-1][-1]
    tail = junk_tail(src[last.start:last.end])
    if last.start + tail < last.end:
        cuts.append((last.start + tail, last.end, "junk-hash"))
        last.end = last.start + len(src[last.start:last.start + tail].rstrip())
