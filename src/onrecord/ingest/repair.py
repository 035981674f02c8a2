"""Finds and repairs systematic digit corruption (a letter sequence standing for one digit).

A scraper or OCR step sometimes replaces a digit everywhere by the same letters ("src950s",
"l0:30", "2O22"). Such a sequence shows up glued to digits in several places; substituting
one digit d for it must turn every occurrence into a well-formed numeral (year, decade, clock
time, grouped number, date). Only a sequence for which exactly one d fits is repaired.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..settings import IngestSettings
from .junk import is_junk_token
from .lexicon import date_words, homoglyphs, timezones

logger = logging.getLogger(__name__)

# A maximal letter run right after a digit (or "5," "5:"), or right before one (or ",5" ":5").
_GLUED = re.compile(r"(?:(?<=\d)|(?<=\d[,.:]))[^\W\d_]+|(?<![^\W\d_])[^\W\d_]+(?=\d|[,.:]\d)")
_NUMERIC_CHARS = frozenset("0123456789:,./-")
_SUFFIX = re.compile(r"[^\W\d_]{1,2}(?![^\W\d_])")
_TAIL = re.compile(r"(?<=\d)[^\W\d_]{1,2}$")
_NUMERIC = re.compile(r"[\d:,./\-]+")
_TELLING = 3               # a numeral admitting at most this many digits is evidence
_AMPM = re.compile(r"\s*[ap]\.?\s?m\b", re.IGNORECASE)
# Well-formed numerals a substituted digit must produce (checked on the whole numeric chunk).
_SHAPES = (
    re.compile(r"(?:1[5-9]|20)\d0s"),                      # decade: 1950s
    re.compile(r"(?:1[5-9]|20)\d\d"),                       # year: 1995, 2022
    re.compile(r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?"),  # clock: 12:25, 23:05:10
    re.compile(r"(?:[01]\d|2[0-3])\.[0-5]\d"),              # British clock: 09.15
    re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"),       # grouped: 300,000
    re.compile(r"(?:1[5-9]|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"),  # ISO date
    re.compile(r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:1[5-9]|20)\d\d"),  # US date
    re.compile(r"0|[1-9]\d{0,2}"),                          # small count: 12 (years must be years)
    re.compile(r"(?:0|[1-9]\d{0,2})\.\d+"),                  # decimal: 1.5
    re.compile(r"\d{6,}"),                                  # id or phone number: 1098231
)
_DAY = re.compile(r"\d{1,2}")
_DOT_CLOCK = re.compile(r"(?P<h>\d{1,2})[.:]\d{2}")
_NEXT_WORD = re.compile(r"\s*(?:of\s+)?([^\W\d_]+)")
_PREV_WORD = re.compile(r"([^\W\d_]+)\.?,?\s+$")


@dataclass(frozen=True, slots=True)
class RawRepair:
    """A repair in the coordinates of the repaired text."""
    before: str
    after: str
    start: int
    end: int


@dataclass(slots=True)
class _Occurrence:
    start: int
    end: int
    token_start: int
    token_end: int


def repair_digits(text: str, settings: IngestSettings) -> tuple[str, list[RawRepair]]:
    """The text with corrupted digits restored, and the repairs made (offsets into the result)."""
    candidates = _glued_runs(text, settings.repair_max_letters)
    edits: dict[tuple[int, int], tuple[str, str]] = {}  # unit span in text → (before, after)
    for seq, occs in candidates.items():
        if len(occs) < settings.repair_min_count:
            continue
        digit = _choose_digit(text, seq, occs, settings.repair_min_count)
        if digit is None:
            continue
        for occ in occs:
            unit = _unit_span(text, occ, seq, digit)
            if unit in edits or any(_overlaps(unit, u) for u in edits):
                continue
            before = text[unit[0]:unit[1]]
            edits[unit] = (before, _substitute(text, unit, seq, digit))
    if not edits:
        return text, []
    parts: list[str] = []
    repairs: list[RawRepair] = []
    pos = 0
    out_len = 0
    for (start, end), (before, after) in sorted(edits.items()):
        parts.append(text[pos:start])
        out_len += start - pos
        parts.append(after)
        repairs.append(RawRepair(before=before, after=after, start=out_len, end=out_len + len(after)))
        out_len += len(after)
        pos = end
    parts.append(text[pos:])
    logger.debug("repaired %d corrupted numerals", len(repairs))
    return "".join(parts), repairs


def _substitute(text: str, unit: tuple[int, int], seq: str, digit: str) -> str:
    """The unit with seq replaced by digit, leaving a glued letter suffix ("s", "am") alone."""
    body = text[unit[0]:unit[1]]
    suffix = _TAIL.search(body)
    if suffix and suffix.group() != seq:
        return body[:suffix.start()].replace(seq, digit) + suffix.group()
    return body.replace(seq, digit)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _glued_runs(text: str, max_letters: int) -> dict[str, list[_Occurrence]]:
    """Short letter runs touching a digit, grouped by their spelling."""
    out: dict[str, list[_Occurrence]] = {}
    for m in _GLUED.finditer(text):
        if m.end() - m.start() > max_letters:
            continue
        start, end = m.start(), m.end()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        run = m.group()
        # "2OOOs": the run may carry a unit or plural suffix after the stand-in letters
        cores = [run]
        if m.start() > 0 and text[m.start() - 1].isdigit():
            cores += [run[:-k] for k in (1, 2) if len(run) > k]
        roots: dict[str, str] = {}
        for core in cores:
            roots.setdefault(_root(core), core)
        for key, core in roots.items():
            out.setdefault(key, []).append(_Occurrence(m.start(), m.start() + len(core), start, end))
    return out


def _root(run: str) -> str:
    """The shortest string whose repetition is run ("OOO" → "O"): each copy stands for one digit."""
    for size in range(1, len(run) // 2 + 1):
        if len(run) % size == 0 and run[:size] * (len(run) // size) == run:
            return run[:size]
    return run


def _choose_digit(text: str, seq: str, occs: list[_Occurrence], min_count: int) -> str | None:
    """The one digit that makes every non-hash occurrence a well-formed numeral, else None.

    Evidence must come from at least `min_count` different numerals that each admit only a few
    digits (a year, a decade, a clock time); a bare count like "4K" → "40" admits any digit.
    """
    judged = [o for o in occs if not is_junk_token(text[o.token_start:o.token_end].replace(seq, "1"))]
    fits = [frozenset(d for d in "0123456789" if _validates(text, o, seq, d)) for o in judged]
    telling = {_trim_text(text[o.token_start:o.token_end]) for o, f in zip(judged, fits) if f and len(f) <= _TELLING}
    if len(telling) < min_count:
        return None
    fitting = sorted(frozenset("0123456789").intersection(*fits))
    if len(fitting) == 1:
        return fitting[0]
    # several digits fit every numeral: a single letter that looks like one of them stands for it
    if homoglyphs().get(seq) in fitting:
        return homoglyphs()[seq]
    logger.debug("not repairing %r: digits %s fit its %d occurrences", seq, fitting or "none", len(occs))
    return None


def _validates(text: str, occ: _Occurrence, seq: str, digit: str) -> bool:
    """Whether substituting `digit` for `seq` makes a well-formed numeral around this occurrence."""
    token = text[occ.token_start:occ.token_end]
    rel = occ.start - occ.token_start
    fixed = token[:rel].replace(seq, digit) + digit + token[rel + len(seq):].replace(seq, digit)
    at = len(token[:rel].replace(seq, digit))
    for m in _NUMERIC.finditer(fixed):
        if m.start() <= at < m.end():
            chunk = m.group().strip(",.:/-")
            rest = fixed[m.end():]
            if rest[:1] == "s" and not rest[1:2].isalpha():
                chunk += "s"  # decades: "1950s"
            if not any(s.fullmatch(chunk) for s in _SHAPES):
                return False
            after = text[occ.token_end:occ.token_end + 16] if m.end() == len(fixed) else rest
            before = text[max(0, occ.token_start - 16):occ.token_start] if m.start() == 0 else ""
            if not _fits_context(chunk, after, before):
                return False
            return not (_AMPM.match(after) and ":" in chunk and not _twelve_hour(chunk))
    return False


def _fits_context(chunk: str, after: str, before: str) -> bool:
    """A day beside a month name is 1-31 ("18 May"); a time before a zone or am/pm is a clock ("10.42 BST")."""
    nxt = _NEXT_WORD.match(after)
    next_word = nxt.group(1) if nxt else ""
    prev = _PREV_WORD.search(before)
    months = date_words().months
    # month names are capitalised in English; "may" in lower case is the verb
    beside_month = any(w[:1].isupper() and w.lower() in months for w in (next_word, prev.group(1) if prev else ""))
    if _DAY.fullmatch(chunk) and beside_month:
        return 1 <= int(chunk) <= 31
    clock = _DOT_CLOCK.fullmatch(chunk)
    if clock and (next_word.upper() in timezones() or _AMPM.match(after)):
        return int(clock.group("h")) <= (12 if _AMPM.match(after) else 23)
    return True


def _twelve_hour(chunk: str) -> bool:
    return 1 <= int(chunk.split(":")[0]) <= 12


def _unit_span(text: str, occ: _Occurrence, seq: str, digit: str) -> tuple[int, int]:
    """The numeral around an occurrence: digits, separators, glued copies of seq, a short suffix."""
    token = text[occ.token_start:occ.token_end]
    if is_junk_token(token.replace(seq, digit)):
        return _trim(text, occ.token_start, occ.token_end)
    start, end, n = occ.start, occ.end, len(seq)
    while start > occ.token_start:
        if text[start - n:start] == seq and start - n >= occ.token_start:
            start -= n
        elif text[start - 1] in _NUMERIC_CHARS:
            start -= 1
        else:
            break
    while end < occ.token_end:
        if text[end:end + n] == seq:
            end += n
        elif text[end] in _NUMERIC_CHARS:
            end += 1
        else:
            break
    start, end = _trim(text, start, end)
    suffix = _SUFFIX.match(text, end, occ.token_end)
    if suffix and text[end - 1].isdigit():
        end = suffix.end()  # keep "s" of "1950s" or "am" of "9:30am" with the numeral
    return start, end


def _trim_text(token: str) -> str:
    start, end = _trim(token, 0, len(token))
    return token[start:end]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end
