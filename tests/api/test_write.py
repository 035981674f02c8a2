"""POST /api/articles: the server's writer, its token, its caps, and the refresh of the read model."""
from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "examples" / "articles" / "nk-russia-followup.txt"


def _app_client(api_db, settings, tmp_path, client=("testclient", 50000), **api):
    from fastapi.testclient import TestClient

    from onrecord.api import create_app

    db = tmp_path / "store.duckdb"
    shutil.copy(api_db, db)
    s = replace(settings, api=replace(settings.api, **{"rate_limit": 0.0, "refresh_delay": 0.05, **api}))
    return TestClient(create_app(s, db), client=client)


def _wait_refreshed(c, generation: int, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = c.get("/api/status").json()
        if status["generation"] >= generation and not status["refresh_pending"]:
            return status
        time.sleep(0.05)
    raise AssertionError(f"read model not refreshed: {status}")


def test_post_stores_the_article_and_the_lists_follow(api_db, settings, tmp_path):
    with _app_client(api_db, settings, tmp_path) as c:
        before = c.get("/api/stats").json()
        assert c.get("/api/status").json()["generation"] == 1
        data = (FIXTURES / "articles").glob("*.txt").__next__().read_bytes()
        r = c.post("/api/articles", params={"name": "fixture.txt", "url": "https://example.org/a"}, content=data)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["status"] == "added" and body["statements"] > 0
        record = c.get(f"/api/articles/{body['id']}").json()          # the store has it at once
        assert record["article"]["source"] == "fixture.txt"
        assert record["article"]["provenance"]["url"] == "https://example.org/a"
        _wait_refreshed(c, 2)
        after = c.get("/api/stats").json()
        assert after["articles"] == before["articles"] + 1
        assert after["statements"] == before["statements"] + body["statements"]
        listed = c.get("/api/statements", params={"article_id": body["id"], "limit": 500}).json()
        assert listed["total"] == body["statements"]
        again = c.post("/api/articles", params={"name": "again.txt"}, content=data)
        assert again.status_code == 200 and again.json()["status"] == "duplicate"
        assert c.get("/api/stats").json()["articles"] == after["articles"]


def test_bad_article_is_a_coded_422_and_the_store_is_unchanged(api_db, settings, tmp_path):
    with _app_client(api_db, settings, tmp_path) as c:
        before = c.get("/api/stats").json()
        r = c.post("/api/articles", params={"name": "bad.bin"}, content=b"\x00\x01\x02 binary \xff" * 50)
        assert r.status_code == 422 and r.json()["code"] == "E002" and r.json()["source"] == "bad.bin"
        r = c.post("/api/articles", content=b"   ")
        assert r.status_code == 422 and r.json()["code"] == "E070"
        r = c.post("/api/articles", params={"url": "javascript:alert(1)"}, content=b"text")
        assert r.status_code == 422
        status = c.get("/api/status").json()
        assert status["added"] == 0 and status["generation"] == 1
        assert c.get("/api/stats").json() == before


def test_upload_cap(api_db, settings, tmp_path):
    with _app_client(api_db, settings, tmp_path, max_upload_bytes=50_000) as c:
        r = c.post("/api/articles", content=b"word " * 20_000)
        assert r.status_code == 413 and r.json()["code"] == "E072" and "max_upload_bytes" in r.json()["message"]

        def chunks():              # no Content-Length: the body is counted as it arrives
            for _ in range(20):
                yield b"word " * 1000
        r = c.post("/api/articles", content=chunks())
        assert r.status_code == 413 and r.json()["code"] == "E072"
        # a GET keeps the small cap
        assert c.get("/api/articles", params={"q": "x" * 9000}).status_code == 413


def test_token_protects_writes(api_db, settings, tmp_path):
    with _app_client(api_db, settings, tmp_path, token="s3cret-token") as c:
        data = ARTICLE.read_bytes()
        r = c.post("/api/articles", content=data)
        assert r.status_code == 401 and r.json()["code"] == "E077"
        assert r.headers["www-authenticate"].startswith("Bearer")
        r = c.post("/api/articles", content=data, headers={"authorization": "Bearer wrong"})
        assert r.status_code == 401
        r = c.post("/api/articles", content=data, headers={"authorization": "Bearer s3cret-token"})
        assert r.status_code in (200, 201) and r.json()["id"]
        assert c.get("/api/stats").status_code == 200        # reads need no token


def test_writes_from_another_machine_need_a_token(api_db, settings, tmp_path):
    with _app_client(api_db, settings, tmp_path, client=("203.0.113.9", 40000)) as c:
        r = c.post("/api/articles", content=ARTICLE.read_bytes())
        assert r.status_code == 403 and r.json()["code"] == "E078" and "203.0.113.9" in r.json()["message"]
        assert c.get("/api/stats").status_code == 200
    (tmp_path / "t").mkdir()
    with _app_client(api_db, settings, tmp_path / "t", client=("203.0.113.9", 40000), token="tok") as c:
        r = c.post("/api/articles", content=ARTICLE.read_bytes(), headers={"authorization": "Bearer tok"})
        assert r.status_code in (200, 201)


@pytest.fixture
def served(api_db, tmp_path):
    """`onrecord serve` on a copy of the corpus store, on 127.0.0.1 and a free port."""
    from tests.api.test_serve import running_server

    db = tmp_path / "served.duckdb"
    shutil.copy(api_db, db)
    with running_server(db, ONRECORD_API__REFRESH_DELAY="0.2") as base:
        yield base, db


def test_ingest_through_the_server_while_it_serves(served, tmp_path):
    """`onrecord ingest --db` cannot open a served store (one writer); `--server` adds through the server."""
    import subprocess

    import httpx

    from tests.api.test_serve import ONRECORD

    base, db = served
    blocked = subprocess.run([ONRECORD, "ingest", str(ARTICLE), "--db", str(db)], capture_output=True, text=True)
    assert blocked.returncode == 1 and "E032" in blocked.stderr and "--server" in blocked.stderr.replace("\n", " ")
    before = httpx.get(base + "/api/stats").json()
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\x00\x00 binary")
    inputs = sorted(str(p) for p in (FIXTURES / "articles").iterdir())[:3] + [str(bad)]
    r = subprocess.run([ONRECORD, "ingest", "--server", base, *inputs], capture_output=True, text=True,
                       env={**__import__("os").environ, "COLUMNS": "200"})
    assert r.returncode == 1, r.stderr                   # one input failed: reported, the others stored
    assert "bad.html" in r.stderr and "E002" in r.stderr
    deadline = time.monotonic() + 120
    while httpx.get(base + "/api/status").json()["refresh_pending"] and time.monotonic() < deadline:
        time.sleep(0.2)
    after = httpx.get(base + "/api/stats").json()
    assert after["articles"] == before["articles"] + 3


def test_a_replaced_read_model_is_freed(api_db, settings, tmp_path):
    """The server freezes the collector; a read model replaced by a refresh must still be freed."""
    import weakref

    with _app_client(api_db, settings, tmp_path) as c:
        old = [weakref.ref(c.app.state.views), weakref.ref(c.app.state.views.cat)]
        c.get("/api/statements", params={"q": "said"})     # fill a cache (it holds the views weakly)
        data = sorted((FIXTURES / "articles").glob("*.txt"))[-1].read_bytes()
        assert c.post("/api/articles", content=data).status_code == 201
        _wait_refreshed(c, 2)
        assert c.app.state.views is not old[0]()
        assert all(ref() is None for ref in old)


def test_refreshes_racing_writes_stay_consistent(api_db, settings, tmp_path):
    """Writes land while refreshes read (refresh_delay 0): each refresh reads one snapshot, none
    fails, and the last read model counts every stored article and threads each statement once."""
    from concurrent.futures import wait

    from onrecord.pipeline import Source

    with _app_client(api_db, settings, tmp_path, refresh_delay=0.0) as c:
        writer = c.app.state.writer
        base = [p.read_bytes() for p in sorted((FIXTURES / "articles").iterdir())]
        sources = [Source(name=f"race-{i}.txt", data=base[i % len(base)] + f"\n\nUpdate {i}: the talks resume on "
                          f"day {i}, officials said.\n".encode()) for i in range(16)]
        futures = []
        for s in sources:
            futures.append(writer.submit(s))
            time.sleep(0.05)
        wait(futures)
        assert all(f.exception() is None for f in futures)
        deadline = time.monotonic() + 120
        while (status := c.get("/api/status").json())["refresh_pending"] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert status["refresh_failures"] == 0 and status["generation"] >= 2
        stats = c.get("/api/stats").json()
        with c.app.state.store.conn.cursor() as cur:
            stored = cur.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert stats["articles"] == stored
        members: list[tuple[str, str]] = []
        for t in c.get("/api/threads", params={"limit": 500}).json()["items"]:
            members += [(m["article_id"], m["statement_id"]) for m in c.get(f"/api/threads/{t['id']}").json()["timeline"]]
        assert len(members) == len(set(members))
