"""Claim threads: statements across stored articles grouped by the proposition they assert or deny."""
from __future__ import annotations

from ..bulk import collector_paused
from ..store import Store
from .build import group_threads
from .model import Thread, ThreadMember
from .persist import load_threads, save_threads

__all__ = ["build_threads", "load_threads", "Thread", "ThreadMember"]


def build_threads(store: Store, *, persist: bool = True) -> list[Thread]:
    """Threads of every canonical stored article (syndicated copies count once), saved to the store."""
    with collector_paused():
        threads = group_threads(list(store.iter_records(canonical_only=True)), store.settings.thread_min_overlap)
    if persist:
        save_threads(store, threads)
    return threads
