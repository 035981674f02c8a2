"""`onrecord eval extraction`: article-body extraction against trafilatura on the same pages."""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import ConfigOpt, build_settings


def register(app: typer.Typer) -> None:
    """Add the `extraction` command to the `eval` app."""
    app.command("extraction")(eval_extraction)


def eval_extraction(
    data: Annotated[Path, typer.Option(help="The article-extraction benchmark folder.")] = Path(
        "../shared/bench/article-extraction"),
    limit: Annotated[Optional[int], typer.Option(help="Only the first N pages.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON on stdout.")] = False,
    min_f1: Annotated[float, typer.Option(help="Fail below this F1.")] = 0.0,
    config: ConfigOpt = None,
) -> None:
    """Word 4-gram shingle P/R/F1 of onrecord's HTML ingest and of trafilatura, same pages, same run."""
    from rich.table import Table

    from ..eval.extraction import evaluate_extraction
    from ..ingest import read_input
    from .console import err_console

    if not (data / "ground-truth.json").is_file():
        err_console.print(f"[red]error[/red] no benchmark at {data} (ground-truth.json missing)")
        raise typer.Exit(2)
    settings = build_settings(config)
    # the benchmark has non-English pages: extraction is measured on all of them
    ingest = dataclasses.replace(settings.ingest, check_language=False)

    def body(html: bytes, key: str) -> str:
        return read_input(html, source=f"{key}.html", settings=ingest).text

    report = evaluate_extraction(data, body, limit=limit)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    table = Table(title="Article extraction (word 4-gram shingles)", title_justify="left")
    for col in ("system", "pages", "precision", "recall", "F1", "no body"):
        table.add_column(col)
    for s in report.systems:
        table.add_row(s.name, str(len(s.precision)), f"{s.p:.3f}", f"{s.r:.3f}", f"{s.f1:.3f}", str(s.failures))
    err_console.print(table)
    ours = report.get("onrecord")
    baseline = report.get("trafilatura")
    if ours.f1 < min_f1 or ours.f1 < baseline.f1:
        err_console.print("[red]onrecord is below the floor or below trafilatura[/red]")
        raise typer.Exit(1)
