"""MinHash signatures computed in numpy equal the definition in Python's big integers."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.store import minhash


def reference(text: str, permutations: int, words: int) -> tuple[tuple[int, ...], int]:
    grams = minhash.shingles(text, words)
    if not grams:
        return tuple(minhash._PRIME for _ in range(permutations)), 0
    return tuple(min((a * x + b) % minhash._PRIME for x in grams)
                 for a, b in minhash._coefficients(permutations)), len(grams)


def test_signature_equals_the_definition_on_news_text():
    rng = random.Random(5)
    words = "the minister said that russia denied supplying drones to iran on tuesday according to officials".split()
    for n in (1, 3, 6, 40, 900):
        text = " ".join(rng.choice(words) for _ in range(n))
        for perms in (32, 128):
            assert minhash.signature(text, perms, 5) == reference(text, perms, 5)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_signature_equals_the_definition_on_any_text(text):
    assert minhash.signature(text, 64, 3) == reference(text, 64, 3)


def test_mul_mod_at_the_edges():
    import numpy as np

    p = minhash._PRIME
    values = [0, 1, 2, p - 1, p - 2, (1 << 31) - 1, 1 << 31, (1 << 60) + 12345, p // 3]
    a = np.array(values, dtype=np.uint64)[:, None]
    x = np.array(values, dtype=np.uint64)[None, :]
    got = minhash._mul_mod(a, x)
    assert [[int(v) for v in row] for row in got] == [[(i * j) % p for j in values] for i in values]
    big = np.array([(1 << 64) - 1, p, p + 1], dtype=np.uint64)
    assert [int(v) for v in minhash._mod_prime(big)] == [((1 << 64) - 1) % p, 0, 1]
