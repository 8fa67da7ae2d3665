import { InputError, preview } from '@tessera/nn-core';
import { type Dataset, type DatasetMeta, checkDataset, inputNames, outputNames } from './dataset.js';

/**
 * JSON form of a dataset, `tessera.dataset` version 1:
 *
 * ```json
 * { "format": "tessera.dataset", "version": 1, "n": 2, "d": 2, "k": 1,
 *   "meta": { "name": "circle", "kind": "classification", ... },
 *   "x": [[0.5, 1], [-1, 2]], "y": [[0], [1]] }
 * ```
 *
 * Numbers are written by `JSON.stringify` (shortest round-trip), so values read back exactly,
 * except that JSON cannot tell `-0` from `0`.
 */
export interface DatasetJson {
  format: 'tessera.dataset';
  version: 1;
  n: number;
  d: number;
  k: number;
  meta: DatasetMeta;
  x: number[][];
  y: number[][];
}

/** A dataset as a plain JSON value (rows as arrays). */
export function datasetToJson(ds: Dataset): DatasetJson {
  checkDataset(ds);
  const { x, y, n, d, k } = ds;
  const rows = (a: Float64Array, w: number) => Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * w, i * w + w)));
  return { format: 'tessera.dataset', version: 1, n, d, k, meta: structuredClone(ds.meta), x: rows(x, d), y: rows(y, k) };
}

/** The JSON text of a dataset (one row per line for readability). */
export function serializeDataset(ds: Dataset): string {
  const j = datasetToJson(ds);
  const rows = (rs: number[][]) => (rs.length === 0 ? '[]' : `[\n    ${rs.map((r) => JSON.stringify(r)).join(',\n    ')}\n  ]`);
  const head = JSON.stringify({ format: j.format, version: j.version, n: j.n, d: j.d, k: j.k, meta: j.meta });
  return `${head.slice(0, -1)},\n  "x": ${rows(j.x)},\n  "y": ${rows(j.y)}\n}\n`;
}

const fail = (path: string, msg: string, got?: unknown): never => {
  throw new InputError(`invalid tessera.dataset at ${path}: ${msg}${got === undefined ? '' : `, received ${preview(got)}`}`);
};

/** Validates a parsed `tessera.dataset` JSON value; errors name the JSON path of the bad field. */
export function parseDatasetJson(value: unknown): Dataset {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('$', 'expected an object', value);
  const o = value as Record<string, unknown>;
  if (o.format !== 'tessera.dataset') fail('$.format', 'expected "tessera.dataset"', o.format);
  if (o.version !== 1) fail('$.version', 'expected 1', o.version);
  const rowsOf = (key: 'x' | 'y'): number[][] => {
    const rs = o[key];
    if (!Array.isArray(rs)) return fail(`$.${key}`, 'expected an array of rows', rs);
    return rs as number[][];
  };
  const xs = rowsOf('x');
  const ys = rowsOf('y');
  const n = xs.length;
  if (ys.length !== n) fail('$.y', `expected ${n} rows (as many as x), found ${ys.length}`);
  if (n === 0) fail('$.x', 'expected at least one row');
  const width = (rs: number[][], key: string): number => {
    const r0 = rs[0];
    if (!Array.isArray(r0)) return fail(`$.${key}[0]`, 'expected an array of numbers', r0);
    return r0.length;
  };
  const d = width(xs, 'x');
  const k = width(ys, 'y');
  if (d < 1) fail('$.x[0]', 'expected at least one input column');
  for (const [key, want] of [['n', n], ['d', d], ['k', k]] as const)
    if (o[key] !== undefined && o[key] !== want) fail(`$.${key}`, `expected ${want} (from the rows)`, o[key]);
  const fill = (rs: number[][], w: number, key: string): Float64Array => {
    const out = new Float64Array(n * w);
    for (let i = 0; i < n; i++) {
      const r = rs[i];
      if (!Array.isArray(r) || r.length !== w) fail(`$.${key}[${i}]`, `expected an array of ${w} numbers`, r);
      for (let c = 0; c < w; c++) {
        const v = (r as unknown[])[c];
        if (typeof v !== 'number' || !Number.isFinite(v)) fail(`$.${key}[${i}][${c}]`, 'expected a finite number', v);
        out[i * w + c] = v as number;
      }
    }
    return out;
  };
  const x = fill(xs, d, 'x');
  const y = fill(ys, k, 'y');
  const m = (o.meta ?? {}) as Partial<DatasetMeta>;
  if (typeof m !== 'object' || Array.isArray(m)) fail('$.meta', 'expected an object', o.meta);
  const kind = m.kind ?? 'regression';
  if (kind !== 'classification' && kind !== 'regression') fail('$.meta.kind', 'expected "classification" or "regression"', kind);
  const names = (v: unknown, len: number, key: string, dflt: string[]): string[] => {
    if (v === undefined) return dflt;
    if (!Array.isArray(v) || v.length !== len || !v.every((s) => typeof s === 'string'))
      return fail(`$.meta.${key}`, `expected ${len} strings`, v);
    return v as string[];
  };
  const meta: DatasetMeta = {
    ...(m as DatasetMeta),
    name: typeof m.name === 'string' ? m.name : 'json',
    kind,
    inputNames: names(m.inputNames, d, 'inputNames', inputNames(d)),
    outputNames: names(m.outputNames, k, 'outputNames', k > 0 ? outputNames(k) : []),
  };
  return { x, y, n, d, k, meta };
}

/** Parses `tessera.dataset` JSON text; a syntax error is an InputError. */
export function parseDatasetText(text: string): Dataset {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`invalid tessera.dataset JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseDatasetJson(value);
}
