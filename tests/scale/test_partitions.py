"""Partitions of the batch input, the manifest, and Parquet columns against the store schema (no Dask)."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def test_expand_paths_sorted_text_files_only():
    from onrecord.scale.manifest import expand_paths

    names = [Path(p).name for p in expand_paths([str(FIXTURES)])]
    assert names == ["01-grain-corridor.txt", "02-border-shelling.txt", "03-sanctions-vote.txt",
                     "04-flood-aid.txt", "05-port-protest.txt", "06-undated-talks.txt", "07-too-short.txt"]


def test_expand_paths_refuses_stdin():
    from onrecord.errors import ScaleError
    from onrecord.scale.manifest import expand_paths

    with pytest.raises(ScaleError, match=r"\[E090\]"):
        list(expand_paths(["-"]))


@pytest.mark.parametrize("size,expected", [
    (3, [("00000", ("a", "b", "c"), 0), ("00001", ("d", "e", "f"), 3), ("00002", ("g",), 6)]),
    (7, [("00000", ("a", "b", "c", "d", "e", "f", "g"), 0)]),
    (10, [("00000", ("a", "b", "c", "d", "e", "f", "g"), 0)]),
])
def test_make_partitions(size, expected):
    from onrecord.scale.manifest import make_partitions

    parts = make_partitions(list("abcdefg"), size)
    assert [(p.id, p.inputs, p.first_index) for p in parts] == expected


def test_make_partitions_refuses_zero():
    from onrecord.errors import ScaleError
    from onrecord.scale.manifest import make_partitions

    with pytest.raises(ScaleError, match=r"\[E097\]"):
        make_partitions(["a"], 0)


def test_manifest_plan_keeps_complete_partitions(tmp_path):
    from onrecord.scale.manifest import Manifest, PartitionResult, make_partitions
    from onrecord.settings import Settings

    settings = Settings()
    parts = make_partitions(["a", "b", "c"], 2)
    manifest = Manifest.open(tmp_path, settings)
    assert [p.id for p in manifest.plan(parts)] == ["00000", "00001"]
    (tmp_path / "x.parquet").write_bytes(b"")
    manifest.complete(PartitionResult("00000", ["x.parquet"], {"articles": 2}, [], 1.0, "en_test 1", "w:1"))
    manifest.save()
    reopened = Manifest.open(tmp_path, settings)
    assert reopened.model == "en_test 1"
    assert [p.id for p in reopened.plan(parts)] == ["00001"]
    # other inputs under the same id, or a missing file, make it due again
    assert [p.id for p in Manifest.open(tmp_path, settings).plan(make_partitions(["a", "z", "c"], 2))] == [
        "00000", "00001"]
    (tmp_path / "x.parquet").unlink()
    assert [p.id for p in Manifest.open(tmp_path, settings).plan(parts)] == ["00000", "00001"]


def test_manifest_unreadable(tmp_path):
    from onrecord.errors import ScaleError
    from onrecord.scale.manifest import Manifest
    from onrecord.settings import Settings

    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(ScaleError, match=r"\[E090\].*unreadable manifest"):
        Manifest.open(tmp_path, Settings())


@pytest.mark.parametrize("table", ["articles", "actors", "statements", "events", "amounts"])
def test_parquet_columns_mirror_store(table):
    """Parquet tables have the store's columns in its order, less the columns only the store can assign."""
    from onrecord.export.tables import columns
    from onrecord.settings import StoreSettings
    from onrecord.store import Store

    with Store.open(None, StoreSettings()) as store:
        stored = [r[0] for r in store.conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table]).fetchall()]
    store_only = {"dup_group", "similarity", "added_at"}
    assert [c for c in columns(table) if c != "input_index"] == [c for c in stored if c not in store_only]


def test_load_without_output_is_an_error(tmp_path):
    from onrecord.errors import ScaleError
    from onrecord.scale import load_parquet
    from onrecord.settings import StoreSettings
    from onrecord.store import Store

    with Store.open(None, StoreSettings()) as store, pytest.raises(ScaleError, match=r"\[E094\]"):
        load_parquet(tmp_path, store)
