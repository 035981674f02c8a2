"""Builds an `Article` from an HTML page: trafilatura finds body and metadata, then the text is cleaned."""
from __future__ import annotations

import logging
import re
from datetime import datetime

import trafilatura

from ..errors import InputError
from ..model import Article
from ..settings import IngestSettings
from .bylines import split_authors
from .clean import clean_body
from .text import article_from_cleaned, article_id

logger = logging.getLogger(__name__)

_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": _DATE_FORMAT}
_URL = re.compile(r"^https?://", re.IGNORECASE)
_NEWLINES = re.compile(r"\s*\n\s*")


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
        return Article(id=article_id(body), source=source, published=published, text=body)
    # trafilatura puts one paragraph per line; the cleaner reads blank-line-separated blocks
    cleaned = clean_body(_NEWLINES.sub("\n\n", body.strip()), settings, title=doc.title)
    if not cleaned.text:
        raise InputError("E005", source)  # all trafilatura kept was page furniture
    meta_date = _meta_date(doc.date)
    return article_from_cleaned(
        cleaned, source=source, settings=settings,
        published=published or _more_precise(meta_date, cleaned.published),
        title=doc.title, authors=split_authors(doc.author) if doc.author else None,
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
