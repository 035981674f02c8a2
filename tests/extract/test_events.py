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


@pytest.mark.parametrize("verb", ["claimed", "insisted", "contended", "asserted", "maintained"])
def test_allegation_verb_accuses_the_doer_of_a_hostile_act(analyze_text, verb):
    # "claimed that Y attacked Z": a verb of contested assertion makes an accusation of Y (CAMEO 112)
    record = analyze_text(LEAD + f"The United States {verb} that Iran had attacked Iraq.")
    e = _event(record, verb)
    assert (e.type, e.mode, e.attributed_to) == ("ACCUSE", "allege", None)
    assert _codes(record, e.actor) == ["USA"]
    assert _codes(record, e.recipient) == ["IRN"]
    assert _event(record, "attacked").attributed_to is not None     # the attack itself stays reported


@pytest.mark.parametrize("sentence", [
    "The United States said that Iran had attacked Iraq.",          # neutral "said" accuses no one
    "Iran claimed that Iranian forces had attacked Iraq.",           # a claim about its own side is no accusation
    "The United States claimed that Iran had met Iraqi officials.",  # the content is not a hostile act
])
def test_no_allegation_without_a_contested_claim_of_another_partys_hostile_act(analyze_text, sentence):
    record = analyze_text(LEAD + sentence)
    assert not [e for e in record.events if e.type == "ACCUSE"], [(e.type, e.trigger.text) for e in record.events]


def test_accusation_in_a_that_clause_is_aimed_at_its_doer(analyze_text):
    record = analyze_text(LEAD + "Rwanda alleged that the French military helped to plan the killings.")
    e = _event(record, "alleged")
    assert e.type == "ACCUSE"
    assert _codes(record, e.recipient) == ["FRA"]


def test_giving_a_speech_is_no_aid(analyze_text):
    record = analyze_text(LEAD + "President Bush will give a speech on relations with China.")
    assert not [e for e in record.events if e.type == "AID"]
    record = analyze_text(LEAD + "The United States gave weapons to Ukraine.")
    assert _event(record, "gave").type == "AID"


def test_seeking_to_act_is_an_intention_not_a_request(analyze_text):
    record = analyze_text(LEAD + "Brazil and the United States are seeking to deepen their partnership.")
    assert not [e for e in record.events if e.type == "REQUEST"]
    assert _event(record, "partnership").type == "AGREE"          # future cooperation (PLOVER AGREE)
    record = analyze_text(LEAD + "Iran is seeking aid from China.")
    assert _event(record, "seeking").type == "REQUEST"


def test_unarmed_violence_by_protesters_is_a_riot(analyze_text):
    record = analyze_text(LEAD + "The Russian embassy was demolished by Ukrainian protesters.")
    e = _event(record, "demolished")
    assert (e.type, e.mode) == ("PROTEST", "riot")
    record = analyze_text(LEAD + "Georgian demonstrators launched missiles at the Georgian government.")
    assert _event(record, "launched").type == "ASSAULT"         # armed attack, not a riot
    record = analyze_text(LEAD + "The Russian embassy was demolished by Ukrainian troops.")
    assert _event(record, "demolished").type == "ASSAULT"


def test_pressure_on_a_party_is_a_request(analyze_text):
    record = analyze_text(LEAD + "The United States stepped up pressure on Iran over its nuclear programme.")
    e = _event(record, "pressure")
    assert e.type == "REQUEST"
    assert (_codes(record, e.actor), _codes(record, e.recipient)) == (["USA"], ["IRN"])
    record = analyze_text(LEAD + "The Kenyan president resigned under pressure.")
    assert not [e for e in record.events if e.trigger.text == "pressure"]


def test_event_noun_in_a_concessive_phrase_is_not_refused(analyze_text):
    record = analyze_text(LEAD + "Kenya declined to resign from the talks despite pressure from the United States.")
    e = _event(record, "pressure")
    assert e.type == "REQUEST"


@pytest.mark.parametrize("sentence, kind", [
    ("The Israeli army lifted a blockade on Palestinian lorries in Gaza.", "RETREAT"),    # military: material
    ("The Sudanese government lifted the curfew in Khartoum.", "CONCEDE"),               # administrative
])
def test_lifting_a_restriction(analyze_text, sentence, kind):
    record = analyze_text(LEAD + sentence)
    assert [e.type for e in record.events if e.type in ("RETREAT", "CONCEDE")] == [kind], \
        [(e.type, e.trigger.text) for e in record.events]
