"""Paragraph layout: blocks, one-paragraph-per-line texts, fragment rejoining, offset mapping."""
from __future__ import annotations

import pytest

from onrecord.ingest.layout import join_fragments, paragraphs_of, para_text, render, split_lines


def _clean(src: str, title: str | None = None) -> str:
    lines = split_lines(src)
    paras = join_fragments(src, paragraphs_of(lines, [True] * len(lines)), title)
    return render(src, paras).text


@pytest.mark.parametrize("src, expected", [
    ("The statement came hours after Russian President\n\nVladimir Putin,\n\nin a speech, said he would act.",
     "The statement came hours after Russian President Vladimir Putin, in a speech, said he would act."),
    ("Officials said the report was published by\n\nthe Ministry of Health\n\non Tuesday.",
     "Officials said the report was published by the Ministry of Health on Tuesday."),
    ("The talks ended without a deal between\n\nthe two sides.",
     "The talks ended without a deal between the two sides."),
    ("A line wrapped\nby a scraper   keeps  one space.", "A line wrapped by a scraper keeps one space."),
])
def test_fragments_are_rejoined(src: str, expected: str) -> None:
    assert _clean(src) == expected


@pytest.mark.parametrize("src", [
    "Key Facts\n\nThe dam holds 2 billion cubic metres of water.",
    "What we know so far about the outbreak\n\nPittsburgh",
    "The list includes:\n\n- bread\n\n- rice",
    "Exports rose 4% in May\n\nImports fell.\n\nThe gap narrowed.",
    "Read the full text at\n\nhttps://example.org/report",
])
def test_separate_paragraphs_stay_apart(src: str) -> None:
    assert _clean(src).count("\n\n") == src.count("\n\n")


def test_title_heading_is_never_joined() -> None:
    src = "Markets Rally Again\n\nStocks Rose,\n\nanalysts said."
    assert _clean(src, title="Markets Rally Again") == "Markets Rally Again\n\nStocks Rose, analysts said."


def test_one_paragraph_per_line_blocks() -> None:
    src = "First paragraph ends here.\nSecond paragraph ends here.\nThird one too."
    assert _clean(src) == "First paragraph ends here.\n\nSecond paragraph ends here.\n\nThird one too."


def test_render_maps_source_offsets() -> None:
    src = "  Intro   line\n\n\n  Second   para with 1950s here.  "
    lines = split_lines(src)
    paras = paragraphs_of(lines, [True] * len(lines))
    rendered = render(src, paras)
    assert rendered.text == "Intro line\n\nSecond para with 1950s here."
    start = src.index("1950s")
    out = rendered.locate(start, start + 5)
    assert rendered.text[out[0]:out[1]] == "1950s"
    assert rendered.locate(0, 1) == (-1, -1)       # whitespace is not kept as such
    assert [para_text(src, p) for p in paras] == ["Intro line", "Second para with 1950s here."]
