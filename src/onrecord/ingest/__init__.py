"""Ingest: bytes, text or HTML in, a cleaned `Article` (body, metadata, removals, repairs) out."""
from __future__ import annotations

import logging

from .decode import decode_bytes
from .html import article_from_html
from .read import read_input
from .text import article_from_text

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["article_from_html", "article_from_text", "decode_bytes", "read_input"]
