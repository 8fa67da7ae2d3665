import { InputError, type Rng } from '@tessera/nn-core';
import type { BaseOptions, Box, Dataset } from './dataset.js';
import { evenCounts, optBox, optCount, optNumber, resolveRng, shuffleRows } from './options.js';

/**
 * The classic 2-D classification sets (TensorFlow Playground's four plus moons, checkerboard and
 * multi-class blobs), scaled to fit the default box [-2, 2]².
 *
 * Conventions shared by all of them:
 * - d = 2; binary sets have k = 1 with labels 0/1; class 0 gets ceil(n/2) rows, class 1 floor(n/2)
 *   (in general class c gets floor(n/k) + (c < n mod k) rows).
 * - Rows are shuffled (seeded), so classes interleave.
 * - `noise` (default 0) is the standard deviation of Gaussian noise added to each coordinate after
 *   the label is fixed: the label always describes the noise-free point.
 */
export interface ClassicOptions extends BaseOptions {
  /** Std of Gaussian coordinate noise (default 0). */
  noise?: number;
}

type PointFn = (cls: number, rng: Rng, out: Float64Array, o: number) => void;

function labelledSet(
  name: string,
  options: ClassicOptions,
  rng: Rng | undefined,
  params: Record<string, unknown>,
  point: PointFn,
  classes = 2,
  oneHot = false,
): Dataset {
  const n = optCount(options.n, 'n', 1000);
  const noise = optNumber(options.noise, 'noise', 0, { min: 0 });
  const r = resolveRng(options, rng);
  const counts = evenCounts(n, classes);
  const k = oneHot ? classes : 1;
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n * k);
  let i = 0;
  for (let c = 0; c < classes; c++) {
    for (let j = 0; j < counts[c]!; j++, i++) {
      point(c, r, x, 2 * i);
      if (oneHot) y[i * k + c] = 1;
      else y[i] = c;
    }
  }
  shuffleRows(x, 2, y, k, r);
  if (noise > 0) for (let t = 0; t < x.length; t++) x[t] = x[t]! + r.normal(0, noise);
  const countRecord: Record<string, number> = {};
  counts.forEach((v, c) => {
    countRecord[String(c)] = v;
  });
  return {
    x,
    y,
    n,
    d: 2,
    k,
    meta: {
      name,
      kind: 'classification',
      inputNames: ['x1', 'x2'],
      outputNames: k === 1 ? ['y'] : Array.from({ length: k }, (_, c) => `y${c + 1}`),
      classes,
      labels: oneHot ? 'one-hot' : 'index',
      seed: r.seed,
      params: { ...params, noise },
      counts: countRecord,
    },
  };
}

export interface CircleOptions extends ClassicOptions {
  /** Outer radius R (default 2). */
  radius?: number;
}

/**
 * Disc vs ring (Playground "circle"). Class 1: r = 0.5·R·u, class 0: r = R·(0.7 + 0.3·u), with
 * u ~ U[0, 1) and angle θ ~ U[0, 2π); the point is (r cos θ, r sin θ). So class-1 points satisfy
 * |p| ≤ 0.5R and class-0 points 0.7R ≤ |p| ≤ R.
 */
export function circle(options: CircleOptions = {}, rng?: Rng): Dataset {
  const R = optNumber(options.radius, 'radius', 2, { positive: true });
  return labelledSet('circle', options, rng, { radius: R }, (c, r, out, o) => {
    const rad = c === 1 ? 0.5 * R * r.next() : R * (0.7 + 0.3 * r.next());
    const th = 2 * Math.PI * r.next();
    out[o] = rad * Math.cos(th);
    out[o + 1] = rad * Math.sin(th);
  });
}

export interface XorOptions extends ClassicOptions {
  /** Half-width R: points lie in [-R, R]² (default 2). */
  radius?: number;
  /** Gap to the axes: |x1|, |x2| ≥ padding (default 0.1). */
  padding?: number;
}

/**
 * Exclusive or (Playground "xor"). |x1|, |x2| ~ U[padding, R); class 1 has x1·x2 > 0 (quadrants I
 * and III), class 0 has x1·x2 < 0; the quadrant within a class is a fair coin.
 */
export function xor(options: XorOptions = {}, rng?: Rng): Dataset {
  const R = optNumber(options.radius, 'radius', 2, { positive: true });
  const pad = optNumber(options.padding, 'padding', 0.1, { min: 0 });
  if (!(pad < R)) throw new InputError(`invalid padding: ${pad} must be less than radius ${R}`);
  return labelledSet('xor', options, rng, { radius: R, padding: pad }, (c, r, out, o) => {
    const a = r.uniform(pad, R);
    const b = r.uniform(pad, R);
    const s = r.next() < 0.5 ? 1 : -1;
    out[o] = s * a;
    out[o + 1] = (c === 1 ? s : -s) * b;
  });
}

export interface GaussiansOptions extends ClassicOptions {
  /** Centres at ±(center, center) (default 1). */
  center?: number;
  /** Standard deviation of each Gaussian, per coordinate (default 0.5). */
  std?: number;
}

/**
 * Two Gaussians (Playground "gauss"): class 1 ~ N((c, c), s²I), class 0 ~ N((−c, −c), s²I).
 */
export function gaussians(options: GaussiansOptions = {}, rng?: Rng): Dataset {
  const c0 = optNumber(options.center, 'center', 1);
  const s = optNumber(options.std, 'std', 0.5, { positive: true });
  return labelledSet('gaussians', options, rng, { center: c0, std: s }, (c, r, out, o) => {
    const m = c === 1 ? c0 : -c0;
    out[o] = r.normal(m, s);
    out[o + 1] = r.normal(m, s);
  });
}

export interface SpiralsOptions extends ClassicOptions {
  /** Outer radius R (default 2). */
  radius?: number;
  /** Number of turns (default 1.75, as in the Playground). */
  turns?: number;
}

/**
 * Two interleaved spirals (Playground "spiral"). With u ~ U[0, 1): r = R·u, t = 2π·turns·u;
 * class 1 is (r sin t, r cos t), class 0 is the same spiral turned by π: (−r sin t, −r cos t).
 */
export function spirals(options: SpiralsOptions = {}, rng?: Rng): Dataset {
  const R = optNumber(options.radius, 'radius', 2, { positive: true });
  const turns = optNumber(options.turns, 'turns', 1.75, { positive: true });
  return labelledSet('spirals', options, rng, { radius: R, turns }, (c, r, out, o) => {
    const u = r.next();
    const rad = R * u;
    const t = 2 * Math.PI * turns * u;
    const sgn = c === 1 ? 1 : -1;
    out[o] = sgn * rad * Math.sin(t);
    out[o + 1] = sgn * rad * Math.cos(t);
  });
}

/**
 * Two moons (scikit-learn's `make_moons`, centred): with t ~ U[0, π), class 0 is
 * (cos t − 0.5, sin t − 0.25) (the upper moon) and class 1 is (0.5 − cos t, 0.25 − sin t).
 */
export function moons(options: ClassicOptions = {}, rng?: Rng): Dataset {
  return labelledSet('moons', options, rng, {}, (c, r, out, o) => {
    const t = Math.PI * r.next();
    const sgn = c === 0 ? 1 : -1;
    out[o] = sgn * (Math.cos(t) - 0.5);
    out[o + 1] = sgn * (Math.sin(t) - 0.25);
  });
}

export interface CheckerboardOptions extends ClassicOptions {
  /** Box (default [-2, 2]²). */
  box?: Box;
  /** Cells per side (default 4). */
  cells?: number;
}

/**
 * Checkerboard: the box is cut into cells × cells equal cells; cell (i, j) (column i, row j, from
 * the lower-left corner) has label (i + j) mod 2. Each point picks a cell of its class uniformly,
 * then a uniform position inside it.
 */
export function checkerboard(options: CheckerboardOptions = {}, rng?: Rng): Dataset {
  const box = optBox(options.box, [-2, 2, -2, 2]);
  const cells = optCount(options.cells, 'cells', 4, 2);
  const w = (box[1] - box[0]) / cells;
  const h = (box[3] - box[2]) / cells;
  // Cells of class c, listed as (i, j) pairs.
  const byClass: number[][] = [[], []];
  for (let j = 0; j < cells; j++) for (let i = 0; i < cells; i++) byClass[(i + j) % 2]!.push(i, j);
  return labelledSet('checkerboard', options, rng, { box, cells }, (c, r, out, o) => {
    const list = byClass[c]!;
    const p = r.int(list.length / 2);
    const i = list[2 * p]!;
    const j = list[2 * p + 1]!;
    // Clamp so rounding never pushes a point into the neighbouring cell.
    out[o] = Math.min(box[0] + (i + r.next()) * w, box[0] + (i + 1) * w);
    out[o + 1] = Math.min(box[2] + (j + r.next()) * h, box[2] + (j + 1) * h);
  });
}

export interface BlobsOptions extends ClassicOptions {
  /** Number of classes (default 3, at least 2). */
  classes?: number;
  /** Centres on a circle of this radius (default 1.5). */
  radius?: number;
  /** Standard deviation of each blob, per coordinate (default 0.4). */
  std?: number;
  /** Labels as k = classes one-hot columns instead of one class-index column (default false). */
  oneHot?: boolean;
}

/**
 * Multi-class blobs: class c ∈ {0, …, classes−1} ~ N(m_c, std²I) with centre
 * m_c = radius·(cos(π/2 + 2πc/classes), sin(π/2 + 2πc/classes)). Labels are the class index in
 * one column (k = 1) or one-hot (k = classes). Class c gets floor(n/classes) + (c < n mod classes)
 * rows.
 */
export function blobs(options: BlobsOptions = {}, rng?: Rng): Dataset {
  const classes = optCount(options.classes, 'classes', 3, 2);
  const R = optNumber(options.radius, 'radius', 1.5, { min: 0 });
  const s = optNumber(options.std, 'std', 0.4, { positive: true });
  const centers = new Float64Array(classes * 2);
  for (let c = 0; c < classes; c++) {
    const a = Math.PI / 2 + (2 * Math.PI * c) / classes;
    centers[2 * c] = R * Math.cos(a);
    centers[2 * c + 1] = R * Math.sin(a);
  }
  return labelledSet(
    'blobs',
    options,
    rng,
    { classes, radius: R, std: s, centers: Array.from(centers) },
    (c, r, out, o) => {
      out[o] = r.normal(centers[2 * c]!, s);
      out[o + 1] = r.normal(centers[2 * c + 1]!, s);
    },
    classes,
    options.oneHot ?? false,
  );
}
