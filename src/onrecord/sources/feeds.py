"""RSS/Atom feeds (feedparser) and news sitemaps (<url><loc> + <news:publication_date>) → item URLs."""
from __future__ import annotations

import logging
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import SourceError
from .guard import SCHEMES
from .items import FeedItem

log = logging.getLogger(__name__)

_GZIP = b"\x1f\x8b"
_MAX_XML_BYTES = 50_000_000    # a sitemap may hold 50,000 URLs in at most 50 MB uncompressed


@dataclass(frozen=True)
class Listing:
    """What a feed or sitemap lists: article items, and for a sitemap index its child sitemaps."""
    kind: str                                   # "rss", "atom", "feed", "sitemap" or "sitemapindex"
    items: list[FeedItem] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def read_listing(data: bytes, url: str) -> Listing:
    """The items of an RSS/Atom feed or news sitemap fetched from url; SourceError E088 if it is neither."""
    if data.startswith(_GZIP):
        data = _gunzip(data, url)
    root = _xml_root(data)
    if root is not None and _local(root.tag) in ("urlset", "sitemapindex"):
        return _sitemap(root, url)
    return _feed(data, url)


def _feed(data: bytes, url: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": url}, sanitize_html=False)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no RSS, Atom or sitemap root element")
        raise SourceError("E088", url, reason=reason.splitlines()[0] if reason else "empty")
    items = []
    for entry in parsed.entries:
        link = _entry_link(entry, url)
        if link is None:
            log.debug("%s: entry without an http(s) link skipped: %s", url, entry.get("title"))
            continue
        items.append(FeedItem(url=link, published=_entry_date(entry), title=entry.get("title") or None))
    kind = "rss" if version.startswith("rss") else "atom" if version.startswith("atom") else "feed"
    return Listing(kind=kind, items=_unique(items))


def _entry_link(entry: Any, base: str) -> str | None:
    candidates = [entry.get("link")]
    guid = entry.get("id")
    if entry.get("guidislink") or (guid and str(guid).startswith(("http://", "https://"))):
        candidates.append(guid)
    for link in candidates:
        if link:
            absolute = urljoin(base, str(link).strip())
            if urlsplit(absolute).scheme.lower() in SCHEMES:
                return absolute
    return None


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            iso = parse_feed_date(str(raw))
            if iso is not None:
                return iso
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            # feedparser's own parse, already converted to UTC
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return None


def parse_feed_date(raw: str) -> str | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, sitemap) date as ISO 8601, keeping its UTC offset."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        when = datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        try:
            when = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
    if len(raw) == 10 and raw[4] == "-":    # a bare date stays a date: no invented midnight
        return when.date().isoformat()
    if when.tzinfo is not None and when.utcoffset() == timezone.utc.utcoffset(None):
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return when.isoformat(timespec="seconds")


def _sitemap(root: Any, url: str) -> Listing:
    if _local(root.tag) == "sitemapindex":
        locs = [_child_text(s, "loc") for s in root if _local(s.tag) == "sitemap"]
        return Listing(kind="sitemapindex", sitemaps=_unique_urls(urljoin(url, x) for x in locs if x))
    items = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = _child_text(node, "loc")
        if not loc:
            continue
        absolute = urljoin(url, loc)
        if urlsplit(absolute).scheme.lower() not in SCHEMES:
            continue
        news = next((c for c in node if _local(c.tag) == "news"), None)
        published = title = None
        if news is not None:
            raw = _child_text(news, "publication_date")
            published = parse_feed_date(raw) if raw else None
            title = _child_text(news, "title")
        items.append(FeedItem(url=absolute, published=published, title=title))
    return Listing(kind="sitemap", items=_unique(items))


def _xml_root(data: bytes) -> Any:
    from lxml import etree

    # no entities, no DTDs from the network: the bytes come from anywhere
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True)
    try:
        return etree.fromstring(data.lstrip(), parser=parser)
    except etree.XMLSyntaxError:
        return None   # not well-formed XML: feedparser's lenient parser gets its turn


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(node: Any, name: str) -> str | None:
    for child in node:
        if _local(child.tag) == name and child.text and child.text.strip():
            return str(child.text.strip())
    return None


def _gunzip(data: bytes, url: str) -> bytes:
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, _MAX_XML_BYTES + 1)
    except zlib.error as e:
        raise SourceError("E088", url, reason=f"bad gzip data: {e}") from e
    if len(out) > _MAX_XML_BYTES:
        raise SourceError("E083", url, cap=_MAX_XML_BYTES)
    return out


def _unique(items: list[FeedItem]) -> list[FeedItem]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.url not in seen:
            seen.add(item.url)
            out.append(item)
    return out


def _unique_urls(urls: Any) -> list[str]:
    return list(dict.fromkeys(u for u in urls if urlsplit(u).scheme.lower() in SCHEMES))
