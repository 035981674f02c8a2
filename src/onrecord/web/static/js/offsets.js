// Record offsets are Python code points; JS strings index UTF-16 code units. Astral characters
// (emoji, some CJK) take two units, so every offset is converted before slicing.

/** A function mapping a code-point offset to a UTF-16 index in `text`. */
export function codePointIndex(text) {
  const units = [];
  let i = 0;
  while (i < text.length) {
    units.push(i);
    const cp = text.codePointAt(i);
    i += cp > 0xffff ? 2 : 1;
  }
  units.push(text.length);
  return (offset) => (offset >= 0 && offset < units.length ? units[offset] : null);
}

/** Convert a record span to UTF-16 bounds; null when it does not index `text` exactly. */
export function toUnits(text, toIndex, span) {
  if (!span || typeof span.start !== "number" || typeof span.end !== "number") return null;
  const start = toIndex(span.start);
  const end = toIndex(span.end);
  if (start === null || end === null || end < start) return null;
  if (typeof span.text === "string" && text.slice(start, end) !== span.text) return null;
  return { start, end };
}

/**
 * Cut `text` at every mark boundary. Each piece lists the marks covering it, so overlapping
 * highlights (a cue inside a statement inside another statement's content) render as flat spans.
 */
export function segment(text, marks) {
  const cuts = new Set([0, text.length]);
  for (const m of marks) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k];
    const end = points[k + 1];
    if (end <= start) continue;
    const covering = marks.filter((m) => m.start <= start && m.end >= end);
    pieces.push({ start, end, marks: covering });
  }
  return pieces;
}
