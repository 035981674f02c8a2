"""spaCy's tokenizer, linear in the length of a text, with spaCy's tokens.

spaCy splits a text at white space into chunks, then strips prefixes and suffixes from a chunk
one at a time; each step copies the rest of the chunk and searches it again. A chunk with many
affixes is quadratic: one unbroken run of 7,000 quotation marks took 7 s, 10,000 took 14 s (so
do "!!!…", "___…", "US$US$…", "x's's's…"). `LinearTokenizer` wraps the model's own tokenizer:

- a text without a chunk longer than LONG characters goes to it unchanged;
- in a longer chunk, the prefixes and suffixes are found as spaCy finds them (the same rules,
  in the same order, with the same tie-breaks) but each search looks only at a window at each
  end of the chunk, and what is left is handed back to spaCy once it is short, or has no affix
  left, keeping MARGIN affixes on each side for spaCy to split itself;
- the pieces are joined with Doc.from_docs, so the text and every offset are those of the input.

The one difference from spaCy: inside a run of more than MARGIN affixes of one chunk, spaCy's
special cases (emoticons such as ":)" made of two affixes) are not looked for. Texts are not
changed: `doc.text == text` always.
"""
from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

LONG = 64          # characters: a chunk this long or shorter is tokenized by spaCy as it is
MARGIN = 16        # affixes left to spaCy on each side of the rest of a long chunk
WINDOW = 32        # characters at a chunk's end that one affix search looks at (doubled when needed)
LOOK = 8           # room at the inner end of a window for a pattern's look-ahead or look-behind
_CHUNK = re.compile(r"\S{%d,}" % (LONG + 1))     # \s is str.isspace, spaCy's notion of white space


class LinearTokenizer:
    """Wraps a spaCy Tokenizer (see the module); everything else is the wrapped tokenizer's."""

    def __init__(self, inner: Any) -> None:
        object.__setattr__(self, "inner", inner)
        object.__setattr__(self, "_exact", longest_special(inner) <= LONG)

    def __call__(self, text: str) -> Doc:
        inner = self.inner
        if len(text) <= LONG or not self._exact or inner.token_match is not None:
            return inner(text)
        pieces: list[tuple[int, int, tuple[list[str], str, list[str]]]] = []
        for m in _CHUNK.finditer(text):
            split = self._split(m.group())
            if split is not None:
                pieces.append((m.start(), m.end(), split))
        if not pieces:
            return inner(text)
        docs: list[Doc] = []
        pos = 0
        for start, end, (prefixes, middle, suffixes) in pieces:
            if start > pos:
                docs.append(inner(text[pos:start]))
            spaced = end < len(text) and text[end] == " "     # spaCy's one space after a token
            docs.append(Doc(inner.vocab, words=prefixes, spaces=[False] * len(prefixes)))
            if suffixes:
                docs.append(inner(middle))
                docs.append(Doc(inner.vocab, words=suffixes, spaces=[False] * (len(suffixes) - 1) + [spaced]))
            else:
                docs.append(inner(middle + " " if spaced else middle))
            pos = end + spaced
        if pos < len(text):
            docs.append(inner(text[pos:]))
        return Doc.from_docs([d for d in docs if len(d)], ensure_whitespace=False)

    def _split(self, chunk: str) -> tuple[list[str], str, list[str]] | None:
        """spaCy's affix loop over a long chunk, as (prefixes, the rest, suffixes in text order);
        None when the loop takes at most MARGIN steps (spaCy is then quick on the chunk)."""
        a, b = 0, len(chunk)
        steps: list[tuple[int, int]] = []        # the chunk's bounds after each step
        # Every string looked at here is longer than LONG, so no special case can match it (12
        # characters at most in English; longer ones turn this path off, see `_exact`).
        while True:
            pre = self._prefix(chunk, a, b)
            suf = self._suffix(chunk, a + pre, b)
            if not pre and not suf or b - a - pre - suf <= LONG:
                break
            a, b = a + pre, b - suf
            steps.append((a, b))
        if len(steps) <= MARGIN:
            return None
        a, b = steps[-1 - MARGIN]
        prefixes, suffixes = [], []
        last_a, last_b = 0, len(chunk)
        for sa, sb in steps[:len(steps) - MARGIN]:
            if sa != last_a:
                prefixes.append(chunk[last_a:sa])
            if sb != last_b:
                suffixes.append(chunk[sb:last_b])
            last_a, last_b = sa, sb
        return prefixes, chunk[a:b], suffixes[::-1]

    def _prefix(self, chunk: str, a: int, b: int) -> int:
        """find_prefix(chunk[a:b]), searching a window at the start."""
        search = self.inner.prefix_search
        if search is None or a >= b:
            return 0
        width = WINDOW
        while True:
            end = min(b, a + width)
            m = search(chunk[a:end])
            if m is None:
                return 0
            if end == b or m.end() < end - a - LOOK:
                return m.end() - m.start()
            width *= 2                  # the match may go on past the window ("....")

    def _suffix(self, chunk: str, a: int, b: int) -> int:
        """find_suffix(chunk[a:b]), searching a window at the end."""
        search = self.inner.suffix_search
        if search is None or a >= b:
            return 0
        width = WINDOW
        while True:
            start = max(a, b - width)
            m = search(chunk[start:b])
            if m is None:
                return 0
            if start == a or m.start() >= LOOK:
                return m.end() - m.start()
            width *= 2

    # -- the wrapped tokenizer ------------------------------------------------------------
    def add_special_case(self, string: str, substrings: Any) -> None:
        self.inner.add_special_case(string, substrings)
        object.__setattr__(self, "_exact", longest_special(self.inner) <= LONG)

    def __getattr__(self, name: str) -> Any:
        if name in ("inner", "_exact"):     # not set yet (unpickling)
            raise AttributeError(name)
        return getattr(self.inner, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.inner, name, value)
        object.__setattr__(self, "_exact", longest_special(self.inner) <= LONG)

    def __reduce__(self) -> tuple:
        return (LinearTokenizer, (self.inner,))


def longest_special(tokenizer: Any) -> int:
    """The length of the tokenizer's longest special case (LONG must not be shorter)."""
    return max((len(k) for k in tokenizer.rules), default=0)
