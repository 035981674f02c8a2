"""Article-body extraction on the scrapinghub benchmark: onrecord's HTML ingest against trafilatura.

The metric is the benchmark's own: texts are split into `\\w+` tokens; the multisets of word
4-gram shingles of prediction and gold are compared; per page, true positives, false positives
and false negatives are normalised to sum to 1; precision and recall are averaged over pages and
F1 is computed from those averages. trafilatura runs on the same pages in the same process with
`extract(html, include_comments=False)`, the configuration behind its published figure on this
benchmark (F1 0.960), so the two figures are comparable.
"""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import InputError

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of word n-grams of a text (\\w+ tokens, as written)."""
    words = _WORD.findall(text or "")
    return Counter(tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1)))


def page_scores(predicted: str, gold: str) -> tuple[float, float]:
    """(precision, recall) of one page after normalising tp, fp, fn to sum to 1."""
    p, g = shingles(predicted), shingles(gold)
    tp = sum((p & g).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


@dataclass
class SystemScore:
    name: str
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    failures: int = 0

    @property
    def p(self) -> float:
        return sum(self.precision) / len(self.precision) if self.precision else 0.0

    @property
    def r(self) -> float:
        return sum(self.recall) / len(self.recall) if self.recall else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"system": self.name, "pages": len(self.precision), "precision": round(self.p, 4),
                "recall": round(self.r, 4), "f1": round(self.f1, 4), "failures": self.failures}


@dataclass
class ExtractionReport:
    systems: list[SystemScore]

    def get(self, name: str) -> SystemScore:
        return next(s for s in self.systems if s.name == name)

    def to_dict(self) -> dict[str, Any]:
        return {"benchmark": "scrapinghub article-extraction", "systems": [s.to_dict() for s in self.systems]}


def load_pages(data_dir: Path, limit: int | None = None) -> list[tuple[str, bytes, str]]:
    """(page id, HTML bytes, gold body) for the benchmark's pages, sorted by id."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[: limit or None]:
        path = data_dir / "html" / f"{key}.html.gz"
        pages.append((key, gzip.decompress(path.read_bytes()), truth[key].get("articleBody") or ""))
    return pages


def evaluate_extraction(data_dir: Path, onrecord_body: Callable[[bytes, str], str],
                        limit: int | None = None, with_trafilatura: bool = True) -> ExtractionReport:
    """Score onrecord's body text (and trafilatura's, in the same run) on the benchmark pages.

    `onrecord_body(html_bytes, source)` returns the cleaned article text; an InputError (no body)
    scores the page as empty."""
    ours = SystemScore("onrecord")
    theirs = SystemScore("trafilatura")
    for key, html, gold in load_pages(data_dir, limit):
        try:
            text = onrecord_body(html, key)
        except InputError:
            text = ""
            ours.failures += 1
        p, r = page_scores(text, gold)
        ours.precision.append(p)
        ours.recall.append(r)
        if with_trafilatura:
            import trafilatura

            plain = trafilatura.extract(html.decode("utf-8", errors="replace"), include_comments=False) or ""
            if not plain:
                theirs.failures += 1
            p, r = page_scores(plain, gold)
            theirs.precision.append(p)
            theirs.recall.append(r)
    return ExtractionReport(systems=[ours] + ([theirs] if with_trafilatura else []))
