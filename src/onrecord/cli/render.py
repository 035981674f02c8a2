"""Rich tables of a record, printed for people (stdout when it is a terminal)."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..model import Record

console = Console()


def _short(text: str, n: int = 90) -> str:
    """Article text shortened and escaped, so brackets in it are never read as Rich markup."""
    return escape(text if len(text) <= n else text[: n - 1] + "…")


def render_record(record: Record) -> None:
    """Metadata, statements, events, amounts, removals and repairs of one record."""
    a = record.article
    names = {x.id: escape(f"{x.name} ({x.code or '—'})") for x in record.actors}
    meta = Table(title=f"[b]{escape(a.title or a.source or a.id)}[/b]", show_header=False, title_justify="left")
    for k, v in (("source", a.source), ("authors", ", ".join(a.authors)), ("published", a.published),
                 ("dateline", a.dateline), ("publisher", a.publisher), ("print headline", a.print_headline),
                 ("id", a.id), ("characters", str(len(a.text)))):
        if v:
            meta.add_row(k, escape(v))
    console.print(meta)
    st = Table(title="Statements", title_justify="left")
    for col in ("id", "speaker", "cue", "stance", "content"):
        st.add_column(col)
    for s in record.statements:
        who = escape(s.speaker.text) if s.speaker else "—"
        if s.speaker and s.speaker.actor:
            who += f"\n[dim]{names.get(s.speaker.actor, '')}{'' if s.speaker.named else ', unnamed'}[/dim]"
        st.add_row(s.id, who, escape(s.cue.text), f"{s.polarity} {s.certainty}\n[dim]{s.quote}[/dim]",
                   _short(" … ".join(c.text for c in s.content), 160))
    console.print(st)
    ev = Table(title="Events", title_justify="left")
    for col in ("id", "type", "trigger", "actor", "recipient", "date", "flags"):
        ev.add_column(col)
    for e in record.events:
        flags = [f for f in ("negated", "hypothetical", "future", "historical") if getattr(e, f)]
        if e.attributed_to:
            flags.append(f"claimed in {e.attributed_to}")
        ev.add_row(e.id, e.type + (f"\n[dim]{e.mode}[/dim]" if e.mode else ""), escape(e.trigger.text),
                   "\n".join(names.get(x, x) for x in e.actor), "\n".join(names.get(x, x) for x in e.recipient),
                   f"{e.date.value} ({e.date.precision})" if e.date else "", ", ".join(flags))
    console.print(ev)
    if record.amounts:
        am = Table(title="Amounts", title_justify="left")
        for col in ("value", "approx.", "object", "text"):
            am.add_column(col)
        for x in record.amounts:
            am.add_row(f"{x.value:,.0f}" if x.value == int(x.value) else str(x.value), "~" if x.approximate else "",
                       escape(x.object or ""), escape(x.span.text))
        console.print(am)
    if a.removed or a.repairs:
        rm = Table(title="Removed and repaired", title_justify="left")
        rm.add_column("what")
        rm.add_column("text")
        for r in a.removed:
            rm.add_row(r.reason, _short(r.text))
        for r in a.repairs:
            rm.add_row(r.reason, escape(f"{r.before} → {r.after}"))
        console.print(rm)
