"""`onrecord watch` and `onrecord fetch` against the local news site, with the real model and store."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from onrecord.cli.watch import register
from onrecord.errors import SourceError
from onrecord.settings import StoreSettings
from onrecord.sources import Fetcher, parse_interval, read_source_list, run_cycle, watch
from onrecord.sources.state import SeenUrls
from onrecord.store import Store

from .conftest import ARTICLES, FIXTURES

ROOT = Path(__file__).resolve().parents[2]


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """test root"""

    register(app)
    return app


@pytest.fixture
def config(tmp_path) -> Path:
    path = tmp_path / "onrecord.toml"
    path.write_text("[sources]\nhost_interval = 0\nbackoff = 0\nretries = 1\n", encoding="utf-8")
    return path


@pytest.fixture
def sources_file(tmp_path, site) -> Path:
    path = tmp_path / "SOURCES.txt"
    path.write_text(f"# the test site\n{site.url('/feed.rss')}\n\n{site.url('/sitemap-index.xml')}  # same items\n",
                    encoding="utf-8")
    return path


def _article_hits(site) -> list[int]:
    return [site.hits[p] for p in ARTICLES]


def test_watch_once_ingests_then_fetches_nothing_new(tmp_path, site, config, sources_file, analyzer):
    db = tmp_path / "watch.duckdb"
    args = ["watch", str(sources_file), "--once", "--allow-private", "--db", str(db), "--config", str(config)]
    first = CliRunner().invoke(_app(), args)
    assert first.exit_code == 0, first.output
    assert "3 feeds/sitemaps, 3 items, 3 new: 3 added" in first.output
    assert _article_hits(site) == [1, 1, 1]
    with Store.open(db, StoreSettings()) as store:
        records = {r.article.source: r for r in store.iter_records(canonical_only=False)}
        assert SeenUrls.of(store).count("added") == 3
    assert sorted(records) == sorted(site.url(p) for p in ARTICLES)
    harbour = records[site.url("/news/harbour.html")].article
    assert harbour.title == "Port workers end strike after pay deal"
    assert harbour.provenance is not None and harbour.provenance.status == 200
    assert harbour.provenance.url == site.url("/news/harbour.html")
    assert harbour.provenance.content_hash == hashlib.sha256((FIXTURES / "harbour.html").read_bytes()).hexdigest()

    again = CliRunner().invoke(_app(), args)
    assert again.exit_code == 0, again.output
    assert "3 feeds/sitemaps, 3 items, 0 new: 0 added" in again.output
    assert _article_hits(site) == [1, 1, 1]                 # nothing fetched again
    assert site.hits["/feed.rss"] == 2 and site.hits["/sitemap.xml"] == 2
    with Store.open(db, StoreSettings()) as store:
        assert store.count_articles() == 3


def test_watch_refuses_loopback_without_allow_private(tmp_path, site, config, sources_file, analyzer):
    result = CliRunner().invoke(_app(), ["watch", str(sources_file), "--once", "--db", str(tmp_path / "w.duckdb"),
                                         "--config", str(config)])
    assert result.exit_code == 1
    assert "0 feeds/sitemaps, 0 items" in result.output and "E080" in result.output
    assert sum(site.hits.values()) == 0


def test_fetch_command_then_watch_skips_fetched(tmp_path, site, config, sources_file, analyzer):
    db = tmp_path / "fetch.duckdb"
    common = ["--allow-private", "--db", str(db), "--config", str(config)]
    fetched = CliRunner().invoke(_app(), ["fetch", site.url("/redirect/a"), site.url("/missing"), *common])
    assert fetched.exit_code == 1
    assert "1 added" in fetched.output and "[E082] HTTP 404 Not Found" in fetched.output
    watched = CliRunner().invoke(_app(), ["watch", str(sources_file), "--once", *common])
    assert watched.exit_code == 0, watched.output
    # /redirect/a ended at harbour.html, so the feed's harbour item is known already
    assert "3 items, 2 new: 2 added" in watched.output
    assert _article_hits(site) == [1, 1, 1]


def test_watch_bad_interval_is_a_usage_error(sources_file):
    result = CliRunner().invoke(_app(), ["watch", str(sources_file), "--every", "soon"])
    assert result.exit_code == 2


def test_run_cycle_stopped_midway_resumes_without_refetching(tmp_path, site, sources_settings, analyzer):
    feeds = [site.url("/feed.atom")]
    with Store.open(tmp_path / "r.duckdb", StoreSettings()) as store, Fetcher(sources_settings) as fetcher:
        first = run_cycle(fetcher, feeds, analyzer, store, stop=lambda: sum(_article_hits(site)) >= 1)
        assert (first.new, first.added, first.threads is not None) == (3, 1, True)
        second = run_cycle(fetcher, feeds, analyzer, store)
        third = run_cycle(fetcher, feeds, analyzer, store)
        assert (second.new, second.added) == (2, 2)
        assert (third.new, third.added, third.threads, third.requests) == (0, 0, None, 1)
        assert store.count_articles() == 3
    assert _article_hits(site) == [1, 1, 1]


def test_run_cycle_records_failures_once(tmp_path, site, sources_settings, analyzer):
    with Store.open(None, StoreSettings()) as store, Fetcher(sources_settings) as fetcher:
        report = run_cycle(fetcher, [site.url("/missing"), site.url("/news/harbour.html")], analyzer, store)
    assert [(f.source, f.code) for f in report.failures] == [
        (site.url("/missing"), "E082"), (site.url("/news/harbour.html"), "E088")]
    assert report.summary() == ("0 feeds/sitemaps, 0 items, 0 new: 0 added, 0 near-duplicates, 0 duplicates, "
                                "2 failed; 3 requests")


def test_watch_loop_stops_when_asked(tmp_path, site, sources_settings, analyzer, sources_file):
    stop = threading.Event()
    reports = []

    def on_cycle(report):
        reports.append(report)
        stop.set()       # as SIGTERM would, mid-run: the loop must not sleep its hour

    with Store.open(None, StoreSettings()) as store, Fetcher(sources_settings) as fetcher:
        watch(fetcher, sources_file, analyzer, store, every=3600, stop=stop, on_cycle=on_cycle)
    assert [r.added for r in reports] == [3]


@pytest.mark.parametrize("text,seconds", [("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200), ("1.5h", 5400),
                                          ("1d", 86400)])
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "15x", "-5m", "soon"])
def test_parse_interval_refuses(text):
    with pytest.raises(ValueError):
        parse_interval(text)


def test_read_source_list(tmp_path):
    path = tmp_path / "SOURCES.txt"
    path.write_text("# feeds\nhttps://a.test/rss#top  # fragment kept\n\nhttps://b.test/sitemap.xml\n"
                    "https://a.test/rss#top\n", encoding="utf-8")
    assert read_source_list(path) == ["https://a.test/rss#top", "https://b.test/sitemap.xml"]
    path.write_text("https://a.test/rss\nfile:///etc/passwd\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        read_source_list(path)
    assert (info.value.code, info.value.source) == ("E086", f"{path}:2")


_SCRIPT = """
import typer
from onrecord.cli.watch import register
app = typer.Typer()
app.callback()(lambda: None)
register(app)
app()
"""


def test_watch_process_stops_cleanly_on_sigterm(tmp_path, site, config, sources_file):
    db = tmp_path / "term.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-c", _SCRIPT, "watch", str(sources_file), "--every", "1h", "--allow-private",
         "--db", str(db), "--config", str(config)],
        stderr=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "200"})
    try:
        lines = []
        for line in proc.stderr:   # wait for the first cycle's summary line
            lines.append(line)
            if "cycle 1" in line:
                break
        proc.send_signal(signal.SIGTERM)
        rest, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, "".join(lines) + rest
    assert "3 added" in "".join(lines)
    with Store.open(db, StoreSettings()) as store:
        assert store.count_articles() == 3


def test_conditional_get_of_an_unchanged_feed(tmp_path, site, sources_settings, analyzer):
    """A feed with an ETag is fetched with If-None-Match next cycle; 304 lists nothing and costs no body."""
    feeds = [site.url("/feed-etag.rss")]
    with Store.open(tmp_path / "c.duckdb", StoreSettings()) as store, Fetcher(sources_settings) as fetcher:
        first = run_cycle(fetcher, feeds, analyzer, store)
        assert (first.listings, first.unchanged, first.added) == (1, 0, 3)
        second = run_cycle(fetcher, feeds, analyzer, store)
        assert site.request_headers.get("if-none-match") == '"v1"'
        assert site.request_headers.get("if-modified-since") == "Wed, 06 Mar 2024 08:00:00 GMT"
        assert (second.listings, second.unchanged, second.listed, second.requests) == (0, 1, 0, 1)
        assert "1 more unchanged" in second.summary()
        site.feed_version = 2                      # the feed changes: read again, its items already seen
        third = run_cycle(fetcher, feeds, analyzer, store)
        assert (third.listings, third.unchanged, third.listed, third.new) == (1, 0, 3, 0)
    assert _article_hits(site) == [1, 1, 1]


def test_validators_are_kept_only_after_a_complete_cycle(tmp_path, site, sources_settings, analyzer):
    """A cycle stopped before its items are handled keeps no ETag: the next GET is full, nothing is lost."""
    feeds = [site.url("/feed-etag.rss")]
    with Store.open(tmp_path / "v.duckdb", StoreSettings()) as store, Fetcher(sources_settings) as fetcher:
        first = run_cycle(fetcher, feeds, analyzer, store, stop=lambda: sum(_article_hits(site)) >= 1)
        assert first.added == 1
        second = run_cycle(fetcher, feeds, analyzer, store)
        assert "if-none-match" not in site.request_headers
        assert (second.unchanged, second.new, second.added) == (0, 2, 2)
        third = run_cycle(fetcher, feeds, analyzer, store)
        assert third.unchanged == 1 and store.count_articles() == 3


def test_watch_into_a_served_store(tmp_path, site, config, sources_file):
    """`watch --server`: this process fetches, the running server analyses and stores, seen URLs stay here."""
    import time

    import httpx

    from tests.api.test_serve import ONRECORD as CLI, running_server

    db = tmp_path / "served.duckdb"
    Store.open(db, StoreSettings()).close()
    with running_server(db, ONRECORD_API__REFRESH_DELAY="0.2") as base:
        deadline = time.monotonic() + 120
        state = tmp_path / "watch-state.duckdb"
        args = [CLI, "watch", str(sources_file), "--once", "--allow-private", "--server", base, "--state", str(state),
                "--config", str(config)]
        env = {**os.environ, "COLUMNS": "200"}
        first = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
        assert first.returncode == 0, first.stderr
        assert "3 new: 3 added" in first.stderr
        second = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
        assert second.returncode == 0 and "0 new" in second.stderr
        while httpx.get(base + "/api/status").json()["refresh_pending"] and time.monotonic() < deadline:
            time.sleep(0.2)
        assert httpx.get(base + "/api/stats").json()["articles"] == 3
        items = httpx.get(base + "/api/articles").json()["items"]
        record = httpx.get(f"{base}/api/articles/{items[0]['id']}").json()
        provenance = record["article"]["provenance"]
        assert provenance["url"].startswith(site.base + "/news/") and provenance["status"] == 200
        assert provenance["fetched"].endswith("Z")
    assert _article_hits(site) == [1, 1, 1]
    with Store.open(tmp_path / "watch-state.duckdb", StoreSettings()) as kept:
        assert SeenUrls.of(kept).count("added") >= 3 and kept.count_articles() == 0


def test_watch_server_down_leaves_items_for_the_next_cycle(tmp_path, site, sources_settings):
    """No server at the URL: one failed send ends the cycle's sending; nothing is marked seen."""
    from onrecord.api.client import ServerClient
    from onrecord.sources.watch import ServerSink

    from tests.api.test_serve import _free_port

    feeds = [site.url("/feed.rss")]
    with Store.open(tmp_path / "s.duckdb", StoreSettings()) as state, Fetcher(sources_settings) as fetcher, \
            ServerClient(f"http://127.0.0.1:{_free_port()}", backoff=0.0) as client:
        report = run_cycle(fetcher, feeds, None, state, sink=ServerSink(client))
        assert report.new == 3 and report.added == 0
        assert [f.code for f in report.failures] == ["E081", "E081"]
        assert SeenUrls.of(state).count() == 0
    assert sum(_article_hits(site)) == 1      # the items after the first were not fetched
