"""The founding article: every field the brief fixes, read from ../shared (skipped when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.ingest import read_input
from onrecord.model import Article
from onrecord.settings import IngestSettings

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_f550be25ed6773a1.txt"
pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(not SEED.is_file(), reason=f"{SEED} is absent (../shared is not beside the repo)")]


@pytest.fixture(scope="module")
def article() -> Article:
    return read_input(SEED.read_bytes(), source=str(SEED), settings=IngestSettings())


def test_seed_metadata(article: Article) -> None:
    assert article.title == "North Korea Says It Isn’t Supplying Russia With Weapons"
    assert article.authors == ["Timothy W. Martin"]
    assert article.published == "2022-09-22T00:25:00-04:00"
    assert article.dateline == "SEOUL"
    assert article.publisher == "Dow Jones & Company"
    assert article.print_headline == "North Korea Denies Arming Russia"
    assert article.language == "en"
    assert article.source == str(SEED)


@pytest.mark.parametrize("needle", [
    "North Korea denied that it is supplying Russia with weapons or ammunition",
    "Russian President Vladimir Putin, in a nationally televised speech, said he would call up 300,000 reservists",
    "rockets that date to the 1950s",
    "“Nobody is entitled to criticize it,” the official said.",
    "Multiple rocket-launcher vehicles were on display during a military parade",
])
def test_seed_text_keeps(article: Article, needle: str) -> None:
    assert needle in article.text


@pytest.mark.parametrize("needle", [
    "Home Business", "by News", "You may also like", "Leave a Comment", "src", "87990cbe8568",
    "Write to Timothy W. Martin", "Copyright ©2022", "Appeared in the September 22, 2022, print edition",
    "SEOUL—", "12:25 am ET",
])
def test_seed_text_drops(article: Article, needle: str) -> None:
    assert needle not in article.text


def test_seed_text_shape(article: Article) -> None:
    text = article.text
    assert text == text.strip()
    assert "\n\n\n" not in text and "  " not in text
    assert text.startswith("Multiple rocket-launcher vehicles were on display")
    assert text.endswith("in eastern Ukraine.")
    assert text.count("\n\n") == 10         # 11 paragraphs
    assert all("\n" not in para for para in text.split("\n\n"))


def test_seed_removed(article: Article) -> None:
    assert [(r.reason, r.text) for r in article.removed] == [
        ("navigation", "Home Business North Korea Says It Isn’t Supplying Russia With Weapons"),
        ("headline", "North Korea Says It Isn’t Supplying Russia With Weapons"),
        ("placeholder-byline", "by News"),
        ("repeated-headline", "North Korea Says It Isn’t Supplying Russia With Weapons"),
        ("timestamp", "Sept. 22, 2022 12:25 am ET"),
        ("dateline", "SEOUL—"),
        ("contact-line", "Write to Timothy W. Martin at timothy.martin@wsj.com"),
        ("copyright", "Copyright ©2022 Dow Jones & Company, Inc. All Rights Reserved."),
        ("junk-hash", "87990cbe856818d5eddac44c7b1cdeb8"),
        ("print-edition", "Appeared in the September 22, 2022, print edition as ‘North Korea Denies Arming Russia.’"),
        ("related-links", "You may also like"),
        ("comment-prompt", "Leave a Comment"),
    ]


def test_seed_repairs(article: Article) -> None:
    repairs = [(r.before, r.after, r.reason) for r in article.repairs]
    assert repairs == [
        ("src2:25", "12:25", "digit-corruption"),
        ("src950s", "1950s", "digit-corruption"),
        ("87990cbe8568src8d5eddac44c7bsrccdeb8", "87990cbe856818d5eddac44c7b1cdeb8", "digit-corruption"),
    ]
    timestamp, decade, junk = article.repairs
    assert (timestamp.start, timestamp.end) == (-1, -1)     # its line became `published`
    assert (junk.start, junk.end) == (-1, -1)               # removed as junk-hash
    assert article.text[decade.start:decade.end] == "1950s"
    assert article.text[decade.start - 12:decade.end] == "date to the 1950s"


def test_seed_id_is_hash_of_normalised_text(article: Article) -> None:
    import hashlib
    expected = hashlib.sha256(" ".join(article.text.split()).encode("utf-8")).hexdigest()[:16]
    assert article.id == expected
