"""`onrecord ingest` and `onrecord threads`, run in-process (the session's model is reused)."""
from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from onrecord.cli.store_cmds import register

from .conftest import FIXTURES


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """test root"""

    register(app)
    return app


def test_ingest_then_threads(tmp_path, analyzer):
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    first = runner.invoke(_app(), ["ingest", str(FIXTURES), "--db", str(db)])
    again = runner.invoke(_app(), ["ingest", str(FIXTURES), "--db", str(db)])
    missing = runner.invoke(_app(), ["ingest", str(tmp_path / "nope.txt"), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "near-duplicates" in first.output and "distinct articles in store" in first.output
    assert again.exit_code == 0
    assert missing.exit_code == 1 and "E006" in missing.output
    listed = runner.invoke(_app(), ["threads", "--db", str(db), "--format", "json", "--min-members", "2"])
    assert listed.exit_code == 0, listed.output
    threads = json.loads(listed.stdout)
    assert [[(m["speaker_country"], m["stance"]) for m in t["members"]] for t in threads] == [
        [("KEN", "alleged"), ("ETH", "denied")]]
    assert threads[0]["status"] == "disputed"


def test_threads_without_store_fails(tmp_path):
    result = CliRunner().invoke(_app(), ["threads", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "E036" in result.output
