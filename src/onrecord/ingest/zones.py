"""Verdicts that depend on where a line sits on the page: above the story or below it.

The story runs from its first to its last line of prose. Above the headline, short lines without
sentence punctuation are the site's name, menus and section labels. Between the headline and the
story, a bare name beside the timestamp is the byline and an unpunctuated clause is the
standfirst. Below the story, author blurbs, menus and short lines wedged between furniture go.
Lines inside the story are never judged here.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from .boilerplate import Verdict, is_section_line
from .bylines import is_author_bio, parse_name_line
from .header import is_menu_line
from .layout import is_prose, is_terminal, word_count

_MAX_LABEL_WORDS = 8        # a site name, kicker or breadcrumb above the headline
_MAX_TAIL_WORDS = 8         # a link title, tag or menu item below the story
_MIN_STANDFIRST_WORDS = 4
_MAX_STANDFIRST_WORDS = 40
_STAMP_REASONS = frozenset({"timestamp"})


def zone_verdicts(texts: Sequence[str], verdicts: Sequence[Verdict | None], heads: dict[int, str],
                  authors: Sequence[str]) -> dict[int, Verdict]:
    """Line index → verdict for masthead lines, name bylines, standfirsts, author blurbs and trailing furniture.

    verdicts: classify_line's verdict per line; heads: headline_reasons; authors: names from bylines.
    """
    out: dict[int, Verdict] = {}

    def free(i: int) -> bool:
        return verdicts[i] is None and i not in heads and i not in out

    n = len(texts)
    start = next((i for i in range(n) if free(i) and is_prose(texts[i])), n)
    title = next((i for i, why in sorted(heads.items()) if why == "headline" and i < start), None)
    _judge_header(texts, verdicts, free, start, title, out)
    known = list(authors) + [a for v in out.values() for a in v.authors]
    _judge_blurbs(texts, free, start, known, out)
    end = next((i for i in range(n - 1, start - 1, -1) if free(i) and is_prose(texts[i])), n)
    _judge_tail(texts, free, end, out)
    return out


def _judge_header(texts: Sequence[str], verdicts: Sequence[Verdict | None], free: Callable[[int], bool],
                  start: int, title: int | None, out: dict[int, Verdict]) -> None:
    """Menus and labels above the headline; name bylines and the standfirst below it."""
    for i in range(start):
        if not free(i):
            continue
        text = texts[i]
        if is_menu_line(text) or is_section_line(text):
            out[i] = _whole(text, "navigation")
        elif title is not None and i < title and not is_terminal(text) and word_count(text) <= _MAX_LABEL_WORDS:
            out[i] = _whole(text, "navigation")     # site name, kicker or section label
        elif title is not None and i > title and _beside_stamp(i, verdicts):
            names = parse_name_line(text)
            if names:
                out[i] = Verdict(((0, len(text), "byline"),), authors=names)
    if title is None:
        return
    for i in range(title + 1, start):
        # a standfirst is followed by furniture (byline, date) or by the story itself
        if free(i) and _is_standfirst(texts[i]) and (i + 1 == start or not free(i + 1)):
            out[i] = _whole(texts[i], "standfirst")


def _judge_blurbs(texts: Sequence[str], free: Callable[[int], bool], start: int, authors: list[str],
                  out: dict[int, Verdict]) -> None:
    """Author blurbs in the lower half of the page ("NAME covers …", a name line and its job line)."""
    after_name = False
    last = max((i for i in range(len(texts)) if free(i)), default=-1)
    for i in range(max(start + 1, len(texts) // 2), len(texts)):
        blurb = free(i) and is_author_bio(texts[i], authors, after_name=after_name, unnamed=i == last)
        if blurb:
            out[i] = _whole(texts[i], "author-bio")
        after_name = blurb


def _judge_tail(texts: Sequence[str], free: Callable[[int], bool], end: int, out: dict[int, Verdict]) -> None:
    """Menus below the story, and short lines with furniture on both sides.

    A list can end a story (tour dates, results), so a short line alone is not enough.
    """
    n = len(texts)
    furniture = [not free(i) for i in range(n)] + [True]
    for i in range(end + 1, n):
        text = texts[i]
        if not free(i):
            continue
        short = not is_terminal(text) and word_count(text) <= _MAX_TAIL_WORDS
        if is_menu_line(text) or (short and furniture[i - 1] and furniture[i + 1]):
            out[i] = _whole(text, "navigation")


def _is_standfirst(text: str) -> bool:
    """A summary line under the headline: a capitalised clause without sentence punctuation."""
    first = text.lstrip("“\"‘'")[:1]
    return (first.isupper() and not is_terminal(text) and text[-1:].isalnum()
            and _MIN_STANDFIRST_WORDS <= word_count(text) <= _MAX_STANDFIRST_WORDS)


def _beside_stamp(i: int, verdicts: Sequence[Verdict | None]) -> bool:
    """Whether line i touches a timestamp line (where bylines sit)."""
    return any(0 <= j < len(verdicts) and (v := verdicts[j]) is not None and v.reason in _STAMP_REASONS
               for j in (i - 1, i + 1))


def _whole(text: str, reason: str) -> Verdict:
    return Verdict(((0, len(text), reason),))
