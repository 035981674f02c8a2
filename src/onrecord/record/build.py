"""Assembles and serialises `onrecord/1` records."""
from __future__ import annotations

import json
from typing import Any

from ..extract import Extraction
from ..model import Article, Record


def build_record(article: Article, extraction: Extraction) -> Record:
    """The record of one article; every span is checked against article.text (OffsetError if not)."""
    record = Record(article=article, actors=extraction.actors, statements=extraction.statements,
                    events=extraction.events, amounts=extraction.amounts)
    record.check_offsets()
    return record


def dumps(record: Record, indent: int | None = None) -> str:
    """The record as JSON text (UTF-8 characters kept, not escaped)."""
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=indent)


def record_from_dict(data: dict[str, Any]) -> Record:
    """A Record from its JSON form (validated)."""
    return Record.model_validate(data)
