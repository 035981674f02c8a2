"""PLOVER category + mode (+ context) → CAMEO event codes, by reversing a CAMEO2PLOVER crosswalk.

The crosswalk maps CAMEO → PLOVER; the reverse is many-to-one, so a code is given only when it
is unique: first among the rows with the event's category, mode and exact context set (when the
event has contexts), then among those with its category and mode. When several codes remain, the base (3-digit) and root
(2-digit) codes are still given if all of them share it. The table is read at run time from a
user-supplied path (`--cameo-crosswalk`); nothing of it is shipped.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ScaleError


@dataclass(frozen=True)
class CameoCodes:
    """GDELT's EventCode, EventBaseCode and EventRootCode of one event (None = not determined)."""
    code: str | None = None
    base: str | None = None
    root: str | None = None


def _contexts(value: str | None) -> frozenset[str]:
    return frozenset(c.strip().lower() for c in (value or "").replace(";", ",").split(",") if c.strip())


@dataclass(frozen=True)
class ReverseCrosswalk:
    """(category, mode) → [(CAMEO code, context set)], from the crosswalk's 3- and 4-digit rows."""
    by_mode: dict[tuple[str, str | None], tuple[tuple[str, frozenset[str]], ...]]
    by_type: dict[str, tuple[str, ...]]

    def codes(self, type_: str, mode: str | None, context: Iterable[str] = ()) -> CameoCodes:
        """The CAMEO codes of a PLOVER category, mode and contexts."""
        rows = self.by_mode.get((type_, mode), ())
        wanted = frozenset(c.lower() for c in context)
        # no context on the event means "not coded", not "none": it narrows nothing
        exact = sorted({code for code, ctx in rows if ctx == wanted}) if wanted else []
        candidates = exact or sorted({code for code, _ in rows})
        if len(candidates) == 1:
            code = candidates[0]
            return CameoCodes(code, _common(candidates, 3), _common(candidates, 2))
        pool = candidates or list(self.by_type.get(type_, ()))
        return CameoCodes(None, _common(pool, 3), _common(pool, 2))


def _common(codes: list[str] | tuple[str, ...], digits: int) -> str | None:
    # CAMEO is positional: the first two digits are the root category, the first three the base code
    heads = {c[:digits] for c in codes}
    return next(iter(heads)) if len(heads) == 1 and codes else None


def reverse_crosswalk(path: Path) -> ReverseCrosswalk:
    """The reverse of the CAMEO2PLOVER table at `path` (E095 if it cannot be read)."""
    from ..eval.crosswalk import load_crosswalk

    try:
        crosswalk = load_crosswalk(path)
    except (OSError, UnicodeDecodeError) as e:
        raise ScaleError("E095", path=path, reason=getattr(e, "strerror", None) or str(e)) from e
    if not crosswalk.rows:
        raise ScaleError("E095", path=path, reason="no `CODE: CATEGORY, mode, context` rows")
    by_mode: dict[tuple[str, str | None], set[tuple[str, frozenset[str]]]] = defaultdict(set)
    by_type: dict[str, set[str]] = defaultdict(set)
    for code, row in crosswalk.rows.items():
        if len(code) < 3:
            continue     # 2-digit rows are section heads of the table, not event codes
        by_mode[(row.type, row.mode)].add((code, _contexts(row.context)))
        by_type[row.type].add(code)
    return ReverseCrosswalk({k: tuple(sorted(v, key=lambda x: x[0])) for k, v in by_mode.items()},
                            {k: tuple(sorted(v)) for k, v in by_type.items()})
