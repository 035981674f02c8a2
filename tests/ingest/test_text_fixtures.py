"""article_from_text on scraped pages we wrote in different site styles: exact outputs."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.ingest import article_from_text
from onrecord.model import Article
from onrecord.settings import IngestSettings

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = IngestSettings()


def _article(name: str) -> Article:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return article_from_text(text, source=name, settings=SETTINGS)


def _removed(article: Article) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in article.removed]


def test_wire_page_with_breadcrumb_and_caps_byline() -> None:
    article = _article("wire_breadcrumb.txt")
    assert article.title == "Harbour Strike Spreads to Three More Ports"
    assert article.authors == ["Jane Smith", "Omar Haddad"]
    assert article.published == "2024-03-03T17:01:00-05:00"
    assert article.dateline == "ROTTERDAM"
    assert article.publisher == "The Example Press"
    assert article.print_headline is None
    assert article.text == (
        "Dock workers walked off the job at three more ports on Sunday, widening a strike that has "
        "already delayed shipments across northern Europe.\n\n"
        "The union said the stoppage would continue until employers improve their offer, which it called "
        "“an insult to every crane operator.”\n\n"
        "Port authorities said about 40 ships were waiting offshore.")
    assert _removed(article) == [
        ("navigation", "World › Europe › Harbour Strike Spreads to Three More Ports"),
        ("headline", "Harbour Strike Spreads to Three More Ports"),
        ("byline", "By JANE SMITH and OMAR HADDAD"),
        ("timestamp", "Updated March 3, 2024 at 5:01 p.m. EST"),
        ("dateline", "ROTTERDAM, Netherlands (AP) —"),
        ("related-links", "Related Articles"),
        ("related-links", "Shipping rates climb as strike drags on"),
        ("related-links", "Ten things to know about the port dispute"),
        ("copyright", "Copyright 2024 The Example Press. All rights reserved."),
    ]
    assert article.repairs == []


def test_newspaper_page_with_l_for_one_corruption() -> None:
    article = _article("newspaper_corrupted.txt")
    assert article.title == "City Council Approves New Transit Budget"
    assert article.authors == ["Ana Ruiz"]
    assert article.published == "2023-05-01T09:00:00+00:00"
    assert article.dateline is None
    assert article.text == (
        "The city council approved a transit budget of $1,200 million on Monday, the largest since 1995, "
        "after a debate that ran past 10:30 p.m.\n\n"
        "Council member Ana Ruiz, who chairs the finance committee, said the plan would add bus routes "
        "that were cut in the 1980s.\n\n"
        "The mayor is expected to sign it this week.")
    assert [(r.before, r.after) for r in article.repairs] == [
        ("l,200", "1,200"), ("l995", "1995"), ("l0:30", "10:30"), ("l980s", "1980s")]
    for repair in article.repairs:
        assert article.text[repair.start:repair.end] == repair.after
    assert _removed(article) == [
        ("navigation", "Home Politics City Council Approves New Transit Budget"),
        ("headline", "City Council Approves New Transit Budget"),
        ("placeholder-byline", "By Staff"),
        ("timestamp", "Published 2023-05-01 09:00 UTC"),
        ("share", "Share this article"),
        ("newsletter", "Sign up for our newsletter"),
        ("contact-line", "Ana Ruiz can be reached at ana.ruiz@example.org."),
    ]


def test_blog_page_with_broken_link_paragraphs() -> None:
    article = _article("blog_broken_links.txt")
    assert article.title == "Drought Forces Farmers to Sell Cattle Early"
    assert article.authors == []
    assert article.published == "2022-09-22"
    assert article.dateline == "KYIV"
    assert article.publisher == "Example Media"
    assert article.text == (
        "Farmers in the south have begun selling cattle months ahead of schedule, according to a report "
        "published by the Ministry of Agriculture, which warned that pasture had dried up across four regions."
        "\n\n“We cannot feed them through the winter,” said one farmer near Odesa.")
    assert _removed(article) == [
        ("headline", "Drought Forces Farmers to Sell Cattle Early"),
        ("placeholder-byline", "by admin"),
        ("timestamp", "Thursday, 22 September 2022"),
        ("dateline", "KYIV, Ukraine —"),
        ("comment-prompt", "Leave a Reply"),
        ("comment-prompt", "Your email address will not be published."),
        ("comment-prompt", "Required fields are marked *"),
        ("copyright", "© 2022 Example Media Ltd. All rights reserved."),
        ("junk-hash", "5f2b9c0e8d7a4b1c9e3f6a2d"),
    ]


def test_wire_story_with_contact_and_print_edition() -> None:
    article = _article("reuters_style.txt")
    assert article.title == "Central Bank Holds Rates Steady, Signals Patience"
    assert article.authors == ["Liam Ortiz", "Sara Chen"]
    assert article.dateline == "LONDON"
    assert article.print_headline == "Central Bank Waits on Rates"
    assert article.published is None
    assert article.text == (
        "The central bank kept its main interest rate unchanged on Thursday and said it would wait for "
        "clearer signs that inflation was cooling before cutting.\n\n"
        "Governor Maria Keller told reporters the bank was “not in a hurry.”")
    assert [r.reason for r in article.removed] == [
        "headline", "dateline", "contact-line", "print-edition", "related-links", "comment-prompt"]


def test_clean_article_is_left_unchanged() -> None:
    raw = (FIXTURES / "clean_article.txt").read_text(encoding="utf-8")
    article = _article("clean_article.txt")
    assert article.text == raw.strip()
    assert article.removed == [] and article.repairs == []
    assert (article.title, article.authors, article.published, article.dateline) == (None, [], None, None)
    assert article.language == "en"


def test_verbatim_mode_keeps_text_exactly() -> None:
    raw = (FIXTURES / "newspaper_corrupted.txt").read_text(encoding="utf-8")
    article = article_from_text("  " + raw + "\n\n", source="x.txt", settings=IngestSettings(clean=False))
    assert article.text == "  " + raw + "\n\n"
    assert article.removed == [] and article.repairs == []
    assert (article.title, article.authors, article.published, article.publisher) == (None, [], None, None)
    assert len(article.id) == 16


def test_page_timestamp_wins_over_published_argument() -> None:
    # the argument only fills a date the page lacks (--published "if the page lacks one")
    article = article_from_text((FIXTURES / "newspaper_corrupted.txt").read_text(encoding="utf-8"),
                                source="x.txt", settings=SETTINGS, published="2023-05-02")
    assert article.published is not None and not article.published.startswith("2023-05-02")
    bare = article_from_text("Seoul said talks would resume next week.\n\nNo date was set for them.",
                             source=None, settings=SETTINGS, published="2023-05-02")
    assert bare.published == "2023-05-02"


def test_ids_ignore_whitespace_differences() -> None:
    one = article_from_text("Seoul said talks would resume next week.\n\nNo date was set.",
                            source=None, settings=SETTINGS)
    two = article_from_text("Seoul said talks would resume   next week.\n\n\n\nNo date was set.\n",
                            source=None, settings=SETTINGS)
    assert one.text == two.text and one.id == two.id


@pytest.mark.parametrize("text, code", [("", "E001"), ("   \n\n ", "E001"), ("You may also like\n\nComments", "E007")])
def test_text_without_body_is_refused(text: str, code: str) -> None:
    with pytest.raises(InputError) as info:
        article_from_text(text, source="bad.txt", settings=SETTINGS)
    assert info.value.code == code


def test_agency_page_with_gallery_caption_credits_and_blurb() -> None:
    article = _article("agency_gallery.txt")
    assert article.title == "Japan and Australia sign pact to share rare earth stockpiles"
    assert article.authors == ["Priya Nair", "Kenji Watanabe"]
    assert article.published == "2023-03-14T09:05:00+09:00"
    assert article.dateline == "TOKYO"
    assert article.text == (
        "Japan and Australia agreed on Tuesday to pool their stockpiles of rare earth minerals, the two "
        "governments said, as they seek to cut their reliance on a single supplier.\n\n"
        "The agreement covers lithium, cobalt and 17 rare earth elements, and lets either country draw on the "
        "other's reserves during a supply emergency, according to a joint statement.\n\n"
        "Japan's industry minister told reporters the deal would \"give our manufacturers certainty for a decade.\"")
    assert _removed(article) == [
        ("navigation", "Skip to content"),
        ("navigation", "Northwind Wire"),
        ("navigation", "Markets"),
        ("navigation", "Politics"),
        ("navigation", "Energy"),
        ("navigation", "Climate"),
        ("navigation", "Commodities"),
        ("navigation", "Science"),
        ("navigation", "Asia Pacific"),
        ("headline", "Japan and Australia sign pact to share rare earth stockpiles"),
        ("byline", "By Priya Nair and Kenji Watanabe"),
        ("timestamp", "March 14, 2023 9:05 AM GMT+9"),
        ("timestamp", "Updated 35 minutes ago"),
        ("caption", "[2/5] Workers inspect ore samples at a processing plant in Western Australia, March 2, 2023. "
                    "Northwind/Liam O'Connor Purchase Licensing Rights"),
        ("dateline", "TOKYO, March 14 (Northwind) -"),
        ("advertisement", "Scroll to continue with content"),
        ("credits", "(Reporting by Priya Nair in Sydney and Kenji Watanabe in Tokyo; Editing by Sara Lindqvist)"),
        ("author-bio", "Priya Nair"),
        ("author-bio", "Sydney-based reporter covering resources and trade."),
        ("navigation", "Site Index"),
        ("navigation", "About Northwind Careers Contact"),
    ]


def test_relief_page_with_name_byline_and_o_for_zero_corruption() -> None:
    article = _article("relief_digest.txt")
    assert article.title == "Flooding forces 30,000 from homes in northern Mozambique"
    assert article.authors == ["Tomás Reyes"]                      # a bare name beside the timestamp
    assert article.published == "2023-03-20T09:15:00+00:00"
    assert article.dateline == "MAPUTO"
    assert article.text == (
        "More than 30,000 people have been forced from their homes by floods in Cabo Delgado province, the "
        "national disaster agency said on Sunday.\n\n"
        "The agency said 40 schools had been closed and that it needed $25 million for shelter and food over "
        "the next three months.\n\n"
        "“The water rose in less than an hour,” a local official told reporters.")
    assert [(r.before, r.after) for r in article.repairs] == [
        ("3O,OOO", "30,000"), ("2O", "20"), ("2O23", "2023"), ("O9.15", "09.15"), ("3O,OOO", "30,000"), ("4O", "40")]
    for repair in article.repairs:
        if repair.start >= 0:
            assert article.text[repair.start:repair.end] == repair.after
    assert _removed(article) == [
        ("navigation", "The Aid Ledger"),
        ("navigation", "Emergencies | Donors | Health | Displacement | Opinion"),
        ("appeal", "Donate"),
        ("navigation", "Displacement"),
        ("headline", "Flooding forces 30,000 from homes in northern Mozambique"),
        ("byline", "Tomás Reyes"),
        ("timestamp", "Mon 20 Mar 2023 09.15 GMT"),
        ("share", "Share on WhatsApp"),
        ("share", "Share via Email"),
        ("caption", "A family wades through floodwater near Pemba on 18 March. Photograph: Ana Lopes/The Aid Ledger"),
        ("dateline", "MAPUTO –"),
        ("appeal", "Help keep our newsroom free to read. Become a member today"),
        ("corrections", "This article has been corrected to fix the name of the province."),
        ("policy", "Reuse this content"),
        ("newsletter", "Sign up to Aid Ledger Daily, the morning bulletin on crises around the world"),
        ("newsletter", "Sign up"),
    ]
