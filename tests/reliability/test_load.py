"""Load: bench/load.py at CI size. A second process sends 1,500 requests from 10 concurrent clients to
`onrecord serve` on 127.0.0.1, then `onrecord ingest --server` posts articles while reads go on.
The full run (50 clients, 20,000 requests, 10,000-article store) is in docs/RELIABILITY.md."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_load_and_ingest_while_serving(tmp_path):
    out = tmp_path / "load.json"
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), "--small", "--json", str(out)],
                       capture_output=True, text=True, timeout=900)
    print(r.stdout[-3000:], r.stderr[-3000:])
    result = json.loads(out.read_text())
    assert result["requests"] == 1500 and result["errors"] == 0
    assert result["ingest"]["added"] == result["ingest"]["posted"] > 0
    assert result["ingest"]["read_errors_meanwhile"] == 0 and result["ingest"]["reads_meanwhile"] > 0
    assert result["store"]["after"]["articles"] == result["store"]["before"]["articles"] + result["ingest"]["added"]
    assert result["rss_mib"]["stable"], result["rss_mib"]
    assert result["latency_ms"]["ALL"]["p99"] > 0
    assert result["pass"] and r.returncode == 0
