"""The text of a Doc, built once per document (spaCy joins every token on each `Doc.text`)."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_KEY = "onrecord_text"


def doc_text(doc: Doc) -> str:
    """doc.text, cached in the document's own user_data."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def entity_span(token: Token) -> Span:
    """The named-entity span a token belongs to, from its IOB tags (not a scan of doc.ents)."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]
