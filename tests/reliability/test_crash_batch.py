"""`onrecord batch` on 2 workers with workers SIGKILLed mid-run: the output equals an uninterrupted run's."""
from __future__ import annotations

import random

from .crash_helpers import audit_batch, batch_with_worker_kills, run, write_articles

ARTICLES = 6
PARTITION = 2


def test_batch_survives_killed_workers(tmp_path):
    inputs = tmp_path / "articles"
    write_articles(inputs, ARTICLES, seed=13)
    common = ["--workers", "2", "--partition-size", str(PARTITION)]
    reference = tmp_path / "reference"
    done = run(["batch", str(inputs), "--out", str(reference), *common])
    assert done.returncode == 0, done.stderr[-2000:]

    out = tmp_path / "killed"
    args = ["batch", str(inputs), "--out", str(out), *common]
    killed, code = batch_with_worker_kills(args, out, random.Random(17))
    assert len(killed) >= 1, killed
    reruns = 0
    while code != 0 and reruns < 2:            # Dask gave a partition up: a rerun finishes it
        reruns += 1
        code = run(args).returncode
    assert code == 0, killed

    want, got = audit_batch(reference), audit_batch(out)
    assert want.statuses == {"complete": ARTICLES // PARTITION}
    assert got.statuses == want.statuses
    assert len(got.records) == ARTICLES
    assert got.records == want.records
    assert (got.claimed_missing, got.unclaimed, got.temporaries) == ([], [], [])
