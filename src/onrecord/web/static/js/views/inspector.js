// The detail card of one statement or event: its structure, with links to actors and threads.
import { chip, h, link, polarityChip } from "../dom.js";

function actorRef(rec, actorId, fallbackText) {
  const actor = rec.actorsById.get(actorId);
  if (!actor) return h("span", { class: "muted" }, fallbackText || "unresolved");
  return h("span", { class: "actor-ref" },
    link(["actor", actor.code], { class: "code", title: `${actor.name} (${actor.kind || "actor"})` }, actor.code),
    " ", h("span", {}, actor.name));
}

function parties(rec, ids) {
  if (!ids || !ids.length) return h("span", { class: "muted" }, "—");
  return h("span", { class: "parties" }, ids.map((id, i) => [i ? ", " : "", actorRef(rec, id)]));
}

function field(label, ...value) {
  return [h("dt", {}, label), h("dd", {}, ...value)];
}

export function eventFlags(ev) {
  const flags = ["negated", "hypothetical", "future", "historical"].filter((f) => ev[f]);
  return flags.length ? flags.map((f) => chip(f, "chip-flag")) : [chip("asserted", "chip-plain")];
}

export function eventSummary(rec, ev) {
  return h("span", { class: "event-summary" },
    chip(ev.type, `chip-type type-${ev.type}`), " ", parties(rec, ev.actor), " → ", parties(rec, ev.recipient));
}

function statementCard(rec, st, actions) {
  const threadId = rec.threadOf.get(st.id);
  const ev = st.proposition ? rec.eventsById.get(st.proposition) : null;
  const speakerActor = st.speaker && st.speaker.actor ? rec.actorsById.get(st.speaker.actor) : null;
  return [
    h("header", { class: "card-head" },
      h("span", { class: "eyebrow" }, `Statement ${st.id} · ${st.quote} quote`),
      polarityChip(st.polarity, st.certainty)),
    h("dl", { class: "fields" },
      field("Speaker",
        st.speaker ? h("q", { class: "span-text" }, st.speaker.text) : h("span", { class: "muted" }, "unattributed"),
        speakerActor ? [" → ", link(["actor", speakerActor.code], { class: "code", testid: "inspector-actor-link" },
          speakerActor.code), " ", h("span", { class: "muted" }, speakerActor.name)] : null,
        st.speaker && st.speaker.named === false ? [" ", chip("anonymous source", "chip-flag")] : null),
      field("Cue", h("q", { class: "span-text" }, st.cue.text), " ", h("span", { class: "muted" }, "lemma "),
        h("span", { class: "mono", testid: "inspector-lemma" }, st.cue.lemma)),
      field("Content", h("span", { class: "content-text" }, (st.content || []).map((c) => c.text).join(" … ") || "—")),
      ev ? field("Proposition",
        h("button", { type: "button", class: "linklike", onclick: () => actions.select("event", ev.id) }, ev.id),
        " ", eventSummary(rec, ev), " ", eventFlags(ev)) : null,
      st.date ? field("Date", h("span", { class: "mono" }, st.date)) : null),
    threadId
      ? h("p", { class: "card-foot" }, link(["thread", threadId], { class: "button button-primary", testid: "inspector-thread-link" },
        "Open claim thread →"))
      : h("p", { class: "card-foot muted" }, "Not part of a claim thread."),
  ];
}

function eventCard(rec, ev, actions) {
  const by = ev.attributed_to ? rec.statementsById.get(ev.attributed_to) : null;
  return [
    h("header", { class: "card-head" },
      h("span", { class: "eyebrow" }, `Event ${ev.id}`), chip(ev.type, `chip-type type-${ev.type}`)),
    h("dl", { class: "fields" },
      field("Actor", parties(rec, ev.actor)),
      field("Recipient", parties(rec, ev.recipient)),
      field("Trigger", h("q", { class: "span-text" }, ev.trigger.text)),
      ev.mode || (ev.context && ev.context.length)
        ? field("Mode", ev.mode ? chip(ev.mode, "chip-plain") : null, (ev.context || []).map((c) => chip(c, "chip-plain")))
        : null,
      field("Status", eventFlags(ev)),
      field("Voice", by
        ? [h("span", {}, "claimed in "), h("button", { type: "button", class: "linklike", onclick: () => actions.select("statement", by.id) },
          `${by.id}: ${by.speaker ? by.speaker.text : "?"} ${by.cue.text}`)]
        : h("span", {}, "reported by the article")),
      ev.date ? field("Date", h("span", { class: "mono" }, ev.date.value), " ", h("span", { class: "muted" }, ev.date.precision)) : null,
      typeof ev.score === "number" ? field("Goldstein", h("span", { class: "mono" }, String(ev.score))) : null),
  ];
}

/** Fill the card element with the structure of a statement or an event. */
export function renderCard(card, rec, kind, id, actions) {
  const item = kind === "statement" ? rec.statementsById.get(id) : rec.eventsById.get(id);
  card.replaceChildren();
  if (!item) return false;
  card.append(
    h("button", { type: "button", class: "card-close", "aria-label": "Close detail card", onclick: actions.close }, "×"),
    ...(kind === "statement" ? statementCard(rec, item, actions) : eventCard(rec, item, actions)));
  card.dataset.kind = kind;
  card.dataset.ref = id;
  card.setAttribute("aria-label", `${kind} ${id}`);
  return true;
}

