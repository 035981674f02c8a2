"""The web front-end: static files at /static, its index.html at /."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from ...errors import ApiError

STATIC = Path(__file__).resolve().parents[2] / "web" / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> FileResponse:
    """The web app's index.html."""
    page = STATIC / "index.html"
    if not page.is_file():
        raise ApiError("E074", 404, path="web/static/index.html")
    return FileResponse(page, media_type="text/html; charset=utf-8")


def mount(app: FastAPI, directory: Path = STATIC) -> None:
    """Serve the web app's files (Starlette refuses paths that resolve outside `directory`)."""
    app.mount("/static", StaticFiles(directory=directory, check_dir=False, follow_symlink=False), name="static")
    app.include_router(router)
