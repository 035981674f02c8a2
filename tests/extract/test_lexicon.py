"""PLOVER and attribution-cue lexicons: loaders, validation, and agreement with the PLOVER manual."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from onrecord.errors import LexiconError
from onrecord.extract.lexicon import (PLOVER_CONTEXTS, _build_cues, _build_triggers, _contexts, _score_table,
                                      context_of, cue_entry, legacy_type, load_cues, load_triggers, plover_modes,
                                      plover_score, trigger_entries)
from onrecord.model import PLOVER_TYPES

PLOVER = Path(__file__).resolve().parents[3] / "shared" / "bench" / "plover"
MANUAL = PLOVER / "PLOVER_MANUAL.tex"
GSR = PLOVER / "PLOVER_GSR_CAMEO.txt"
needs_manual = pytest.mark.skipif(not MANUAL.is_file(), reason=f"{MANUAL} absent (../shared is not mounted)")
needs_gsr = pytest.mark.skipif(not GSR.is_file(), reason=f"{GSR} absent (../shared is not mounted)")


def _manual_table(label: str) -> str:
    """The LaTeX source of the table or longtable that carries `\\label{label}`."""
    # drop commented-out LaTeX: the manual keeps an older score table in comments
    text = "\n".join(line for line in MANUAL.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith("%"))
    at = text.index(f"\\label{{{label}}}")
    start = max(text.rfind("\\begin{table}", 0, at), text.rfind("\\begin{longtable}", 0, at))
    return text[start:text.index("\\end{", at)]


# -- scores ---------------------------------------------------------------------------------

@pytest.mark.parametrize("type_, mode, score", [
    ("AGREE", None, 2.5),
    ("CONSULT", "visit", 4.0),
    ("CONSULT", "phone", 1.5),
    ("AID", None, 10.0),
    ("RETREAT", "disarm", 10.0),
    ("REQUEST", None, 0.0),
    ("REQUEST", "change", -1.0),
    ("ACCUSE", None, 3.0),           # printed as +3 in the manual, transcribed as printed
    ("ACCUSE", "allege", -3.5),
    ("THREATEN", "territory", -4.0),
    ("PROTEST", "riot", -7.0),
    ("SANCTION", "expel", -5.5),
    ("MOBILIZE", "militia", -6.0),
    ("COERCE", "martial-law", -7.5),
    ("ASSAULT", "targeted", -9.5),
    ("ASSAULT", "unconventional", -10.0),
])
def test_plover_score_is_the_manual_figure(type_, mode, score):
    assert plover_score(type_, mode) == score


def test_plover_score_falls_back_to_the_base_score():
    assert plover_score("PROTEST", "vandalize") == -5.0      # in the mode table, not in the score table
    assert plover_score("CONSULT", "no-such-mode") == 2.5
    assert plover_score("SUPPORT") == 5.0
    assert plover_score("NOT-A-TYPE") is None


def test_plover_modes_per_category():
    modes = plover_modes()
    assert set(modes) == set(PLOVER_TYPES)
    assert modes["AGREE"] == frozenset()
    assert modes["REQUEST"] == modes["REJECT"] == {"assist", "change", "yield", "meet"}
    assert modes["PROTEST"] == {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}
    assert len(modes["ASSAULT"]) == 15
    assert len(modes["COERCE"]) == 10


@needs_manual
def test_every_row_of_the_manual_score_table_is_transcribed():
    table = _manual_table("tab:ploverscores")
    table = re.sub(r"\\cellcolor\{[^}]*\}|\\hline", "", table)
    rows = 0
    for line in table.split("\\\\"):
        cells = [c.strip() for c in line.split("&")]
        for name, value in zip(cells[0::2], cells[1::2]):
            if not re.fullmatch(r"-?\d+(\.\d+)?", value):
                continue
            type_, _, mode = name.partition(":")
            rows += 1
            assert plover_score(type_.strip(), mode.strip().lower() or None) == float(value), name
    assert rows == 82
    assert len(_score_table()) == 83        # the 82 scored rows plus PROTEST vandalize (no score)


@needs_manual
@pytest.mark.parametrize("type_, label", [
    ("CONSULT", "tab:consultmode"), ("RETREAT", "tab:retreatmode"), ("REQUEST", "tab:requestmode2"),
    ("ACCUSE", "tab:accusemode"), ("REJECT", "tab:rejectmode"), ("THREATEN", "tab:threatmode"),
    ("PROTEST", "tab:protestmode"), ("SANCTION", "tab:sanctionmode"), ("MOBILIZE", "tab:mobilizemode"),
    ("COERCE", "tab:coerce"), ("ASSAULT", "tab:violmode"),
])
def test_modes_are_the_manual_mode_tables(type_, label):
    table = _manual_table(label).split("Name & Content", 1)[1]
    names = {cell for cell in (line.split("&")[0].strip() for line in table.splitlines())
             if re.fullmatch(r"[a-z][a-z-]*", cell)}
    assert names == plover_modes()[type_]


@needs_manual
def test_contexts_are_the_manual_context_names():
    table = _manual_table("tab:general-contexts")
    cells = re.findall(r"^(?:\\hyperref\[[^]]*\]\{)?([a-z\\_]+)\}?\s*&", table, re.M)
    names = {n.replace("\\_", "_") for n in cells}
    assert names == PLOVER_CONTEXTS


# -- triggers -------------------------------------------------------------------------------

def test_triggers_cover_all_sixteen_categories():
    types = {e.type for entries in load_triggers().values() for e in entries}
    assert types == set(PLOVER_TYPES)


def test_triggers_have_verbs_and_nominalisations_for_every_category():
    for type_ in PLOVER_TYPES:
        pos = {e.pos for entries in load_triggers().values() for e in entries if e.type == type_}
        assert pos == {"VERB", "NOUN"}, type_


@pytest.mark.parametrize("lemma, pos, type_, mode", [
    ("condemn", "VERB", "ACCUSE", "disapprove"),
    ("accuse", "VERB", "ACCUSE", "allege"),
    ("investigation", "NOUN", "ACCUSE", "investigate"),
    ("deny", "VERB", "REJECT", None),
    ("veto", "VERB", "REJECT", None),
    ("warn", "VERB", "THREATEN", None),
    ("urge", "VERB", "REQUEST", None),
    ("call for", "VERB", "REQUEST", None),
    ("praise", "VERB", "SUPPORT", None),
    ("recognize", "VERB", "SUPPORT", None),
    ("agree", "VERB", "AGREE", None),
    ("visit", "VERB", "CONSULT", "visit"),
    ("phone", "VERB", "CONSULT", "phone"),
    ("apologize", "VERB", "CONCEDE", None),
    ("pardon", "VERB", "CONCEDE", None),
    ("extradite", "VERB", "COOPERATE", None),
    ("supply", "VERB", "AID", None),
    ("ceasefire", "NOUN", "RETREAT", "ceasefire"),
    ("resign", "VERB", "RETREAT", "resign"),
    ("step down", "VERB", "RETREAT", "resign"),
    ("hunger strike", "NOUN", "PROTEST", "hunger"),
    ("boycott", "VERB", "PROTEST", "boycott"),
    ("sanction", "NOUN", "SANCTION", "discontinue"),
    ("expel", "VERB", "SANCTION", "expel"),
    ("expel", "VERB", "COERCE", "deport"),
    ("convict", "VERB", "SANCTION", "convict"),
    ("call up", "VERB", "MOBILIZE", "troops"),
    ("deploy", "VERB", "MOBILIZE", "troops"),
    ("arrest", "VERB", "COERCE", "arrest"),
    ("curfew", "NOUN", "COERCE", "curfew"),
    ("hack", "VERB", "COERCE", "cyber"),
    ("invasion", "NOUN", "ASSAULT", None),
    ("bomb", "VERB", "ASSAULT", "aerial"),
    ("shell", "VERB", "ASSAULT", "heavy-weapons"),
    ("airstrike", "NOUN", "ASSAULT", "aerial"),
    ("air strike", "NOUN", "ASSAULT", "aerial"),
    ("cease - fire", "NOUN", "RETREAT", "ceasefire"),
    ("tear gas", "NOUN", "ASSAULT", "crowd-control"),
])
def test_trigger_placement(lemma, pos, type_, mode):
    assert (type_, mode) in {(e.type, e.mode) for e in trigger_entries(lemma, pos)}


def test_trigger_flags_and_particles():
    (support,) = trigger_entries("support", "VERB")
    assert "needs_obj" in support.flags
    (meet,) = trigger_entries("meet", "VERB")
    assert "weak" in meet.flags
    (condemn,) = trigger_entries("condemn", "VERB")
    assert condemn.flags == {"speech", "needs_obj"}
    (call_up,) = trigger_entries("call up", "VERB")
    assert call_up.particle == "up" and call_up.words == ("call", "up")
    assert support.particle is None


def test_trigger_default_contexts():
    assert {e.context for e in trigger_entries("invade", "VERB")} == {"military"}
    assert {e.context for e in trigger_entries("nuclear test", "NOUN")} == {"cbrn"}
    sale = {e.type: e.context for e in trigger_entries("sale", "NOUN")}
    assert sale == {"COOPERATE": "economic", "AID": "military"}


def test_object_words_are_contexts_not_triggers():
    for word in ("ammunition", "weapon", "reservist", "missile"):
        assert trigger_entries(word, "NOUN") == ()
    assert context_of("ammunition") == "military"
    assert context_of("Reservist") == "military"


def test_trigger_lookup_lowercases_and_misses_cleanly():
    assert trigger_entries("Condemn", "VERB") == trigger_entries("condemn", "VERB")
    assert trigger_entries("condemn", "NOUN") == ()
    assert trigger_entries("table", "NOUN") == ()


# -- contexts -------------------------------------------------------------------------------

@pytest.mark.parametrize("word, context", [
    ("sanction", "economic"), ("nuclear weapon", "cbrn"), ("Election", "election"),
    ("human  rights", "human_rights"), ("refugee", "migration"), ("embassy", "diplomatic"),
    ("peacekeeper", "peacekeeping"), ("disinformation", "misinformation"),
])
def test_context_of(word, context):
    assert context_of(word) == context


def test_context_of_unknown_word():
    assert context_of("table") is None


def test_every_manual_context_has_words():
    assert set(_contexts().values()) == PLOVER_CONTEXTS


# -- cues -----------------------------------------------------------------------------------

def test_cue_count():
    assert len(load_cues()) >= 150


@pytest.mark.parametrize("lemma, pos, kind, polarity, certainty, event", [
    ("say", "VERB", "say", "+", "certain", None),
    ("deny", "VERB", "deny", "-", "certain", "REJECT"),
    ("refute", "VERB", "deny", "-", "certain", "REJECT"),
    ("assert", "VERB", "say", "+", "certain", None),
    ("hint", "VERB", "suggest", "+", "possible", None),
    ("believe", "VERB", "believe", "+", "probable", None),
    ("doubt", "VERB", "believe", "-", "probable", None),
    ("condemn", "VERB", "accuse", "+", "certain", "ACCUSE"),
    ("warn", "VERB", "warn", "+", "certain", "THREATEN"),
    ("urge", "VERB", "demand", "+", "unknown", "REQUEST"),
    ("pledge", "VERB", "promise", "+", "certain", "AGREE"),
    ("according to", "ADP", "according_to", "+", "certain", None),
    ("claim", "NOUN", "say", "+", "certain", None),
    ("denial", "NOUN", "deny", "-", "certain", "REJECT"),
    ("statement", "NOUN", "nominal", "+", "certain", None),
])
def test_cue_entry(lemma, pos, kind, polarity, certainty, event):
    entry = cue_entry(lemma, pos)
    assert entry is not None
    assert (entry.kind, entry.polarity, entry.certainty, entry.speech_event) == (kind, polarity, certainty, event)


def test_cue_flags():
    assert cue_entry("believe", "VERB").belief
    assert not cue_entry("say", "VERB").belief
    assert "passive_ok" in cue_entry("say", "VERB").flags
    assert "needs_that" in cue_entry("claim", "NOUN").flags
    assert "nominal" in cue_entry("statement", "NOUN").flags
    assert cue_entry("call for", "VERB").particle == "for"
    assert cue_entry("table", "NOUN") is None


def test_every_denial_cue_is_negative():
    assert all(e.polarity == "-" for e in load_cues().values() if e.kind == "deny")


def test_cue_speech_events_have_matching_triggers():
    for (lemma, pos), entry in load_cues().items():
        if entry.speech_event is not None:
            types = {e.type for e in trigger_entries(lemma, pos)}
            assert entry.speech_event in types, (lemma, pos)


# -- validation -----------------------------------------------------------------------------

def _trigger_row(**cells: str) -> dict[str, str]:
    row = {"lemma": "bomb", "pos": "VERB", "type": "ASSAULT", "mode": "", "context": "", "flags": ""}
    row.update(cells)
    return row


@pytest.mark.parametrize("cells, message", [
    ({"type": "FIGHT"}, "not a PLOVER category"),
    ({"mode": "phone"}, "not a mode of ASSAULT"),
    ({"context": "nuclear"}, "not a PLOVER context"),
    ({"pos": "ADJ"}, "pos 'ADJ'"),
    ({"flags": "strong"}, "unknown flag 'strong'"),
    ({"flags": "phrasal:up"}, "must end with ' up'"),
    ({"lemma": "Bomb"}, "lower case"),
])
def test_bad_trigger_row_names_file_and_line(cells, message):
    with pytest.raises(LexiconError, match=rf"test\.tsv:7: .*{re.escape(message)}"):
        _build_triggers([("test.tsv", 7, _trigger_row(**cells))])


def test_duplicate_trigger_row_is_rejected():
    rows = [("test.tsv", 3, _trigger_row()), ("test.tsv", 4, _trigger_row(flags="weak"))]
    with pytest.raises(LexiconError, match=r"test\.tsv:4: duplicate trigger"):
        _build_triggers(rows)


@pytest.mark.parametrize("cells, message", [
    ({"kind": "shout"}, "kind 'shout'"),
    ({"polarity": "?"}, "polarity '?'"),
    ({"certainty": "sure"}, "certainty 'sure'"),
    ({"speech_event": "DEMAND"}, "speech_event 'DEMAND'"),
    ({"flags": "speech"}, "unknown flag 'speech'"),
])
def test_bad_cue_row_names_file_and_line(cells, message):
    row = {"lemma": "say", "pos": "VERB", "kind": "say", "polarity": "+", "certainty": "certain",
           "speech_event": "", "flags": ""}
    row.update(cells)
    with pytest.raises(LexiconError, match=rf"cues\.tsv:12: .*{re.escape(message)}"):
        _build_cues([("cues.tsv", 12, row)])


# -- legacy names ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, mode, expected", [
    ("DEMAND", None, ("REQUEST", None)),
    ("FIGHT", None, ("ASSAULT", None)),
    ("DISAPPROVE", None, ("ACCUSE", "disapprove")),
    ("INVESTIGATE", "", ("ACCUSE", "investigate")),
    ("AGREE", None, ("AGREE", None)),
    ("PROTEST", "strike-hun", ("PROTEST", "hunger")),
    ("PROTEST:strike-hun", None, ("PROTEST", "hunger")),
    ("FIGHT", "heavy-weapons", ("ASSAULT", "heavy-weapons")),
    ("COERCE", "destroy", ("ASSAULT", "destroy")),
    ("ASSAULT", "explosives", ("ASSAULT", "explosives")),    # still a valid mode: kept
    ("THREATEN", "no-such-mode", ("THREATEN", None)),
    ("demand", None, ("REQUEST", None)),
])
def test_legacy_type(name, mode, expected):
    assert legacy_type(name, mode) == expected


def test_legacy_type_unknown_name():
    assert legacy_type("DOCUMENT") is None
    assert legacy_type("YIELD") is None


@needs_gsr
def test_every_event_of_the_plover_gold_standard_maps():
    records = json.loads(GSR.read_text(encoding="utf-8"))
    events = [r for r in records if r["event"] != "DOCUMENT"]   # DOCUMENT is file documentation
    assert len(events) == 322
    for r in events:
        mapped = legacy_type(r["event"], r.get("mode"))
        assert mapped is not None, r["id"]
        type_, mode = mapped
        assert type_ in PLOVER_TYPES, r["id"]
        assert mode is None or mode in plover_modes()[type_], r["id"]
