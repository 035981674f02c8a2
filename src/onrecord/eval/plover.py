"""Score onrecord's PLOVER event types and participants on sentence-level gold (PLOVER GSR, PETRARCH-2).

Each gold record is one sentence, analysed verbatim on its own; its predicted event is chosen as
follows: the first event whose trigger overlaps a gold trigger word (PLOVER `textInfo` EVT markup,
tried in markup order), else the first event not attributed to a statement, else the first event.
Figures (each a fraction of gold records):
  type accuracy      the chosen event's type is a gold type (a sentence without events is wrong)
  any-event accuracy some predicted event of the sentence has a gold type
  coverage           the sentence has at least one predicted event
  actor accuracy     over records whose gold source has a country block: the chosen event's actors
                     include one of them (gold IGO matches onrecord's IGO or UNO)
  recipient accuracy the same for the gold target and the chosen event's recipients
Confusion counts pair the (first) gold type with the chosen type ("-" for no event); each miss is
put in one failure class (see FAILURE_CLASSES). Old PLOVER v0.5 names map through `legacy_type`.
"""
from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Protocol

log = logging.getLogger(__name__)

NO_EVENT = "-"
# Non-ISO country codes the PLOVER GSR file uses (old CAMEO or typing errors) → ISO alpha-3.
GOLD_CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Code blocks that name no state: excluded from the actor figures (IGO and UNO count as countries).
NON_COUNTRY = frozenset({"---", "NGO", "IMG", "ISM", "MNC", ""})
TRANSNATIONAL = frozenset({"IGO", "UNO", "NGO", "IMG"})
FAILURE_CLASSES = {
    "no_event": "no event predicted in the sentence",
    "trigger_missed": "gold trigger known, but no predicted event on it (events elsewhere only)",
    "wrong_type_at_trigger": "an event on the gold trigger, with another category",
    "wrong_type": "gold trigger unknown; the chosen event has another category",
}
_MARKUP = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC)\s*:\s*([^()]*?)\s*\)")

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldItem:
    """One gold sentence: its text, PLOVER types, trigger spans and participant country blocks."""
    id: str
    text: str
    types: tuple[str, ...]
    triggers: tuple[Span, ...] = ()
    sources: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    published: str | None = None


@dataclass
class ItemResult:
    """The outcome for one gold record (kept for --json and failure analysis)."""
    id: str
    gold: tuple[str, ...]
    predicted: str
    all_types: tuple[str, ...]
    trigger: str | None
    failure: str | None
    actor_ok: bool | None
    recipient_ok: bool | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "gold": list(self.gold), "predicted": self.predicted,
                "all_types": list(self.all_types), "trigger": self.trigger, "failure": self.failure,
                "actor_ok": self.actor_ok, "recipient_ok": self.recipient_ok}


@dataclass
class EventTypeReport:
    """Event-type, any-event, coverage and participant figures, confusion and failure counts."""
    benchmark: str
    records: int = 0
    type_ok: int = 0
    any_ok: int = 0
    covered: int = 0
    actor_total: int = 0
    actor_ok: int = 0
    recipient_total: int = 0
    recipient_ok: int = 0
    no_event_sentences: int = 0       # gold says "no event" (PETRARCH); not in the figures above
    false_alarms: int = 0             # of those, sentences where onrecord predicted an event
    unmapped: list[str] = field(default_factory=list)    # gold codes with no PLOVER category
    failed: list[str] = field(default_factory=list)      # sentences onrecord could not analyse
    confusion: dict[str, Counter[str]] = field(default_factory=dict)
    failures: Counter[str] = field(default_factory=Counter)
    items: list[ItemResult] = field(default_factory=list)

    @staticmethod
    def _rate(ok: int, total: int) -> float:
        return ok / total if total else 0.0

    @property
    def type_accuracy(self) -> float:
        return self._rate(self.type_ok, self.records)

    @property
    def any_accuracy(self) -> float:
        return self._rate(self.any_ok, self.records)

    @property
    def coverage(self) -> float:
        return self._rate(self.covered, self.records)

    @property
    def actor_accuracy(self) -> float:
        return self._rate(self.actor_ok, self.actor_total)

    @property
    def recipient_accuracy(self) -> float:
        return self._rate(self.recipient_ok, self.recipient_total)

    def passes(self, min_type: float = 0.0, min_actor: float = 0.0) -> bool:
        """True when event-type and actor-country accuracy reach their floors."""
        return self.type_accuracy >= min_type and self.actor_accuracy >= min_actor

    def figures(self) -> dict[str, float]:
        """The headline fractions, rounded, by name."""
        return {k: round(v, 4) for k, v in (
            ("type_accuracy", self.type_accuracy), ("any_event_accuracy", self.any_accuracy),
            ("coverage", self.coverage), ("actor_country_accuracy", self.actor_accuracy),
            ("recipient_country_accuracy", self.recipient_accuracy))}

    def to_dict(self) -> dict[str, Any]:
        return {"benchmark": self.benchmark, "records": self.records, **self.figures(),
                "counts": {"type_ok": self.type_ok, "any_ok": self.any_ok, "covered": self.covered,
                           "actor_ok": self.actor_ok, "actor_total": self.actor_total,
                           "recipient_ok": self.recipient_ok, "recipient_total": self.recipient_total,
                           "no_event_sentences": self.no_event_sentences, "false_alarms": self.false_alarms},
                "failures": dict(self.failures), "unmapped": list(self.unmapped), "failed": list(self.failed),
                "confusion": {g: dict(c) for g, c in sorted(self.confusion.items())},
                "items": [i.to_dict() for i in self.items]}


class _Analyzer(Protocol):
    def run(self, sources: Iterable[Any]) -> Iterable[Any]: ...


# -- reading the PLOVER gold file -------------------------------------------------------------

def country_block(code: str | None) -> str | None:
    """The country block of a gold actor code ("USAGOV" → USA, "IGOUNO…" → UNO), or None if stateless."""
    code = (code or "").strip().upper()
    if code.startswith("IGOUNO"):
        return "UNO"
    block = GOLD_CODE_ALIASES.get(code[:3], code[:3])
    return None if block in NON_COUNTRY or len(block) != 3 else block


def _blocks(actors: Any) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()     # the file writes "no target" as "", null or a stray string
    return frozenset(b for a in actors if isinstance(a, dict) and (b := country_block(a.get("code"))))


def markup_triggers(text: str, markup: str) -> tuple[Span, ...]:
    """Character spans in `text` of the EVT segments of a PLOVER `textInfo` markup, in markup order."""
    plain, spans, pos, last = [], [], 0, 0
    for m in _MARKUP.finditer(markup):
        plain.append(markup[last:m.start()])
        pos += m.start() - last
        if m.group(1) == "EVT":
            spans.append((pos, pos + len(m.group(2)), m.group(2)))
        plain.append(m.group(2))
        pos += len(m.group(2))
        last = m.end()
    plain.append(markup[last:])
    if "".join(plain) == text:
        return tuple((s, e) for s, e, _ in spans)
    # the markup re-spaces some sentences: find each segment as whole words, nearest its markup place
    out = []
    for s, _, words in spans:
        hits = [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text)]
        if hits:
            out.append(min(hits, key=lambda h: abs(h[0] - s)))
    return tuple(out)


def _word_spans(text: str, words: str) -> tuple[Span, ...]:
    """First whole-word occurrence of each word of a PLOVER `eventText` (used when markup is missing)."""
    out = []
    for w in words.split():
        m = re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text)
        if m:
            out.append(m.span())
    return tuple(out)


def load_plover(path: Path | str, limit: int | None = None) -> list[GoldItem]:
    """The gold records of the PLOVER GSR file (DOCUMENT records skipped), types mapped to current PLOVER."""
    from ..extract.lexicon import legacy_type

    records = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for r in records:
        if r.get("event") == "DOCUMENT":
            continue
        mapped = legacy_type(r["event"], r.get("mode") or None)
        if mapped is None:
            log.warning("no current PLOVER category for %s in %s", r["event"], r.get("id"))
            continue
        text = r["text"]
        info = r.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else info if isinstance(info, str) else ""
        triggers = markup_triggers(text, markup) or _word_spans(text, r.get("eventText") or "")
        out.append(GoldItem(id=r["id"], text=text, types=(mapped[0],), triggers=triggers,
                            sources=_blocks(r.get("source")), targets=_blocks(r.get("target")),
                            published=r.get("date")))
        if limit and len(out) >= limit:
            break
    return out


# -- scoring ------------------------------------------------------------------------------------

def _accepts(gold: str, predicted: set[str]) -> bool:
    # the UN is an intergovernmental body: a gold IGO is met by onrecord's UNO as well
    return gold in predicted or (gold == "IGO" and "UNO" in predicted)


def _actor_blocks(record: dict[str, Any], ids: list[str]) -> set[str]:
    out = set()
    for a in record.get("actors") or []:
        if a["id"] in ids:
            code = a.get("code") or ""
            block = a.get("country") or (code[:3] if code[:3] in TRANSNATIONAL else None)
            if block:
                out.add(block)
    return out


def choose_event(events: list[dict[str, Any]], triggers: tuple[Span, ...]) -> tuple[dict[str, Any] | None, bool]:
    """The predicted event that answers a gold record, and whether it sits on a gold trigger."""
    for s, e in triggers:
        for ev in events:
            t = ev["trigger"]
            if t["start"] < e and s < t["end"]:
                return ev, True
    own = [ev for ev in events if not ev.get("attributed_to")]
    return ((own or events)[0] if events else None), False


def score_item(report: EventTypeReport, item: GoldItem, record: dict[str, Any]) -> None:
    """Add one gold record's outcome to `report`."""
    events = record.get("events") or []
    chosen, on_trigger = choose_event(events, item.triggers)
    predicted = chosen["type"] if chosen else NO_EVENT
    all_types = tuple(ev["type"] for ev in events)
    report.records += 1
    report.covered += bool(events)
    report.any_ok += any(t in item.types for t in all_types)
    ok = predicted in item.types
    report.type_ok += ok
    # a sentence with several gold types counts under the one it matched, else under its first
    report.confusion.setdefault(predicted if ok else item.types[0], Counter())[predicted] += 1
    failure = None
    if not ok:
        failure = ("no_event" if not events else "wrong_type_at_trigger" if on_trigger
                   else "trigger_missed" if item.triggers else "wrong_type")
        report.failures[failure] += 1
    actor_ok = recipient_ok = None
    if item.sources:
        blocks = _actor_blocks(record, chosen["actor"]) if chosen else set()
        actor_ok = any(_accepts(g, blocks) for g in item.sources)
        report.actor_total += 1
        report.actor_ok += actor_ok
    if item.targets:
        blocks = _actor_blocks(record, chosen["recipient"]) if chosen else set()
        recipient_ok = any(_accepts(g, blocks) for g in item.targets)
        report.recipient_total += 1
        report.recipient_ok += recipient_ok
    report.items.append(ItemResult(item.id, item.types, predicted, all_types,
                                   chosen["trigger"]["text"] if chosen else None, failure, actor_ok, recipient_ok))


def analyse_items(items: list[GoldItem], analyzer: _Analyzer) -> Iterable[tuple[GoldItem, dict[str, Any] | None]]:
    """Each gold item with its onrecord record as a dict (None when the sentence failed)."""
    from ..pipeline import Source

    sources = (Source(name=i.id, data=i.text.encode("utf-8"), published=i.published) for i in items)
    for item, rec in zip(items, analyzer.run(sources)):
        yield item, (rec.to_dict() if hasattr(rec, "article") else None)


def score_items(benchmark: str, items: list[GoldItem], analyzer: _Analyzer) -> EventTypeReport:
    """The report of a list of gold items analysed by `analyzer`."""
    report = EventTypeReport(benchmark)
    for item, record in analyse_items(items, analyzer):
        if record is None:
            report.failed.append(item.id)
            record = {"events": [], "actors": []}
        elif record["article"]["text"] != item.text:
            log.warning("%s: record text differs from the sentence; trigger overlap may miss", item.id)
        score_item(report, item, record)
    return report


def evaluate_plover(path: Path | str, analyzer: _Analyzer, limit: int | None = None) -> EventTypeReport:
    """Event-type and participant figures of `analyzer` on the PLOVER GSR gold file."""
    return score_items("PLOVER GSR", load_plover(path, limit), analyzer)
