import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import { svgToPixels } from '../src/png.js';

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
