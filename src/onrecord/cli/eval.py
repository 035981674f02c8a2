"""`onrecord eval`: accuracy on gold files (and, later, public benchmarks)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import ConfigOpt, ModelOpt, build_settings

eval_app = typer.Typer(help="Measure onrecord against gold data; prints precision/recall/F1.",
                       no_args_is_help=True)


@eval_app.command("gold")
def eval_gold(
    gold: Annotated[list[Path], typer.Argument(help="Gold files (shared/gold/FORMAT.md), or directories of them.")],
    base: Annotated[Optional[Path], typer.Option(help="Folder the gold `input` paths are relative to "
                                                      "(default: each gold file's grandparent).")] = None,
    min_statements: Annotated[float, typer.Option(help="Fail below this statements F1.")] = 0.0,
    min_stance: Annotated[float, typer.Option(help="Fail below this stance accuracy.")] = 0.0,
    min_events: Annotated[float, typer.Option(help="Fail below this events F1.")] = 0.0,
    require_text: Annotated[bool, typer.Option(help="Fail unless every text and metadata check passes.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON on stdout.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not list problems.")] = False,
    config: ConfigOpt = None,
    model: ModelOpt = None,
) -> None:
    """Score records against gold files: statements, stance, events, amounts, text, metadata."""
    from ..eval.gold import score_files
    from ..pipeline import Source, get_analyzer
    from .console import err_console
    from .render_eval import render_gold_report

    settings = build_settings(config, model=model)
    analyzer = get_analyzer(settings)
    paths: list[Path] = []
    for g in gold:
        paths.extend(sorted(g.glob("*.json")) if g.is_dir() else [g])

    def get_record(_gold, input_path: Path) -> dict:
        article = analyzer.article(Source(name=str(input_path), data=input_path.read_bytes()))
        return next(analyzer.records([article])).to_dict()

    report = score_files(paths, get_record, base=base)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        render_gold_report(report, show_problems=not quiet)
    if not report.passes(min_statements, min_stance, min_events, require_text):
        err_console.print("[red]below the required floors[/red]")
        raise typer.Exit(1)
