"""Send articles to a running `onrecord serve` (POST /api/articles).

This is how `onrecord ingest --server URL` and `onrecord watch --server URL` add articles to a
store that a server holds open (DuckDB has one writer per file). Each source is one request;
a 429 is retried after the server's Retry-After, a connection error or 5xx after a backoff,
and an article the server cannot analyse (422) is reported with its path and reason while
the others go on.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Failure
from ..store.types import tally

if TYPE_CHECKING:
    import httpx

    from ..pipeline import Source
    from ..store.ingest import IngestReport

RETRIES = 5
_CODE = re.compile(r"^\[E\d+\]\s*")


@dataclass(frozen=True)
class Posted:
    """What the server did with one article: a store status, or a failure with its code."""
    status: str | None          # added | near-duplicate | duplicate; None when it failed
    article_id: str | None = None
    code: str | None = None
    message: str | None = None
    permanent: bool = False     # a failure that will not change on a retry (the article itself, or a 4xx)


class ServerClient:
    """An HTTP client for one server's write endpoint (context manager)."""

    def __init__(self, base_url: str, *, token: str = "", timeout: float = 300.0, backoff: float = 1.0) -> None:
        import httpx

        headers = {"authorization": f"Bearer {token}"} if token else {}
        self.url = base_url.rstrip("/") + "/api/articles"
        self.backoff = backoff
        self.client = httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0), headers=headers, trust_env=False)

    def __enter__(self) -> "ServerClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def post(self, source: "Source") -> Posted:
        """POST one source (its bytes, name, provenance and feed date), retrying what may pass later."""
        import httpx

        assert source.data is not None
        params: dict[str, str] = {"name": source.name}
        p = source.provenance
        if p is not None and p.url:
            params.update({k: str(v) for k, v in (("url", p.url), ("fetched", p.fetched), ("status", p.status))
                           if v is not None})
        if source.published:
            params["published"] = source.published
        reason = ""
        for attempt in range(RETRIES + 1):
            try:
                r = self.client.post(self.url, params=params, content=source.data)
            except httpx.HTTPError as e:
                reason = f"cannot reach {self.url}: {e}"
                time.sleep(self.backoff * 2 ** attempt)
                continue
            if r.status_code == 429:
                reason = _message(r)
                time.sleep(float(r.headers.get("retry-after", "1") or 1))
                continue
            if r.status_code >= 500:
                reason = f"HTTP {r.status_code}: {_message(r)}"
                time.sleep(self.backoff * 2 ** attempt)
                continue
            body = _json(r)
            if r.status_code in (200, 201):
                return Posted(status=str(body.get("status")), article_id=str(body.get("id")))
            return Posted(status=None, code=str(body.get("code", f"HTTP{r.status_code}")),
                          message=_CODE.sub("", str(body.get("message", r.text[:200]))), permanent=True)
        return Posted(status=None, code="E081", message=f"{reason} (after {RETRIES + 1} attempts)")


def post_sources(base_url: str, sources: Iterable["Source"], *, token: str = "", timeout: float = 300.0,
                 advance: Callable[[int], None] | None = None, backoff: float = 1.0) -> "IngestReport":
    """POST each source to base_url/api/articles; counts and failures as `onrecord ingest` reports them."""
    from ..store.ingest import IngestReport

    report = IngestReport()
    step = advance or (lambda n: None)
    with ServerClient(base_url, token=token, timeout=timeout, backoff=backoff) as server:
        for source in sources:
            if source.error is not None or source.data is None:
                err = source.error
                report.failures.append(Failure(source=source.name, code=getattr(err, "code", "E001"),
                                               message=getattr(err, "reason", str(err))))
            else:
                posted = server.post(source)
                if posted.status is not None:
                    tally(report, posted.status)
                else:
                    report.failures.append(Failure(source=source.name, code=posted.code or "E000",
                                                   message=posted.message or ""))
            step(1)
    return report


def _json(r: "httpx.Response") -> dict[str, object]:
    try:
        body = r.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _message(r: "httpx.Response") -> str:
    return str(_json(r).get("message", r.text[:200]))
