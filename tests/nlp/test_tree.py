"""nlp/tree.py: spaCy's subtrees, children, conjuncts, edges and sentences, from lists built once."""
from __future__ import annotations

import gc
import time
import weakref
from pathlib import Path

import pytest

from onrecord.nlp.tree import REACH, children, sentence, tree
from onrecord.pipeline import Source

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def docs(analyzer):
    paths = sorted((ROOT / "tests/fixtures/articles").iterdir())
    texts = [analyzer.article(Source(name=p.name, data=p.read_bytes())).text for p in paths]
    texts += ["Russia, Ukraine and Iran and Iraq and Syria attacked, shelled and bombed Kyiv, Kharkiv and Lviv.",
              "", "Word.", "Hello there.  \n\n  What?"]
    return list(analyzer.nlp.pipe(texts))


def test_answers_are_spacy_s_on_articles(docs):
    non_projective = 0
    for doc in docs:
        tr = tree(doc)
        assert sorted(tr.order) == list(range(len(doc)))
        for t in doc:
            sub = [x.i for x in t.subtree]
            non_projective += len(sub) != max(sub) - min(sub) + 1
            assert [x.i for x in tr.subtree(t)] == sub
            assert tr.left_edge(t) == t.left_edge.i and tr.right_edge(t) == t.right_edge.i
            assert [c.i for c in children(t)] == [c.i for c in t.children]
            assert [c.i for c in tr.conjuncts(t)] == [c.i for c in t.conjuncts]
            assert sentence(t) == t.sent
            inside = set(sub)
            assert all(tr.contains(t, j) == (j in inside) for j in range(max(0, t.i - 30), min(len(doc), t.i + 30)))
            for reach in (1, 4):
                assert [x.i for x in tr.subtree(t, reach)] == [j for j in sub if abs(j - t.i) <= reach]
            kids = list(t.children)
            if kids:
                rest = [j for j in sub if not any(j in {y.i for y in k.subtree} for k in kids[-1:])]
                assert tr.bounds(t, kids[-1:]) == (min(rest), max(rest))
                rest = [j for j in sub if j != kids[0].i]
                assert tr.bounds(t, but=kids[0]) == (min(rest), max(rest))
    assert non_projective > 0          # spaCy's parser does make non-projective arcs: they are covered


def test_built_once_and_without_a_reference_cycle(analyzer):
    doc = analyzer.nlp("The minister said the plan would pass.")
    assert tree(doc) is tree(doc)
    ref = weakref.ref(doc)
    del doc
    assert ref() is None               # freed by reference counting, not left to the collector
    gc.collect()


def test_a_copy_gets_its_own_tree(analyzer):
    doc = analyzer.nlp("The minister said the plan would pass.")
    original = tree(doc)
    copy = doc.copy()
    assert tree(copy) is not original and [c.i for c in children(copy[2])] == [c.i for c in copy[2].children]


def test_one_long_sentence_is_linear(analyzer):
    doc = analyzer.nlp("word " * 5_000)
    start = time.monotonic()
    tr = tree(doc)
    for t in doc:
        children(t)
        tr.conjuncts(t)
        tr.subtree(t, reach=64)
        sentence(t)
    assert time.monotonic() - start < 3     # ~0.3 s; spaCy's own walks: several minutes
    far = [c.i for c in doc[1].children if abs(c.i - 1) > REACH]
    assert far and not set(far) & {c.i for c in children(doc[1])}      # beyond REACH: not seen
