"""What the sources stage hands on: pipeline Sources paired with their provenance, and feed items."""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass

from ..model import Provenance
from ..pipeline import Source

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})""")
_SNIFF_BYTES = 2048            # the HTML spec looks for <meta charset> in the first 1024 bytes; be lenient


@dataclass(frozen=True)
class FetchedSource:
    """A pipeline Source and where, when and how its bytes were obtained (Article.provenance)."""
    source: Source
    provenance: Provenance
    charset: str | None = None     # declared by the server or the page; None if neither said


@dataclass(frozen=True)
class FeedItem:
    """One article a feed or news sitemap points to."""
    url: str
    published: str | None = None   # ISO 8601 when the feed gives it
    title: str | None = None


def content_hash(data: bytes) -> str:
    """The sha256 hex digest of a body, as stored in Provenance.content_hash."""
    return hashlib.sha256(data).hexdigest()


def declared_charset(header_charset: str | None, data: bytes) -> str | None:
    """The charset a response declares: Content-Type header first, else <meta charset> or <?xml encoding?>."""
    for candidate in (header_charset, _sniffed(data)):
        if candidate:
            try:
                return codecs.lookup(candidate).name
            except LookupError:
                continue   # an unknown label says nothing; try the next declaration
    return None


def _sniffed(data: bytes) -> str | None:
    head = data[:_SNIFF_BYTES]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def utf8_body(data: bytes, charset: str | None) -> bytes:
    """The body as UTF-8 when it is not UTF-8 but decodes cleanly in its declared charset, else unchanged.

    Valid UTF-8 is kept as is even when another charset is declared: servers that label UTF-8 pages
    ISO-8859-1 are far more common than pages whose bytes happen to be valid UTF-8 by accident.
    """
    if not charset or codecs.lookup(charset).name == "utf-8":
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass   # not UTF-8: the declaration is the best evidence we have
    try:
        return data.decode(charset).encode("utf-8")
    except (UnicodeDecodeError, LookupError):
        return data   # the declaration is wrong: leave it to ingest's detection


def fetched_source(name: str, data: bytes, provenance: Provenance, *, charset: str | None = None,
                   published: str | None = None) -> FetchedSource:
    """A FetchedSource for a body read from the web, an archive or a dump."""
    return FetchedSource(Source(name=name, data=utf8_body(data, charset), published=published), provenance, charset)
