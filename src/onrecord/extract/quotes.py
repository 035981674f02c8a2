"""Quotation marks: where direct quotes are, and which of them a reporting verb introduces.

A quotation is found at the character level, so one that spans several sentences ("“A. B. C,” he
said.") is one range. A cue without a clausal complement takes the quotations of its sentence,
and a quotation that continues right after that sentence ("“A,” he said. “B.”") as well.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Span

_QUOTE = re.compile(r"“[^“”]{2,}?”|\"[^\"\n]{2,}?\"")
# a quotation that continues the speaker's words starts this close after the cue's sentence
CONTINUATION_GAP = 3


class Quotes:
    """The quotation ranges of one text (marks excluded), sorted, with fast containment tests."""

    def __init__(self, text: str) -> None:
        self.ranges = [(m.start() + 1, m.end() - 1) for m in _QUOTE.finditer(text)]
        self._starts = [s for s, _ in self.ranges]

    def containing(self, idx: int) -> tuple[int, int] | None:
        """The quotation whose inside holds character `idx`, or None."""
        k = bisect_right(self._starts, idx) - 1
        if k >= 0 and self.ranges[k][0] <= idx < self.ranges[k][1]:
            return self.ranges[k]
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """Quotations that share characters with [start, end)."""
        k = max(0, bisect_right(self._starts, start) - 1)
        out = []
        for s, e in self.ranges[k:]:
            if s >= end:
                break
            if e > start:
                out.append((s, e))
        return out

    def following(self, end: int) -> tuple[int, int] | None:
        """The quotation opening within CONTINUATION_GAP characters after `end` (its mark at `end`+)."""
        # the opening mark may end the sentence before it (the quotation then starts at `end`)
        k = bisect_left(self._starts, end)
        if k < len(self.ranges) and self.ranges[k][0] - 1 - end <= CONTINUATION_GAP:
            return self.ranges[k]
        return None

    def preceding(self, start: int) -> tuple[int, int] | None:
        """The quotation closing within CONTINUATION_GAP characters before `start`."""
        k = bisect_right(self._starts, start) - 1
        if k >= 0 and self.ranges[k][1] <= start and start - self.ranges[k][1] <= CONTINUATION_GAP:
            return self.ranges[k]
        return None


def sentence_quotes(sent: Span, quotes: Quotes, cue_start: int, cue_end: int) -> list[tuple[int, int]]:
    """Quotations sharing characters with the sentence, not holding the cue itself."""
    return [(s, e) for s, e in quotes.overlapping(sent.start_char, sent.end_char)
            if not (s <= cue_start and cue_end <= e)]


def block_after(text: str, end: int) -> tuple[int, int] | None:
    """The paragraph a line ending in a colon at `end` introduces ("Dr. Ward stated:\n\n“…”"), or None."""
    colon = end
    while colon < len(text) and text[colon] in " \t":
        colon += 1
    if colon >= len(text) or text[colon] != ":":
        return None
    nl = colon + 1
    while nl < len(text) and text[nl] in " \t\xa0":
        nl += 1
    if nl >= len(text) or text[nl] != "\n":
        return None
    start = nl
    while start < len(text) and text[start].isspace():
        start += 1
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return (start, stop) if stop - start > 2 else None
