"""Quotation marks: where direct quotes are, and which of them a reporting verb introduces.

A quotation is found at the character level, so one that spans several sentences ("“A. B. C,” he
said.") is one range. A cue without a clausal complement takes the quotations of its sentence,
and a quotation that continues right after that sentence ("“A,” he said. “B.”") as well; a cue
ending its line in a colon takes the paragraph below it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from ..nlp.text import doc_text
from ..nlp.tree import children, sentence, tree

if TYPE_CHECKING:
    from .statements import Draft

_QUOTE = re.compile(r"“[^“”]{2,}?”|\"[^\"\n]{2,}?\"")
_MARKS = "onrecord_curly_marks"
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


def trim_tokens(doc: Doc, i0: int, i1: int) -> tuple[int, int]:
    """Token bounds without leading/trailing punctuation, spaces, conjunctions and "that"/"for"."""
    while i0 < i1 and (doc[i0].is_punct and doc[i0].text not in "“\"" or doc[i0].is_space
                       or doc[i0].dep_ in ("mark", "cc") and doc[i0].lower_ in ("that", "but", "and", "for")):
        i0 += 1
    while i1 > i0 and (doc[i1 - 1].is_punct and doc[i1 - 1].text not in "”\"" or doc[i1 - 1].is_space):
        i1 -= 1
    # keep quotation marks balanced inside the range
    opening, closing = _count_marks(doc, i0, i1)
    if opening > closing and doc[i0].text == "“":
        i0 += 1
    if closing > opening and i1 > i0 and doc[i1 - 1].text == "”":
        i1 -= 1
    return i0, i1


def _count_marks(doc: Doc, i0: int, i1: int) -> tuple[int, int]:
    """How many “ and ” the text of doc[i0:i1] holds, without building that text (the marks'
    offsets are found once per document)."""
    if i1 <= i0:
        return 0, 0
    marks = doc.user_data.get(_MARKS)
    if marks is None:
        text = doc_text(doc)
        marks = doc.user_data[_MARKS] = ([m.start() for m in re.finditer("“", text)],
                                          [m.start() for m in re.finditer("”", text)])
    start, end = doc[i0].idx, doc[i1 - 1].idx + len(doc[i1 - 1].text)
    return tuple(bisect_left(found, end) - bisect_left(found, start) for found in marks)  # type: ignore[return-value]


# dependents of a cue verb that leave its sentence a bare cue clause (a quotation before it is its content)
CUE_CLAUSE_DEPS = ("nsubj", "advmod", "npadvmod", "prep", "dobj", "dative", "agent", "aux", "neg")


# -- content a cue does not govern --------------------------------------------------------

def bare_quote(draft: Draft, sent: Span, quotes: Quotes) -> None:
    """A cue with no clausal complement takes the quotations of its sentence (or the one just before)."""
    cue = draft.cue_token
    inside = sentence_quotes(sent, quotes, cue.idx, cue.idx + len(cue.text))
    if not inside:
        prev = quotes.preceding(sent.start_char)
        # a quotation just before a sentence that is the cue clause alone
        if prev is not None and _only_cue(draft, sent):
            inside = [prev]
    draft.ranges.extend(inside)
    if inside:
        span = sent.doc.char_span(inside[0][0], inside[0][1], alignment_mode="expand")
        if span is not None:
            draft.heads.append(span.root)


def _only_cue(draft: Draft, sent: Span) -> bool:
    """The sentence is the cue clause alone: its subject, addressee and circumstances
    ("Renteria told reporters during Tuesday's conference call.")."""
    cue = draft.cue_token
    tr = tree(cue.doc)
    around = [c for c in children(cue) if c.dep_ in CUE_CLAUSE_DEPS]
    cue_tokens = {c.i for c in draft.cue}
    return all(t.is_punct or t.i in cue_tokens or t.dep_ in ("nsubj", "det", "compound", "amod")
               or any(tr.contains(c, t) for c in around) or t.is_space
               for t in sent)


def block(draft: Draft, sent: Span) -> None:
    """A cue closing its sentence with a colon and a line break takes the next paragraph."""
    cue, doc = draft.cue_token, draft.cue_token.doc
    tr = tree(doc)
    # the last word of the cue's subtree: from its right edge back (its subtree is not walked)
    last = next(j for j in range(tr.right_edge(cue), tr.left_edge(cue) - 1, -1)
                if tr.contains(cue, j) and not doc[j].is_punct and not doc[j].is_space)
    tail = sent.doc[last]
    rng = block_after(doc_text(sent.doc), tail.idx + len(tail.text))
    if rng is None:
        return
    span = sent.doc.char_span(rng[0], rng[1], alignment_mode="expand")
    if span is not None:
        draft.ranges.append(rng)
        draft.heads.append(span.root)


def continue_quotes(doc: Doc, drafts: list[Draft], quotes: Quotes) -> None:
    """A quotation opening right after the sentence of a quoting cue continues its words
    ("“A,” he said. “B.”"), unless another statement already claims it."""
    claimed = {r for d in drafts for r in d.ranges}
    for d in drafts:
        if d.quote != "direct" or d.cue_token.pos_ != "VERB":
            continue
        nxt = quotes.following(sentence(d.cue_token).end_char)
        if nxt is None or nxt in claimed:
            continue
        own = [t for t in doc.char_span(nxt[0], nxt[1], alignment_mode="expand") or []]
        if own and any(o is not d and sentence(o.cue_token) == sentence(own[-1]) for o in drafts):
            continue
        d.ranges.append(nxt)
        claimed.add(nxt)


def quote_kind(draft: Draft, quotes: Quotes) -> None:
    """Mark a draft "direct" when quotations cover its content, "mixed" when they cover part of it."""
    covered = 0
    total = 0
    for s, e in draft.ranges:
        total += e - s
        for qs, qe in quotes.overlapping(s, e):
            covered += max(0, min(e, qe) - max(s, qs))
    if total and covered >= 0.9 * total:
        draft.quote = "direct"
    elif covered:
        draft.quote = "mixed"


def parenthetical(draft: Draft) -> None:
    """A cue set inside the clause it reports ("This campaign, he says, is different", "As Politico
    reported, Trump would win") takes that clause on both sides of itself."""
    cue, doc = draft.cue_token, draft.cue_token.doc
    tr = tree(doc)
    for i0, i1 in ((tr.left_edge(cue.head), tr.left_edge(cue)), (tr.right_edge(cue) + 1, tr.right_edge(cue.head) + 1)):
        s, e = trim_tokens(doc, i0, i1)
        if e > s and any(not doc[k].is_punct for k in range(s, e)):
            draft.ranges.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)))
    if draft.ranges:
        draft.heads.append(cue.head)
