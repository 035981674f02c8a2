"""`onrecord serve` runs the real server (uvicorn) on 127.0.0.1: stats, docs, traversal over raw HTTP."""
from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# the installed console script, beside this interpreter
ONRECORD = shutil.which("onrecord", path=str(Path(sys.executable).parent)) or shutil.which("onrecord") or "onrecord"


@contextmanager
def running_server(db: Path, **env: str) -> Iterator[str]:
    """`onrecord serve --db db` on 127.0.0.1 and a free port, with extra environment; yields its base URL."""
    import os

    import httpx

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([ONRECORD, "serve", "--db", str(db), "--port", str(port)], env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
            try:
                httpx.get(base + "/api/status", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)   # http.client sends the path as given: no dot-segment clean-up
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def test_onrecord_serve_answers_on_localhost(api_db, tmp_path):
    db = tmp_path / "served.duckdb"
    shutil.copy(api_db, db)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([ONRECORD, "serve", "--db", str(db), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, log.read_text(errors="replace")
            try:
                status, _, body = _get(port, "/api/stats")
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not answer within 60 s"
                time.sleep(0.2)
        assert status == 200 and b'"canonical"' in body
        status, headers, body = _get(port, "/docs")
        assert status == 200 and b"swagger" in body.lower()
        assert "cdn.jsdelivr.net" in headers["content-security-policy"]
        for path in ("/static/../api/app.py", "/static/../../api/app.py", "/static/%2e%2e/%2e%2e/api/app.py",
                     "/static/..%2f..%2fapi%2fapp.py"):
            status, headers, body = _get(port, path)
            assert status in (400, 404) and b"create_app" not in body, path
        status, headers, _ = _get(port, "/api/stats")
        assert headers["x-content-type-options"] == "nosniff" and "server" not in headers
    finally:
        proc.terminate()
        proc.wait(timeout=20)
