"""Article-extraction metric and the benchmark run (onrecord must not score below trafilatura)."""
import json

import pytest

from conftest import SHARED, needs_shared
from onrecord.eval.extraction import evaluate_extraction, page_scores, shingles
from onrecord.ingest import read_input
from onrecord.settings import IngestSettings


def test_shingles_are_word_4grams():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("too short") == {}


def test_page_scores_normalise_per_page():
    assert page_scores("one two three four five", "one two three four five") == (1.0, 1.0)
    p, r = page_scores("one two three four", "one two three four five six")
    assert p == 1.0 and r == pytest.approx(1 / 3)
    assert page_scores("", "") == (1.0, 1.0)
    assert page_scores("", "one two three four") == (0.0, 0.0)


@needs_shared
def test_onrecord_is_not_below_trafilatura_on_the_benchmark():
    settings = IngestSettings(check_language=False)   # 18 of the 181 pages are not English
    report = evaluate_extraction(SHARED / "bench/article-extraction",
                                 lambda html, key: read_input(html, source=f"{key}.html", settings=settings).text)
    ours, theirs = report.get("onrecord"), report.get("trafilatura")
    assert len(ours.precision) == 181
    print(json.dumps(report.to_dict()))
    assert ours.f1 >= theirs.f1
    assert ours.f1 >= 0.96       # measured 0.966 (docs/QUALITY.md)
