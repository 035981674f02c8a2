// DOM builders: every piece of data becomes a text node; no HTML strings are ever parsed.
const SVG_NS = "http://www.w3.org/2000/svg";

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.setAttribute("class", Array.isArray(v) ? v.filter(Boolean).join(" ") : v);
    else if (k === "testid") el.dataset.testid = v;
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  return el;
}

/** An HTML element: h("a", {href: "#/"}, "text", child...). */
export function h(tag, attrs, ...children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

/** An SVG element, same calling convention as h(). */
export function s(tag, attrs, ...children) {
  return append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** Replace an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A hash link into the app; parts are URI-encoded so ids can never break out of the route. */
export function link(parts, attrs, ...children) {
  const [route, query] = Array.isArray(parts) ? [parts, null] : [parts.path, parts.query];
  let href = "#/" + route.map((p) => encodeURIComponent(String(p))).join("/");
  if (query) {
    const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== null && v !== undefined && v !== ""));
    if ([...q].length) href += "?" + q.toString();
  }
  return h("a", { ...attrs, href }, ...children);
}

export const STANCES = ["alleged", "denied", "disputed", "confirmed"];

/** A status or stance badge: colour plus the word, so it never relies on colour alone. */
export function badge(value, attrs = {}) {
  const kind = STANCES.includes(value) ? value : "neutral";
  return h("span", { ...attrs, class: ["badge", `badge-${kind}`, attrs.class] }, value || "unknown");
}

/** A small label chip (event type, polarity, certainty…). */
export function chip(text, cls, attrs = {}) {
  return h("span", { ...attrs, class: ["chip", cls, attrs.class] }, text);
}

export function polarityChip(polarity, certainty) {
  const word = polarity === "-" ? "denies" : "asserts";
  return h("span", { class: ["chip", polarity === "-" ? "chip-neg" : "chip-pos"], title: `polarity ${polarity}, ${certainty}` },
    `${polarity === "-" ? "−" : "+"} ${word}`, certainty && certainty !== "certain" ? ` · ${certainty}` : "");
}

/** The date part of an ISO timestamp, or the partial date as given ("2022-09"). */
export function day(value) {
  if (!value) return "";
  return String(value).slice(0, 10);
}

/** The content of a statement as one string (spans may come as {text} objects or plain strings). */
export function contentText(content) {
  return (content || []).map((c) => (typeof c === "string" ? c : c && c.text) || "").join(" … ");
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many || one + "s"}`;
}

/** A loading placeholder with an accessible status. */
export function loading(label = "Loading") {
  return h("p", { class: "loading", role: "status" }, label + "…");
}

/** An error panel for a failed request or an unknown id. */
export function failure(err) {
  const notFound = err && err.status === 404;
  return h("section", { class: "panel error", role: "alert", testid: "error" },
    h("h1", {}, notFound ? "Not found" : "Something went wrong"),
    h("p", {}, notFound ? "Nothing in the store has this id." : String(err && err.message || err)),
    link([], {}, "Back to the overview"));
}

/** A section with a heading and content, the standard building block of every view. */
export function section(title, attrs, ...children) {
  const id = attrs && attrs.id ? attrs.id : null;
  return h("section", { ...attrs, class: ["panel", attrs && attrs.class], "aria-labelledby": id ? id + "-h" : null },
    h("h2", { id: id ? id + "-h" : null }, title), ...children);
}

export function empty(text) {
  return h("p", { class: "empty" }, text);
}
