"""Export fixtures: one hand-built record with known values, and a store of the scale fixture articles."""
from __future__ import annotations

from pathlib import Path

import pytest

SCALE_FIXTURES = Path(__file__).parents[1] / "scale" / "fixtures"
TEXT = ("Azerbaijan shelled two Armenian villages on Monday, Armenia said.\n\n"
        "Baku denied it would ever attack civilians.")


@pytest.fixture(scope="session")
def shelling_record():
    """A record built by hand: AZE shells ARM (reported by ARM), and a denied, hypothetical attack."""
    from onrecord.model import (Actor, Article, Cue, Event, EventDate, Provenance, Record, Speaker, Statement,
                                TextSpan)

    def span(start: int, end: int, cls=TextSpan, **extra):
        return cls.of(TEXT, start, end, **extra)

    article = Article(id="art1", source="/data/art1.txt", title="Villages shelled", published="2023-04-04",
                      publisher="The Test Wire", text=TEXT,
                      provenance=Provenance(url="https://example.org/art1"))
    aze = Actor(id="a1", name="Azerbaijan", code="AZEGOV", country="AZE", sector="GOV",
                mentions=[span(0, 10), span(67, 71)])
    arm = Actor(id="a2", name="Armenia", code="ARM", country="ARM", mentions=[span(52, 59)])
    said = Statement(id="s1", speaker=span(52, 59, Speaker, actor="a2"), cue=span(60, 64, Cue, lemma="say"),
                     content=[span(0, 50)], proposition="e1")
    shelled = Event(id="e1", type="ASSAULT", mode="heavy-weapons", context=["military"], actor=["a1"],
                    recipient=["a2"], trigger=span(11, 18), attributed_to="s1",
                    date=EventDate(value="2023-04-03", precision="day", span=span(44, 50)), score=-9.5)
    attack = Event(id="e2", type="ASSAULT", actor=["a1"], trigger=span(93, 99), negated=True, hypothetical=True)
    return Record(article=article, actors=[aze, arm], statements=[said], events=[shelled, attack])


@pytest.fixture(scope="session")
def fixture_records(analyzer):
    """Records of the scale fixture articles (analysed in this process)."""
    from onrecord.model import Record
    from onrecord.pipeline import sources_from_paths
    from onrecord.settings import Settings

    return [r for r in analyzer.run(sources_from_paths([str(SCALE_FIXTURES)], Settings())) if isinstance(r, Record)]


@pytest.fixture
def store(fixture_records):
    from onrecord.settings import StoreSettings
    from onrecord.store import Store

    with Store.open(None, StoreSettings()) as s:
        for record in fixture_records:
            s.add(record)
        yield s
