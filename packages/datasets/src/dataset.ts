import { InputError, ShapeError, preview } from '@tessera/nn-core';

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
