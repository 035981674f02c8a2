"""parse_timestamp: whole timestamp lines to ISO 8601, with zone offsets from the date's DST."""
from __future__ import annotations

import pytest

from onrecord.ingest.dates import is_dateless_stamp, parse_timestamp


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
    ("Published 9:40 PM CET, January 5, 2024", "2024-01-05T21:40:00+01:00", "published"),   # time first
    ("Updated 06:15 GMT, 2 May 2022", "2022-05-02T06:15:00+00:00", "updated"),
    ("Fri 3 Nov 2023 16.20 GMT", "2023-11-03T16:20:00+00:00", ""),      # British dot time
    ("Wednesday, June 7, 2023, page 4", "2023-06-07", ""),              # print page after the date
    ("Mon, Jan 08, 2024 p. 12", "2024-01-08", ""),
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


@pytest.mark.parametrize("line", [
    "Updated 5 mins ago", "an hour ago", "Posted 3 days ago", "Last updated: 08.30 BST",
    "Updated at 11:15 a.m. ET", "Published: 21:05 GMT",
])
def test_dateless_stamps(line: str) -> None:
    assert is_dateless_stamp(line)
    assert parse_timestamp(line) is None


@pytest.mark.parametrize("line", [
    "He left 2 hours ago", "Updated guidance was issued", "10.30 per cent", "Updated 2 hours ago, the minister said",
])
def test_dateless_stamp_rejects_prose(line: str) -> None:
    assert not is_dateless_stamp(line)
