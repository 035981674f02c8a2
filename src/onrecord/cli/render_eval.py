"""Rich tables of evaluation reports (stderr console: stdout stays for --json)."""
from __future__ import annotations

from rich.table import Table

from .console import err_console


def _prf(c) -> str:
    return f"P {c.precision:.2f} R {c.recall:.2f} F1 {c.f1:.2f}"


def render_gold_report(report, show_problems: bool = True) -> None:
    """Per-article and total figures of a gold-file evaluation, then the problems found."""
    table = Table(title="Gold files", title_justify="left")
    for col in ("article", "statements", "stance", "events", "amounts", "text", "metadata"):
        table.add_column(col)
    rows = list(report.articles)
    for a in rows:
        table.add_row(a.id, _prf(a.statements), f"{a.stance.ok}/{a.stance.total}", _prf(a.events),
                      f"{a.amounts.ok}/{a.amounts.total}", f"{a.text.ok}/{a.text.total}",
                      f"{a.meta.ok}/{a.meta.total}")
    t = report.totals
    table.add_row("[b]all[/b]", f"[b]{_prf(t.statements)}[/b]", f"[b]{t.stance.ok}/{t.stance.total}[/b]",
                  f"[b]{_prf(t.events)}[/b]", f"{t.amounts.ok}/{t.amounts.total}", f"{t.text.ok}/{t.text.total}",
                  f"{t.meta.ok}/{t.meta.total}")
    err_console.print(table)
    for ident, message in report.failures:
        err_console.print(f"[red]failed[/red] {ident}: {message}", highlight=False)
    if show_problems:
        for a in rows:
            for p in a.problems:
                err_console.print(f"  [dim]{a.id}[/dim] {p}", highlight=False, soft_wrap=True)
    err_console.print(report.summary(), highlight=False)
