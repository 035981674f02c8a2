"""Recognises junk tokens: hashes and tracking ids left in scraped text."""
from __future__ import annotations

import re

_HEX = re.compile(r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}", re.IGNORECASE)
_DIGITS = re.compile(r"\d{16,}")
_TRACKING = re.compile(r"(?=(?:[^\d]*\d){4})(?=(?:[^A-Za-z]*[A-Za-z]){4})[A-Za-z0-9_-]{24,}")
_EDGE = ".,;:()[]\"'"
_TOKEN = re.compile(r"\S+")


def is_junk_token(token: str) -> bool:
    """Whether a whitespace-free token is a hash or machine id rather than a word or number."""
    core = token.strip(_EDGE)
    return bool(_HEX.fullmatch(core) or _DIGITS.fullmatch(core) or _TRACKING.fullmatch(core))


def junk_tail(text: str) -> int:
    """Offset where the trailing run of junk tokens of text starts (len(text) if none)."""
    end = len(text.rstrip())
    cut = end
    for m in reversed(list(_TOKEN.finditer(text, 0, end))):
        if not is_junk_token(m.group()):
            break
        cut = m.start()
    return cut if cut < end else len(text)
