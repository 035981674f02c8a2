"""Events: PLOVER type, actor, recipient and flags on sentences that differ in one feature each."""
import pytest

LEAD = "This report was filed from the capital on Thursday by our correspondent. "


def _codes(record, ids):
    by_id = {a.id: a for a in record.actors}
    return sorted(by_id[i].country for i in ids)


def _event(record, trigger):
    found = [e for e in record.events if e.trigger.text == trigger]
    assert found, [(e.type, e.trigger.text) for e in record.events]
    return found[0]


@pytest.mark.parametrize("sentence, trigger, kind, actor, recipient", [
    ("North Korea condemned Washington for its remarks.", "condemned", "ACCUSE", ["PRK"], ["USA"]),
    ("United Nations sanctions bar North Korea from arms sales.", "bar", "SANCTION", ["UNO"], ["PRK"]),
    ("Russia invaded Ukraine in February.", "invaded", "ASSAULT", ["RUS"], ["UKR"]),
    ("North Korea has publicly defended Moscow’s invasion of Ukraine.", "defended", "SUPPORT", ["PRK"], ["RUS"]),
    ("The Chinese foreign minister met his Japanese counterpart in Tokyo.", "met", "CONSULT", ["CHN"], ["JPN"]),
    ("Iran denied the report.", "denied", "REJECT", ["IRN"], []),
])
def test_event_types_and_participants(analyze_text, sentence, trigger, kind, actor, recipient):
    record = analyze_text(LEAD + sentence)
    e = _event(record, trigger)
    assert e.type == kind
    assert _codes(record, e.actor) == actor
    if recipient:
        assert _codes(record, e.recipient) == recipient
    assert e.score is not None


def test_event_in_statement_is_attributed(analyze_text):
    record = analyze_text(LEAD + "Ukraine said that Russia had shelled the city of Kharkiv.")
    e = _event(record, "shelled")
    s = next(s for s in record.statements if s.cue.lemma == "say")
    assert e.attributed_to == s.id
    assert s.proposition == e.id


def test_announced_own_action_is_reported(analyze_text):
    record = analyze_text(LEAD + "Russian President Vladimir Putin said he would call up 300,000 reservists.")
    e = _event(record, "call up")
    assert (e.type, e.attributed_to, e.future) == ("MOBILIZE", None, True)


def test_announced_own_attack_is_a_threat(analyze_text):
    record = analyze_text(LEAD + "Russian President Vladimir Putin hinted he would consider a nuclear strike.")
    e = next(e for e in record.events if e.type == "THREATEN")
    assert _codes(record, e.actor) == ["RUS"]
    assert e.attributed_to is None


@pytest.mark.parametrize("sentence, flag", [
    ("North Korean shipments to Russia could occur by rail.", "hypothetical"),
    ("United Nations sanctions bar North Korea from any arms sales to Syria.", "negated"),
])
def test_event_flags(analyze_text, sentence, flag):
    record = analyze_text(LEAD + sentence)
    flagged = [e for e in record.events if getattr(e, flag)]
    assert flagged, [(e.type, e.trigger.text) for e in record.events]
