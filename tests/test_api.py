"""The public API: onrecord.analyze and onrecord.analyze_many on texts and HTML strings."""
from __future__ import annotations

import pytest

import onrecord
from onrecord import Failure, InputError, Record

DENIAL = ("North Korea denied that it is supplying Russia with weapons. The statement was carried by the "
          "state news agency on Thursday.")
HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cairo talks | Example News</title>
<meta property="article:published_time" content="2023-03-14T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Egypt hosts Gaza ceasefire talks</h1>
<p>Egypt's foreign minister said on Tuesday that Israeli and Palestinian negotiators had agreed to meet in
Cairo next week to discuss a ceasefire.</p>
<p>Israel denied that it had accepted any new conditions, a government spokesman said.</p></article>
<footer><p>Copyright 2023 Example News. All rights reserved.</p></footer></body></html>"""


def test_analyze_text_returns_an_onrecord_record(settings):
    record = onrecord.analyze(DENIAL, settings=settings)
    assert isinstance(record, Record)
    data = record.to_dict()
    assert data["format"] == "onrecord/1"
    assert data["article"]["text"] == DENIAL
    assert data["article"]["source"] == "<string>"


def test_analyze_denial_statement(settings):
    record = onrecord.analyze(DENIAL, settings=settings)
    statement = record.statements[0]
    assert (statement.cue.text, statement.cue.lemma) == ("denied", "deny")
    assert statement.polarity == "-"
    assert statement.speaker is not None and statement.speaker.text == "North Korea"
    speaker = next(a for a in record.actors if a.id == statement.speaker.actor)
    assert speaker.country == "PRK"
    assert [c.text for c in statement.content] == ["it is supplying Russia with weapons"]


def test_analyze_html_string(settings):
    record = onrecord.analyze(HTML, source="https://example.com/cairo-talks", settings=settings)
    article = record.article
    assert article.title == "Egypt hosts Gaza ceasefire talks"
    assert article.published.startswith("2023-03-14")
    assert article.source == "https://example.com/cairo-talks"
    assert article.text.startswith("Egypt's foreign minister said on Tuesday")
    assert "Copyright" not in article.text and "Home" not in article.text
    assert [s.cue.lemma for s in record.statements][:2] == ["say", "deny"]
    record.check_offsets()


def test_analyze_rejects_empty_text(settings):
    with pytest.raises(InputError) as err:
        onrecord.analyze("   ", settings=settings)
    assert err.value.code == "E001"


def test_analyze_many_keeps_order_and_reports_failures(settings):
    items = [DENIAL, "", HTML.encode("utf-8"), "Too short."]
    results = list(onrecord.analyze_many(items, settings=settings))
    assert len(results) == 4
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Record", "Failure"]
    assert results[0].article.text == DENIAL
    assert results[1] == Failure(source="<item 1>", code="E001", message="empty input: nothing to analyse")
    assert results[2].article.title == "Egypt hosts Gaza ceasefire talks"
    assert (results[3].source, results[3].code) == ("<item 3>", "E007")


def test_analyze_many_batches_beyond_batch_size(settings):
    # more inputs than one nlp.pipe batch, with failures between them: order must still hold
    from dataclasses import replace
    small = replace(settings, nlp=replace(settings.nlp, batch_size=2))
    items = [f"Officials in Seoul said on day {i} that the talks with Japan would continue." if i % 3 else ""
             for i in range(7)]
    results = list(onrecord.analyze_many(items, settings=small))
    assert [isinstance(r, Failure) for r in results] == [i % 3 == 0 for i in range(7)]
    assert [r.article.text for r in results if isinstance(r, Record)] == [x for x in items if x]
