"""PETRARCH-2 scorer: validation-file parsing, the CAMEO→PLOVER crosswalk, and a run on all sentences."""
from __future__ import annotations

import pytest

from conftest import SHARED
from onrecord.eval.crosswalk import load_crosswalk, parse_crosswalk
from onrecord.eval.petrarch import gold_item, load_petrarch, parse_text

PETRARCH = SHARED / "bench" / "petrarch" / "PETR2_GSR_validation.xml"
CROSSWALK = SHARED / "bench" / "plover" / "CAMEO2PLOVER-2021.txt"
needs_petrarch = pytest.mark.skipif(not (PETRARCH.is_file() and CROSSWALK.is_file()),
                                    reason=f"{PETRARCH} or {CROSSWALK} is absent (the shared benchmark "
                                    "folder sits beside the project; a fresh clone has none)")
TABLE = """# a small table in the CAMEO2PLOVER layout
03: AGREE
035: AGREE,  ,      # Express intent to yield
08: CONCEDE
08: RETREAT
084: RETREAT,   ,  # Return, release
1712: ASSAULT, seize, human_security  # Destroy property
171: COERCE, seize, human_security    # Seize or damage property
~~~~~
09: ACCUSE
"""


@pytest.mark.parametrize("code, expected", [("0352", "AGREE"), ("03", "AGREE"), ("080", "CONCEDE"),
                                            ("0841", "RETREAT"), ("1712", "ASSAULT"), ("1711", "COERCE"),
                                            ("015", None), ("090", None)])
def test_crosswalk_longest_prefix(code, expected):
    assert parse_crosswalk(TABLE).plover(code) == expected


def test_crosswalk_keeps_mode_and_context():
    row = parse_crosswalk(TABLE).row("17125")
    assert (row.code, row.type, row.mode, row.context) == ("1712", "ASSAULT", "seize", "human_security")


def test_parse_text_joins_conllu_forms():
    conllu = "1\tBoko\tBoko\tPROPN\tNNP\t_\t2\tname\t_\t_\n2\tHaram\tHaram\tPROPN\tNNP\t_\t0\troot\t_\tSpaceAfter=No\n" \
             "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_"
    assert parse_text(conllu) == "Boko Haram."


@needs_petrarch
@pytest.mark.parametrize("code, expected", [("0352", "AGREE"), ("042", "CONSULT"), ("1124", "ACCUSE"),
                                            ("163", "COERCE"), ("1712", "ASSAULT"), ("0841", "RETREAT"),
                                            ("195", "ASSAULT"), ("021", None), ("015", None)])
def test_shared_crosswalk_maps_codes(code, expected):
    assert load_crosswalk(CROSSWALK).plover(code) == expected


@needs_petrarch
def test_load_petrarch_counts_78_sentences():
    sentences = load_petrarch(PETRARCH)
    assert len(sentences) == 78
    assert sum(1 for s in sentences if not s.codings) == 12
    assert all(s.text for s in sentences)
    first = sentences[0]
    assert (first.id, first.date, first.codings[0].event, first.codings[0].target) == \
        ("AFP0808020625_4", "2008-08-04", "042", "CHN")
    assert first.text.startswith("The stopover came as the US leader") and "\n" not in first.text


@needs_petrarch
def test_gold_item_maps_types_and_blocks():
    crosswalk = load_crosswalk(CROSSWALK)
    sentence = next(s for s in load_petrarch(PETRARCH) if s.id == "AFP0808020675_1")
    item, unmapped = gold_item(sentence, crosswalk)
    assert (item.types, item.sources, item.targets, unmapped) == \
        (("AGREE",), frozenset({"BRA", "USA"}), frozenset({"BRA", "USA"}), [])


@needs_petrarch
def test_evaluate_petrarch_all_sentences():
    from onrecord.eval.petrarch import evaluate_petrarch
    from onrecord.pipeline import get_analyzer
    from onrecord.settings import Settings

    report = evaluate_petrarch(PETRARCH, CROSSWALK, get_analyzer(Settings.load(ingest={"clean": False})))
    print(report.figures(), dict(report.failures), f"false alarms {report.false_alarms}/{report.no_event_sentences}")
    assert report.failed == []
    assert report.records + report.no_event_sentences + 7 == 78    # 7 sentences carry only 01x/02x codings
    assert report.no_event_sentences == 12
    assert all(0.0 <= v <= 1.0 for v in report.figures().values())
