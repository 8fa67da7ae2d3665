import { InputError, ShapeError, createRng, preview, type Rng } from '@tessera/nn-core';

/** Whether the targets are class labels or real values. */
export type DatasetKind = 'classification' | 'regression';

/** An axis-aligned box `[xmin, xmax, ymin, ymax]`. */
export type Box = [number, number, number, number];

/** Plain, JSON-friendly description of where a dataset came from. */
export interface DatasetMeta {
  /** Generator name (`paraboloid`, `circle`, ...) or `csv` / `json` for loaded files. */
  name: string;
  kind: DatasetKind;
  /** Column names of the inputs (length d), e.g. `['x1', 'x2']`. */
  inputNames: string[];
  /** Column names of the targets (length k), e.g. `['y']`. */
  outputNames: string[];
  /**
   * Classification only: the number of classes. Binary sets use one column with labels 0/1;
   * multi-class sets use one column with the class index 0..classes-1, or k = classes one-hot
   * columns when `labels` is `'one-hot'`.
   */
  classes?: number;
  /** Classification only: how labels are stored. */
  labels?: 'index' | 'one-hot';
  /** The seed the generator used. */
  seed?: number;
  /** Generator parameters after defaults were applied (plain JSON values). */
  params?: Record<string, unknown>;
  /** Per-class (or per-part) row counts, when the generator fixes them. */
  counts?: Record<string, number>;
}

/**
 * A dataset: n rows, inputs `x` (n × d, row-major: row i is `x[i*d .. i*d+d-1]`) and targets `y`
 * (n × k, row-major).
 */
export interface Dataset {
  x: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
  k: number;
  meta: DatasetMeta;
}

/** Options every generator accepts. */
export interface BaseOptions {
  /** Number of rows (default 1000 unless a generator says otherwise). */
  n?: number;
  /** Seed for the generator's RNG when no `rng` is passed (default 1). */
  seed?: number;
}

/** Default names `x1..xd`. */
export function inputNames(d: number): string[] {
  return Array.from({ length: d }, (_, i) => `x${i + 1}`);
}

/** Default names: `y` for one output, else `y1..yk`. */
export function outputNames(k: number): string[] {
  return k === 1 ? ['y'] : Array.from({ length: k }, (_, i) => `y${i + 1}`);
}

/** Checks shapes and finiteness and returns the dataset; throws ShapeError/InputError otherwise. */
export function checkDataset(ds: Dataset): Dataset {
  const { x, y, n, d, k } = ds;
  if (!Number.isInteger(n) || n < 0) throw new ShapeError(`invalid dataset: n = ${preview(n)} (expected an integer >= 0)`);
  if (!Number.isInteger(d) || d < 1) throw new ShapeError(`invalid dataset: d = ${preview(d)} (expected an integer >= 1)`);
  if (!Number.isInteger(k) || k < 0) throw new ShapeError(`invalid dataset: k = ${preview(k)} (expected an integer >= 0)`);
  if (!(x instanceof Float64Array) || x.length !== n * d)
    throw new ShapeError(`invalid dataset: x must be a Float64Array of length n*d = ${n * d}, got ${x?.length}`);
  if (!(y instanceof Float64Array) || y.length !== n * k)
    throw new ShapeError(`invalid dataset: y must be a Float64Array of length n*k = ${n * k}, got ${y?.length}`);
  for (let i = 0; i < x.length; i++)
    if (!Number.isFinite(x[i]!))
      throw new InputError(`invalid dataset: x[${Math.floor(i / d)}][${i % d}] is ${x[i]} (expected a finite number)`);
  for (let i = 0; i < y.length; i++)
    if (!Number.isFinite(y[i]!))
      throw new InputError(`invalid dataset: y[${Math.floor(i / k)}][${i % k}] is ${y[i]} (expected a finite number)`);
  return ds;
}

// ---- option helpers shared by the generators -------------------------------------------------

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

/** Class index per row: the label itself for one label column, the argmax for one-hot columns. */
export function classIndices(ds: Dataset): Int32Array {
  const { n, k, y } = ds;
  const out = new Int32Array(n);
  if (k === 0) return out;
  if (k === 1) {
    for (let i = 0; i < n; i++) {
      const v = y[i]!;
      if (!Number.isInteger(v) || v < 0)
        throw new InputError(`row ${i}: label ${v} is not a class index (expected an integer >= 0)`);
      out[i] = v;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (y[i * k + c]! > y[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}
