import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobs, checkerboard, circle, gaussians, moons, spirals, xor } from './classic.js';
import type { Dataset } from './dataset.js';

const FC = { seed: 42, numRuns: 25 };
const same = (a: Dataset, b: Dataset) =>
  Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer)) && Buffer.from(a.y.buffer).equals(Buffer.from(b.y.buffer));
const EPS = 1e-12;

function countLabels(ds: Dataset): number[] {
  const counts: number[] = [];
  for (let i = 0; i < ds.n; i++) counts[ds.y[i]!] = (counts[ds.y[i]!] ?? 0) + 1;
  return counts;
}

/** Runs `check(label, x1, x2)` on every row for random n and seed; checks counts and determinism. */
function binaryProperty(
  make: (o: { n: number; seed: number }) => Dataset,
  check: (label: number, a: number, b: number) => void,
) {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 10_000 }), (n, seed) => {
      const ds = make({ n, seed });
      expect([ds.n, ds.d, ds.k]).toEqual([n, 2, 1]);
      const c = countLabels(ds);
      expect(c[0] ?? 0).toBe(Math.ceil(n / 2));
      expect(c[1] ?? 0).toBe(Math.floor(n / 2));
      for (let i = 0; i < n; i++) check(ds.y[i]!, ds.x[2 * i]!, ds.x[2 * i + 1]!);
    }),
    FC,
  );
  const a = make({ n: 200, seed: 1 });
  expect(same(a, make({ n: 200, seed: 1 }))).toBe(true);
  expect(same(a, make({ n: 200, seed: 2 }))).toBe(false);
}

describe('classic 2-D sets: counts, labels by definition, determinism', () => {
  it('circle: class 1 in the disc |p| <= R/2, class 0 in the ring 0.7R <= |p| <= R', () => {
    binaryProperty(
      (o) => circle({ ...o, radius: 3 }),
      (label, a, b) => {
        const r = Math.hypot(a, b);
        if (label === 1) expect(r).toBeLessThanOrEqual(1.5 + EPS);
        else {
          expect(r).toBeGreaterThanOrEqual(2.1 - EPS);
          expect(r).toBeLessThanOrEqual(3 + EPS);
        }
      },
    );
  });

  it('xor: label 1 iff x1*x2 > 0, |x1|, |x2| in [padding, R]', () => {
    binaryProperty(
      (o) => xor({ ...o, radius: 2, padding: 0.2 }),
      (label, a, b) => {
        expect(a * b > 0 ? 1 : 0).toBe(label);
        for (const v of [a, b]) {
          expect(Math.abs(v)).toBeGreaterThanOrEqual(0.2);
          expect(Math.abs(v)).toBeLessThanOrEqual(2);
        }
      },
    );
  });

  it('spirals: each point lies on its spiral r = R·u, t = 2π·turns·u', () => {
    binaryProperty(
      (o) => spirals({ ...o, radius: 2, turns: 1.75 }),
      (label, a, b) => {
        const u = Math.hypot(a, b) / 2;
        const t = 2 * Math.PI * 1.75 * u;
        const s = label === 1 ? 1 : -1;
        expect(Math.abs(a - s * 2 * u * Math.sin(t))).toBeLessThan(1e-9);
        expect(Math.abs(b - s * 2 * u * Math.cos(t))).toBeLessThan(1e-9);
      },
    );
  });

  it('moons: class 0 on the upper unit half circle centred (−0.5, −0.25), class 1 its mirror image', () => {
    binaryProperty(moons, (label, a, b) => {
      const [cx, cy, up] = label === 0 ? [-0.5, -0.25, 1] : [0.5, 0.25, -1];
      expect(Math.abs(Math.hypot(a - cx, b - cy) - 1)).toBeLessThan(1e-12);
      expect(up * (b - cy)).toBeGreaterThanOrEqual(-EPS);
    });
  });

  it('checkerboard: label = (i + j) mod 2 of the cell, inside the box', () => {
    const box: [number, number, number, number] = [-1, 3, 0, 2];
    binaryProperty(
      (o) => checkerboard({ ...o, box, cells: 5 }),
      (label, a, b) => {
        expect(a >= -1 && a <= 3 && b >= 0 && b <= 2).toBe(true);
        const i = Math.min(4, Math.floor(((a + 1) / 4) * 5));
        const j = Math.min(4, Math.floor((b / 2) * 5));
        // a point exactly on a cell edge may belong to either neighbour
        const onEdge = [((a + 1) / 4) * 5, (b / 2) * 5].some((t) => Math.abs(t - Math.round(t)) < 1e-9);
        if (!onEdge) expect((i + j) % 2).toBe(label);
      },
    );
  });

  it('gaussians: class means sit at ±(c, c) within 4 standard errors, stds match', () => {
    const ds = gaussians({ n: 20000, seed: 4, center: 1, std: 0.5 });
    for (const cls of [0, 1]) {
      let m = 0;
      let sx = 0;
      let sy = 0;
      let s2 = 0;
      for (let i = 0; i < ds.n; i++)
        if (ds.y[i] === cls) {
          m++;
          sx += ds.x[2 * i]!;
          sy += ds.x[2 * i + 1]!;
          s2 += ds.x[2 * i]! ** 2;
        }
      const mean = cls === 1 ? 1 : -1;
      expect(m).toBe(10000);
      expect(Math.abs(sx / m - mean)).toBeLessThan((4 * 0.5) / Math.sqrt(m));
      expect(Math.abs(sy / m - mean)).toBeLessThan((4 * 0.5) / Math.sqrt(m));
      expect(Math.abs(Math.sqrt(s2 / m - (sx / m) ** 2) - 0.5)).toBeLessThan(0.02);
    }
    binaryProperty(gaussians, () => {});
  });

  it('noise moves points but keeps the labels and counts', () => {
    const clean = circle({ n: 300, seed: 8 });
    const noisy = circle({ n: 300, seed: 8, noise: 0.1 });
    expect(Array.from(noisy.y)).toEqual(Array.from(clean.y));
    expect(same(clean, noisy)).toBe(false);
  });
});

describe('blobs (multi-class)', () => {
  it('k classes with floor(n/k) + (c < n mod k) rows each, index labels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 2, max: 7 }), fc.integer({ min: 0, max: 999 }), (n, k, seed) => {
        const ds = blobs({ n, classes: k, seed });
        expect(ds.k).toBe(1);
        expect(ds.meta.classes).toBe(k);
        const c = countLabels(ds);
        for (let j = 0; j < k; j++) expect(c[j] ?? 0).toBe(Math.floor(n / k) + (j < n % k ? 1 : 0));
      }),
      FC,
    );
  });

  it('one-hot labels: k columns, exactly one 1 per row, nearest centre mostly agrees', () => {
    const ds = blobs({ n: 900, classes: 3, oneHot: true, std: 0.2, seed: 2 });
    expect([ds.n, ds.k]).toEqual([900, 3]);
    expect(ds.meta.outputNames).toEqual(['y1', 'y2', 'y3']);
    const centers = ds.meta.params?.centers as number[];
    let agree = 0;
    for (let i = 0; i < ds.n; i++) {
      const row = Array.from(ds.y.subarray(3 * i, 3 * i + 3));
      expect(row.filter((v) => v === 1).length).toBe(1);
      expect(row.filter((v) => v === 0).length).toBe(2);
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      for (let c = 0; c < 3; c++) {
        const d2 = (ds.x[2 * i]! - centers[2 * c]!) ** 2 + (ds.x[2 * i + 1]! - centers[2 * c + 1]!) ** 2;
        if (d2 < bestD) [best, bestD] = [c, d2];
      }
      if (row[best] === 1) agree++;
    }
    expect(agree).toBeGreaterThan(0.99 * ds.n);
  });
});
