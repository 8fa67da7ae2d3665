/**
 * Test helper: the exact cells of a line arrangement in a box, found by splitting convex polygons
 * one line at a time. This is an independent oracle for the renderers' tests (render-svg itself
 * never computes partitions); it also yields the function f(x) = c + Σ v_k relu(w_k·x + b_k).
 */
import type { Region2D } from '../src/types.js';

export interface Line {
  w: [number, number];
  b: number;
  /** output weight of relu(w·x + b) */
  v: number;
}

function split(poly: number[], l: Line): [number[], number[]] {
  const pos: number[] = [];
  const neg: number[] = [];
  const n = poly.length / 2;
  for (let i = 0; i < n; i++) {
    const ax = poly[2 * i] as number;
    const ay = poly[2 * i + 1] as number;
    const j = (i + 1) % n;
    const bx = poly[2 * j] as number;
    const by = poly[2 * j + 1] as number;
    const da = l.w[0] * ax + l.w[1] * ay + l.b;
    const db = l.w[0] * bx + l.w[1] * by + l.b;
    if (da >= 0) pos.push(ax, ay);
    if (da <= 0) neg.push(ax, ay);
    if ((da > 0 && db < 0) || (da < 0 && db > 0)) {
      const t = da / (da - db);
      const x = ax + t * (bx - ax);
      const y = ay + t * (by - ay);
      pos.push(x, y);
      neg.push(x, y);
    }
  }
  return [pos, neg];
}

function area(p: number[]): number {
  let s = 0;
  const n = p.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    s += (p[2 * i] as number) * (p[2 * j + 1] as number) - (p[2 * j] as number) * (p[2 * i + 1] as number);
  }
  return s / 2;
}

export function arrangement(lines: Line[], box: [number, number, number, number], c = 0): { regions: Region2D[]; neighbors: number[][] } {
  const [x0, x1, y0, y1] = box;
  let cells: Array<{ poly: number[]; bits: number[] }> = [{ poly: [x0, y0, x1, y0, x1, y1, x0, y1], bits: [] }];
  for (const l of lines) {
    const next: typeof cells = [];
    for (const cell of cells) {
      const [p, q] = split(cell.poly, l);
      if (p.length >= 6 && area(p) > 1e-12) next.push({ poly: p, bits: [...cell.bits, 1] });
      if (q.length >= 6 && area(q) > 1e-12) next.push({ poly: q, bits: [...cell.bits, 0] });
    }
    cells = next;
  }
  const regions: Region2D[] = cells.map((cell) => {
    let a0 = 0;
    let a1 = 0;
    let cc = c;
    lines.forEach((l, k) => {
      if (cell.bits[k]) {
        a0 += l.v * l.w[0];
        a1 += l.v * l.w[1];
        cc += l.v * l.b;
      }
    });
    // interior point: centroid of the polygon (convex)
    let sx = 0;
    let sy = 0;
    const n = cell.poly.length / 2;
    for (let i = 0; i < n; i++) {
      sx += cell.poly[2 * i] as number;
      sy += cell.poly[2 * i + 1] as number;
    }
    return { vertices: cell.poly, affine: { a: [a0, a1], c: cc }, pattern: cell.bits.join(''), interior: [sx / n, sy / n] as const };
  });
  // neighbours differ in exactly one line's side (the two halves of one cell of the other lines)
  const index = new Map<string, number>();
  const keys = cells.map((c) => c.bits.join(''));
  for (let i = 0; i < keys.length; i++) index.set(keys[i] as string, i);
  const neighbors: number[][] = cells.map(() => []);
  keys.forEach((k, i) => {
    for (let l = 0; l < k.length; l++) {
      const j = index.get(k.slice(0, l) + (k[l] === '1' ? '0' : '1') + k.slice(l + 1));
      if (j !== undefined) (neighbors[i] as number[]).push(j);
    }
  });
  return { regions, neighbors };
}

/** The segment of a line inside the box, as flat [x0, y0, x1, y1] (or null when it misses). */
export function clipLine(l: Line, box: [number, number, number, number]): number[] | null {
  const [x0, x1, y0, y1] = box;
  const pts: number[] = [];
  const push = (x: number, y: number) => {
    if (x >= x0 - 1e-12 && x <= x1 + 1e-12 && y >= y0 - 1e-12 && y <= y1 + 1e-12) pts.push(x, y);
  };
  const [a, b] = l.w;
  if (b !== 0) {
    push(x0, -(a * x0 + l.b) / b);
    push(x1, -(a * x1 + l.b) / b);
  }
  if (a !== 0) {
    push(-(b * y0 + l.b) / a, y0);
    push(-(b * y1 + l.b) / a, y1);
  }
  if (pts.length < 4) return null;
  return pts.slice(0, 4);
}

/** Lines from a tiny seeded generator (mulberry32), so tests need no @tessera import. */
export function randomLines(n: number, seed: number): Line[] {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => {
    const th = rnd() * Math.PI * 2;
    return { w: [Math.cos(th), Math.sin(th)] as [number, number], b: (rnd() - 0.5) * 1.2, v: (rnd() - 0.3) * 2 };
  });
}
