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

    from ..errors import OnrecordError

    try:
        report = score_files(paths, get_record, base=base)
    except OnrecordError as e:
        from rich.markup import escape

        err_console.print(f"[red]error[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(1) from e
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        render_gold_report(report, show_problems=not quiet)
    if not report.passes(min_statements, min_stance, min_events, require_text):
        err_console.print("[red]below the required floors[/red]")
        raise typer.Exit(1)



@eval_app.command("polnear")
def eval_polnear(
    data: Annotated[Path, typer.Option(help="PolNeAR folder (metadata.tsv, <split>/text, <split>/attributions).")]
    = Path("../shared/bench/polnear"),
    split: Annotated[str, typer.Option(help="Compartment to score: train or dev.")] = "train",
    limit: Annotated[Optional[int], typer.Option(help="Score only the first N articles (file-name order).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON on stdout.")] = False,
    min_cue: Annotated[float, typer.Option(help="Fail below this cue token F1.")] = 0.0,
    min_source: Annotated[float, typer.Option(help="Fail below this source token F1.")] = 0.0,
    min_content: Annotated[float, typer.Option(help="Fail below this content token F1.")] = 0.0,
    min_relations: Annotated[float, typer.Option(help="Fail below this relation F1.")] = 0.0,
    config: ConfigOpt = None,
    model: ModelOpt = None,
) -> None:
    """Score attribution (speaker, cue, content) on PolNeAR: token, exact-span and relation F1."""
    from ..eval.polnear import score_polnear
    from ..pipeline import get_analyzer
    from .console import err_console

    analyzer = get_analyzer(build_settings(config, model=model, verbatim=True))
    report = score_polnear(data, split, analyzer, limit=limit)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    err_console.print(_polnear_table(report))
    if not report.passes(min_cue, min_source, min_content, min_relations):
        err_console.print("[red]below the required floors[/red]")
        raise typer.Exit(1)


def _polnear_table(report):
    """A Rich table of a PolnearReport: token and exact-span P/R/F1 per role, then relations."""
    from rich.table import Table

    table = Table(title=f"PolNeAR {report.compartment}: {report.articles} articles, "
                        f"{report.gold_relations} gold relations", title_justify="left")
    for col in ("role", "token P", "token R", "token F1", "exact P", "exact R", "exact F1"):
        table.add_column(col, justify="left" if col == "role" else "right")
    for role, tok in report.token.items():
        ex = report.exact[role]
        table.add_row(role, *(f"{v:.3f}" for v in (tok.precision, tok.recall, tok.f1,
                                                   ex.precision, ex.recall, ex.f1)))
    rel = report.relations
    table.add_row("relations", f"{rel.precision:.3f}", f"{rel.recall:.3f}", f"[b]{rel.f1:.3f}[/b]", "", "", "")
    if report.skipped:
        table.caption = f"{len(report.skipped)} records whose text differs from the input were skipped"
    return table
