"""Builds an `Article` from plain text (a scraped page or, in verbatim mode, text taken as is)."""
from __future__ import annotations

import hashlib

from ..errors import InputError
from ..model import Article
from ..settings import IngestSettings
from .clean import Cleaned, clean_body
from .language import detect_language


def article_id(text: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the whitespace-normalised body."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def article_from_text(text: str, *, source: str | None, settings: IngestSettings,
                      published: str | None = None) -> Article:
    """An Article from page text: fills id, text, title, authors, published, dateline, publisher,
    print_headline, language, removed and repairs (only id and text in verbatim mode)."""
    if not text.strip():
        raise InputError("E001", source)
    if not settings.clean:
        check_body(text, source, settings)
        return Article(id=article_id(text), source=source, published=published, text=text)
    return article_from_cleaned(clean_body(text, settings), source=source, settings=settings,
                                published=published)


def article_from_cleaned(cleaned: Cleaned, *, source: str | None, settings: IngestSettings,
                         published: str | None = None, title: str | None = None,
                         authors: list[str] | None = None, publisher: str | None = None) -> Article:
    """An Article from a cleaned body; explicit metadata wins over what cleaning found."""
    if len(cleaned.text) < settings.min_chars:
        raise InputError("E007", source, chars=len(cleaned.text))
    check_body(cleaned.text, source, settings)
    guess = detect_language(cleaned.text)
    if settings.check_language and guess.confident and guess.lang != "en":
        raise InputError("E008", source, lang=guess.lang)
    merged_authors = list(authors or [])
    merged_authors += [a for a in cleaned.authors if a not in merged_authors]
    return Article(
        id=article_id(cleaned.text),
        source=source,
        title=title or cleaned.title,
        authors=merged_authors,
        published=cleaned.published or published,
        dateline=cleaned.dateline,
        publisher=publisher or cleaned.publisher,
        print_headline=cleaned.print_headline,
        language=guess.lang,
        text=cleaned.text,
        removed=cleaned.removed,
        repairs=cleaned.repairs,
    )


def check_body(text: str, source: str | None, settings: IngestSettings) -> None:
    """Refuse a body longer than the parser takes (InputError E009)."""
    if len(text) > settings.max_body_chars:
        raise InputError("E009", source, chars=len(text), cap=settings.max_body_chars, setting="max_body_chars")
