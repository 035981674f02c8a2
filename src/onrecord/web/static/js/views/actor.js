// Actor (#/actor/{code}): what it said and did, to whom, over time.
import { get, seg } from "../api.js";
import { chip, contentText, day, empty, h, link, plural, s, section } from "../dom.js";
import { statementRow } from "./home.js";

const LANES = [["said", "statements"], ["did", "as actor"], ["received", "as recipient"]];

function dateOf(item) {
  const d = item.date && typeof item.date === "object" ? item.date.value : item.date;
  return day(d);
}

/** Milliseconds of a full or partial ISO date ("2022", "2022-09", "2022-09-22"), or null. */
function when(d) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d || "");
  return m ? Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) : null;
}

function codes(parties) {
  return (parties || []).map((p, i) => [i ? ", " : "", p.code ? link(["actor", p.code], { class: "code" }, p.code) : p.name || "?"]);
}

/** Dots on a time axis, one lane per role; dots on the same day stack. Each dot links to its source. */
function timeline(lanes) {
  const all = lanes.flatMap(([, items]) => items.map((x) => when(x.day))).filter((t) => t !== null);
  if (!all.length) return empty("No dated statements or events.");
  // Drawn at the panel's pixel width (1:1), so text in the chart keeps the page's type size.
  const main = document.getElementById("main");
  const width = Math.max(640, Math.round((main ? main.clientWidth : 1000) - 88));
  const left = 96;
  const right = 24;
  const laneH = 54;
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 86400000 * 20) { lo -= 86400000 * 10; hi += 86400000 * 10; }
  const x = (t) => left + ((t - lo) / (hi - lo)) * (width - left - right);
  const height = 30 + lanes.length * laneH;
  const svg = s("svg", { class: "actor-timeline", viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-label": lanes.map(([name, items]) => `${items.length} ${name}`).join(", "), testid: "actor-timeline" });
  const first = new Date(lo);
  for (let m = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1); m <= hi; ) {
    const d = new Date(m);
    svg.append(s("line", { x1: x(m), x2: x(m), y1: 18, y2: height - 6, class: "tick-line" }));
    svg.append(s("text", { x: x(m) + 3, y: 12, class: "tick-label" }, d.toISOString().slice(0, 7)));
    m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  let undated = 0;
  lanes.forEach(([name, items], li) => {
    const y = 30 + li * laneH + laneH / 2;
    svg.append(s("text", { x: 0, y: y + 4, class: "lane-label" }, name));
    svg.append(s("line", { x1: left - 8, x2: width - right, y1: y, y2: y, class: "lane-line" }));
    const stack = new Map();
    for (const it of items) {
      const t = when(it.day);
      if (t === null) { undated += 1; continue; }
      const k = Math.round(x(t));
      const n = stack.get(k) || 0;
      stack.set(k, n + 1);
      const cy = y + (n % 2 ? 1 : -1) * Math.ceil(n / 2) * 9;
      svg.append(s("a", { href: it.href, "aria-label": it.label },
        s("title", {}, it.label), s("circle", { cx: x(t), cy, r: 5.5, class: ["dot", it.cls] })));
    }
  });
  return h("div", { class: "chart-scroll" }, svg,
    undated ? h("p", { class: "hint chart-note" }, `${undated} undated ${undated === 1 ? "item is" : "items are"} listed below but not drawn.`) : null);
}

function eventRow(ev, selfCode) {
  const href = { path: ["article", ev.article_id], query: { e: ev.id } };
  return h("li", { class: "row event-row", "data-nav": "", testid: "event-row" },
    h("div", { class: "row-date mono" }, dateOf(ev) || "—"),
    h("div", { class: "row-main" },
      h("div", { class: "quote-line" }, chip(ev.type, `chip-type type-${ev.type}`), " ", codes(ev.actor), " → ", codes(ev.recipient)),
      link(href, { class: "content-link", "data-primary": "" }, "“", ev.trigger ? ev.trigger.text : ev.type, "”"),
      h("div", { class: "row-meta" },
        ["negated", "hypothetical", "future", "historical"].filter((f) => ev[f]).map((f) => chip(f, "chip-flag")),
        ev.attributed_to ? h("span", {}, `claimed (statement ${ev.attributed_to})`) : h("span", {}, "reported"),
        ev.context && ev.context.length ? h("span", {}, ev.context.join(", ")) : null)));
}

function counterparts(list) {
  if (!list || !list.length) return empty("No counterparts.");
  const max = Math.max(...list.map((c) => c.count));
  return h("table", { class: "table", testid: "counterparts" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Counterpart"), h("th", { scope: "col" }, "Type"), h("th", { scope: "col" }, "Events"))),
    h("tbody", {}, list.map((c) => {
      const bar = h("span", { class: `bar type-${c.type}` });
      bar.style.width = `${Math.max(6, (c.count / max) * 100)}%`;
      return h("tr", {},
        h("td", {}, link(["actor", c.code], { class: "code" }, c.code)),
        h("td", {}, chip(c.type, `chip-type type-${c.type}`)),
        h("td", { class: "num" }, h("span", { class: "bar-wrap" }, bar), String(c.count)));
    })));
}

export async function renderActor(view, ctx) {
  const [code] = ctx.params;
  const a = await get("actors/" + seg(code));
  ctx.setTitle(a.code);
  const said = a.statements || [];
  const did = a.events_as_actor || [];
  const got = a.events_as_recipient || [];
  const lanes = [
    [LANES[0][0], said.map((st) => ({ day: day(st.date), cls: st.polarity === "-" ? "stance-denied" : "stance-alleged",
      href: `#/article/${encodeURIComponent(st.article_id)}?s=${encodeURIComponent(st.id)}`,
      label: `${day(st.date)} ${st.cue ? st.cue.lemma : ""}: ${contentText(st.content)}` }))],
    [LANES[1][0], did.map((ev) => ({ day: dateOf(ev), cls: `type-${ev.type}`,
      href: `#/article/${encodeURIComponent(ev.article_id)}?e=${encodeURIComponent(ev.id)}`,
      label: `${dateOf(ev)} ${ev.type} → ${(ev.recipient || []).map((p) => p.code).join(", ") || "?"}` }))],
    [LANES[2][0], got.map((ev) => ({ day: dateOf(ev), cls: `type-${ev.type}`,
      href: `#/article/${encodeURIComponent(ev.article_id)}?e=${encodeURIComponent(ev.id)}`,
      label: `${dateOf(ev)} ${(ev.actor || []).map((p) => p.code).join(", ") || "?"} ${ev.type}` }))],
  ];
  view.append(
    h("header", { class: "page-head", testid: "actor-head" },
      h("p", { class: "eyebrow" }, "Actor", a.country && a.country !== a.code ? ` · country ${a.country}` : ""),
      h("h1", { class: "mono", testid: "actor-code" }, a.code),
      h("p", { class: "lede" }, (a.names || []).join(" · ") || "No names recorded."),
      h("dl", { class: "stats" },
        [["statements", said.length], ["events as actor", did.length], ["events as recipient", got.length],
          ["counterparts", new Set((a.counterparts || []).map((c) => c.code)).size]].map(([k, v]) =>
          h("div", { class: "stat" }, h("dt", {}, k), h("dd", {}, String(v))))),
      a.country && a.country !== a.code ? h("p", {}, link(["actor", a.country], {}, `All of ${a.country} →`)) : null),
    section("Over time", { id: "actor-time", testid: "actor-time" },
      h("p", { class: "hint" }, "Statements (amber asserts, red denies) and events coloured by type; click a dot to open it."),
      timeline(lanes.map(([name, items], i) => [`${name}`, items, LANES[i][1]]))),
    h("div", { class: "grid-2" },
      h("div", {},
        section(`What it said (${said.length})`, { id: "actor-said", testid: "actor-statements" },
          said.length ? h("ol", { class: "rows" }, said.map(statementRow)) : empty("No statements by this actor.")),
        section(`What it did (${did.length})`, { id: "actor-did", testid: "actor-events" },
          did.length ? h("ol", { class: "rows" }, did.map((ev) => eventRow(ev, a.code))) : empty("No events with this actor as doer."))),
      h("div", {},
        section("To whom", { id: "actor-counterparts" }, counterparts(a.counterparts)),
        section(`Done to it (${got.length})`, { id: "actor-got", testid: "actor-received" },
          got.length ? h("ol", { class: "rows" }, got.map((ev) => eventRow(ev, a.code))) : empty("No events with this actor as recipient.")),
        h("p", { class: "hint" }, plural(said.length + did.length + got.length, "item"), " in total."))));
}
