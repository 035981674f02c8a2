"""The HTTP API: a FastAPI app over a record store, which it reads and (POST /api/articles) writes (see docs/API.md)."""
from .app import create_app

__all__ = ["create_app"]
