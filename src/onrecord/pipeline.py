"""Runs the stages in order: inputs → Articles → spaCy Docs (nlp.pipe) → Records or Failures.

This is the only module that knows the order of the stages.
"""
from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError, OnrecordError
from .model import Article, Failure, Provenance, Record
from .settings import Settings

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml"}   # what a directory scan picks up


@dataclass(frozen=True)
class Source:
    """One input: its name, its bytes (or an error met while reading it), an optional date."""
    name: str
    data: bytes | None
    error: InputError | None = None
    published: str | None = None
    provenance: Provenance | None = None


class Analyzer:
    """Holds the loaded model and actor resolver; analyses articles in batches."""

    def __init__(self, settings: Settings) -> None:
        from .actors.gazetteer import Gazetteer
        from .actors.resolve import ActorResolver
        from .nlp import load_pipeline

        self.settings = settings
        self.nlp = load_pipeline(settings.nlp)
        self.gazetteer = Gazetteer.load(settings.actors.dictionaries)
        self.resolver = ActorResolver(self.nlp, self.gazetteer)

    # -- articles ------------------------------------------------------------------------
    def article(self, source: Source) -> Article:
        """The Article of one source (InputError if it cannot be read or has no body)."""
        from .ingest import read_input

        if source.error is not None:
            raise source.error
        assert source.data is not None
        article = read_input(source.data, source=source.name, settings=self.settings.ingest,
                             published=source.published)
        return article if source.provenance is None else article.model_copy(update={"provenance": source.provenance})

    def records(self, articles: Iterable[Article]) -> Iterator[Record]:
        """Records of articles, parsed with nlp.pipe in batches."""
        from .extract import extract
        from .extract.dates import parse_published
        from .record import build_record

        items = list(articles) if not isinstance(articles, list) else articles
        docs = self.nlp.pipe((a.text for a in items), batch_size=self.settings.nlp.batch_size)
        for article, doc in zip(items, docs):
            actors = self.resolver.resolve(doc, parse_published(article.published), article.dateline)
            yield build_record(article, extract(doc, article, actors))

    def run(self, sources: Iterable[Source]) -> Iterator[Record | Failure]:
        """Records or Failures for sources, in input order; one bad input never stops the rest."""
        batch: list[tuple[int, Article]] = []
        pending: dict[int, Record | Failure] = {}
        next_out = 0
        size = max(1, self.settings.nlp.batch_size)

        def flush() -> None:
            for (i, _), rec in zip(batch, self.records([a for _, a in batch])):
                pending[i] = rec
            batch.clear()

        for i, src in enumerate(sources):
            try:
                batch.append((i, self.article(src)))
            except OnrecordError as e:
                pending[i] = Failure(source=src.name, code=getattr(e, "code", "E000"),
                                     message=getattr(e, "reason", str(e)))
            if len(batch) >= size:
                flush()
            while next_out in pending:
                yield pending.pop(next_out)
                next_out += 1
        flush()
        while next_out in pending:
            yield pending.pop(next_out)
            next_out += 1


@lru_cache(maxsize=2)
def get_analyzer(settings: Settings) -> Analyzer:
    """The analyzer for a settings object, built once per process."""
    return Analyzer(settings)


def sources_from_paths(paths: Iterable[str], settings: Settings) -> Iterator[Source]:
    """Sources for paths: files, directories (their text/HTML files, sorted) and "-" (stdin)."""
    for p in paths:
        if p == "-":
            yield Source(name="<stdin>", data=sys.stdin.buffer.read())
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
                           and not f.name.startswith("."))
            for f in files:
                yield _read(f, settings)
        else:
            yield _read(path, settings)


def _read(path: Path, settings: Settings) -> Source:
    try:
        size = path.stat().st_size
        if size > settings.ingest.max_bytes:
            return Source(name=str(path), data=None,
                          error=InputError("E004", str(path), size=size, cap=settings.ingest.max_bytes))
        return Source(name=str(path), data=path.read_bytes())
    except OSError as e:
        return Source(name=str(path), data=None, error=InputError("E006", str(path), reason=e.strerror or str(e)))


def analyze(text_or_html: str | bytes, *, source: str | None = None, published: str | None = None,
            settings: Settings | None = None) -> Record:
    """The record of one article given as plain text or HTML (InputError if it cannot be analysed)."""
    analyzer = get_analyzer(settings or Settings())
    data = text_or_html.encode("utf-8") if isinstance(text_or_html, str) else text_or_html
    article = analyzer.article(Source(name=source or "<string>", data=data, published=published))
    return next(analyzer.records([article]))


def analyze_many(items: Iterable[str | bytes], *, settings: Settings | None = None,
                 ) -> Iterator[Record | Failure]:
    """Records (or Failures) of many texts or HTML pages, batched through nlp.pipe."""
    analyzer = get_analyzer(settings or Settings())
    srcs = (Source(name=f"<item {i}>", data=x.encode("utf-8") if isinstance(x, str) else x)
            for i, x in enumerate(items))
    return analyzer.run(srcs)
