"""`onrecord watch SOURCES.txt --every 15m` (follow feeds and sitemaps) and `onrecord fetch URL...`."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import ConfigOpt, DictOpt, ModelOpt, ServerOpt, TokenOpt, build_settings
from .store_cmds import DbOpt

PrivateOpt = Annotated[bool, typer.Option("--allow-private", help="Also fetch private, loopback and link-local "
                                          "addresses (turns the SSRF guard off; for local servers).")]


def register(app: typer.Typer) -> None:
    """Add the watch and fetch commands to the root app."""
    app.command("watch")(watch_command)
    app.command("fetch")(fetch_command)


def _interval(value: str) -> float:
    from ..sources import parse_interval

    try:
        return parse_interval(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e


def watch_command(
    sources: Annotated[Path, typer.Argument(help="File of feed and sitemap URLs, one a line (# comments).",
                                            exists=True, dir_okay=False)],
    every: Annotated[str, typer.Option("--every", help="Time between cycles: 30s, 15m, 2h.")] = "15m",
    db: DbOpt = None,
    once: Annotated[bool, typer.Option("--once", help="Run one cycle and exit (1 if an item failed).")] = False,
    allow_private: PrivateOpt = False,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    actors: DictOpt = None,
    server: ServerOpt = None,
    token: TokenOpt = None,
    state: Annotated[Optional[Path], typer.Option(
        "--state", dir_okay=False, help="With --server: the file that remembers seen URLs and feed validators "
                                        "(default onrecord-watch.duckdb).")] = None,
) -> None:
    """Follow feeds and news sitemaps: fetch new articles, analyse, store them, rebuild threads; Ctrl-C stops."""
    from ..sources import watch

    seconds = _interval(every)
    if server is not None:
        db = state or Path("onrecord-watch.duckdb")
    settings = _settings(config, model, actors, db, allow_private)
    with _Session(settings, server=server, token=token or settings.api.token) as session:
        with session.stopping() as stop:
            session.guard(lambda: watch(session.fetcher, sources, session.analyzer, session.store, every=seconds,
                                        stop=stop, on_cycle=session.log_cycle,
                                        batch_size=settings.store.batch_size, once=once, sink=session.sink))
    if once and session.failed:
        raise typer.Exit(1)


def fetch_command(
    urls: Annotated[list[str], typer.Argument(help="Article URLs.")],
    db: DbOpt = None,
    allow_private: PrivateOpt = False,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    actors: DictOpt = None,
) -> None:
    """Fetch article URLs once, analyse them and add their records to the store."""
    from ..sources import fetch_urls

    settings = _settings(config, model, actors, db, allow_private)
    with _Session(settings) as session:
        session.guard(lambda: session.log_cycle(fetch_urls(session.fetcher, urls, session.analyzer, session.store,
                                                           batch_size=settings.store.batch_size)))
    if session.failed:
        raise typer.Exit(1)


def _settings(config, model, actors, db, allow_private):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from .store_cmds import _with_db

    settings = _with_db(build_settings(config, model=model, dictionaries=actors), db)
    if allow_private:
        settings = replace(settings, sources=replace(settings.sources, allow_private=True))
    return settings


class _Session:
    """The analyzer, store and fetcher of one command, the cycle log, and clean stopping."""

    def __init__(self, settings, server: str | None = None, token: str = "") -> None:  # type: ignore[no-untyped-def]
        from ..pipeline import get_analyzer
        from ..sources import Fetcher
        from .analyze import _load
        from .console import err_console
        from .store_cmds import _open

        self.console = err_console
        self.client = None
        self.sink = None
        if server is None:
            self.analyzer = _load(get_analyzer, settings, err_console)
        else:   # the server analyses; this process fetches and keeps its seen-state in the state file
            from ..api.client import ServerClient
            from ..sources.watch import ServerSink

            self.analyzer = None
            self.client = ServerClient(server, token=token)
            self.sink = ServerSink(self.client)
        self.store = _open(settings)
        self.fetcher = Fetcher(settings.sources)
        self.cycles = 0
        self.failed = 0

    def __enter__(self) -> "_Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.fetcher.close()
        self.store.close()
        if self.client is not None:
            self.client.client.close()

    def guard(self, run) -> None:  # type: ignore[no-untyped-def]
        """Run, turning an onrecord error (a bad sources file) into one red line and exit 1."""
        from rich.markup import escape

        from ..errors import OnrecordError

        try:
            run()
        except OnrecordError as e:
            self.console.print(f"[red]error[/red] {escape(str(e))}", highlight=False)
            raise typer.Exit(1) from e

    def stopping(self):  # type: ignore[no-untyped-def]
        return _Stopping(self.console)

    def log_cycle(self, report) -> None:  # type: ignore[no-untyped-def]
        """One line per cycle on stderr, then the failed items."""
        from datetime import datetime

        from rich.markup import escape

        self.cycles += 1
        self.failed += len(report.failures)
        stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
        style = "yellow" if report.failures else "green"
        self.console.print(f"[dim]{stamp}[/dim] [{style}]cycle {self.cycles}[/{style}] {escape(report.summary())}",
                           highlight=False, soft_wrap=True)
        for f in report.failures:
            self.console.print(f"  [red]failed[/red] {escape(f.source)}: {escape(f'[{f.code}] {f.message}')}",
                               highlight=False, soft_wrap=True)


class _Stopping:
    """SIGTERM and a first Ctrl-C ask the loop to stop after the current article; a second Ctrl-C aborts."""

    def __init__(self, console) -> None:  # type: ignore[no-untyped-def]
        import threading

        self.console = console
        self.event = threading.Event()
        self.previous: dict[int, object] = {}

    def _handle(self, signum: int, frame: object) -> None:
        if self.event.is_set():
            raise KeyboardInterrupt
        self.console.print("[yellow]stopping after the current article[/yellow] (Ctrl-C again to abort)")
        self.event.set()

    def __enter__(self):  # type: ignore[no-untyped-def]
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.previous[sig] = signal.signal(sig, self._handle)
        return self.event

    def __exit__(self, *exc: object) -> None:
        import signal

        for sig, handler in self.previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
