import { InputError } from '@tessera/nn-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset.js';
import { paraboloid, paraboloidRegression, surface, surfaceClassification } from './surface.js';

const FC = { seed: 42, numRuns: 40 };
const f0 = (a: number, b: number) => a * a + b * b + 3;
const same = (a: Dataset, b: Dataset) =>
  Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer)) && Buffer.from(a.y.buffer).equals(Buffer.from(b.y.buffer));

/** Classifies each row of an on/above/below set against f, independently of the generator. */
function audit(ds: Dataset, f: (a: number, b: number) => number) {
  let on = 0;
  let above = 0;
  let below = 0;
  let worstOn = 0;
  let nearestOff = Number.POSITIVE_INFINITY;
  let farthestOff = 0;
  for (let i = 0; i < ds.n; i++) {
    const gap = ds.x[3 * i + 2]! - f(ds.x[3 * i]!, ds.x[3 * i + 1]!);
    if (ds.y[i] === 1) {
      on++;
      worstOn = Math.max(worstOn, Math.abs(gap));
    } else {
      expect(ds.y[i]).toBe(0);
      if (gap > 0) above++;
      else below++;
      nearestOff = Math.min(nearestOff, Math.abs(gap));
      farthestOff = Math.max(farthestOff, Math.abs(gap));
    }
  }
  return { on, above, below, worstOn, nearestOff, farthestOff };
}

function inBox(ds: Dataset, box: number[], stride: number) {
  for (let i = 0; i < ds.n; i++) {
    const a = ds.x[stride * i]!;
    const b = ds.x[stride * i + 1]!;
    if (!(a >= box[0]! && a <= box[1]! && b >= box[2]! && b <= box[3]!)) return false;
  }
  return true;
}

describe('paraboloid (the seed experiment)', () => {
  it('defaults: 1000 points, 700 on / 200 above / 100 below, exactly on the surface, 0.5..2.5 off', () => {
    const ds = paraboloid();
    expect([ds.n, ds.d, ds.k]).toEqual([1000, 3, 1]);
    expect(ds.meta.counts).toEqual({ on: 700, above: 200, below: 100 });
    const a = audit(ds, f0);
    expect([a.on, a.above, a.below]).toEqual([700, 200, 100]);
    expect(a.worstOn).toBe(0);
    expect(a.nearestOff).toBeGreaterThanOrEqual(0.5);
    expect(a.farthestOff).toBeLessThanOrEqual(2.5);
    expect(inBox(ds, [-2, 2, -2, 2], 3)).toBe(true);
    // the rows are shuffled: the first 700 are not all on the surface
    expect(Array.from(ds.y.subarray(0, 700)).includes(0)).toBe(true);
  });

  it('counts, tolerance, margin and box hold for any options', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.tuple(fc.double({ min: -5, max: 4, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true })),
        (n, seed, p, q, tolerance, extra, [lo, w]) => {
          const on = p;
          const above = (1 - p) * q;
          const mix = { on, above, below: 1 - on - above };
          const margin = tolerance + extra;
          const box: [number, number, number, number] = [lo, lo + w, lo - 1, lo - 1 + 2 * w];
          const ds = paraboloid({ n, seed, mix, tolerance, margin, spread: 1, box });
          const nOn = Math.round(n * mix.on);
          const nAbove = Math.min(n - nOn, Math.round(n * mix.above));
          const a = audit(ds, f0);
          expect(ds.n).toBe(n);
          expect([a.on, a.above, a.below]).toEqual([nOn, nAbove, n - nOn - nAbove]);
          expect(a.worstOn).toBeLessThanOrEqual(tolerance);
          if (a.on < n) {
            expect(a.nearestOff).toBeGreaterThanOrEqual(margin);
            expect(a.farthestOff).toBeLessThanOrEqual(margin + 1 + 1e-9);
          }
          expect(inBox(ds, box, 3)).toBe(true);
        },
      ),
      FC,
    );
  });

  it('same seed, same bytes; different seed, different data', () => {
    expect(same(paraboloid({ seed: 5 }), paraboloid({ seed: 5 }))).toBe(true);
    expect(same(paraboloid({ seed: 5 }), paraboloid({ seed: 6 }))).toBe(false);
  });

  it('refuses a margin not above the tolerance and a mix not summing to 1', () => {
    expect(() => paraboloid({ tolerance: 0.5, margin: 0.5 })).toThrow(/margin: 0.5 must exceed the on-surface tolerance 0.5/);
    expect(() => paraboloid({ mix: { on: 0.5, above: 0.2, below: 0.2 } })).toThrow(/summing to 1/);
    expect(() => paraboloid({ mix: { on: 1.2, above: -0.2, below: 0 } })).toThrow(InputError);
    expect(() => paraboloid({ n: 0 })).toThrow(/invalid n: 0/);
  });
});

describe('surfaceClassification works for any expression', () => {
  it('sin(3*x) * y + 2: labels agree with the surface', () => {
    const f = (a: number, b: number) => Math.sin(3 * a) * b + 2;
    const ds = surfaceClassification({ f: 'sin(3*x) * y + 2', n: 500, seed: 9, tolerance: 0.05, margin: 0.3 });
    const a = audit(ds, f);
    expect([a.on, a.above, a.below]).toEqual([350, 100, 50]);
    expect(a.worstOn).toBeLessThanOrEqual(0.05);
    expect(a.nearestOff).toBeGreaterThanOrEqual(0.3);
    expect(ds.meta.params?.f).toBe('sin(3*x) * y + 2');
  });

  it('a non-finite surface value names the point', () => {
    expect(() => surfaceClassification({ f: '1/x', box: [0, 1, 0, 1], n: 10 })).not.toThrow();
    expect(() => surfaceClassification({ f: 'log(x - 10)', n: 10 })).toThrow(/is not finite at \(x=/);
    expect(() => surfaceClassification({ n: 10 })).toThrow(/missing f/);
  });
});

describe('surface / paraboloidRegression (regression)', () => {
  it('y = f(x1, x2) exactly without noise, inside the box', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 99 }), (n, seed) => {
        const ds = surface({ f: 'x*y - cos(y)', n, seed, box: [-1, 3, 0, 2] });
        expect([ds.n, ds.d, ds.k]).toEqual([n, 2, 1]);
        for (let i = 0; i < n; i++) expect(ds.y[i]).toBe(ds.x[2 * i]! * ds.x[2 * i + 1]! - Math.cos(ds.x[2 * i + 1]!));
        expect(inBox(ds, [-1, 3, 0, 2], 2)).toBe(true);
      }),
      FC,
    );
  });

  it('noise is Gaussian with the given standard deviation', () => {
    const ds = paraboloidRegression({ n: 20000, noise: 0.3, seed: 3 });
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < ds.n; i++) {
      const r = ds.y[i]! - f0(ds.x[2 * i]!, ds.x[2 * i + 1]!);
      s += r;
      s2 += r * r;
    }
    const mean = s / ds.n;
    const sd = Math.sqrt(s2 / ds.n - mean * mean);
    expect(Math.abs(mean)).toBeLessThan((4 * 0.3) / Math.sqrt(ds.n));
    expect(Math.abs(sd - 0.3)).toBeLessThan(0.01);
  });

  it('grid sampling: g × g points with g = round(√n), corners included', () => {
    const ds = paraboloidRegression({ n: 100, sampling: 'grid' });
    expect(ds.n).toBe(100);
    expect(Array.from(ds.x.subarray(0, 2))).toEqual([-2, -2]);
    expect(Array.from(ds.x.subarray(198, 200))).toEqual([2, 2]);
    expect(ds.y[0]).toBe(11);
    expect(surface({ f: 'x', n: 50, sampling: 'grid' }).n).toBe(49);
  });

  it('also takes the surface first: surface("sin(3*x) * y + 2", { n, seed })', () => {
    const a = surface('sin(3*x) * y + 2', { n: 30, seed: 4 });
    expect(same(a, surface({ f: 'sin(3*x) * y + 2', n: 30, seed: 4 }))).toBe(true);
    const b = surfaceClassification((x, y) => x - y, { n: 30, seed: 4 });
    expect(audit(b, (x, y) => x - y).on).toBe(21);
  });

  it('is deterministic per seed', () => {
    expect(same(surface({ f: 'x+y', seed: 1 }), surface({ f: 'x+y', seed: 1 }))).toBe(true);
    expect(same(surface({ f: 'x+y', seed: 1 }), surface({ f: 'x+y', seed: 2 }))).toBe(false);
  });
});
