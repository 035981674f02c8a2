"""Polite, guarded HTTP fetching: robots.txt, per-host spacing, retries, a size cap, vetted redirects.

Every hop of a redirect chain is resolved and vetted by the SSRF guard, and the connection is
made to the vetted address itself (the Host header and TLS SNI keep the name), so a name that
resolves differently a moment later (DNS rebinding) cannot redirect the request.
"""
from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import NamedTuple
from urllib.parse import urljoin

import httpx

from ..errors import SourceError
from ..model import Provenance
from ..settings import SourcesSettings
from .guard import Resolver, check_url, split_url
from .items import FetchedSource, content_hash, declared_charset, fetched_source
from .robots import ROBOTS_MAX_BYTES, HostThrottle, RobotsCache

log = logging.getLogger(__name__)

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
           "text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")


class _Reply(NamedTuple):
    status: int
    reason: str
    headers: httpx.Headers
    charset: str | None
    body: bytes


@dataclass(frozen=True)
class Fetched:
    """One fetched response body and where it came from."""
    url: str                    # final URL, after redirects
    requested: str              # URL asked for
    status: int
    data: bytes
    content_type: str | None
    charset: str | None         # declared by the Content-Type header or the page itself
    fetched: str                # UTC, ISO 8601, when the response arrived
    content_hash: str           # sha256 of data
    etag: str | None = None     # validators for the next conditional GET of this URL
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional GET: the body is unchanged and not sent again."""
        return self.status == 304

    def provenance(self) -> Provenance:
        """The Provenance of this response (Article.provenance)."""
        return Provenance(url=self.url, fetched=self.fetched, status=self.status, content_hash=self.content_hash)

    def source(self, published: str | None = None) -> FetchedSource:
        """A pipeline Source (named by the final URL) with this response's provenance."""
        return fetched_source(self.url, self.data, self.provenance(), charset=self.charset, published=published)


class Fetcher:
    """An HTTP client that respects robots.txt, spaces requests per host and refuses private addresses."""

    def __init__(self, settings: SourcesSettings, *, resolve: Resolver = socket.getaddrinfo,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.resolve = resolve
        self.sleep = sleep
        self.requests = 0       # HTTP requests sent, robots.txt and retries included
        timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
        # No proxies from the environment (they would bypass the guard); no kept-alive connections,
        # since one is keyed by address and a reused TLS session would carry another host's SNI.
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                                   limits=httpx.Limits(max_keepalive_connections=0),
                                   headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT})
        self.throttle = HostThrottle(settings.host_interval, clock, sleep)
        self.robots = RobotsCache(settings.user_agent, self._load_robots, clock)

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client."""
        self.client.close()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The 2xx response body of url; SourceError E080–E086 when refused, unreachable or failing.

        With an etag or last_modified from an earlier response, the GET is conditional
        (If-None-Match, If-Modified-Since): an unchanged resource answers 304, returned as a
        Fetched with `not_modified` and no body.
        """
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        return self._follow(url, robots=True, cap=self.settings.max_bytes, truncate=False, any_status=False,
                            headers=headers)

    def _load_robots(self, robots_url: str) -> tuple[int, bytes]:
        f = self._follow(robots_url, robots=False, cap=ROBOTS_MAX_BYTES, truncate=True, any_status=True)
        return f.status, f.data

    def _follow(self, url: str, *, robots: bool, cap: int, truncate: bool, any_status: bool,
                headers: dict[str, str] | None = None) -> Fetched:
        s = self.settings
        current = url
        for _ in range(s.max_redirects + 1):
            addresses = check_url(current, self.resolve, allow_private=s.allow_private,
                                  allow_networks=s.allow_networks)
            delay = None
            if robots:
                self.robots.check(current)
                delay = self.robots.crawl_delay(current)
            reply = self._get(current, addresses, cap, truncate, delay, headers or {})
            location = reply.headers.get("location")
            if reply.status in REDIRECTS and location:
                log.debug("%s redirects (%d) to %s", current, reply.status, location)
                current = urljoin(current, location.strip())
                continue
            if reply.status == 304 and headers:
                pass                        # not modified since the validators we sent
            elif reply.status >= 300 and not any_status:
                raise SourceError("E082", current, permanent=reply.status not in RETRY_STATUSES,
                                  status=reply.status, detail=f" {reply.reason}".rstrip() + _from(url, current))
            return Fetched(url=current, requested=url, status=reply.status, data=reply.body,
                           content_type=reply.headers.get("content-type"),
                           charset=declared_charset(reply.charset, reply.body), fetched=_now(),
                           content_hash=content_hash(reply.body), etag=reply.headers.get("etag"),
                           last_modified=reply.headers.get("last-modified"))
        raise SourceError("E085", url, limit=s.max_redirects, location=current)

    def _get(self, url: str, addresses: list[str], cap: int, truncate: bool, delay: float | None,
             extra: dict[str, str]) -> _Reply:
        """One GET, retried with exponential backoff on timeouts, refused connections, 429 and 5xx."""
        attempts = 1 + max(0, self.settings.retries)
        host = split_url(url)[1]
        attempt = 0
        while True:
            attempt += 1
            self.throttle.wait(host, delay)
            try:
                reply = self._send(url, addresses, cap, truncate, extra)
            except httpx.TransportError as e:
                if attempt >= attempts:
                    raise SourceError("E081", url, permanent=False, reason=_describe(e), attempts=attempt) from e
                log.info("%s: %s; retrying (%d/%d)", url, _describe(e), attempt, attempts - 1)
                self.sleep(self._backoff(attempt, None))
                continue
            except httpx.HTTPError as e:   # undecodable content encoding and the like: retrying will not help
                raise SourceError("E081", url, reason=_describe(e), attempts=attempt) from e
            if reply.status not in RETRY_STATUSES or attempt >= attempts:
                return reply
            log.info("%s: HTTP %d; retrying (%d/%d)", url, reply.status, attempt, attempts - 1)
            self.sleep(self._backoff(attempt, reply.headers.get("retry-after")))

    def _send(self, url: str, addresses: list[str], cap: int, truncate: bool, extra: dict[str, str]) -> _Reply:
        target = httpx.URL(url)
        headers = {"Host": target.netloc.decode("ascii"), **extra}
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        for i, address in enumerate(addresses):   # getaddrinfo's order; the next one if a connection is refused
            self.requests += 1
            try:
                with self.client.stream("GET", target.copy_with(host=address), headers=headers,
                                        extensions=extensions) as response:
                    body = b"" if response.status_code >= 300 else _read(response, url, cap, truncate)
                    return _Reply(response.status_code, response.reason_phrase, response.headers,
                                  response.charset_encoding, body)
            except httpx.ConnectError:
                if i == len(addresses) - 1:
                    raise
        raise SourceError("E081", url, permanent=False, reason="no address to connect to", attempts=1)

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        s = self.settings
        wait = s.backoff * 2 ** (attempt - 1)
        asked = _retry_after(retry_after)
        return min(s.backoff_max, max(wait, asked or 0.0))


def _read(response: httpx.Response, url: str, cap: int, truncate: bool) -> bytes:
    """The (decompressed) body, read as a stream and refused (E083) past cap bytes, or cut there."""
    length = response.headers.get("content-length", "")
    if not truncate and length.isdigit() and int(length) > cap:
        raise SourceError("E083", url, cap=cap)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            if truncate:
                chunks.append(chunk[:len(chunk) - (size - cap)])
                break
            raise SourceError("E083", url, cap=cap)
        chunks.append(chunk)
    return b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _describe(e: httpx.HTTPError) -> str:
    return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


def _from(requested: str, final: str) -> str:
    return "" if requested == final else f" (redirected from {requested})"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
