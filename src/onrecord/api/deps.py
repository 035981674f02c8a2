"""Request dependencies: the app's views and store, page parameters, and shared query types."""
from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query, Request, Response

from ..errors import ApiError
from ..settings import Settings
from ..store import Store
from .views import Views
from .writer import Writer

# "" counts as absent, so a form may send every field; anything else must match exactly
Country = Annotated[str | None, Query(pattern=r"^(?:[A-Z]{3})?$", description="ISO 3166 alpha-3 code, e.g. RUS.")]
Code = Annotated[str | None, Query(pattern=r"^(?:[A-Z]{3}){0,8}$", description="CAMEO-style actor code, e.g. PRKGOV.")]
Day = Annotated[str | None, Query(pattern=r"^(?:\d{4}-\d{2}-\d{2})?$", description="ISO date YYYY-MM-DD.")]
Text = Annotated[str | None, Query(max_length=200, description="Case-insensitive substring.")]
Lemma = Annotated[str | None, Query(max_length=64, description="Cue lemma, e.g. deny, say, according to.")]
ArticleId = Annotated[str | None, Query(pattern=r"^[\w.:-]{0,128}$", description="An article id.")]
ID_PATTERN = r"^[\w.:-]{1,128}$"
CODE_PATTERN = r"^(?:[A-Z]{3}){1,8}$"


def blank(value: str | None) -> str | None:
    """None for a missing or empty parameter."""
    return value or None


def day(name: str, value: str | None) -> dt.date | None:
    """A date parameter already shaped YYYY-MM-DD as a date; a 422 (E070) if no such day exists."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise ApiError("E070", 422, name=name, value=value, reason="no such day; expected YYYY-MM-DD") from e


class RawJSON(Response):
    """An answer whose body is JSON already (the read model keeps items serialised)."""
    media_type = "application/json"


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int


def page(request: Request,
         limit: Annotated[int | None, Query(ge=1, description="Items per page (default 50, at most 500).")] = None,
         offset: Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip.")] = 0) -> PageParams:
    """The page asked for, within api.page_size_max."""
    api = get_settings(request).api
    size = api.page_size if limit is None else limit
    if size > api.page_size_max:
        raise ApiError("E070", 422, name="limit", value=size, reason=f"at most {api.page_size_max}")
    return PageParams(size, offset)


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_views(request: Request) -> Views:
    views: Views = request.app.state.views
    return views


def get_writer(request: Request) -> Writer:
    writer: Writer = request.app.state.writer
    return writer


LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost", "testclient"})


def write_access(request: Request) -> None:
    """Writes need the API token when one is set, else they must come from this machine."""
    token = get_settings(request).api.token
    if token:
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
            raise ApiError("E077", 401)
        return
    client = request.client.host if request.client else "?"
    if client not in LOOPBACK and not client.startswith("127."):
        raise ApiError("E078", 403, client=client)


def get_store(request: Request) -> Iterator[Store]:
    """A Store on its own cursor for this request (DuckDB connections are not shared across threads)."""
    store: Store = request.app.state.store
    cursor = store.conn.cursor()
    try:
        yield Store(cursor, store.settings, store.name)
    finally:
        cursor.close()
