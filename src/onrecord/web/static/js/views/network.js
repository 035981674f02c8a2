// Network (#/network?types=&min_count=): who accuses, threatens or supports whom, as an SVG graph.
import { get } from "../api.js";
import { chip, empty, h, link, s, section } from "../dom.js";
import { layout } from "../force.js";

export const PLOVER = ["ACCUSE", "THREATEN", "SUPPORT", "REJECT", "PROTEST", "SANCTION", "COERCE", "ASSAULT", "MOBILIZE",
  "AID", "COOPERATE", "AGREE", "CONSULT", "REQUEST", "CONCEDE", "RETREAT"];
const DEFAULT_TYPES = ["ACCUSE", "THREATEN", "SUPPORT"];
const W = 1000;

function radius(count, max) {
  return 9 + 17 * Math.sqrt(count / Math.max(max, 1));
}

function defs(types) {
  return s("defs", {}, types.map((t) => s("marker", { id: `arrow-${t}`, viewBox: "0 0 10 10", refX: 9, refY: 5,
    markerWidth: 11, markerHeight: 11, markerUnits: "userSpaceOnUse", orient: "auto", class: `arrow type-${t}` },
  s("path", { d: "M0,0 L10,5 L0,10 z" }))));
}

/** Edge path from a to b, bent by `bend` (parallel edges of different types fan out), ending at the node rim. */
function edgePath(a, b, ra, rb, bend) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const d = Math.max(Math.hypot(dx, dy), 1);
  const nx = -dy / d;
  const ny = dx / d;
  const mx = (a.x + b.x) / 2 + nx * bend;
  const my = (a.y + b.y) / 2 + ny * bend;
  const trim = (px, py, qx, qy, r) => {
    const l = Math.max(Math.hypot(qx - px, qy - py), 1);
    return [px + ((qx - px) / l) * r, py + ((qy - py) / l) * r];
  };
  const [sx, sy] = trim(a.x, a.y, mx, my, ra + 2);
  const [ex, ey] = trim(b.x, b.y, mx, my, rb + 4);
  return `M${sx.toFixed(1)},${sy.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
}

function graph(data, types) {
  const nodes = data.nodes || [];
  const edges = (data.edges || []).filter((e) => e.source !== e.target);
  const max = Math.max(1, ...nodes.map((n) => n.count || 1));
  const { pos, height: H } = layout(nodes.map((n) => ({ id: n.id, weight: n.count || 1 })), edges, { width: W });
  const rad = new Map(nodes.map((n) => [n.id, radius(n.count || 1, max)]));
  const maxEdge = Math.max(1, ...edges.map((e) => e.count));
  // Parallel edges (same pair, other types or directions) get increasing bends.
  const pairs = new Map();
  const svg = s("svg", { class: "network", viewBox: `0 0 ${W} ${H}`, role: "group", "aria-label": "Actor network", testid: "network-svg" },
    defs(types));
  const edgeLayer = s("g", { class: "edges" });
  for (const e of edges) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    if (!a || !b) continue;
    const key = [e.source, e.target].sort().join("|");
    const n = pairs.get(key) || 0;
    pairs.set(key, n + 1);
    const sign = e.source < e.target ? 1 : -1;
    const bend = sign * (14 + n * 16);
    const path = s("path", { d: edgePath(a, b, rad.get(e.source), rad.get(e.target), bend), class: `edge type-${e.type}`,
      "marker-end": `url(#arrow-${e.type})`, "stroke-width": (1.4 + 3.2 * Math.sqrt(e.count / maxEdge)).toFixed(2),
      testid: "network-edge" },
    s("title", {}, `${e.source} ${e.type} ${e.target}: ${e.count}`));
    edgeLayer.append(path);
  }
  // Labels go on the side of a node away from its edges, so they never hide an arrowhead.
  const pull = new Map(nodes.map((n) => [n.id, { x: 0, y: 0 }]));
  for (const e of edges) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    if (!a || !b) continue;
    const d = Math.max(Math.hypot(b.x - a.x, b.y - a.y), 1);
    pull.get(e.source).x += (b.x - a.x) / d; pull.get(e.source).y += (b.y - a.y) / d;
    pull.get(e.target).x -= (b.x - a.x) / d; pull.get(e.target).y -= (b.y - a.y) / d;
  }
  const labels = placeLabels(nodes, pos, rad, pull);
  const nodeLayer = s("g", { class: "nodes" });
  for (const n of [...nodes].sort((a, b) => (a.count || 0) - (b.count || 0))) {
    const p = pos.get(n.id);
    if (!p) continue;
    const r = rad.get(n.id);
    nodeLayer.append(s("a", { href: `#/actor/${encodeURIComponent(n.id)}`, class: "node", testid: "network-node",
      "aria-label": `${n.label || n.id}: ${n.count} events`, dataset: { id: n.id } },
    s("title", {}, `${n.label || n.id} · ${n.count} events`),
    s("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1) }),
    ...labels.get(n.id)));
  }
  svg.append(edgeLayer, nodeLayer);
  return svg;
}

/** Candidate label boxes around a node: preferred side first, then the others. */
function labelSlots(p, r, preferAbove, lines) {
  const lineH = 14;
  const w = Math.max(...lines.map((t) => t.length)) * 7 + 6;
  const hgt = lines.length * lineH;
  const below = { x: p.x, y: p.y + r + 15, anchor: "middle", box: [p.x - w / 2, p.y + r + 3, w, hgt] };
  const above = { x: p.x, y: p.y - r - 8 - (lines.length - 1) * lineH, anchor: "middle", box: [p.x - w / 2, p.y - r - 4 - hgt, w, hgt] };
  const right = { x: p.x + r + 6, y: p.y + 4 - ((lines.length - 1) * lineH) / 2, anchor: "start", box: [p.x + r + 4, p.y - hgt / 2, w, hgt] };
  const left = { x: p.x - r - 6, y: right.y, anchor: "end", box: [p.x - r - 4 - w, p.y - hgt / 2, w, hgt] };
  return preferAbove ? [above, below, right, left] : [below, above, right, left];
}

function overlaps(a, b) {
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

/** Labels (code, then name) placed so they avoid each other and the nodes; heavier nodes choose first. */
function placeLabels(nodes, pos, rad, pull) {
  const circles = nodes.filter((n) => pos.has(n.id)).map((n) => {
    const p = pos.get(n.id);
    const r = rad.get(n.id);
    return [p.x - r, p.y - r, 2 * r, 2 * r];
  });
  const taken = [];
  const out = new Map();
  for (const n of [...nodes].sort((a, b) => (b.count || 0) - (a.count || 0))) {
    const p = pos.get(n.id);
    if (!p) continue;
    const lines = n.label && n.label !== n.id ? [n.id, n.label] : [n.id];
    const slots = labelSlots(p, rad.get(n.id), pull.get(n.id).y > 0.3, lines);
    const free = slots.find((sl) => !taken.some((t) => overlaps(t, sl.box)) && !circles.some((c) => overlaps(c, sl.box))) || slots[0];
    taken.push(free.box);
    out.set(n.id, lines.map((t, i) => s("text", { x: free.x.toFixed(1), y: (free.y + i * 14).toFixed(1), "text-anchor": free.anchor,
      class: i ? "node-name" : "node-label" }, t)));
  }
  return out;
}

function controls(types, minCount) {
  const form = h("form", { class: "controls", testid: "network-controls", "aria-label": "Network filters" });
  const boxes = PLOVER.map((t) => h("label", { class: `type-toggle type-${t}` },
    h("input", { type: "checkbox", name: "types", value: t, checked: types.includes(t), testid: `type-${t}` }),
    h("span", { class: "swatch", "aria-hidden": "true" }), t.toLowerCase()));
  const min = h("input", { type: "number", name: "min_count", min: 1, value: minCount, class: "num-input", testid: "min-count" });
  form.append(h("fieldset", {}, h("legend", {}, "Event types (edge colour)"), h("div", { class: "type-grid" }, boxes)),
    h("div", { class: "control-row" }, h("label", {}, "Minimum events per edge ", min),
      h("button", { type: "submit", class: "button button-primary" }, "Apply")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    const chosen = fd.getAll("types");
    const q = new URLSearchParams({ types: (chosen.length ? chosen : DEFAULT_TYPES).join(","), min_count: fd.get("min_count") || "1" });
    location.hash = "#/network?" + q.toString();
  });
  return form;
}

function edgeTable(edges) {
  const sorted = [...edges].sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  return h("table", { class: "table", testid: "edge-table" },
    h("caption", { class: "visually-hidden" }, "Edges of the network"),
    h("thead", {}, h("tr", {}, ["From", "Type", "To", "Events"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, sorted.map((e) => h("tr", { "data-nav": "" },
      h("td", {}, link(["actor", e.source], { class: "code", "data-primary": "" }, e.source)),
      h("td", {}, chip(e.type, `chip-type type-${e.type}`)),
      h("td", {}, link(["actor", e.target], { class: "code" }, e.target)),
      h("td", { class: "num" }, String(e.count))))));
}

export async function renderNetwork(view, ctx) {
  ctx.setTitle("Network");
  const asked = (ctx.query.types || "").split(",").map((t) => t.trim().toUpperCase()).filter((t) => PLOVER.includes(t));
  const types = asked.length ? asked : DEFAULT_TYPES;
  const minCount = Math.max(1, parseInt(ctx.query.min_count || "1", 10) || 1);
  const data = await get("network", { types: types.join(","), min_count: minCount });
  const edges = data.edges || [];
  const present = PLOVER.filter((t) => edges.some((e) => e.type === t));
  view.append(
    h("header", { class: "page-head" },
      h("p", { class: "eyebrow" }, "Network"),
      h("h1", {}, "Who does what to whom"),
      h("p", { class: "lede" }, `${(data.nodes || []).length} actors, ${edges.length} edges. Arrows point from actor to recipient; `,
        "click an actor to open it.")),
    h("div", { class: "network-layout" },
      section("Map", { id: "network-map", class: "network-panel", testid: "network" },
        edges.length ? graph(data, types) : empty("No events of these types between coded actors."),
        h("ul", { class: "legend", "aria-label": "Edge colours", testid: "network-legend" },
          (present.length ? present : types).map((t) => h("li", { class: `type-${t}` }, h("span", { class: "swatch", "aria-hidden": "true" }), t)))),
      h("div", {},
        section("Filters", { id: "network-filters" }, controls(types, minCount)),
        section("Edges", { id: "network-edges" }, edges.length ? edgeTable(edges) : empty("No edges.")))));
}
