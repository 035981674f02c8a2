"""MinHash signatures over word shingles, and LSH band keys, for finding syndicated copies.

A signature holds, for each of k hash functions h_i(x) = (a_i·x + b_i) mod p over a 61-bit
Mersenne prime, the minimum over the article's shingles. The share of equal positions in two
signatures estimates the Jaccard similarity of their shingle sets. Bands of r rows are hashed
to one bucket each; two articles sharing any bucket are candidates (Leskovec et al., Mining of
Massive Datasets, ch. 3).
"""
from __future__ import annotations

import hashlib
import random
import re
import struct
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_PRIME = (1 << 61) - 1
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def normalise(text: str) -> str:
    """Case-folded, NFKC text with whitespace collapsed: what counts as "the same text"."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[int]:
    """64-bit hashes of the text's word `size`-grams (the whole text when it is shorter)."""
    words = _WORD.findall(normalise(text))
    grams = [" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))]
    return {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little")
            for g in grams if g}


@lru_cache(maxsize=4)
def _coefficients(permutations: int) -> tuple[tuple[int, int], ...]:
    # fixed seed: signatures must be comparable across runs and processes
    rng = random.Random(20220922)
    return tuple((rng.randrange(1, _PRIME), rng.randrange(0, _PRIME)) for _ in range(permutations))


@lru_cache(maxsize=4)
def _coefficient_arrays(permutations: int) -> tuple["np.ndarray", "np.ndarray"]:
    import numpy as np

    coeffs = _coefficients(permutations)
    return (np.array([a for a, _ in coeffs], dtype=np.uint64)[:, None],
            np.array([b for _, b in coeffs], dtype=np.uint64)[:, None])


def _mod_prime(v: "np.ndarray") -> "np.ndarray":
    """v mod 2**61 - 1 for uint64 v (a Mersenne prime: fold the high bits onto the low)."""
    import numpy as np

    p = np.uint64(_PRIME)
    v = (v & p) + (v >> np.uint64(61))
    v = (v & p) + (v >> np.uint64(61))
    return np.where(v >= p, v - p, v)


def _mul_mod(a: "np.ndarray", x: "np.ndarray") -> "np.ndarray":
    """a·x mod 2**61 - 1 for a, x < 2**61, in uint64 without overflow: 31-bit halves, 2**61 ≡ 1."""
    import numpy as np

    low31, low30 = np.uint64((1 << 31) - 1), np.uint64((1 << 30) - 1)
    s31, s30 = np.uint64(31), np.uint64(30)
    a1, a0 = a >> s31, a & low31
    x1, x0 = x >> s31, x & low31
    mid = a1 * x0 + a0 * x1                        # < 2**62
    # a·x = a1x1·2**62 + mid·2**31 + a0x0, with 2**62 ≡ 2 and mid·2**31 ≡ (mid >> 30) + (mid & 2**30-1)·2**31
    total = (a1 * x1) * np.uint64(2) + (mid >> s30) + ((mid & low30) << s31) + a0 * x0   # < 2**64
    return _mod_prime(total)


def signature(text: str, permutations: int, shingle_words: int) -> tuple[tuple[int, ...], int]:
    """The MinHash signature of a text (values < 2**61) and the size of its shingle set.

    Position i is min over shingles x of (a_i·x + b_i) mod (2**61 - 1), computed in numpy with
    exact modular arithmetic (equal to Python's big integers: `tests/store/test_minhash.py`).
    """
    import numpy as np

    grams = shingles(text, shingle_words)
    if not grams:
        return tuple(_PRIME for _ in range(permutations)), 0
    a, b = _coefficient_arrays(permutations)
    x = _mod_prime(np.fromiter(grams, dtype=np.uint64, count=len(grams)))[None, :]
    values = _mod_prime(_mul_mod(a, x) + b)        # each term < 2**61, so the sum fits
    return tuple(int(v) for v in values.min(axis=1)), len(grams)


def band_keys(sig: tuple[int, ...], bands: int) -> list[tuple[int, int]]:
    """(band, bucket) pairs: each band's rows hashed to a signed 64-bit bucket."""
    rows = len(sig) // bands
    out = []
    for band in range(bands):
        chunk = struct.pack(f"<{rows}Q", *sig[band * rows:(band + 1) * rows])
        bucket = int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True)
        out.append((band, bucket))
    return out


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of the smaller shingle set found in the larger, from a Jaccard estimate and set sizes.

    |A∩B| = J·(|A|+|B|)/(1+J); syndicated copies are often cut short, which lowers Jaccard
    but not containment.
    """
    if min(size_a, size_b) <= 0:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / (1 + jaccard) / min(size_a, size_b))


def similarity(a: tuple[int, ...] | list[int], b: tuple[int, ...] | list[int]) -> float:
    """Jaccard estimate: the share of positions where two signatures agree."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)
