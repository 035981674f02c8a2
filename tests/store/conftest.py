"""Store fixtures: records of the small owned articles in tests/store/fixtures (analysed once)."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixture_records(analyzer):
    """Records of the fixture articles, by file stem."""
    from onrecord.pipeline import Source

    out = {}
    for path in sorted(FIXTURES.glob("*.txt")):
        article = analyzer.article(Source(name=str(path), data=path.read_bytes()))
        out[path.stem] = next(analyzer.records([article]))
    return out


@pytest.fixture
def store():
    from onrecord.settings import StoreSettings
    from onrecord.store import Store

    with Store.open(None, StoreSettings()) as s:
        yield s
