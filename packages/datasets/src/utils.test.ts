import { InputError } from '@tessera/nn-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classIndices } from './dataset.js';
import { grid } from './grid.js';
import { listDatasets, makeDataset } from './makeDataset.js';
import { oneHot, oneHotDataset } from './oneHot.js';
import { trainTestSplit } from './split.js';
import { applyStandardizer, fitStandardizer, invertStandardizer, standardize } from './standardize.js';

const FC = { seed: 42, numRuns: 40 };

describe('trainTestSplit', () => {
  it('partitions the rows: every row in exactly one part, order kept', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 99 }), (n, frac, seed) => {
        const ds = makeDataset('plane', { n, seed: 1 });
        const { train, test } = trainTestSplit(ds, { testFraction: frac, seed });
        expect(train.n + test.n).toBe(n);
        expect(test.n).toBe(Math.round(n * frac));
        // rows are identified by their (unique, continuous) x1 values
        const key = (d: typeof ds) => Array.from({ length: d.n }, (_, i) => d.x[2 * i]!);
        const all = [...key(train), ...key(test)].sort((a, b) => a - b);
        expect(all).toEqual(key(ds).sort((a, b) => a - b));
        const orig = key(ds);
        const pos = (v: number) => orig.indexOf(v);
        for (const part of [key(train), key(test)]) for (let i = 1; i < part.length; i++) expect(pos(part[i]!)).toBeGreaterThan(pos(part[i - 1]!));
      }),
      FC,
    );
  });

  it('stratifies classification sets: each class split round(n_c · fraction)', () => {
    const ds = makeDataset('blobs', { n: 301, classes: 4, seed: 3 });
    const { train, test } = trainTestSplit(ds, { testFraction: 0.3, seed: 5 });
    const count = (d: typeof ds) => {
      const c = [0, 0, 0, 0];
      for (const v of classIndices(d)) c[v]!++;
      return c;
    };
    const all = count(ds);
    expect(count(test)).toEqual(all.map((m) => Math.round(m * 0.3)));
    expect(count(train)).toEqual(all.map((m) => m - Math.round(m * 0.3)));
  });

  it('is seeded', () => {
    const ds = makeDataset('circle', { n: 100 });
    const a = trainTestSplit(ds, { seed: 1 }).test;
    expect(Array.from(trainTestSplit(ds, { seed: 1 }).test.x)).toEqual(Array.from(a.x));
    expect(Array.from(trainTestSplit(ds, { seed: 2 }).test.x)).not.toEqual(Array.from(a.x));
  });
});

describe('standardize', () => {
  it('fit gives mean 0 and std 1 per column; inverse restores the values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })), { minLength: 2, maxLength: 50 }),
        (rows) => {
          const x = Float64Array.from(rows.flat());
          const s = fitStandardizer(x, 2);
          const z = applyStandardizer(s, x);
          for (let c = 0; c < 2; c++) {
            const col = rows.map((_, i) => z[2 * i + c]!);
            const m = col.reduce((a, b) => a + b, 0) / col.length;
            const v = col.reduce((a, b) => a + (b - m) ** 2, 0) / col.length;
            expect(Math.abs(m)).toBeLessThan(1e-9);
            const vals = rows.map((r) => r[c]!);
            if (Math.max(...vals) - Math.min(...vals) > 1e-6) expect(Math.abs(v - 1)).toBeLessThan(1e-6);
          }
          const back = invertStandardizer(s, z);
          for (let i = 0; i < x.length; i++) expect(back[i]).toBeCloseTo(x[i]!, 6);
        },
      ),
      FC,
    );
  });

  it('fit on train, apply to test with the same scaler', () => {
    const { train, test } = trainTestSplit(makeDataset('gaussians', { n: 400 }), { seed: 2 });
    const a = standardize(train);
    const b = standardize(test, a.scaler);
    expect(b.scaler).toBe(a.scaler);
    expect(b.dataset.x[0]).toBe((test.x[0]! - a.scaler.mean[0]!) / a.scaler.std[0]!);
    expect(test.x[0]).not.toBe(b.dataset.x[0]); // input not modified
  });

  it('a constant column maps to 0', () => {
    const s = fitStandardizer(Float64Array.from([5, 1, 5, 2, 5, 3]), 2);
    expect(s.std[0]).toBe(1);
    expect(Array.from(applyStandardizer(s, Float64Array.from([5, 2])))).toEqual([0, 0]);
  });
});

describe('oneHot', () => {
  it('puts one 1 per row at the label; classIndices inverts it', () => {
    const y = oneHot([2, 0, 1, 2]);
    expect(Array.from(y)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const ds = oneHotDataset(makeDataset('blobs', { n: 30 }));
    expect(ds.k).toBe(3);
    expect(Array.from(classIndices(ds))).toEqual(Array.from(makeDataset('blobs', { n: 30 }).y));
  });
  it('refuses a label that is not a class index, naming the row', () => {
    expect(() => oneHot([0, 1.5])).toThrow(/row 1: label 1.5 is not a class index/);
    expect(() => oneHot([0, 3], 3)).toThrow(/row 1: label 3 is not a class index in 0..2/);
  });
});

describe('grid', () => {
  it('nx·ny points, x fastest, corners exact, even spacing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 2, max: 30 }), (nx, ny) => {
        const g = grid([-2, 2, -1, 3], nx, ny);
        expect(g.length).toBe(2 * nx * ny);
        expect([g[0], g[1]]).toEqual([-2, -1]);
        expect([g[2 * (nx - 1)], g[2 * (nx * ny - 1) + 1]]).toEqual([2, 3]);
        for (let iy = 0; iy < ny; iy++)
          for (let ix = 0; ix < nx; ix++) {
            const o = 2 * (iy * nx + ix);
            expect(g[o]).toBeCloseTo(-2 + (4 * ix) / (nx - 1), 12);
            expect(g[o + 1]).toBeCloseTo(-1 + (4 * iy) / (ny - 1), 12);
          }
      }),
      FC,
    );
    expect(Array.from(grid([0, 2, 0, 4], 1, 1))).toEqual([1, 2]);
    expect(() => grid([0, 1, 0, 1], 0, 3)).toThrow(/nx: 0/);
    expect(() => grid([1, 0, 0, 1], 2, 2)).toThrow(/xmin \(1\) must be less than xmax \(0\)/);
  });
});

describe('makeDataset / listDatasets', () => {
  it('lists every required set and makes each one with its stated kind and input dimension', () => {
    const names = listDatasets().map((d) => d.name);
    for (const need of ['paraboloid', 'paraboloid-regression', 'surface', 'surface-classification', 'circle', 'xor', 'gaussians', 'spirals', 'moons', 'checkerboard', 'blobs', 'plane', 'bumps'])
      expect(names).toContain(need);
    for (const info of listDatasets()) {
      const ds = makeDataset(info.name, { n: 50, seed: 2, f: 'x*y' });
      expect(ds.meta.name).toBe(info.name);
      expect(ds.meta.kind).toBe(info.kind);
      expect(ds.d).toBe(info.inputDim);
      expect(ds.n).toBe(50);
    }
  });
  it('refuses an unknown name, listing the known ones, and a surface without f', () => {
    expect(() => makeDataset('nope')).toThrow(InputError);
    expect(() => makeDataset('nope')).toThrow(/unknown dataset "nope"; known datasets: paraboloid, /);
    expect(() => makeDataset('surface', {})).toThrow(/dataset "surface" needs f/);
    expect(() => makeDataset('surface', { f: 'x = 1' })).toThrow(/assignments are not allowed/);
  });
  it('bumps and plane follow their formulas', () => {
    const p = makeDataset('plane', { n: 20, coefficients: [2, -3, 0.25] });
    for (let i = 0; i < p.n; i++) expect(p.y[i]).toBe(2 * p.x[2 * i]! + -3 * p.x[2 * i + 1]! + 0.25);
    const b = makeDataset('bumps', { n: 20, bumps: [{ center: [0, 0], height: 2, width: 1 }] });
    for (let i = 0; i < b.n; i++) expect(b.y[i]).toBeCloseTo(2 * Math.exp(-(b.x[2 * i]! ** 2 + b.x[2 * i + 1]! ** 2) / 2), 14);
  });
});
