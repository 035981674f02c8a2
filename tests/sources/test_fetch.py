"""Fetching from the local news site: provenance, robots.txt, redirects, retries, the size cap, charsets."""
from __future__ import annotations

import hashlib
import socket
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from onrecord.errors import SourceError
from onrecord.sources import Fetcher
from onrecord.sources.robots import HostThrottle, RobotsCache

from .conftest import FIXTURES


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def fetcher(sources_settings, sleeps):
    with Fetcher(replace(sources_settings, backoff=0.5), sleep=sleeps.append) as f:
        yield f


def test_fetch_article_keeps_provenance(site, fetcher):
    fetched = fetcher.fetch(site.url("/news/harbour.html"))
    body = (FIXTURES / "harbour.html").read_bytes()
    assert fetched.data == body and fetched.status == 200 and fetched.charset == "utf-8"
    provenance = fetched.provenance()
    assert provenance.url == site.url("/news/harbour.html")
    assert provenance.status == 200
    assert provenance.content_hash == hashlib.sha256(body).hexdigest()
    when = datetime.strptime(provenance.fetched, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert abs((datetime.now(timezone.utc) - when).total_seconds()) < 60
    source = fetched.source(published="2024-03-04")
    assert (source.source.name, source.source.data, source.source.published) == (
        site.url("/news/harbour.html"), body, "2024-03-04")


def test_fetch_robots_disallowed_path_is_not_requested(site, fetcher):
    with pytest.raises(SourceError) as info:
        fetcher.fetch(site.url("/private/memo.html"))
    assert info.value.code == "E084" and info.value.permanent
    assert f"disallowed by {site.url('/robots.txt')}" in info.value.reason
    fetcher.fetch(site.url("/news/rail.html"))
    assert site.hits["/private/memo.html"] == 0
    assert site.hits["/robots.txt"] == 1          # fetched once per origin, then cached


def test_fetch_follows_redirect_chain(site, fetcher):
    fetched = fetcher.fetch(site.url("/redirect/a"))
    assert fetched.url == site.url("/news/harbour.html")
    assert fetched.requested == site.url("/redirect/a")
    assert [site.hits[p] for p in ("/redirect/a", "/redirect/b", "/news/harbour.html")] == [1, 1, 1]


def test_fetch_stops_after_five_redirects(site, fetcher):
    with pytest.raises(SourceError) as info:
        fetcher.fetch(site.url("/loop/0"))
    assert info.value.code == "E085"
    assert info.value.reason == f"more than 5 redirects (last to {site.url('/loop/6')})"
    assert site.hits["/loop/5"] == 1 and site.hits["/loop/6"] == 0


def test_fetch_retries_a_500_then_succeeds(site, fetcher, sleeps):
    fetched = fetcher.fetch(site.url("/flaky"))
    assert fetched.status == 200 and fetched.data == (FIXTURES / "council.html").read_bytes()
    assert site.hits["/flaky"] == 2
    assert sleeps == [0.5]


def test_fetch_gives_up_after_bounded_retries_with_backoff(site, fetcher, sleeps):
    with pytest.raises(SourceError) as info:
        fetcher.fetch(site.url("/down"))
    assert info.value.code == "E082" and info.value.reason == "HTTP 503 Service Unavailable"
    assert info.value.permanent is False
    assert site.hits["/down"] == 3                # one attempt and two retries
    assert sleeps == [0.5, 1.0]                   # exponential backoff


def test_fetch_404_is_not_retried(site, fetcher, sleeps):
    with pytest.raises(SourceError) as info:
        fetcher.fetch(site.url("/missing"))
    assert (info.value.code, info.value.reason, info.value.permanent) == ("E082", "HTTP 404 Not Found", True)
    assert site.hits["/missing"] == 1 and sleeps == []


@pytest.mark.parametrize("path", ["/big.html", "/big-stream.html"])   # with and without Content-Length
def test_fetch_refuses_oversized_response(site, fetcher, path):
    with pytest.raises(SourceError) as info:
        fetcher.fetch(site.url(path))
    assert info.value.code == "E083"
    assert "over the cap of 100,000 bytes" in info.value.reason


def test_fetch_unreachable_port_is_retried_then_transient(sources_settings, sleeps):
    with socket.socket() as s:   # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Fetcher(replace(sources_settings, backoff=0.25), sleep=sleeps.append) as fetcher:
        with pytest.raises(SourceError) as info:
            fetcher.fetch(f"http://127.0.0.1:{port}/news.html")
    # robots.txt is unreachable: RFC 9309 says disallow the whole origin until it can be read
    assert info.value.code == "E084" and info.value.permanent is False
    assert "(unreadable, so all is disallowed for now: cannot fetch: ConnectError" in info.value.reason
    assert sleeps == [0.25, 0.5]


def test_fetch_declared_charset_transcodes_to_utf8(site, fetcher):
    fetched = fetcher.fetch(site.url("/latin1.html"))
    assert fetched.charset == "iso8859-1"
    assert fetched.data == "<p>Caf\u00e9 na\u00efve \u00a35</p>".encode("latin-1")
    assert fetched.source().source.data == "<p>Caf\u00e9 na\u00efve \u00a35</p>".encode("utf-8")
    assert fetched.source().charset == "iso8859-1"


def test_host_throttle_spaces_requests_per_host():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    throttle = HostThrottle(2.0, clock=lambda: now[0], sleep=sleep)
    throttle.wait("a.test")
    throttle.wait("b.test")       # another host: no wait
    now[0] += 0.5
    throttle.wait("a.test")       # 0.5 s after the last request to a.test: wait the other 1.5 s
    throttle.wait("a.test", 3.0)  # a Crawl-delay longer than the interval wins
    assert slept == [1.5, 3.0]


@pytest.mark.parametrize("status,body,allowed", [
    (200, b"User-agent: *\nDisallow: /private/\n", True),
    (200, b"User-agent: *\nDisallow: /news/\n", False),
    (404, b"", True),        # no robots.txt: everything allowed
    (503, b"", False),       # unreachable: the origin is disallowed for now
])
def test_robots_status_handling(status, body, allowed):
    robots = RobotsCache("onrecord/0.1", lambda url: (status, body), clock=lambda: 0.0)
    if allowed:
        robots.check("https://site.test/news/a.html")
    else:
        with pytest.raises(SourceError) as info:
            robots.check("https://site.test/news/a.html")
        assert info.value.code == "E084"


def test_robots_cached_per_origin_then_refreshed():
    loads: list[str] = []
    now = [0.0]

    def load(url: str) -> tuple[int, bytes]:
        loads.append(url)
        return 200, b"User-agent: *\nDisallow: /private/\n"

    robots = RobotsCache("onrecord/0.1", load, clock=lambda: now[0])
    robots.check("https://site.test/news/a.html")
    robots.check("https://site.test/news/b.html")
    robots.check("https://other.test/news/c.html")
    now[0] += 7200           # past the cache lifetime: loaded again
    robots.check("https://site.test/news/a.html")
    assert loads == ["https://site.test/robots.txt", "https://other.test/robots.txt", "https://site.test/robots.txt"]


def test_robots_crawl_delay_and_agent_groups():
    text = (b"User-agent: onrecord\nCrawl-delay: 4\nDisallow: /archive/\n\n"
            b"User-agent: *\nDisallow: /\n")
    robots = RobotsCache("onrecord/0.1 (news)", lambda url: (200, text), clock=lambda: 0.0)
    robots.check("https://site.test/news/today.html")
    with pytest.raises(SourceError) as info:
        robots.check("https://site.test/archive/1999.html")
    assert info.value.code == "E084"
    assert robots.crawl_delay("https://site.test/news/today.html") == 4.0
