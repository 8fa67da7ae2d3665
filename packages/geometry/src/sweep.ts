import { evaluateMlp, InputError } from '@tessera/nn-core';
import { approximateWithTowers } from './approximate.js';
import type { TowerBox2 } from './approximatePieces.js';
import { bumpNet, stepNet } from './towers1d.js';
import { boxTowerNet } from './towersBox.js';

/** Half-width of the band where σ(w t) is between 5 % and 95 %: ln 19 / w. */
export function sigmoidHalfBand(w: number): number {
  return Math.log(19) / w;
}

/** One row of {@link steepnessSweep}. */
export interface SteepnessRow {
  steepness: number;
  /** 2·ln 19 / w: where a sigmoid step is between 5 % and 95 % of its height. */
  bandWidth: number;
  /** The same band measured on the step network by bisection. */
  bandWidthMeasured: number;
  /** Bump on [−1, 1] (height 1): sup |net − 1_[−1,1]| outside the two steps' bands (null: no such point). */
  bumpSupOutsideBands: number | null;
  /** ∫ |bump net − 1_[−1,1]| dx, measured (trapezoid rule). */
  bumpL1Gap: number;
  /** The closed form 2 · 2 ln 2 / w of that integral for non-interacting steps. */
  bumpL1GapTheory: number;
  /** 2-D tower on [−1, 1]² (both layers with steepness w): sup |net − 1_box| outside all bands. */
  towerSupOutsideBands: number | null;
  /**
   * Sigmoid tower net (k × k grid, steepness w) approximating f: grid sup distance to the ideal
   * piecewise-constant tower approximation (heights f(cell centre)) outside the step bands.
   */
  approxGapOutsideBands: number | null;
  /** … its grid sup error over the whole box (failure windows included). */
  approxSupError: number;
  /** … and its RMS error. */
  approxRmse: number;
  /** Hidden units of that net (M = 1). */
  approxNeurons: number;
  /** Copies M of the remedy column (option `copies`, default 4). */
  copies: number;
  /** The same tower approximation with M shifted copies (Nielsen's remedy): grid sup error… */
  approxSupErrorCopies: number;
  /** … RMS error … */
  approxRmseCopies: number;
  /** … and hidden units (what the remedy costs). */
  approxNeuronsCopies: number;
}

export interface SteepnessSweepOptions {
  steepnesses?: readonly number[];
  /** Target for the approximation column (default x1² + x2² + 3). */
  f?: (x: number, y: number) => number;
  /** Its box (default [−2, 2]²). */
  box?: TowerBox2;
  /** Its grid (default 8). */
  grid?: number;
  /** Grid resolution per axis for the 2-D measurements (default 301). */
  resolution?: number;
  /** Copies M for the `…Copies` columns (default 4; see `approximateWithTowers`' `copies`). */
  copies?: number;
}

function bisect(g: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Smooth → discrete: for each steepness w (default 1, 3, 10, 30, 100, 1000), the 5–95 % band of a
 * sigmoid step (theory 2 ln 19 / w, and measured), a bump's and a 2-D tower's sup distance to the
 * ideal piecewise-constant shape outside those bands, the bump's L1 gap (2·2 ln 2/w), and the
 * error of a whole sigmoid tower approximation of f (both layers' gains = w; cells tile the box grown
 * by the margin 5/w), once with one grid and once with `copies` shifted grids (Nielsen's remedy for
 * the failure windows: its sup error falls like sup|f|/M, at about M times the neurons).
 */
export function steepnessSweep(options: SteepnessSweepOptions = {}): SteepnessRow[] {
  const ws = options.steepnesses ?? [1, 3, 10, 30, 100, 1000];
  const f = options.f ?? ((x: number, y: number) => x * x + y * y + 3);
  const box = options.box ?? ([-2, 2, -2, 2] as const);
  const k = options.grid ?? 8;
  const res = options.resolution ?? 301;
  const copies = options.copies ?? 4;
  for (const w of ws)
    if (!(Number.isFinite(w) && w > 0)) throw new InputError(`invalid steepness ${w}: expected a positive number`);
  return ws.map((w) => {
    const half = sigmoidHalfBand(w);
    // measured band of the step network at s = 0
    const step = stepNet(0, { steepness: w });
    const at = (x: number): number => evaluateMlp(step, Float64Array.of(x), 1)[0]!;
    const lo = bisect((x) => at(x) - 0.05, -100 / w, 100 / w);
    const hi = bisect((x) => at(x) - 0.95, -100 / w, 100 / w);
    // bump on [−1, 1], sampled on [−L, L]
    const bump = bumpNet(-1, 1, { steepness: w });
    const L = 1 + Math.max(40 / w, 3);
    const n = 50001;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = -L + (2 * L * i) / (n - 1);
    const yb = evaluateMlp(bump, xs, n);
    let bumpSup: number | null = null;
    let l1 = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const ideal = x >= -1 && x <= 1 ? 1 : 0;
      const e = Math.abs(yb[i]! - ideal);
      if (i > 0) l1 += ((e + Math.abs(yb[i - 1]! - (xs[i - 1]! >= -1 && xs[i - 1]! <= 1 ? 1 : 0))) / 2) * (x - xs[i - 1]!);
      if (Math.abs(x + 1) > half && Math.abs(x - 1) > half) bumpSup = Math.max(bumpSup ?? 0, e);
    }
    // 2-D tower on [−1, 1]², domain [−3, 3]²
    const tower = boxTowerNet([-1, 1, -1, 1], { steepness: w, gain: w });
    const pts = new Float64Array(2 * res * res);
    for (let i = 0; i < res; i++)
      for (let j = 0; j < res; j++) {
        pts[2 * (i * res + j)] = -3 + (6 * i) / (res - 1);
        pts[2 * (i * res + j) + 1] = -3 + (6 * j) / (res - 1);
      }
    const yt = evaluateMlp(tower, pts, res * res);
    let towerSup: number | null = null;
    for (let p = 0; p < res * res; p++) {
      const x = pts[2 * p]!;
      const y = pts[2 * p + 1]!;
      if (Math.abs(Math.abs(x) - 1) <= half || Math.abs(Math.abs(y) - 1) <= half) continue;
      const ideal = Math.abs(x) < 1 && Math.abs(y) < 1 ? 1 : 0;
      towerSup = Math.max(towerSup ?? 0, Math.abs(yt[p]! - ideal));
    }
    // whole tower approximation of f
    const a = approximateWithTowers(f, box, { grid: k, kind: 'sigmoid', steepness: w, gain: w, gridResolution: res });
    const ac = approximateWithTowers(f, box, { grid: k, kind: 'sigmoid', steepness: w, gain: w, gridResolution: res, copies });
    // the cells tile the box grown by the margin 5/w
    const [tx0, tx1, ty0, ty1] = a.tiled;
    const dx = (tx1 - tx0) / k;
    const dy = (ty1 - ty0) / k;
    const pa = new Float64Array(2 * res * res);
    for (let i = 0; i < res; i++)
      for (let j = 0; j < res; j++) {
        pa[2 * (i * res + j)] = box[0] + ((box[1] - box[0]) * i) / (res - 1);
        pa[2 * (i * res + j) + 1] = box[2] + ((box[3] - box[2]) * j) / (res - 1);
      }
    const ya = evaluateMlp(a.mlp, pa, res * res);
    let approxGap: number | null = null;
    for (let p = 0; p < res * res; p++) {
      const x = pa[2 * p]!;
      const y = pa[2 * p + 1]!;
      const fx = ((x - tx0) / dx) % 1;
      const fy = ((y - ty0) / dy) % 1;
      const nearX = Math.min(fx, 1 - fx) * dx <= half;
      const nearY = Math.min(fy, 1 - fy) * dy <= half;
      if (nearX || nearY) continue;
      const ci = Math.min(k - 1, Math.floor((x - tx0) / dx));
      const cj = Math.min(k - 1, Math.floor((y - ty0) / dy));
      const cx = Math.min(box[1], Math.max(box[0], tx0 + (ci + 0.5) * dx));
      const cy = Math.min(box[3], Math.max(box[2], ty0 + (cj + 0.5) * dy));
      const ideal = f(cx, cy);
      approxGap = Math.max(approxGap ?? 0, Math.abs(ya[p]! - ideal));
    }
    return {
      steepness: w,
      bandWidth: 2 * half,
      bandWidthMeasured: hi - lo,
      bumpSupOutsideBands: bumpSup,
      bumpL1Gap: l1,
      bumpL1GapTheory: (4 * Math.LN2) / w,
      towerSupOutsideBands: towerSup,
      approxGapOutsideBands: approxGap,
      approxSupError: a.supError,
      approxRmse: a.rmse,
      approxNeurons: a.neurons,
      copies,
      approxSupErrorCopies: ac.supError,
      approxRmseCopies: ac.rmse,
      approxNeuronsCopies: ac.neurons,
    };
  });
}

/**
 * The error of the ideal (exact-step) piecewise-constant k × k tower approximation of f, heights
 * f(cell centre): max and RMS over the box of |f − f(centre)|, sampling each cell on a 41 × 41
 * grid (sup) and its 40 × 40 sub-cell centres (RMS). The limit of the sigmoid towers as w → ∞,
 * outside the failure windows.
 */
export function idealTowerError(
  f: (x: number, y: number) => number,
  box: TowerBox2,
  k: number,
): { supError: number; rmse: number } {
  const dx = (box[1] - box[0]) / k;
  const dy = (box[3] - box[2]) / k;
  let m = 0;
  let sq = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const c = f(box[0] + (i + 0.5) * dx, box[2] + (j + 0.5) * dy);
      for (let a = 0; a <= 40; a++)
        for (let b = 0; b <= 40; b++) {
          m = Math.max(m, Math.abs(f(box[0] + (i + a / 40) * dx, box[2] + (j + b / 40) * dy) - c));
          if (a < 40 && b < 40) sq += (f(box[0] + (i + (a + 0.5) / 40) * dx, box[2] + (j + (b + 0.5) / 40) * dy) - c) ** 2;
        }
    }
  return { supError: m, rmse: Math.sqrt(sq / (k * k * 1600)) };
}
