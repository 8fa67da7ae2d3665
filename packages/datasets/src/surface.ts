import { InputError, type Rng, preview } from '@tessera/nn-core';
import type { BaseOptions, Box, Dataset } from './dataset.js';
import { optBox, optCount, optNumber, resolveRng } from './options.js';
import { compileExpression } from './expression.js';
import { grid } from './grid.js';

/** A surface z = f(x, y): an expression string (see `compileExpression`) or a plain function. */
export type SurfaceFunction = string | ((x: number, y: number) => number);

/** The seed experiment's surface, f(x1, x2) = x1² + x2² + 3. */
export const PARABOLOID_EXPRESSION = 'x1^2 + x2^2 + 3';

/** f(x1, x2) = x1² + x2² + 3 as a plain function. */
export function paraboloidFunction(x1: number, x2: number): number {
  return x1 * x1 + x2 * x2 + 3;
}

/** Default box for the surface sets: [-2, 2]². */
export const DEFAULT_SURFACE_BOX: Box = [-2, 2, -2, 2];

export interface SurfaceRegressionOptions extends BaseOptions {
  /** The surface (required for `surface`; `paraboloidRegression` fixes it). */
  f?: SurfaceFunction;
  /** Sampling box (default [-2, 2]²). */
  box?: Box;
  /** Standard deviation of Gaussian noise added to y (default 0). */
  noise?: number;
  /**
   * `'uniform'` (default): n points uniform in the box. `'grid'`: a g × g grid with
   * g = max(2, round(√n)), so the dataset has g² rows (see `grid`).
   */
  sampling?: 'uniform' | 'grid';
}

export interface SurfaceClassificationOptions extends BaseOptions {
  f?: SurfaceFunction;
  /** Box for (x1, x2) (default [-2, 2]²). */
  box?: Box;
  /**
   * Fractions of points on / above / below the surface (default 0.7 / 0.2 / 0.1); non-negative,
   * summing to 1. Counts: on = round(n·on), above = min(n − on, round(n·above)), below = the rest.
   */
  mix?: { on: number; above: number; below: number };
  /** On-surface points satisfy |x3 − f(x1, x2)| ≤ tolerance (default 0: exactly on it). */
  tolerance?: number;
  /** Off-surface points are at least `margin` away vertically (default 0.5; must exceed tolerance). */
  margin?: number;
  /** Off-surface points are at most `margin + spread` away (default 2). */
  spread?: number;
}

/** Turns a SurfaceFunction into a checked (x, y) => number; non-finite values throw, naming the point. */
export function surfaceFunction(f: SurfaceFunction | undefined, name = 'f'): (x: number, y: number) => number {
  if (typeof f === 'string') return compileExpression(f);
  if (typeof f === 'function') {
    return (x, y) => {
      const v = f(x, y);
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new InputError(`${name} is not finite at (x=${x}, y=${y}): got ${preview(v)}`);
      return v;
    };
  }
  throw new InputError(`missing ${name}: give an expression such as "sin(3*x) * y + 2"`);
}

/** Normalises `(options, rng?)` and `(f, options?, rng?)` calls. */
function surfaceArgs<T extends { f?: SurfaceFunction }>(
  first: SurfaceFunction | T,
  second: unknown,
  third: Rng | undefined,
): [T, Rng | undefined] {
  if (typeof first === 'string' || typeof first === 'function')
    return [{ ...((second as object | undefined) ?? {}), f: first } as T, third];
  if (first === null || typeof first !== 'object')
    throw new InputError(`invalid surface options: ${preview(first)} (expected an options object or an expression)`);
  return [first, second as Rng | undefined];
}

function describeF(f: SurfaceFunction | undefined): string {
  return typeof f === 'string' ? f : '<function>';
}

/**
 * Regression on a surface: rows (x1, x2) → y = f(x1, x2) + N(0, noise²), with (x1, x2) uniform in
 * the box (or on a grid, see `sampling`). d = 2, k = 1.
 */
export function surface(options: SurfaceRegressionOptions, rng?: Rng): Dataset;
/** `surface("sin(3*x) * y + 2", { n: 500 })`: the surface first, then the other options. */
export function surface(f: SurfaceFunction, options?: Omit<SurfaceRegressionOptions, 'f'>, rng?: Rng): Dataset;
export function surface(
  first: SurfaceFunction | SurfaceRegressionOptions,
  second?: Omit<SurfaceRegressionOptions, 'f'> | Rng,
  third?: Rng,
): Dataset {
  const [options, rng] = surfaceArgs<SurfaceRegressionOptions>(first, second, third);
  const f = surfaceFunction(options.f);
  const box = optBox(options.box, DEFAULT_SURFACE_BOX);
  const noise = optNumber(options.noise, 'noise', 0, { min: 0 });
  const sampling = options.sampling ?? 'uniform';
  if (sampling !== 'uniform' && sampling !== 'grid')
    throw new InputError(`invalid sampling: ${preview(sampling)} (expected "uniform" or "grid")`);
  let n = optCount(options.n, 'n', 1000);
  const r = resolveRng(options, rng);
  let x: Float64Array;
  let side = 0;
  if (sampling === 'grid') {
    side = Math.max(2, Math.round(Math.sqrt(n)));
    n = side * side;
    x = grid(box, side, side);
  } else {
    x = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      x[2 * i] = r.uniform(box[0], box[1]);
      x[2 * i + 1] = r.uniform(box[2], box[3]);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = f(x[2 * i]!, x[2 * i + 1]!) + (noise > 0 ? r.normal(0, noise) : 0);
  }
  return {
    x,
    y,
    n,
    d: 2,
    k: 1,
    meta: {
      name: 'surface',
      kind: 'regression',
      inputNames: ['x1', 'x2'],
      outputNames: ['y'],
      seed: r.seed,
      params: {
        f: describeF(options.f),
        box,
        noise,
        sampling,
        ...(sampling === 'grid' ? { gridSize: [side, side] } : {}),
      },
    },
  };
}

/**
 * The seed experiment generalised to any surface: rows (x1, x2, x3) with (x1, x2) uniform in the box
 * and label y = 1 for points on the surface (x3 = f(x1, x2) + u, u uniform in [−tolerance,
 * tolerance]), y = 0 for points above (x3 = f + margin + spread·u, u ∈ [0, 1)) or below
 * (x3 = f − margin − spread·u). d = 3, k = 1, binary labels 0/1. The rows are shuffled;
 * `meta.counts` holds `{ on, above, below }`.
 */
export function surfaceClassification(options: SurfaceClassificationOptions, rng?: Rng): Dataset;
/** `surfaceClassification("x*y", { n: 500 })`: the surface first, then the other options. */
export function surfaceClassification(
  f: SurfaceFunction,
  options?: Omit<SurfaceClassificationOptions, 'f'>,
  rng?: Rng,
): Dataset;
export function surfaceClassification(
  first: SurfaceFunction | SurfaceClassificationOptions,
  second?: Omit<SurfaceClassificationOptions, 'f'> | Rng,
  third?: Rng,
): Dataset {
  const [options, rng] = surfaceArgs<SurfaceClassificationOptions>(first, second, third);
  const f = surfaceFunction(options.f);
  const box = optBox(options.box, DEFAULT_SURFACE_BOX);
  const n = optCount(options.n, 'n', 1000);
  const mix = options.mix ?? { on: 0.7, above: 0.2, below: 0.1 };
  for (const key of ['on', 'above', 'below'] as const) optNumber(mix[key], `mix.${key}`, 0, { min: 0, max: 1 });
  const total = mix.on + mix.above + mix.below;
  if (Math.abs(total - 1) > 1e-9)
    throw new InputError(`invalid mix: on + above + below = ${total} (expected fractions summing to 1)`);
  const tolerance = optNumber(options.tolerance, 'tolerance', 0, { min: 0 });
  const margin = optNumber(options.margin, 'margin', 0.5, { positive: true });
  const spread = optNumber(options.spread, 'spread', 2, { min: 0 });
  if (!(margin > tolerance))
    throw new InputError(`invalid margin: ${margin} must exceed the on-surface tolerance ${tolerance}`);
  const r = resolveRng(options, rng);

  const nOn = Math.round(n * mix.on);
  const nAbove = Math.min(n - nOn, Math.round(n * mix.above));
  const nBelow = n - nOn - nAbove;
  // role per row: 0 on, 1 above, 2 below; shuffled so the classes interleave.
  const role = new Uint8Array(n);
  role.fill(1, nOn, nOn + nAbove);
  role.fill(2, nOn + nAbove);
  r.shuffle(role);

  const x = new Float64Array(n * 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = r.uniform(box[0], box[1]);
    const b = r.uniform(box[2], box[3]);
    const z = f(a, b);
    let x3: number;
    const ri = role[i];
    if (ri === 0) {
      x3 = tolerance > 0 ? z + r.uniform(-tolerance, tolerance) : z;
      // Rounding could push |x3 − z| a hair past the tolerance; fall back to the surface itself.
      if (Math.abs(x3 - z) > tolerance) x3 = z;
      y[i] = 1;
    } else {
      const off = margin + spread * r.next();
      x3 = ri === 1 ? z + off : z - off;
      // Guarantee the documented margin in floating point: step away one ulp at a time.
      if (ri === 1) while (x3 - z < margin) x3 = nextUp(x3);
      else while (z - x3 < margin) x3 = -nextUp(-x3);
    }
    x[3 * i] = a;
    x[3 * i + 1] = b;
    x[3 * i + 2] = x3;
  }
  return {
    x,
    y,
    n,
    d: 3,
    k: 1,
    meta: {
      name: 'surface-classification',
      kind: 'classification',
      inputNames: ['x1', 'x2', 'x3'],
      outputNames: ['y'],
      classes: 2,
      labels: 'index',
      seed: r.seed,
      params: { f: describeF(options.f), box, mix: { ...mix }, tolerance, margin, spread },
      counts: { on: nOn, above: nAbove, below: nBelow },
    },
  };
}

const ULP_VIEW = new DataView(new ArrayBuffer(8));

/** The next float64 above a finite v. */
function nextUp(v: number): number {
  if (v === 0) return Number.MIN_VALUE;
  ULP_VIEW.setFloat64(0, v);
  const bits = ULP_VIEW.getBigInt64(0);
  ULP_VIEW.setBigInt64(0, v > 0 ? bits + 1n : bits - 1n);
  return ULP_VIEW.getFloat64(0);
}

/**
 * The seed's experiment: {@link surfaceClassification} for f(x1, x2) = x1² + x2² + 3 on [-2, 2]²
 * with 1000 points, 70 % on the surface (label 1), 20 % above and 10 % below (label 0), off-surface
 * points between 0.5 and 2.5 away vertically. `options.f` is ignored.
 */
export function paraboloid(options: Omit<SurfaceClassificationOptions, 'f'> = {}, rng?: Rng): Dataset {
  const ds = surfaceClassification({ ...options, f: paraboloidFunction }, rng);
  ds.meta.name = 'paraboloid';
  ds.meta.params = { ...ds.meta.params, f: PARABOLOID_EXPRESSION };
  return ds;
}

/** The regression twin: {@link surface} for f(x1, x2) = x1² + x2² + 3. `options.f` is ignored. */
export function paraboloidRegression(options: Omit<SurfaceRegressionOptions, 'f'> = {}, rng?: Rng): Dataset {
  const ds = surface({ ...options, f: paraboloidFunction }, rng);
  ds.meta.name = 'paraboloid-regression';
  ds.meta.params = { ...ds.meta.params, f: PARABOLOID_EXPRESSION };
  return ds;
}
