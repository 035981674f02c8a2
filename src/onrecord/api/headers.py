"""ASGI middleware: security headers on every answer, and a cap on request size."""
from __future__ import annotations

import json

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import Errors

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")
# FastAPI's Swagger UI and ReDoc pages load their scripts from a CDN and start them inline
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
            "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; font-src 'self' "
            "https://fonts.gstatic.com; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'")
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})
HEADERS = (("x-content-type-options", "nosniff"), ("referrer-policy", "no-referrer"))


class SecurityHeaders:
    """Adds CSP, nosniff and no-referrer headers; answers 413 (E072) to oversized requests."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_paths: frozenset[str] = frozenset(),
                 max_upload_bytes: int = 0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_paths = upload_paths          # POST bodies here may be up to max_upload_bytes
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] in DOCS_PATHS else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["content-security-policy"] = csp
                for name, value in HEADERS:
                    headers[name] = value
            await send(message)

        query, declared = self._size(scope)
        upload = scope["method"] == "POST" and scope["path"] in self.upload_paths
        if query > self.max_bytes:
            size, cap, setting = query, self.max_bytes, "max_request_bytes"
        elif upload:
            size, cap, setting = declared, self.max_upload_bytes, "max_upload_bytes"
        else:
            size, cap, setting = declared, self.max_bytes, "max_request_bytes"
        if size > cap:
            body = json.dumps({"code": "E072", "message": "[E072] " + Errors.E072.format(
                size=size, cap=cap, setting=setting)}).encode()
            await send_with_headers({"type": "http.response.start", "status": 413, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
            await send_with_headers({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send_with_headers)

    @staticmethod
    def _size(scope: Scope) -> tuple[int, int]:
        """The length of the path and query string, and the declared body length."""
        declared = 0
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
        return len(scope.get("raw_path", b"")) + len(scope.get("query_string", b"")), declared
