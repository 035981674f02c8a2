"""Populated places → country (data/places.tsv, from GeoNames), for locating events and datelines."""
from __future__ import annotations

from functools import lru_cache

from ..lexicons import load_table
from .gazetteer import normalise


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in load_table("places.tsv", ("name", "iso3")):
        out.setdefault(normalise(row["name"]), row["iso3"])
    return out


def place_country(name: str) -> str | None:
    """ISO alpha-3 country of a populated place ("Kharkiv" → "UKR"), or None if unknown."""
    return _places().get(normalise(name))
