"""The gold-file format (shared/gold/FORMAT.md): typed items, parsing and validation."""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GoldError
from ..model import PLOVER_TYPES

Span = tuple[int, int]
Codes = tuple[str, ...] | None  # acceptable codes; None means "no country"
Expected = str | tuple[str, ...] | None  # an article metadata expectation; None means "empty"

_CODE = re.compile(r"[A-Z]{3}")
_TOP_KEYS = {"id", "input", "article", "text_must_contain", "text_must_not_contain",
             "statements", "events", "amounts"}
_STATEMENT_KEYS = {"anchor", "cue", "speaker", "polarity", "optional"}
_EVENT_KEYS = {"anchor", "type", "actor", "recipient", "optional"}
_AMOUNT_KEYS = {"anchor", "value", "optional"}


@dataclass(frozen=True)
class GoldStatement:
    """An expected statement: its cue lies in `anchor`, said by `speaker` with `polarity`."""
    anchor: str
    speaker: Codes
    polarity: str
    cue: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldEvent:
    """An expected event: its trigger lies in `anchor`; `recipient` None means not scored."""
    anchor: str
    types: tuple[str, ...]
    actor: Codes
    recipient: Codes
    optional: bool = False


@dataclass(frozen=True)
class GoldAmount:
    """An expected amount whose span overlaps `anchor`."""
    anchor: str
    value: int | float
    optional: bool = False


@dataclass(frozen=True)
class GoldFile:
    """One parsed and validated gold file (gold FORMAT.md)."""
    id: str
    input: str
    article: dict[str, Expected]
    text_must_contain: tuple[str, ...]
    text_must_not_contain: tuple[str, ...]
    statements: tuple[GoldStatement, ...]
    events: tuple[GoldEvent, ...]
    amounts: tuple[GoldAmount, ...]
    path: Path | None = None


class _Reader:
    """Validates the JSON of one gold file, raising GoldError(path, 'where: reason')."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, reason: str) -> GoldError:
        return GoldError(str(self.path), f"{where}: {reason}" if where else reason)

    def obj(self, value: Any, where: str, allowed: set[str] | None = None) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, got {type(value).__name__}")
        # a misspelt key ("optinal") would otherwise silently change the scores
        unknown = sorted(set(value) - allowed) if allowed is not None else []
        if unknown:
            raise self.fail(where, f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed or ()))})")
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "expected a non-empty string")
        return value

    def listed(self, raw: dict[str, Any], key: str) -> list[tuple[str, Any]]:
        value = raw.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, "expected a list")
        return [(f"{key}[{i}]", item) for i, item in enumerate(value)]

    def item(self, value: Any, where: str, allowed: set[str]) -> tuple[dict[str, Any], str, bool]:
        """The item's object, its anchor and its optional flag."""
        value = self.obj(value, where, allowed)
        if not isinstance(value.get("optional", False), bool):
            raise self.fail(f"{where}.optional", "expected true or false")
        return value, self.text(value.get("anchor"), f"{where}.anchor"), value.get("optional", False)

    def codes(self, value: Any, where: str) -> Codes:
        if value is None:
            return None
        codes = [value] if isinstance(value, str) else value
        if not isinstance(codes, list) or not codes:
            raise self.fail(where, "expected null, a code, or a non-empty list of codes")
        bad = [code for code in codes if not isinstance(code, str) or not _CODE.fullmatch(code)]
        if bad:
            raise self.fail(where, f"{bad[0]!r} is not a three-letter upper-case code")
        return tuple(codes)

    def expected(self, key: str, value: Any) -> Expected:
        if value is None or value == []:
            return None
        if key == "authors" and isinstance(value, list) and all(isinstance(a, str) for a in value):
            return tuple(value)
        if key != "authors" and isinstance(value, str):
            return value
        raise self.fail(f"article.{key}", f"expected {'a list of strings' if key == 'authors' else 'a string'} or null")


def load_gold(path: Path) -> GoldFile:
    """Read and validate one gold file; raises GoldError naming the file and the reason."""
    path = Path(path)
    reader = _Reader(path)
    try:
        raw = reader.obj(json.loads(path.read_text(encoding="utf-8")), "", _TOP_KEYS)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise reader.fail("", f"cannot read: {exc}") from exc
    statements, events, amounts = [], [], []
    for where, value in reader.listed(raw, "statements"):
        item, anchor, optional = reader.item(value, where, _STATEMENT_KEYS)
        if item.get("polarity") not in ("+", "-"):
            raise reader.fail(f"{where}.polarity", f"expected '+' or '-', got {item.get('polarity')!r}")
        cue = None if item.get("cue") is None else reader.text(item["cue"], f"{where}.cue")
        statements.append(GoldStatement(anchor, reader.codes(item.get("speaker"), f"{where}.speaker"),
                                        item["polarity"], cue, optional))
    for where, value in reader.listed(raw, "events"):
        item, anchor, optional = reader.item(value, where, _EVENT_KEYS)
        types = item.get("type")
        if not isinstance(types, list) or not types or any(t not in PLOVER_TYPES for t in types):
            raise reader.fail(f"{where}.type", f"expected a non-empty list of PLOVER categories, got {types!r}")
        events.append(GoldEvent(anchor, tuple(types), reader.codes(item.get("actor"), f"{where}.actor"),
                                reader.codes(item.get("recipient"), f"{where}.recipient"), optional))
    for where, value in reader.listed(raw, "amounts"):
        item, anchor, optional = reader.item(value, where, _AMOUNT_KEYS)
        if isinstance(item.get("value"), bool) or not isinstance(item.get("value"), (int, float)):
            raise reader.fail(f"{where}.value", f"expected a number, got {item.get('value')!r}")
        amounts.append(GoldAmount(anchor, item["value"], optional))
    article = reader.obj(raw.get("article", {}), "article")
    return GoldFile(
        id=reader.text(raw.get("id"), "id"), input=reader.text(raw.get("input"), "input"),
        article={key: reader.expected(key, value) for key, value in article.items()},
        text_must_contain=tuple(reader.text(s, where) for where, s in reader.listed(raw, "text_must_contain")),
        text_must_not_contain=tuple(reader.text(s, where) for where, s in reader.listed(raw, "text_must_not_contain")),
        statements=tuple(statements), events=tuple(events), amounts=tuple(amounts), path=path)


def resolve_input(gold: GoldFile, gold_path: Path, base: Path | None = None) -> Path:
    """The article a gold file names: `input` under base (default: the gold file's grandparent)."""
    # abspath, not resolve(): the base is found lexically, without following symlinks
    root = Path(base) if base is not None else Path(os.path.abspath(gold_path)).parent.parent
    return root / gold.input
