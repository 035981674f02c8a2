"""find_dateline: the place that opens a story, and how much of the paragraph to cut."""
from __future__ import annotations

import pytest

from onrecord.ingest.dateline import find_dateline


@pytest.mark.parametrize("text, place, prefix", [
    ("SEOUL—North Korea denied it.", "SEOUL", "SEOUL—"),
    ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON", "WASHINGTON (AP) — "),
    ("LONDON, March 3 (Reuters) - Britain said.", "LONDON", "LONDON, March 3 (Reuters) - "),
    ("KYIV, Ukraine — Russian forces shelled.", "KYIV", "KYIV, Ukraine — "),
    ("NEW YORK, N.Y. — A fire broke out.", "NEW YORK", "NEW YORK, N.Y. — "),
    ("ST. LOUIS, Mo. -- The river rose.", "ST. LOUIS", "ST. LOUIS, Mo. -- "),
    ("BEIJING, Sept. 22 (Xinhua) -- China said.", "BEIJING", "BEIJING, Sept. 22 (Xinhua) -- "),
    ("SAN FRANCISCO - The city said.", "SAN FRANCISCO", "SAN FRANCISCO - "),
    ("(Reuters) — The New York attorney general said.", None, "(Reuters) — "),
])
def test_find_dateline(text: str, place: str | None, prefix: str) -> None:
    found = find_dateline(text)
    assert found is not None
    assert found.place == place
    assert text[:found.length] == prefix


@pytest.mark.parametrize("text", [
    "NATO—the alliance said.",
    "BREAKING — The president has resigned.",
    "LIVE UPDATE — Polls close at 8 p.m.",
    "U.S. officials said on Monday.",
    "WASHINGTON-based groups objected.",
    "The UN—which met on Monday—agreed.",
    "North Korea denied it.",
])
def test_find_dateline_rejects(text: str) -> None:
    assert find_dateline(text) is None
