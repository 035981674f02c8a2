"""`onrecord batch` (Dask → Parquet), `onrecord load` (Parquet → store) and `onrecord export`."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import ConfigOpt, DictOpt, ModelOpt, build_settings
from .store_cmds import DbOpt

OutDirOpt = Annotated[Path, typer.Option("--out", "-o", help="Output directory (Parquet tables and manifest.json).",
                                         file_okay=False)]


class ExportFormat(str, Enum):
    plover = "plover"
    gdelt = "gdelt"
    parquet = "parquet"


class EventChoice(str, Enum):
    asserted = "asserted"
    reported = "reported"
    all = "all"


def register(app: typer.Typer) -> None:
    """Add the batch, load and export commands to the root app."""
    app.command("batch")(batch_command)
    app.command("load")(load_command)
    app.command("export")(export_command)


def batch_command(
    inputs: Annotated[list[str], typer.Argument(help="Text or HTML files or directories.")],
    out: OutDirOpt,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=0, help="Local worker processes (0 = one per core).")] = None,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786).")] = None,
    partition_size: Annotated[Optional[int], typer.Option("--partition-size", min=1, help="Input files per task.")] = None,
    verbatim: Annotated[bool, typer.Option("--verbatim", help="Analyse the text exactly as given (no cleaning).")] = False,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    actors: DictOpt = None,
) -> None:
    """Analyse many articles on a Dask cluster into date-partitioned Parquet (reruns skip finished partitions)."""
    import logging
    from dataclasses import replace

    from ..scale import run_batch

    import distributed  # noqa: F401  (its import sets its loggers to INFO; then follow the CLI's level)

    logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())

    settings = build_settings(config, model=model, verbatim=verbatim, dictionaries=actors)
    given = {"workers": workers, "scheduler": scheduler, "partition_size": partition_size}
    settings = replace(settings, scale=replace(settings.scale, **{k: v for k, v in given.items() if v is not None}))
    with fail(), batch_progress() as advance:
        report = run_batch(inputs, out, settings, advance=advance)
    render_batch(report)
    if report.failures or report.failed:
        raise typer.Exit(1)


def load_command(
    directory: Annotated[Path, typer.Argument(help="Output directory of `onrecord batch`.", file_okay=False, exists=True)],
    db: DbOpt = None,
    threads: Annotated[bool, typer.Option("--threads/--no-threads", help="Rebuild claim threads after loading.")] = True,
    config: ConfigOpt = None,
) -> None:
    """Add the records of a batch's Parquet output to the store (stored articles are skipped)."""
    from ..scale import load_parquet
    from .store_cmds import _open, _with_db

    settings = _with_db(build_settings(config), db)
    with fail(), _open(settings) as store:
        report = load_parquet(directory, store, threads=threads)
        canonical = store.count_articles()
    render_load(report, settings.store.path, canonical)


def export_command(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="plover (JSONL), gdelt (TSV) or parquet (directory).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (plover, gdelt) or directory (parquet).")],
    db: DbOpt = None,
    events: Annotated[EventChoice, typer.Option("--events", help="asserted: not negated or hypothetical; reported: … and in the article's own voice; all.")] = EventChoice.asserted,
    crosswalk: Annotated[Optional[Path], typer.Option("--cameo-crosswalk", exists=True, dir_okay=False, help="CAMEO2PLOVER table, to fill GDELT's CAMEO EventCode.")] = None,
    copies: Annotated[bool, typer.Option("--include-copies", help="Also export syndicated copies.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Export the stored records as PLOVER JSONL, a GDELT 2.0 event table or Parquet tables."""
    from ..errors import StoreCodedError
    from ..export import export_store
    from .store_cmds import _open, _with_db

    settings = _with_db(build_settings(config), db)
    with fail():
        if not settings.store.path.exists():
            raise StoreCodedError("E036", path=settings.store.path)
        with _open(settings) as store:
            report = export_store(store, format.value, out, crosswalk=crosswalk,  # type: ignore[arg-type]
                                  events=events.value, canonical_only=not copies)  # type: ignore[arg-type]
    render_export(report)


# -- rendering (stderr: progress, tables and errors for people) ---------------------------------
class fail:
    """Context manager turning an OnrecordError into one red stderr line and exit 1."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:  # type: ignore[no-untyped-def]
        from rich.markup import escape

        from ..errors import OnrecordError
        from .console import err_console

        if isinstance(exc, OnrecordError):
            err_console.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
            raise typer.Exit(1) from exc
        return False


class batch_progress:
    """Context manager yielding a callback that advances a partitions bar (off when not a TTY)."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from .console import err_console

        self.progress = Progress(TextColumn("partitions"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 console=err_console, transient=True, disable=not err_console.is_terminal)
        self.task = self.progress.add_task("batch", total=None)
        self.progress.__enter__()
        return lambda result: self.progress.advance(self.task, 1)

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(None, None, None)


def render_batch(report) -> None:  # type: ignore[no-untyped-def]
    """Summary of a batch run, then the failed partitions and inputs with their reasons."""
    from rich.markup import escape
    from rich.table import Table

    from .console import err_console

    table = Table(title=f"batch into {escape(str(report.out))}", show_header=True)
    table.add_column("")
    table.add_column("count", justify="right")
    rows = [("partitions", report.partitions), ("skipped (already complete)", report.skipped),
            ("completed now", report.completed), ("failed partitions", len(report.failed))]
    rows += [(f"{name} rows written", n) for name, n in report.counts.items() if name != "failures"]
    rows.append(("failed inputs", len(report.failures)))
    for name, n in rows:
        table.add_row(name, str(n), style="red" if name.startswith("failed") and n else None)
    err_console.print(table)
    if report.failed or report.failures:
        failed = Table(title="failures", show_header=True, header_style="red")
        failed.add_column("input or partition", overflow="fold")
        failed.add_column("reason", overflow="fold")
        for pid, reason in report.failed.items():
            failed.add_row(f"partition {pid}", escape(reason))
        for f in report.failures:
            failed.add_row(escape(f.source), escape(f"[{f.code}] {f.message}"))
        err_console.print(failed)


def render_load(report, path: Path, canonical: int) -> None:  # type: ignore[no-untyped-def]
    """Summary table of a load."""
    from rich.markup import escape
    from rich.table import Table

    from .console import err_console

    table = Table(title=f"load into {escape(str(path))}", show_header=True)
    table.add_column("result")
    table.add_column("articles", justify="right")
    for name, n in (("added", report.added), ("duplicates (skipped)", report.duplicates),
                    ("near-duplicates (stored, grouped)", report.near_duplicates)):
        table.add_row(name, str(n))
    table.add_row("distinct articles in store", str(canonical), style="bold")
    if report.threads is not None:
        table.add_row("claim threads (rebuilt)", str(report.threads))
    err_console.print(table)


def render_export(report) -> None:  # type: ignore[no-untyped-def]
    """One line: what was written where."""
    from rich.markup import escape

    from .console import err_console

    if report.format == "parquet":
        what, where = f"{report.articles} articles", f"{len(report.files)} files"
    else:
        what, where = f"{report.rows} events from {report.articles} articles", ", ".join(map(str, report.files))
    err_console.print(f"{report.format}: {what} → {escape(where)}", highlight=False)
