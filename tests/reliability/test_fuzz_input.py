"""Bad input through the full path (Analyzer.run): a Record whose spans index its text, or a coded Failure.

Never an exception out of Analyzer.run, never a hang. Examples per property: FUZZ_EXAMPLES (env,
default 40); docs/RELIABILITY.md gives the figures of a large run.
"""
from __future__ import annotations

import os
import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from onrecord.model import Failure, Record
from onrecord.pipeline import Analyzer, Source
from onrecord.settings import IngestSettings, Settings

from .helpers import ENGLISH, analyse, max_rss_mib, time_limit

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = hsettings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                        HealthCheck.data_too_large])
CONTROLS = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad"
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def stats(request):
    """Outcome counts of the cases run here, written as one summary line at the end of the module."""
    counter: Counter = Counter()
    yield counter
    seconds = counter.pop("max_seconds_x1000", 0) / 1000
    line = (f"reliability: {counter.pop('cases', 0)} cases, slowest {seconds:.2f} s, outcomes "
            + ", ".join(f"{k}={v}" for k, v in sorted(counter.items())))
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():   # output capture would swallow the line
            reporter.write_line("\n" + line)


@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes(analyzer, stats, data):
    analyse(analyzer, data, stats)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=2000), tags=st.lists(
    st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<a href='", "<script>", "</script>", "<!--", "-->",
                     "<br/>", "<table><tr><td>", "</span>", "<![CDATA[", "&amp", "&#x", "<", ">", "\""]),
    max_size=40), body=st.integers(min_value=1, max_value=6))
def test_malformed_html(analyzer, stats, cut, tags, body):
    page = ("<!DOCTYPE html><html><head><title>Budget vote</title></head><body><article><h1>Budget vote</h1>"
            + "".join(f"<p>{ENGLISH}</p>" for _ in range(body)) + "".join(tags) + "</article></body></html>")
    analyse(analyzer, page[:len(page) - cut].encode("utf-8"), stats)


@FUZZ
@given(marks=st.lists(st.tuples(st.integers(min_value=0, max_value=len(ENGLISH)),
                                st.text(alphabet=CONTROLS, min_size=1, max_size=3)), max_size=30))
def test_invisible_and_bidi_controls(analyzer, stats, marks):
    text = ENGLISH
    for at, ctl in sorted(marks, reverse=True):
        text = text[:at] + ctl + text[at:]
    result = analyse(analyzer, text.encode("utf-8"), stats)
    assert isinstance(result, Record)


@FUZZ
@given(pieces=st.lists(st.tuples(st.integers(min_value=0, max_value=len(ENGLISH)),
                                 st.text(alphabet="éèàçñüöÉ£°±§«»", min_size=1, max_size=4)), max_size=10))
def test_mixed_utf8_and_latin1(analyzer, stats, pieces):
    data = ENGLISH.encode("utf-8")
    for at, word in sorted(pieces, reverse=True):
        data = data[:at] + word.encode("latin-1") + data[at:]
    analyse(analyzer, data + b" " + ("Caf\u00e9 owners said the na\u00efve plan " * 3).encode("utf-8"), stats)


@FUZZ
@given(text=st.text(alphabet=st.sampled_from(list("!?.,;:—–-…\"'“”‘’«»()[]{}*#@%&/\\|_~^`+=<>")), max_size=3000))
def test_only_punctuation(analyzer, stats, text):
    result = analyse(analyzer, text.encode("utf-8"), stats)
    # nothing to say without words: refused, or an empty record
    assert isinstance(result, Failure) or not (result.statements or result.events)


@FUZZ
@given(text=st.text(alphabet=st.sampled_from(["\n", "\r", " ", "\t", "\f", "\u00a0", "\u2028", "\u3000"]),
                    max_size=5000))
def test_empty_lines_only(analyzer, stats, text):
    result = analyse(analyzer, text.encode("utf-8"), stats)
    assert isinstance(result, Failure) and result.code in {"E001", "E007"}


@FUZZ
@given(text=st.text(max_size=2000))
def test_random_unicode_text(analyzer, stats, text):
    analyse(analyzer, (ENGLISH + "\n\n" + text).encode("utf-8", "surrogatepass"), stats)


def test_deeply_nested_divs(analyzer, stats):
    page = ("<html><body>" + "<div>" * 50_000 + f"<p>{ENGLISH}</p>" + "</div>" * 50_000 + "</body></html>")
    analyse(analyzer, page.encode(), stats)
    analyse(analyzer, ("<html><body>" + "<div><span>" * 50_000 + ENGLISH).encode(), stats)  # never closed


def test_nul_bytes(analyzer, stats):
    result = analyse(analyzer, (ENGLISH + "\x00" + ENGLISH).encode(), stats)
    assert isinstance(result, Failure) and result.code == "E002"


def test_ten_thousand_quotation_marks(analyzer, stats):
    text = " ".join(f"“{w}”" if i % 2 else f"\"{w}\"" for i, w in enumerate((ENGLISH.split() * 200)[:5_000]))
    assert text.count("“") + text.count("\"") >= 5_000 and len(text) > 10_000
    analyse(analyzer, text.encode(), stats, limit=10)


def test_long_single_line(analyzer, stats):
    line = " ".join([ENGLISH] * 400)   # ~100,000 characters, no line break
    result = analyse(analyzer, line.encode(), stats, limit=10)
    assert isinstance(result, Record) and "\n" not in result.article.text


def test_long_token(analyzer, stats):
    result = analyse(analyzer, (ENGLISH + " " + "x" * 1_000_000 + " " + ENGLISH).encode(), stats, limit=10)
    assert isinstance(result, Record)


@pytest.mark.parametrize("word", ["\u05d4\u05de\u05de\u05e9\u05dc\u05d4", "\u0627\u0644\u062d\u0643\u0648\u0645\u0629"])
def test_right_to_left_words_inside_english(analyzer, stats, word):
    text = ENGLISH.replace("the government", f"the government ({word})")
    assert isinstance(analyse(analyzer, text.encode(), stats), Record)


def test_fifty_megabytes_refused_by_default(analyzer, stats):
    data = _big_page(50 * MIB)
    before = max_rss_mib()
    result = analyse(analyzer, data, stats, limit=20)
    assert isinstance(result, Failure) and result.code == "E004"
    assert max_rss_mib() - before < 1536


def test_fifty_megabytes_with_raised_cap_refused_in_bounded_time(stats):
    # the byte cap raised: the character cap (E009) refuses the page before HTML parsing starts
    analyzer = Analyzer(Settings(ingest=IngestSettings(max_bytes=60 * MIB)))
    data = _big_page(50 * MIB)
    before = max_rss_mib()
    result = analyse(analyzer, data, stats, limit=20)
    assert isinstance(result, Failure) and result.code == "E009"
    assert "max_chars" in result.message
    assert max_rss_mib() - before < 1536


def _big_page(size: int) -> bytes:
    para = f"<p>{ENGLISH}</p>\n".encode()
    head, tail = b"<html><head><title>Budget</title></head><body><article>", b"</article></body></html>"
    return head + para * ((size - len(head) - len(tail)) // len(para) + 1) + tail


def test_long_unpunctuated_sentence(analyzer, stats):
    # regression: actors/resolve.py walked token.subtree for every noun, quadratic or worse on one
    # long sentence ("word " * 2,000 took ~10 s, 400,000 words ran 7 min and segfaulted)
    analyse(analyzer, ("word " * 2_000).encode(), stats, limit=3)
    # 20,000 words: about 4 s on 2 cores, nearly all of it spaCy's parse (the stages after it:
    # tests/reliability/test_long_sentences.py)
    result = analyse(analyzer, ("word " * 20_000).encode(), stats, limit=15)
    assert isinstance(result, Record) and len(result.article.text) == 100_000 - 1


def test_no_actor_without_letters(analyzer, stats):
    # regression: NER's PERSON on a run of punctuation became a named person actor ('|<:::::::::(^')
    # (tests/actors/test_actor_names.py gives the resolver such a span directly)
    result = analyse(analyzer, "\"\" |<:::::::::(^ ...........".encode(), stats)
    assert isinstance(result, Failure) or all(any(c.isalpha() for c in a.name) for a in result.actors)


def test_run_of_quotation_marks(analyzer, stats):
    # regression: spaCy's tokenizer stripped the marks one by one, copying the rest of the run
    # each time: 7,000 took ~7 s, 10,000 ~14 s (now nlp/tokenizer.py: ~1.5 s, nearly all parsing;
    # tokenization alone: tests/nlp/test_tokenizer.py)
    start = time.monotonic()
    with time_limit(30):
        result = list(analyzer.run([Source(name="quotes", data=("\"" * 7_000 + ENGLISH).encode())]))[0]
    assert time.monotonic() - start < 3
    assert isinstance(result, Record) and result.article.text.startswith("\"" * 7_000)
    result.check_offsets()


def test_regression_long_token_contact_scan_is_linear():
    # bylines._EMAIL was tried from every position of a long token: 200,000 "x" took 73 s in cleaning
    from onrecord.ingest import read_input
    start = time.monotonic()
    article = read_input((ENGLISH + " " + "x" * 1_000_000).encode(), source="t", settings=IngestSettings())
    assert time.monotonic() - start < 3 and article.text.endswith("x" * 1000)
