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


def signature(text: str, permutations: int, shingle_words: int) -> tuple[tuple[int, ...], int]:
    """The MinHash signature of a text (values < 2**61) and the size of its shingle set."""
    grams = shingles(text, shingle_words)
    if not grams:
        return tuple(_PRIME for _ in range(permutations)), 0
    return tuple(min((a * x + b) % _PRIME for x in grams) for a, b in _coefficients(permutations)), len(grams)


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
