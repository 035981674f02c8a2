"""Security: injection strings in every filter, path traversal under /static, headers, sizes, methods."""
from __future__ import annotations

import pytest

from onrecord.api.headers import CSP

INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE articles; --", "\" OR \"\"=\"", "%' OR '1'='1",
              "1); DELETE FROM statements; --", "\\", "_%", "RUS' UNION SELECT * FROM articles --"]
FILTERS = {"/api/articles": ["q"],
           "/api/statements": ["speaker_country", "speaker_code", "polarity", "cue", "date_from", "date_to", "q",
                               "article_id"],
           "/api/events": ["type", "actor_country", "recipient_country", "date_from", "date_to", "article_id"],
           "/api/actors": ["q", "country"], "/api/threads": ["status", "q"], "/api/network": ["types", "min_count"]}


def test_injection_strings_are_answered_and_harmless(client):
    before = client.get("/api/stats").json()
    for url, names in FILTERS.items():
        for name in names:
            for value in INJECTIONS:
                r = client.get(url, params={name: value})
                assert r.status_code in (200, 422), (url, name, value, r.status_code)
                if r.status_code == 200 and "items" in r.json():
                    assert r.json()["total"] == 0, (url, name, value)
    for value in INJECTIONS:
        assert client.get(f"/api/articles/{value}").status_code in (404, 422)
    assert client.get("/api/stats").json() == before


@pytest.mark.parametrize("path", ["/static/../api/app.py", "/static/%2e%2e/api/app.py", "/static/..%2fapi%2fapp.py",
                                  "/static/%2e%2e%2f%2e%2e%2fapi%2fapp.py", "/static/../../api/app.py",
                                  "/static/..%5c..%5capi%5capp.py", "/static/%252e%252e/api/app.py",
                                  "/static//etc/passwd"])
def test_static_refuses_traversal(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "create_app" not in r.text and "root:" not in r.text


def test_security_headers_on_api_and_errors(client):
    for url in ("/api/stats", "/api/nothing", "/api/statements?limit=9999"):
        h = client.get(url).headers
        assert h["content-security-policy"] == CSP
        assert (h["x-content-type-options"], h["referrer-policy"]) == ("nosniff", "no-referrer")


def test_oversized_request_is_413(client):
    r = client.get("/api/statements", params={"q": "x" * 9000})
    assert r.status_code == 413 and r.json()["code"] == "E072"


def test_writes_are_refused(client):
    r = client.post("/api/statements", json={})
    assert r.status_code == 405 and r.json()["code"] == "E076"


def test_web_app_is_served_when_installed(client):
    from onrecord.api.routes.web import STATIC

    index = STATIC / "index.html"
    if not index.is_file():
        r = client.get("/")
        assert r.status_code == 404 and r.json()["code"] == "E074"
        return
    r = client.get("/")
    assert r.status_code == 200 and r.text == index.read_text(encoding="utf-8")
    assert r.headers["content-security-policy"] == CSP
    assert client.get("/static/index.html").status_code == 200
