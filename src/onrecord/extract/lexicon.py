"""Typed, validated, cached access to the PLOVER and attribution-cue data files.

Files (in `onrecord/data/`, each documented in its header): plover_scores.tsv (categories, modes,
conflict-cooperation scores), plover_triggers.tsv (event trigger words), plover_contexts.tsv (context
words), cues.tsv (attribution cues), plover_legacy.tsv (old PLOVER names). Every loader checks its
rows against PLOVER's closed sets and raises LexiconError with file:line on the first bad row.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import get_args

from ..errors import LexiconError
from ..lexicons import load_table
from ..model import PLOVER_TYPES, Certainty

log = logging.getLogger(__name__)

SCORES = "plover_scores.tsv"
TRIGGERS = "plover_triggers.tsv"
CONTEXTS = "plover_contexts.tsv"
CUES = "cues.tsv"
LEGACY = "plover_legacy.tsv"

# The manual's table "General contexts" (PLOVER_MANUAL.tex, tab:general-contexts), spelled as there.
PLOVER_CONTEXTS: frozenset[str] = frozenset({
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
})
TRIGGER_POS = frozenset({"VERB", "NOUN"})
TRIGGER_FLAGS = frozenset({"needs_obj", "speech", "weak"})
CUE_POS = frozenset({"VERB", "NOUN", "ADJ", "ADP", "ADV"})
CUE_KINDS = frozenset({"say", "deny", "accuse", "admit", "confirm", "warn", "demand", "believe", "report",
                       "promise", "suggest", "according_to", "nominal"})
CUE_FLAGS = frozenset({"belief", "passive_ok", "needs_obj", "needs_that", "nominal", "weak"})
CERTAINTIES = frozenset(get_args(Certainty))
PHRASAL = "phrasal:"

Row = tuple[str, int, dict[str, str]]   # (file, line, cells by column name)


@dataclass(frozen=True)
class TriggerEntry:
    """One row of plover_triggers.tsv: a word that can report a PLOVER event."""
    lemma: str
    pos: str
    type: str
    mode: str | None
    context: str | None
    flags: frozenset[str]

    @property
    def particle(self) -> str | None:
        """The particle/preposition the head needs ("up" for "call up"), or None."""
        return _particle(self.flags)

    @property
    def words(self) -> tuple[str, ...]:
        """The token lemmas of the entry, in text order."""
        return tuple(self.lemma.split(" "))


@dataclass(frozen=True)
class CueEntry:
    """One row of cues.tsv: a word or phrase that attributes content to a source."""
    lemma: str
    pos: str
    kind: str
    polarity: str
    certainty: str
    speech_event: str | None
    flags: frozenset[str]

    @property
    def particle(self) -> str | None:
        """The particle/preposition the head needs ("for" for "call for"), or None."""
        return _particle(self.flags)

    @property
    def belief(self) -> bool:
        """True for cognition and attitude cues (believe, fear, hope)."""
        return "belief" in self.flags

    @property
    def words(self) -> tuple[str, ...]:
        """The tokens of the entry, in text order."""
        return tuple(self.lemma.split(" "))


def _particle(flags: frozenset[str]) -> str | None:
    for f in flags:
        if f.startswith(PHRASAL):
            return f[len(PHRASAL):]
    return None


# -- reading ------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _line_numbers(name: str) -> tuple[int, ...]:
    """File line numbers of the header and then of each row of `name`, as load_table reads them."""
    # load_table drops line numbers; recount with the same skip rules to report file:line
    text = (resources.files("onrecord") / "data" / name).read_text(encoding="utf-8")
    lines = [n for n, raw in enumerate(text.splitlines(), 1)
             if raw.strip() and not raw.lstrip().startswith("#")]
    return tuple(lines)


def _rows(name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[Row]:
    """(path, line, row) for each row; `required` cells must be filled, `optional` columns must exist."""
    rows = load_table(name, required)
    header, *lines = _line_numbers(name)
    path = f"onrecord/data/{name}"
    missing = [c for c in optional if rows and c not in rows[0]]
    if missing:
        raise LexiconError(path, header, f"missing columns {missing}")
    return [(path, line, row) for line, row in zip(lines, rows)]


def _flags(path: str, line: int, cell: str, allowed: frozenset[str], lemma: str) -> frozenset[str]:
    flags = frozenset(f.strip() for f in cell.split(",") if f.strip())
    for f in flags:
        if f.startswith(PHRASAL):
            particle = f[len(PHRASAL):]
            if not particle or not lemma.endswith(" " + particle):
                raise LexiconError(path, line, f"flag {f!r}: lemma {lemma!r} must end with ' {particle}'")
        elif f not in allowed:
            raise LexiconError(path, line, f"unknown flag {f!r} (allowed: {sorted(allowed)} or phrasal:P)")
    if sum(f.startswith(PHRASAL) for f in flags) > 1:
        raise LexiconError(path, line, "more than one phrasal flag")
    return flags


def _check_lemma(path: str, line: int, lemma: str) -> None:
    if lemma != lemma.lower() or lemma != " ".join(lemma.split()):
        raise LexiconError(path, line, f"lemma {lemma!r} must be lower case with single spaces")


def _check_type(path: str, line: int, type_: str, mode: str | None) -> None:
    if type_ not in PLOVER_TYPES:
        raise LexiconError(path, line, f"{type_!r} is not a PLOVER category")
    if mode is not None and mode not in plover_modes()[type_]:
        raise LexiconError(path, line, f"{mode!r} is not a mode of {type_} in {SCORES}")


# -- scores and modes -------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _score_table() -> Mapping[tuple[str, str | None], float | None]:
    table: dict[tuple[str, str | None], float | None] = {}
    for path, line, row in _rows(SCORES, ("type",), ("mode", "score")):
        type_, mode = row["type"], row["mode"] or None
        if type_ not in PLOVER_TYPES:
            raise LexiconError(path, line, f"{type_!r} is not a PLOVER category")
        if (type_, mode) in table:
            raise LexiconError(path, line, f"duplicate row for {type_} {mode or '(base)'}")
        if not row["score"]:
            if mode is None:
                raise LexiconError(path, line, f"{type_} has no base score")
            table[(type_, mode)] = None
            continue
        try:
            score = float(row["score"])
        except ValueError as e:
            raise LexiconError(path, line, f"score {row['score']!r} is not a number") from e
        if not -10.0 <= score <= 10.0:
            raise LexiconError(path, line, f"score {score} outside -10..10")
        table[(type_, mode)] = score
    missing = [t for t in PLOVER_TYPES if (t, None) not in table]
    if missing:
        raise LexiconError(f"onrecord/data/{SCORES}", 0, f"no base score for {missing}")
    return MappingProxyType(table)


@lru_cache(maxsize=None)
def plover_modes() -> Mapping[str, frozenset[str]]:
    """The modes of each PLOVER category (empty for categories without modes)."""
    modes: dict[str, set[str]] = {t: set() for t in PLOVER_TYPES}
    for type_, mode in _score_table():
        if mode is not None:
            modes[type_].add(mode)
    return MappingProxyType({t: frozenset(m) for t, m in modes.items()})


def plover_score(type_: str, mode: str | None = None) -> float | None:
    """The manual's conflict-cooperation score of a category/mode; the base score if the mode has none."""
    table = _score_table()
    if mode is not None:
        score = table.get((type_, mode))
        if score is not None:
            return score
    return table.get((type_, None))


# -- triggers -------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def load_triggers() -> Mapping[tuple[str, str], tuple[TriggerEntry, ...]]:
    """Trigger entries keyed by (lemma, pos); multiword lemmas are keyed by the full string."""
    return _build_triggers(_rows(TRIGGERS, ("lemma", "pos", "type"), ("mode", "context", "flags")))


def _build_triggers(rows: Iterable[Row]) -> Mapping[tuple[str, str], tuple[TriggerEntry, ...]]:
    out: dict[tuple[str, str], list[TriggerEntry]] = {}
    seen: set[tuple[str, str, str, str | None]] = set()
    for path, line, row in rows:
        lemma, pos = row["lemma"], row["pos"]
        _check_lemma(path, line, lemma)
        if pos not in TRIGGER_POS:
            raise LexiconError(path, line, f"pos {pos!r} not in {sorted(TRIGGER_POS)}")
        mode, context = row.get("mode") or None, row.get("context") or None
        _check_type(path, line, row["type"], mode)
        if context is not None and context not in PLOVER_CONTEXTS:
            raise LexiconError(path, line, f"{context!r} is not a PLOVER context")
        key = (lemma, pos, row["type"], mode)
        if key in seen:
            raise LexiconError(path, line, f"duplicate trigger {key}")
        seen.add(key)
        flags = _flags(path, line, row.get("flags", ""), TRIGGER_FLAGS, lemma)
        entry = TriggerEntry(lemma, pos, row["type"], mode, context, flags)
        out.setdefault((lemma, pos), []).append(entry)
    log.debug("loaded %d trigger keys", len(out))
    return MappingProxyType({k: tuple(v) for k, v in out.items()})


def trigger_entries(lemma: str, pos: str) -> tuple[TriggerEntry, ...]:
    """Every trigger entry for (lemma, pos), in file order; empty if the word is no trigger."""
    return load_triggers().get((lemma.lower(), pos), ())


# -- contexts -------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _contexts() -> Mapping[str, str]:
    out: dict[str, str] = {}
    for path, line, row in _rows(CONTEXTS, ("word", "context")):
        word, context = row["word"], row["context"]
        _check_lemma(path, line, word)
        if context not in PLOVER_CONTEXTS:
            raise LexiconError(path, line, f"{context!r} is not a PLOVER context")
        if word in out:
            raise LexiconError(path, line, f"{word!r} is listed twice")
        out[word] = context
    return MappingProxyType(out)


def context_of(word: str) -> str | None:
    """The PLOVER context a word (lemma, lower-cased here) signals, or None."""
    return _contexts().get(" ".join(word.lower().split()))


# -- cues -----------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def load_cues() -> Mapping[tuple[str, str], CueEntry]:
    """Attribution cues keyed by (lemma, pos); one entry per key."""
    required = ("lemma", "pos", "kind", "polarity", "certainty")
    return _build_cues(_rows(CUES, required, ("speech_event", "flags")))


def _build_cues(rows: Iterable[Row]) -> Mapping[tuple[str, str], CueEntry]:
    out: dict[tuple[str, str], CueEntry] = {}
    for path, line, row in rows:
        lemma, pos = row["lemma"], row["pos"]
        _check_lemma(path, line, lemma)
        if pos not in CUE_POS:
            raise LexiconError(path, line, f"pos {pos!r} not in {sorted(CUE_POS)}")
        if row["kind"] not in CUE_KINDS:
            raise LexiconError(path, line, f"kind {row['kind']!r} not in {sorted(CUE_KINDS)}")
        if row["polarity"] not in ("+", "-"):
            raise LexiconError(path, line, f"polarity {row['polarity']!r} is not + or -")
        if row["certainty"] not in CERTAINTIES:
            raise LexiconError(path, line, f"certainty {row['certainty']!r} not in {sorted(CERTAINTIES)}")
        event = row.get("speech_event") or None
        if event is not None and event not in PLOVER_TYPES:
            raise LexiconError(path, line, f"speech_event {event!r} is not a PLOVER category")
        if (lemma, pos) in out:
            raise LexiconError(path, line, f"duplicate cue ({lemma!r}, {pos})")
        flags = _flags(path, line, row.get("flags", ""), CUE_FLAGS, lemma)
        out[(lemma, pos)] = CueEntry(lemma, pos, row["kind"], row["polarity"], row["certainty"], event, flags)
    log.debug("loaded %d cues", len(out))
    return MappingProxyType(out)


def cue_entry(lemma: str, pos: str) -> CueEntry | None:
    """The cue entry for (lemma, pos), or None."""
    return load_cues().get((lemma.lower(), pos))


# -- legacy names ---------------------------------------------------------------------------

def _legacy_key(name: str, mode: str | None = None) -> str:
    """Normalised key: "NAME" or "NAME:mode" (old modes are matched case-insensitively)."""
    base, _, inline = name.partition(":")
    mode = (mode or inline).strip().lower()
    return f"{base.strip().upper()}:{mode}" if mode else base.strip().upper()


@lru_cache(maxsize=None)
def _legacy() -> Mapping[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for path, line, row in _rows(LEGACY, ("legacy", "type"), ("mode",)):
        mode = row["mode"] or None
        _check_type(path, line, row["type"], mode)
        key = _legacy_key(row["legacy"])
        if key in out:
            raise LexiconError(path, line, f"{key!r} is listed twice")
        out[key] = (row["type"], mode)
    return MappingProxyType(out)


def legacy_type(name: str, mode: str | None = None) -> tuple[str, str | None] | None:
    """The current (category, mode) of an old PLOVER name ("DEMAND", "PROTEST:strike-hun"), or None."""
    # an old-mode row ("NAME:mode") wins; else the name's row, keeping a mode still valid there
    table = _legacy()
    key = _legacy_key(name, mode)
    if key in table:
        return table[key]
    base_key, _, old_mode = key.partition(":")
    base = table.get(base_key)
    if base is None:
        return None
    if old_mode and old_mode in plover_modes()[base[0]]:
        return (base[0], old_mode)
    return base
