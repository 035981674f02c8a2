// onrecord web app entry: hash router, global search box and keyboard navigation.
import { failure, fill, loading } from "./js/dom.js";
import { renderActors, renderHome, renderThreads } from "./js/views/home.js";
import { renderArticle } from "./js/views/article.js";
import { renderActor } from "./js/views/actor.js";
import { renderThread } from "./js/views/thread.js";
import { renderNetwork } from "./js/views/network.js";

const ROUTES = [
  [/^$/, "home", renderHome],
  [/^actors$/, "actors", renderActors],
  [/^threads$/, "threads", renderThreads],
  [/^article\/([^/]+)$/, "article", renderArticle],
  [/^actor\/([^/]+)$/, "actor", renderActor],
  [/^thread\/([^/]+)$/, "thread", renderThread],
  [/^network$/, "network", renderNetwork],
];

const main = document.getElementById("main");
const search = document.getElementById("search");
let renderToken = 0;
let current = { name: null, onEscape: null };
let navIndex = -1;
let pendingG = false;

/** Split "#/article/abc?s=s2" into route name, decoded params and the query. */
function parseHash() {
  const raw = location.hash.startsWith("#/") ? location.hash.slice(2) : "";
  const [path, qs] = raw.split("?", 2);
  const query = Object.fromEntries(new URLSearchParams(qs || ""));
  for (const [re, name, view] of ROUTES) {
    const m = path.replace(/\/+$/, "").match(re);
    if (m) return { name, view, params: m.slice(1).map(decodeURIComponent), query };
  }
  return { name: "missing", view: null, params: [], query };
}

async function route() {
  if (location.hash && !location.hash.startsWith("#/")) return; // in-page anchors are not routes
  const token = ++renderToken;
  delete main.dataset.ready;
  const r = parseHash();
  navIndex = -1;
  current = { name: r.name, onEscape: null };
  for (const a of document.querySelectorAll("[data-nav-route]")) {
    if (a.dataset.navRoute === r.name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.body.dataset.route = r.name;
  if (r.name === "home") search.value = r.query.q || "";
  const view = document.createElement("div");
  view.className = `view view-${r.name}`;
  fill(main, loading());
  const ctx = {
    params: r.params,
    query: r.query,
    isCurrent: () => token === renderToken,
    setTitle: (t) => { document.title = t ? `${t} · onrecord` : "onrecord"; },
    onEscape: (fn) => { current.onEscape = fn; },
  };
  try {
    if (!r.view) throw Object.assign(new Error("No such page"), { status: 404 });
    await r.view(view, ctx);
    if (token !== renderToken) return;
    fill(main, view);
  } catch (err) {
    if (token !== renderToken) return;
    console.error(err);
    ctx.setTitle("Error");
    fill(main, failure(err));
  }
  main.dataset.ready = r.name;
  if (!r.query.s && !r.query.e) {
    window.scrollTo(0, 0);
    main.focus({ preventScroll: true });
  }
}

/** The items j/k walk through: visible elements marked data-nav, in document order. */
function navItems() {
  return [...main.querySelectorAll("[data-nav]")].filter((el) => el.offsetParent !== null);
}

function moveNav(step) {
  const items = navItems();
  if (!items.length) return;
  const active = items.findIndex((el) => el.contains(document.activeElement));
  const from = active >= 0 ? active : navIndex;
  navIndex = Math.max(0, Math.min(items.length - 1, from < 0 ? (step > 0 ? 0 : items.length - 1) : from + step));
  for (const el of items) el.classList.remove("nav-current");
  const item = items[navIndex];
  item.classList.add("nav-current");
  const target = item.matches("a, button") ? item : item.querySelector("[data-primary]") || item.querySelector("a, button");
  (target || item).focus();
  item.scrollIntoView({ block: "nearest" });
}

function isTyping(el) {
  return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

function goBack() {
  if (history.length > 1 && location.hash && location.hash !== "#/") history.back();
  else location.hash = "#/";
}

function onKey(e) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const help = document.getElementById("help");
  if (e.key === "Escape") {
    if (help.open) return; // the dialog closes itself
    if (isTyping(document.activeElement)) {
      document.activeElement.blur();
      main.focus({ preventScroll: true });
    } else if (current.onEscape && current.onEscape()) {
      // the view handled it (closed a detail card)
    } else {
      goBack();
    }
    e.preventDefault();
    return;
  }
  if (isTyping(document.activeElement)) return;
  if (pendingG) {
    pendingG = false;
    const dest = { h: "#/", t: "#/threads", a: "#/actors", n: "#/network" }[e.key];
    if (dest) {
      location.hash = dest;
      e.preventDefault();
      return;
    }
  }
  switch (e.key) {
    case "/":
      e.preventDefault();
      search.focus();
      search.select();
      break;
    case "j":
      e.preventDefault();
      moveNav(1);
      break;
    case "k":
      e.preventDefault();
      moveNav(-1);
      break;
    case "g":
      pendingG = true;
      setTimeout(() => { pendingG = false; }, 1200);
      break;
    case "?":
      e.preventDefault();
      help.showModal();
      break;
    default:
  }
}

document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = search.value.trim();
  location.hash = q ? "#/?" + new URLSearchParams({ q }).toString() : "#/";
});
document.getElementById("help-button").addEventListener("click", () => document.getElementById("help").showModal());
document.querySelector(".skip-link").addEventListener("click", (e) => {
  e.preventDefault();
  main.focus();
});
document.addEventListener("keydown", onKey);
window.addEventListener("hashchange", route);
route();
