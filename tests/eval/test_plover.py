"""PLOVER GSR scorer: gold parsing, legacy names, trigger markup, event choice, and a run on real gold."""
from __future__ import annotations

import json

import pytest

from conftest import SHARED
from onrecord.eval.plover import (EventTypeReport, GoldItem, choose_event, country_block, load_plover,
                                  markup_triggers, score_item)
from onrecord.extract.lexicon import legacy_type

PLOVER_GOLD = SHARED / "bench" / "plover" / "PLOVER_GSR_CAMEO.txt"
needs_plover = pytest.mark.skipif(not PLOVER_GOLD.is_file(), reason=f"{PLOVER_GOLD} is absent (the shared "
                                  "benchmark folder sits beside the project; a fresh clone has none)")


@pytest.fixture(scope="module")
def verbatim_analyzer():
    from onrecord.pipeline import get_analyzer
    from onrecord.settings import Settings
    return get_analyzer(Settings.load(ingest={"clean": False}))


def _event(type_: str, start: int, end: int, text: str, actor=(), recipient=(), attributed_to=None) -> dict:
    return {"type": type_, "trigger": {"start": start, "end": end, "text": text}, "actor": list(actor),
            "recipient": list(recipient), "attributed_to": attributed_to}


@pytest.mark.parametrize("code, block", [("USAGOV", "USA"), ("IGOUNOMIL", "UNO"), ("IGOEUREEC", "IGO"),
                                         ("---REB", None), ("JAP", "JPN"), ("NGO", None), ("IMGMUSISI", None)])
def test_country_block_of_gold_codes(code, block):
    assert country_block(code) == block


def test_markup_triggers_give_offsets_in_order():
    text = "Senior Hungarian officials agreed on Wednesday that they should cooperate."
    markup = "Senior (SRC: Hungarian) officials (EVT: agreed) on Wednesday that they should (EVT: cooperate)."
    spans = markup_triggers(text, markup)
    assert [text[s:e] for s, e in spans] == ["agreed", "cooperate"]
    assert spans[0] == (27, 33)


def test_markup_triggers_survive_respacing():
    text = "Rebels  attacked the town."
    assert markup_triggers(text, "(SRC: Rebels) (EVT: attacked) the town.") == ((8, 16),)


def test_choose_event_prefers_the_gold_trigger_then_unattributed():
    said = _event("ACCUSE", 0, 4, "said", attributed_to=None)
    attack = _event("ASSAULT", 10, 18, "attacked", attributed_to="s1")
    assert choose_event([said, attack], ((10, 18),)) == (attack, True)
    assert choose_event([attack, said], ()) == (said, False)
    assert choose_event([attack], ()) == (attack, False)
    assert choose_event([], ((0, 3),)) == (None, False)


def test_score_item_counts_type_and_igo_actor():
    item = GoldItem("x", "The UN condemned Iraq.", ("ACCUSE",), ((7, 16),), frozenset({"IGO"}), frozenset({"IRQ"}))
    record = {"events": [_event("ACCUSE", 7, 16, "condemned", ["a1"], ["a2"])],
              "actors": [{"id": "a1", "code": "UNO", "country": "UNO"}, {"id": "a2", "code": "IRQ", "country": "IRQ"}]}
    report = EventTypeReport("t")
    score_item(report, item, record)
    score_item(report, item, {"events": [], "actors": []})
    assert (report.records, report.type_ok, report.covered, report.actor_ok, report.actor_total) == (2, 1, 1, 1, 2)
    assert report.recipient_accuracy == 0.5
    assert report.failures == {"no_event": 1}
    assert dict(report.confusion["ACCUSE"]) == {"ACCUSE": 1, "-": 1}


@needs_plover
def test_load_plover_counts_322_records():
    items = load_plover(PLOVER_GOLD)
    assert len(items) == 322
    assert items[0].id == "PLOVER-GSR01-AGREE-0001"
    assert items[0].sources == frozenset({"HUN", "ROU"})
    assert sum(1 for i in items if i.triggers) == 322


@needs_plover
def test_legacy_map_covers_every_gold_name():
    records = [r for r in json.loads(PLOVER_GOLD.read_text(encoding="utf-8")) if r["event"] != "DOCUMENT"]
    missing = {(r["event"], r.get("mode")) for r in records if legacy_type(r["event"], r.get("mode") or None) is None}
    assert missing == set()


@pytest.mark.parametrize("name, mode, expected", [("DEMAND", None, ("REQUEST", None)),
                                                  ("COERCE", "destroy", ("ASSAULT", "destroy")),
                                                  ("FIGHT", "heavy-weapons", ("ASSAULT", "heavy-weapons")),
                                                  ("DISAPPROVE", "", ("ACCUSE", "disapprove"))])
def test_legacy_names_map_to_current_plover(name, mode, expected):
    assert legacy_type(name, mode or None) == expected


@needs_plover
def test_evaluate_plover_first_50_records(verbatim_analyzer):
    from onrecord.eval.plover import evaluate_plover

    report = evaluate_plover(PLOVER_GOLD, verbatim_analyzer, limit=50)
    print(report.figures(), dict(report.failures))
    assert report.records == 50 and report.failed == []
    assert all(0.0 <= v <= 1.0 for v in report.figures().values())
    assert report.type_ok + sum(report.failures.values()) == 50
    assert sum(sum(c.values()) for c in report.confusion.values()) == 50
