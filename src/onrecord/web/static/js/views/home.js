// Overview (#/): store figures, claim threads with their status, recent articles; search results
// (#/?q=...); the actor index (#/actors).
import { get } from "../api.js";
import { badge, chip, contentText, day, empty, h, link, plural, polarityChip, section } from "../dom.js";

const STATUS_FILTERS = ["", "alleged", "denied", "disputed", "confirmed"];

function sides(t) {
  const a = (t.side_a || []).join("/") || "?";
  const b = (t.side_b || []).join("/") || "?";
  return `${a} → ${b}`;
}

function dateRange(first, last) {
  const a = day(first);
  const b = day(last);
  if (!a && !b) return "undated";
  return a === b || !b ? a : `${a} – ${b}`;
}

export function threadRow(t) {
  return h("li", { class: "row thread-row", "data-nav": "", testid: "thread-row", dataset: { threadId: t.id } },
    badge(t.status, { testid: "thread-status" }),
    h("div", { class: "row-main" },
      link(["thread", t.id], { class: "row-title", "data-primary": "" }, t.label || t.id),
      h("div", { class: "row-meta" },
        h("span", { class: "mono" }, sides(t)),
        t.family ? chip(t.family, "chip-family") : null,
        h("span", {}, plural(t.members, "statement")),
        h("span", {}, plural(t.articles, "article")),
        h("span", {}, dateRange(t.first_date, t.last_date)))));
}

export function articleRow(a) {
  const copy = a.dup_group && a.dup_group !== a.id;
  return h("li", { class: "row article-row", "data-nav": "", testid: "article-row", dataset: { articleId: a.id } },
    h("div", { class: "row-date mono" }, day(a.published) || "—"),
    h("div", { class: "row-main" },
      link(["article", a.id], { class: "row-title", "data-primary": "" }, a.title || a.source || a.id),
      h("div", { class: "row-meta" },
        a.publisher ? h("span", {}, a.publisher) : null,
        a.dateline ? h("span", { class: "caps" }, a.dateline) : null,
        h("span", {}, plural(a.statements ?? 0, "statement")),
        h("span", {}, plural(a.events ?? 0, "event")),
        copy ? link(["article", a.dup_group], { class: "chip chip-copy", title: "Near-duplicate of another stored article" },
          "syndicated copy") : null)));
}

export function statementRow(st) {
  const who = st.speaker && (st.speaker.text || st.speaker.code) || "unattributed";
  const content = contentText(st.content);
  return h("li", { class: "row statement-row", "data-nav": "", testid: "statement-row" },
    h("div", { class: "row-date mono" }, day(st.date) || "—"),
    h("div", { class: "row-main" },
      h("div", { class: "quote-line" },
        st.speaker && st.speaker.code ? link(["actor", st.speaker.code], { class: "code" }, st.speaker.code) : null,
        h("span", { class: "speaker" }, who),
        h("span", { class: "cue" }, st.cue ? st.cue.text : ""),
        polarityChip(st.polarity, st.certainty)),
      link({ path: ["article", st.article_id], query: { s: st.id } }, { class: "content-link", "data-primary": "" },
        "“", content, "”"),
      h("div", { class: "row-meta" },
        st.article_title ? h("span", {}, st.article_title) : null,
        st.thread_id ? link(["thread", st.thread_id], { class: "chip chip-thread" }, "claim thread") : null)));
}

function stats(data) {
  const items = Object.entries(data || {}).filter(([, v]) => typeof v === "number");
  return h("dl", { class: "stats", testid: "stats" },
    items.map(([k, v]) => h("div", { class: "stat" }, h("dt", {}, k.replace(/_/g, " ")), h("dd", {}, v.toLocaleString("en"))))); 
}

function list(items, render, emptyText, testid) {
  return items.length ? h("ol", { class: "rows", testid }, items.map(render)) : empty(emptyText);
}

function more(total, shown, what) {
  return total > shown ? h("p", { class: "more" }, `Showing ${shown} of ${total} ${what}.`) : null;
}

async function renderSearch(view, ctx, q) {
  ctx.setTitle(`Search: ${q}`);
  const [articles, statements, actors, threads] = await Promise.all([
    get("articles", { q, limit: 25 }), get("statements", { q, limit: 50 }),
    get("actors", { q, limit: 25 }), get("threads", { q, limit: 25 }),
  ]);
  view.append(
    h("header", { class: "page-head" },
      h("p", { class: "eyebrow" }, "Search"),
      h("h1", {}, "“", q, "”"),
      h("p", { class: "lede" }, [articles, statements, actors, threads].map((r, i) =>
        plural(r.total, ["article", "statement", "actor", "thread"][i])).join(" · "))),
    h("div", { class: "grid-2" },
      h("div", {},
        section("Statements", { id: "search-statements", testid: "search-statements" },
          list(statements.items, statementRow, "No statement mentions this.", "statement-list"),
          more(statements.total, statements.items.length, "statements"))),
      h("div", {},
        section("Claim threads", { id: "search-threads" }, list(threads.items, threadRow, "No thread matches.", "thread-list")),
        section("Articles", { id: "search-articles" }, list(articles.items, articleRow, "No article matches.", "article-list")),
        section("Actors", { id: "search-actors" }, list(actors.items, actorRow, "No actor matches.", "actor-list")))));
}

export async function renderHome(view, ctx) {
  const q = (ctx.query.q || "").trim();
  if (q) return renderSearch(view, ctx, q);
  ctx.setTitle("");
  const status = STATUS_FILTERS.includes(ctx.query.status) ? ctx.query.status : "";
  const [st, threads, articles] = await Promise.all([
    get("stats"), get("threads", { status, limit: 15 }), get("articles", { limit: 20 }),
  ]);
  view.append(
    h("header", { class: "page-head" },
      h("p", { class: "eyebrow" }, "Overview"),
      h("h1", {}, "The record"),
      stats(st)),
    h("div", { class: "grid-2" },
      section("Claim threads", { id: "threads", testid: "threads" },
        h("p", { class: "hint" }, "Propositions followed across articles: who alleged, denied or confirmed them."),
        statusFilters([], status),
        list(threads.items, threadRow, status ? `No ${status} thread.` : "No threads yet: run onrecord threads.", "thread-list"),
        moreLink(threads, { path: ["threads"], query: { status } }, "threads")),
      section("Recent articles", { id: "articles", testid: "articles" },
        list(articles.items, articleRow, "The store is empty: run onrecord ingest.", "article-list"),
        more(articles.total, articles.items.length, "articles"))));
}

function moreLink(page, to, what) {
  if (page.total <= page.items.length) return null;
  return h("p", { class: "more" }, `Showing ${page.items.length} of ${page.total} ${what}. `, link(to, { testid: `more-${what}` }, `All ${what} →`));
}

function statusFilters(path, status) {
  return h("nav", { class: "filters", "aria-label": "Filter threads by status" },
    STATUS_FILTERS.map((s) => link({ path, query: { status: s } },
      { class: ["filter", s && `filter-${s}`], "aria-current": s === status ? "true" : null, testid: `filter-${s || "all"}` },
      s || "all")));
}

export async function renderThreads(view, ctx) {
  ctx.setTitle("Claim threads");
  const status = STATUS_FILTERS.includes(ctx.query.status) ? ctx.query.status : "";
  const threads = await get("threads", { status, q: ctx.query.q, limit: 500 });
  view.append(
    h("header", { class: "page-head" },
      h("p", { class: "eyebrow" }, "Index"),
      h("h1", {}, "Claim threads"),
      h("p", { class: "lede" }, "Each thread is one proposition and the dated stances taken on it, largest first. ",
        plural(threads.total, "thread"), status ? ` ${status}` : "", ".")),
    section("Threads", { id: "thread-index", testid: "thread-index" },
      statusFilters(["threads"], status),
      list(threads.items, threadRow, "No threads.", "thread-list"),
      more(threads.total, threads.items.length, "threads")));
}

export function actorRow(a) {
  return h("li", { class: "row actor-row", "data-nav": "", testid: "actor-row" },
    h("div", { class: "row-code" }, link(["actor", a.code], { class: "code code-lg", "data-primary": "" }, a.code)),
    h("div", { class: "row-main" },
      h("div", { class: "row-title-text" }, (a.names || []).slice(0, 4).join(" · ") || a.code),
      h("div", { class: "row-meta" },
        a.country ? h("span", { class: "mono" }, a.country) : null,
        h("span", {}, plural(a.articles ?? 0, "article")),
        h("span", {}, plural(a.mentions ?? 0, "mention")),
        a.statements !== undefined ? h("span", {}, plural(a.statements, "statement")) : null,
        a.events !== undefined ? h("span", {}, plural(a.events, "event")) : null)));
}

export async function renderActors(view, ctx) {
  ctx.setTitle("Actors");
  const data = await get("actors", { q: ctx.query.q, country: ctx.query.country, limit: 200 });
  view.append(
    h("header", { class: "page-head" },
      h("p", { class: "eyebrow" }, "Index"),
      h("h1", {}, "Actors"),
      h("p", { class: "lede" }, "Every actor code in the store, most frequent first. ", plural(data.total, "code"), ".")),
    section("Actor codes", { id: "actor-index", testid: "actor-index" },
      list(data.items, actorRow, "No actors yet.", "actor-list"),
      more(data.total, data.items.length, "actors")));
}
