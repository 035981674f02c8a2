"""Copyright lines give the publisher; print-edition notes give the print headline."""
from __future__ import annotations

import pytest

from onrecord.ingest.notices import parse_copyright, parse_print_edition


@pytest.mark.parametrize("line, publisher, end", [
    ("Copyright ©2022 Dow Jones & Company, Inc. All Rights Reserved. 87990cbe856818d5eddac44c7b1cdeb8",
     "Dow Jones & Company", 62),
    ("© 2024 The New York Times Company", "The New York Times Company", 33),
    ("Copyright 2019 The Associated Press. All rights reserved.", "The Associated Press", 57),
    ("(c) 2021 Acme Media Ltd", "Acme Media", 23),
    ("Copyright © 2015-2023 Harbour News Group LLC", "Harbour News Group", 44),
    ("© 2021 The Valley Gazette. Registered in Wales no. 41230", "The Valley Gazette", 56),
    ("© 2020 J.R. Lowe Media Ltd.", "J.R. Lowe Media", 27),
])
def test_parse_copyright(line: str, publisher: str, end: int) -> None:
    notice = parse_copyright(line)
    assert notice is not None
    assert (notice.publisher, notice.end) == (publisher, end)


@pytest.mark.parametrize("line", [
    "The company holds the copyright to the song, a lawyer said.",
    "Copying is not allowed.",
])
def test_parse_copyright_rejects_sentences(line: str) -> None:
    assert parse_copyright(line) is None


@pytest.mark.parametrize("line, headline", [
    ("Appeared in the September 22, 2022, print edition as ‘North Korea Denies Arming Russia.’",
     "North Korea Denies Arming Russia"),
    ("Appeared in the March 4, 2024, print edition as 'Talks Stall in U.S.'", "Talks Stall in U.S."),
    ("A version of this article appears in print on Nov. 20, 2019, Section A, Page 25 of the New York "
     "edition with the headline: Republicans Are Following Trump to Nowhere. Order Reprints | Today’s Paper",
     "Republicans Are Following Trump to Nowhere"),
])
def test_parse_print_edition(line: str, headline: str) -> None:
    assert parse_print_edition(line) == headline


def test_parse_print_edition_rejects_other_lines() -> None:
    assert parse_print_edition("The story appeared in print on Monday.") is None
