"""An actor is named by words: spans without a letter never become actors, whatever NER says."""
from __future__ import annotations

import pytest
from spacy.tokens import Span


def _names(analyzer, doc):
    return [a.name for a in analyzer.resolver.resolve(doc).actors]


@pytest.mark.parametrize("text", ['"" |<:::::::::(^ ...........', "Officials said |<:::::::::(^ met in Kyiv."])
def test_ner_person_without_letters_is_no_actor(analyzer, text):
    doc = analyzer.nlp(text)
    assert any(e.label_ == "PERSON" and not any(c.isalpha() for c in e.text) for e in doc.ents)
    assert all(any(c.isalpha() for c in name) for name in _names(analyzer, doc))


def test_a_person_span_made_of_marks_is_no_actor_next_to_a_real_name(analyzer):
    doc = analyzer.nlp("Officials said |<:::::::::(^ met Marta Ferreira in Kyiv.")
    marks = next(t.i for t in doc if t.text == "|<:::::::::(^")
    # whatever the model tags, the span is a PERSON here
    doc.ents = [e for e in doc.ents if not e.start <= marks < e.end] + [Span(doc, marks, marks + 1, label="PERSON")]
    names = _names(analyzer, doc)
    assert all(any(c.isalpha() for c in name) for name in names)
    assert "Marta Ferreira" in names          # a real name still is an actor


def test_named_people_are_still_actors(analyzer):
    doc = analyzer.nlp("Marta Ferreira, a spokesperson for the EU, said the talks would resume.")
    assert "Marta Ferreira" in _names(analyzer, doc)
