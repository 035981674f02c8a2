"""`post_sources`: send articles to a running `onrecord serve` (POST /api/articles).

This is how `onrecord ingest --server URL` adds articles to a store that a server holds open
(DuckDB has one writer per file). Each source is one request; a 429 is retried after the
server's Retry-After, a connection error or 5xx after a backoff, and an article the server
cannot analyse (422) is reported with its path and reason while the others go on.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..model import Failure
from ..store.types import tally

if TYPE_CHECKING:
    import httpx

    from ..pipeline import Source
    from ..store.ingest import IngestReport

RETRIES = 5
_CODE = re.compile(r"^\[E\d+\]\s*")


def post_sources(base_url: str, sources: Iterable["Source"], *, token: str = "", timeout: float = 300.0,
                 advance: Callable[[int], None] | None = None, backoff: float = 1.0) -> "IngestReport":
    """POST each source to base_url/api/articles; counts and failures as `onrecord ingest` reports them."""
    import httpx

    from ..store.ingest import IngestReport

    report = IngestReport()
    step = advance or (lambda n: None)
    headers = {"authorization": f"Bearer {token}"} if token else {}
    url = base_url.rstrip("/") + "/api/articles"
    with httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0), headers=headers, trust_env=False) as client:
        for source in sources:
            if source.error is not None or source.data is None:
                err = source.error
                report.failures.append(Failure(source=source.name, code=getattr(err, "code", "E001"),
                                               message=getattr(err, "reason", str(err))))
                step(1)
                continue
            params = {"name": source.name}
            if source.provenance is not None and source.provenance.url:
                params["url"] = source.provenance.url
            _post_one(client, url, source, params, report, backoff)
            step(1)
    return report


def _post_one(client: "httpx.Client", url: str, source: "Source", params: dict[str, str],
              report: "IngestReport", backoff: float) -> None:
    import httpx

    assert source.data is not None
    reason = ""
    for attempt in range(RETRIES + 1):
        try:
            r = client.post(url, params=params, content=source.data)
        except httpx.HTTPError as e:
            reason = f"cannot reach {url}: {e}"
            time.sleep(backoff * 2 ** attempt)
            continue
        if r.status_code == 429:
            reason = _message(r)
            time.sleep(float(r.headers.get("retry-after", "1") or 1))
            continue
        if r.status_code >= 500:
            reason = f"HTTP {r.status_code}: {_message(r)}"
            time.sleep(backoff * 2 ** attempt)
            continue
        if r.status_code in (200, 201):
            tally(report, str(_json(r).get("status")))
            return
        body = _json(r)
        message = _CODE.sub("", str(body.get("message", r.text[:200])))
        report.failures.append(Failure(source=source.name, code=str(body.get("code", f"HTTP{r.status_code}")),
                                       message=message))
        return
    report.failures.append(Failure(source=source.name, code="E081",
                                   message=f"{reason} (after {RETRIES + 1} attempts)"))


def _json(r: "httpx.Response") -> dict[str, object]:
    try:
        body = r.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _message(r: "httpx.Response") -> str:
    return str(_json(r).get("message", r.text[:200]))
