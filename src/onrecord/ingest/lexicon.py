"""Ingest's word lists (boilerplate, calendar words, time zones, stop words), read once per process."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import load_table

_EDGE = re.compile(r"^[\s»›>•·*#|:\-–—→]+|[\s»›>•·*#|:.!…\-–—→]+$")
# a trailing count ("Comments (3)") or duration ("Listen (5 min)", "Listen to this article 4 min")
_COUNT = re.compile(r"\s*(?:\(\d[\d,]*\)|\[\d[\d,]*\]|\d[\d,]*"
                    r"|\(?\d{1,3}\s*(?:min|mins|minutes?|sec|secs|seconds?)\.?\)?)$")
_SPACES = re.compile(r"\s+")


def norm_phrase(text: str) -> str:
    """Lower-cased phrase without edge punctuation, bullets or a trailing count."""
    text = text.replace("’", "'").replace("‘", "'").casefold()
    text = _EDGE.sub("", text)
    text = _COUNT.sub("", text)
    text = _EDGE.sub("", text)
    return _SPACES.sub(" ", text)


@dataclass(frozen=True)
class Boilerplate:
    """The rows of boilerplate.tsv grouped by kind."""
    lines: dict[str, str]
    prefixes: tuple[tuple[str, str], ...]
    sections: frozenset[str]
    placeholders: frozenset[str]
    roles: frozenset[str]
    legal: frozenset[str]
    promos: dict[str, str]
    promo_calls: frozenset[str]
    promo_nouns: frozenset[str]
    promo_marks: frozenset[str]
    credits: frozenset[str]
    media: frozenset[str]
    caption_ends: frozenset[str]
    bio_verbs: frozenset[str]
    bio_copulas: frozenset[str]
    jobs: frozenset[str]


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    """Boilerplate phrases and byline vocabulary from boilerplate.tsv."""
    rows = load_table("boilerplate.tsv", required=("kind", "phrase"))
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append((row["phrase"].casefold(), row.get("reason", "")))
    return Boilerplate(
        lines={norm_phrase(p): r for p, r in by_kind.get("line", [])},
        # longest first so "read more about" wins over "read more"
        prefixes=tuple(sorted(by_kind.get("prefix", []), key=lambda x: -len(x[0]))),
        sections=frozenset(p for p, _ in by_kind.get("section", [])),
        placeholders=frozenset(p for p, _ in by_kind.get("placeholder", [])),
        roles=frozenset(p for p, _ in by_kind.get("role", [])),
        legal=frozenset(p for p, _ in by_kind.get("legal", [])),
        promos=dict(by_kind.get("promo", []) + by_kind.get("promo-call", [])),
        promo_calls=frozenset(p for p, _ in by_kind.get("promo-call", [])),
        promo_nouns=frozenset(p for p, _ in by_kind.get("promo-noun", [])),
        promo_marks=frozenset(p for p, _ in by_kind.get("promo-mark", [])),
        credits=frozenset(p for p, _ in by_kind.get("credit", [])),
        media=frozenset(p for p, _ in by_kind.get("media", [])),
        caption_ends=frozenset(p for p, _ in by_kind.get("caption-end", [])),
        bio_verbs=frozenset(p for p, _ in by_kind.get("bio-verb", [])),
        bio_copulas=frozenset(p for p, _ in by_kind.get("bio-copula", [])),
        jobs=frozenset(p for p, _ in by_kind.get("job", [])),
    )


@dataclass(frozen=True)
class DateWords:
    """Month numbers, weekday names and timestamp labels from ingest_dates.tsv."""
    months: dict[str, int]
    weekdays: frozenset[str]
    labels: dict[str, str]
    units: frozenset[str]
    ago: frozenset[str]
    pages: frozenset[str]


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    """Calendar words from ingest_dates.tsv."""
    rows = load_table("ingest_dates.tsv", required=("kind", "word"))
    months = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "month"}
    weekdays = frozenset(r["word"] for r in rows if r["kind"] == "weekday")
    labels = {r["word"]: r["value"] for r in rows if r["kind"] == "label"}

    def kind(name: str) -> frozenset[str]:
        return frozenset(r["word"] for r in rows if r["kind"] == name)

    return DateWords(months=months, weekdays=weekdays, labels=labels,
                     units=kind("unit"), ago=kind("ago"), pages=kind("page"))


@lru_cache(maxsize=1)
def timezones() -> dict[str, str]:
    """Zone abbreviation → IANA name or fixed offset, from ingest_timezones.tsv."""
    return {r["abbr"]: r["zone"] for r in load_table("ingest_timezones.tsv", required=("abbr", "zone"))}


@lru_cache(maxsize=1)
def homoglyphs() -> dict[str, str]:
    """Stand-in letter → the digit it looks like, from ingest_homoglyphs.tsv."""
    return {r["letter"]: r["digit"] for r in load_table("ingest_homoglyphs.tsv", required=("letter", "digit"))}


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Language code → frequent function words, from ingest_stopwords.tsv."""
    rows = load_table("ingest_stopwords.tsv", required=("lang", "words"))
    return {r["lang"]: frozenset(r["words"].split()) for r in rows}


@lru_cache(maxsize=1)
def script_blocks() -> tuple[tuple[int, int, str], ...]:
    """(first, last, lang) code-point blocks of scripts that are not English, from ingest_scripts.tsv."""
    rows = load_table("ingest_scripts.tsv", required=("lang", "first", "last"))
    return tuple(sorted((int(r["first"], 16), int(r["last"], 16), r["lang"]) for r in rows))


def alternation(words: list[str] | set[str] | frozenset[str] | dict[str, object]) -> str:
    """A regex alternation of words, longest first, each escaped."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
