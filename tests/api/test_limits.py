"""Rate limits: token buckets per client, 429 (E079) with Retry-After, reads and writes apart."""
from __future__ import annotations

import shutil
from dataclasses import replace

from onrecord.api.limits import TokenBuckets


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_bucket_allows_a_burst_then_the_rate():
    clock = Clock()
    b = TokenBuckets(rate=2.0, burst=3, clock=clock)
    assert [b.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert b.take("a") == 0.5                       # empty: one token comes in 0.5 s
    assert b.take("b") == 0.0                       # clients are apart
    clock.now = 0.5
    assert b.take("a") == 0.0 and b.take("a") > 0
    clock.now = 100.0
    assert [b.take("a") for _ in range(3)] == [0.0] * 3   # refills to the burst, not beyond
    assert b.take("a") > 0


def test_zero_rate_is_no_limit():
    b = TokenBuckets(rate=0.0, burst=1)
    assert all(b.take("a") == 0.0 for _ in range(1000)) and len(b) == 0


def test_bucket_table_is_bounded():
    clock = Clock()
    b = TokenBuckets(rate=1.0, burst=2, max_clients=100, clock=clock)
    for i in range(10_000):
        clock.now = i * 0.001
        b.take(f"10.0.{i // 256}.{i % 256}")
    assert len(b) <= 100


def test_server_answers_429_with_retry_after(api_db, settings, tmp_path):
    from fastapi.testclient import TestClient

    from onrecord.api import create_app

    db = tmp_path / "store.duckdb"
    shutil.copy(api_db, db)
    s = replace(settings, api=replace(settings.api, rate_limit=0.001, rate_burst=5, write_rate_limit=0.001,
                                      write_burst=1))
    with TestClient(create_app(s, db)) as c:
        codes = [c.get("/api/stats").status_code for _ in range(8)]
        assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}
        r = c.get("/api/stats")
        assert r.json()["code"] == "E079" and int(r.headers["retry-after"]) >= 1
        assert r.headers["content-security-policy"]          # limited answers carry the headers too
        # writes have their own bucket: the first is taken (and refused as empty), the second limited
        assert c.post("/api/articles", content=b" ").status_code == 422
        w = c.post("/api/articles", content=b" ")
        assert w.status_code == 429 and "write_rate_limit" in w.json()["message"]
