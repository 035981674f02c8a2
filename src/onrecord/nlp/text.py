"""The text of a Doc, built once per document (spaCy joins every token on each `Doc.text`)."""
from __future__ import annotations

from spacy.tokens import Doc

_KEY = "onrecord_text"


def doc_text(doc: Doc) -> str:
    """doc.text, cached in the document's own user_data."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
