import { InputError, type Rng, preview } from '@tessera/nn-core';
import type { BaseOptions, Box, Dataset } from './dataset.js';
import { optBox, optCount, optNumber, resolveRng } from './options.js';

export interface PlaneOptions extends BaseOptions {
  /** Box (default [-2, 2]²). */
  box?: Box;
  /** [a, b, c] in y = a·x1 + b·x2 + c (default [0.5, -1, 1]). */
  coefficients?: [number, number, number];
  /** Std of Gaussian noise added to y (default 0). */
  noise?: number;
}

/** A plane: (x1, x2) uniform in the box → y = a·x1 + b·x2 + c + N(0, noise²). d = 2, k = 1. */
export function plane(options: PlaneOptions = {}, rng?: Rng): Dataset {
  const box = optBox(options.box, [-2, 2, -2, 2]);
  const coef = options.coefficients ?? [0.5, -1, 1];
  if (!Array.isArray(coef) || coef.length !== 3 || !coef.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new InputError(`invalid coefficients: ${preview(coef)} (expected [a, b, c], three finite numbers)`);
  const [a, b, c] = coef;
  return regressionSet('plane', options, rng, box, { coefficients: [a, b, c] }, (x1, x2) => a * x1 + b * x2 + c);
}

/** One Gaussian bump: height · exp(−‖p − center‖² / (2 · width²)). */
export interface Bump {
  center: [number, number];
  height: number;
  width: number;
}

/** The default bumps of {@link bumps}. */
export const DEFAULT_BUMPS: readonly Bump[] = Object.freeze([
  { center: [-1, -1], height: 1, width: 0.5 },
  { center: [1, 0.5], height: -0.7, width: 0.7 },
  { center: [0, 1.2], height: 0.5, width: 0.4 },
]) as readonly Bump[];

export interface BumpsOptions extends BaseOptions {
  /** Box (default [-2, 2]²). */
  box?: Box;
  /** The bumps (default {@link DEFAULT_BUMPS}). */
  bumps?: readonly Bump[];
  /** Std of Gaussian noise added to y (default 0). */
  noise?: number;
}

/**
 * A sum of Gaussian bumps: (x1, x2) uniform in the box →
 * y = Σ_j h_j · exp(−((x1 − c_j1)² + (x2 − c_j2)²) / (2 w_j²)) + N(0, noise²). d = 2, k = 1.
 */
export function bumps(options: BumpsOptions = {}, rng?: Rng): Dataset {
  const box = optBox(options.box, [-2, 2, -2, 2]);
  const list = options.bumps ?? DEFAULT_BUMPS;
  if (!Array.isArray(list) || list.length === 0) throw new InputError('invalid bumps: expected a non-empty array');
  const m = list.length;
  const p = new Float64Array(m * 4); // cx, cy, height, 1/(2 w²)
  list.forEach((bump, j) => {
    const ok =
      bump &&
      Array.isArray(bump.center) &&
      bump.center.length === 2 &&
      bump.center.every(Number.isFinite) &&
      Number.isFinite(bump.height) &&
      Number.isFinite(bump.width) &&
      bump.width > 0;
    if (!ok)
      throw new InputError(
        `invalid bumps[${j}]: ${preview(bump)} (expected { center: [x, y], height, width > 0 })`,
      );
    p[4 * j] = bump.center[0];
    p[4 * j + 1] = bump.center[1];
    p[4 * j + 2] = bump.height;
    p[4 * j + 3] = 1 / (2 * bump.width * bump.width);
  });
  const f = (x1: number, x2: number): number => {
    let s = 0;
    for (let j = 0; j < m; j++) {
      const dx = x1 - p[4 * j]!;
      const dy = x2 - p[4 * j + 1]!;
      s += p[4 * j + 2]! * Math.exp(-(dx * dx + dy * dy) * p[4 * j + 3]!);
    }
    return s;
  };
  return regressionSet('bumps', options, rng, box, { bumps: list.map((b) => ({ ...b, center: [...b.center] })) }, f);
}

function regressionSet(
  name: string,
  options: BaseOptions & { noise?: number },
  rng: Rng | undefined,
  box: Box,
  params: Record<string, unknown>,
  f: (x1: number, x2: number) => number,
): Dataset {
  const n = optCount(options.n, 'n', 1000);
  const noise = optNumber(options.noise, 'noise', 0, { min: 0 });
  const r = resolveRng(options, rng);
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = r.uniform(box[0], box[1]);
    const b = r.uniform(box[2], box[3]);
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = f(a, b) + (noise > 0 ? r.normal(0, noise) : 0);
  }
  return {
    x,
    y,
    n,
    d: 2,
    k: 1,
    meta: {
      name,
      kind: 'regression',
      inputNames: ['x1', 'x2'],
      outputNames: ['y'],
      seed: r.seed,
      params: { ...params, box, noise },
    },
  };
}
