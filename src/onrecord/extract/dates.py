"""Temporal expressions resolved against the publication date, with their precision."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..ingest.lexicon import date_words

# weekday numbers follow datetime.date.weekday(); month names and abbreviations are read from
# the calendar data file ingest uses for timestamps (data/ingest_dates.tsv)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_DECADE = re.compile(r"\b(1[5-9]\d0|20\d0)s\b")
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?")


@dataclass(frozen=True)
class Resolved:
    value: str
    precision: str        # time | day | month | year | decade | century
    historical: bool = False


def resolve_date(expr: str, published: dt.date | None) -> Resolved | None:
    """Resolve an expression like "Thursday", "earlier this month", "Sept. 5, 2022", "the 1950s"."""
    low = expr.lower().strip()
    ref = published
    months = date_words().months
    m = _DECADE.search(low)
    if m:
        decade = int(m.group(1))
        return Resolved(f"{decade}s", "decade", historical=bool(ref and decade + 10 < ref.year - 1))
    m = _MONTH_DAY.search(expr)
    if m and m.group(1).lower().rstrip(".") in months:
        month = months[m.group(1).lower().rstrip(".")]
        year = int(m.group(3)) if m.group(3) else _year_for_month(month, ref)
        if year:
            try:
                return Resolved(dt.date(year, month, int(m.group(2))).isoformat(), "day",
                                historical=_old(year, ref))
            except ValueError:
                return None
    m = _DAY_MONTH.search(expr)
    if m and m.group(2).lower().rstrip(".") in months:
        month = months[m.group(2).lower().rstrip(".")]
        year = int(m.group(3)) if m.group(3) else _year_for_month(month, ref)
        if year:
            try:
                return Resolved(dt.date(year, month, int(m.group(1))).isoformat(), "day", _old(year, ref))
            except ValueError:
                return None
    for name, num in months.items():
        if len(name) > 3 and re.search(rf"\b{name}\b", low):
            ym = _YEAR.search(low)
            year = int(ym.group(1)) if ym else _year_for_month(num, ref)
            if year:
                return Resolved(f"{year:04d}-{num:02d}", "month", _old(year, ref))
    m = _YEAR.search(low)
    if m and not re.search(r"\d{5,}", low):
        year = int(m.group(1))
        return Resolved(f"{year:04d}", "year", _old(year, ref))
    if ref is None:
        return None
    return _relative(low, ref)


def _relative(low: str, ref: dt.date) -> Resolved | None:
    if "today" in low or "tonight" in low or "this morning" in low or "this afternoon" in low:
        return Resolved(ref.isoformat(), "day")
    if "yesterday" in low or "last night" in low:
        return Resolved((ref - dt.timedelta(days=1)).isoformat(), "day")
    if "tomorrow" in low:
        return Resolved((ref + dt.timedelta(days=1)).isoformat(), "day")
    for i, day in enumerate(WEEKDAYS):
        if re.search(rf"\b{day}\b", low):
            delta = (ref.weekday() - i) % 7
            if "next" in low:
                delta = -((i - ref.weekday()) % 7 or 7)
            elif "last" in low and delta == 0:
                delta = 7
            return Resolved((ref - dt.timedelta(days=delta)).isoformat(), "day")
    if "week" in low:
        shift = 7 if "last" in low or "past" in low else -7 if "next" in low else 0
        return Resolved((ref - dt.timedelta(days=shift)).isoformat(), "day" if shift == 0 and "this" not in low else "day")
    if "month" in low:
        year, month = ref.year, ref.month
        if "last" in low or "past" in low or "previous" in low:
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        elif "next" in low:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return Resolved(f"{year:04d}-{month:02d}", "month")
    if "decade" in low:
        return Resolved(f"{ref.year // 10 * 10}s", "decade")
    if "year" in low:
        year = ref.year - 1 if ("last" in low or "past" in low or "previous" in low) else \
            ref.year + 1 if "next" in low else ref.year
        return Resolved(f"{year:04d}", "year")
    return None


def _year_for_month(month: int, ref: dt.date | None) -> int | None:
    """The year of a month named without one: the latest such month not after publication."""
    if ref is None:
        return None
    return ref.year if month <= ref.month else ref.year - 1


def _old(year: int, ref: dt.date | None) -> bool:
    return bool(ref and year < ref.year - 1)


def parse_published(published: str | None) -> dt.date | None:
    """The publication date of an ISO 8601 string (date or date-time)."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None

