"""Tests of the `onrecord` command, run as a subprocess from the same environment as pytest."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# the console script installed beside this interpreter, not whatever `onrecord` comes first on PATH
ONRECORD = Path(sys.executable).parent / "onrecord"
if not ONRECORD.exists():
    ONRECORD = Path(shutil.which("onrecord") or "onrecord")


def run_onrecord(*args: str | Path, env: dict[str, str] | None = None, stdin: bytes | None = None,
                 cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `onrecord ARGS` with a clean ONRECORD_* environment and a wide console; capture its output."""
    # the caller's own ONRECORD_* variables would change what is being tested
    base = {k: v for k, v in os.environ.items() if not k.startswith("ONRECORD_")}
    base.update({"COLUMNS": "200", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}, **(env or {}))
    proc = subprocess.run([str(ONRECORD), *map(str, args)], input=stdin, capture_output=True, env=base,
                          cwd=cwd, timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8"),
                                       proc.stderr.decode("utf-8"))
