"""Offsets are sacred: every span of every record indexes article.text exactly, and records round-trip."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, given, settings as hsettings, strategies as st

from conftest import FIXTURES, ROOT, SHARED, needs_shared
from onrecord.errors import InputError
from onrecord.model import Record
from onrecord.pipeline import Source
from onrecord.record import dumps, record_from_dict

SEED = SHARED / "seed" / "000_f550be25ed6773a1.txt"
INGEST_FIXTURES = ROOT / "tests" / "ingest" / "fixtures"
ARTICLES = sorted((FIXTURES / "articles").glob("*.*")) + (
    sorted(p for p in INGEST_FIXTURES.iterdir() if p.is_file()) if INGEST_FIXTURES.is_dir() else [])


def offset_errors(record: Record) -> list[str]:
    """Every span (and placed repair) whose offsets do not give back its text, described."""
    text = record.article.text
    bad = [f"[{s.start}:{s.end}] {s.text!r} != {text[s.start:s.end]!r}" for s in record.spans()
           if text[s.start:s.end] != s.text or not 0 <= s.start <= s.end <= len(text)]
    bad += [f"repair [{r.start}:{r.end}] {r.after!r} != {text[r.start:r.end]!r}" for r in record.article.repairs
            if r.start >= 0 and text[r.start:r.end] != r.after]
    return bad


def analyze_file(analyzer, path) -> Record:
    article = analyzer.article(Source(name=str(path), data=path.read_bytes()))
    return next(analyzer.records([article]))


@needs_shared
def test_offsets_seed(analyzer):
    record = analyze_file(analyzer, SEED)
    assert len(record.spans()) > 50
    # the seed's "src950s" is repaired to "1950s" in place
    assert any(r.after == "1950s" and r.start >= 0 for r in record.article.repairs)
    assert offset_errors(record) == []


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_offsets_fixture_articles(analyzer, path):
    record = analyze_file(analyzer, path)
    if path.is_relative_to(FIXTURES):
        # the gold-annotated articles all report speech: the check is not vacuous there
        assert len(record.statements) >= 5
    assert offset_errors(record) == []


# a small political-news vocabulary: names, cue verbs, function words, numbers, odd punctuation
WORDS = ("North Korea", "Russia", "Ukraine", "the", "The", "U.S.", "officials", "minister", "Mr.", "Putin",
         "said", "denied", "claimed", "warned", "told", "reporters", "according to", "that", "it", "is",
         "was", "not", "supplying", "weapons", "ammunition", "sanctions", "talks", "troops", "attacked",
         "ceasefire", "300,000", "reservists", "$2.5 billion", "on Tuesday", "Sept. 22", "Kyiv", "—", "-",
         ",", ".", ";", ":", "'s", "’s", "“", "”", '"', "(", ")", "src950s", "Seoul", "Pyongyang", "would")
SEPARATORS = (" ", " ", " ", "", "\n", "\n\n", "  ", " \n")
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=4, max_size=70).map(
    lambda parts: "".join(word + sep for word, sep in parts))


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_offsets_generated_texts(analyzer, analyze_text, text):
    assume(len(text.strip()) >= analyzer.settings.ingest.min_chars)
    try:
        record = analyze_text(text)
    except InputError as e:
        # cleaning may leave less than min_chars (E007); anything else is a real failure
        assume(e.code != "E007")
        raise
    assert offset_errors(record) == []
    assert record_from_dict(record.to_dict()) == record
    assert record_from_dict(json.loads(dumps(record))) == record
