"""nlp/tokenizer.py: spaCy's tokens, in time linear in the text, offsets untouched."""
from __future__ import annotations

import pickle
import random
import time
from pathlib import Path

import pytest

from onrecord.nlp.tokenizer import LONG, LinearTokenizer
from onrecord.pipeline import Source

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "000_f550be25ed6773a1.txt"


@pytest.fixture(scope="module")
def tokenizers(analyzer):
    linear = analyzer.nlp.tokenizer
    assert isinstance(linear, LinearTokenizer)
    return linear, linear.inner


def _tokens(doc):
    return [(t.idx, t.text, t.whitespace_, t.norm_) for t in doc]


def _texts(analyzer):
    """The fixture articles and the seed, as files and as the article text the pipeline parses."""
    paths = sorted((ROOT / "tests/fixtures/articles").iterdir()) + ([SEED] if SEED.is_file() else [])
    for path in paths:
        yield path.read_text(encoding="utf-8")
        yield analyzer.article(Source(name=path.name, data=path.read_bytes())).text


def test_the_pipeline_tokenizes_with_it(analyzer):
    assert isinstance(analyzer.nlp.tokenizer, LinearTokenizer)
    assert analyzer.nlp.make_doc("It's a test.").text == "It's a test."


def test_articles_are_tokenized_exactly_as_by_spacy(analyzer, tokenizers):
    linear, spacy_tokenizer = tokenizers
    for text in _texts(analyzer):
        assert _tokens(linear(text)) == _tokens(spacy_tokenizer(text))


@pytest.mark.parametrize("text", [
    "http://example.com/" + "a/" * 60 + "?q=1&r=2 (see https://example.org/" + "x" * 100 + ").",
    "“" + "word-" * 30 + "end,” she said.",
    "x" * 5_000,
    "(((((((((((((((((((( short )))))))))))))))))))",
    "U.S.-led don't can't 'cause $5 US$10 5km 10% :) <3 (: e.g. a.m. o'clock",
])
def test_long_words_and_special_cases_are_spacy_s(tokenizers, text):
    linear, spacy_tokenizer = tokenizers
    assert _tokens(linear(text)) == _tokens(spacy_tokenizer(text))


@pytest.mark.parametrize("run", ['"', "!", "(", "_", "“", "…", "US$", "'s", "=", "😀", "。", ".,"])
def test_a_long_run_of_affixes_is_linear_and_keeps_the_text(tokenizers, run):
    linear, _ = tokenizers
    text = "She said " + run * (20_000 // len(run)) + "word and then " + run * 10_000 + " more."
    start = time.monotonic()
    doc = linear(text)
    assert time.monotonic() - start < 2          # ~0.3 s; spaCy took 7 s for 7,000 quotation marks
    assert doc.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)


def test_ten_thousand_quotation_marks_take_well_under_a_second(tokenizers):
    linear, _ = tokenizers
    start = time.monotonic()
    doc = linear('"' * 10_000 + "The finance minister said.")
    assert time.monotonic() - start < 1          # spaCy: ~14 s
    assert len(doc) == 10_000 + 5 and all(t.text == '"' for t in doc[:10_000])


def _special_free(doc, rules):
    """Tokens with every special case spaCy merged from affixes (":)", "''") split into characters."""
    out = []
    for t in doc:
        if t.text in rules and len(t.text) > 1:
            out.extend((t.idx + k, c) for k, c in enumerate(t.text))
        else:
            out.append((t.idx, t.text))
    return out


def test_long_runs_split_as_spacy_splits_them(tokenizers):
    """Random chunks with long affix runs (up to ~600 characters, where spaCy is still quick):
    the same tokens as spaCy's, but for special cases made of affixes inside a long run."""
    linear, spacy_tokenizer = tokenizers
    rules = set(spacy_tokenizer.rules)
    units = ['"', "“", "”", "!", "?", "(", ")", ".", "...", "…", "_", "*", "=", "#", "&", "$", "US$", "'s",
             "'", "`", ":", ";", ",", "-", "--", "–", "—", "[", "]", "<", ">", "+", "%", "/", "km", "5", "x",
             "The", "n't", "e.g.", "U.S.", "😀"]
    cores = ["word", "x" * 150, "hello-world", "1,000", "", "U.S.", "it's", "http://example.com/path"]
    rnd = random.Random(1)
    exact = 0
    for _ in range(300):
        u1, u2 = rnd.choice(units), rnd.choice(units)
        n = rnd.choice([10, 40, 70, 150, 200])
        chunk = rnd.choice([u1 * n + rnd.choice(cores), rnd.choice(cores) + u2 * n,
                            u1 * n + rnd.choice(cores) + u2 * n, (u1 + u2) * n])
        text = rnd.choice(["", "Start ", "(", "\n"]) + chunk + rnd.choice([" ", "  ", "\n", "", "\xa0 "]) + \
            rnd.choice(["", "end.", chunk[::-1]])
        ours, theirs = linear(text), spacy_tokenizer(text)
        assert ours.text == text
        assert _special_free(ours, rules) == _special_free(theirs, rules), text[:80]
        exact += _tokens(ours) == _tokens(theirs)
    assert exact > 270


def test_short_texts_and_chunks_go_to_spacy_unchanged(tokenizers):
    linear, spacy_tokenizer = tokenizers
    for text in ["", " ", "a", "\n\n", '"' * LONG, ('"' * LONG + " ") * 20]:
        assert _tokens(linear(text)) == _tokens(spacy_tokenizer(text))


def test_it_pickles_and_passes_on_attributes(tokenizers):
    linear, spacy_tokenizer = tokenizers
    assert linear.vocab is spacy_tokenizer.vocab and linear.rules == spacy_tokenizer.rules
    copy = pickle.loads(pickle.dumps(linear))
    text = "It's here: " + '"' * 300 + "quoted."
    assert _tokens(copy(text)) == _tokens(linear(text))
