"""Score onrecord/1 records against gold files: statements, stance, events, amounts, text and metadata."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

from ..errors import GoldError
from .gold_format import (Codes, Expected, GoldAmount, GoldEvent, GoldFile, GoldStatement, Span, load_gold,
                          resolve_input)

log = logging.getLogger(__name__)
_WS = re.compile(r"\s+")

__all__ = ["ArticleScore", "Counts", "GoldAmount", "GoldEvent", "GoldFile", "GoldReport", "GoldStatement", "Tally",
           "load_gold", "resolve_input", "score_files", "score_record", "locate"]

@dataclass(frozen=True)
class Counts:
    """True positives, false positives, false negatives, with P/R/F1."""
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


class Tally(NamedTuple):
    """Checks passed out of checks made."""
    ok: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.ok / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, float]:
        return {"ok": self.ok, "total": self.total, "rate": self.rate}


_FIGURES = ("statements", "stance", "events", "amounts", "text", "meta")


@dataclass(frozen=True)
class ArticleScore:
    """The scores of one record against its gold file, and what went wrong."""
    id: str = ""
    statements: Counts = Counts()
    stance: Tally = Tally()
    events: Counts = Counts()
    amounts: Tally = Tally()
    text: Tally = Tally()
    meta: Tally = Tally()
    problems: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        return {name: getattr(self, name).to_dict() for name in _FIGURES}

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.figures(), "problems": list(self.problems)}


@dataclass(frozen=True)
class GoldReport:
    """Per-article scores and failed runs (gold id, message), whose non-optional items all count as missed."""
    articles: list[ArticleScore]
    failures: list[tuple[str, str]]
    failed_statements: int = 0
    failed_events: int = 0

    @property
    def totals(self) -> ArticleScore:
        """All figures summed over the articles, failed runs included; its id is 'total'."""
        def tally(name: str) -> Tally:
            return Tally(sum(getattr(a, name).ok for a in self.articles),
                         sum(getattr(a, name).total for a in self.articles))
        return ArticleScore(
            id="total", statements=sum((a.statements for a in self.articles), Counts(fn=self.failed_statements)),
            events=sum((a.events for a in self.articles), Counts(fn=self.failed_events)),
            stance=tally("stance"), amounts=tally("amounts"), text=tally("text"), meta=tally("meta"))

    def passes(self, min_statements: float = 0.0, min_stance: float = 0.0, min_events: float = 0.0,
               require_text: bool = False) -> bool:
        """True when every threshold holds, no run failed, and (if required) all text/metadata checks pass."""
        t = self.totals
        ok = (t.statements.f1 >= min_statements and t.events.f1 >= min_events
              and t.stance.rate >= min_stance and not self.failures)
        return ok and (not require_text or (t.text.ok == t.text.total and t.meta.ok == t.meta.total))

    def summary(self) -> str:
        """One line of totals, laid out like the last line of the shared reference scorer."""
        t = self.totals
        s, e = t.statements, t.events
        return (f"statements F1 {s.f1:.3f} (P {s.precision:.3f} R {s.recall:.3f}); stance {t.stance.rate:.3f}; "
                f"events F1 {e.f1:.3f} (P {e.precision:.3f} R {e.recall:.3f}); text {t.text.ok}/{t.text.total}; "
                f"meta {t.meta.ok}/{t.meta.total}; amounts {t.amounts.ok}/{t.amounts.total}; "
                f"failed runs {len(self.failures)}")

    def to_dict(self) -> dict[str, Any]:
        return {"articles": [score.to_dict() for score in self.articles],
                "failures": [{"id": gold_id, "message": message} for gold_id, message in self.failures],
                "totals": {**self.totals.figures(), "failed_runs": len(self.failures)}}


def _norm_ws(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def locate(text: str, anchor: str) -> Span | None:
    """Where anchor first occurs in text, tolerating different whitespace; None when absent."""
    # a gold anchor carries no offsets, so searching the text is the only way to place it
    start = text.find(anchor)
    if start >= 0:
        return start, start + len(anchor)
    found = re.search(r"\s+".join(re.escape(word) for word in anchor.split()), text)
    return found.span() if found else None


def _span(obj: Any) -> Span | None:
    if isinstance(obj, dict) and "start" in obj and "end" in obj:
        return obj["start"], obj["end"]
    return None


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return None  # an unreadable predicted value simply never matches


def _actor_codes(record: dict[str, Any]) -> dict[Any, frozenset[str]]:
    """Actor id -> every code it answers to: its country and each three-letter block of its code."""
    table: dict[Any, frozenset[str]] = {}
    for actor in record.get("actors") or []:
        codes = {actor["country"].upper()} if actor.get("country") else set()
        code = (actor.get("code") or "").upper()
        # PRKGOV answers to PRK and GOV; a ragged tail shorter than three letters is no block
        codes.update(code[k:k + 3] for k in range(0, len(code) - len(code) % 3, 3))
        table[actor.get("id")] = frozenset(codes)
    return table


def _codes_of(refs: Any, table: dict[Any, frozenset[str]]) -> frozenset[str]:
    found: set[str] = set()
    for ref in refs or []:
        found |= table.get(ref.get("id") if isinstance(ref, dict) else ref, frozenset())
    return frozenset(found)


def _accepts(expected: Codes, found: frozenset[str]) -> bool:
    return not found if expected is None else any(code in found for code in expected)


def _align(items: tuple[Any, ...], ranges: list[Span | None], preds: list[dict[str, Any]],
           span_of: Callable[[dict[str, Any]], Span | None],
           accepts: Callable[[Any, dict[str, Any]], bool]) -> tuple[list[int | None], Counts, list[int]]:
    """Gold items, in file order, each take the first free prediction overlapping their anchor that they accept.

    Returns the prediction each item took, the counts and the false predictions: optional items count
    neither way, and an unmatched prediction overlapping an optional item's anchor is excused.
    """
    spans = [span_of(pred) for pred in preds]
    used: set[int] = set()
    hits: list[int | None] = []
    for item, rng in zip(items, ranges):
        hit = next((j for j, span in enumerate(spans) if j not in used and rng is not None and span is not None
                    and _overlaps(span, rng) and accepts(item, preds[j])), None)
        used.update([] if hit is None else [hit])
        hits.append(hit)
    excused = [rng for item, rng in zip(items, ranges) if item.optional and rng is not None]
    extras = [j for j, span in enumerate(spans) if j not in used
              and not (span is not None and any(_overlaps(span, rng) for rng in excused))]
    required = [hit for item, hit in zip(items, hits) if not item.optional]
    found = sum(hit is not None for hit in required)
    return hits, Counts(tp=found, fp=len(extras), fn=len(required) - found), extras


def _anchors(text: str, items: tuple[Any, ...], problems: list[str]) -> list[Span | None]:
    ranges = [locate(text, item.anchor) for item in items]
    problems.extend(f"anchor not in text: {item.anchor!r}" for item, rng in zip(items, ranges) if rng is None)
    return ranges


def _tally(checks: Iterable[tuple[bool, str]], problems: list[str]) -> Tally:
    """Count checks passed, noting the message of each failed one."""
    ok = total = 0
    for passed, message in checks:
        ok, total = ok + passed, total + 1
        problems.extend([] if passed else [message])
    return Tally(ok, total)


def _show(codes: Codes) -> str:
    return "null" if codes is None else "|".join(codes)


def _score_statements(gold: GoldFile, text: str, record: dict[str, Any], table: dict[Any, frozenset[str]],
                      problems: list[str]) -> tuple[Counts, Tally]:
    def speaker_ok(item: GoldStatement, pred: dict[str, Any]) -> bool:
        ref = (pred.get("speaker") or {}).get("actor")
        return _accepts(item.speaker, _codes_of([ref] if ref else [], table))

    preds = record.get("statements") or []
    ranges = _anchors(text, gold.statements, problems)
    hits, counts, extras = _align(gold.statements, ranges, preds, lambda pred: _span(pred.get("cue")), speaker_ok)
    problems.extend(f"statement missed or wrong speaker: {item.anchor!r} ({_show(item.speaker)})"
                    for item, hit in zip(gold.statements, hits) if hit is None and not item.optional)
    stance = _tally(((preds[hit].get("polarity") == item.polarity,
                      f"stance {item.anchor!r}: got {preds[hit].get('polarity')!r}, want {item.polarity!r}")
                     for item, hit in zip(gold.statements, hits) if hit is not None and not item.optional), problems)
    problems.extend(f"extra statement: cue {(preds[j].get('cue') or {}).get('text')!r} "
                    f"speaker {(preds[j].get('speaker') or {}).get('text')!r}" for j in extras)
    return counts, stance


def _score_events(gold: GoldFile, text: str, record: dict[str, Any], table: dict[Any, frozenset[str]],
                  problems: list[str]) -> Counts:
    def event_ok(item: GoldEvent, pred: dict[str, Any]) -> bool:
        return (pred.get("type") in item.types and _accepts(item.actor, _codes_of(pred.get("actor"), table))
                and (item.recipient is None or _accepts(item.recipient, _codes_of(pred.get("recipient"), table))))

    # only what the article reports as having happened is scored; claimed events belong to statements
    preds = [e for e in record.get("events") or []
             if not (e.get("attributed_to") or e.get("negated") or e.get("hypothetical"))]
    ranges = _anchors(text, gold.events, problems)
    hits, counts, extras = _align(gold.events, ranges, preds, lambda pred: _span(pred.get("trigger")), event_ok)
    problems.extend(f"event missed: {item.anchor!r} {'|'.join(item.types)} "
                    f"{_show(item.actor)}->{_show(item.recipient)}"
                    for item, hit in zip(gold.events, hits) if hit is None and not item.optional)
    problems.extend(f"extra event: {preds[j].get('type')} trigger {(preds[j].get('trigger') or {}).get('text')!r}"
                    for j in extras)
    return counts


def _amount_found(item: GoldAmount, rng: Span | None, amounts: list[dict[str, Any]]) -> bool:
    # an amount may carry its offsets in `span` or, tolerated, at its top level
    return rng is not None and any(
        (span := _span(amount.get("span") or amount)) is not None and _overlaps(span, rng)
        and _number(amount.get("value", -1)) == float(item.value) for amount in amounts)


def _meta_ok(key: str, want: Expected, got: Any) -> bool:
    if want is None:
        return not got
    if key == "published":  # a date matches any timestamp on that day
        return isinstance(got, str) and isinstance(want, str) and got.startswith(want)
    if key == "authors":
        return sorted(map(_norm_ws, got or [])) == sorted(map(_norm_ws, want))
    return isinstance(got, str) and isinstance(want, str) and _norm_ws(got).lower() == _norm_ws(want).lower()


def score_record(gold: GoldFile, record: dict[str, Any]) -> ArticleScore:
    """Score one onrecord/1 record (JSON form) against its gold file."""
    article = record.get("article") if isinstance(record, dict) else None
    if not isinstance(article, dict) or not isinstance(article.get("text"), str):
        raise GoldError(str(gold.path or gold.id), "its record has no article.text string")
    text, body = article["text"], _norm_ws(article["text"])
    problems: list[str] = []
    text_tally = _tally([(_norm_ws(s) in body, f"text lacks: {s[:60]!r}") for s in gold.text_must_contain]
                        # boilerplate is looked for verbatim
                        + [(s not in text, f"text keeps: {s[:60]!r}") for s in gold.text_must_not_contain], problems)
    meta = _tally(((_meta_ok(key, want, article.get(key)), f"metadata {key}: got {article.get(key)!r}, want {want!r}")
                   for key, want in gold.article.items()), problems)
    table = _actor_codes(record)
    statements, stance = _score_statements(gold, text, record, table, problems)
    events = _score_events(gold, text, record, table, problems)
    amounts = _tally(((_amount_found(item, locate(text, item.anchor), record.get("amounts") or []),
                       f"amount missed: {item.anchor!r}={item.value}") for item in gold.amounts if not item.optional),
                     problems)
    return ArticleScore(id=gold.id, statements=statements, stance=stance, events=events, amounts=amounts,
                        text=text_tally, meta=meta, problems=problems)


def score_files(gold_paths: list[Path], get_record: Callable[[GoldFile, Path], dict[str, Any]],
                base: Path | None = None) -> GoldReport:
    """Score get_record(gold, input path) against each gold file; a failed run scores as all-missed.

    A malformed gold file is not a failed run: load_gold's GoldError propagates.
    """
    articles: list[ArticleScore] = []
    failures: list[tuple[str, str]] = []
    missed_statements = missed_events = 0
    for gold_path in map(Path, gold_paths):
        gold = load_gold(gold_path)
        try:
            # get_record runs the whole pipeline (or reads a file): anything it raises, or a record
            # too malformed to score, is a failed run rather than the end of the evaluation
            record = get_record(gold, resolve_input(gold, gold_path, base))
            articles.append(score_record(gold, record))
        except Exception as exc:  # noqa: BLE001
            log.warning("gold %s: run failed: %s", gold.id, exc)
            failures.append((gold.id, str(exc) or type(exc).__name__))
            missed_statements += sum(not item.optional for item in gold.statements)
            missed_events += sum(not item.optional for item in gold.events)
    return GoldReport(articles=articles, failures=failures,
                      failed_statements=missed_statements, failed_events=missed_events)
