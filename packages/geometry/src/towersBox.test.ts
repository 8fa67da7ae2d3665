import { evaluateMlp, evaluatePoint } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { towerPieceCounts, towerPieces } from './approximatePieces.js';
import { enumerateRegions } from './regions.js';
import { boxTowerNet, reluBoxTowerRegionCounts } from './towersBox.js';
import { createRng } from '@tessera/nn-core';

const sigma = (z: number): number => 1 / (1 + Math.exp(-z));
const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

describe('boxTowerNet (two hidden layers)', () => {
  it("reproduces Nielsen's h = 10, b = −15, w = 1000 values: σ(5), σ(−5), σ(−15)", () => {
    const net = boxTowerNet([0.4, 0.6, 0.3, 0.7], { steepness: 1000, gain: 10 });
    expect(net.layers[1]!.bias[0]).toBe(-15);
    expect(evaluatePoint(net, [0.5, 0.5])[0]).toBeCloseTo(0.993307, 6);
    expect(evaluatePoint(net, [0.5, 0.9])[0]).toBeCloseTo(0.00669285, 8);
    expect(evaluatePoint(net, [0.9, 0.9])[0]).toBeCloseTo(3.05902e-7, 11);
    expect(evaluatePoint(net, [0.5, 0.5])[0]).toBeCloseTo(sigma(5), 12);
  });

  it('the ReLU tower is relu(Bx + By − 1) with trapezoid bumps (fixture relu_tower) at 4000 points', () => {
    const net = boxTowerNet([0.4, 0.6, 0.3, 0.7], { kind: 'relu', steepness: 20 });
    expect(evaluatePoint(net, [0.5, 0.5])[0]).toBeCloseTo(1, 12);
    expect(evaluatePoint(net, [0.62, 0.5])[0]).toBeCloseTo(0.6, 12);
    const rng = createRng(5);
    const pts = new Float64Array(8000);
    for (let i = 0; i < pts.length; i++) pts[i] = rng.next() * 1.2 - 0.1;
    const y = evaluateMlp(net, pts);
    for (let i = 0; i < 4000; i++) {
      const x1 = pts[2 * i]!;
      const x2 = pts[2 * i + 1]!;
      const bx = clamp01(20 * (x1 - 0.4)) - clamp01(20 * (x1 - 0.6));
      const by = clamp01(20 * (x2 - 0.3)) - clamp01(20 * (x2 - 0.7));
      expect(Math.abs(y[i]! - Math.max(0, bx + by - 1))).toBeLessThan(1e-12);
    }
  });

  it('has exactly 29 activation and 10 linear regions in [0, 1]² (the construction’s own count)', () => {
    const net = boxTowerNet([0.4, 0.6, 0.3, 0.7], { kind: 'relu', steepness: 20 });
    const expected = reluBoxTowerRegionCounts();
    expect(expected).toEqual({ activationRegions: 29, linearRegions: 10 });
    expect(towerPieceCounts(towerPieces(net, [0, 1, 0, 1]))).toEqual(expected);
    const p = enumerateRegions(net, { box: [0, 1, 0, 1] });
    expect({ activationRegions: p.regionCount, linearRegions: p.linearRegionCount }).toEqual(expected);
  });

  it('m inputs: bias −(m − ½)·gain, and the ReLU tower is the exact indicator of its core box (m = 1…4)', () => {
    const rng = createRng(11);
    for (let m = 1; m <= 4; m++) {
      const bounds: number[] = [];
      for (let i = 0; i < m; i++) bounds.push(-0.5, 0.5);
      const s = boxTowerNet(bounds, { gain: 10 });
      expect(s.layers[1]!.bias[0]).toBeCloseTo(-(m - 0.5) * 10, 12);
      const r = boxTowerNet(bounds, { kind: 'relu', steepness: 100 });
      expect(r.layers[0]!.units).toBe(4 * m);
      for (let t = 0; t < 500; t++) {
        const x: number[] = [];
        for (let i = 0; i < m; i++) x.push(rng.next() * 2 - 1);
        const inCore = x.every((v) => v >= -0.49 && v <= 0.5);
        const outside = x.some((v) => v <= -0.5 || v >= 0.51);
        const v = evaluatePoint(r, x)[0]!;
        if (inCore) expect(Math.abs(v - 1)).toBeLessThan(1e-12);
        if (outside) expect(Math.abs(v)).toBeLessThan(1e-12);
        // sigmoid: all m bumps on → σ(gain/2); one off → σ(−gain/2) or less
        const sv = evaluatePoint(s, x)[0]!;
        const margin = Math.min(...x.map((v) => Math.abs(Math.abs(v) - 0.5)));
        if (margin > 0.02) expect(Math.abs(sv - (inCore ? sigma(5) : 0)) < 0.01).toBe(true);
      }
    }
  });
});

describe('reluTowerFixture', () => {
  it('carries the expected counts for the construct command', async () => {
    const { reluTowerFixture } = await import('./towersBox.js');
    const net = reluTowerFixture();
    expect(net.meta!.construction).toMatchObject({ kind: 'tower', expectedRegions: 29, expectedLinearRegions: 10 });
    expect(evaluatePoint(net, [0.62, 0.5])[0]).toBeCloseTo(0.6, 12);
  });
});
