"""The onrecord web app: static single-page assets served by the API (JS only renders)."""
from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["static_dir"]


def static_dir() -> Traversable:
    """The folder holding index.html, app.js, app.css and the view modules."""
    return files(__name__) / "static"
