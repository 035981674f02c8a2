"""/api/articles: article summaries and full records."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response

from ...errors import ApiError
from ...store import Store
from ..deps import ID_PATTERN, PageParams, RawJSON, Text, blank, get_store, get_views, page
from ..schemas import ArticleItem, ArticleRecord, Page, StatementThread
from ..views import Views

router = APIRouter(prefix="/api/articles", tags=["articles"])


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
