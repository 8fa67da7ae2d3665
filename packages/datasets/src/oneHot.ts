import { InputError } from '@tessera/nn-core';
import type { Dataset } from './dataset.js';

/**
 * One-hot encodes class indices: row i of the result (n × classes, row-major) is 1 at column
 * labels[i] and 0 elsewhere. `classes` defaults to max(labels) + 1. A label that is not an integer
 * in 0..classes−1 throws InputError naming the row.
 */
export function oneHot(labels: ArrayLike<number>, classes?: number): Float64Array {
  const n = labels.length;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0) throw new InputError(`oneHot: row ${i}: label ${c} is not a class index (an integer >= 0)`);
    if (c > max) max = c;
  }
  const k = classes ?? max + 1;
  if (!Number.isSafeInteger(k) || k < 1) throw new InputError(`oneHot: invalid number of classes ${k}`);
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= k)
      throw new InputError(`oneHot: row ${i}: label ${c} is not a class index in 0..${k - 1}`);
    out[i * k + c] = 1;
  }
  return out;
}

/** A classification dataset with one class-index column, re-encoded one-hot (k = classes). */
export function oneHotDataset(ds: Dataset, classes = ds.meta.classes): Dataset {
  if (ds.k !== 1) throw new InputError(`oneHotDataset: expected one label column, found k = ${ds.k}`);
  const y = oneHot(ds.y, classes);
  const k = y.length / Math.max(1, ds.n);
  return {
    ...ds,
    x: ds.x.slice(),
    y,
    k: ds.n === 0 ? (classes ?? 1) : k,
    meta: {
      ...structuredClone(ds.meta),
      labels: 'one-hot',
      classes: ds.n === 0 ? classes : k,
      outputNames: Array.from({ length: ds.n === 0 ? (classes ?? 1) : k }, (_, c) => `y${c + 1}`),
    },
  };
}
