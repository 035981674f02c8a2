"""`onrecord analyze` as a user runs it: formats, inputs, dates, verbatim text, bad inputs, help."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, SHARED, needs_shared

from . import run_onrecord

HERE = Path(__file__).resolve().parent / "fixtures"
ARTICLE_01 = FIXTURES / "articles" / "01-eu-iran-sanctions.txt"
ARTICLE_03 = FIXTURES / "articles" / "03-yemen-truce.html"   # its page carries a date (2022-10-03)
NORWAY = HERE / "articles" / "a-norway-talks.txt"            # our own short pages carry no date
GHANA = HERE / "articles" / "b-ghana-aid.txt"
STDIN_ARTICLE = HERE / "stdin-article.txt"
LATIN1 = HERE / "tricky" / "latin1-accents.txt"
NAV_ONLY = HERE / "tricky" / "nav-only.html"

TOP_KEYS = {"format", "article", "actors", "statements", "events", "amounts"}
ARTICLE_KEYS = {"id", "source", "title", "authors", "published", "dateline", "publisher", "language", "text",
                "removed", "repairs"}


def _jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def json_run():
    return run_onrecord("analyze", ARTICLE_01, "--format", "json")


@pytest.fixture(scope="module")
def jsonl_run():
    """A file, a directory and stdin in one run, with a fallback publication date."""
    return run_onrecord("analyze", ARTICLE_03, NORWAY.parent, "-", "--format", "jsonl",
                        "--published", "2022-09-22", stdin=STDIN_ARTICLE.read_bytes())


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory):
    """Good and bad inputs mixed, under a 1000-byte cap; returns the run and {bad path: expected code}."""
    tmp = tmp_path_factory.mktemp("bad")
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    png = tmp / "picture.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00")
    big = tmp / "big.txt"
    big.write_text("The minister said the talks would continue next week in Geneva. " * 20, encoding="utf-8")
    missing = tmp / "missing.txt"
    bad = {empty: "E001", png: "E002", big: "E004", NAV_ONLY: "E005", missing: "E006"}
    inputs = [NORWAY, empty, png, LATIN1, big, NAV_ONLY, missing, GHANA]
    proc = run_onrecord("analyze", *inputs, "--format", "jsonl", env={"ONRECORD_INGEST__MAX_BYTES": "1000"})
    return proc, bad


def test_analyze_json_prints_one_onrecord_record(json_run):
    assert json_run.returncode == 0, json_run.stderr
    record = json.loads(json_run.stdout)
    assert record["format"] == "onrecord/1"
    assert TOP_KEYS <= set(record)
    assert ARTICLE_KEYS <= set(record["article"])
    assert record["article"]["source"] == str(ARTICLE_01)
    assert record["article"]["language"] == "en"
    assert "The European Union on Thursday imposed sanctions" in record["article"]["text"]


def _missing_keys(example, actual, where: str = "") -> list[str]:
    """Keys of the documented example absent from the actual record (lists: their first items)."""
    if isinstance(example, list):
        return _missing_keys(example[0], actual[0], where + "[0]") if example and actual else []
    if not isinstance(example, dict) or not isinstance(actual, dict):
        return []
    out = [f"{where}.{k}" for k in example if k not in actual]
    for k in example:
        if k in actual:
            out += _missing_keys(example[k], actual[k], f"{where}.{k}")
    return out


@needs_shared
def test_analyze_json_has_every_key_of_the_documented_record(json_run):
    doc = (SHARED / "docs" / "record-format.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.DOTALL).group(1))
    record = json.loads(json_run.stdout)
    assert set(example) <= set(record)
    assert _missing_keys(example, record) == []


def test_analyze_jsonl_one_record_per_line_in_input_order(jsonl_run):
    assert jsonl_run.returncode == 0, jsonl_run.stderr
    lines = jsonl_run.stdout.splitlines()
    assert len(lines) == 4
    # a directory contributes its files sorted by name; "-" is named <stdin>
    assert [json.loads(line)["article"]["source"] for line in lines] == [
        str(ARTICLE_03), str(NORWAY), str(GHANA), "<stdin>"]
    assert all(json.loads(line)["format"] == "onrecord/1" for line in lines)


def test_analyze_reads_stdin(jsonl_run):
    record = _jsonl(jsonl_run.stdout)[3]
    assert record["article"]["title"] == "Kenya and Tanzania sign trade pact"
    assert record["article"]["text"].startswith("Kenya and Tanzania signed an agreement on Monday")


def test_analyze_published_flag_fills_a_missing_date(jsonl_run):
    records = _jsonl(jsonl_run.stdout)
    assert [r["article"]["published"][:10] for r in records[1:]] == ["2022-09-22"] * 3


def test_analyze_published_flag_does_not_override_the_page_date(jsonl_run):
    assert _jsonl(jsonl_run.stdout)[0]["article"]["published"][:10] == "2022-10-03"


def test_analyze_table_prints_readable_tables():
    proc = run_onrecord("analyze", NORWAY, "--format", "table")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Norway says Colombia peace talks will resume" in out
    for heading in ("Statements", "Events", "speaker", "cue", "trigger"):
        assert heading in out
    assert "denied" in out
    assert not out.lstrip().startswith("{")


def test_analyze_verbatim_keeps_the_input_text_exactly():
    proc = run_onrecord("analyze", NORWAY, "--verbatim", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["article"]["text"] == NORWAY.read_bytes().decode("utf-8")
    # verbatim means no cleaning: the headline stays in the body and nothing is listed as removed
    assert record["article"]["removed"] == []


def test_analyze_bad_inputs_exit_1(bad_batch):
    proc, _ = bad_batch
    assert proc.returncode == 1


def test_analyze_bad_inputs_one_stderr_line_each(bad_batch):
    proc, bad = bad_batch
    lines = proc.stderr.splitlines()
    for path, code in bad.items():
        hits = [line for line in lines if str(path) in line]
        assert len(hits) == 1, (path, proc.stderr)
        assert f"[{code}]" in hits[0]
    assert "Traceback" not in proc.stderr
    assert "5 of 8 inputs failed" in proc.stderr


def test_analyze_bad_inputs_still_prints_the_good_ones(bad_batch):
    proc, _ = bad_batch
    records = _jsonl(proc.stdout)
    assert [r["article"]["source"] for r in records] == [str(NORWAY), str(LATIN1), str(GHANA)]


def test_analyze_decodes_latin1(bad_batch):
    proc, _ = bad_batch
    text = _jsonl(proc.stdout)[1]["article"]["text"]
    assert LATIN1.read_bytes().decode("latin-1").splitlines()[2] in text
    for word in ("José Ramírez", "Genève", "Hôtel Président", "Zürich", "café"):
        assert word in text


def test_help_is_instant_and_lists_analyze():
    # a model that cannot exist: --help must not try to load one
    proc = run_onrecord("--help", env={"ONRECORD_NLP__MODELS": "no_such_model_xyz"})
    assert proc.returncode == 0, proc.stderr
    assert "analyze" in proc.stdout
    assert "eval" in proc.stdout
    sub = run_onrecord("analyze", "--help", env={"ONRECORD_NLP__MODELS": "no_such_model_xyz"})
    assert sub.returncode == 0
    assert "--format" in sub.stdout and "--published" in sub.stdout


def test_analyze_without_a_model_says_so_in_one_line():
    proc = run_onrecord("analyze", NORWAY, "--format", "json",
                        env={"ONRECORD_NLP__MODELS": "no_such_model_xyz"})
    assert proc.returncode == 1
    assert "[E010]" in proc.stderr and "no_such_model_xyz" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_analyze_unknown_format_is_a_usage_error():
    proc = run_onrecord("analyze", NORWAY, "--format", "xml")
    assert proc.returncode == 2
    assert "xml" in proc.stderr


def test_analyze_error_line_keeps_brackets_in_paths(tmp_path):
    draft, closing = tmp_path / "notes[draft].txt", tmp_path / "a[/b].txt"
    proc = run_onrecord("analyze", draft, closing, "--format", "jsonl")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "MarkupError" not in proc.stderr
    assert f"{draft}: [E006]" in proc.stderr
    assert f"{closing}: [E006]" in proc.stderr


def test_analyze_table_shows_bracketed_article_text(tmp_path):
    page = tmp_path / "brackets.txt"
    page.write_text("Talks resume in Geneva\n\nThe foreign minister of Norway said on Tuesday that the "
                    "talks [/b] would resume next week in Geneva.\n", encoding="utf-8")
    proc = run_onrecord("analyze", page, "--format", "table")
    assert proc.returncode == 0, proc.stderr[-500:]
    assert "[/b]" in proc.stdout


def test_analyze_unknown_setting_is_one_error_line():
    proc = run_onrecord("analyze", NORWAY, "--format", "json", env={"ONRECORD_NLP__BATCH_SIZ": "8"})
    assert proc.returncode in (1, 2)
    assert "batch_siz" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 2
