"""CAMEO → PLOVER crosswalk, read at run time from a CAMEO2PLOVER table (not shipped with onrecord).

The table's lines read `CODE: CATEGORY, mode, context # CAMEO description`; blank lines and `#`
lines are skipped and a line of `~` ends the table. A CAMEO code maps by the longest prefix the
table defines ("0352" → "035" if only that is listed); codes without any prefix (CAMEO 01x public
statements, 02x appeals in the 2021 table) stay unmapped.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

log = logging.getLogger(__name__)

_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([^#]*?)\s*(?:#.*)?$")


@dataclass(frozen=True)
class CrosswalkRow:
    """One table row: the PLOVER category, mode and context(s) of a CAMEO code."""
    code: str
    type: str
    mode: str | None
    context: str | None


@dataclass(frozen=True)
class Crosswalk:
    """CAMEO codes → PLOVER rows, looked up by longest defined prefix."""
    rows: Mapping[str, CrosswalkRow]

    def row(self, cameo: str) -> CrosswalkRow | None:
        """The row of the longest prefix of `cameo` the table defines, or None."""
        code = cameo.strip()
        for n in range(len(code), 1, -1):
            found = self.rows.get(code[:n])
            if found is not None:
                return found
        return None

    def plover(self, cameo: str) -> str | None:
        """The PLOVER category of a 2–4 digit CAMEO code, or None if the table has no prefix of it."""
        found = self.row(cameo)
        return found.type if found else None


def parse_crosswalk(text: str) -> Crosswalk:
    """A Crosswalk from the text of a CAMEO2PLOVER table; the first row of a repeated code wins."""
    from ..model import PLOVER_TYPES

    rows: dict[str, CrosswalkRow] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        if raw.lstrip().startswith("~"):
            break
        m = _LINE.match(raw)
        if m is None:
            continue
        code, cells = m.group(1), [c.strip() for c in m.group(2).split(",")]
        type_ = cells[0].upper()
        if type_ not in PLOVER_TYPES:
            log.warning("crosswalk line %d: %r is not a PLOVER category", n, cells[0])
            continue
        if code in rows:
            # the 2021 table lists "08" under both CONCEDE and RETREAT; its 3-digit rows settle each code
            log.debug("crosswalk line %d: %s repeated, keeping %s", n, code, rows[code].type)
            continue
        mode = cells[1] if len(cells) > 1 and cells[1] else None
        context = ",".join(cells[2:]).strip() or None if len(cells) > 2 else None
        rows[code] = CrosswalkRow(code, type_, mode, context)
    return Crosswalk(MappingProxyType(rows))


def load_crosswalk(path: Path | str) -> Crosswalk:
    """The crosswalk in the file at `path`."""
    return parse_crosswalk(Path(path).read_text(encoding="utf-8"))
