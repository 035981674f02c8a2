"""/api/events: PLOVER events, filterable by type, actor and recipient country, date and article."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from ...model import PloverType
from ..deps import ArticleId, Country, Day, PageParams, RawJSON, blank, day, get_views, page
from ..schemas import EventItem, Page
from ..views import Views

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", response_model=Page[EventItem])
def list_events(type: PloverType | None = None, actor_country: Country = None, recipient_country: Country = None,
                date_from: Day = None, date_to: Day = None, article_id: ArticleId = None,
                p: PageParams = Depends(page), views: Views = Depends(get_views)) -> Response:
    """Events matching every filter given, by date, article and position."""
    return RawJSON(views.events(p.limit, p.offset, type=type, actor_country=blank(actor_country),
                        recipient_country=blank(recipient_country), date_from=day("date_from", date_from),
                        date_to=day("date_to", date_to), article_id=blank(article_id)))
