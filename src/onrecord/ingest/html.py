"""Builds an `Article` from an HTML page: trafilatura finds body and metadata, then the text is cleaned."""
from __future__ import annotations

import html as htmllib
import logging
import re
from datetime import datetime

import trafilatura

from ..errors import InputError
from ..model import Article
from ..settings import IngestSettings
from .bylines import split_authors
from .clean import clean_body
from .header import headline_like, line_key
from .text import article_from_cleaned, article_id, check_body

logger = logging.getLogger(__name__)

_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": _DATE_FORMAT}
_URL = re.compile(r"^https?://", re.IGNORECASE)
_NEWLINES = re.compile(r"\s*\n\s*")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")
_SITE_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
_TITLE_WORD = re.compile(r"\w+")
_MIN_SHARED = 0.5           # an <h1> is the page's headline when it shares half the meta title's words
_MAX_SITE_WORDS = 5
_MIN_SHARED_WORDS = 2
_STEM_CHARS = 5


def article_from_html(html: str, *, source: str | None, settings: IngestSettings,
                      published: str | None = None) -> Article:
    """An Article from an HTML page: fills title, authors, published, publisher (site name) from the
    page metadata and the rest as for plain text; raises InputError E005 when there is no body."""
    doc = trafilatura.bare_extraction(
        html, url=source if source and _URL.match(source) else None, with_metadata=True,
        include_comments=False, date_extraction_params=_DATE_PARAMS)
    body = doc.text if doc is not None else None
    if not body or not body.strip():
        raise InputError("E005", source)
    if not settings.clean:
        check_body(body, source, settings)
        return Article(id=article_id(body), source=source, published=published, text=body)
    title = page_title(html, doc.title, doc.sitename)
    authors = split_authors(doc.author) if doc.author else None
    # trafilatura puts one paragraph per line; the cleaner reads blank-line-separated blocks
    cleaned = clean_body(_NEWLINES.sub("\n\n", body.strip()), settings, title=title, authors=authors)
    if not cleaned.text:
        raise InputError("E005", source)  # all trafilatura kept was page furniture
    meta_date = _meta_date(doc.date)
    return article_from_cleaned(
        cleaned, source=source, settings=settings,
        published=_more_precise(meta_date, cleaned.published) or published,
        title=title, authors=authors,
        publisher=doc.sitename)


def _meta_date(value: str | None) -> str | None:
    """ISO date-time with offset when the page gave a zone, else the date alone."""
    if not value:
        return None
    try:
        moment = datetime.strptime(value, _DATE_FORMAT)
    except ValueError:
        try:
            return datetime.strptime(value[:19], "%Y-%m-%dT%H:%M:%S").date().isoformat()
        except ValueError:
            logger.debug("unreadable page date %r", value)
            return None
    return moment.isoformat(timespec="seconds")


def _more_precise(meta: str | None, body: str | None) -> str | None:
    """The body's timestamp when it adds a time to the same day, else the page metadata's date."""
    if meta is None:
        return body
    if body is not None and len(body) > len(meta) and body[:10] == meta[:10]:
        return body
    return meta


def page_title(html: str, meta_title: str | None, sitename: str | None) -> str | None:
    """The page's headline: the <h1> that matches the meta title, else the meta title without a site suffix.

    Meta titles are often shortened for social media or carry the site's name ("… | The Herald");
    the <h1> is what the page shows as its headline.
    """
    site = _site_key(sitename)
    headings = []
    for m in _H1.finditer(html):
        text = " ".join(htmllib.unescape(_TAGS.sub(" ", m.group(1))).split())
        if headline_like(text) and _site_key(text) != site:
            headings.append(text)
    if not meta_title:
        return headings[0] if headings else None
    meta_title = strip_site_suffix(meta_title, sitename)
    meta_words = _title_stems(meta_title)
    best, best_share = None, _MIN_SHARED
    for text in headings:
        words = _title_stems(text)
        shared = len(words & meta_words)
        share = shared / max(1, min(len(words), len(meta_words)))
        if shared >= _MIN_SHARED_WORDS and share >= best_share and (best is None or share > best_share):
            best, best_share = text, share
    return best or meta_title


def _title_stems(title: str) -> set[str]:
    """Word stems of a title: the first letters of each word, so "approves" meets "approved"."""
    return {w[:_STEM_CHARS] for w in _TITLE_WORD.findall(title.casefold())}


def strip_site_suffix(title: str, sitename: str | None) -> str:
    """A title without a trailing site name ("Markets rally | The Herald" → "Markets rally")."""
    parts = _SITE_SEP.split(title)
    if len(parts) < 2:
        return title
    seps = _SITE_SEP.findall(title)
    suffix = parts[-1]
    named = sitename is not None and _site_key(suffix) == _site_key(sitename)
    # "Headline | Site": the site's name is short, and shorter than the headline ("Opinion | Headline" is not one)
    piped = (seps[-1].strip() == "|" and len(suffix.split()) <= _MAX_SITE_WORDS
             and len(suffix.split()) < len(title.split()) - len(suffix.split()))
    if named or piped:
        return title[:title.rfind(seps[-1])].strip()
    return title


def _site_key(name: str | None) -> str:
    """Comparison key of a site name: letters and digits only, without a leading "The" or a domain ending."""
    if not name:
        return ""
    key = line_key(name)
    key = re.sub(r"^the\s+|\.[a-z]{2,}(?:\.[a-z]{2})?$", "", key)
    return re.sub(r"\W+", "", key)
