"""article_from_html on pages we wrote: trafilatura body + metadata, then the same cleaning as text."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.ingest import article_from_html
from onrecord.ingest.html import page_title, strip_site_suffix
from onrecord.settings import IngestSettings

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = IngestSettings()


def test_news_page_metadata_and_body() -> None:
    html = (FIXTURES / "news_page.html").read_text(encoding="utf-8")
    article = article_from_html(html, source="https://herald.example/2023/volcano.html", settings=SETTINGS)
    assert article.title == "Volcano Erupts Near Island Airport"
    assert article.authors == ["Lena Park"]
    assert article.published == "2023-11-14T08:30:00+09:00"
    assert article.publisher == "The Coastal Herald"
    assert article.dateline == "TOKYO"
    assert article.text == (
        "A volcano on a remote southern island erupted early on Tuesday, sending a column of ash about "
        "3,000 metres into the sky and forcing the closure of the island's only airport.\n\n"
        "The Meteorological Agency raised its alert level to four on a scale of five and told residents "
        "within two kilometres of the crater to leave their homes.\n\n"
        "“We heard a loud bang and then the sky went dark,” said a hotel worker who asked not to be named.\n\n"
        "No injuries had been reported by midday, officials said.")
    assert [(r.reason, r.text) for r in article.removed] == [
        ("headline", "Volcano Erupts Near Island Airport"), ("dateline", "TOKYO —")]
    assert "Related Articles" not in article.text and "Privacy" not in article.text


def test_blog_page_without_metadata_tags() -> None:
    html = (FIXTURES / "blog_page.htm").read_text(encoding="utf-8")
    article = article_from_html(html, source="blog_page.htm", settings=SETTINGS)
    assert article.title == "Clinic Opens in Flooded District"
    assert article.published == "2021-06-02"
    assert article.dateline == "NAIROBI"
    assert article.text == (
        "A mobile clinic opened on Wednesday in a district cut off by floods, offering vaccinations and "
        "clean water to about 2,000 residents.\n\n"
        "The clinic is run by a local charity with support from the county government, which said it would "
        "keep it open for at least six weeks.\n\n"
        "\"People walked for hours to get here,\" said nurse Grace Wanjiru.")
    assert ("share", "Share this article") in [(r.reason, r.text) for r in article.removed]
    assert "Great work" not in article.text      # comments are not article text


def test_html_verbatim_keeps_extracted_body() -> None:
    html = (FIXTURES / "news_page.html").read_text(encoding="utf-8")
    article = article_from_html(html, source="news_page.html", settings=IngestSettings(clean=False))
    assert article.text.startswith("Volcano Erupts Near Island Airport\nTOKYO — A volcano")
    assert article.removed == [] and article.title is None and article.dateline is None


@pytest.mark.parametrize("html", [
    "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
    "<html><body><div><script>var x = 1;</script></div></body></html>",
])
def test_html_without_body_is_e005(html: str) -> None:
    with pytest.raises(InputError) as info:
        article_from_html(html, source="empty.html", settings=SETTINGS)
    assert info.value.code == "E005"


def test_page_with_kicker_standfirst_and_author_blurb() -> None:
    html = (FIXTURES / "harbour_times.html").read_text(encoding="utf-8")
    article = article_from_html(html, source="harbour_times.html", settings=SETTINGS)
    assert article.title == "Port authority delays tanker ban after shipping lobby protest"    # the <h1>
    assert article.authors == ["Marta Lind"]
    assert article.published == "2024-02-06T07:45:00+01:00"
    assert article.dateline == "ROTTERDAM"
    assert article.publisher == "The Harbour Times"
    assert article.text.startswith("The port authority on Monday postponed a ban")
    assert article.text.endswith("ahead of the risk of a spill.")
    assert [(r.reason, r.text) for r in article.removed] == [
        ("navigation", "Shipping"),
        ("headline", "Port authority delays tanker ban after shipping lobby protest"),
        ("standfirst", "Operators win six more months to refit older vessels"),
        ("timestamp", "Tue 6 Feb 2024 07.45 CET"),
        ("dateline", "ROTTERDAM —"),
        ("author-bio", "Marta Lind covers shipping and trade for The Harbour Times."),
        ("newsletter", "Get the Harbour Briefing in your inbox every weekday morning."),
    ]


@pytest.mark.parametrize("html, meta, site, title", [
    # the <h1> that shares the meta title's words wins over a shortened social title
    ("<h1>The Courier</h1><h1>Council approves new bridge after decade of delays</h1>",
     "Bridge approved | The Courier", "The Courier", "Council approves new bridge after decade of delays"),
    ("<h1 class='x'><span>Heatwave</span> grips <a href='/s'>southern Spain</a></h1>",
     "Heatwave grips southern Spain - Iberia Today", "Iberia Today", "Heatwave grips southern Spain"),
    # a logo <h1> that does not match is ignored; the site suffix is cut from the meta title
    ("<h1>Morning Ledger</h1>", "Markets slide as oil jumps | Morning Ledger", "Morning Ledger",
     "Markets slide as oil jumps"),
    ("<p>no heading</p>", "Opinion | Why the talks failed in Geneva", None, "Opinion | Why the talks failed in Geneva"),
    ("<h1>Storm closes Alpine passes</h1>", None, None, "Storm closes Alpine passes"),
])
def test_page_title(html: str, meta: str | None, site: str | None, title: str) -> None:
    assert page_title(html, meta, site) == title


@pytest.mark.parametrize("title, site, expected", [
    ("Markets slide as oil jumps - The Morning Ledger", "Morning Ledger", "Markets slide as oil jumps"),
    ("Markets slide as oil jumps | Ledger Online", None, "Markets slide as oil jumps"),
    ("Opinion | Why the talks failed", None, "Opinion | Why the talks failed"),
    ("Putin - the man behind the war", None, "Putin - the man behind the war"),
])
def test_strip_site_suffix(title: str, site: str | None, expected: str) -> None:
    assert strip_site_suffix(title, site) == expected
