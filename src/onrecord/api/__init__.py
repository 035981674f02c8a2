"""The HTTP API: a read-only FastAPI app over a record store (see docs/API.md)."""
from .app import create_app

__all__ = ["create_app"]
