"""Closed word classes for actor resolution, read from data/actor_words.tsv."""
from __future__ import annotations

from functools import lru_cache

from ..lexicons import load_table


@lru_cache(maxsize=None)
def word_class(name: str) -> frozenset[str]:
    """The words of one class in actor_words.tsv."""
    return frozenset(r["word"].lower() for r in load_table("actor_words.tsv", ("word", "class"))
                     if r["class"] == name)
