"""`onrecord eval gold`: JSON figures, floors and exit codes, and agreement with the shared reference scorer."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SHARED, needs_shared

from . import ONRECORD, run_onrecord

FIXTURE_GOLD = sorted((FIXTURES / "gold").glob("*.json"))
ONE_GOLD = FIXTURES / "gold" / "06-unsc-syria-veto.json"
SEED_GOLD = SHARED / "gold" / "seed.json"
REFERENCE = SHARED / "tools" / "score_gold.py"
SEED_FLOORS = ("--require-text", "--min-statements", "0.9", "--min-stance", "1.0", "--min-events", "0.8")
FIGURES = ("statements", "stance", "events", "amounts", "text", "meta")


def reference_line(totals: dict) -> str:
    """onrecord's --json totals laid out as the last line the reference scorer prints."""
    s, e, t = totals["statements"], totals["events"], totals
    return (f"statements F1 {s['f1']:.3f} (P {s['precision']:.3f} R {s['recall']:.3f}); "
            f"stance {t['stance']['rate']:.3f}; events F1 {e['f1']:.3f} (P {e['precision']:.3f} R {e['recall']:.3f}); "
            f"text {t['text']['ok']}/{t['text']['total']}; meta {t['meta']['ok']}/{t['meta']['total']}; "
            f"amounts {t['amounts']['ok']}/{t['amounts']['total']}; failed runs {t['failed_runs']}")


def run_reference(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REFERENCE), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def fixture_eval():
    return run_onrecord("eval", "gold", *FIXTURE_GOLD, "--json", "--quiet", cwd=ROOT)


@pytest.fixture(scope="module")
def seed_eval():
    return run_onrecord("eval", "gold", SEED_GOLD, *SEED_FLOORS, "--json", cwd=ROOT)


def test_eval_gold_json_prints_totals(fixture_eval):
    assert fixture_eval.returncode == 0, fixture_eval.stderr[-2000:]
    report = json.loads(fixture_eval.stdout)
    assert [a["id"] for a in report["articles"]] == [json.loads(p.read_text())["id"] for p in FIXTURE_GOLD]
    assert report["failures"] == []
    totals = report["totals"]
    assert set(FIGURES) <= set(totals) and totals["failed_runs"] == 0
    assert set(totals["statements"]) == {"tp", "fp", "fn", "precision", "recall", "f1"}
    # every required gold statement is either found or missed
    required = sum(not s.get("optional") for p in FIXTURE_GOLD for s in json.loads(p.read_text())["statements"])
    assert totals["statements"]["tp"] + totals["statements"]["fn"] == required
    assert 0.0 <= totals["statements"]["f1"] <= 1.0


def test_eval_gold_exits_1_below_a_floor():
    proc = run_onrecord("eval", "gold", ONE_GOLD, "--min-statements", "1.01", "--json", cwd=ROOT)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["totals"]["statements"]["f1"] <= 1.0
    assert "below the required floors" in proc.stderr
    assert "Traceback" not in proc.stderr


@needs_shared
def test_eval_gold_seed_meets_the_acceptance_floor(seed_eval):
    assert seed_eval.returncode == 0, seed_eval.stdout[-3000:] + seed_eval.stderr[-2000:]
    totals = json.loads(seed_eval.stdout)["totals"]
    assert totals["amounts"]["ok"] == totals["amounts"]["total"] == 1
    assert totals["text"]["ok"] == totals["text"]["total"]
    assert totals["meta"]["ok"] == totals["meta"]["total"]


@needs_shared
def test_reference_scorer_passes_the_seed_and_agrees(seed_eval):
    proc = run_reference(SEED_GOLD, "--cmd", f"{ONRECORD} analyze {{input}} --format json", *SEED_FLOORS)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "amounts 1/1" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == reference_line(json.loads(seed_eval.stdout)["totals"])


@needs_shared
def test_reference_scorer_agrees_on_the_fixtures(fixture_eval, tmp_path):
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in FIXTURE_GOLD]
    # the default base: each gold file's grandparent
    inputs = [p.parent.parent / g["input"] for p, g in zip(FIXTURE_GOLD, golds)]
    # one analyze run for all articles (one model load); the reference then reads --records DIR/<id>.json
    run = run_onrecord("analyze", *inputs, "--format", "jsonl", cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert len(lines) == len(golds)
    for gold, line in zip(golds, lines):
        (tmp_path / f"{gold['id']}.json").write_text(line, encoding="utf-8")
    proc = run_reference(*FIXTURE_GOLD, "--records", tmp_path, "--quiet")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1] == reference_line(json.loads(fixture_eval.stdout)["totals"])


def test_eval_gold_malformed_file_is_one_error_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x"}', encoding="utf-8")
    proc = run_onrecord("eval", "gold", bad, "--json", cwd=ROOT)
    assert proc.returncode == 1
    assert "[E050]" in proc.stderr and str(bad) in proc.stderr
    assert "Traceback" not in proc.stderr
