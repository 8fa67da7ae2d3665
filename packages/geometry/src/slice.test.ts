import { createRng, evaluatePoint, InputError, mlpFromLayers } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { enumerateRegions } from './regions.js';
import { slicePlane } from './slice.js';
import { checkPartition } from './validate.js';

// the seed's 3-input classifier shape: (x1, x2, y) → logits for on / above / below the surface
const rng = createRng(11);
const rnd = (n: number, m: number) => Array.from({ length: n }, () => Array.from({ length: m }, () => rng.normal(0, 1)));
const net3 = mlpFromLayers(3, [
  { activation: 'relu', weights: rnd(8, 3), bias: rnd(1, 8)[0] },
  { activation: 'relu', weights: rnd(6, 8), bias: rnd(1, 6)[0] },
  { activation: 'linear', weights: rnd(3, 6), bias: [0, 0, 0] },
]);

describe('slicePlane', () => {
  const plane = { origin: [0.1, -0.2, 0.3], u: [1, 0, 0.5], v: [0, 1, -0.25] };
  it('gives a 2-input net equal to the original on the plane', () => {
    const s = slicePlane(net3, plane);
    expect(s.inputDim).toBe(2);
    for (let k = 0; k < 50; k++) {
      const a = rng.uniform(-2, 2);
      const b = rng.uniform(-2, 2);
      const x = [0, 1, 2].map((i) => plane.origin[i] + a * plane.u[i] + b * plane.v[i]);
      const f = evaluatePoint(net3, x);
      const g = evaluatePoint(s, [a, b]);
      for (let o = 0; o < 3; o++) expect(g[o]).toBeCloseTo(f[o], 12);
    }
  });
  it('can be partitioned exactly and checked', () => {
    const s = slicePlane(net3, plane);
    const p = enumerateRegions(s, { box: [-2, 2, -2, 2] });
    expect(p.regionCount).toBeGreaterThan(1);
    expect(checkPartition(p, s).problems).toEqual([]);
  });
  it('rejects wrong lengths and parallel directions', () => {
    expect(() => slicePlane(net3, { origin: [0, 0], u: [1, 0, 0], v: [0, 1, 0] })).toThrow(/origin has 2 numbers, expected inputDim = 3/);
    expect(() => slicePlane(net3, { origin: [0, 0, 0], u: [1, 0, 0], v: [2, 0, 0] })).toThrow(InputError);
  });
  it('on the coordinate plane through the origin of a 2-input net is the identity', () => {
    const two = mlpFromLayers(2, [
      { activation: 'relu', weights: [[1, 2], [3, -1]], bias: [0.5, -0.25] },
      { activation: 'linear', weights: [[1, 1]], bias: [0] },
    ]);
    const s = slicePlane(two, { origin: [0, 0], u: [1, 0], v: [0, 1] });
    expect(Array.from(s.layers[0].weights)).toEqual([1, 2, 3, -1]);
    expect(Array.from(s.layers[0].bias)).toEqual([0.5, -0.25]);
  });
});
