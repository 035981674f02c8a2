"""/api/statements: who said what, filterable by speaker, polarity, cue, date and text."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Response

from ..deps import ArticleId, Code, Country, Day, Lemma, PageParams, RawJSON, Text, blank, day, get_views, page
from ..schemas import Page, StatementItem
from ..views import Views

router = APIRouter(prefix="/api/statements", tags=["statements"])


@router.get("", response_model=Page[StatementItem])
def list_statements(speaker_country: Country = None, speaker_code: Code = None,
                    polarity: Literal["+", "-"] | None = None, cue: Lemma = None, date_from: Day = None,
                    date_to: Day = None, q: Text = None, article_id: ArticleId = None,
                    p: PageParams = Depends(page), views: Views = Depends(get_views)) -> Response:
    """Statements matching every filter given, by date, article and position (`+` is sent as %2B)."""
    return RawJSON(views.statements(p.limit, p.offset, speaker_country=blank(speaker_country),
                            speaker_code=blank(speaker_code), polarity=polarity, cue=blank(cue),
                            date_from=day("date_from", date_from), date_to=day("date_to", date_to), q=blank(q),
                                   article_id=blank(article_id)))
