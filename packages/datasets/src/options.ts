/** Option checking and small helpers shared by the generators (internal: not exported from the index). */
import { createRng, InputError, preview, type Rng } from '@tessera/nn-core';
import type { BaseOptions, Box } from './dataset.js';

/** Resolves `rng ?? createRng(seed ?? 1)`. */
export function resolveRng(options: BaseOptions, rng?: Rng): Rng {
  if (rng) return rng;
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new InputError(`invalid seed: ${preview(seed)} (expected an integer)`);
  return createRng(seed);
}

export function optCount(value: number | undefined, name: string, fallback: number, min = 1): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < min) throw new InputError(`invalid ${name}: ${preview(v)} (expected an integer >= ${min})`);
  return v;
}

export function optNumber(
  value: number | undefined,
  name: string,
  fallback: number,
  check: { min?: number; max?: number; positive?: boolean } = {},
): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`invalid ${name}: ${preview(v)} (expected a finite number)`);
  if (check.positive && !(v > 0)) throw new InputError(`invalid ${name}: ${v} (expected a number > 0)`);
  if (check.min !== undefined && v < check.min) throw new InputError(`invalid ${name}: ${v} (expected a number >= ${check.min})`);
  if (check.max !== undefined && v > check.max) throw new InputError(`invalid ${name}: ${v} (expected a number <= ${check.max})`);
  return v;
}

export function optBox(value: readonly number[] | undefined, fallback: Box, name = 'box'): Box {
  const b = value ?? fallback;
  if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new InputError(`invalid ${name}: ${preview(b)} (expected [xmin, xmax, ymin, ymax], four finite numbers)`);
  const [x0, x1, y0, y1] = b as Box;
  if (!(x0 < x1)) throw new InputError(`invalid ${name}: xmin (${x0}) must be less than xmax (${x1})`);
  if (!(y0 < y1)) throw new InputError(`invalid ${name}: ymin (${y0}) must be less than ymax (${y1})`);
  return [x0, x1, y0, y1];
}

/** Splits n into `parts` near-equal class counts: class c gets floor(n/parts) + (c < n % parts). */
export function evenCounts(n: number, parts: number): number[] {
  const base = Math.floor(n / parts);
  const rest = n % parts;
  return Array.from({ length: parts }, (_, c) => base + (c < rest ? 1 : 0));
}

/**
 * Shuffles rows of (x, y) together in place with the given RNG (Fisher–Yates over row indices),
 * so classes are interleaved in the output.
 */
export function shuffleRows(x: Float64Array, d: number, y: Float64Array, k: number, rng: Rng): void {
  const n = k > 0 ? y.length / k : x.length / d;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    if (i === j) continue;
    for (let c = 0; c < d; c++) {
      const t = x[i * d + c]!;
      x[i * d + c] = x[j * d + c]!;
      x[j * d + c] = t;
    }
    for (let c = 0; c < k; c++) {
      const t = y[i * k + c]!;
      y[i * k + c] = y[j * k + c]!;
      y[j * k + c] = t;
    }
  }
}

