"""Amounts and relative dates."""
import datetime as dt

import pytest

from onrecord.extract.dates import resolve_date

LEAD = "This report was filed from the capital on Thursday by our correspondent. "


@pytest.mark.parametrize("phrase, value, approximate", [
    ("300,000 reservists", 300000, False),
    ("millions of rounds", 1000000, True),
    ("tens of millions of artillery shells", 10000000, True),
    ("about 4.1 million people", 4100000, True),
    ("Thirteen of the council’s members", 13, False),
])
def test_amounts(analyze_text, phrase, value, approximate):
    record = analyze_text(LEAD + f"Officials counted {phrase} in the region this week.")
    found = [a for a in record.amounts if a.value == value]
    assert found, [(a.value, a.span.text) for a in record.amounts]
    assert found[0].approximate is approximate
    assert record.article.text[found[0].span.start:found[0].span.end] == found[0].span.text


PUB = dt.date(2022, 9, 22)   # a Thursday


@pytest.mark.parametrize("expr, value, precision", [
    ("Thursday", "2022-09-22", "day"),
    ("Monday", "2022-09-19", "day"),
    ("earlier this month", "2022-09", "month"),
    ("last month", "2022-08", "month"),
    ("this year", "2022", "year"),
    ("Sept. 5", "2022-09-05", "day"),
    ("November 3, 2021", "2021-11-03", "day"),
    ("the 1950s", "1950s", "decade"),
    ("yesterday", "2022-09-21", "day"),
])
def test_resolve_date(expr, value, precision):
    r = resolve_date(expr, PUB)
    assert (r.value, r.precision) == (value, precision)
