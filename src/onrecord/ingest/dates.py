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


_ZONE = r"Z|[+-]\d{2}:?\d{2}|(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[A-Z]{2,5}"
_AMPM = r"[ap]\.?\s?m\.?"


@lru_cache(maxsize=1)
def _timestamp_regex() -> re.Pattern[str]:
    words = date_words()
    month = rf"(?:{alternation(words.months)})\.?"
    weekday = rf"(?:(?:{alternation(words.weekdays)})\.?,?\s+)?"
    label = rf"(?:(?P<label>{alternation(words.labels)})\s*:?\s*(?:on\s+)?)?"
    # "4:31 AM EDT, August 18, 2022": some sites print the time first
    lead = (rf"(?:(?P<h0>\d{{1,2}})[:.](?P<mi0>\d{{2}})\s*(?P<ampm0>{_AMPM})?"
            rf"(?:\s*\(?(?P<zone0>{_ZONE})\)?)?\s*(?:,|on|\||·|•|-|–|—)?\s+)?")
    date = (rf"(?:(?P<mon>{month})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
            rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{month}),?\s+(?P<year2>\d{{4}})"
            r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
            r"|(?P<um>\d{1,2})/(?P<ud>\d{1,2})/(?P<uy>\d{4}))")
    # British papers print "10.42 BST"; the minutes separator may be a dot
    time = (r"(?:(?:\s*(?:,|at|@|\||·|•|-|–|—)\s*|\s+|T)"
            r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?"
            rf"\s*(?P<ampm>{_AMPM})?"
            rf"(?:\s*\(?(?P<zone>{_ZONE})\)?)?)?")
    # a print page after the date ("Sun, Apr 09, 2023 page1", "March 3, 2024, p. 4")
    page = rf"(?:\s*[,|·•-]?\s*(?:{alternation(words.pages)})\.?\s*[A-Z]?\d{{1,3}})?"
    return re.compile(rf"^{label}{lead}{weekday}{date}{time}{page}\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _dateless_regex() -> re.Pattern[str]:
    words = date_words()
    label = rf"(?:(?:{alternation(words.labels)})\s*:?\s*)"
    ago = (rf"(?:\d{{1,3}}|an?|one)\s+(?:{alternation(words.units)})\.?\s+(?:{alternation(words.ago)})")
    time = rf"(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:{_AMPM})?(?:\s*\(?(?:{_ZONE})\)?)?"
    return re.compile(rf"^(?:{label}?{ago}|{label}{time})\s*$", re.IGNORECASE)


def is_dateless_stamp(line: str) -> bool:
    """Whether a whole line is a timestamp without a date ("Updated 2 hours ago", "Last updated: 17.05 GST")."""
    return _dateless_regex().match(line.strip()) is not None


def parse_timestamp(line: str) -> Timestamp | None:
    """The timestamp a whole line states, or None if the line is anything else."""
    m = _timestamp_regex().match(line.strip())
    if m is None:
        return None
    months = date_words().months
    g = m.groupdict()
    if g["h"] is None and g["h0"] is not None:
        g = {**g, "h": g["h0"], "mi": g["mi0"], "ampm": g["ampm0"], "zone": g["zone0"]}
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
