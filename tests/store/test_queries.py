"""Store queries: filters, pagination, aliases, and bound parameters only."""
from __future__ import annotations

import datetime as dt

import pytest

from onrecord.errors import StoreQueryError

HOSTILE = ["'; DROP TABLE articles; --", "O'Brien \"quoted\"", "%", "_", "\\"]


@pytest.fixture
def filled(store, fixture_records):
    for record in fixture_records.values():
        store.add(record)
    return store


def test_statements_filter_by_country_and_stance(filled, fixture_records):
    aid = fixture_records["harbor-original"].article.id
    rows = filled.statements(speaker_country="ETH", polarity="-", canonical_only=True)
    assert [(r.article_id, r.id, r.cue_lemma, r.speaker_code) for r in rows] == [(aid, "s4", "say", "ETHGOV")]
    assert rows[0].content_text.startswith("the accusation was false")
    kenya = filled.statements(speaker_code="KENMIL", canonical_only=True)
    assert [(r.id, r.polarity, r.proposition) for r in kenya] == [("s1", "+", "e1")]


def test_statements_filter_by_text_date_and_lemma(filled, fixture_records):
    zambia = fixture_records["river-unrelated"].article.id
    rows = filled.statements(text="MAIZE")
    assert [(r.article_id, r.id) for r in rows] == [(zambia, "s4")]
    in_march_5 = filled.statements(date_from="2023-03-05", date_to=dt.date(2023, 3, 5))
    assert {r.article_id for r in in_march_5} == {zambia}
    assert len(filled.statements(cue_lemma="call on")) == 2   # original and syndicated copy
    assert len(filled.statements(cue_lemma="call on", canonical_only=True)) == 1


def test_statements_paginate(filled):
    everything = filled.statements(limit=100)
    assert len(everything) == 18
    assert filled.statements(limit=5, offset=5) == everything[5:10]


def test_events_filter(filled, fixture_records):
    aid = fixture_records["harbor-original"].article.id
    rows = filled.events(type="AID", actor_country="ETH", canonical_only=True)
    assert [(r.article_id, r.id, r.trigger_text, r.attributed_to) for r in rows] == [(aid, "e1", "supplied", "s1")]
    assert [r.id for r in filled.events(recipient_country="KEN", canonical_only=True)] == ["e4"]
    assert filled.events(type="AID", date_from="2023-03-04") == []


def test_actors_counts_and_aliases(filled):
    rows = {a.code: a for a in filled.actors(limit=100)}
    assert rows["ETHGOV"].articles == 2
    assert rows["ETHGOV"].country == "ETH"
    assert "Ethiopia" in rows["ETH"].aliases
    assert filled.actors(country="ZMB", limit=100)[0].code == "ZMBGOV"


def test_list_articles_search(filled, fixture_records):
    rows = filled.list_articles(query="hydroelectric")
    assert [r.id for r in rows] == [fixture_records["river-unrelated"].article.id]
    assert rows[0].canonical and rows[0].statements == 5
    assert len(filled.list_articles()) == 3
    assert len(filled.list_articles(canonical_only=True)) == 2
    assert filled.count_articles() == 2


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_filter_values_are_bound(filled, value):
    before = filled.stats()
    assert filled.statements(text=value + "zz", speaker_country=None) == []
    assert filled.statements(speaker_country=value) == []
    assert filled.statements(cue_lemma=value, speaker_code=value) == []
    assert filled.events(type=value, actor_country=value, recipient_country=value) == []
    assert filled.actors(query=value + "zz", country=value) == []
    assert filled.list_articles(query=value + "zz") == []
    assert filled.get_record(value) is None
    assert filled.stats() == before


@pytest.mark.parametrize("kwargs", [{"polarity": "x"}, {"limit": 0}, {"limit": 5000}, {"offset": -1},
                                    {"date_from": "2023-13-45"}])
def test_bad_query_arguments_raise(filled, kwargs):
    with pytest.raises(StoreQueryError) as err:
        filled.statements(**kwargs)
    assert err.value.code == "E034"
