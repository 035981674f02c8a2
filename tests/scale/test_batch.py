"""`run_batch` on a 2-worker LocalCluster: Parquet output equals the single-process records; reruns skip."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = 6                 # fixtures 01–06; 07 is too short (E007)
PARTITION_SIZE = 2


@pytest.fixture(scope="module")
def batch_settings():
    from onrecord.settings import Settings
    return Settings.load(scale={"partition_size": PARTITION_SIZE})


@pytest.fixture(scope="module")
def client(batch_settings):
    from distributed import Client

    from onrecord.scale.runner import local_cluster

    with local_cluster(batch_settings, workers=2) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def batch(tmp_path_factory, batch_settings, client):
    """The output directory of one batch over the fixtures, and its report."""
    from onrecord.scale import run_batch

    out = tmp_path_factory.mktemp("batch")
    report = run_batch([str(FIXTURES)], out, batch_settings, client=client)
    return out, report


@pytest.fixture(scope="module")
def single_process(analyzer):
    """Records of the fixtures analysed in this process, by article id."""
    from onrecord.model import Record
    from onrecord.pipeline import sources_from_paths
    from onrecord.settings import Settings

    results = list(analyzer.run(sources_from_paths([str(FIXTURES)], Settings())))
    return {r.article.id: r for r in results if isinstance(r, Record)}


def parquet_records(out: Path):
    from onrecord.export.tables import read_records
    from onrecord.scale.query import parquet_files

    return [record for _, record in read_records(Path(f) for f in parquet_files(out, "articles"))]


def test_batch_records_equal_single_process(batch, single_process):
    out, report = batch
    records = {r.article.id: r for r in parquet_records(out)}
    assert len(records) == ARTICLES
    assert set(records) == set(single_process)
    for article_id, record in records.items():
        assert record.model_dump_json() == single_process[article_id].model_dump_json()


def test_batch_report_and_manifest(batch):
    out, report = batch
    assert (report.partitions, report.skipped, report.completed, report.failed) == (4, 0, 4, {})
    assert report.counts["articles"] == ARTICLES
    assert [(Path(f.source).name, f.code) for f in report.failures] == [("07-too-short.txt", "E007")]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["format"] == "onrecord-batch/1"
    assert manifest["settings"]["partition_size"] == PARTITION_SIZE
    assert manifest["model"].startswith("en_core_web_sm")
    assert [p["id"] for p in manifest["partitions"]] == ["00000", "00001", "00002", "00003"]
    assert {p["status"] for p in manifest["partitions"]} == {"complete"}
    first = manifest["partitions"][0]
    assert [Path(p).name for p in first["inputs"]] == ["01-grain-corridor.txt", "02-border-shelling.txt"]
    assert first["counts"]["articles"] == 2
    assert "articles/date=2023-04-04/part-00000.parquet" in first["files"]
    assert manifest["partitions"][3]["failures"][0]["code"] == "E007"


def test_batch_layout_partitioned_by_date(batch):
    out, _ = batch
    dates = sorted(p.name for p in (out / "articles").iterdir())
    assert dates == ["date=2023-04-04", "date=2023-05-12", "date=2023-06-01", "date=unknown"]
    # partition 00002 holds 05 (dated) and 06 (undated): one file in each date directory
    assert [p.name for p in (out / "articles" / "date=2023-06-01").iterdir()] == ["part-00002.parquet"]
    assert [p.name for p in (out / "articles" / "date=unknown").iterdir()] == ["part-00002.parquet"]
    assert [p.name for p in (out / "articles" / "date=2023-05-12").iterdir()] == ["part-00001.parquet"]
    assert not list(out.rglob("*.tmp"))


def test_failures_table(batch):
    import pyarrow.parquet as pq

    out, _ = batch
    table = pq.read_table(out / "failures" / "part-00003.parquet")
    assert table.column("code").to_pylist() == ["E007"]
    assert table.column("input_index").to_pylist() == [6]


def test_rerun_skips_complete_partitions(batch, batch_settings, client):
    from onrecord.scale import run_batch

    out, _ = batch
    again = run_batch([str(FIXTURES)], out, batch_settings, client=client)
    assert (again.skipped, again.completed) == (4, 0)


def test_rerun_redoes_an_unfinished_partition(batch, batch_settings, client, tmp_path):
    """A partition the manifest does not mark complete (a killed worker) is redone; a stray temp file is ignored."""
    from onrecord.scale import run_batch

    out = tmp_path / "copy"
    shutil.copytree(batch[0], out)
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["partitions"][1]["status"] = "pending"
    (out / "manifest.json").write_text(json.dumps(manifest))
    stray = out / "articles" / "date=2023-05-12" / ".part-00001.parquet.dead.tmp"
    stray.write_bytes(b"half a file")
    report = run_batch([str(FIXTURES)], out, batch_settings, client=client)
    assert (report.skipped, report.completed) == (3, 1)
    assert report.counts["articles"] == 2
    assert not stray.exists()
    assert len(parquet_records(out)) == ARTICLES


def test_rerun_with_other_settings_is_refused(batch, client):
    from onrecord.errors import ScaleError
    from onrecord.scale import run_batch
    from onrecord.settings import Settings

    out, _ = batch
    with pytest.raises(ScaleError, match=r"\[E091\].*partition_size"):
        run_batch([str(FIXTURES)], out, Settings.load(scale={"partition_size": 3}), client=client)


def test_load_gives_same_article_count(batch, single_process):
    from onrecord.scale import load_parquet
    from onrecord.settings import StoreSettings
    from onrecord.store import Store
    from onrecord.threads import build_threads

    with Store.open(None, StoreSettings()) as store, Store.open(None, StoreSettings()) as direct:
        report = load_parquet(batch[0], store)
        assert (report.added, report.duplicates) == (ARTICLES, 0)
        assert store.count_articles() == ARTICLES
        again = load_parquet(batch[0], store, threads=False)
        assert (again.added, again.duplicates, again.threads) == (0, ARTICLES, None)
        for record in single_process.values():
            direct.add(record)
        assert report.threads == len(build_threads(direct))


def test_parquet_statements_relation(batch, single_process):
    from onrecord.scale import parquet_statements

    relation = parquet_statements(batch[0])
    expected = sum(len(r.statements) for r in single_process.values())
    assert relation.count("*").fetchall() == [(expected,)]
    by_article = dict(relation.aggregate("article_id, count(*)").fetchall())
    assert by_article == {i: len(r.statements) for i, r in single_process.items() if r.statements}


def test_threads_from_parquet_match_store(batch, single_process, settings):
    from onrecord.scale.query import threads_from_parquet
    from onrecord.store import Store
    from onrecord.threads import build_threads

    with Store.open(None, settings.store) as store:
        for record in single_process.values():
            store.add(record)
        expected = [(t.label, len(t.members)) for t in build_threads(store)]
    assert [(t.label, len(t.members)) for t in threads_from_parquet(batch[0], settings)] == expected


def _analyzer_loads() -> int:
    from onrecord.pipeline import get_analyzer
    return get_analyzer.cache_info().misses


def test_each_worker_loads_the_model_once(batch, client):
    loads = client.run(_analyzer_loads)
    assert len(loads) == 2
    assert set(loads.values()) <= {0, 1} and sum(loads.values()) >= 1
