"""`onrecord batch`, `load` and `export` end to end through the Typer commands."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def cli():
    import typer
    from typer.testing import CliRunner

    from onrecord.cli import scale_cmds

    app = typer.Typer()
    scale_cmds.register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


def test_batch_load_export(cli, tmp_path):
    out, db = tmp_path / "out", tmp_path / "store.duckdb"
    first = cli("batch", FIXTURES, "--out", out, "--workers", 1, "--partition-size", 4)
    assert first.exit_code == 1, first.output               # 07-too-short.txt failed (E007)
    assert "[E007]" in first.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert [p["status"] for p in manifest["partitions"]] == ["complete", "complete"]

    loaded = cli("load", out, "--db", db)
    assert loaded.exit_code == 0, loaded.output
    assert "distinct articles in store" in loaded.output and "│        6 │" in loaded.output

    events = tmp_path / "events.jsonl"
    exported = cli("export", "--db", db, "--format", "plover", "--out", events)
    assert exported.exit_code == 0, exported.output
    assert all(json.loads(line)["event"] for line in events.read_text().splitlines())
    gdelt = tmp_path / "events.tsv"
    assert cli("export", "--db", db, "--format", "gdelt", "--out", gdelt).exit_code == 0
    assert {len(line.split("\t")) for line in gdelt.read_text().splitlines()} == {61}


def test_export_without_store_fails(cli, tmp_path):
    result = cli("export", "--db", tmp_path / "none.duckdb", "--format", "plover", "--out", tmp_path / "x.jsonl")
    assert result.exit_code == 1
    assert "[E036]" in result.output


def test_scheduler_unreachable(cli, tmp_path):
    config = tmp_path / "onrecord.toml"
    config.write_text("[scale]\nconnect_timeout = 1\n")
    result = cli("batch", FIXTURES, "--out", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9", "--config", config)
    assert result.exit_code == 1
    assert "[E092]" in result.output
