"""/api/articles: article summaries and full records."""
from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from ...errors import ApiError, OnrecordError
from ...store import Store
from ..deps import (ID_PATTERN, PageParams, RawJSON, Text, blank, get_settings, get_store, get_views, get_writer, page,
                    write_access)
from ..schemas import ArticleItem, ArticleRecord, ErrorOut, Page, StatementThread, WriteOut
from ..views import Views
from ..writer import Writer

router = APIRouter(prefix="/api/articles", tags=["articles"])

STAMP = r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$"   # an ISO 8601 date or time


@router.get("", response_model=Page[ArticleItem])
def list_articles(q: Text = None, p: PageParams = Depends(page),
                  views: Views = Depends(get_views)) -> Response:
    """Articles (newest first) whose title or text contains `q`."""
    return RawJSON(views.articles(blank(q), p.limit, p.offset))


@router.get("/{article_id}", response_model=ArticleRecord)
def get_article(article_id: Annotated[str, Path(pattern=ID_PATTERN)], store: Store = Depends(get_store),
                views: Views = Depends(get_views)) -> ArticleRecord:
    """The article's onrecord/1 record, and the claim thread of each threaded statement."""
    record = store.get_record(article_id)
    if record is None:
        raise ApiError("E071", 404, kind="article", id=article_id)
    threads = views.cat.statement_threads
    return ArticleRecord(article=record.article, actors=record.actors, statements=record.statements,
                         events=record.events, amounts=record.amounts,
                         threads=[StatementThread(statement_id=s.id, thread_id=threads[(article_id, s.id)])
                                  for s in record.statements if (article_id, s.id) in threads])


@router.post("", response_model=WriteOut, status_code=201, dependencies=[Depends(write_access)],
             responses={200: {"model": WriteOut, "description": "Already stored (duplicate): nothing written."},
                        401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut},
                        422: {"model": ErrorOut}, 429: {"model": ErrorOut}})
async def add_article(
        request: Request,
        name: Annotated[str | None, Query(max_length=300, description="The article's source name (a file name or label).")] = None,
        url: Annotated[str | None, Query(max_length=2000, pattern=r"^https?://\S+$",
                                         description="Where the article was fetched from (kept as provenance).")] = None,
        fetched: Annotated[str | None, Query(pattern=STAMP, description="When it was fetched (ISO 8601, UTC).")] = None,
        status: Annotated[int | None, Query(ge=100, le=599, description="The HTTP status it was fetched with.")] = None,
        published: Annotated[str | None, Query(pattern=STAMP, description="Publication date or time from a feed, "
                                               "used when the article states none.")] = None,
        writer: Writer = Depends(get_writer)) -> Response:
    """Analyse the article in the body (text or HTML bytes, as a file would hold them) and store it.

    The record is stored at once (GET /api/articles/{id}); lists, threads and stats include it
    after the read model's refresh (GET /api/status). Needs the API token when one is set.
    """
    from ...model import Provenance
    from ...pipeline import Source

    data = await _body(request, get_settings(request).api.max_upload_bytes)
    if not data.strip():
        raise ApiError("E070", 422, name="body", value="", reason="an article's text or HTML is needed")
    digest = hashlib.sha256(data).hexdigest()
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    provenance = Provenance(url=url, fetched=fetched or now, status=status, content_hash=digest) if url else None
    source = Source(name=name or url or f"upload:{digest[:12]}", data=data, provenance=provenance,
                    published=published)
    try:
        result = await asyncio.wrap_future(writer.submit(source))
    except ApiError:
        raise
    except OnrecordError as e:   # the article cannot be analysed: its coded reason
        code = getattr(e, "code", "E000")
        return JSONResponse({"code": code, "message": str(e), "source": source.name}, status_code=422)
    out = WriteOut(status=result.status, id=result.id, group=result.group,  # type: ignore[arg-type]
                   statements=result.statements, events=result.events)
    return JSONResponse(out.model_dump(), status_code=200 if result.status == "duplicate" else 201)


async def _body(request: Request, cap: int) -> bytes:
    """The request body, refused (413, E072) as soon as it passes cap (chunked bodies included)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise ApiError("E072", 413, size=size, cap=cap, setting="max_upload_bytes")
        chunks.append(chunk)
    return b"".join(chunks)
