"""`create_app(settings, db_path)`: the FastAPI app, its lifespan (store, read model, writer), errors, limits and headers."""
from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ApiError, Errors, OnrecordError, StoreCodedError, StoreQueryError
from ..settings import Settings
from .headers import SecurityHeaders
from .limits import RateLimit
from .routes import ROUTERS, web

log = logging.getLogger(__name__)

UPLOAD_PATHS = frozenset({"/api/articles"})   # POST bodies here are articles, capped by api.max_upload_bytes


def create_app(settings: Settings | None = None, db_path: Path | None = None) -> FastAPI:
    """The API app over the store at db_path (default settings.store.path); the store opens at startup."""
    settings = settings or Settings()
    path = Path(db_path) if db_path is not None else settings.store.path

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from ..store import Store
        from ..threads import Thread, build_threads, load_threads
        from .catalog import load_catalog
        from .views import Views

        if not path.is_file():
            raise StoreCodedError("E036", path=path)
        from .writer import Writer

        store = Store.open(path, settings.store)
        writer: Writer | None = None
        try:
            if not load_threads(store, limit=1):
                log.info("store %s has no threads: building them", path)
                build_threads(store)

            def build_views(s: Store, threads: list[Thread] | None = None) -> Views:
                return Views(load_catalog(s, threads), settings.api.cache_size)

            def publish(views: Views) -> None:
                app.state.views = views
                # the read model is millions of long-lived objects: keep them out of the collector's
                # full passes, which otherwise stall requests for 100+ ms on a 10,000-article store
                # (a replaced read model holds no reference cycle, so it is freed all the same)
                gc.collect()
                gc.freeze()

            publish(build_views(store))
            app.state.store = store
            writer = app.state.writer = Writer(store, settings, publish, build_views)
            yield
        finally:
            if writer is not None:
                writer.close()
            gc.unfreeze()
            store.close()

    app = FastAPI(title="onrecord", version="1", lifespan=lifespan,
                  summary="Who said and did what to whom: the record of a corpus of news articles.")
    app.state.settings = settings
    for router in ROUTERS:
        app.include_router(router)
    web.mount(app)
    _add_error_handlers(app)
    api = settings.api
    app.add_middleware(RateLimit, rate=api.rate_limit, burst=api.rate_burst, write_rate=api.write_rate_limit,
                       write_burst=api.write_burst)
    # added last, so outermost: the 413 and 429 answers carry the security headers too
    app.add_middleware(SecurityHeaders, max_bytes=api.max_request_bytes, upload_paths=UPLOAD_PATHS,
                       max_upload_bytes=api.max_upload_bytes)
    return app


def _error(status: int, code: str, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"code": code, "message": message, **extra}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        response = _error(exc.status, exc.code, str(exc))
        if exc.status == 401:
            response.headers["www-authenticate"] = 'Bearer realm="onrecord"'
        return response

    @app.exception_handler(StoreQueryError)
    async def query_error(request: Request, exc: StoreQueryError) -> JSONResponse:
        return _error(422, exc.code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {"loc": ("?",), "msg": "invalid", "input": None}
        name = str(first["loc"][-1]) if first.get("loc") else "?"
        message = "[E070] " + Errors.E070.format(name=name, value=first.get("input"), reason=first.get("msg"))
        return _error(422, "E070", message,
                      detail=[{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg"))} for e in errors])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 405:
            return _error(405, "E076", "[E076] " + Errors.E076.format(method=request.method, path=request.url.path))
        if exc.status_code == 404:
            return _error(404, "E075", "[E075] " + Errors.E075.format(path=request.url.path))
        return _error(exc.status_code, f"HTTP{exc.status_code}", str(exc.detail))

    @app.exception_handler(OnrecordError)
    async def onrecord_error(request: Request, exc: OnrecordError) -> JSONResponse:
        log.exception("error serving %s", request.url.path)
        return _error(500, "E073", "[E073] " + Errors.E073.format(path=request.url.path))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error serving %s", request.url.path)
        return _error(500, "E073", "[E073] " + Errors.E073.format(path=request.url.path))
