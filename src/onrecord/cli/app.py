"""Typer root of the `onrecord` command; one module per command, heavy imports inside them."""
from __future__ import annotations

import logging
from typing import Annotated

import typer

from . import eval_events, eval_extraction, scale_cmds, serve, store_cmds
from . import watch as watch_cmds
from .analyze import analyze_command
from .eval import eval_app

app = typer.Typer(name="onrecord", no_args_is_help=True, add_completion=False,
                  help="News articles in, a sourced record of who said and did what to whom out.")
app.command("analyze")(analyze_command)
eval_events.register(eval_app)
eval_extraction.register(eval_app)
app.add_typer(eval_app, name="eval")
store_cmds.register(app)
serve.register(app)
watch_cmds.register(app)
scale_cmds.register(app)


@app.callback()
def root(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False) -> None:
    """onrecord command line."""
    from rich.logging import RichHandler

    from .console import err_console

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s",
                        handlers=[RichHandler(console=err_console, show_path=False)])


def main() -> None:
    app()
