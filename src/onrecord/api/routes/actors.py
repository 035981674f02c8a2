"""/api/actors: actor codes with their names and counts; one actor's statements, events and counterparts."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response

from ...errors import ApiError
from ..deps import CODE_PATTERN, Country, PageParams, RawJSON, Text, blank, get_views, page
from ..schemas import ActorDetail, ActorItem, Page
from ..views import Views

router = APIRouter(prefix="/api/actors", tags=["actors"])


@router.get("", response_model=Page[ActorItem])
def list_actors(q: Text = None, country: Country = None, p: PageParams = Depends(page),
                views: Views = Depends(get_views)) -> Response:
    """Actor codes whose code or a name contains `q`, most articles first."""
    return RawJSON(views.actors(blank(q), blank(country), p.limit, p.offset))


@router.get("/{code}", response_model=ActorDetail)
def get_actor(code: Annotated[str, Path(pattern=CODE_PATTERN)], views: Views = Depends(get_views)) -> Response:
    """The actor's latest 50 statements and events (each role), and its counterparts in reported events."""
    detail = views.actor(code)
    if detail is None:
        raise ApiError("E071", 404, kind="actor", id=code)
    return RawJSON(detail)
