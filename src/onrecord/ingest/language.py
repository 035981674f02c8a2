"""Guesses a text's language from the share of its words that are frequent function words."""
from __future__ import annotations

import re

from .lexicon import stopwords

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SAMPLE_WORDS = 2000        # the opening of a long article is enough to tell
_MIN_WORDS = 8              # below this, any function-word hit decides
_ENGLISH_RATIO = 0.20       # English news prose runs at 0.35-0.5 on this list
_OTHER_RATIO = 0.15
_DOMINANT_RATIO = 0.01
_DOMINANCE = 3.0


def guess_language(text: str) -> str:
    """ISO 639-1 code of the text's language: "en" when English passes, else the best guess or "und"."""
    words = [w.casefold() for w in _WORD.findall(text, 0, 20 * _SAMPLE_WORDS)[:_SAMPLE_WORDS]]
    if not words:
        return "und"
    lists = stopwords()
    ratios = sorted(((sum(1 for w in words if w in vocab) / len(words), lang) for lang, vocab in lists.items()),
                    reverse=True)
    (best_ratio, best), (second_ratio, _) = ratios[0], ratios[1]
    if len(words) < _MIN_WORDS:
        return best if best_ratio > 0 else "und"
    if best == "en" and best_ratio >= _ENGLISH_RATIO:
        return "en"
    if best_ratio >= _OTHER_RATIO:
        return best
    # lists, tables and score sheets have few function words; one language still dominates them
    if best_ratio >= _DOMINANT_RATIO and best_ratio >= _DOMINANCE * second_ratio:
        return best
    return "und"
