"""PolNeAR attribution scorer: brat parsing, the metric on hand-made relations, and agreement with the
reference scorer on real dev articles."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import SHARED
from onrecord.eval.polnear import (PolnearReport, Relation, load_compartment, parse_ann, record_relations,
                                   score_article, score_polnear)

POLNEAR = SHARED / "bench" / "polnear"
REFERENCE = SHARED / "tools" / "score_polnear.py"
needs_polnear = pytest.mark.skipif(not (POLNEAR / "metadata.tsv").is_file() or not REFERENCE.is_file(),
                                   reason=f"{POLNEAR} or {REFERENCE} is absent (the shared benchmark folder "
                                          "sits beside the project; a fresh clone has none)")

ANN = ("T1\tSource 0 5\tObama\nT2\tCue 6 10\tsaid\nT3\tContent 11 19\tit works\n"
       "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
       "T5\tContent 30 35;36 40\tmore words\nE2\tAttribution:T4 Content:T5 Content2:T3 Cue:T2\n")


def test_parse_ann_joins_second_roles():
    first, second = parse_ann(ANN)
    assert first == Relation(source=((0, 5),), cue=((6, 10),), content=((11, 19),))
    assert second.source == ()
    assert second.content == ((30, 35), (36, 40), (11, 19))


def test_score_article_counts_tokens_spans_and_relations():
    text = "Obama said it works, and more."
    gold = [Relation(((0, 5),), ((6, 10),), ((11, 19),))]
    pred = [Relation(((0, 5),), ((6, 10),), ((11, 14),)), Relation((), ((21, 24),), ((25, 29),))]
    report = PolnearReport("test")
    score_article(report, text, gold, pred)
    assert (report.token["Content"].tp, report.token["Content"].fp, report.token["Content"].fn) == (1, 1, 1)
    assert (report.exact["Source"].tp, report.exact["Source"].fp) == (1, 0)
    assert (report.exact["Content"].tp, report.exact["Content"].fp, report.exact["Content"].fn) == (0, 2, 1)
    assert (report.relations.tp, report.relations.fp, report.relations.fn) == (1, 1, 0)
    assert report.to_dict()["relations"]["precision"] == 0.5


def test_record_relations_map_speaker_cue_content():
    record = {"statements": [{"speaker": {"start": 0, "end": 5}, "cue": {"start": 6, "end": 10},
                              "content": [{"start": 11, "end": 19}]},
                             {"speaker": None, "cue": {"start": 20, "end": 21}, "content": []}]}
    assert record_relations(record) == [Relation(((0, 5),), ((6, 10),), ((11, 19),)),
                                        Relation((), ((20, 21),), ())]


@needs_polnear
def test_figures_equal_reference_scorer_on_dev(tmp_path):
    from onrecord.pipeline import Source, get_analyzer
    from onrecord.settings import Settings

    analyzer = get_analyzer(Settings.load(ingest={"clean": False}))
    articles = load_compartment(POLNEAR, "dev", limit=10)
    parsed = [analyzer.article(Source(name=str(a.path), data=a.path.read_bytes())) for a in articles]
    records = [r.to_dict() for r in analyzer.records(parsed)]
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ours = score_polnear(POLNEAR, "dev", records, limit=10)
    out = subprocess.run([sys.executable, str(REFERENCE), str(POLNEAR), "dev", "--limit", "10",
                          "--records", str(jsonl)], capture_output=True, text=True, check=False).stdout
    for role in ("Source", "Cue", "Content"):
        line = next(x for x in out.splitlines() if x.strip().startswith(role))
        p, r, f, pe, re_, fe = (float(v) for v in re.findall(r"\d\.\d{3}", line))
        tok, ex = ours.token[role], ours.exact[role]
        assert (round(tok.precision, 3), round(tok.recall, 3), round(tok.f1, 3)) == (p, r, f)
        assert (round(ex.precision, 3), round(ex.recall, 3), round(ex.f1, 3)) == (pe, re_, fe)
    rel = re.search(r"relations \(cue overlap\) P (\S+) R (\S+) F1 (\S+)", out)
    assert rel is not None
    assert (round(ours.relations.precision, 3), round(ours.relations.recall, 3),
            round(ours.relations.f1, 3)) == tuple(float(v) for v in rel.groups())
    assert ours.articles == 10 and not ours.skipped
