"""Furniture shapes: picture captions, staff credit lines, promotions, reading-time badges."""
from __future__ import annotations

import pytest

from onrecord.ingest.furniture import is_caption, is_credit_line, is_reading_time, promo_reason


@pytest.mark.parametrize("line", [
    "(1 of 6) Firefighters work through the night in Valparaiso, Chile, on Saturday.",
    "[4/7] A man walks past a damaged shop in Dnipro. Northwind/Oksana Hrytsai",
    "Voters queue outside a polling station in Lagos on Saturday. (AP Photo/Sunday Alamba, File)",
    "The minister arrives for the summit. (Photo by Ana Gil/Getty Images)",
    "Police stand guard outside parliament. Image: Valley Times archive",
    "Flood water covers a road near Sylhet. PICTURE: REUTERS",
    "Pictures: Handout",
    "Delegates at the opening session in Bonn. Photograph: Lena Vogt for the Courier",
    "Troops march through the capital during a parade. Buy this photo",
])
def test_captions(line: str) -> None:
    assert is_caption(line)


@pytest.mark.parametrize("line", [
    "He showed reporters a photo: the image was blurred, officials said.",
    "The photo was taken in 2019. Image: it showed the two men shaking hands.",
    "Image: the ministry says the pictures were doctored by foreign agents.",
    "The company has sold 4,000 licences (including photo rights) this year.",
    "Two pictures of the meeting, released on Monday, show the leaders smiling.",
])
def test_captions_reject_prose(line: str) -> None:
    assert not is_caption(line)


@pytest.mark.parametrize("line", [
    "Reporting by Lena Vogt in Berlin; Writing by Tom Hay; Editing by Ana Gil and Mark Porter",
    "(Additional reporting by Oksana Hrytsai in Kyiv; Editing by Rosa Diaz)",
    "Compiled by Sam Lee",
    "Associated Press writers Ana Gil in Madrid and Tom Hay in Lisbon contributed to this report.",
    "Correspondent Rosa Diaz contributed reporting from Bogota.",
    "Staff writer Lena Vogt contributed to this article",
])
def test_credit_lines(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize("line", [
    "Research by Oxford University found that prices rose.",
    "Reporting by state media suggested the talks had stalled.",
    "Editing by hand took the team three weeks, the director said.",
    "The fund contributed to this report's findings, its authors said.",
    "Donors contributed $3 million to the appeal.",
])
def test_credit_lines_reject_prose(line: str) -> None:
    assert not is_credit_line(line)


@pytest.mark.parametrize("line, reason", [
    ("Sign up for Morning Brief, our weekday newsletter on markets.", "newsletter"),
    ("Subscribe to the Valley Daily podcast", "newsletter"),
    ("Follow our live coverage of the election at https://example.org/live", "share"),
    ("Support independent local journalism. Readers like you keep us going. Give monthly", "appeal"),
    ("Download our app for breaking news alerts", "share"),
    ("Join our WhatsApp channel", "newsletter"),
])
def test_promotions(line: str, reason: str) -> None:
    assert promo_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Support for the coalition's email policy waned, polls showed.",
    "Sign up for the draft was mandatory in 1917, the historian said.",
    "Follow-up talks on the app ban are planned for May, your correspondent hears.",
    "Get-out-the-vote drives relied on email, organisers said.",
    "Join the queue, the clerk told the daily commuters.",
    "Support for daily workers",                  # a sub-heading, not a call to action
])
def test_promotions_reject_prose(line: str) -> None:
    assert promo_reason(line) is None


@pytest.mark.parametrize("line, expected", [
    ("3 min read", True), ("(5 minute read)", True), ("12 mins listen", True),
    ("3 min", False), ("Read 3 stories", False),
])
def test_reading_time(line: str, expected: bool) -> None:
    assert is_reading_time(line) is expected
