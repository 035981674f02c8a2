"""Rules by position on the page: masthead and labels above the headline, bylines and standfirst
under it, blurbs and furniture below the story; lines of the story itself are never judged."""
from __future__ import annotations

from onrecord.ingest import article_from_text
from onrecord.model import Article
from onrecord.settings import IngestSettings

SETTINGS = IngestSettings()
BODY = ("The council voted on Tuesday to close the old bridge to lorries from next month.\n\n"
        "Engineers said cracks in two supports had widened since the spring inspection.\n\n")


def _article(text: str) -> Article:
    return article_from_text(text, source="page.txt", settings=SETTINGS)


def _removed(article: Article) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in article.removed]


def test_labels_above_the_headline_go_but_sentences_stay() -> None:
    article = _article("Valley Courier\nLocal | Weather | Sport\n\nTransport\n\n"
                       "Drivers told to stay home tonight.\n\n"
                       "Council shuts old bridge to lorries\n\n" + BODY)
    assert article.title == "Council shuts old bridge to lorries"
    assert _removed(article)[:4] == [
        ("navigation", "Valley Courier"), ("navigation", "Local | Weather | Sport"),
        ("navigation", "Transport"), ("headline", "Council shuts old bridge to lorries")]
    assert article.text.startswith("Drivers told to stay home tonight.\n\nThe council voted")


def test_a_bare_name_is_a_byline_only_beside_the_timestamp() -> None:
    dated = _article("Council shuts old bridge to lorries\n\nLena Vogt\n\n2 June 2024 08:10 BST\n\n" + BODY)
    assert dated.authors == ["Lena Vogt"]
    assert ("byline", "Lena Vogt") in _removed(dated)
    undated = _article("Council shuts old bridge to lorries\n\nLena Vogt\n\n" + BODY)
    assert undated.authors == []
    assert undated.text.startswith("Lena Vogt\n\nThe council voted")


def test_name_and_outlet_byline() -> None:
    article = _article("Council shuts old bridge to lorries\n\nSam Lee, Valley Courier\n"
                       "June 2, 2024 at 8:10 a.m. EDT\n\n" + BODY)
    assert article.authors == ["Sam Lee"]
    assert article.published == "2024-06-02T08:10:00-04:00"


def test_standfirst_under_the_headline_goes() -> None:
    article = _article("Council shuts old bridge to lorries\n\nEngineers warn that two supports are failing\n\n"
                       "By Lena Vogt\n\n" + BODY)
    assert ("standfirst", "Engineers warn that two supports are failing") in _removed(article)
    assert article.text.startswith("The council voted")


def test_a_sentence_broken_by_a_link_is_no_standfirst() -> None:
    article = _article("Council shuts old bridge to lorries\n\n"
                       "The decision came hours after the transport minister\n\nAna Gil,\n\n"
                       "in a radio interview, said the bridge was safe for cars.\n\n" + BODY)
    assert article.text.startswith("The decision came hours after the transport minister Ana Gil, in a radio "
                                   "interview, said the bridge was safe for cars.")


def test_author_blurbs_below_the_story_go() -> None:
    article = _article("Council shuts old bridge to lorries\n\nBy Lena Vogt and Sam Lee\n\n" + BODY
                       + "Repairs are expected to take a year.\n\n"
                       "LENA VOGT\nVogt covers transport for the Courier.\n\n"
                       "Sam Lee is the Courier's local government reporter.")
    assert article.text.endswith("Repairs are expected to take a year.")
    assert _removed(article)[-3:] == [
        ("author-bio", "LENA VOGT"), ("author-bio", "Vogt covers transport for the Courier."),
        ("author-bio", "Sam Lee is the Courier's local government reporter.")]


def test_author_name_early_in_the_story_is_kept() -> None:
    first = "Vogt covers the bridge closure for residents who were told on Tuesday to find other routes."
    article = _article("Council shuts old bridge to lorries\n\nBy Lena Vogt\n\n" + first + "\n\n" + BODY
                       + "Repairs are expected to take a year.\n\nA public meeting is planned for Friday evening.")
    assert article.text.startswith(first)


def test_a_list_ending_the_story_stays_but_wedged_furniture_goes() -> None:
    article = _article("Band announces first tour in a decade\n\n"
                       "The band announced a tour of twelve cities on Monday, its first in a decade.\n\n"
                       "Tour dates\nJune 9 – Tampa, FL\nJune 10 – Atlanta, GA\n\n"
                       "Newsletter\nWeekend Picks\nSign up")
    assert "Tour dates" in article.text and article.text.endswith("June 10 – Atlanta, GA")
    assert _removed(article)[-3:] == [
        ("newsletter", "Newsletter"), ("navigation", "Weekend Picks"), ("newsletter", "Sign up")]


def test_a_journalist_in_the_news_is_no_blurb() -> None:
    news = "Ana Gil is a reporter for the Courier who was detained at the border last week."
    article = _article("Council shuts old bridge to lorries\n\n" + BODY + news + "\n\n"
                       "Her editor said she had done nothing wrong and called for her release.\n\n"
                       "Tom Hay is a reporter for the Valley Courier.")
    assert news in article.text
    assert _removed(article)[-1] == ("author-bio", "Tom Hay is a reporter for the Valley Courier.")
