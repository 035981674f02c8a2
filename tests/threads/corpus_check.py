"""Compares built threads with examples/corpus/threads.json (hand-written expectations)."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from onrecord.store import Store
from onrecord.threads import Thread


@dataclass
class ThreadCheck:
    id: str
    expected: int             # stances expected in canonical articles that are stored
    located: int              # … whose statement was found in the record
    in_thread: int            # … that sit in the best-matching built thread
    stance_right: int         # … with the expected stance
    merged_with: list[str]    # other expected threads whose stances landed in the same built thread
    status: str | None
    expected_status: str


def _statement_at(record, anchor: str):  # type: ignore[no-untyped-def]
    pos = record.article.text.find(anchor)
    if pos < 0:
        return None
    end = pos + len(anchor)
    for s in record.statements:
        lo = min([s.cue.start] + [c.start for c in s.content])
        hi = max([s.cue.end] + [c.end for c in s.content])
        if s.cue.start < end and pos < s.cue.end:
            return s
        if lo < end and pos < hi and lo >= pos - 200:
            best = s
            return best
    return None


def check_corpus(store: Store, threads: list[Thread], expected_path: Path, root: Path) -> list[ThreadCheck]:
    """One ThreadCheck per expected thread."""
    spec = json.loads(expected_path.read_text(encoding="utf-8"))
    rows = store.conn.execute("SELECT id, source, dup_group FROM articles").fetchall()
    by_name = {Path(src).name: (aid, group) for aid, src, group in rows}
    where = {(m.article_id, m.statement_id): (t.id, m.stance) for t in threads for m in t.members}
    placed: dict[str, Counter[str]] = {}
    checks: list[ThreadCheck] = []
    for exp in spec["threads"]:
        hits: list[tuple[str | None, str | None, str]] = []
        expected = 0
        for st in exp["stances"]:
            entry = by_name.get(Path(st["article"]).name)
            if entry is None or entry[0] != entry[1]:
                continue   # not stored, or a syndicated copy (counted once through its canonical)
            expected += 1
            record = store.get_record(entry[0])
            s = _statement_at(record, st["anchor"]) if record else None
            if s is None:
                hits.append((None, None, st["stance"]))
                continue
            tid, stance = where.get((entry[0], s.id), (None, None))
            hits.append((tid, stance, st["stance"]))
        votes = Counter(t for t, _, _ in hits if t)
        best = votes.most_common(1)[0][0] if votes else None
        placed[exp["id"]] = votes
        status = next((t.status for t in threads if t.id == best), None)
        checks.append(ThreadCheck(exp["id"], expected, sum(1 for h in hits if h[0] is not None or h[1] is not None),
                                  sum(1 for t, _, _ in hits if t == best and best),
                                  sum(1 for t, s, e in hits if t == best and best and s == e), [], status,
                                  exp["final_status"]))
    for c in checks:
        best = placed[c.id].most_common(1)[0][0] if placed[c.id] else None
        c.merged_with = [o.id for o in checks if o.id != c.id and best and placed[o.id].get(best, 0)
                         and placed[o.id].most_common(1)[0][0] == best]
    return checks
