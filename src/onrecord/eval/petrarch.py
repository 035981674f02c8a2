"""Score onrecord's PLOVER events on the PETRARCH-2 validation sentences (CAMEO codings → PLOVER).

A gold record is one `evaluate="true"` sentence with at least one mappable <EventCoding>: its gold
types are the PLOVER categories of its codings (CAMEO code → category by the crosswalk's longest
prefix), its source/target country blocks those of the codings' actor codes ("USAGOV" → USA,
"IGOUNO…" → UNO, "---…" none). The figures are those of `onrecord.eval.plover` (no gold trigger is
known, so the first non-attributed event is the chosen one). Sentences coded `noevents` are counted
apart: a false alarm is such a sentence with a predicted, non-attributed event. Codings whose CAMEO
code the crosswalk cannot map (01x statements, 02x appeals) are listed as unmapped.
"""
from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from .crosswalk import Crosswalk, load_crosswalk
from .plover import EventTypeReport, GoldItem, _Analyzer, analyse_items, country_block, score_item

log = logging.getLogger(__name__)

_SENTENCE = re.compile(r"(?=<Sentence\s)")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)


@dataclass(frozen=True)
class Coding:
    """One gold <EventCoding>: CAMEO event, source and target codes."""
    event: str
    source: str
    target: str


@dataclass(frozen=True)
class PetrarchSentence:
    """One validation sentence: id, date, text (whitespace-normalised) and codings (empty: no event)."""
    id: str
    date: str | None
    text: str
    codings: tuple[Coding, ...]


def parse_text(conllu: str) -> str:
    """The sentence of a CoNLL-U parse: its word forms, spaced unless marked SpaceAfter=No."""
    out = []
    for line in conllu.strip().splitlines():
        cols = line.split("\t")
        if len(cols) < 10 or not cols[0].isdigit():
            continue      # comments and multiword-token ranges ("3-4")
        out.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
    return html.unescape("".join(out)).strip()


def parse_validation(text: str) -> list[PetrarchSentence]:
    """The evaluate="true" sentences of a PETRARCH validation file (not well-formed XML: read by pattern)."""
    out = []
    for chunk in _SENTENCE.split(text)[1:]:
        attrs = dict(_ATTR.findall(chunk[:chunk.index(">")]))
        if attrs.get("evaluate", "true").lower() != "true":
            continue
        body = _TEXT.search(chunk)
        if body is None:
            log.warning("sentence %s has no <Text>", attrs.get("id"))
            continue
        codings = []
        for m in _CODING.finditer(chunk):
            c = dict(_ATTR.findall(m.group(1)))
            if "eventcode" in c:
                codings.append(Coding(c["eventcode"], c.get("sourcecode", ""), c.get("targetcode", "")))
        text = " ".join(html.unescape(body.group(1)).split())
        if not text:
            parse = _PARSE.search(chunk)
            text = parse_text(parse.group(1)) if parse else ""
        date = attrs.get("date")
        iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if date and len(date) == 8 and date.isdigit() else None
        out.append(PetrarchSentence(attrs.get("id", f"s{len(out) + 1}"), iso, text, tuple(codings)))
    return out


def load_petrarch(xml_path: Path | str, limit: int | None = None) -> list[PetrarchSentence]:
    """The sentences of the validation file at `xml_path`, the first `limit` of them if given."""
    sentences = parse_validation(Path(xml_path).read_text(encoding="utf-8"))
    return sentences[:limit] if limit else sentences


def gold_item(sentence: PetrarchSentence, crosswalk: Crosswalk) -> tuple[GoldItem, list[str]]:
    """The gold item of a sentence and its unmapped CAMEO codes ("id:code")."""
    types: list[str] = []
    sources: set[str] = set()
    targets: set[str] = set()
    unmapped = []
    for c in sentence.codings:
        type_ = crosswalk.plover(c.event)
        if type_ is None:
            unmapped.append(f"{sentence.id}:{c.event}")
            continue
        if type_ not in types:
            types.append(type_)
        sources.update(b for b in [country_block(c.source)] if b)
        targets.update(b for b in [country_block(c.target)] if b)
    return GoldItem(sentence.id, sentence.text, tuple(types), (), frozenset(sources), frozenset(targets),
                    sentence.date), unmapped


def evaluate_petrarch(xml_path: Path | str, crosswalk_path: Path | str, analyzer: _Analyzer,
                      limit: int | None = None) -> EventTypeReport:
    """Event-type and participant figures of `analyzer` on the PETRARCH-2 validation sentences."""
    crosswalk = load_crosswalk(crosswalk_path)
    report = EventTypeReport("PETRARCH-2")
    items, no_event = [], set()
    for sentence in load_petrarch(xml_path, limit):
        item, unmapped = gold_item(sentence, crosswalk)
        report.unmapped.extend(unmapped)
        items.append(item)
        if not sentence.codings:
            no_event.add(sentence.id)
    for item, record in analyse_items(items, analyzer):
        if record is None:
            report.failed.append(item.id)
            record = {"events": [], "actors": []}
        if item.id in no_event:
            report.no_event_sentences += 1
            report.false_alarms += any(not e.get("attributed_to") for e in record["events"])
        elif item.types:
            score_item(report, item, record)
    return report
