"""`onrecord analyze INPUT...`: records of articles as tables, JSON or JSON lines."""
from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from .options import ConfigOpt, DictOpt, ModelOpt, build_settings


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def analyze_command(
    inputs: Annotated[list[str], typer.Argument(help="Text or HTML files, directories, or - for stdin.")],
    format: Annotated[Optional[Format], typer.Option("--format", "-f", help="table (default on a terminal), json or jsonl.")] = None,
    verbatim: Annotated[bool, typer.Option("--verbatim", help="Analyse the text exactly as given (no cleaning).")] = False,
    published: Annotated[Optional[str], typer.Option("--published", help="Publication date (ISO 8601) if the page lacks one.")] = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    actors: DictOpt = None,
) -> None:
    """Analyse articles: statements, events, actors and amounts, each tied to its characters."""
    from ..model import Failure
    from ..pipeline import get_analyzer, sources_from_paths
    from ..record import dumps
    from .console import err_console
    from .render import render_record

    settings = build_settings(config, model=model, verbatim=verbatim, dictionaries=actors)
    fmt = format or (Format.table if sys.stdout.isatty() else Format.json)
    analyzer = _load(get_analyzer, settings, err_console)
    sources = list(sources_from_paths(inputs, settings))
    if published:
        sources = [s.__class__(name=s.name, data=s.data, error=s.error, published=published) for s in sources]
    failures = 0
    done = 0
    show_progress = len(sources) > 1 and err_console.is_terminal
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err_console, disable=not show_progress, transient=True) as progress:
        task = progress.add_task("analyse", total=len(sources))
        for result in analyzer.run(sources):
            progress.advance(task)
            if isinstance(result, Failure):
                failures += 1
                err_console.print(f"[red]error[/red] {escape(result.source)}: {escape(f'[{result.code}] {result.message}')}",
                                  highlight=False, soft_wrap=True)
                continue
            done += 1
            if fmt is Format.table:
                render_record(result)
            elif fmt is Format.json:
                if len(sources) > 1 and done > 1:
                    sys.stdout.write("\n")
                sys.stdout.write(dumps(result, indent=2) + "\n")
            else:
                sys.stdout.write(dumps(result) + "\n")
            sys.stdout.flush()
    if failures:
        err_console.print(f"{failures} of {len(sources)} inputs failed", style="red")
        raise typer.Exit(1)


def _load(get_analyzer, settings, err_console):
    from ..errors import OnrecordError

    try:
        return get_analyzer(settings)
    except OnrecordError as e:
        from rich.markup import escape

        err_console.print(f"[red]error[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(1) from e
