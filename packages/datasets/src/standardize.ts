import { InputError, ShapeError } from '@tessera/nn-core';
import type { Dataset } from './dataset.js';

/** Per-column mean and standard deviation of an n × d row-major matrix. */
export interface Standardizer {
  d: number;
  mean: Float64Array;
  /** Population standard deviation; a constant column gets 1 so it maps to 0 instead of NaN. */
  std: Float64Array;
}

/** Fits a standardizer to the rows of `x` (n × d, row-major; n ≥ 1). Two-pass mean and variance. */
export function fitStandardizer(x: Float64Array, d: number): Standardizer {
  if (!Number.isInteger(d) || d < 1) throw new InputError(`fitStandardizer: invalid d = ${d}`);
  if (x.length % d !== 0) throw new ShapeError(`fitStandardizer: length ${x.length} is not a multiple of d = ${d}`);
  const n = x.length / d;
  if (n < 1) throw new InputError('fitStandardizer: needs at least one row');
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] = mean[c]! + x[i * d + c]!;
  for (let c = 0; c < d; c++) mean[c] = mean[c]! / n;
  for (let i = 0; i < n; i++)
    for (let c = 0; c < d; c++) {
      const t = x[i * d + c]! - mean[c]!;
      std[c] = std[c]! + t * t;
    }
  for (let c = 0; c < d; c++) {
    const s = Math.sqrt(std[c]! / n);
    std[c] = s > 0 ? s : 1;
  }
  return { d, mean, std };
}

function check(s: Standardizer, x: Float64Array, out: Float64Array | undefined, who: string): Float64Array {
  if (x.length % s.d !== 0) throw new ShapeError(`${who}: length ${x.length} is not a multiple of d = ${s.d}`);
  const o = out ?? new Float64Array(x.length);
  if (o.length !== x.length) throw new ShapeError(`${who}: out has length ${o.length}, expected ${x.length}`);
  return o;
}

/** z = (x − mean) / std per column; writes into `out` (may be `x` itself) or a new array. */
export function applyStandardizer(s: Standardizer, x: Float64Array, out?: Float64Array): Float64Array {
  const o = check(s, x, out, 'applyStandardizer');
  const { d, mean, std } = s;
  for (let i = 0; i < x.length; i += d) for (let c = 0; c < d; c++) o[i + c] = (x[i + c]! - mean[c]!) / std[c]!;
  return o;
}

/** The inverse: x = z · std + mean per column (e.g. to draw in the original units). */
export function invertStandardizer(s: Standardizer, z: Float64Array, out?: Float64Array): Float64Array {
  const o = check(s, z, out, 'invertStandardizer');
  const { d, mean, std } = s;
  for (let i = 0; i < z.length; i += d) for (let c = 0; c < d; c++) o[i + c] = z[i + c]! * std[c]! + mean[c]!;
  return o;
}

/**
 * Standardizes a dataset's inputs: fits on `ds` unless a standardizer (fitted on the training set)
 * is given — fit on train, then pass `scaler` for the test set. Targets are left alone.
 */
export function standardize(ds: Dataset, scaler?: Standardizer): { dataset: Dataset; scaler: Standardizer } {
  const s = scaler ?? fitStandardizer(ds.x, ds.d);
  if (s.d !== ds.d) throw new ShapeError(`standardize: the standardizer has d = ${s.d}, the dataset d = ${ds.d}`);
  return { dataset: { ...ds, x: applyStandardizer(s, ds.x), y: ds.y.slice(), meta: structuredClone(ds.meta) }, scaler: s };
}
