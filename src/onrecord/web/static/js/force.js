// A small deterministic force-directed layout: Fruchterman–Reingold per connected component,
// components packed in rows. Same input, same picture, so the map stays stable between visits.

const K = 120; // ideal edge length in layout units (about pixels before fitting)

/** Connected components of the graph, largest first, as arrays of node ids. */
function components(ids, links) {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x) => { while (parent.get(x) !== x) { parent.set(x, parent.get(parent.get(x))); x = parent.get(x); } return x; };
  for (const e of links) parent.set(find(e.source), find(e.target));
  const groups = new Map();
  for (const id of ids) {
    const root = find(id);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root).push(id);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

/** Fruchterman–Reingold on one component; positions centred on 0,0. */
function relax(ids, links, iterations) {
  const pos = new Map();
  ids.forEach((id, i) => {
    const angle = i * 2.399963; // golden angle: a spiral start, no randomness
    const r = K * 0.4 * Math.sqrt(i + 1);
    pos.set(id, { x: Math.cos(angle) * r, y: Math.sin(angle) * r });
  });
  if (ids.length < 2) return pos;
  let temperature = K * 2;
  const cool = temperature / (iterations + 1);
  for (let it = 0; it < iterations; it++) {
    const disp = new Map(ids.map((id) => [id, { x: 0, y: 0 }]));
    for (let i = 0; i < ids.length; i++) {
      const a = pos.get(ids[i]);
      for (let j = i + 1; j < ids.length; j++) {
        const b = pos.get(ids[j]);
        let dx = a.x - b.x;
        let dy = a.y - b.y;
        if (dx * dx + dy * dy < 0.01) { dx = 0.1 * (j - i); dy = 0.1; }
        const d = Math.hypot(dx, dy);
        const f = (K * K) / d;
        const da = disp.get(ids[i]);
        const db = disp.get(ids[j]);
        da.x += (dx / d) * f; da.y += (dy / d) * f;
        db.x -= (dx / d) * f; db.y -= (dy / d) * f;
      }
    }
    for (const e of links) {
      const a = pos.get(e.source);
      const b = pos.get(e.target);
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = (d * d) / K;
      const da = disp.get(e.source);
      const db = disp.get(e.target);
      da.x -= (dx / d) * f; da.y -= (dy / d) * f;
      db.x += (dx / d) * f; db.y += (dy / d) * f;
    }
    for (const id of ids) {
      const p = pos.get(id);
      const v = disp.get(id);
      v.x -= p.x * 0.05; // mild gravity keeps a component round
      v.y -= p.y * 0.05;
      const len = Math.max(Math.hypot(v.x, v.y), 0.01);
      const step = Math.min(len, temperature);
      p.x += (v.x / len) * step;
      p.y += (v.y / len) * step;
    }
    temperature = Math.max(temperature - cool, 0.5);
  }
  return pos;
}

/** Bounding box of positions. */
function bounds(points) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

/** Components left to right in rows no wider than rowWidth; returns [id, {x, y}] pairs. */
function pack(boxes, rowWidth, margin) {
  let x = 0;
  let y = 0;
  let rowH = 0;
  const placed = [];
  for (const c of boxes) {
    if (x > 0 && x + c.w > rowWidth + 0.5) { x = 0; y += rowH; rowH = 0; }
    for (const [id, p] of c.pos) placed.push([id, { x: x + (p.x - c.b.x0) + margin / 2, y: y + (p.y - c.b.y0) + margin / 2 }]);
    x += c.w;
    rowH = Math.max(rowH, c.h);
  }
  return placed;
}

/**
 * Place nodes [{id, weight}] linked by edges [{source, target, count}] in a box `width` wide.
 * The height follows the picture (between minHeight and maxHeight) so edges keep their length.
 * Returns {pos: Map id → {x, y}, height}.
 */
export function layout(nodes, edges, { width, minHeight = 420, maxHeight = 900, iterations = 400, padX = 80, padY = 64, margin = 90 } = {}) {
  const out = new Map();
  if (!nodes.length) return { pos: out, height: minHeight };
  const ids = [...nodes].sort((a, b) => (b.weight - a.weight) || String(a.id).localeCompare(String(b.id))).map((n) => n.id);
  const known = new Set(ids);
  const links = edges.filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target);
  const boxes = components(ids, links).map((group) => {
    const member = new Set(group);
    const pos = relax(group, links.filter((e) => member.has(e.source)), iterations);
    const b = bounds([...pos.values()]);
    return { pos, b, w: b.x1 - b.x0 + margin, h: b.y1 - b.y0 + margin };
  });
  // Shelf packing; the row width that fills a box of the target aspect best wins.
  const aspect = (width - 2 * padX) / (Math.max(minHeight, Math.min(maxHeight, width * 0.62)) - 2 * padY);
  const total = boxes.reduce((sum, c) => sum + c.w, 0);
  const widest = Math.max(...boxes.map((c) => c.w));
  let best = null;
  for (let k = 0; k <= 16; k++) {
    const placed = pack(boxes, widest + ((total - widest) * k) / 16, margin);
    const b = bounds(placed.map(([, p]) => p));
    const bw = Math.max(b.x1 - b.x0, 1);
    const bh = Math.max(b.y1 - b.y0, 1);
    const score = Math.min(1, (bw / bh) / aspect, aspect / (bw / bh));
    if (!best || score > best.score + 1e-9) best = { placed, b, bw, bh, score };
  }
  const { placed, b, bw, bh } = best;
  const scale = Math.min(1.4, (width - 2 * padX) / bw, (maxHeight - 2 * padY) / bh);
  const height = Math.max(minHeight, Math.round(bh * scale + 2 * padY));
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  for (const [id, p] of placed) out.set(id, { x: width / 2 + (p.x - cx) * scale, y: height / 2 + (p.y - cy) * scale });
  return { pos: out, height };
}
