import { createRng, evaluatePoint, mlpFromLayers } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { decisionRegions } from './regionsDecision.js';

describe('decisionRegions', () => {
  it('argmax of x, y, -x-y: three decision regions meeting at the origin, classes right at random points', () => {
    const mlp = mlpFromLayers(2, [{ activation: 'linear', weights: [[1, 0], [0, 1], [-1, -1]], bias: [0, 0, 0] }]);
    const d = decisionRegions(mlp, { box: [-1, 1, -1, 1] });
    expect(d.decisionRegionCount).toBe(3);
    // class areas: exact by symmetry considerations? check against sampling with a seeded rng
    const rng = createRng(5);
    const hits = [0, 0, 0];
    const N = 4000;
    for (let k = 0; k < N; k++) {
      const x = [rng.uniform(-1, 1), rng.uniform(-1, 1)];
      const f = evaluatePoint(mlp, x);
      hits[f.indexOf(Math.max(...f))]++;
    }
    for (let c = 0; c < 3; c++) expect(d.classArea[c] / 4).toBeCloseTo(hits[c] / N, 1);
    expect(d.classArea.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 12);
  });
  it('a hidden relu layer: decision regions can be disconnected pieces of one class', () => {
    // class 1 wins where |x| > 0.5 (two strips), class 0 in the middle strip
    const mlp = mlpFromLayers(2, [
      { activation: 'relu', weights: [[1, 0], [-1, 0]], bias: [0, 0] },
      { activation: 'linear', weights: [[0, 0], [1, 1]], bias: [0.5, 0] },
    ]);
    const d = decisionRegions(mlp, { box: [-1, 1, -1, 1] });
    expect(d.decisionRegionCount).toBe(3);
    expect(d.classArea[0]).toBeCloseTo(2, 12);
    expect(d.classArea[1]).toBeCloseTo(2, 12);
  });
  it('needs two or more outputs', () => {
    const one = mlpFromLayers(2, [{ activation: 'linear', weights: [[1, 0]], bias: [0] }]);
    expect(() => decisionRegions(one, { box: [-1, 1, -1, 1] })).toThrow(/2 or more outputs/);
  });
});

describe('decisionRegions on random nets', () => {
  it('the class of every cell is the argmax of the net at its interior point; class areas sum to the box', () => {
    for (let seed = 0; seed < 25; seed++) {
      const rng = createRng(seed);
      const w = (n: number, m: number) => Array.from({ length: n }, () => Array.from({ length: m }, () => rng.normal(0, 1)));
      const mlp = mlpFromLayers(2, [
        { activation: 'relu', weights: w(6, 2), bias: w(1, 6)[0] },
        { activation: 'linear', weights: w(3, 6), bias: w(1, 3)[0] },
      ]);
      const d = decisionRegions(mlp, { box: [-1, 1, -1, 1] });
      const p = d.partition;
      for (let r = 0; r < p.regionCount; r++) {
        const f = evaluatePoint(mlp, [p.interior[2 * r], p.interior[2 * r + 1]]);
        const best = Math.max(...f);
        // the cell's class wins at its interior point (up to rounding for near-ties)
        expect(f[d.classOf[r]]).toBeGreaterThanOrEqual(best - 1e-9 * (1 + Math.abs(best)));
      }
      expect(d.classArea.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 9);
      expect(d.decisionRegionCount).toBeGreaterThanOrEqual(new Set(d.classOf).size);
    }
  });
});
