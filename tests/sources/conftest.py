"""A small news site served on 127.0.0.1 by the test itself: articles, feeds, sitemaps, robots.txt and traps."""
from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from onrecord.settings import SourcesSettings

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = {"/news/harbour.html": "harbour.html", "/news/council.html": "council.html",
            "/news/rail.html": "rail.html"}
PUBLISHED = {"/news/harbour.html": "Mon, 04 Mar 2024 09:30:00 +0000",
             "/news/council.html": "Tue, 05 Mar 2024 14:00:00 +0000",
             "/news/rail.html": "Wed, 06 Mar 2024 07:45:00 +0000"}
ISO = {"/news/harbour.html": "2024-03-04T09:30:00Z", "/news/council.html": "2024-03-05T14:00:00Z",
       "/news/rail.html": "2024-03-06T07:45:00Z"}
BIG = 300_000                  # bytes of the oversized pages, over the 100,000-byte cap the tests set

Reply = tuple[int, dict[str, str], bytes]


class NewsSite:
    """Routes of the test site, and how often each path was requested."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.request_headers: dict[str, str] = {}    # of the last request (routes may answer by them)
        self.feed_version = 1                        # /feed-etag.rss: bump to change the feed
        self.base = ""
        self.routes: dict[str, Callable[[dict[str, list[str]]], Reply]] = {}
        for path, name in ARTICLES.items():
            self.routes[path] = _page((FIXTURES / name).read_bytes())
        self.routes.update({
            "/robots.txt": lambda q: _text(b"User-agent: *\nDisallow: /private/\n"),
            "/private/memo.html": _page((FIXTURES / "rail.html").read_bytes()),
            "/feed.rss": lambda q: (200, {"Content-Type": "application/rss+xml; charset=utf-8"}, self.rss()),
            "/feed.atom": lambda q: (200, {"Content-Type": "application/atom+xml"}, self.atom()),
            "/sitemap.xml": lambda q: (200, {"Content-Type": "application/xml"}, self.sitemap()),
            "/sitemap-index.xml": lambda q: (200, {"Content-Type": "application/xml"}, self.sitemap_index()),
            "/redirect/a": lambda q: (302, {"Location": "/redirect/b"}, b""),
            "/redirect/b": lambda q: (301, {"Location": f"{self.base}/news/harbour.html"}, b""),
            "/flaky": self._flaky,
            "/down": lambda q: (503, {"Retry-After": "0"}, b"busy"),
            "/missing": lambda q: (404, {}, b"not here"),
            "/big.html": lambda q: _page(b"<p>" + b"x" * BIG + b"</p>")(q),
            "/big-stream.html": lambda q: (200, {"Content-Type": "text/html", "X-No-Length": "1"},
                                           b"<p>" + b"y" * BIG + b"</p>"),
            "/latin1.html": lambda q: (200, {"Content-Type": "text/html; charset=iso-8859-1"},
                                       "<p>Caf\u00e9 na\u00efve \u00a35</p>".encode("latin-1")),
            "/to": lambda q: (302, {"Location": q["target"][0]}, b""),
            "/feed-etag.rss": self._conditional_feed,
        })
        for n in range(10):
            self.routes[f"/loop/{n}"] = (lambda n: lambda q: (302, {"Location": f"/loop/{n + 1}"}, b""))(n)

    def url(self, path: str) -> str:
        return self.base + path

    def _conditional_feed(self, query: dict[str, list[str]]) -> Reply:
        # an RSS feed with validators: 304 when the client's If-None-Match is the current version
        etag = f'"v{self.feed_version}"'
        if self.request_headers.get("if-none-match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag,
                     "Last-Modified": "Wed, 06 Mar 2024 08:00:00 GMT"}, self.rss()

    def _flaky(self, query: dict[str, list[str]]) -> Reply:
        # the first request fails, later ones succeed (counted before the route runs)
        if self.hits["/flaky"] == 1:
            return 500, {}, b"try again"
        return _page((FIXTURES / "council.html").read_bytes())(query)

    def rss(self) -> bytes:
        items = "".join(f"<item><title>{p}</title><link>{self.url(p)}</link><guid>{self.url(p)}</guid>"
                        f"<pubDate>{PUBLISHED[p]}</pubDate></item>" for p in ARTICLES)
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Coastline Gazette'
                f"</title><link>{self.base}/</link><description>News</description>{items}</channel></rss>").encode()

    def atom(self) -> bytes:
        entries = "".join(f'<entry><title>{p}</title><link rel="alternate" href="{p}"/><id>tag:test,{p}</id>'
                          f"<updated>{ISO[p]}</updated><published>{ISO[p]}</published></entry>" for p in ARTICLES)
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
                f'xml:base="{self.base}/"><title>Coastline Gazette</title><id>tag:test,feed</id>'
                f"<updated>2024-03-06T07:45:00Z</updated>{entries}</feed>").encode()

    def sitemap(self) -> bytes:
        urls = "".join(f"<url><loc>{self.url(p)}</loc><news:news><news:publication><news:name>Coastline Gazette"
                       f"</news:name><news:language>en</news:language></news:publication><news:publication_date>"
                       f"{ISO[p].replace('Z', '+01:00')}</news:publication_date><news:title>{p}</news:title>"
                       f"</news:news></url>" for p in ARTICLES)
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode()

    def sitemap_index(self) -> bytes:
        return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9"><sitemap><loc>{self.url("/sitemap.xml")}</loc></sitemap></sitemapindex>').encode()


def _page(body: bytes) -> Callable[[dict[str, list[str]]], Reply]:
    return lambda q: (200, {"Content-Type": "text/html; charset=utf-8"}, body)


def _text(body: bytes) -> Reply:
    return 200, {"Content-Type": "text/plain"}, body


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            parts = urlsplit(self.path)
            with site.lock:
                site.hits[parts.path] += 1
                site.request_headers = {k.lower(): v for k, v in self.headers.items()}
            route = site.routes.get(parts.path)
            status, headers, body = route(parse_qs(parts.query)) if route else (404, {}, b"no route")
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if "X-No-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass   # the client stopped reading (the size cap): expected

        def log_message(self, format: str, *args: object) -> None:
            pass   # keep test output quiet

    return Handler


@pytest.fixture
def site() -> Iterator[NewsSite]:
    """The news site on 127.0.0.1 (a free port), for one test."""
    news = NewsSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(news))
    news.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield news
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def sources_settings() -> SourcesSettings:
    """Settings for the local site: private addresses allowed, no waiting, a 100,000-byte cap."""
    return SourcesSettings(host_interval=0, backoff=0, retries=2, max_bytes=100_000, allow_private=True)
