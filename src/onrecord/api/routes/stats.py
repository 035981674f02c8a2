"""/api/stats: counts of the store."""
from __future__ import annotations

from fastapi import APIRouter, Depends

from ..deps import get_views, get_writer
from ..schemas import ServerStatus, Stats
from ..views import Views
from ..writer import Writer

router = APIRouter(prefix="/api/stats", tags=["stats"])


@router.get("", response_model=Stats)
def get_stats(views: Views = Depends(get_views)) -> Stats:
    """Articles (all and canonical), statements, events, distinct actor codes and threads."""
    assert views.cat.stats is not None
    return views.cat.stats


status_router = APIRouter(prefix="/api/status", tags=["stats"])


@status_router.get("", response_model=ServerStatus)
def get_status(writer: Writer = Depends(get_writer)) -> ServerStatus:
    """The read model's generation (1 at start, one more after each refresh following writes)."""
    return ServerStatus(**writer.status())
