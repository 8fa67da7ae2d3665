import { InputError, type Mlp } from '@tessera/nn-core';

/** An axis-aligned 2-D box `[xmin, xmax, ymin, ymax]`. */
export type TowerBox2 = readonly [number, number, number, number];

/**
 * One activation region of a 2-input ReLU/linear network inside a box: a convex polygon
 * (`coords` = [x0, y0, x1, y1, …], counter-clockwise) on which the output is
 * `gradX·x + gradY·y + offset`, and its activation pattern ('0'/'1' per hidden unit).
 */
export interface TowerPiece {
  coords: Float64Array;
  gradX: number;
  gradY: number;
  offset: number;
  pattern: string;
}

interface Work {
  poly: number[];
  ax: Float64Array;
  ay: Float64Array;
  c: Float64Array;
  pattern: string;
}

/** Signed area of a flat polygon (positive when counter-clockwise). */
export function towerPolygonArea(coords: ArrayLike<number>): number {
  const n = coords.length / 2;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    s += coords[2 * i]! * coords[2 * j + 1]! - coords[2 * j]! * coords[2 * i + 1]!;
  }
  return s / 2;
}

/**
 * Clips a convex polygon to {gx·x + gy·y + g0 >= 0} (keep = 1) or {… <= 0} (keep = −1).
 * Returns null when nothing with positive area is left.
 */
export function towerClipPolygon(poly: number[], gx: number, gy: number, g0: number, keep: 1 | -1): number[] | null {
  const n = poly.length / 2;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const xi = poly[2 * i]!;
    const yi = poly[2 * i + 1]!;
    const xj = poly[2 * j]!;
    const yj = poly[2 * j + 1]!;
    const vi = keep * (gx * xi + gy * yi + g0);
    const vj = keep * (gx * xj + gy * yj + g0);
    if (vi >= 0) out.push(xi, yi);
    if ((vi > 0 && vj < 0) || (vi < 0 && vj > 0)) {
      const t = vi / (vi - vj);
      out.push(xi + t * (xj - xi), yi + t * (yj - yi));
    }
  }
  return dedupe(out);
}

/** Drops consecutive (near-)duplicate vertices that clipping through a vertex produces. */
function dedupe(poly: number[]): number[] | null {
  let scale = 0;
  for (const v of poly) scale = Math.max(scale, Math.abs(v));
  const eps = 1e-12 * (scale || 1);
  const out: number[] = [];
  for (let i = 0; i < poly.length; i += 2) {
    const n = out.length;
    if (n >= 2 && Math.abs(out[n - 2]! - poly[i]!) <= eps && Math.abs(out[n - 1]! - poly[i + 1]!) <= eps) continue;
    out.push(poly[i]!, poly[i + 1]!);
  }
  while (
    out.length >= 4 &&
    Math.abs(out[0]! - out[out.length - 2]!) <= eps &&
    Math.abs(out[1]! - out[out.length - 1]!) <= eps
  )
    out.length -= 2;
  return out.length >= 6 ? out : null;
}

/**
 * Splits `box` into the activation regions of a 2-input network whose hidden layers are `relu`
 * or `linear` and whose output is linear (one output), tracking each region's affine output map.
 * A unit whose pre-activation is within a relative 1e-10 of 0 on a whole polygon counts as
 * inactive there and does not split it; pieces thinner than 1e-13 of the box area are dropped.
 * This is a small independent splitter used to certify approximation errors; the package's
 * region enumerator is the general tool.
 */
export function towerPieces(mlp: Mlp, box: TowerBox2): TowerPiece[] {
  if (mlp.inputDim !== 2 || mlp.outputDim !== 1)
    throw new InputError(`towerPieces needs a 2-input, 1-output network, got ${mlp.inputDim} → ${mlp.outputDim}`);
  for (const layer of mlp.layers)
    if (layer.activation !== 'relu' && layer.activation !== 'linear')
      throw new InputError(`towerPieces handles relu and linear layers only, got "${layer.activation}"`);
  const [x0, x1, y0, y1] = box;
  const boxArea = (x1 - x0) * (y1 - y0);
  const minArea = boxArea * 1e-13;
  let regions: Work[] = [
    {
      poly: [x0, y0, x1, y0, x1, y1, x0, y1],
      ax: Float64Array.of(1, 0),
      ay: Float64Array.of(0, 1),
      c: Float64Array.of(0, 0),
      pattern: '',
    },
  ];
  for (const layer of mlp.layers) {
    const { nIn, rows, weights: w, bias: b } = layer;
    const next: Work[] = [];
    for (const reg of regions) {
      const zx = new Float64Array(rows);
      const zy = new Float64Array(rows);
      const zc = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        let sx = 0;
        let sy = 0;
        let sc = b[r]!;
        for (let i = 0; i < nIn; i++) {
          const wi = w[r * nIn + i]!;
          sx += wi * reg.ax[i]!;
          sy += wi * reg.ay[i]!;
          sc += wi * reg.c[i]!;
        }
        zx[r] = sx;
        zy[r] = sy;
        zc[r] = sc;
      }
      if (layer.activation === 'linear') {
        next.push({ poly: reg.poly, ax: zx, ay: zy, c: zc, pattern: reg.pattern });
        continue;
      }
      let pieces: Array<{ poly: number[]; bits: Uint8Array }> = [{ poly: reg.poly, bits: new Uint8Array(rows) }];
      for (let r = 0; r < rows; r++) {
        const gx = zx[r]!;
        const gy = zy[r]!;
        const g0 = zc[r]!;
        const tol = 1e-10 * (Math.abs(gx) * (x1 - x0) + Math.abs(gy) * (y1 - y0) + Math.abs(g0));
        const split: typeof pieces = [];
        for (const p of pieces) {
          let lo = Number.POSITIVE_INFINITY;
          let hi = Number.NEGATIVE_INFINITY;
          for (let v = 0; v < p.poly.length; v += 2) {
            const z = gx * p.poly[v]! + gy * p.poly[v + 1]! + g0;
            if (z < lo) lo = z;
            if (z > hi) hi = z;
          }
          if (hi <= tol) {
            split.push(p);
          } else if (lo >= -tol) {
            const bits = p.bits.slice();
            bits[r] = 1;
            split.push({ poly: p.poly, bits });
          } else {
            const pos = towerClipPolygon(p.poly, gx, gy, g0, 1);
            const neg = towerClipPolygon(p.poly, gx, gy, g0, -1);
            if (pos && towerPolygonArea(pos) > minArea) {
              const bits = p.bits.slice();
              bits[r] = 1;
              split.push({ poly: pos, bits });
            }
            if (neg && towerPolygonArea(neg) > minArea) split.push({ poly: neg, bits: p.bits });
          }
        }
        pieces = split;
      }
      for (const p of pieces) {
        const ax = new Float64Array(rows);
        const ay = new Float64Array(rows);
        const c = new Float64Array(rows);
        for (let r = 0; r < rows; r++)
          if (p.bits[r]) {
            ax[r] = zx[r]!;
            ay[r] = zy[r]!;
            c[r] = zc[r]!;
          }
        let pattern = reg.pattern;
        for (let r = 0; r < rows; r++) pattern += p.bits[r] ? '1' : '0';
        next.push({ poly: p.poly, ax, ay, c, pattern });
      }
    }
    regions = next;
  }
  return regions.map((r) => ({
    coords: Float64Array.from(r.poly),
    gradX: r.ax[0]!,
    gradY: r.ay[0]!,
    offset: r.c[0]!,
    pattern: r.pattern,
  }));
}

function sharesEdge(a: Float64Array, b: Float64Array, tol: number): boolean {
  const na = a.length / 2;
  const nb = b.length / 2;
  for (let i = 0; i < na; i++) {
    const ax0 = a[2 * i]!;
    const ay0 = a[2 * i + 1]!;
    const ax1 = a[(2 * i + 2) % a.length]!;
    const ay1 = a[(2 * i + 3) % a.length]!;
    const dx = ax1 - ax0;
    const dy = ay1 - ay0;
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) continue;
    for (let j = 0; j < nb; j++) {
      const bx0 = b[2 * j]!;
      const by0 = b[2 * j + 1]!;
      const bx1 = b[(2 * j + 2) % b.length]!;
      const by1 = b[(2 * j + 3) % b.length]!;
      const len = Math.sqrt(len2);
      const d0 = Math.abs(dx * (by0 - ay0) - dy * (bx0 - ax0)) / len;
      const d1 = Math.abs(dx * (by1 - ay1) - dy * (bx1 - ax1)) / len;
      if (d0 > tol || d1 > tol) continue;
      const t0 = ((bx0 - ax0) * dx + (by0 - ay0) * dy) / len2;
      const t1 = ((bx1 - ax0) * dx + (by1 - ay0) * dy) / len2;
      const overlap = Math.min(1, Math.max(t0, t1)) - Math.max(0, Math.min(t0, t1));
      if (overlap * len > tol) return true;
    }
  }
  return false;
}

/**
 * Counts activation regions (the pieces) and linear regions (edge-adjacent pieces with the same
 * affine map, relative tolerance 1e-6, merged) of `towerPieces` output.
 */
export function towerPieceCounts(pieces: readonly TowerPiece[]): { activationRegions: number; linearRegions: number } {
  const n = pieces.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  let scale = 0;
  let extent = 0;
  for (const p of pieces) {
    scale = Math.max(scale, Math.abs(p.gradX), Math.abs(p.gradY), Math.abs(p.offset));
    for (const v of p.coords) extent = Math.max(extent, Math.abs(v));
  }
  const tol = 1e-6 * (scale || 1);
  const geomTol = 1e-9 * (extent || 1);
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      const p = pieces[a]!;
      const q = pieces[b]!;
      if (
        Math.abs(p.gradX - q.gradX) > tol ||
        Math.abs(p.gradY - q.gradY) > tol ||
        Math.abs(p.offset - q.offset) > tol
      )
        continue;
      if (find(a) !== find(b) && sharesEdge(p.coords, q.coords, geomTol)) parent[find(a)] = find(b);
    }
  let roots = 0;
  for (let i = 0; i < n; i++) if (find(i) === i) roots++;
  return { activationRegions: n, linearRegions: roots };
}
