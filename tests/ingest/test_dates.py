"""parse_timestamp: whole timestamp lines to ISO 8601, with zone offsets from the date's DST."""
from __future__ import annotations

import pytest

from onrecord.ingest.dates import parse_timestamp


@pytest.mark.parametrize("line, value, label", [
    ("Sept. 22, 2022 12:25 am ET", "2022-09-22T00:25:00-04:00", ""),
    ("Updated March 3, 2024 at 5:01 p.m. EST", "2024-03-03T17:01:00-05:00", "updated"),
    ("Published 2023-05-01 09:00 UTC", "2023-05-01T09:00:00+00:00", "published"),
    ("2023-05-01T09:00:00Z", "2023-05-01T09:00:00+00:00", ""),
    ("2019-11-19T08:57:40+01:00", "2019-11-19T08:57:40+01:00", ""),
    ("Dec. 7, 2023 12:00 PM PT", "2023-12-07T12:00:00-08:00", ""),
    ("July 4, 2023 9:15 a.m. PT", "2023-07-04T09:15:00-07:00", ""),
    ("Thursday, 22 September 2022 14:05 KST", "2022-09-22T14:05:00+09:00", ""),
    ("Published: Jan 5, 2021, 14:30 GMT+2", "2021-01-05T14:30:00+02:00", "published"),
    ("June 1, 2022 10:00 BST", "2022-06-01T10:00:00+01:00", ""),
    ("Thursday, 22 September 2022", "2022-09-22", ""),
    ("March 3, 2024", "2024-03-03", ""),
    ("UPDATED: Tue., Nov. 19, 2019", "2019-11-19", "updated"),
    ("Posted on 03/04/2024", "2024-03-04", "published"),
    ("March 3, 2024 17:00", "2024-03-03", ""),          # a time without a zone stays a date
    ("March 3, 2024 17:00 XYZ", "2024-03-03", ""),      # unknown zone abbreviation
])
def test_parse_timestamp(line: str, value: str, label: str) -> None:
    stamp = parse_timestamp(line)
    assert stamp is not None
    assert (stamp.value, stamp.label) == (value, label)


@pytest.mark.parametrize("line", [
    "The vote is on March 3, 2024.",
    "March 3 was a Sunday",
    "February 30, 2024",
    "March 3, 2024 13:00 pm ET",
    "Sept. 22, 2022 and more",
])
def test_parse_timestamp_rejects_other_lines(line: str) -> None:
    assert parse_timestamp(line) is None
