"""spaCy components registered by onrecord (factories named `onrecord_*`)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component(
    "onrecord_paragraphs",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, so no sentence spans two paragraphs.

    Runs before the parser, which keeps preset boundaries. A blank line ("\\n\\n") is a
    paragraph break; a single newline inside running text is not.
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
        elif token.whitespace_ == "" and "\n\n" in token.text and not token.is_space:
            doc[token.i + 1].is_sent_start = True
    return doc
