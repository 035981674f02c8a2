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
