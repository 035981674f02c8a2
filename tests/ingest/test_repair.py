"""repair_digits: a letter sequence standing for one digit is found statistically, never by name."""
from __future__ import annotations

import pytest

from onrecord.ingest.repair import repair_digits
from onrecord.settings import IngestSettings

SETTINGS = IngestSettings()


def _fixed(text: str, settings: IngestSettings = SETTINGS) -> str:
    return repair_digits(text, settings)[0]


@pytest.mark.parametrize("text, expected", [
    ("Sept. 22, 2022 src2:25 am ET. Rockets from the src950s.", "Sept. 22, 2022 12:25 am ET. Rockets from the 1950s."),
    ("In l995, at l0:30 a.m., l,200 people came.", "In 1995, at 10:30 a.m., 1,200 people came."),
    ("The 2O22 vote began at 1O:3O pm in the 2OOOs.", "The 2022 vote began at 10:30 pm in the 2000s."),
])
def test_repair_restores_the_digit(text: str, expected: str) -> None:
    assert _fixed(text) == expected


@pytest.mark.parametrize("text", [
    "155mm shells and 122mm guns, a 10km march, 5pm and 9am, the 20th and 21st.",
    "Flight MS804 vanished; MS804 was an Airbus, and MS804, officials said.",
    "NBA 2K20 in 4K and more 4K games.",            # one telling numeral is not enough
    "The 1990s and the 80s and 70s.",
    "Built in 19x5, rebuilt in 20x0 and closed by 20x9.",   # every digit makes a year: ambiguous
    "A G7 summit, an F16 and an A320 at 2022-09-22T00:25:00Z and 2023-01-01T10:00:00Z.",
    "Sept. 22, 2022 src2:25 am ET",                   # seen once: below repair_min_count
])
def test_repair_leaves_legitimate_text_alone(text: str) -> None:
    assert repair_digits(text, SETTINGS) == (text, [])


def test_repair_needs_one_digit_to_fit_all() -> None:
    # "x" fits 1 in "x995" but only 2 in "20x2:30"-style clocks past 19h: no single digit fits both
    text = "It began in x995 and ended at x3:15 on a day in x996."
    assert _fixed(text) == "It began in 1995 and ended at 13:15 on a day in 1996."
    conflicting = "It began in x995 and the x0s were over by x050."
    assert repair_digits(conflicting, SETTINGS) == (conflicting, [])


def test_repair_min_count_is_a_setting() -> None:
    text = "In l995 and at l0:30 a.m."
    assert _fixed(text) == "In 1995 and at 10:30 a.m."
    assert _fixed(text, IngestSettings(repair_min_count=3)) == text


def test_repair_fixes_hashes_too_and_reports_offsets() -> None:
    text = "Date src2:25 am, the src950s. ab12src34cdsrcef5678901234"
    fixed, repairs = repair_digits(text, SETTINGS)
    assert fixed == "Date 12:25 am, the 1950s. ab12134cd1ef5678901234"
    assert [(r.before, r.after) for r in repairs] == [
        ("src2:25", "12:25"), ("src950s", "1950s"), ("ab12src34cdsrcef5678901234", "ab12134cd1ef5678901234")]
    for repair in repairs:
        assert fixed[repair.start:repair.end] == repair.after


def test_repair_reads_days_beside_month_names_and_dotted_clocks() -> None:
    # "x2 March" must be a day (1-31), "x4.05 GMT" a clock (0-23): only 1 fits both
    text = "Talks began on x2 March at x4.05 GMT."
    assert _fixed(text) == "Talks began on 12 March at 14.05 GMT."


def test_repair_breaks_a_tie_by_the_look_of_a_single_letter() -> None:
    # 1 and 2 both fit "?8 May" and "?0.42 BST"; "l" looks like 1, "x" looks like no digit
    assert _fixed("Talks opened on l8 May at l0.42 BST.") == "Talks opened on 18 May at 10.42 BST."
    unknown = "Talks opened on x8 May at x0.42 BST."
    assert repair_digits(unknown, SETTINGS) == (unknown, [])


def test_repair_accepts_long_registration_numbers() -> None:
    text = "On l2 March at l4.05 GMT, the charity (no. l23456l) said l,500 people came."
    assert _fixed(text) == "On 12 March at 14.05 GMT, the charity (no. 1234561) said 1,500 people came."


@pytest.mark.parametrize("text", [
    "The 5l bottle and the 2l jug cost l0 dollars.",      # no day, clock or year: nothing telling
    "Talks began on l2 March and l4 may follow.",          # "may" in lower case is no month
])
def test_repair_needs_telling_numerals(text: str) -> None:
    assert repair_digits(text, SETTINGS) == (text, [])
