"""Reads TABARI/PETRARCH actor and agent dictionaries (.actors, .agents) as gazetteer entries.

Actor files: a primary phrase (words joined by "_"), optional "+synonym" lines, then codes in
brackets, inline or on indented lines, optionally date-restricted: "[RUSGOV >20080508]",
"[USAGOV <20090120]", "[IGOUNO 970101-061231]" (six-digit years up to 30 are 20xx). Consecutive
primaries without a code share the codes that follow them. Agent files: "PHRASE {PLURAL}
[~GOV]", where "~GOV" is a role added after an actor's code and "NGO~" a block put before it;
regular plurals are generated, "{}" suppresses them, and "!PERSON! = MAN, WOMAN" defines a
substitution set. Comments start with "#" or ";" or are "<!-- -->"; "---STOP---" ends a file.
Malformed lines are skipped and summarised in one warning; an unreadable file is a LexiconError.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from ..errors import LexiconError
from .gazetteer import GazetteerEntry, split_blocks

logger = logging.getLogger(__name__)

_BRACKET = re.compile(r"\[([^\]]*)\]")
_CODE = re.compile(r"^[A-Z0-9]+$")
_XML_COMMENT = re.compile(r"<!--.*?-->")
# CAMEO region and non-ISO state codes that stand in the country position
_REGIONS = frozenset({"AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CRB", "EAF", "EEU", "EUR", "LAM",
                      "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF",
                      "WEU", "WST", "KSV", "USR", "FRY", "WSB", "GZS"})
_NON_STATE_KIND = {"NGO": "ngo", "NGM": "ngo", "MNC": "company", "IMG": "group", "MED": "media"}
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "al", "el", "la",
                          "bin", "ibn", "von", "van", "der", "du", "da"})


@dataclass
class _Group:
    """An actor record: its phrases and codes (code, start, end)."""
    line: int
    phrases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)


class _Malformed(ValueError):
    """A line or code that cannot be read; collected, then summarised once."""


def read_tabari(path: Path) -> list[GazetteerEntry]:
    """Entries of one TABARI/PETRARCH .actors or .agents file (kind "agent" for agents)."""
    text = _read(path)
    entries: list[GazetteerEntry] = []
    problems: list[tuple[int, str]] = []
    subst: dict[str, list[str]] = {}
    group: _Group | None = None
    in_comment = False
    for n, raw in enumerate(text.splitlines(), 1):
        line, in_comment = _strip_comments(raw, in_comment)
        if "---STOP---" in line:
            break
        body = line.strip()
        if not body:
            continue
        try:
            contents = _brackets(body)
            if body.startswith("!") and "=" in body:
                name, _, items = body.partition("=")
                subst[name.strip().strip("!")] = [i.strip() for i in items.split(",") if i.strip()]
            elif any("~" in c for c in contents):
                entries.extend(_agent_entries(body, contents, subst))
            elif body.startswith("["):
                if group is None:
                    raise _Malformed("code with no phrase before it")
                group.codes.extend(_codes(contents))
            elif body.startswith("+"):
                if group is None:
                    raise _Malformed("synonym with no primary phrase before it")
                group.phrases.append(_phrase(body[1:].split("[", 1)[0]))
                group.codes.extend(_codes(contents))
            else:
                if group is not None and group.codes:
                    entries.extend(_group_entries(group))
                    group = None
                group = group or _Group(line=n)
                group.phrases.append(_phrase(body.split("[", 1)[0]))
                group.codes.extend(_codes(contents))
        except _Malformed as e:
            problems.append((n, str(e)))
    if group is not None:
        if group.codes:
            entries.extend(_group_entries(group))
        else:
            problems.append((group.line, f"no code for {group.phrases[0]!r}"))
    if problems:
        n, reason = problems[0]
        logger.warning("%s: skipped %d malformed line(s); first at line %d: %s",
                       path, len(problems), n, reason)
    return entries


def split_code(code: str) -> tuple[str | None, tuple[str, ...]]:
    """ "RUSGOV" → ("RUS", ("GOV",)); "IGOUNOIAE" → ("UNO", ("IAE",)); "NGOHRI" → (None, ...)."""
    blocks = split_blocks(code)
    if not blocks:
        return None, ()
    if blocks[0] == "IGO" and blocks[1:2] == ("UNO",):
        return "UNO", blocks[2:]
    if blocks[0] in ("IGO", "UNO") or blocks[0] in _REGIONS or blocks[0] in _iso3():
        return blocks[0], blocks[1:]
    return None, blocks


# -- reading ------------------------------------------------------------------------------
def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise LexiconError(str(path), 0, f"cannot read TABARI dictionary: {e}") from e
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # older CAMEO dictionaries were written in Latin-1/Windows-1252
        logger.warning("%s: not UTF-8; read as Windows-1252", path)
        return data.decode("cp1252", errors="replace")


def _strip_comments(raw: str, in_comment: bool) -> tuple[str, bool]:
    """The line without comments, and whether a multi-line <!-- --> comment is still open."""
    line = raw
    if in_comment:
        if "-->" not in line:
            return "", True
        line = line.split("-->", 1)[1]
    line = _XML_COMMENT.sub("", line)
    if "<!--" in line:
        line, in_comment = line.split("<!--", 1)[0], True
    else:
        in_comment = False
    return line.split("#", 1)[0].split(";", 1)[0], in_comment


def _brackets(body: str) -> list[str]:
    contents = _BRACKET.findall(body)
    if body.count("[") != len(contents) or body.count("]") != len(contents):
        raise _Malformed("unbalanced brackets")
    return contents


def _phrase(raw: str) -> str:
    phrase = " ".join(raw.replace("_", " ").split())
    if not phrase:
        raise _Malformed("empty phrase")
    return phrase


def _codes(contents: list[str]) -> list[tuple[str, str | None, str | None]]:
    out = []
    for content in contents:
        parts = content.split()
        if not parts:
            raise _Malformed("empty code")
        code = parts[0]
        if code == "---":          # TABARI's null code: the phrase codes to nothing
            continue
        if not _CODE.match(code) or len(code) % 3:
            raise _Malformed(f"bad code {code!r}")
        start, end = _restriction("".join(parts[1:]))
        out.append((code, start, end))
    return out


def _restriction(rest: str) -> tuple[str | None, str | None]:
    """Start (inclusive) and end (exclusive) of a date restriction such as ">080508"."""
    if not rest:
        return None, None
    if rest[0] == "<":
        return None, (_date(rest[1:]) + timedelta(days=1)).isoformat()
    if rest[0] == ">":
        return _date(rest[1:]).isoformat(), None
    first, dash, last = rest.partition("-")
    if not dash:
        raise _Malformed(f"bad date restriction {rest!r}")
    start, end = _date(first), _date(last) + timedelta(days=1)
    if end <= start:
        raise _Malformed(f"date restriction ends before it starts: {rest!r}")
    return start.isoformat(), end.isoformat()


def _date(digits: str) -> date:
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise _Malformed(f"bad date {digits!r}")
    if len(digits) == 6:
        yy = int(digits[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), digits[2:]
    else:
        year, rest = int(digits[:4]), digits[4:]
    try:
        return date(year, int(rest[:2]), int(rest[2:4]))
    except ValueError as e:
        raise _Malformed(f"bad date {digits!r}") from e


# -- entries ------------------------------------------------------------------------------
def _group_entries(group: _Group) -> list[GazetteerEntry]:
    name = _display(group.phrases[0])
    out = []
    for code, start, end in group.codes:
        country, sectors = split_code(code)
        kind = _actor_kind(code, country, sectors)
        for phrase in group.phrases:
            out.append(GazetteerEntry(phrase=phrase, country=country, sectors=sectors, kind=kind,
                                      name=name, type="tabari", start=start, end=end))
    return out


def _actor_kind(code: str, country: str | None, sectors: tuple[str, ...]) -> str:
    if country in ("UNO", "IGO"):
        return "igo"
    if country is None:
        return _NON_STATE_KIND.get(code[:3], "actor")
    return "state" if not sectors else "actor"


def _agent_entries(body: str, contents: list[str], subst: dict[str, list[str]]) -> list[GazetteerEntry]:
    head = body.split("[", 1)[0]
    plural: str | None = None
    if "{" in head:
        if "}" not in head:
            raise _Malformed("missing '}'")
        plural = head[head.index("{") + 1:head.index("}")]
        head = head[:head.index("{")]
    raw_code = contents[0].split()[0] if contents[0].split() else ""
    code = raw_code.strip("~")
    if not code or not _CODE.match(code) or len(code) % 3:
        raise _Malformed(f"bad agent code {raw_code!r}")
    if "!" in head:
        marker = head.split("!")[1]
        if marker not in subst:
            raise _Malformed(f"undefined substitution set !{marker}!")
        forms = [head.replace(f"!{marker}!", item) for item in subst[marker]]
    else:
        forms = [head]
        if plural is None:
            forms.append(_plural(head))
        elif plural.strip():
            forms.append(plural)
    kind_type = "agent-prefix" if raw_code.endswith("~") else "agent"
    sectors = split_blocks(code)
    phrases = [_phrase(f) for f in forms]
    return [GazetteerEntry(phrase=p, country=None, sectors=sectors, kind="agent", name=_display(phrases[0]),
                           type=kind_type) for p in phrases]


def _plural(head: str) -> str:
    """Regular English plural of the last word (TABARI agents list singulars only)."""
    words = head.replace("_", " ").split()
    if not words:
        return head
    last = words[-1]
    upper = last.upper()
    if upper.endswith("MAN"):
        last = last[:-3] + "MEN"
    elif upper.endswith("Y") and len(upper) > 1 and upper[-2] not in "AEIOU":
        last = last[:-1] + "IES"
    elif upper.endswith(("S", "SH", "CH", "X", "Z")):
        last = last + "ES"
    else:
        last = last + "S"
    return " ".join(words[:-1] + [last])


def _display(phrase: str) -> str:
    """ "VLADIMIR PUTIN" → "Vladimir Putin"; short single words stay as written ("NATO")."""
    words = phrase.split()
    if len(words) == 1 and len(phrase) <= 5:
        return phrase
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        if "." in w:
            out.append(w)
        elif i and low in _SMALL_WORDS:
            out.append(low)
        else:
            out.append(w.capitalize())
    return " ".join(out)


@lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(
        c.alpha_3 for c in pycountry.historic_countries)
