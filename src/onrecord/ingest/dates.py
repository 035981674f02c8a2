"""Reads timestamp lines ("Sept. 22, 2022 12:25 am ET") into ISO 8601 strings."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .lexicon import alternation, date_words, timezones

logger = logging.getLogger(__name__)

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class Timestamp:
    """A parsed timestamp: ISO value and the label that introduced it ("published", "updated", "")."""
    value: str
    label: str


@lru_cache(maxsize=1)
def _timestamp_regex() -> re.Pattern[str]:
    words = date_words()
    month = rf"(?:{alternation(words.months)})\.?"
    weekday = rf"(?:(?:{alternation(words.weekdays)})\.?,?\s+)?"
    label = rf"(?:(?P<label>{alternation(words.labels)})\s*:?\s*(?:on\s+)?)?"
    date = (rf"(?:(?P<mon>{month})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
            rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{month}),?\s+(?P<year2>\d{{4}})"
            r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
            r"|(?P<um>\d{1,2})/(?P<ud>\d{1,2})/(?P<uy>\d{4}))")
    time = (r"(?:(?:\s*(?:,|at|@|\||·|•|-|–|—)\s*|\s+|T)"
            r"(?P<h>\d{1,2})(?::(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?"
            r"\s*(?P<ampm>[ap]\.?\s?m\.?)?"
            r"(?:\s*\(?(?P<zone>Z|[+-]\d{2}:?\d{2}|(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[A-Z]{2,5})\)?)?)?")
    return re.compile(rf"^{label}{weekday}{date}{time}\s*$", re.IGNORECASE)


def parse_timestamp(line: str) -> Timestamp | None:
    """The timestamp a whole line states, or None if the line is anything else."""
    m = _timestamp_regex().match(line.strip())
    if m is None:
        return None
    months = date_words().months
    g = m.groupdict()
    try:
        if g["mon"]:
            year, month, day = int(g["year"]), months[g["mon"].rstrip(".").lower()], int(g["day"])
        elif g["mon2"]:
            year, month, day = int(g["year2"]), months[g["mon2"].rstrip(".").lower()], int(g["day2"])
        elif g["iy"]:
            year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
        else:
            year, month, day = int(g["uy"]), int(g["um"]), int(g["ud"])
        value = _with_time(datetime(year, month, day), g)
    except ValueError:
        logger.debug("timestamp-like line with an impossible date: %r", line)
        return None
    if value is None:
        return None
    label = date_words().labels.get((g["label"] or "").lower(), "")
    return Timestamp(value=value, label=label)


def _with_time(day: datetime, g: dict[str, str | None]) -> str | None:
    """ISO string: date and time with offset when both are given, else the date alone."""
    if g["h"] is None:
        return day.date().isoformat()
    hour, minute = int(g["h"]), int(g["mi"] or 0)
    second = int(g["s"] or 0)
    if g["mi"] is None and not g["ampm"]:
        return None  # a bare number after the date is not a time
    ampm = (g["ampm"] or "").replace(".", "").replace(" ", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} with {ampm}")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    zone = _zone(g["zone"]) if g["zone"] else None
    if zone is None:
        return day.date().isoformat()
    moment = day.replace(hour=hour, minute=minute, second=second, tzinfo=zone)
    return moment.isoformat(timespec="seconds")


def _zone(text: str) -> tzinfo | None:
    """A tzinfo for a printed zone: abbreviation from the table, Z, or an explicit offset."""
    name = timezones().get(text.upper(), text)
    m = _OFFSET.match(name.strip())
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0)))
    if "/" not in name:
        return None
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        logger.debug("unknown IANA zone %r", name)
        return None


def month_pattern() -> str:
    """Regex alternation of month names and abbreviations (optional period)."""
    return rf"(?i:{alternation(date_words().months)})\.?"
