"""`onrecord eval plover` and `onrecord eval petrarch`: PLOVER event-type accuracy on sentence gold."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import ConfigOpt, ModelOpt, build_settings

SHARED = Path("../shared/bench")
LimitOpt = Annotated[Optional[int], typer.Option(help="Score only the first N gold sentences.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the figures (and every record) as JSON on stdout.")]
MinTypeOpt = Annotated[float, typer.Option(help="Fail below this event-type accuracy.")]
MinActorOpt = Annotated[float, typer.Option(help="Fail below this actor-country accuracy.")]


def register(app: typer.Typer) -> None:
    """Add the `plover` and `petrarch` commands to the `eval` Typer app."""
    app.command("plover")(eval_plover)
    app.command("petrarch")(eval_petrarch)


def eval_plover(
    data: Annotated[Path, typer.Option(help="PLOVER GSR gold file (JSON list).")]
    = SHARED / "plover" / "PLOVER_GSR_CAMEO.txt",
    limit: LimitOpt = None, as_json: JsonOpt = False, min_type: MinTypeOpt = 0.0, min_actor: MinActorOpt = 0.0,
    config: ConfigOpt = None, model: ModelOpt = None,
) -> None:
    """Event type, any-event, coverage and actor/recipient country accuracy on the PLOVER gold records."""
    from ..eval.plover import evaluate_plover
    from ..pipeline import get_analyzer

    report = evaluate_plover(data, get_analyzer(build_settings(config, model=model, verbatim=True)), limit=limit)
    _finish(report, as_json, min_type, min_actor)


def eval_petrarch(
    data: Annotated[Path, typer.Option(help="PETRARCH-2 validation file (PETR2_GSR_validation.xml).")]
    = SHARED / "petrarch" / "PETR2_GSR_validation.xml",
    crosswalk: Annotated[Path, typer.Option(help="CAMEO→PLOVER table (CAMEO2PLOVER-2021.txt).")]
    = SHARED / "plover" / "CAMEO2PLOVER-2021.txt",
    limit: LimitOpt = None, as_json: JsonOpt = False, min_type: MinTypeOpt = 0.0, min_actor: MinActorOpt = 0.0,
    config: ConfigOpt = None, model: ModelOpt = None,
) -> None:
    """Event type and actor/recipient country accuracy on the PETRARCH-2 sentences, CAMEO mapped to PLOVER."""
    from ..eval.petrarch import evaluate_petrarch
    from ..pipeline import get_analyzer

    analyzer = get_analyzer(build_settings(config, model=model, verbatim=True))
    _finish(evaluate_petrarch(data, crosswalk, analyzer, limit=limit), as_json, min_type, min_actor)


def _finish(report, as_json: bool, min_type: float, min_actor: float) -> None:
    from .console import err_console

    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    err_console.print(_figures_table(report))
    err_console.print(_confusion_table(report))
    if not report.passes(min_type, min_actor):
        err_console.print("[red]below the required floors[/red]")
        raise typer.Exit(1)


def _figures_table(report):
    """The headline figures with their counts, then failure classes and other counts."""
    from rich.table import Table

    table = Table(title=f"{report.benchmark}: {report.records} gold records", title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("count", justify="right")
    rows = (("event-type accuracy (chosen event)", report.type_accuracy, report.type_ok, report.records),
            ("any-event accuracy (gold type among all events)", report.any_accuracy, report.any_ok, report.records),
            ("coverage (≥1 predicted event)", report.coverage, report.covered, report.records),
            ("actor-country accuracy", report.actor_accuracy, report.actor_ok, report.actor_total),
            ("recipient-country accuracy", report.recipient_accuracy, report.recipient_ok, report.recipient_total))
    for name, value, ok, total in rows:
        table.add_row(name, f"{value:.3f}", f"{ok}/{total}")
    for name, n in sorted(report.failures.items()):
        table.add_row(f"[dim]miss: {name}[/dim]", "", str(n))
    if report.no_event_sentences:
        table.add_row("[dim]no-event sentences with a predicted event[/dim]", "",
                      f"{report.false_alarms}/{report.no_event_sentences}")
    captions = []
    if report.unmapped:
        captions.append(f"{len(report.unmapped)} codings without a PLOVER category: {', '.join(report.unmapped)}")
    if report.failed:
        captions.append(f"not analysed: {', '.join(report.failed)}")
    table.caption = "\n".join(captions) or None
    return table


def _confusion_table(report):
    """Gold type (rows) × chosen predicted type (columns), "-" for no event."""
    from rich import box
    from rich.table import Table

    predicted = sorted({p for c in report.confusion.values() for p in c}, key=lambda p: (p == "-", p))
    table = Table(title="confusion: gold (rows) → chosen predicted type (columns, first 4 letters)",
                  title_justify="left", box=box.SIMPLE, pad_edge=False)
    # minimum widths: a narrow terminal crops the table's right edge instead of squashing every cell
    table.add_column("gold", no_wrap=True, min_width=9)
    for p in predicted:
        table.add_column(p[:4], justify="right", no_wrap=True, min_width=4)
    table.add_column("n", justify="right", no_wrap=True, min_width=3)
    for gold, row in sorted(report.confusion.items()):
        cells = [(f"[b]{row[p]}[/b]" if p == gold else str(row[p])) if row[p] else "" for p in predicted]
        table.add_row(gold, *cells, str(sum(row.values())))
    return table
