import { createRng, evaluateMlp } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import {
  ngonArea,
  ngonAreaRatio,
  ngonHausdorffGap,
  ngonMeasure,
  ngonNormal,
  ngonPlateauPolygon,
  ngonSkirtMean,
  ngonTable,
  ngonTowerNet,
  ngonViolations,
} from './towersNgon.js';

/** Distance from (x, y) to the nearest edge line of the n-gon. */
function edgeMargin(x: number, y: number, n: number, r: number, theta0: number): number {
  let m = Number.POSITIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const [ux, uy] = ngonNormal(k, n, theta0);
    m = Math.min(m, Math.abs(ux * x + uy * y - r));
  }
  return m;
}

describe('n-gon towers with one hidden layer', () => {
  it('the unthresholded net is h·(n − V(x)) (plateau nh, terraces outside) at 3000 points, n = 3, 5, 8', () => {
    const rng = createRng(3);
    for (const n of [3, 5, 8]) {
      const opts = { n, r: 1, theta0: 0.3 };
      const relu = ngonTowerNet({ ...opts, kind: 'relu', steepness: 1e6, height: 0.5 });
      const sig = ngonTowerNet({ ...opts, kind: 'sigmoid', steepness: 1e4, height: 0.5 });
      const pts = new Float64Array(6000);
      for (let i = 0; i < pts.length; i++) pts[i] = rng.next() * 8 - 4;
      const yr = evaluateMlp(relu, pts);
      const ys = evaluateMlp(sig, pts);
      for (let i = 0; i < 3000; i++) {
        const x = pts[2 * i]!;
        const y = pts[2 * i + 1]!;
        const expected = 0.5 * (n - ngonViolations(x, y, opts));
        const margin = edgeMargin(x, y, n, 1, 0.3);
        if (margin > 1e-5) expect(Math.abs(yr[i]! - expected)).toBeLessThan(1e-8);
        // sigmoid: each step leaks at most σ(−w·margin)
        if (margin > 3e-3) expect(Math.abs(ys[i]! - expected)).toBeLessThan(n * 0.5 * 1e-12 + 1e-11);
      }
    }
  });

  it('thresholding cuts the skirt off: sigmoid t = n − ½ and ReLU relu(Σρ − (n − 1)) give the n-gon', () => {
    const rng = createRng(4);
    const n = 7;
    const opts = { n, r: 1, theta0: 0.2 };
    const sig = ngonTowerNet({ ...opts, threshold: 'sigmoid', gain: 50 });
    const relu = ngonTowerNet({ ...opts, kind: 'relu', threshold: 'relu', steepness: 1e5 });
    expect(sig.layers[1]!.bias[0]).toBeCloseTo(-50 * 6.5, 9);
    const pts = new Float64Array(6000);
    for (let i = 0; i < pts.length; i++) pts[i] = rng.next() * 4 - 2;
    const ys = evaluateMlp(sig, pts);
    const yr = evaluateMlp(relu, pts);
    for (let i = 0; i < 3000; i++) {
      const x = pts[2 * i]!;
      const y = pts[2 * i + 1]!;
      const inside = ngonViolations(x, y, opts) === 0;
      const margin = edgeMargin(x, y, n, 1, 0.2);
      if (margin > 0.01) {
        expect(Math.abs(ys[i]! - (inside ? 1 : 0))).toBeLessThan(1e-10);
        expect(Math.abs(yr[i]! - (inside ? 1 : 0))).toBeLessThan(1e-9);
      }
    }
  });

  it('the plateau polygon read from the network matches the closed forms (area ratio, Hausdorff gap)', () => {
    for (const n of [4, 8, 16, 32, 64]) {
      const net = ngonTowerNet({ n, r: 1.5, kind: 'relu', threshold: 'relu' });
      const m = ngonMeasure(ngonPlateauPolygon(net), 1.5);
      expect(m.area / ngonArea(n, 1.5) - 1).toBeLessThan(1e-9);
      expect(Math.abs(m.areaRatio - ngonAreaRatio(n))).toBeLessThan(1e-9);
      expect(Math.abs(m.hausdorff - ngonHausdorffGap(n, 1.5))).toBeLessThan(1e-9);
      expect(Math.abs(m.apothem - 1.5)).toBeLessThan(1e-9);
    }
    // n-gon → disc: Hausdorff ≈ π²r/(2n²)
    expect(ngonHausdorffGap(64) / (Math.PI ** 2 / (2 * 64 * 64))).toBeCloseTo(1, 2);
  });

  it('skirt angular means measured on the network follow nh(1 − arccos(r/ρ)/π) and tend to nh/2', () => {
    const rows = ngonTable([4, 8, 32], { angles: 7200 });
    for (const row of rows) {
      for (const s of row.skirt) expect(Math.abs(s.measured - s.theory)).toBeLessThan(2e-4);
      expect(Math.abs(row.farField - ngonSkirtMean(100, row.n) / row.n)).toBeLessThan(2e-4);
    }
    expect(ngonSkirtMean(2, 6, 1, 1)).toBeCloseTo(6 * (2 / 3), 12);
  });

  it('needs no zero weight: every first-layer weight of a generic n-gon tower is non-zero', () => {
    for (const n of [3, 4, 8, 64]) {
      const net = ngonTowerNet({ n, theta0: 0.1 });
      expect(net.layers[0]!.weights.every((w) => w !== 0)).toBe(true);
    }
  });

  it('rejects n < 3 and a bad threshold', () => {
    expect(() => ngonTowerNet({ n: 2 })).toThrow('invalid n: expected an integer >= 3, got 2');
    expect(() => ngonTowerNet({ n: 5, threshold: 'x' as never })).toThrow('invalid threshold');
  });
});

describe('ngonTowerFixture', () => {
  it('has 2n + 2 linear regions in [−2, 2]² (plateau, n ramps, n corner facets, zero)', async () => {
    const { towerPieceCounts, towerPieces } = await import('./approximatePieces.js');
    const { ngonTowerFixture } = await import('./towersNgon.js');
    for (const n of [3, 4, 5, 8, 16]) {
      const net = ngonTowerFixture(n);
      expect(towerPieceCounts(towerPieces(net, [-2, 2, -2, 2])).linearRegions).toBe(2 * n + 2);
      expect((net.meta!.construction as { expectedLinearRegions: number }).expectedLinearRegions).toBe(2 * n + 2);
    }
  });
});
