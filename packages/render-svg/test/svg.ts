import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import { svgToPixels } from '../src/png.js';
import { type TextBox, textBox } from '../src/text.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['g', 'polygon', 'circle', 'path', 'line', 'text', 'polyline', 'rect', 'stop'].includes(name) });

type Node = Record<string, unknown>;

/** Parses an SVG string with a real XML parser after checking it is well-formed. */
export function parseSvg(svg: string): Node {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid)}`);
  const doc = parser.parse(svg) as Node;
  expect(doc.svg).toBeDefined();
  return doc.svg as Node;
}

/** All <g> elements (recursively) with the given class. */
export function groups(node: Node, cls: string, out: Node[] = []): Node[] {
  for (const g of (node.g as Node[] | undefined) ?? []) {
    if (typeof g.class === 'string' && g.class.split(' ').includes(cls)) out.push(g);
    groups(g, cls, out);
  }
  return out;
}

/** Counts elements of a tag anywhere below node. */
export function count(node: unknown, tag: string): number {
  if (node === null || typeof node !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(node as Node)) {
    if (k === tag && Array.isArray(v)) n += v.length;
    if (Array.isArray(v)) for (const c of v) n += count(c, tag);
    else if (typeof v === 'object') n += count(v, tag);
  }
  return n;
}

/** Parses `points="x,y x,y"` into a flat array. */
export function parsePoints(attr: string): number[] {
  return attr
    .trim()
    .split(/\s+/)
    .flatMap((p) => p.split(',').map(Number));
}

export function hexToRgb(hex: string): [number, number, number] {
  return [Number.parseInt(hex.slice(1, 3), 16), Number.parseInt(hex.slice(3, 5), 16), Number.parseInt(hex.slice(5, 7), 16)];
}

/** Rasterises with resvg and returns a pixel reader. */
export function raster(svg: string): { width: number; height: number; at: (x: number, y: number) => [number, number, number] } {
  const { width, height, pixels } = svgToPixels(svg);
  return {
    width,
    height,
    at: (x, y) => {
      const i = (Math.floor(y) * width + Math.floor(x)) * 4;
      return [pixels[i] as number, pixels[i + 1] as number, pixels[i + 2] as number];
    },
  };
}

/** Point in simple polygon (flat coords), even-odd rule. */
export function inPolygon(p: ArrayLike<number>, x: number, y: number): boolean {
  let inside = false;
  const n = p.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = p[2 * i] as number;
    const yi = p[2 * i + 1] as number;
    const xj = p[2 * j] as number;
    const yj = p[2 * j + 1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from (x, y) to the boundary of a polygon (flat coords). */
export function distanceToBoundary(p: ArrayLike<number>, x: number, y: number): number {
  let best = Number.POSITIVE_INFINITY;
  const n = p.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const ax = p[2 * i] as number;
    const ay = p[2 * i + 1] as number;
    const bx = p[2 * j] as number;
    const by = p[2 * j + 1] as number;
    const dx = bx - ax;
    const dy = by - ay;
    const l2 = dx * dx + dy * dy;
    const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2));
    best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
  }
  return best;
}

/** The first <g> with the given class (fails the test when there is none). */
export function group(node: Node, cls: string): Node {
  const g = groups(node, cls)[0];
  if (!g) throw new Error(`no <g class="${cls}">`);
  return g;
}

const ordered = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false });

export interface PlacedText {
  text: string;
  box: TextBox;
  /** Classes of the enclosing <g> elements, outermost first, and the text's own class. */
  classes: string[];
}

/**
 * Every <text> of an SVG with its estimated box (font size, anchor and weight inherited from the
 * enclosing groups, `dy` in em, `translate(..) rotate(-90)` transforms), for layout checks.
 */
export function textBoxes(svg: string): { viewBox: [number, number, number, number]; texts: PlacedText[] } {
  const doc = ordered.parse(svg) as Array<Record<string, unknown>>;
  const root = doc.find((n) => 'svg' in n) as Record<string, unknown>;
  const rootAttrs = root[':@'] as Record<string, string>;
  const viewBox = rootAttrs.viewBox?.split(/\s+/).map(Number) as [number, number, number, number];
  const texts: PlacedText[] = [];
  type Ctx = { fs: number; anchor: 'start' | 'middle' | 'end'; bold: boolean; classes: string[] };
  const walk = (nodes: Array<Record<string, unknown>>, ctx: Ctx) => {
    for (const n of nodes) {
      const tag = Object.keys(n).find((k) => k !== ':@') as string;
      const a = (n[':@'] ?? {}) as Record<string, string>;
      const c: Ctx = {
        fs: a['font-size'] ? Number(a['font-size']) : ctx.fs,
        anchor: (a['text-anchor'] as Ctx['anchor']) ?? ctx.anchor,
        bold: a['font-weight'] ? a['font-weight'] === 'bold' : ctx.bold,
        classes: a.class ? [...ctx.classes, a.class] : ctx.classes,
      };
      if (tag === 'text') {
        const content = ((n.text as Array<Record<string, unknown>>) ?? []).map((t) => String(t['#text'] ?? '')).join('');
        const text = content.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
        const dy = a.dy ? Number.parseFloat(a.dy) : 0;
        const tr = a.transform ? /translate\(([-\d.]+),([-\d.]+)\)\s*rotate\(-90\)/.exec(a.transform) : null;
        if (a.transform && !tr) throw new Error(`unsupported transform ${a.transform}`);
        if (tr) {
          // rotated by -90° about the anchor: the text runs upwards, its ascent points left
          const b = textBox(text, 0, 0, { anchor: c.anchor, dy, fontSize: c.fs, bold: c.bold });
          const X = Number(tr[1]);
          const Y = Number(tr[2]);
          texts.push({ text, classes: c.classes, box: { x0: X + b.y0, x1: X + b.y1, y0: Y - b.x1, y1: Y - b.x0 } });
        } else texts.push({ text, classes: c.classes, box: textBox(text, Number(a.x ?? 0), Number(a.y ?? 0), { anchor: c.anchor, dy, fontSize: c.fs, bold: c.bold }) });
        continue;
      }
      if (tag === 'title' || tag === 'desc' || tag === 'defs') continue;
      const kids = n[tag];
      if (Array.isArray(kids)) walk(kids as Array<Record<string, unknown>>, c);
    }
  };
  walk(root.svg as Array<Record<string, unknown>>, { fs: Number(rootAttrs['font-size'] ?? 12), anchor: 'start', bold: false, classes: [] });
  return { viewBox, texts };
}

/** Fails with the offending labels when a text box leaves the viewBox (by more than `slack` px). */
export function expectTextInside(svg: string, slack = 0.5): PlacedText[] {
  const { viewBox, texts } = textBoxes(svg);
  const [vx, vy, vw, vh] = viewBox;
  const out = texts.filter((t) => t.box.x0 < vx - slack || t.box.y0 < vy - slack || t.box.x1 > vx + vw + slack || t.box.y1 > vy + vh + slack);
  expect(out.map((t) => `${t.text} ${JSON.stringify(t.box)}`)).toEqual([]);
  expect(texts.length).toBeGreaterThan(0);
  return texts;
}

/** True when two boxes overlap by more than `tol` px in both directions. */
export function overlaps(a: TextBox, b: TextBox, tol = 0.5): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > tol && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > tol;
}

/** Pairs of texts (among those matched by `filter`) whose boxes overlap. */
export function overlappingTexts(texts: readonly PlacedText[], filter: (t: PlacedText) => boolean = () => true): string[] {
  const sel = texts.filter(filter);
  const bad: string[] = [];
  for (let i = 0; i < sel.length; i++)
    for (let j = i + 1; j < sel.length; j++) if (overlaps((sel[i] as PlacedText).box, (sel[j] as PlacedText).box)) bad.push(`"${sel[i]?.text}" × "${sel[j]?.text}"`);
  return bad;
}
