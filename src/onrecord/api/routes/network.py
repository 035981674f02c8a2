"""/api/network: who did what to whom, as a graph of reported events."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ...errors import ApiError
from ...model import PLOVER_TYPES
from ..deps import get_views
from ..schemas import Network
from ..views import Views

router = APIRouter(prefix="/api/network", tags=["network"])


@router.get("", response_model=Network)
def get_network(types: Annotated[str | None, Query(max_length=400, description="Comma-separated PLOVER types "
                                                  "(default all), e.g. ACCUSE,THREATEN,SUPPORT.")] = None,
                min_count: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                views: Views = Depends(get_views)) -> Network:
    """Actor → recipient edges counted over events the articles report in their own voice (not attributed,
    negated or hypothetical; syndicated copies once)."""
    wanted = None
    if types:
        wanted = frozenset(t.strip() for t in types.split(",") if t.strip())
        unknown = sorted(wanted - set(PLOVER_TYPES))
        if unknown:
            raise ApiError("E070", 422, name="types", value=types,
                           reason=f"unknown PLOVER type {', '.join(unknown)}; known: {', '.join(PLOVER_TYPES)}")
    return views.network(wanted, min_count)
