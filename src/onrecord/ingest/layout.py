"""Lines and paragraphs of a text as offsets, fragment rejoining, and rendering of the clean body.

Everything here works on (start, end) offsets into one source string, so the rendered text can
be mapped back to it token by token (repairs need their final offsets).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

_NONSPACE = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Sentence-final punctuation, possibly followed by closing quotes or brackets.
_TERMINAL = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$|[\"”’»」』]$")
_FRAGMENT_END = re.compile(r"[,;.!?…][\"'”’)\]]*$")
_BULLET = re.compile(r"^(?:[-–•*·▪►✓]\s|\d{1,2}[.)]\s)")
_LINKISH = re.compile(r"^(?:www\.|\S*(?:://|@|\.[a-z]{2,6}/))", re.IGNORECASE)
_MIN_BROKEN_WORDS = 4       # a sentence start a link was cut from is not a two-word label
_MAX_FRAGMENT_WORDS = 6     # names and link texts are short
_MAX_FRAGMENT_CHARS = 60
_MIN_PROSE_WORDS = 8
_CONTINUES = re.compile(r"^(?:[,;:.)\]!?…%]|[—–]\s)")


@dataclass(slots=True)
class Line:
    """A non-blank line: offsets of its content without edge whitespace, and its block number."""
    start: int
    end: int
    block: int


def split_lines(src: str) -> list[Line]:
    """Non-blank lines of src; blank lines separate blocks (paragraphs)."""
    lines: list[Line] = []
    block = 0
    pos = 0
    for raw in src.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(pos + lead, pos + lead + len(stripped), block))
        elif lines and lines[-1].block == block:
            block += 1
        pos = end + 1
    return _split_line_per_paragraph(src, lines)


def _split_line_per_paragraph(src: str, lines: list[Line]) -> list[Line]:
    """Give each line its own block where a block is written one paragraph per line."""
    out: list[Line] = []
    block = -1
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].block == lines[i].block:
            j += 1
        group = lines[i:j]
        ended = sum(1 for ln in group if is_terminal(src[ln.start:ln.end]))
        own = len(group) >= 3 and ended * 2 >= len(group)
        if not own:
            block += 1
        for ln in group:
            if own:
                block += 1
            out.append(Line(ln.start, ln.end, block))
        i = j
    return out


def is_terminal(text: str) -> bool:
    """Whether text ends like a sentence (or a quoted sentence, or an emoji)."""
    return _TERMINAL.search(text) is not None or (text[-1:] != "" and unicodedata.category(text[-1]) == "So")


def is_prose(text: str) -> bool:
    """A line of running text: a sentence of some length, not a heading, label or link."""
    return word_count(text) >= _MIN_PROSE_WORDS and is_terminal(text)


def word_count(text: str) -> int:
    """Number of words (letter-initial tokens) in text."""
    return len(_WORD.findall(text))


def paragraphs_of(lines: list[Line], keep: list[bool]) -> list[list[Line]]:
    """Kept lines grouped into paragraphs: a block change or a removed line starts a new one."""
    paras: list[list[Line]] = []
    current: list[Line] = []
    last_block = None
    for line, kept in zip(lines, keep):
        if not kept:
            if current:
                paras.append(current)
            current = []
            continue
        if current and line.block != last_block:
            paras.append(current)
            current = []
        current.append(line)
        last_block = line.block
    if current:
        paras.append(current)
    return paras


def para_text(src: str, para: list[Line]) -> str:
    """A paragraph's text with its lines joined by single spaces."""
    return " ".join(" ".join(_NONSPACE.findall(src, ln.start, ln.end)) for ln in para)


def join_fragments(src: str, paras: list[list[Line]], title: str | None) -> list[list[Line]]:
    """Rejoin paragraphs a scraper broke around links or names ("President\\n\\nVladimir Putin,")."""
    texts = [para_text(src, p) for p in paras]
    out: list[list[Line]] = []
    out_texts: list[str] = []
    for i, (para, text) in enumerate(zip(paras, texts)):
        after = texts[i + 1] if i + 1 < len(texts) else None
        if out and _continues(out_texts[-1], text, after, title):
            out[-1] = out[-1] + para
            out_texts[-1] = out_texts[-1] + " " + text
        else:
            out.append(list(para))
            out_texts.append(text)
    return out


def _continues(prev: str, nxt: str, after: str | None, title: str | None) -> bool:
    """Whether nxt continues the unfinished sentence of prev (after: the paragraph following nxt)."""
    if is_terminal(prev) or prev == title or _BULLET.match(prev) or _BULLET.match(nxt):
        return False
    if _LINKISH.match(nxt) or _LINKISH.match(prev.rsplit(" ", 1)[-1]):
        return False
    if _starts_inside_sentence(nxt):
        return True
    if word_count(prev) < _MIN_BROKEN_WORDS or _heading_like(prev):
        return False
    if not 1 <= word_count(nxt) <= _MAX_FRAGMENT_WORDS or len(nxt) > _MAX_FRAGMENT_CHARS or ": " in nxt:
        return False
    if not _mostly_capitalised(nxt):
        return False  # the cut-out piece is a name or link title, not a sentence of its own
    # a name or link text cut out of a sentence: it ends mid-sentence, ends it, or is followed by its rest
    return bool(_FRAGMENT_END.search(nxt)) or (after is not None and _starts_inside_sentence(after))


def _starts_inside_sentence(text: str) -> bool:
    return bool(_CONTINUES.match(text) or text[:1].islower()) and not _LINKISH.match(text)


def _mostly_capitalised(text: str) -> bool:
    words = _WORD.findall(text)
    caps = sum(1 for w in words if w[:1].isupper())
    return caps * 3 >= len(words) * 2


def _heading_like(text: str) -> bool:
    """A short line of capitalised words: a sub-heading, not a broken sentence."""
    words = text.split()
    if len(words) > 8:
        return False
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return caps * 3 >= len(words) * 2


@dataclass(frozen=True, slots=True)
class Rendered:
    """The clean body and, per token, its source offset and its offset in the body."""
    text: str
    src_starts: list[int]
    src_ends: list[int]
    out_starts: list[int]

    def locate(self, start: int, end: int) -> tuple[int, int]:
        """Body offsets of the source range [start, end), or (-1, -1) if it was not kept whole."""
        i = bisect_right(self.src_starts, start) - 1
        if i < 0 or end > self.src_ends[i]:
            return -1, -1
        offset = self.out_starts[i] + start - self.src_starts[i]
        return offset, offset + end - start


def render(src: str, paras: list[list[Line]]) -> Rendered:
    """Paragraphs joined by a blank line, tokens inside a paragraph by one space."""
    parts: list[str] = []
    src_starts: list[int] = []
    src_ends: list[int] = []
    out_starts: list[int] = []
    pos = 0
    for para in paras:
        first = True
        for line in para:
            for m in _NONSPACE.finditer(src, line.start, line.end):
                if first and parts:
                    parts.append("\n\n")
                    pos += 2
                elif not first:
                    parts.append(" ")
                    pos += 1
                first = False
                src_starts.append(m.start())
                src_ends.append(m.end())
                out_starts.append(pos)
                parts.append(m.group())
                pos += m.end() - m.start()
    return Rendered("".join(parts), src_starts, src_ends, out_starts)
