"""classify_line and the header rules: stock phrases, combined metadata lines, headlines, breadcrumbs."""
from __future__ import annotations

import pytest

from onrecord.ingest.boilerplate import classify_line, is_section_line
from onrecord.ingest.header import find_title, headline_reasons, is_breadcrumb, is_menu_line


@pytest.mark.parametrize("line, reason", [
    ("You may also like", "related-links"),
    ("Related Articles:", "related-links"),
    ("READ MORE: Why the talks failed", "related-links"),
    ("Leave a Comment", "comment-prompt"),
    ("Comments (12)", "comment-prompt"),
    ("Share this article", "share"),
    ("Sign up for our newsletter", "newsletter"),
    ("» Read more", "related-links"),
    ("Advertisement", "advertisement"),
    ("87990cbe856818d5eddac44c7b1cdeb8", "junk-hash"),
    ("Sept. 22, 2022 12:25 am ET", "timestamp"),
    ("by News", "placeholder-byline"),
    ("Listen to article 6 min", "share"),
    ("Listen (3 min)", "share"),
    ("Link copied", "share"),
    ("Share on LinkedIn", "share"),
    ("Reprints & Permissions", "policy"),
    ("Corrections and clarifications", "corrections"),
    ("Scroll to continue with content", "advertisement"),
    ("Donate now", "appeal"),
    ("4 min read", "timestamp"),
    ("Updated 14 minutes ago", "timestamp"),
    ("Comments are closed. Thank you to everyone who took part in the debate on this story.", "comment-prompt"),
    ("This story has been updated to include a statement from the ministry.", "corrections"),
    ("An earlier version of this story gave the wrong year for the treaty.", "corrections"),
    ("[3/4] Protesters march in Lima, Peru, on Monday. Northwind/Rosa Diaz", "caption"),
    ("(Writing by Ana Gil; Editing by Tom Hay)", "credits"),
    ("Subscribe to Morning Digest, delivered to your inbox every day", "newsletter"),
])
def test_classify_line_reason(line: str, reason: str) -> None:
    verdict = classify_line(line)
    assert verdict is not None
    assert verdict.reason == reason


@pytest.mark.parametrize("line", [
    "The share price fell 4% on Monday.",
    "Comments by the minister angered farmers.",
    "Reading more books helps children, the study found.",
    "Sign up for the draft was mandatory in 1917, the historian said.",
    "Home prices rose.",
    "Comments are closed to the public until the court rules on the appeal, a spokesman for the judges said.",
    "Support for the plan rose sharply, an email survey of members showed.",
    "Research by the central bank found that prices rose in 14 of 20 regions.",
    "Listen to the tape and you will hear the difference, the lawyer told the jury.",
])
def test_classify_line_keeps_prose(line: str) -> None:
    assert classify_line(line) is None


def test_classify_line_splits_metadata_pieces() -> None:
    verdict = classify_line("By Jane Smith | Updated March 4, 2024 | Published March 3, 2024 10:00 am ET")
    assert verdict is not None
    assert [r for _, _, r in verdict.pieces] == ["byline", "timestamp", "timestamp"]
    assert verdict.authors == ("Jane Smith",)
    assert verdict.published == "2024-03-03T10:00:00-05:00"     # "Published" beats "Updated"


def test_classify_line_splits_a_relative_update_after_a_date() -> None:
    verdict = classify_line("May 2, 2024 10:15 AM EDT Updated 14 minutes ago")
    assert verdict is not None
    assert [r for _, _, r in verdict.pieces] == ["timestamp", "timestamp"]
    assert verdict.published == "2024-05-02T10:15:00-04:00"


def test_classify_line_posted_by_on_date() -> None:
    verdict = classify_line("Posted by Maria Lopez on June 2, 2021")
    assert verdict is not None
    assert (verdict.authors, verdict.published) == (("Maria Lopez",), "2021-06-02")


def test_copyright_line_splits_trailing_hash() -> None:
    line = "Copyright ©2022 Dow Jones & Company, Inc. All Rights Reserved. 87990cbe856818d5eddac44c7b1cdeb8"
    verdict = classify_line(line)
    assert verdict is not None
    assert [(line[a:b], r) for a, b, r in verdict.pieces] == [
        ("Copyright ©2022 Dow Jones & Company, Inc. All Rights Reserved.", "copyright"),
        ("87990cbe856818d5eddac44c7b1cdeb8", "junk-hash")]
    assert verdict.publisher == "Dow Jones & Company"


@pytest.mark.parametrize("line, expected", [
    ("Home › World › Asia", True), ("Home | News", True), ("World", True), ("World leaders met.", False)])
def test_is_section_line(line: str, expected: bool) -> None:
    assert is_section_line(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("Home Business Markets Rally Again", True),
    ("News › Asia › Markets Rally Again", True),
    ("Breaking Exclusive Investor Update Markets Rally Again", True),
    ("Stocks fell and then Markets Rally Again", False),
    ("One Two Three Four Five Markets Rally Again", False),
])
def test_is_breadcrumb(line: str, expected: bool) -> None:
    assert is_breadcrumb(line, "Markets Rally Again") is expected


def test_find_title_prefers_repeated_line() -> None:
    texts = ["Home › World", "Markets Rally Again", "by admin", "Markets Rally Again", "Stocks rose on Monday."]
    assert find_title(texts, {"by admin"}.__contains__) == "Markets Rally Again"
    assert headline_reasons(texts, "Markets Rally Again") == {
        0: "navigation", 1: "headline", 3: "repeated-headline"}


def test_find_title_falls_back_to_opening_line() -> None:
    assert find_title(["Markets Rally Again", "Stocks rose on Monday."], lambda t: False) == "Markets Rally Again"
    assert find_title(["Stocks rose on Monday.", "Bonds fell."], lambda t: False) is None


def test_headline_with_site_suffix_is_a_copy() -> None:
    reasons = headline_reasons(["Markets Rally Again | The Daily Planet", "Stocks rose."], "Markets Rally Again")
    assert reasons == {0: "headline"}


@pytest.mark.parametrize("line, expected", [
    ("News | Sport | Weather | Travel | Culture", True),
    ("About us  Jobs  Advertise with us", True),
    ("Home › Europe", True),
    ("Subscribe | Log in", True),
    ("World | Paris talks collapse as delegates walk out", False),   # a headline is no menu item
    ("Prices rose | Analysts expect more.", False),
    ("Oslo | Bergen", False),           # two unknown items could be anything
    ("Revenue rose 4% in May", False),
])
def test_is_menu_line(line: str, expected: bool) -> None:
    assert is_menu_line(line) is expected


def test_find_title_skips_the_masthead_and_kickers() -> None:
    texts = ["The Evening Post", "News | Sport | Weather", "Floods", "Rescue teams reach stranded villagers",
             "By Ana Gil", "Rescue teams reached the villagers on Monday after three days cut off by water."]
    assert find_title(texts, {"By Ana Gil"}.__contains__) == "Rescue teams reach stranded villagers"


def test_find_title_rejects_a_site_name_followed_by_sections() -> None:
    texts = ["Valley Daily Record", "Politics", "Local", "Election 2024",
             "Council passes budget after all-night session", "The council voted 7-2 on Tuesday to pass the budget."]
    assert find_title(texts, lambda t: False) == "Council passes budget after all-night session"
