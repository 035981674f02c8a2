"""Bylines and contact lines: person names become authors; placeholders are only removed."""
from __future__ import annotations

import pytest

from onrecord.ingest.bylines import is_author_bio, parse_byline, parse_contact, parse_name_line, split_authors


@pytest.mark.parametrize("line, authors", [
    ("By Jane Smith", ("Jane Smith",)),
    ("By JANE SMITH and JOHN DOE", ("Jane Smith", "John Doe")),
    ("By Timothy W. Martin", ("Timothy W. Martin",)),
    ("By Jane Smith, Staff Writer", ("Jane Smith",)),
    ("BY: Kim Lee & Ravi Patel", ("Kim Lee", "Ravi Patel")),
    ("Written by Ana de la Cruz", ("Ana de la Cruz",)),
    ("Byline: Amber Phillips.", ("Amber Phillips",)),
])
def test_byline_authors(line: str, authors: tuple[str, ...]) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors and not byline.placeholder


@pytest.mark.parametrize("line", ["by News", "By Staff", "by admin", "By Editor", "By Web Desk", "By Reuters"])
def test_byline_placeholders(line: str) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == () and byline.placeholder


@pytest.mark.parametrize("line", [
    "By the way, the minister said no.",
    "By 2030 the plant will close.",
    "By contrast, exports rose.",
    "Bystanders filmed the crash.",
])
def test_byline_rejects_sentences(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize("line, names", [
    ("Write to Timothy W. Martin at timothy.martin@wsj.com", ("Timothy W. Martin",)),
    ("Write to Jane Doe at jane@x.com and John Roe at john@x.com", ("Jane Doe", "John Roe")),
    ("Jane Doe can be reached at jane@example.org.", ("Jane Doe",)),
    ("Contact Sam Lee at sam.lee@example.org or on Twitter.", ("Sam Lee",)),
    ("Email tips to news@example.org", ()),
])
def test_contact_lines(line: str, names: tuple[str, ...]) -> None:
    assert parse_contact(line) == names


@pytest.mark.parametrize("line", [
    "He wrote to officials at the ministry.",
    "Reporters asked whether jane@example.org was real, and she said no.",
])
def test_contact_rejects_other_lines(line: str) -> None:
    assert parse_contact(line) is None


def test_split_authors_drops_roles() -> None:
    assert split_authors("Tom Krisher; Ap Auto Writer") == ["Tom Krisher"]
    assert split_authors("Sarah E Needleman") == ["Sarah E Needleman"]


@pytest.mark.parametrize("line, names", [
    ("Tomás Reyes", ("Tomás Reyes",)),
    ("ANA GIL", ("Ana Gil",)),
    ("Lena Vogt, The Valley Courier", ("Lena Vogt",)),
    ("Sam Lee | Chief Political Correspondent", ("Sam Lee",)),
    ("Rosa Diaz — Bureau of Investigative Reporting", ("Rosa Diaz",)),
])
def test_name_lines(line: str, names: tuple[str, ...]) -> None:
    assert parse_name_line(line) == names


@pytest.mark.parametrize("line", [
    "Middle East", "Latin America", "Lena Vogt, who was there, disagreed", "Floods hit the north",
    "Lena Vogt, reporting from a flooded village in the north of the country",
])
def test_name_lines_reject_other_lines(line: str) -> None:
    assert parse_name_line(line) is None


@pytest.mark.parametrize("line, after_name", [
    ("LENA VOGT", False),
    ("Vogt covers energy and climate for the Courier from Berlin.", False),
    ("Sam Lee is the Courier's Asia editor. He previously worked in Seoul.", False),
    ("Sam Lee has covered three general elections.", False),
    ("Rosa Diaz is a freelance journalist based in Bogota.", False),    # not a byline author: job word
    ("Berlin-based reporter covering energy and industry.", True),      # the job line under a name line
])
def test_author_bios(line: str, after_name: bool) -> None:
    assert is_author_bio(line, ["Lena Vogt", "Sam Lee"], after_name=after_name)


@pytest.mark.parametrize("line", [
    "Vogt said the plant would close in May.",
    "Vogt is expected to testify before the committee on Friday.",
    "Lee was arrested in 2019 and later released.",
    "Lee, the opposition leader, is a former minister.",
    "Rosa Diaz is a former minister who now runs a charity.",
    "Berlin-based companies are cutting jobs.",
])
def test_author_bios_reject_story_sentences(line: str) -> None:
    assert not is_author_bio(line, ["Lena Vogt", "Sam Lee"])
