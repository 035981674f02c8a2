"""`onrecord ingest INPUT...` (analyse and store) and `onrecord threads` (claim threads of a store)."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import ConfigOpt, DictOpt, ModelOpt, ServerOpt, TokenOpt, build_settings

DbOpt = Annotated[Optional[Path], typer.Option("--db", help="DuckDB store file (default: store.path, onrecord.duckdb).",
                                               dir_okay=False)]


class ThreadFormat(str, Enum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add the store commands to the root app."""
    app.command("ingest")(ingest_command)
    app.command("threads")(threads_command)


def ingest_command(
    inputs: Annotated[list[str], typer.Argument(help="Text or HTML files, directories, or - for stdin.")],
    db: DbOpt = None,
    verbatim: Annotated[bool, typer.Option("--verbatim", help="Analyse the text exactly as given (no cleaning).")] = False,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    actors: DictOpt = None,
    server: ServerOpt = None,
    token: TokenOpt = None,
) -> None:
    """Analyse articles and add their records to the store (already stored articles are skipped)."""
    from ..pipeline import get_analyzer, sources_from_paths
    from ..store import ingest
    from .analyze import _load
    from .console import err_console

    if server is not None:
        _ingest_via_server(inputs, server, token, config)
        return
    settings = _with_db(build_settings(config, model=model, verbatim=verbatim, dictionaries=actors), db)
    analyzer = _load(get_analyzer, settings, err_console)
    sources = list(sources_from_paths(inputs, settings))
    with _open(settings) as store, ingest_progress(err_console, len(sources)) as advance:
        report = ingest(analyzer, sources, store, batch_size=settings.store.batch_size, advance=advance)
        canonical = store.count_articles()
    render_ingest(err_console, report, settings.store.path, canonical)
    if report.failures:
        raise typer.Exit(1)


def _ingest_via_server(inputs: list[str], server: str, token: str | None, config: Optional[Path]) -> None:
    """`ingest --server`: POST each input to the server, which analyses and stores it."""
    from ..api.client import post_sources
    from ..pipeline import sources_from_paths
    from .console import err_console

    settings = build_settings(config)
    sources = list(sources_from_paths(inputs, settings))
    with ingest_progress(err_console, len(sources)) as advance:
        report = post_sources(server, sources, token=token or settings.api.token, advance=advance)
    render_ingest(err_console, report, server, -1)
    if report.failures:
        raise typer.Exit(1)


def threads_command(
    db: DbOpt = None,
    format: Annotated[Optional[ThreadFormat], typer.Option("--format", "-f", help="table (default on a terminal) or json.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most N threads.")] = 20,
    min_members: Annotated[int, typer.Option("--min-members", min=1, help="Only threads with this many statements.")] = 1,
    rebuild: Annotated[bool, typer.Option("--rebuild/--stored", help="Rebuild threads from the records (default) or list the stored ones.")] = True,
    config: ConfigOpt = None,
) -> None:
    """List claim threads: who alleged, denied or confirmed what, in date order."""
    from ..errors import StoreCodedError
    from ..threads import build_threads, load_threads
    from .console import err_console

    settings = _with_db(build_settings(config), db)
    if not settings.store.path.exists():
        err_console.print(f"[red]error[/red] {StoreCodedError('E036', path=settings.store.path)}", highlight=False)
        raise typer.Exit(1)
    with _open(settings) as store:
        if rebuild:
            build_threads(store)
        threads = load_threads(store, min_members=min_members, limit=limit)
    if (format or (ThreadFormat.table if sys.stdout.isatty() else ThreadFormat.json)) is ThreadFormat.json:
        sys.stdout.write(threads_json(threads) + "\n")
    else:
        render_threads(threads)


def _with_db(settings, db: Path | None):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return settings if db is None else replace(settings, store=replace(settings.store, path=db))


def _open(settings):  # type: ignore[no-untyped-def]
    from rich.markup import escape

    from ..errors import OnrecordError
    from ..store import Store
    from .console import err_console

    try:
        return Store.open(settings.store.path, settings.store)
    except OnrecordError as e:
        err_console.print(f"[red]error[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(1) from e


# -- rendering (stderr for people, stdout for data) -----------------------------------------
class _Advance:
    """Context manager yielding a callback that advances a Rich progress bar (off when not a TTY)."""

    def __init__(self, console, total: int) -> None:  # type: ignore[no-untyped-def]
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.progress = Progress(TextColumn("storing"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                                 TimeRemainingColumn(), console=console, transient=True,
                                 disable=not console.is_terminal)
        self.task = self.progress.add_task("ingest", total=total, rate="")

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.progress.__enter__()
        return self.advance

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(None, None, None)

    def advance(self, n: int) -> None:
        self.progress.advance(self.task, n)
        speed = self.progress.tasks[0].speed
        self.progress.update(self.task, rate=f"{speed:.1f} articles/s" if speed else "")


def ingest_progress(console, total: int) -> _Advance:  # type: ignore[no-untyped-def]
    return _Advance(console, total)


def render_ingest(console, report, path: Path | str, canonical: int) -> None:  # type: ignore[no-untyped-def]
    """Summary table of an ingest run, then the failed inputs with their reasons."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"ingest into {escape(str(path))}", show_header=True)
    table.add_column("result")
    table.add_column("articles", justify="right")
    for name, n in (("added", report.added), ("duplicates (skipped)", report.duplicates),
                    ("near-duplicates (stored, grouped)", report.near_duplicates),
                    ("failed", len(report.failures))):
        table.add_row(name, str(n), style="red" if name == "failed" and n else None)
    if canonical >= 0:
        table.add_row("distinct articles in store", str(canonical), style="bold")
    console.print(table)
    if report.failures:
        failed = Table(title="failed inputs", show_header=True, header_style="red")
        failed.add_column("path", overflow="fold")
        failed.add_column("reason", overflow="fold")
        for f in report.failures:
            failed.add_row(escape(f.source), escape(f"[{f.code}] {f.message}"))
        console.print(failed)


_STANCE_STYLE = {"alleged": "yellow", "denied": "red", "confirmed": "green"}


def render_threads(threads) -> None:  # type: ignore[no-untyped-def]
    """One table per thread: its timeline of stances."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    if not threads:
        console.print("no threads")
    for t in threads:
        table = Table(title=f"{escape(t.label)} [{t.status}] · {len(t.members)} statements, {t.articles} articles",
                      title_justify="left", show_header=True, expand=False)
        for col in ("date", "speaker", "stance", "cue", "content", "status"):
            table.add_column(col, overflow="fold")
        for m in t.members:
            who = m.speaker_country or m.speaker_code or "?"
            table.add_row(m.date or "", escape(f"{who} ({m.speaker_text or ''})"),
                          f"[{_STANCE_STYLE[m.stance]}]{m.stance}[/]", escape(m.cue_lemma),
                          escape(m.content_text[:160]), m.status_after)
        console.print(table)


def threads_json(threads) -> str:  # type: ignore[no-untyped-def]
    """Threads as a JSON array (members included)."""
    import json
    from dataclasses import asdict

    return json.dumps([asdict(t) for t in threads], ensure_ascii=False, indent=2)
