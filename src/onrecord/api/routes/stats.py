"""/api/stats: counts of the store."""
from __future__ import annotations

from fastapi import APIRouter, Depends

from ..deps import get_views
from ..schemas import Stats
from ..views import Views

router = APIRouter(prefix="/api/stats", tags=["stats"])


@router.get("", response_model=Stats)
def get_stats(views: Views = Depends(get_views)) -> Stats:
    """Articles (all and canonical), statements, events, distinct actor codes and threads."""
    assert views.cat.stats is not None
    return views.cat.stats
