"""Thread fixtures: records of the store's owned fixture articles (analysed once per session)."""
from __future__ import annotations

from pathlib import Path

import pytest

STORE_FIXTURES = Path(__file__).resolve().parents[1] / "store" / "fixtures"


@pytest.fixture(scope="session")
def fixture_records(analyzer):
    """Records of tests/store/fixtures/*.txt, by file stem."""
    from onrecord.pipeline import Source

    out = {}
    for path in sorted(STORE_FIXTURES.glob("*.txt")):
        article = analyzer.article(Source(name=str(path), data=path.read_bytes()))
        out[path.stem] = next(analyzer.records([article]))
    return out
