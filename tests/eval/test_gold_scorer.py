"""Gold-file scorer: parsing, matching rules, and agreement with the shared reference scorer."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.errors import GoldError
from onrecord.eval import (ArticleScore, Counts, GoldFile, GoldReport, Tally, load_gold, resolve_input,
                           score_files, score_record)
# used only to aim generated predictions at gold anchors; agreement itself is judged by the reference
from onrecord.eval.gold import _actor_codes as actor_codes
from onrecord.eval.gold import locate
from onrecord.model import Actor, Article, Cue, Event, Record, Speaker, Statement, TextSpan

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = FIXTURES / "gold"
RECORDS = FIXTURES / "records"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REFERENCE = SHARED / "tools" / "score_gold.py"
needs_reference = pytest.mark.skipif(
    not REFERENCE.is_file(), reason=f"reference scorer absent: {REFERENCE} (../shared is not mounted)")
needs_seed = pytest.mark.skipif(
    not (SHARED / "gold" / "seed.json").is_file(), reason="../shared/gold/seed.json absent")

FIGURES = re.compile(
    r"statements F1 (?P<sf>[\d.]+) \(P (?P<sp>[\d.]+) R (?P<sr>[\d.]+)\); stance (?P<stance>[\d.]+); "
    r"events F1 (?P<ef>[\d.]+) \(P (?P<ep>[\d.]+) R (?P<er>[\d.]+)\); text (?P<text>\d+/\d+); "
    r"meta (?P<meta>\d+/\d+); amounts (?P<amounts>\d+/\d+); failed runs (?P<failed>\d+)$")


def read_from(directory: Path):
    """A get_record that reads <gold id>.json from directory, as the reference's --records does."""
    def get_record(gold: GoldFile, source: Path) -> dict[str, Any]:
        return json.loads((directory / f"{gold.id}.json").read_text(encoding="utf-8"))
    return get_record


def reference_figures(gold_paths: list[Path], records: Path) -> dict[str, str]:
    """Run the reference scorer as a subprocess and parse its last line of figures."""
    proc = subprocess.run([sys.executable, str(REFERENCE), *map(str, gold_paths), "--records", str(records),
                           "--quiet"], capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    found = FIGURES.match(proc.stdout.strip().splitlines()[-1])
    assert found, proc.stdout
    return found.groupdict()


def my_figures(report: GoldReport) -> dict[str, str]:
    """The same figures from our report's totals, rounded as the reference prints them."""
    t = report.totals
    return {"sf": f"{t.statements.f1:.3f}", "sp": f"{t.statements.precision:.3f}",
            "sr": f"{t.statements.recall:.3f}", "stance": f"{t.stance.rate:.3f}",
            "ef": f"{t.events.f1:.3f}", "ep": f"{t.events.precision:.3f}", "er": f"{t.events.recall:.3f}",
            "text": f"{t.text.ok}/{t.text.total}", "meta": f"{t.meta.ok}/{t.meta.total}",
            "amounts": f"{t.amounts.ok}/{t.amounts.total}", "failed": str(len(report.failures))}


def score_fixture(name: str) -> ArticleScore:
    gold = load_gold(GOLD / f"{name}.json")
    return score_record(gold, read_from(RECORDS)(gold, GOLD))


# ---------------------------------------------------------------- hand-built fixtures, exact counts

def test_statements_fixture_counts_every_rule():
    score = score_fixture("statements")
    # tp: PRKGOV holds PRK; null speaker (actor without country, and no speaker at all); LBY among SYR|LBY;
    #     anchor found across different whitespace; first of two overlapping anchors takes the cue;
    #     an empty cue inside the anchor.
    # fn: wrong speaker (RUS for USA); PRK for a null speaker; anchor absent; second overlapping anchor;
    #     a cue that starts where the anchor ends.
    # fp: the two wrong-speaker predictions, a cue with no gold, a cue without offsets, the touching cue.
    # The extra prediction on the optional "Moscow later said" anchor is excused.
    assert score.statements == Counts(tp=7, fp=5, fn=5)
    assert score.stance == Tally(6, 7)
    assert "anchor not in text: 'This sentence is absent'" in score.problems
    assert "stance 'Weapon experts have said': got '-', want '+'" in score.problems


def test_events_fixture_counts_every_rule():
    score = score_fixture("events")
    # tp: recipient null not scored; PRK->USA; type among AGREE|COOPERATE with an inline actor; null actor.
    # fn: wrong recipient; the only prediction is attributed to a statement; wrong type.
    # fp: wrong recipient, wrong type, a duplicate trigger whose gold item is taken.
    # Not counted: attributed, negated and hypothetical events; an extra event on an optional anchor.
    assert score.events == Counts(tp=4, fp=3, fn=3)
    assert score.statements == Counts(0, 0, 0)


def test_text_amounts_and_metadata_fixture():
    score = score_fixture("text-meta")
    # text: contains-checks ignore whitespace; not-contains checks are verbatim ("entitled   to" is not
    #       "entitled to"); one missing, one kept.
    assert score.text == Tally(4, 6)
    # amounts: optional skipped; a float equals an int; offsets at the top level; one prediction serves two
    #          anchors; an absent amount and a wrong value miss.
    assert score.amounts == Tally(4, 6)
    # metadata: case- and space-insensitive title, authors in any order, published prefix, "" for null,
    #           a missing key for [], case-insensitive language; the publisher differs.
    assert score.meta == Tally(6, 7)
    assert score.problems[-3:] == ["metadata publisher: got 'Dow Jones & Company', want 'Dow Jones'",
                                   "amount missed: 'fled'=3", "amount missed: '1.5 million people fled'=1.5"]


def test_strict_metadata_fixture():
    score = score_fixture("meta-strict")
    # authors are case-sensitive; published is a prefix; null and [] want nothing
    assert score.meta == Tally(0, 4)


def test_failed_run_scores_all_non_optional_items_missed():
    report = score_files([GOLD / "missing.json"], read_from(RECORDS))
    assert report.articles == []
    assert [gold_id for gold_id, _ in report.failures] == ["fx-missing"]
    assert "fx-missing.json" in report.failures[0][1]
    t = report.totals
    assert (t.statements, t.events) == (Counts(0, 0, 2), Counts(0, 0, 1))
    assert (t.text, t.meta, t.amounts, t.stance) == (Tally(0, 0),) * 4


def test_totals_summary_and_dict_over_all_fixtures():
    report = score_files(sorted(GOLD.glob("*.json")), read_from(RECORDS))
    assert report.summary() == ("statements F1 0.538 (P 0.583 R 0.500); stance 0.857; events F1 0.533 "
                                "(P 0.571 R 0.500); text 4/6; meta 6/11; amounts 4/6; failed runs 1")
    data = json.loads(json.dumps(report.to_dict()))
    assert (data["totals"]["statements"]["tp"], data["totals"]["statements"]["fn"]) == (7, 7)
    assert data["totals"]["events"] == pytest.approx(
        {"tp": 4, "fp": 3, "fn": 4, "precision": 4 / 7, "recall": 0.5, "f1": 8 / 15})
    assert data["totals"]["failed_runs"] == 1
    assert data["failures"][0]["id"] == "fx-missing"
    assert [a["id"] for a in data["articles"]] == ["fx-events", "fx-meta-strict", "fx-statements", "fx-text-meta"]
    assert data["articles"][2]["stance"] == {"ok": 6, "total": 7, "rate": 6 / 7}


def test_passes_thresholds():
    ok = score_files(sorted(p for p in GOLD.glob("*.json") if p.stem != "missing"), read_from(RECORDS))
    assert ok.passes(min_statements=0.58, min_stance=0.85, min_events=0.57)
    assert not ok.passes(min_statements=0.59)
    assert not ok.passes(min_stance=0.86)
    assert not ok.passes(min_events=0.58)
    assert not ok.passes(require_text=True)
    events_only = score_files([GOLD / "events.json"], read_from(RECORDS))
    assert events_only.passes(require_text=True)
    failed = score_files([GOLD / "events.json", GOLD / "missing.json"], read_from(RECORDS))
    assert not failed.passes()


@pytest.mark.parametrize("counts,expected", [
    (Counts(0, 0, 0), (1.0, 1.0, 1.0)),
    (Counts(0, 2, 0), (0.0, 1.0, 0.0)),
    (Counts(0, 0, 3), (1.0, 0.0, 0.0)),
    (Counts(0, 1, 1), (0.0, 0.0, 0.0)),
    (Counts(2, 1, 1), (2 / 3, 2 / 3, 2 / 3)),
    (Counts(3, 0, 1), (1.0, 0.75, 6 / 7)),
])
def test_counts_conventions(counts, expected):
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx(expected)


def test_resolve_input_defaults_to_the_gold_grandparent():
    gold = load_gold(GOLD / "events.json")
    assert resolve_input(gold, GOLD / "events.json") == FIXTURES.resolve() / "articles" / "events.txt"
    detour = GOLD / ".." / "gold" / "events.json"
    assert resolve_input(gold, detour) == FIXTURES.resolve() / "articles" / "events.txt"
    assert resolve_input(gold, GOLD / "events.json", base=Path("/data")) == Path("/data/articles/events.txt")


def test_record_without_text_is_a_failed_run():
    gold = load_gold(GOLD / "events.json")
    with pytest.raises(GoldError, match=r"\[E050\].*events\.json: its record has no article\.text"):
        score_record(gold, {"article": {"title": "x"}})
    report = score_files([GOLD / "events.json"], lambda gold, source: {"format": "onrecord/1"})
    assert len(report.failures) == 1 and report.totals.events == Counts(0, 0, 7)


def test_record_built_from_the_model_scores():
    text = "North Korea denied that it sold arms."
    actor = Actor(id="a1", name="North Korea", code="PRKGOV", country="PRK", sector="GOV",
                  mentions=[TextSpan.of(text, 0, 11)])
    statement = Statement(id="s1", speaker=Speaker.of(text, 0, 11, actor="a1"),
                          cue=Cue.of(text, 12, 18, lemma="deny"), polarity="-")
    event = Event(id="e1", type="REJECT", actor=["a1"], trigger=TextSpan.of(text, 12, 18))
    record = Record(article=Article(id="x", text=text), actors=[actor], statements=[statement], events=[event])
    gold = load_gold(GOLD / "statements.json")
    gold = replace(gold, statements=gold.statements[:1])  # "North Korea denied that", PRK, "-"
    score = score_record(gold, record.to_dict())
    assert (score.statements, score.stance, score.events) == (Counts(1, 0, 0), Tally(1, 1), Counts(0, 1, 0))


@needs_seed
def test_seed_gold_parses():
    gold = load_gold(SHARED / "gold" / "seed.json")
    assert (len(gold.statements), len(gold.events), len(gold.amounts)) == (14, 16, 2)
    assert sum(s.optional for s in gold.statements) == 3
    assert gold.statements[-1].speaker is None and gold.events[11].recipient == ("SYR", "LBY", "SDN")
    assert gold.article["authors"] == ("Timothy W. Martin",)
    assert resolve_input(gold, SHARED / "gold" / "seed.json") == SHARED / "seed" / "000_f550be25ed6773a1.txt"


# ---------------------------------------------------------------- malformed gold

VALID = {"id": "g", "input": "a.txt", "article": {"title": "T", "authors": ["A"]},
         "statements": [{"anchor": "x said", "speaker": "USA", "polarity": "+"}],
         "events": [{"anchor": "x hit", "type": ["ASSAULT"], "actor": ["USA"], "recipient": None}],
         "amounts": [{"anchor": "3 tanks", "value": 3}]}


def _with(section: str, key: str, value: Any) -> dict[str, Any]:
    gold = json.loads(json.dumps(VALID))
    target = gold if section == "" else gold[section] if section == "article" else gold[section][0]
    target[key] = value
    return gold


@pytest.mark.parametrize("raw,reason", [
    (_with("", "id", ""), "id: expected a non-empty string"),
    ({k: v for k, v in VALID.items() if k != "input"}, "input: expected a non-empty string"),
    (_with("", "comment", "x"), "unknown key 'comment'"),
    (_with("", "text_must_contain", "x"), "text_must_contain: expected a list"),
    (_with("", "text_must_not_contain", ["  "]), "text_must_not_contain[0]: expected a non-empty string"),
    (_with("statements", "speaker", "prk"), "statements[0].speaker: 'prk' is not a three-letter upper-case code"),
    (_with("statements", "speaker", []), "statements[0].speaker: expected null, a code, or a non-empty list"),
    (_with("statements", "polarity", "?"), "statements[0].polarity: expected '+' or '-'"),
    (_with("statements", "optinal", True), "statements[0]: unknown key 'optinal'"),
    (_with("statements", "optional", "yes"), "statements[0].optional: expected true or false"),
    (_with("statements", "anchor", ""), "statements[0].anchor: expected a non-empty string"),
    (_with("events", "type", "REJECT"), "events[0].type: expected a non-empty list of PLOVER categories"),
    (_with("events", "type", ["REJECTED"]), "events[0].type: expected a non-empty list of PLOVER categories"),
    (_with("events", "recipient", ["USA", 3]), "events[0].recipient: 3 is not a three-letter"),
    (_with("amounts", "value", "3"), "amounts[0].value: expected a number"),
    (_with("amounts", "value", True), "amounts[0].value: expected a number"),
    (_with("article", "authors", "A"), "article.authors: expected a list of strings or null"),
    (_with("article", "title", 5), "article.title: expected a string or null"),
    ([VALID], "expected an object, got list"),
])
def test_malformed_gold_raises_gold_error(tmp_path, raw, reason):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(GoldError) as caught:
        load_gold(path)
    assert str(caught.value).startswith(f"[E050] gold file {path}: ")
    assert reason in str(caught.value)


def test_unreadable_gold_raises_gold_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.json: cannot read: Expecting property name"):
        load_gold(path)
    with pytest.raises(GoldError, match="cannot read"):
        load_gold(tmp_path / "absent.json")


def test_valid_gold_parses_to_typed_items(tmp_path):
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(_with("article", "dateline", [])), encoding="utf-8")
    gold = load_gold(path)
    assert gold.statements[0].speaker == ("USA",) and gold.statements[0].optional is False
    assert gold.events[0].types == ("ASSAULT",) and gold.events[0].recipient is None
    assert gold.amounts[0].value == 3
    assert gold.article == {"title": "T", "authors": ("A",), "dateline": None}
    assert (gold.text_must_contain, gold.path) == ((), path)


# ---------------------------------------------------------------- agreement with the reference scorer

@needs_reference
@pytest.mark.parametrize("names", [["statements"], ["events"], ["text-meta"], ["meta-strict"], ["missing"],
                                   ["events", "missing", "statements", "text-meta", "meta-strict"]])
def test_fixtures_agree_with_reference(names):
    paths = [GOLD / f"{name}.json" for name in names]
    report = score_files(paths, read_from(RECORDS))
    assert my_figures(report) == reference_figures(paths, RECORDS)


CODES = ["PRK", "USA", "GOV"]
WORDS = ["North", "Korea", "said", "denied", "the", "U.S.", "claimed", "300,000", "troops", "Russia", "that"]
IDS = ["a0", "a1", "a2", "a3"]
gold_codes = st.one_of(st.none(), st.sampled_from(CODES), st.lists(st.sampled_from(CODES), min_size=1, max_size=2))
refs = st.sampled_from(IDS * 3 + ["zz"])
ref_lists = st.lists(st.one_of(refs, refs.map(lambda ref: {"id": ref})), max_size=2)  # ids or inline actors
rarely = st.sampled_from([False, False, False, True])


@st.composite
def spans(draw, text: str, targets: list[tuple[int, int]], nullable: bool = True) -> dict[str, Any] | None:
    """A random short span: mostly near a target, sometimes anywhere, empty, reversed, offset-less or missing."""
    kinds = ["anywhere", "empty", "no-offsets"] + ["near"] * 3 * bool(targets) + ["none"] * nullable
    kind = draw(st.sampled_from(kinds))
    if kind == "none":
        return None
    if kind == "no-offsets":
        return {"text": "x"}
    if kind == "near":
        low, high = draw(st.sampled_from(targets))
        start = draw(st.integers(max(0, low - 3), high))
    else:
        start = draw(st.integers(0, len(text)))
    end = start if kind == "empty" else max(0, min(len(text), start + draw(st.integers(-2, 10))))
    return {"start": start, "end": end, "text": text[start:end]}


@st.composite
def anchors(draw, text: str) -> str:
    """A gold anchor: an exact substring, a word run re-spaced with single spaces, or absent text."""
    words = text.split()
    kind = draw(st.sampled_from(["exact", "respaced", "respaced", "absent"]))
    if kind == "absent":
        return "Nowhere in it"
    if kind == "exact":
        start = draw(st.integers(0, len(text) - 1))
        anchor = text[start:draw(st.integers(start + 1, len(text)))]
        return anchor if anchor.strip() else words[0]
    start = draw(st.integers(0, len(words) - 1))
    return " ".join(words[start:draw(st.integers(start + 1, min(len(words), start + 4)))])


def gold_of(text: str) -> st.SearchStrategy:
    item = {"anchor": anchors(text), "optional": rarely}
    return st.fixed_dictionaries({
        "id": st.just("rand"), "input": st.just("rand.txt"),
        "article": st.fixed_dictionaries({}, optional={
            "title": st.sampled_from(["North  korea", "north Korea", None, []]),
            "authors": st.one_of(st.none(), st.lists(st.sampled_from(["Jane Roe", "Jane  Roe", "jane roe", "Al"]),
                                                     max_size=2)),
            "published": st.sampled_from(["2022-09-22", "2022-09", None]),
            "dateline": st.sampled_from(["SEOUL", "seoul ", None])}),
        "text_must_contain": st.lists(anchors(text), max_size=2),
        "text_must_not_contain": st.lists(anchors(text), max_size=2),
        "statements": st.lists(st.fixed_dictionaries(
            {**item, "speaker": gold_codes, "polarity": st.sampled_from(["+", "-"])}), max_size=5),
        "events": st.lists(st.fixed_dictionaries(
            {**item, "type": st.lists(st.sampled_from(["ACCUSE", "REJECT", "AID"]), min_size=1, max_size=2),
             "actor": gold_codes, "recipient": st.one_of(st.none(), gold_codes)}), max_size=5),
        "amounts": st.lists(st.fixed_dictionaries(
            {**item, "value": st.sampled_from([1, 2.0, 300000, -1])}), max_size=3)})


@st.composite
def cases(draw) -> tuple[dict[str, Any], dict[str, Any]]:
    """A random gold file and a random record over the same text, some predictions aimed at gold anchors."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=12))
    gaps = draw(st.lists(st.sampled_from([" ", " ", "  ", "\n"]), min_size=len(words), max_size=len(words)))
    text = "".join(word + gap for word, gap in zip(words, gaps))
    gold = draw(gold_of(text))
    ranges = {key: [locate(text, item["anchor"]) for item in gold[key]] for key in ("statements", "events", "amounts")}
    targets = [rng for found in ranges.values() for rng in found if rng is not None]
    actors = [draw(st.fixed_dictionaries({
        "id": st.just(ref) if i < len(IDS) else refs, "name": st.just("n"),
        "country": st.sampled_from([None, "", "PRK", "usa", "PRK"]),
        "code": st.sampled_from([None, "", "PRKGOV", "USA", "USAGOVX", "gov", "PR", "GOV"])}))
        for i, ref in enumerate(IDS + draw(st.lists(refs, max_size=1)))]  # a later duplicate id wins

    def answering(codes: Any) -> st.SearchStrategy:
        """Actor lists that answer to the gold codes (by our reading), or any actor list."""
        codes = [codes] if isinstance(codes, str) else codes
        if codes is None:
            return st.one_of(st.just([]), ref_lists)
        table = actor_codes({"actors": actors})
        fitting = [ref for ref in IDS if any(code in table.get(ref, ()) for code in codes)]
        return st.one_of(ref_lists, *([st.sampled_from(fitting).map(lambda ref: [ref])] if fitting else []))

    def statement(cue: st.SearchStrategy, gold_item: dict[str, Any] | None = None) -> dict[str, Any]:
        speaker = st.one_of(st.none(), refs) if gold_item is None else answering(gold_item["speaker"]).map(
            lambda found: found[0] if found and isinstance(found[0], str) else None)
        return draw(st.fixed_dictionaries({"cue": cue, "polarity": st.sampled_from(["+", "-", None]), "speaker": (
            st.one_of(st.none(), st.fixed_dictionaries({"actor": speaker})))}))

    def event(trigger: st.SearchStrategy, types: list[str], gold_item: dict[str, Any] | None = None) -> dict[str, Any]:
        return draw(st.fixed_dictionaries({
            "type": st.sampled_from(types), "trigger": trigger,
            "actor": answering(gold_item["actor"]) if gold_item else ref_lists,
            "recipient": answering(gold_item["recipient"]) if gold_item else ref_lists,
            "attributed_to": st.sampled_from([None, None, None, "", "s1"]), "negated": rarely,
            "hypothetical": rarely}))

    def amount(span: st.SearchStrategy, values: list[Any]) -> dict[str, Any]:
        return draw(st.one_of(st.fixed_dictionaries({"value": st.sampled_from(values), "span": span}),
                              span.map(lambda found: {**found, "value": 1}), span.map(lambda found: {"span": found})))

    def aimed(key: str) -> list[tuple[dict[str, Any], st.SearchStrategy]]:
        return [(item, spans(text, [rng], nullable=False)) for item, rng in zip(gold[key], ranges[key])
                if rng is not None and draw(st.booleans())]

    any_span = spans(text, targets)
    statements = [statement(any_span) for _ in range(draw(st.integers(0, 3)))]
    statements += [statement(span, item) for item, span in aimed("statements")]
    events = [event(any_span, ["ACCUSE", "REJECT", "AID", "COERCE"]) for _ in range(draw(st.integers(0, 3)))]
    events += [event(span, item["type"], item) for item, span in aimed("events")]
    amounts = [amount(spans(text, targets, nullable=False), [1, 2, "2"]) for _ in range(draw(st.integers(0, 2)))]
    amounts += [amount(span, [item["value"], 2]) for item, span in aimed("amounts")]
    record = {"format": "onrecord/1", "actors": actors,
              "article": draw(st.fixed_dictionaries({"id": st.just("x"), "text": st.just(text)}, optional={
                  "title": st.sampled_from(["North Korea", "", None]),
                  "authors": st.lists(st.sampled_from(["Jane Roe", "Al", "Jane  Roe"]), max_size=2),
                  "published": st.sampled_from(["2022-09-22T00:25:00-04:00", "2022-09-2", None]),
                  "dateline": st.sampled_from(["Seoul", "", None])})),
              # order decides which gold item takes which prediction
              "statements": draw(st.permutations(statements)), "events": draw(st.permutations(events)),
              "amounts": draw(st.permutations(amounts))}
    return gold, record


@needs_reference
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=cases())
def test_random_records_agree_with_reference(case):
    gold, record = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "gold").mkdir()
        (root / "records").mkdir()
        gold_path = root / "gold" / "rand.json"
        gold_path.write_text(json.dumps(gold), encoding="utf-8")
        (root / "records" / "rand.json").write_text(json.dumps(record), encoding="utf-8")
        report = score_files([gold_path], read_from(root / "records"))
        assert my_figures(report) == reference_figures([gold_path], root / "records")
