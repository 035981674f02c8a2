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


def _by_cue(record, cue_text):
    found = [s for s in record.statements if s.cue.text == cue_text]
    assert found, [s.cue.text for s in record.statements]
    return found[0]


@pytest.mark.parametrize("sentence, cue, speaker, content", [
    # auxiliaries, negation and adverbs before the verb belong to the cue
    ("Iran has also said that it sent no drones to Russia.", "has also said", "Iran",
     ["it sent no drones to Russia"]),
    ("The ministry did not say whether the drones had reached Russia.", "did not say", "The ministry",
     ["whether the drones had reached Russia"]),
    # naming and characterisation verbs: the object and its name are the content
    ("The Ukrainian president called the proposal a cynical trick.", "called", "The Ukrainian president",
     ["the proposal a cynical trick"]),
    ("The minister described the talks as constructive.", "described", "The minister",
     ["the talks as constructive"]),
    # a prepositional phrasal cue
    ("The ambassador referred to the embargo.", "referred to", "The ambassador",
     ["the embargo"]),
    # a relative pronoun is the source; its actor is the noun it refers to
    ("The ambassador, who said the embargo had failed, left Tehran on Friday.", "said", "who",
     ["the embargo had failed"]),
    # appositions belong to the source
    ("Peter Cook, the ministry's spokesman, said the talks would resume.", "said",
     "Peter Cook, the ministry's spokesman", ["the talks would resume"]),
])
def test_statement_spans(analyze_text, sentence, cue, speaker, content):
    record = analyze_text(LEAD + sentence)
    s = _by_cue(record, cue)
    assert s.speaker.text == speaker
    assert [c.text for c in s.content] == content


def test_relative_pronoun_speaker_takes_antecedent_actor(analyze_text):
    record = analyze_text(LEAD + "The Iranian foreign minister, who said the embargo had failed, left on Friday.")
    s = _by_cue(record, "said")
    assert s.speaker.text == "who"
    assert _country(record, s) == "IRN"


def test_non_restrictive_relative_clause_is_not_in_source(analyze_text):
    record = analyze_text(LEAD + "Peter Cook, who leads the delegation, said the talks would resume.")
    assert _by_cue(record, "said").speaker.text == "Peter Cook"


def test_cue_inside_a_quotation_is_part_of_the_quote(analyze_text):
    record = analyze_text(LEAD + "“I think the sanctions will fail,” the Iranian minister said.")
    assert [s.cue.text for s in record.statements] == ["said"]
    assert record.statements[0].content[0].text == "I think the sanctions will fail"


def test_quotation_continuing_after_the_cue_sentence_is_content(analyze_text):
    record = analyze_text(LEAD + "“The sanctions will fail,” the Iranian minister said. “They always do. "
                          "Nobody will obey them.” The talks resumed on Monday.")
    s = _by_cue(record, "said")
    assert [c.text for c in s.content] == ["The sanctions will fail", "They always do. Nobody will obey them."]
    assert s.quote == "direct"


def test_quotation_with_its_own_cue_is_not_a_continuation(analyze_text):
    record = analyze_text(LEAD + "“The sanctions will fail,” the Iranian minister said. “They always do,” "
                          "he added.")
    assert [c.text for c in _by_cue(record, "said").content] == ["The sanctions will fail"]
    assert [c.text for c in _by_cue(record, "added").content] == ["They always do"]


def test_name_and_colon_line_is_a_statement(analyze_text):
    record = analyze_text(LEAD + "The president spoke in Kyiv on Thursday.\n\n"
                          "Zelensky: Russian strikes will not break Ukraine.\n\nThe talks resumed on Monday.")
    s = _by_cue(record, ":")
    assert s.speaker.text == "Zelensky"
    assert s.content[0].text == "Russian strikes will not break Ukraine"


@pytest.mark.parametrize("sentence", [
    "Russia said it would call up 300,000 reservists.",            # "call up" is another verb than "call"
    "The Kremlin referred further questions to the ministry.",      # "refer X to" is no cue
])
def test_phrasal_verbs_of_other_meaning_are_not_cues(analyze_text, sentence):
    record = analyze_text(LEAD + sentence)
    assert not [s for s in record.statements if s.cue.lemma in ("call", "refer to")]


def test_naming_cue_with_falsity_word_is_a_denial(analyze_text):
    record = analyze_text(LEAD + "Moscow has previously called the U.S. allegations fake.")
    s = _by_cue(record, "has previously called")
    assert s.polarity == "-"


@pytest.mark.parametrize("sentence, cue, speaker, content", [
    # an object verb reports its noun-phrase object, with a "for" phrase
    ("The minister also mentioned the violence in the capital.", "also mentioned", "The minister",
     ["the violence in the capital"]),
    ("The president thanked the voters for their support.", "thanked", "The president",
     ["the voters for their support"]),
    # a phrasal cue whose particle the parser makes the mark of a clause
    ("The senator is calling for the United States to take a stronger role.", "is calling for", "The senator",
     ["the United States to take a stronger role"]),
    # a cue set inside the clause it reports takes the clause on both sides
    ("This campaign, the senator says, is different.", "says", "the senator", ["This campaign", "is different"]),
    ("As the ministry reported, the talks failed on Monday.", "reported", "the ministry",
     ["the talks failed on Monday"]),
    # a passive's agent is the source and its subject the content
    ("The plan was first reported by Reuters.", "was first reported", "Reuters", ["The plan"]),
    # a speech noun with its topic: the light verb joins the cue, its subject is the source
    ("The minister made no mention of the embargo.", "made no mention of", "The minister", ["the embargo"]),
])
def test_statement_without_clausal_complement(analyze_text, sentence, cue, speaker, content):
    record = analyze_text(LEAD + sentence)
    s = _by_cue(record, cue)
    assert s.speaker.text == speaker
    assert [c.text for c in s.content] == content


def test_agentless_passive_cue_has_no_speaker(analyze_text):
    record = analyze_text(LEAD + "The minister was asked whether the talks would resume.")
    s = _by_cue(record, "was asked")
    assert s.speaker is None
    assert [c.text for c in s.content] == ["whether the talks would resume"]


def test_line_ending_in_colon_takes_next_paragraph(analyze_text):
    record = analyze_text(LEAD + "After the meeting in the capital on Friday, the foreign minister of the country "
                          "stated:\n\n“The sanctions will fail and everyone knows it.”\n\nThe talks resumed on Monday.")
    s = _by_cue(record, "stated")
    assert s.speaker.text == "the foreign minister of the country"
    assert [c.text for c in s.content] == ["“The sanctions will fail and everyone knows it.”"]


def test_stated_preference_is_a_statement_only_in_a_main_clause(analyze_text):
    record = analyze_text(LEAD + "Most farmers support the new subsidy. Officials said most farmers support the "
                          "new subsidy. The agency needs more money to support the farmers.")
    assert [s.cue.text for s in record.statements] == ["support", "said"]
    assert _by_cue(record, "support").speaker.text == "Most farmers"


@pytest.mark.parametrize("sentence", [
    "You know, the talks failed on Monday.",                                 # a filler, not a cue
    "The minister wants voters to know that the talks failed on Monday.",   # a wished belief is not held
    "UPDATE: The talks resumed on Monday after a long pause.",               # a line label, not a speaker
])
def test_non_attributions(analyze_text, sentence):
    record = analyze_text(LEAD + sentence)
    assert [s.cue.text for s in record.statements if s.cue.lemma in ("know", ":")] == []


def test_participle_after_preposition_takes_the_main_subject(analyze_text):
    record = analyze_text(LEAD + "After saying he was nervous, the man left the room.")
    assert _by_cue(record, "saying").speaker.text == "the man"


def test_intention_is_attributed_with_unknown_certainty(analyze_text):
    record = analyze_text(LEAD + "The minister wants the talks to resume on Monday.")
    s = _one(record, "want")
    assert s.speaker.text == "The minister"
    assert "the talks to resume on Monday" in s.content[0].text
    assert s.certainty == "unknown"


def test_indirect_question_is_the_content_of_ask(analyze_text):
    record = analyze_text(LEAD + "The reporter asked the minister if the talks had failed.")
    s = _one(record, "ask")
    assert s.speaker.text == "The reporter"
    assert "the talks had failed" in " ".join(c.text for c in s.content)


def test_charge_hung_on_the_addressee_is_the_content(analyze_text):
    record = analyze_text(LEAD + "The army accused the rebels of looting aid warehouses.")
    s = _one(record, "accuse")
    assert s.speaker.text == "The army"
    assert [c.text for c in s.content] == ["looting aid warehouses"]


def test_finite_verb_parsed_as_noun_modifier_takes_the_noun_as_speaker(analyze_text):
    record = analyze_text(LEAD + "Ivan Sokolov, a Russian-installed official in the region, accused Kyiv of "
                          "shelling residential areas of Nova Kakhovka with rockets.")
    assert _one(record, "accuse").speaker.text.startswith("Ivan Sokolov")


def test_reporting_verb_joined_to_a_reported_clause_is_the_speakers(analyze_text):
    record = analyze_text(LEAD + "The Houthis’ chief negotiator said on Twitter that the proposal “fell far short "
                          "of the demands of the Yemeni people” and accused the coalition of intransigence.")
    assert _one(record, "accuse").speaker.text == "The Houthis’ chief negotiator"


def test_quotation_before_a_cue_clause_with_addressee_and_occasion(analyze_text):
    record = analyze_text(LEAD + "“We will not stop the strikes,” the minister told reporters during a visit to "
                          "the port.")
    s = _one(record, "tell")
    assert s.quote == "direct"
    assert "We will not stop the strikes" in s.content[0].text


def test_perception_and_preference_cues(analyze_text):
    record = analyze_text(LEAD + "Most voters see the senator as a uniter. Farmers oppose the new tax.")
    see = _one(record, "see")
    assert see.speaker.text == "Most voters"
    assert "a uniter" in " ".join(c.text for c in see.content)
    assert _one(record, "oppose").speaker.text == "Farmers"


def test_pro_form_is_the_content_of_say(analyze_text):
    record = analyze_text(LEAD + "Six in 10 voters called him competent, and half of the farmers said so in March.")
    s = _one(record, "say")
    assert [c.text for c in s.content] == ["so"]


def test_speech_noun_subject_of_a_copula_with_a_that_clause(analyze_text):
    record = analyze_text(LEAD + "The senator’s response was that the tax code is unfair to farmers.")
    s = _one(record, "response")
    assert s.cue.text == "response was"
    assert s.speaker.text == "The senator’s"
    assert "the tax code is unfair to farmers" in s.content[0].text


@pytest.mark.parametrize("sentence, cue, speaker, content, certainty", [
    # an attitude adjective after a copula: the subject holds the attitude, copula to adjective is the cue
    ("Some opposition leaders are concerned that the election will be delayed.", "are concerned",
     "Some opposition leaders", ["the election will be delayed"], "probable"),
    ("The foreign minister was also sharply critical of the embargo.", "was also sharply critical of",
     "The foreign minister", ["the embargo"], "certain"),
])
def test_attitude_adjective_is_a_cue(analyze_text, sentence, cue, speaker, content, certainty):
    record = analyze_text(LEAD + sentence)
    s = _by_cue(record, cue)
    assert s.speaker.text == speaker
    assert [c.text for c in s.content] == content
    assert s.certainty == certainty


@pytest.mark.parametrize("sentence", [
    "The embargo is critical to the economy.",            # importance, not an attitude
    "The minister was sure to attend the talks.",         # no content clause or phrase
])
def test_adjectives_without_attitude_content_are_not_cues(analyze_text, sentence):
    record = analyze_text(LEAD + sentence)
    assert not [s for s in record.statements if s.cue.lemma in ("critical", "sure")]


@pytest.mark.parametrize("sentence, lemma, content", [
    ("The rebels appear to be moving toward the capital.", "appear", ["The rebels", "to be moving toward the capital"]),
    ("It appears that the talks have collapsed.", "appear", ["the talks have collapsed"]),
    ("The delegates seemed unperturbed.", "seem", ["The delegates", "unperturbed"]),
])
def test_appearance_verb_is_a_sourceless_cue(analyze_text, sentence, lemma, content):
    record = analyze_text(LEAD + sentence)
    s = _one(record, lemma)
    assert s.speaker is None
    assert [c.text for c in s.content] == content
    assert s.certainty == "probable"


def test_appearance_verb_without_complement_is_no_cue(analyze_text):
    record = analyze_text(LEAD + "The minister appeared on state television on Friday.")
    assert not [s for s in record.statements if s.cue.lemma == "appear"]
