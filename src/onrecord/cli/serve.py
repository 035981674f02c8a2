"""`onrecord serve`: the HTTP API and web app over a record store, with uvicorn."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import ConfigOpt
from .store_cmds import DbOpt

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def register(app: typer.Typer) -> None:
    """Add `serve` to the root app."""
    app.command("serve")(serve_command)


def serve_command(
    db: DbOpt = None,
    host: Annotated[Optional[str], typer.Option("--host", help="Interface to bind (default 127.0.0.1).")] = None,
    port: Annotated[Optional[int], typer.Option("--port", min=1, max=65535, help="Port (default 8000).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the store: JSON API under /api (docs at /docs), web app at /; articles POSTed to /api/articles
    (or sent by `onrecord ingest --server`) are added while it serves."""
    from dataclasses import replace

    import uvicorn

    from ..api import create_app
    from ..errors import StoreCodedError
    from .console import err_console
    from .options import build_settings

    settings = build_settings(config)
    api = replace(settings.api, **{k: v for k, v in (("host", host), ("port", port)) if v is not None})
    settings = replace(settings, api=api)
    path: Path = db or settings.store.path
    if not path.is_file():
        err_console.print(f"[red]error[/red] {StoreCodedError('E036', path=path)}", highlight=False)
        raise typer.Exit(1)
    if api.host not in LOCAL_HOSTS:
        err_console.print(f"[yellow]warning[/yellow] serving on {api.host}: other machines can reach this API",
                          highlight=False)
    err_console.print(f"onrecord: serving {path} on http://{api.host}:{api.port} (docs at /docs)", highlight=False)
    uvicorn.run(create_app(settings, path), host=api.host, port=api.port, log_level="info", server_header=False,
                timeout_keep_alive=api.keep_alive)
