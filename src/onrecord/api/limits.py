"""ASGI middleware: per-client rate limits (token buckets), one for reads and one for writes.

A client is its address as the server sees it. Each client has a bucket of `burst` tokens that
refills at `rate` per second; a request takes one token, and a request finding the bucket empty
is answered 429 (E079) with a Retry-After header. Writes (POST) draw from a second, slower
bucket. The table of buckets is bounded: when it grows past `max_clients`, the buckets that
have refilled completely (clients that went quiet) are dropped.
"""
from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import Errors

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """Token buckets keyed by client; `take(client)` is 0.0 when allowed, else seconds to wait."""

    def __init__(self, rate: float, burst: int, max_clients: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self.max_clients = max_clients
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def take(self, client: str) -> float:
        if self.rate <= 0:
            return 0.0
        now = self.clock()
        bucket = self._buckets.get(client)
        if bucket is None:
            if len(self._buckets) >= self.max_clients:
                self._prune(now)
            bucket = self._buckets[client] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.rate

    def _prune(self, now: float) -> None:
        full = [k for k, b in self._buckets.items() if b.tokens + (now - b.stamp) * self.rate >= self.burst]
        for k in full:
            del self._buckets[k]
        if len(self._buckets) >= self.max_clients:   # every client is busy: forget the oldest
            for k in sorted(self._buckets, key=lambda k: self._buckets[k].stamp)[: len(self._buckets) // 2]:
                del self._buckets[k]

    def __len__(self) -> int:
        return len(self._buckets)


class RateLimit:
    """Answers 429 (E079) to a client over its read or write rate; other requests pass through."""

    def __init__(self, app: ASGIApp, rate: float, burst: int, write_rate: float, write_burst: int) -> None:
        self.app = app
        self.reads = TokenBuckets(rate, burst)
        self.writes = TokenBuckets(write_rate, write_burst)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope["client"][0] if scope.get("client") else "?"
        write = scope["method"] in WRITE_METHODS
        buckets, setting = (self.writes, "write_rate_limit") if write else (self.reads, "rate_limit")
        wait = buckets.take(client)
        if not wait:
            await self.app(scope, receive, send)
            return
        retry = max(1, math.ceil(wait))
        body = json.dumps({"code": "E079", "message": "[E079] " + Errors.E079.format(
            client=client, rate=buckets.rate, setting=setting, retry=retry)}).encode()
        await send({"type": "http.response.start", "status": 429, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(retry).encode())]})
        await send({"type": "http.response.body", "body": body})
