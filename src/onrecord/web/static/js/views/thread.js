// Claim thread (#/thread/{id}): the proposition, its current status, and every stance in order.
import { get, seg } from "../api.js";
import { badge, chip, day, empty, h, link, plural, polarityChip, s, section } from "../dom.js";

const LANES = ["alleged", "denied", "confirmed"];

function sideLinks(codes) {
  if (!codes || !codes.length) return h("span", { class: "muted" }, "unknown");
  return codes.map((c, i) => [i ? " / " : "", link(["actor", c], { class: "code code-lg" }, c)]);
}

/** Stances as a sequence chart: one column per statement, a lane per stance, the status band below. */
function stanceChart(timeline) {
  const n = timeline.length;
  const step = 34;
  const left = 86;
  const width = Math.max(520, left + n * step + 24);
  const laneY = (lane) => 34 + LANES.indexOf(lane) * 30;
  const bandY = 34 + LANES.length * 30 + 6;
  const svg = s("svg", { class: "stance-chart", viewBox: `0 0 ${width} ${bandY + 46}`, width, height: bandY + 46,
    role: "img", "aria-label": `Stances in order: ${timeline.map((m) => m.stance).join(", ")}`, testid: "stance-chart" });
  for (const lane of LANES) {
    svg.append(s("text", { x: 0, y: laneY(lane) + 4, class: `lane-label lane-${lane}` }, lane));
    svg.append(s("line", { x1: left - 10, x2: width - 8, y1: laneY(lane), y2: laneY(lane), class: "lane-line" }));
  }
  svg.append(s("text", { x: 0, y: bandY + 14, class: "lane-label" }, "status"));
  let lastDate = null;
  let lastLabelX = -Infinity;
  timeline.forEach((m, i) => {
    const x = left + i * step + step / 2;
    const date = day(m.date);
    if (date && date !== lastDate && x - lastLabelX > 78) {
      svg.append(s("text", { x: x - step / 2 + 2, y: 12, class: "tick-label" }, date));
      svg.append(s("line", { x1: x - step / 2, x2: x - step / 2, y1: 16, y2: bandY + 22, class: "tick-line" }));
      lastLabelX = x;
    }
    lastDate = date || lastDate;
    const href = `#/article/${encodeURIComponent(m.article_id)}?s=${encodeURIComponent(m.statement_id)}`;
    const label = `${date || "undated"}: ${m.speaker_code || m.speaker_text || "?"} ${m.stance} (${m.cue_lemma})`;
    svg.append(s("a", { href, "aria-label": label },
      s("title", {}, `${label}: ${m.content_text}`),
      s("circle", { cx: x, cy: laneY(m.stance), r: 8, class: `dot stance-${m.stance}` })));
    svg.append(s("rect", { x: x - step / 2, y: bandY, width: step, height: 16, class: `band status-${m.status_after}` }));
    if (i === 0 || timeline[i - 1].status_after !== m.status_after) {
      svg.append(s("text", { x: x - step / 2 + 3, y: bandY + 30, class: `band-label status-${m.status_after}` }, m.status_after));
    }
  });
  return h("div", { class: "chart-scroll" }, svg);
}

function stanceItem(m, i) {
  return h("li", { class: `stance stance-${m.stance}`, "data-nav": "", testid: "thread-stance", dataset: { stance: m.stance } },
    h("div", { class: "stance-marker", "aria-hidden": "true" }, String(i + 1)),
    h("div", { class: "stance-body" },
      h("div", { class: "stance-line" },
        h("span", { class: "mono stance-date" }, m.date || "undated"),
        badge(m.stance, { testid: "stance-badge" }),
        m.speaker_code ? link(["actor", m.speaker_code], { class: "code" }, m.speaker_code) : null,
        h("span", { class: "speaker" }, m.speaker_text || "unattributed"),
        h("span", { class: "cue" }, m.cue_lemma),
        polarityChip(m.polarity, m.certainty)),
      h("blockquote", { class: "stance-content" }, m.content_text),
      h("div", { class: "row-meta" },
        link({ path: ["article", m.article_id], query: { s: m.statement_id } }, { "data-primary": "", testid: "stance-link" },
          m.article_title || m.article_id, " → ", m.statement_id),
        h("span", { class: "status-after" }, "status after: ", h("span", { class: `status-word status-${m.status_after}` }, m.status_after)))));
}

export async function renderThread(view, ctx) {
  const [id] = ctx.params;
  const t = await get("threads/" + seg(id));
  ctx.setTitle(t.label || "Claim thread");
  const timeline = t.timeline || [];
  const counts = Object.fromEntries(LANES.map((l) => [l, timeline.filter((m) => m.stance === l).length]));
  view.append(
    h("header", { class: "page-head thread-head", testid: "thread-head" },
      h("p", { class: "eyebrow" }, "Claim thread", t.family ? ` · ${t.family}` : ""),
      h("h1", { testid: "thread-title" }, t.label || t.id),
      h("div", { class: "status-line" },
        h("span", { class: "muted" }, "Current status"), badge(t.status, { class: "badge-lg", testid: "thread-current-status" }),
        h("span", { class: "dyad" }, sideLinks(t.side_a), h("span", { class: "arrow", "aria-label": "to" }, " → "), sideLinks(t.side_b))),
      h("dl", { class: "meta-grid" },
        h("div", {}, h("dt", {}, "Span"), h("dd", { class: "mono" }, [day(t.first_date), day(t.last_date)].filter(Boolean).join(" – ") || "undated")),
        h("div", {}, h("dt", {}, "Stances"), h("dd", {}, LANES.map((l) => `${counts[l]} ${l}`).join(" · "))),
        h("div", {}, h("dt", {}, "Sources"), h("dd", {}, plural(t.articles ?? 0, "article"), " · ", plural(t.members ?? timeline.length, "statement"))),
        t.keywords && t.keywords.length ? h("div", {}, h("dt", {}, "Keywords"),
          h("dd", { class: "chips" }, t.keywords.filter((k) => !k.startsWith("ctx:")).slice(0, 12).map((k) => chip(k, "chip-plain")))) : null)),
    section("Stances over time", { id: "chart", testid: "thread-chart" },
      h("p", { class: "hint" }, "One column per statement, in date order. Click a dot to read it in its article."),
      timeline.length ? stanceChart(timeline) : empty("No statements.")),
    section("Timeline", { id: "timeline", testid: "thread-timeline" },
      timeline.length ? h("ol", { class: "stances" }, timeline.map(stanceItem)) : empty("No statements.")));
}
