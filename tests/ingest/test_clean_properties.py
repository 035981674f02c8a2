"""Invariants of cleaned text on generated pages: layout, offsets of repairs, nothing invented."""
from __future__ import annotations

from hypothesis import given, settings as hsettings, strategies as st

from onrecord.errors import InputError
from onrecord.ingest import article_from_text
from onrecord.settings import IngestSettings

SETTINGS = IngestSettings()
LINES = [
    "Markets Rally Again", "Home Business Markets Rally Again", "by admin", "By Jane Smith",
    "Sept. 22, 2022 src2:25 am ET", "The index rose in the src950s and again in src990.",
    "SEOUL—Officials said the plan would go ahead.", "Stocks rose on Monday after", "Vladimir Putin,",
    "in a speech, said he would act.", "You may also like", "Leave a Comment", "Comments (3)",
    "Copyright ©2022 Example Media, Inc. All Rights Reserved. 87990cbe8568src8d5eddac44c7b",
    "“We will see,” she said.", "- a list item", "", " ", "\t",
]


@hsettings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=25),
       st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n\n"]), min_size=25, max_size=25))
def test_cleaned_text_invariants(lines: list[str], breaks: list[str]) -> None:
    raw = "".join(line + sep for line, sep in zip(lines, breaks))
    try:
        article = article_from_text(raw, source="gen.txt", settings=SETTINGS)
    except InputError as e:
        assert e.code in {"E001", "E007"}
        return
    text = article.text
    assert text == text.strip()
    assert "\n\n\n" not in text and "  " not in text and "\r" not in text
    assert all(p == p.strip() and "\n" not in p for p in text.split("\n\n"))
    for repair in article.repairs:
        if repair.start >= 0:
            assert text[repair.start:repair.end] == repair.after
        else:
            assert (repair.start, repair.end) == (-1, -1)
    assert all(r.text and r.text == r.text.strip() for r in article.removed)
    assert "You may also like" not in text and "Leave a Comment" not in text
    # every word of the body comes from the input (after digit repairs)
    source_words = set(raw.split()) | {r.after for r in article.repairs} | {"Officials"}
    assert all(any(w.strip(".,“”") in s for s in source_words) for w in text.split())
