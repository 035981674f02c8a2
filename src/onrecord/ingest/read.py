"""Reads raw input bytes: decodes them, tells HTML from plain text, and dispatches."""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Article
from ..settings import IngestSettings
from .decode import decode_bytes
from .html import article_from_html
from .text import article_from_text

_SNIFF_CHARS = 20_000
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cfm"})
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_ROOT = re.compile(r"<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_TAG = re.compile(
    r"</?(?:p|div|span|a|br|li|ul|ol|h[1-6]|table|tr|td|script|style|meta|link|title|article|section"
    r"|img|header|footer|nav|main|figure|time|strong|em|b|i)\b[^<>]*>", re.IGNORECASE)
_MIN_TAGS = 8
_CHARS_PER_TAG = 200        # at least one tag per this many characters reads as markup


def looks_like_html(text: str, source: str | None = None) -> bool:
    """Whether decoded input is an HTML page (by its start, its tags, and the source's extension)."""
    head = text[:_SNIFF_CHARS]
    if _HTML_START.match(head):
        return True
    suffix = _suffix(source)
    if suffix in _TEXT_SUFFIXES:
        return False
    if _HTML_ROOT.search(head):
        return True
    tags = len(_TAG.findall(head))
    if suffix in _HTML_SUFFIXES:
        return tags > 0
    return tags >= _MIN_TAGS and tags * _CHARS_PER_TAG >= len(head)


def read_input(data: bytes, *, source: str, settings: IngestSettings, published: str | None = None) -> Article:
    """An Article from raw bytes (text or HTML); raises InputError E001-E005, E007-E009."""
    text = decode_bytes(data, source, settings)
    if len(text) > settings.max_chars:
        # parsing and cleaning time grows with the input: refuse before either starts
        raise InputError("E009", source, chars=len(text), cap=settings.max_chars, setting="max_chars")
    if looks_like_html(text, source):
        return article_from_html(text, source=source, settings=settings, published=published)
    return article_from_text(text, source=source, settings=settings, published=published)


def _suffix(source: str | None) -> str:
    if not source:
        return ""
    path = urlsplit(source).path if "://" in source else source
    return PurePosixPath(path).suffix.lower()
