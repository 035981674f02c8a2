"""One huge sentence: the stages after spaCy's parse (actors, statements, events, record) stay
linear in its length.

Each of them once walked a token's subtree, children or sentence per token, which is quadratic
or worse on one long sentence. Before nlp/tree.py, at 4,000 tokens: "attack " x 4,000 took
279 s in extraction, "according to " x 2,000 102 s, "the minister said that " x 1,000 18 s;
"word " x 2,000 took 10 s in the actor stage. The parse itself is spaCy's and is timed apart
(the full path on "word " x 20,000: test_fuzz_input.py).
"""
from __future__ import annotations

import time

import pytest

from onrecord.extract import extract
from onrecord.extract.dates import parse_published
from onrecord.ingest import read_input
from onrecord.record import build_record
from onrecord.settings import IngestSettings

from .helpers import time_limit

SHAPES = {
    "word": "word ",
    "reporting verb": "said ",
    "that-clauses": "the minister said that ",
    "according to": "according to ",
    "event noun": "attack ",
    "events between states": "Russia attacked Ukraine and ",
    "statements and events": "he said Russia imposed sanctions on Iran in Kyiv on Monday and ",
    "of-phrases": "the director of the office of ",
    "anonymous sources": "anonymous officials ",
}


def _after_parse(analyzer, text: str) -> tuple[float, float]:
    """(seconds to parse, seconds for the stages after the parse) of text analysed verbatim."""
    article = read_input(text.encode(), source="long", settings=IngestSettings(clean=False))
    start = time.monotonic()
    doc = analyzer.nlp(article.text)
    parsed = time.monotonic()
    with time_limit(60):
        actors = analyzer.resolver.resolve(doc, parse_published(article.published), article.dateline)
        record = build_record(article, extract(doc, article, actors))
    record.check_offsets()
    return parsed - start, time.monotonic() - parsed


@pytest.mark.parametrize("shape", list(SHAPES))
def test_one_long_sentence_is_linear_after_the_parse(analyzer, shape):
    unit = SHAPES[shape]
    text = unit * (5_000 // len(unit.split()))            # about 5,000 tokens, no sentence break
    _, seconds = _after_parse(analyzer, text)
    assert seconds < 2, f"{shape}: {seconds:.1f} s after the parse"   # ~0.1-0.3 s on 2 cores

