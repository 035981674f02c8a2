"""Options shared by several commands, and building Settings from them."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="TOML settings file.", exists=True,
                                                   dir_okay=False)]
ModelOpt = Annotated[Optional[str], typer.Option("--model", help="spaCy model name to load first.")]
DictOpt = Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra TABARI/Phoenix .actors dictionary.",
                                                      exists=True, dir_okay=False)]


def _server_url(value: str | None) -> str | None:
    if value is not None and not value.startswith(("http://", "https://")):
        raise typer.BadParameter(f"needs an http(s) URL, not {value!r}")
    return value


ServerOpt = Annotated[Optional[str], typer.Option(
    "--server", callback=_server_url,
    help="Send the articles to a running `onrecord serve` at this URL (e.g. http://127.0.0.1:8000), which analyses "
         "and stores them: the way to add to a store while it is served.")]
TokenOpt = Annotated[Optional[str], typer.Option(
    "--token", envvar="ONRECORD_API__TOKEN", show_envvar=True,
    help="The server's API token, when it has one (api.token).")]


def build_settings(config: Path | None, *, model: str | None = None, verbatim: bool = False,
                   dictionaries: list[Path] | None = None):
    """Settings from defaults, --config, ONRECORD_* variables and the flags given."""
    import typer

    from ..errors import OnrecordError
    from ..settings import NlpSettings, Settings
    from .console import err_console

    overrides: dict[str, dict[str, Any]] = {}
    if model:
        overrides["nlp"] = {"models": (model,) + tuple(m for m in NlpSettings().models if m != model)}
    if verbatim:
        overrides["ingest"] = {"clean": False}
    if dictionaries:
        overrides["actors"] = {"dictionaries": tuple(dictionaries)}
    try:
        return Settings.load(config, **overrides)
    except (OnrecordError, ValueError, OSError) as e:
        err_console.print(f"[red]error[/red] {e}", highlight=False)
        raise typer.Exit(2) from e
