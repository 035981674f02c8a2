// Article (#/article/{id}?s=|e=): the text with speakers, cues, contents and event triggers
// highlighted from the record's offsets, a detail card, and side lists of statements and events.
import { get, seg } from "../api.js";
import { chip, empty, h, link, plural, polarityChip, section } from "../dom.js";
import { codePointIndex, segment, toUnits } from "../offsets.js";
import { eventFlags, eventSummary, renderCard } from "./inspector.js";

const PRIORITY = { cue: 4, trigger: 3, speaker: 2, content: 1, mention: 0 };
const LAYERS = [
  ["speaker", "Speakers"], ["cue", "Cues"], ["content", "Content"], ["trigger", "Event triggers"], ["mention", "Actor mentions"],
];

/** Index the record: lookups by id, and statement → thread. */
function indexRecord(rec) {
  rec.actorsById = new Map((rec.actors || []).map((a) => [a.id, a]));
  rec.statementsById = new Map((rec.statements || []).map((st) => [st.id, st]));
  rec.eventsById = new Map((rec.events || []).map((ev) => [ev.id, ev]));
  rec.threadOf = new Map((rec.threads || []).map((t) => [t.statement_id, t.thread_id]));
  return rec;
}

/** Every highlight as UTF-16 bounds; spans whose offsets do not match the text are counted, not drawn. */
function collectMarks(rec) {
  const text = rec.article.text;
  const toIndex = codePointIndex(text);
  const marks = [];
  let bad = 0;
  const add = (span, role, kind, ref, extra = {}) => {
    const units = toUnits(text, toIndex, span);
    if (!units) { bad += 1; return; }
    if (units.end > units.start) marks.push({ ...units, role, kind, ref, ...extra });
  };
  for (const st of rec.statements || []) {
    if (st.speaker) add(st.speaker, "speaker", "statement", st.id);
    add(st.cue, "cue", "statement", st.id);
    for (const c of st.content || []) add(c, "content", "statement", st.id, { polarity: st.polarity });
  }
  for (const ev of rec.events || []) add(ev.trigger, "trigger", "event", ev.id, { type: ev.type });
  for (const a of rec.actors || []) for (const m of a.mentions || []) add(m, "mention", "actor", a.id);
  return { marks, bad };
}

function primaryMark(marks) {
  return marks.reduce((best, m) => {
    if (!best) return m;
    const d = PRIORITY[m.role] - PRIORITY[best.role];
    return d > 0 || (d === 0 && m.end - m.start < best.end - best.start) ? m : best;
  }, null);
}

function ids(marks, role) {
  return [...new Set(marks.filter((m) => m.role === role).map((m) => m.ref))].join(" ");
}

/** The article text as text nodes and highlight spans, built from offsets (never parsed as HTML). */
function renderText(rec, marks) {
  const text = rec.article.text;
  const out = h("div", { class: "article-text", testid: "article-text" });
  const seen = new Set();
  for (const piece of segment(text, marks)) {
    const chunk = text.slice(piece.start, piece.end);
    if (!piece.marks.length) { out.append(document.createTextNode(chunk)); continue; }
    const main = primaryMark(piece.marks);
    const el = h("span", { class: ["hl", ...new Set(piece.marks.map((m) => `m-${m.role}`))] }, chunk);
    for (const role of Object.keys(PRIORITY)) {
      const v = ids(piece.marks, role);
      if (v) el.dataset[role] = v;
    }
    el.dataset.stmts = [...new Set(piece.marks.filter((m) => m.kind === "statement").map((m) => m.ref))].join(" ");
    if (piece.marks.some((m) => m.role === "content" && m.polarity === "-")) el.classList.add("neg");
    const trig = piece.marks.find((m) => m.role === "trigger");
    if (trig) el.classList.add(`type-${trig.type}`);
    el.dataset.primary = `${main.kind}:${main.ref}`;
    const key = `${main.role}:${main.ref}`;
    if (!seen.has(key) && main.kind !== "actor") {
      seen.add(key);
      el.dataset.testid = `hl-${main.role}-${main.ref}`;
      if (main.role === "cue" || main.role === "trigger") {
        el.tabIndex = 0;
        el.setAttribute("role", "button");
        el.setAttribute("aria-label", `${main.role === "cue" ? "Statement" : "Event"} ${main.ref}: ${chunk}`);
      }
    }
    if (main.kind === "actor") {
      const a = rec.actorsById.get(main.ref);
      if (a) el.title = `${a.code} · ${a.name}`;
    }
    out.append(el);
  }
  return out;
}

function statementItem(rec, st, select) {
  const actor = st.speaker && st.speaker.actor ? rec.actorsById.get(st.speaker.actor) : null;
  const threadId = rec.threadOf.get(st.id);
  const ev = st.proposition ? rec.eventsById.get(st.proposition) : null;
  const content = (st.content || []).map((c) => c.text).join(" … ");
  return h("li", { class: "item", "data-nav": "", testid: `stmt-item-${st.id}`, dataset: { kind: "statement", ref: st.id } },
    h("button", { type: "button", class: "item-main", "data-primary": "", onclick: () => select("statement", st.id, { scroll: true }) },
      h("span", { class: "item-line" },
        h("span", { class: "item-id mono" }, st.id),
        h("span", { class: "speaker" }, st.speaker ? st.speaker.text : "unattributed"),
        h("span", { class: "cue" }, st.cue.text),
        polarityChip(st.polarity, st.certainty)),
      h("span", { class: "item-content" }, content.length > 180 ? content.slice(0, 177) + "…" : content)),
    h("span", { class: "item-meta" },
      actor ? link(["actor", actor.code], { class: "code" }, actor.code) : null,
      st.speaker && st.speaker.named === false ? chip("anonymous", "chip-flag") : null,
      st.date ? h("span", { class: "mono" }, st.date) : null,
      ev ? chip(ev.type, `chip-type type-${ev.type}`) : null,
      threadId ? link(["thread", threadId], { class: "chip chip-thread", testid: `stmt-thread-${st.id}` }, "thread →") : null));
}

function eventItem(rec, ev, select) {
  return h("li", { class: "item", "data-nav": "", testid: `event-item-${ev.id}`, dataset: { kind: "event", ref: ev.id } },
    h("button", { type: "button", class: "item-main", "data-primary": "", onclick: () => select("event", ev.id, { scroll: true }) },
      h("span", { class: "item-line" }, h("span", { class: "item-id mono" }, ev.id), h("q", { class: "span-text" }, ev.trigger.text),
        ev.attributed_to ? h("span", { class: "muted" }, `claimed in ${ev.attributed_to}`) : h("span", { class: "muted" }, "reported"))),
    h("span", { class: "item-meta" }, eventSummary(rec, ev), eventFlags(ev),
      ev.date ? h("span", { class: "mono" }, ev.date.value) : null));
}

function header(a, rec, bad) {
  const copy = a.dup_group && a.dup_group !== a.id;
  const src = a.source || "";
  return h("header", { class: "page-head article-head", testid: "article-head" },
    h("p", { class: "eyebrow" }, [a.publisher, a.dateline].filter(Boolean).join(" · ") || "Article"),
    h("h1", { testid: "article-title" }, a.title || "Untitled article"),
    h("dl", { class: "meta-grid" },
      h("div", {}, h("dt", {}, "Published"), h("dd", { class: "mono" }, a.published || "unknown")),
      a.authors && a.authors.length ? h("div", {}, h("dt", {}, "By"), h("dd", {}, a.authors.join(", "))) : null,
      h("div", {}, h("dt", {}, "Source"), h("dd", { class: "source" },
        /^https?:\/\//i.test(src) ? h("a", { href: src, rel: "noopener noreferrer", target: "_blank" }, src) : src || "—")),
      h("div", {}, h("dt", {}, "Record"), h("dd", { class: "mono" }, a.id)),
      h("div", {}, h("dt", {}, "Found"), h("dd", {}, [plural((rec.statements || []).length, "statement"),
        plural((rec.events || []).length, "event"), plural((rec.actors || []).length, "actor")].join(" · ")))),
    copy ? h("p", { class: "note" }, "Near-duplicate (syndicated copy) of ", link(["article", a.dup_group], {}, "another stored article"), ".") : null,
    bad ? h("p", { class: "note warn", role: "note" }, `${plural(bad, "span")} did not match the text and are not highlighted.`) : null);
}

function cleaning(a) {
  const removed = a.removed || [];
  const repairs = a.repairs || [];
  return section(`Cleaning: ${plural(removed.length, "removal")}, ${plural(repairs.length, "repair")}`,
    { id: "cleaning", class: "cleaning", testid: "cleaning" },
    removed.length ? h("ul", { class: "removed", testid: "removed-list" }, removed.map((r) =>
      h("li", {}, chip(r.reason, "chip-plain"), " ", h("span", { class: "removed-text" }, r.text)))) : empty("Nothing was removed."),
    repairs.length ? h("ul", { class: "repairs", testid: "repairs-list" }, repairs.map((r) =>
      h("li", {}, chip(r.reason, "chip-plain"), " ", h("del", {}, r.before), " → ", h("ins", {}, r.after)))) : null);
}

function layerToggles(textEl) {
  return h("div", { class: "layers", role: "group", "aria-label": "Highlight layers", testid: "layers" },
    LAYERS.map(([role, label]) => {
      const box = h("input", { type: "checkbox", checked: role !== "mention", testid: `layer-${role}`,
        onchange: (e) => textEl.classList.toggle(`hide-${role}`, !e.target.checked) });
      if (role === "mention") textEl.classList.add("hide-mention");
      return h("label", { class: `layer layer-${role}` }, box, h("span", { class: "swatch", "aria-hidden": "true" }), label);
    }));
}

export async function renderArticle(view, ctx) {
  const [id] = ctx.params;
  const rec = indexRecord(await get("articles/" + seg(id)));
  const a = rec.article;
  ctx.setTitle(a.title || "Article");
  const { marks, bad } = collectMarks(rec);
  const textEl = renderText(rec, marks);
  const card = h("div", { class: "card popover", role: "dialog", hidden: true, testid: "inspector" });
  const wrap = h("div", { class: "text-wrap" }, textEl, card);
  const side = h("aside", { class: "side", "aria-label": "Statements and events" });
  let selected = null;
  let pinned = false;

  const anchorFor = (kind, ref) => textEl.querySelector(kind === "statement"
    ? `[data-cue~="${CSS.escape(ref)}"]` : `[data-trigger~="${CSS.escape(ref)}"]`);
  const place = (anchor) => {
    const w = wrap.getBoundingClientRect();
    const r = anchor.getBoundingClientRect();
    const width = Math.min(420, w.width);
    card.style.width = `${width}px`;
    card.style.left = `${Math.max(0, Math.min(r.left - w.left, w.width - width))}px`;
    card.style.top = `${r.bottom - w.top + 8}px`;
  };
  const close = () => {
    const was = !card.hidden;
    card.hidden = true;
    pinned = false;
    for (const el of view.querySelectorAll(".is-selected, .is-anchor")) el.classList.remove("is-selected", "is-anchor");
    selected = null;
    return was;
  };
  const show = (kind, ref, anchor) => {
    if (!renderCard(card, rec, kind, ref, actions) || !anchor) return;
    card.hidden = false;
    place(anchor);
  };
  const select = (kind, ref, { scroll = false } = {}) => {
    close();
    selected = { kind, ref };
    pinned = true;
    const attr = kind === "statement" ? "stmts" : "trigger";
    for (const el of textEl.querySelectorAll(`[data-${attr}~="${CSS.escape(ref)}"]`)) el.classList.add("is-selected");
    const item = side.querySelector(`[data-kind="${kind}"][data-ref="${CSS.escape(ref)}"]`);
    if (item) { item.classList.add("is-selected"); item.scrollIntoView({ block: "nearest" }); }
    const anchor = anchorFor(kind, ref);
    if (anchor) anchor.classList.add("is-anchor");
    if (anchor && scroll) anchor.scrollIntoView({ block: "center" });
    show(kind, ref, anchor);
    history.replaceState(null, "", `#/article/${encodeURIComponent(id)}?${kind === "statement" ? "s" : "e"}=${encodeURIComponent(ref)}`);
  };
  const actions = { select: (kind, ref) => select(kind, ref, { scroll: true }), close };

  const pieceOf = (target) => target.closest && target.closest(".hl");
  textEl.addEventListener("click", (e) => {
    const el = pieceOf(e.target);
    if (!el || !el.dataset.primary) return;
    const [kind, ref] = el.dataset.primary.split(":");
    if (kind === "actor") return;
    e.stopPropagation();
    select(kind, ref);
  });
  textEl.addEventListener("keydown", (e) => {
    if ((e.key === "Enter" || e.key === " ") && e.target.getAttribute("role") === "button") {
      e.preventDefault();
      e.target.click();
    }
  });
  textEl.addEventListener("mouseover", (e) => {
    const el = pieceOf(e.target);
    if (pinned || !el || !el.dataset.primary || el.dataset.primary.startsWith("actor:")) return;
    const [kind, ref] = el.dataset.primary.split(":");
    show(kind, ref, el);
  });
  textEl.addEventListener("mouseleave", () => { if (!pinned) card.hidden = true; });
  view.addEventListener("click", (e) => {
    if (pinned && !card.contains(e.target) && !side.contains(e.target)) close();
  });
  ctx.onEscape(close);

  const statements = rec.statements || [];
  const events = rec.events || [];
  side.append(
    section(`Statements (${statements.length})`, { id: "statements", testid: "statement-list" },
      statements.length ? h("ol", { class: "items" }, statements.map((st) => statementItem(rec, st, select)))
        : empty("No statements found.")),
    section(`Events (${events.length})`, { id: "events", testid: "event-list" },
      events.length ? h("ol", { class: "items" }, events.map((ev) => eventItem(rec, ev, select))) : empty("No events found.")),
    section(`Actors (${(rec.actors || []).length})`, { id: "actors", testid: "actor-list" },
      h("ul", { class: "actor-chips" }, (rec.actors || []).map((ac) => h("li", {},
        link(["actor", ac.code], { class: "code", title: `${ac.kind}${ac.named === false ? ", anonymous" : ""}` }, ac.code),
        " ", ac.name, h("span", { class: "muted" }, ` ×${(ac.mentions || []).length}`))))),
    (rec.amounts || []).length ? section("Amounts", { id: "amounts" }, h("ul", { class: "plain" }, rec.amounts.map((am) =>
      h("li", {}, h("span", { class: "mono" }, am.approximate ? "≈" : "", am.value.toLocaleString("en")), " ",
        am.object || "", h("span", { class: "muted" }, " — “", am.span.text, "”"))))) : null);

  view.append(header(a, rec, bad),
    h("div", { class: "article-layout" },
      h("article", { class: "article-body", "aria-label": "Article text" }, layerToggles(textEl), wrap, cleaning(a)),
      side));
  const initial = ctx.query.s ? ["statement", ctx.query.s] : ctx.query.e ? ["event", ctx.query.e] : null;
  if (initial) requestAnimationFrame(() => { if (ctx.isCurrent()) select(initial[0], initial[1], { scroll: true }); });
}

