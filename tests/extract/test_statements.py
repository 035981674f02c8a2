"""Statements: cue, speaker, content, quote kind, polarity and certainty on sentences that differ
in one feature each. Texts are written for these tests."""
import pytest

LEAD = "This report was filed from the capital on Thursday by our correspondent. "


def _one(record, lemma):
    found = [s for s in record.statements if s.cue.lemma == lemma]
    assert found, [s.cue.text for s in record.statements]
    return found[0]


def _country(record, statement):
    actor = next(a for a in record.actors if a.id == statement.speaker.actor)
    return actor.country


@pytest.mark.parametrize("sentence, lemma, speaker, country, polarity, quote", [
    ("Iran denied that it had sent drones to Russia.", "deny", "Iran", "IRN", "-", "indirect"),
    ("Iran said that it had sent no drones to Russia.", "say", "Iran", "IRN", "-", "indirect"),
    ("Iran said that it had sent drones to Russia.", "say", "Iran", "IRN", "+", "indirect"),
    ("“We sent no drones,” Iran’s foreign minister said.", "say", "Iran’s foreign minister", "IRN", "-", "direct"),
    ("There were never any drone sales to Russia, said a senior Iranian official.", "say",
     "a senior Iranian official", "IRN", "-", "indirect"),
    ("Drones were sent to Russia, according to Ukrainian officials.", "according to",
     "Ukrainian officials", "UKR", "+", "indirect"),
])
def test_statement_core_fields(analyze_text, sentence, lemma, speaker, country, polarity, quote):
    record = analyze_text(LEAD + sentence)
    s = _one(record, lemma)
    assert s.speaker.text == speaker
    assert _country(record, s) == country
    assert s.polarity == polarity
    assert s.quote == quote
    for c in s.content:
        assert record.article.text[c.start:c.end] == c.text


def test_modal_content_is_possible(analyze_text):
    record = analyze_text(LEAD + "The U.S. said that Russia could potentially buy shells from North Korea.")
    s = _one(record, "say")
    assert (s.polarity, s.certainty) == ("+", "possible")


def test_negated_deontic_content_is_not_a_denial(analyze_text):
    record = analyze_text(LEAD + "“Nobody is entitled to criticize it,” the Iranian minister said.")
    assert _one(record, "say").polarity == "+"


def test_belief_inside_same_speaker_statement_hedges_it(analyze_text):
    record = analyze_text(LEAD + "Russia’s ambassador said he had not heard of any purchase and thought the report was false.")
    assert [s.cue.lemma for s in record.statements] == ["say"]
    assert record.statements[0].polarity == "-"


def test_pronoun_speaker_resolves_to_earlier_actor(analyze_text):
    record = analyze_text(LEAD + "Russian President Vladimir Putin spoke on television. "
                          "He said he would call up 300,000 reservists.")
    s = _one(record, "say")
    assert s.speaker.text == "He"
    assert _country(record, s) == "RUS"


def test_anonymous_source_is_not_named(analyze_text):
    record = analyze_text(LEAD + "An unnamed North Korean official said the country had never exported weapons.")
    s = _one(record, "say")
    assert s.speaker.named is False
    assert _country(record, s) == "PRK"


def test_nominal_cue_with_that_clause(analyze_text):
    record = analyze_text(LEAD + "Seoul rejected the North Korean claim that its drills were defensive.")
    s = _one(record, "claim")
    assert _country(record, s) == "PRK"
    assert s.content[0].text == "its drills were defensive"


def test_bare_quote_takes_previous_quotation(analyze_text):
    record = analyze_text(LEAD + "The Iranian foreign minister spoke to reporters in Tehran. "
                          "“We will not be intimidated by these sanctions,” he said.")
    s = _one(record, "say")
    assert s.quote == "direct"
    assert s.content[0].text == "We will not be intimidated by these sanctions"
