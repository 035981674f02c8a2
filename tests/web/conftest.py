"""Browser-test fixtures: a store of the example corpus, `onrecord serve` on it, and headless Chromium."""
from __future__ import annotations

import importlib.util
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
CORPUS = ROOT / "examples" / "corpus"
SEED = SHARED / "seed" / "000_f550be25ed6773a1.txt"
MARKUP_ARTICLE = Path(__file__).parent / "fixtures" / "markup-as-text.txt"
ARTIFACTS = ROOT / "test-artifacts"
# The entry point of the installed CLI, run with this interpreter (no reliance on PATH).
CLI = [sys.executable, "-c", "from onrecord.cli.app import main; main()"]

if not CHROMIUM.is_file():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium); browser tests need it", allow_module_level=True)
if importlib.util.find_spec("onrecord.api") is None:
    pytest.skip("onrecord.api is not importable yet: the web app has no server to run against", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 (loopback test server)
        return json.loads(resp.read().decode("utf-8"))


def _wait_for(url: str, proc: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"onrecord serve exited with {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}")
        try:
            _get_json(url)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise RuntimeError(f"onrecord serve did not answer {url} within {timeout:.0f}s")


def corpus_inputs() -> list[Path]:
    """The example articles (not the README or threads.json), the seed when ../shared is present, our markup article."""
    inputs = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    if SEED.is_file():
        inputs.append(SEED)
    return [*inputs, MARKUP_ARTICLE]


def _skip_without_serve() -> None:
    """Skip when this checkout's CLI has no `serve` command yet (the API is being written)."""
    probe = subprocess.run([*CLI, "serve", "--help"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    if probe.returncode != 0:
        reason = next((line.strip(" │") for line in probe.stderr.splitlines() if "No such command" in line), "serve --help failed")
        pytest.skip(f"`onrecord serve` is not available in this checkout (is it registered in cli/app.py?): {reason}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of `onrecord serve` over a fresh store of the corpus (plus the seed and the markup article)."""
    _skip_without_serve()
    db = tmp_path_factory.mktemp("web") / "web.duckdb"
    ingest = subprocess.run([*CLI, "ingest", *map(str, corpus_inputs()), "--db", str(db)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert ingest.returncode == 0, ingest.stderr
    port = _free_port()
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/api/stats", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def api(server: str):
    """GET a path of the JSON API and return the parsed body."""
    return lambda path: _get_json(server + path)


@pytest.fixture(scope="session")
def browser() -> Iterator["sync_api.Browser"]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server: str) -> Iterator["sync_api.Page"]:
    """A fresh page at 1440×1000; console errors and page errors fail the test."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, base_url=server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None)
    yield page
    context.close()
    assert errors == []


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def open_route(page, route: str, name: str) -> None:
    """Go to a hash route and wait until that view has rendered."""
    page.evaluate("document.getElementById('main') && document.getElementById('main').removeAttribute('data-ready')")
    page.goto("/" + route)
    page.wait_for_selector(f"main[data-ready='{name}']")
