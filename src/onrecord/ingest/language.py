"""Guesses a text's language from its script and the share of its words that are frequent function words."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from .lexicon import script_blocks, stopwords

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SAMPLE_WORDS = 2000        # the opening of a long article is enough to tell
_SAMPLE_CHARS = 20 * _SAMPLE_WORDS
_MIN_WORDS = 8              # below this, any function-word hit decides
_ENGLISH_RATIO = 0.20       # English news prose runs at 0.35-0.5 on this list
_OTHER_RATIO = 0.15
_DOMINANT_RATIO = 0.01
_DOMINANCE = 3.0
# A verdict is confident enough to refuse a text only with this much evidence:
_SURE_SCRIPT_LETTERS = 40   # letters of a non-Latin script, making up …
_SURE_SCRIPT_SHARE = 0.5    # … at least this share of all letters (English quoting Arabic stays English)
_SURE_WORDS = 20            # words read for a function-word verdict, and that verdict's ratio …
_SURE_OVER_ENGLISH = 2.0    # … at least this many times the English ratio


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """A language code ("en", "fr", "und") and whether the evidence is strong enough to act on."""
    lang: str
    confident: bool


def guess_language(text: str) -> str:
    """ISO 639-1 code of the text's language: "en" when English passes, else the best guess or "und"."""
    return detect_language(text).lang


def detect_language(text: str) -> LanguageGuess:
    """The text's language, by its script first (Arabic, Han, Cyrillic…), then by its function words."""
    sample = text[:_SAMPLE_CHARS]
    script = _script_language(sample)
    words = [w.casefold() for w in _WORD.findall(sample)[:_SAMPLE_WORDS]]
    if not words:
        return LanguageGuess(script.lang if script else "und", script is not None)
    lists = stopwords()
    ratios = sorted(((sum(1 for w in words if w in vocab) / len(words), lang) for lang, vocab in lists.items()),
                    reverse=True)
    (best_ratio, best), (second_ratio, _) = ratios[0], ratios[1]
    english = next(r for r, lang in ratios if lang == "en")
    if script is not None:
        return script
    if len(words) < _MIN_WORDS:
        return LanguageGuess(best if best_ratio > 0 else "und", False)
    sure = len(words) >= _SURE_WORDS and best_ratio >= _SURE_OVER_ENGLISH * english
    if best == "en" and best_ratio >= _ENGLISH_RATIO:
        return LanguageGuess("en", len(words) >= _SURE_WORDS)
    if best_ratio >= _OTHER_RATIO:
        return LanguageGuess(best, sure and best != "en")
    # lists, tables and score sheets have few function words; one language still dominates them
    if best_ratio >= _DOMINANT_RATIO and best_ratio >= _DOMINANCE * second_ratio:
        return LanguageGuess(best, False)
    return LanguageGuess("und", False)


def _script_language(sample: str) -> LanguageGuess | None:
    """The language of a non-Latin script that most letters of the sample are written in, if enough are."""
    blocks = script_blocks()
    starts = [b[0] for b in blocks]
    counts: Counter[str] = Counter()
    letters = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        cp = ord(ch)
        if cp < 0x370:
            continue  # Latin: told apart by function words
        i = bisect_right(starts, cp) - 1
        if i >= 0 and cp <= blocks[i][1]:
            counts[blocks[i][2]] += 1
    if not counts:
        return None
    lang, n = counts.most_common(1)[0]
    if lang == "zh" and counts["ja"]:
        lang, n = "ja", n + counts["ja"]   # kana beside Han characters is Japanese
    if n < _SURE_SCRIPT_LETTERS or n < _SURE_SCRIPT_SHARE * letters:
        return None
    return LanguageGuess(lang, True)
