"""Shared fixtures: one analyzer (real spaCy model) per test session; paths to ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} is absent (it is beside the "
                                  "project in CI; a fresh clone has no ../shared)")


@pytest.fixture(scope="session")
def settings():
    from onrecord.settings import Settings
    return Settings()


@pytest.fixture(scope="session")
def analyzer(settings):
    from onrecord.pipeline import get_analyzer
    return get_analyzer(settings)


@pytest.fixture(scope="session")
def analyze_text(analyzer):
    """Analyse a plain text with cleaning; returns the Record."""
    from onrecord.pipeline import Source

    def run(text: str, published: str | None = "2022-09-22"):
        article = analyzer.article(Source(name="<test>", data=text.encode("utf-8"), published=published))
        return next(analyzer.records([article]))
    return run
