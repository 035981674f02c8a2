"""Events as rows of the GDELT 2.0 event table: 61 tab-separated columns in the published order.

Columns onrecord cannot fill (ethnic/religion codes, tone, geography, DATEADDED) are left empty.
Actor1 is the event's first actor, Actor2 its first recipient (GDELT has one of each).
"""
from __future__ import annotations

import hashlib
from typing import Any

from ..model import Actor, Event, Record
from .cameo import CameoCodes, ReverseCrosswalk
from .plover import QUAD, event_day

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

# GDELT 2.0 Event Codebook (V2.0, 2015), "Event table": column names in file order.
GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR) + tuple(f"Actor2{c}" for c in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO) + tuple(f"Actor2Geo_{c}" for c in _GEO)
    + tuple(f"ActionGeo_{c}" for c in _GEO)
    + ("DATEADDED", "SOURCEURL"))


def global_event_id(article_id: str, event_id: str) -> int:
    """A stable positive 63-bit integer id of an event (GDELT ids are integers)."""
    digest = hashlib.blake2b(f"{article_id}/{event_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & (2**63 - 1)


def _clean(value: Any) -> str:
    # a tab or newline inside a value would shift every later column
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _actor(actor: Actor | None) -> list[Any]:
    if actor is None:
        return [""] * len(_ACTOR)
    return [actor.code, actor.name.upper(), actor.country, "", "", "", "", actor.sector, "", ""]


def gdelt_row(record: Record, event: Event, crosswalk: ReverseCrosswalk | None = None) -> list[str]:
    """The 61 GDELT column values of one event, as strings ("" = undefined)."""
    from ..extract.lexicon import plover_score

    a = record.article
    actors = {x.id: x for x in record.actors}
    first = next((actors[x] for x in event.actor if x in actors), None)
    second = next((actors[x] for x in event.recipient if x in actors), None)
    day, _ = event_day(record, event)
    dates: list[Any] = ["", "", "", ""]
    if day is not None:
        # the codebook's FractionDate: YYYY + (MONTH * 30 + DAY) / 365, four decimals
        dates = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year,
                 f"{day.year + (day.month * 30 + day.day) / 365:.4f}"]
    codes = crosswalk.codes(event.type, event.mode, event.context) if crosswalk else CameoCodes()
    lead_end = a.text.find("\n\n")
    root = event.trigger.start < (lead_end if lead_end >= 0 else len(a.text))
    score = event.score if event.score is not None else plover_score(event.type, event.mode)
    url = a.provenance.url if a.provenance and a.provenance.url else a.source
    row: list[Any] = ([global_event_id(a.id, event.id)] + dates + _actor(first) + _actor(second)
                      + [int(root), codes.code, codes.base, codes.root, QUAD[event.type], score, 1, 1, 1, ""]
                      + [""] * (3 * len(_GEO)) + ["", url])
    return [_clean(v) for v in row]
