import { InputError, type Rng } from '@tessera/nn-core';
import { type Dataset, classIndices } from './dataset.js';
import { optNumber, resolveRng } from './options.js';

export interface SplitOptions {
  /** Fraction of rows in the test set, in [0, 1] (default 0.2). */
  testFraction?: number;
  /** Seed when no rng is passed (default 1). */
  seed?: number;
  /**
   * Split each class separately so train and test keep the class proportions (default: true for
   * classification datasets, false for regression).
   */
  stratify?: boolean;
}

/** Rows of `ds` picked by `rows` (in that order), with the same meta minus the fixed counts. */
export function takeRows(ds: Dataset, rows: ArrayLike<number>): Dataset {
  const { d, k } = ds;
  const m = rows.length;
  const x = new Float64Array(m * d);
  const y = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    const r = rows[i]!;
    if (!(r >= 0 && r < ds.n && Number.isInteger(r))) throw new InputError(`takeRows: row ${r} is out of range 0..${ds.n - 1}`);
    x.set(ds.x.subarray(r * d, r * d + d), i * d);
    y.set(ds.y.subarray(r * k, r * k + k), i * k);
  }
  const { counts: _counts, ...meta } = ds.meta;
  return { x, y, n: m, d, k, meta: structuredClone(meta) };
}

/**
 * Seeded train/test split. The test set holds round(n · testFraction) rows — per class when
 * stratified (round(n_c · testFraction) of each class c) — chosen by a seeded shuffle; both parts
 * keep the original row order. Every row lands in exactly one part.
 */
export function trainTestSplit(ds: Dataset, options: SplitOptions = {}, rng?: Rng): { train: Dataset; test: Dataset } {
  const frac = optNumber(options.testFraction, 'testFraction', 0.2, { min: 0, max: 1 });
  const r = resolveRng(options, rng);
  const stratify = options.stratify ?? ds.meta.kind === 'classification';
  const isTest = new Uint8Array(ds.n);
  const groups: number[][] = [];
  if (stratify && ds.k > 0) {
    const cls = classIndices(ds);
    for (let i = 0; i < ds.n; i++) (groups[cls[i]!] ??= []).push(i);
  } else {
    groups.push(Array.from({ length: ds.n }, (_, i) => i));
  }
  for (const g of groups) {
    if (!g) continue;
    r.shuffle(g);
    const m = Math.round(g.length * frac);
    for (let j = 0; j < m; j++) isTest[g[j]!] = 1;
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < ds.n; i++) (isTest[i] ? test : train).push(i);
  return { train: takeRows(ds, train), test: takeRows(ds, test) };
}
