"""API fixtures: one store of examples/corpus (plus the seed when ../shared is present), built once."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
SEED = ROOT.parent / "shared" / "seed" / "000_f550be25ed6773a1.txt"


@pytest.fixture(scope="session")
def api_db(analyzer, settings, tmp_path_factory) -> Path:
    """A store file holding the example corpus (and the seed), with threads not yet built."""
    from onrecord.pipeline import sources_from_paths
    from onrecord.store import Store, ingest

    path = tmp_path_factory.mktemp("api") / "corpus.duckdb"
    articles = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    inputs = [str(p) for p in articles] + ([str(SEED)] if SEED.is_file() else [])
    with Store.open(path, settings.store) as store:
        report = ingest(analyzer, sources_from_paths(inputs, settings), store)
    assert not report.failures
    return path


@pytest.fixture(scope="session")
def client(api_db, settings, tmp_path_factory):
    """A TestClient over a copy of the store (startup builds its threads)."""
    from fastapi.testclient import TestClient

    from onrecord.api import create_app

    db = tmp_path_factory.mktemp("api-client") / "store.duckdb"
    shutil.copy(api_db, db)
    with TestClient(create_app(unlimited(settings), db)) as c:
        yield c


def unlimited(settings):
    """settings without the per-client rate limit: these tests send hundreds of requests at once
    (test_limits.py tests the limit itself)."""
    from dataclasses import replace

    return replace(settings, api=replace(settings.api, rate_limit=0.0))
