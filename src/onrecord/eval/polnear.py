"""Score onrecord statements as PolNeAR attribution relations (brat standoff: Source, Cue, Content).

A statement maps to a relation: speaker -> Source, cue -> Cue, content -> Content. Figures are
micro-averaged over a compartment: token F1 per role (`\\w+` tokens carrying the role, gold vs
predicted, per article), exact-span F1 per role (spans equal once non-alphanumeric edges are
trimmed) and relation F1 (a predicted relation matches an unused gold one whose cue overlaps it).
Gold comes from the first annotator listed in metadata.tsv; "Source2"/"Content2" extend a role.
"""
from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Protocol

log = logging.getLogger(__name__)

ROLES = ("Source", "Cue", "Content")
_WORD = re.compile(r"\w+")
_TEXT_BOUND = re.compile(r"^T\d+\t")
_EVENT = re.compile(r"^E\d+\t")

Span = tuple[int, int]


@dataclass(frozen=True)
class Relation:
    """One attribution relation: character spans per role (a role may be discontinuous or empty)."""
    source: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()
    content: tuple[Span, ...] = ()

    def role(self, name: str) -> tuple[Span, ...]:
        return {"Source": self.source, "Cue": self.cue, "Content": self.content}[name]


@dataclass(frozen=True)
class PolnearArticle:
    """One article of a compartment: its name, text and gold relations."""
    name: str
    path: Path
    text: str
    relations: tuple[Relation, ...]


@dataclass
class Score:
    """True positives, false positives and false negatives; P/R/F1 are 0 when undefined."""
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class PolnearReport:
    """Token and exact-span scores per role, relation scores, and counts of what was scored."""
    compartment: str
    articles: int = 0
    gold_relations: int = 0
    skipped: list[str] = field(default_factory=list)   # articles whose record text differs from the input
    token: dict[str, Score] = field(default_factory=lambda: {r: Score() for r in ROLES})
    exact: dict[str, Score] = field(default_factory=lambda: {r: Score() for r in ROLES})
    relations: Score = field(default_factory=Score)

    def passes(self, min_cue: float = 0.0, min_source: float = 0.0, min_content: float = 0.0,
               min_relations: float = 0.0) -> bool:
        """True when every token F1 and the relation F1 reach their floors and no article was skipped."""
        return (not self.skipped and self.token["Cue"].f1 >= min_cue and self.token["Source"].f1 >= min_source
                and self.token["Content"].f1 >= min_content and self.relations.f1 >= min_relations)

    def to_dict(self) -> dict[str, Any]:
        return {"compartment": self.compartment, "articles": self.articles, "gold_relations": self.gold_relations,
                "skipped": list(self.skipped),
                "token": {r: s.to_dict() for r, s in self.token.items()},
                "exact": {r: s.to_dict() for r, s in self.exact.items()},
                "relations": self.relations.to_dict()}


class _Analyzer(Protocol):
    def article(self, source: Any) -> Any: ...
    def records(self, articles: Iterable[Any]) -> Iterable[Any]: ...


# -- reading the benchmark ------------------------------------------------------------------

def parse_ann(text: str) -> list[Relation]:
    """Relations of a brat .ann file's text; "Source2"/"Content2"/"Cue2" arguments extend their role."""
    bounds: dict[str, tuple[str, list[Span]]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        if _TEXT_BOUND.match(line):
            ident, body = line.split("\t")[:2]
            label, _, offsets = body.partition(" ")
            spans = [(int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";"))]
            bounds[ident] = (label, spans)
        elif _EVENT.match(line):
            args = line.split("\t")[1].split()[1:]
            events.append(dict(arg.split(":", 1) for arg in args))
    out = []
    for args in events:
        roles: dict[str, list[Span]] = {r: [] for r in ROLES}
        for role in ROLES:
            for name in (role, role + "2"):
                ref = args.get(name)
                if ref in bounds:
                    roles[role].extend(bounds[ref][1])
        out.append(Relation(tuple(roles["Source"]), tuple(roles["Cue"]), tuple(roles["Content"])))
    return out


def load_compartment(data_dir: Path, compartment: str, limit: int | None = None) -> list[PolnearArticle]:
    """The articles of a compartment in file-name order, with the first annotator's relations."""
    data_dir = Path(data_dir)
    with open(data_dir / "metadata.tsv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["compartment"] == compartment]
    rows.sort(key=lambda r: r["filename"])
    if limit:
        rows = rows[:limit]
    out = []
    for row in rows:
        annotator = row["annotators"].split("|")[0]
        txt = data_dir / compartment / "text" / f"{row['filename']}.txt"
        ann = data_dir / compartment / "attributions" / f"{row['filename']}_{annotator}.ann"
        if not (txt.exists() and ann.exists()):
            log.debug("no text or annotation for %s", row["filename"])
            continue
        out.append(PolnearArticle(row["filename"], txt, txt.read_text(encoding="utf-8"),
                                  tuple(parse_ann(ann.read_text(encoding="utf-8")))))
    return out


# -- predictions ----------------------------------------------------------------------------

def record_relations(record: dict[str, Any]) -> list[Relation]:
    """The relations of an onrecord/1 record (as a dict): one per statement."""
    out = []
    for s in record.get("statements") or []:
        sp = s.get("speaker") or {}
        source = ((sp["start"], sp["end"]),) if "start" in sp and sp.get("end", 0) > sp["start"] else ()
        cue = s.get("cue") or {}
        cues = ((cue["start"], cue["end"]),) if "start" in cue else ()
        content = tuple((c["start"], c["end"]) for c in s.get("content") or [])
        out.append(Relation(source, cues, content))
    return out


def _word_starts(text: str, spans: Iterable[Span]) -> set[int]:
    return {m.start() for s, e in spans for m in _WORD.finditer(text, s, e)}


def _trimmed(text: str, span: Span) -> Span:
    s, e = span
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return s, e


def _overlap(a: tuple[Span, ...], b: tuple[Span, ...]) -> bool:
    return any(s0 < e1 and s1 < e0 for s0, e0 in a for s1, e1 in b)


def score_article(report: PolnearReport, text: str, gold: Iterable[Relation], pred: Iterable[Relation]) -> None:
    """Add one article's token, exact-span and relation counts to `report`."""
    gold, pred = list(gold), list(pred)
    for role in ROLES:
        g = _word_starts(text, (sp for r in gold for sp in r.role(role)))
        p = _word_starts(text, (sp for r in pred for sp in r.role(role)))
        report.token[role].add(len(g & p), len(p - g), len(g - p))
        ge = {_trimmed(text, sp) for r in gold for sp in r.role(role)} - {(0, 0)}
        pe = {_trimmed(text, sp) for r in pred for sp in r.role(role)} - {(0, 0)}
        report.exact[role].add(len(ge & pe), len(pe - ge), len(ge - pe))
    used: set[int] = set()
    for r in pred:
        hit = next((j for j, g in enumerate(gold) if j not in used and _overlap(r.cue, g.cue)), None)
        if hit is None:
            report.relations.add(0, 1, 0)
        else:
            used.add(hit)
            report.relations.add(1, 0, 0)
    report.relations.add(0, 0, len(gold) - len(used))


def _analyzed(analyzer: _Analyzer, articles: list[PolnearArticle]) -> Iterable[dict[str, Any]]:
    from ..pipeline import Source

    parsed = [analyzer.article(Source(name=str(a.path), data=a.path.read_bytes())) for a in articles]
    for record in analyzer.records(parsed):
        yield record.to_dict() if hasattr(record, "to_dict") else record


def score_polnear(data_dir: Path | str, compartment: str, records_or_analyzer: Any,
                  limit: int | None = None) -> PolnearReport:
    """Score records (dicts or Records, one per article in file-name order) or an analyzer's output."""
    articles = load_compartment(Path(data_dir), compartment, limit)
    if hasattr(records_or_analyzer, "records") and hasattr(records_or_analyzer, "article"):
        records: Iterable[Any] = _analyzed(records_or_analyzer, articles)
    else:
        records = records_or_analyzer
    report = PolnearReport(compartment)
    n = 0
    for article, record in zip(articles, records):
        n += 1
        rec = record if isinstance(record, dict) else record.to_dict()
        report.articles += 1
        report.gold_relations += len(article.relations)
        if rec["article"]["text"] != article.text:
            report.skipped.append(article.name)
            continue
        score_article(report, article.text, article.relations, record_relations(rec))
    if n != len(articles):
        log.warning("%d records for %d articles", n, len(articles))
    return report
