"""robots.txt rules per origin (cached, RFC 9309 status handling) and per-host request spacing."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from ..errors import SourceError

log = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 500_000     # RFC 9309: parse at least the first 500 KiB
_FOUND_TTL = 3600.0            # seconds a fetched robots.txt is trusted before it is fetched again
_FAILED_TTL = 600.0            # … and an unreachable one (disallow all) before it is tried again
MAX_CRAWL_DELAY = 60.0         # a larger Crawl-delay is honoured as this: one watch process serves many hosts

# load(robots_url) -> (HTTP status, body); raises SourceError when the origin cannot be reached
RobotsLoader = Callable[[str], tuple[int, bytes]]


@dataclass
class _Entry:
    parser: RobotFileParser
    expires: float
    unreadable: str = ""      # why robots.txt could not be read (then everything is disallowed)


class RobotsCache:
    """The robots.txt rules of each origin, loaded on first use and refreshed after a while."""

    def __init__(self, agent: str, load: RobotsLoader, clock: Callable[[], float]) -> None:
        self.agent = agent
        self.load = load
        self.clock = clock
        self._entries: dict[str, _Entry] = {}

    def check(self, url: str) -> None:
        """Raise SourceError E084 if robots.txt disallows url for our user agent."""
        robots_url = robots_url_of(url)
        entry = self._entry(robots_url)
        if not entry.parser.can_fetch(self.agent, url):
            detail = f" (unreadable, so all is disallowed for now: {entry.unreadable})" if entry.unreadable else ""
            # a robots.txt that could not be read may be readable next time: not a final refusal
            raise SourceError("E084", url, permanent=not entry.unreadable, robots=robots_url, agent=self.agent,
                              detail=detail)

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay robots.txt asks of our user agent on url's origin, if any."""
        delay = self._entry(robots_url_of(url)).parser.crawl_delay(self.agent)
        return min(float(delay), MAX_CRAWL_DELAY) if delay is not None else None

    def _entry(self, robots_url: str) -> _Entry:
        now = self.clock()
        entry = self._entries.get(robots_url)
        if entry is None or entry.expires <= now:
            entry = self._fetch(robots_url, now)
            self._entries[robots_url] = entry
        return entry

    def _fetch(self, robots_url: str, now: float) -> _Entry:
        parser = RobotFileParser(robots_url)
        try:
            status, body = self.load(robots_url)
        except SourceError as e:
            if e.code == "E085":   # RFC 9309 2.3.1.2: past five redirects, treat it as missing
                status, body = 404, b""
            elif e.permanent:
                raise
            else:
                # RFC 9309 2.3.1.4: an unreachable robots.txt means the whole site is disallowed
                log.info("%s unreachable (%s): disallowing the origin for now", robots_url, e.reason)
                parser.disallow_all = True
                return _Entry(parser, now + _FAILED_TTL, e.reason)
        if 200 <= status < 300:
            text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
        elif 400 <= status < 500:
            parser.allow_all = True   # RFC 9309 2.3.1.3: no robots.txt, no restrictions
        else:
            parser.disallow_all = True
            return _Entry(parser, now + _FAILED_TTL, f"HTTP {status}")
        return _Entry(parser, now + _FOUND_TTL)


def robots_url_of(url: str) -> str:
    """The robots.txt URL of url's origin."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}/robots.txt"


class HostThrottle:
    """Spaces requests to one host at least `interval` seconds apart (or a longer per-host delay)."""

    def __init__(self, interval: float, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str, delay: float | None = None) -> None:
        """Sleep until host may be asked again, then mark it asked now."""
        gap = max(self.interval, delay or 0.0)
        last = self._last.get(host)
        if last is not None:
            remaining = last + gap - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last[host] = self.clock()
