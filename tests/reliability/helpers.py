"""Runs one input through Analyzer.run under a time limit and checks what comes out."""
from __future__ import annotations

import resource
import signal
import time
from collections import Counter
from contextlib import contextmanager
from typing import Iterator

from onrecord.model import Failure, Record
from onrecord.pipeline import Analyzer, Source

ENGLISH = ("The finance minister said on Tuesday that the government would not raise taxes this year. "
           "\"We will not change course,\" she told reporters in the capital, adding that the budget "
           "would be presented to parliament next month. Opposition leaders rejected the plan.")


class Hang(Exception):
    """An input took longer than its limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Hang in the main thread when the block runs longer than seconds (Python code only)."""
    def alarm(signum, frame):  # noqa: ARG001
        raise Hang(f"over {seconds} s")
    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def max_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def analyse(analyzer: Analyzer, data: bytes, stats: Counter, *, limit: float = 5.0,
            name: str = "<fuzz>") -> Record | Failure:
    """The one result of data, in under limit seconds; its spans index its text; counted in stats."""
    start = time.monotonic()
    with time_limit(limit * 2):   # the alarm only stops a hang; the bound asserted is limit
        results = list(analyzer.run([Source(name=name, data=data)]))
    elapsed = time.monotonic() - start
    assert len(results) == 1
    result = results[0]
    assert elapsed < limit, f"{name}: {elapsed:.1f} s"
    if isinstance(result, Record):
        result.check_offsets()
        stats["record"] += 1
    else:
        assert isinstance(result, Failure) and result.code.startswith("E") and result.message
        stats[result.code] += 1
    stats["cases"] += 1
    stats["max_seconds_x1000"] = max(stats["max_seconds_x1000"], int(elapsed * 1000))
    return result
