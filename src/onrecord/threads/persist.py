"""Threads as rows of the store's threads / thread_members tables (rebuilt as a whole)."""
from __future__ import annotations

from dataclasses import astuple

from ..errors import StoreCodedError
from ..store import Store
from ..store.rows import arrow_table
from .model import Thread, ThreadMember

_THREAD_COLS = "id, family, side_a, side_b, keywords, status, first_date, last_date, members, articles, label, position"
_MEMBER_COLS = ("thread_id, seq, article_id, statement_id, speaker_text, speaker_code, speaker_country, cue_lemma, "
                "polarity, certainty, stance, date, content_text, via, event_id, status_after")


def save_threads(store: Store, threads: list[Thread]) -> None:
    """Replace the stored threads with these, in one transaction."""
    import duckdb

    conn = store.conn
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("DELETE FROM thread_members")
        conn.execute("DELETE FROM threads")
        rows = [(t.id, t.family, t.side_a, t.side_b, t.keywords, t.status, t.first_date, t.last_date,
                 len(t.members), t.articles, t.label, n) for n, t in enumerate(threads)]
        members = [(t.id, i, *astuple(m)) for t in threads for i, m in enumerate(t.members)]
        # one Arrow INSERT per table (columns in table order, as _THREAD_COLS and _MEMBER_COLS list
        # them): executemany took 43 s for the 14,002 threads of a 10,000-article store
        for table, values in (("threads", rows), ("thread_members", members)):
            if values:
                conn.from_arrow(arrow_table(table, values)).insert_into(table)
        conn.execute("COMMIT")
    except duckdb.Error as e:
        conn.execute("ROLLBACK")
        raise StoreCodedError("E035", reason=f"saving threads: {str(e).splitlines()[0]}") from e


def load_threads(store: Store, *, min_members: int = 1, status: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[Thread]:
    """Stored threads in build order (largest first), with their members."""
    from ..store.queries import _page

    params: list[object] = [min_members]
    where = "members >= ?"
    if status is not None:
        where += " AND status = ?"
        params.append(status)
    rows = store.conn.execute(f"SELECT {_THREAD_COLS} FROM threads WHERE {where} ORDER BY position LIMIT ? OFFSET ?",
                              params + _page(limit, offset)).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    members: dict[str, list[ThreadMember]] = {i: [] for i in ids}
    for r in store.conn.execute(f"SELECT {_MEMBER_COLS} FROM thread_members WHERE list_contains(?, thread_id) "
                                "ORDER BY thread_id, seq", [ids]).fetchall():
        members[r[0]].append(ThreadMember(*r[2:]))
    return [Thread(id=r[0], family=r[1], side_a=list(r[2]), side_b=list(r[3]), keywords=list(r[4]), status=r[5],
                   first_date=r[6], last_date=r[7], articles=r[9], label=r[10], members=members[r[0]])
            for r in rows]
