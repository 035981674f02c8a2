"""/api/threads: claim threads and the dated timeline of stances of one."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Response

from ...errors import ApiError
from ..deps import ID_PATTERN, PageParams, RawJSON, Text, blank, get_views, page
from ..schemas import Page, ThreadDetail, ThreadItem
from ..views import Views

router = APIRouter(prefix="/api/threads", tags=["threads"])


@router.get("", response_model=Page[ThreadItem])
def list_threads(status: Literal["alleged", "denied", "disputed", "confirmed"] | None = None, q: Text = None,
                 p: PageParams = Depends(page), views: Views = Depends(get_views)) -> Response:
    """Threads (largest first) whose label or keywords contain `q`."""
    return RawJSON(views.threads(status, blank(q), p.limit, p.offset))


@router.get("/{thread_id}", response_model=ThreadDetail)
def get_thread(thread_id: Annotated[str, Path(pattern=ID_PATTERN)], views: Views = Depends(get_views)) -> Response:
    """A thread with its timeline: who alleged, denied or confirmed it, in date order."""
    detail = views.cat.thread_details.get(thread_id)
    if detail is None:
        raise ApiError("E071", 404, kind="thread", id=thread_id)
    return RawJSON(detail)
