import { createMlp } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { boundsOf } from '../src/engine/geometry.js';

// Closed forms: Zaslavsky Σ_{j≤d} C(n, j); Montúfar 2017 Π_l Σ_{j≤min(n0..n_{l-1})} C(n_l, j).
const binom = (n: number, k: number): number => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
};
const zas = (n: number, d: number): number => {
  let s = 0;
  for (let j = 0; j <= Math.min(n, d); j++) s += binom(n, j);
  return s;
};
const byName = (b: ReturnType<typeof boundsOf>): Record<string, number | null> =>
  Object.fromEntries(b.bounds.map((x) => [x.name, x.value]));

describe('the bounds the Train page shows', () => {
  it('ReLU nets get every ReLU bound, including Serra 2018 Thm 1 and the lower bounds', () => {
    const b = boundsOf(createMlp({ arch: [2, 8, 8, 1], activation: 'relu', seed: 1 }));
    expect(b.family).toBe('ReLU');
    const v = byName(b);
    expect(v['Montúfar17 UB']).toBe(zas(8, 2) ** 2);
    expect(v['2^N']).toBe(2 ** 16);
    expect(v['Serra18 UB']).toBeLessThanOrEqual(zas(8, 2) ** 2);
    expect(v['Montúfar14 LB']).toBe(zas(8, 2) * 4 ** 2);
  });

  it('leaky ReLU / abs / prelu nets keep only what survives without zeroed rows (theory §8.3)', () => {
    for (const activation of ['leaky_relu', 'abs', 'prelu'] as const) {
      const b = boundsOf(createMlp({ arch: [2, 8, 3, 1], activation, seed: 1 }));
      expect(b.family).toMatch(/valid for leaky\/abs/);
      // dim ≤ min(n0, n1, …): layer 2 sees min(2, 8) = 2 dims → Σ_{j≤2} C(3, j) = 7.
      expect(byName(b)).toEqual({ 'Montúfar17 UB': zas(8, 2) * zas(3, 2), 'shallow same N': zas(11, 2), '2^N': 2 ** 11 });
    }
    // One hidden layer: the switching lines form an arrangement, so Zaslavsky's exact maximum applies.
    expect(byName(boundsOf(createMlp({ arch: [2, 5, 1], activation: 'abs', seed: 1 })))).toMatchObject({ Zaslavsky: zas(5, 2) });
  });

  it('maxout nets get the maxout bounds for their rank; other activations get none', () => {
    const m = boundsOf(createMlp({ arch: [2, 4, 1], activation: 'maxout', rank: 3, seed: 1 }));
    expect(m.family).toBe('maxout rank 3');
    expect(byName(m)['k^N']).toBe(3 ** 4);
    expect(byName(m)['Serra18 UB']).toBeUndefined();
    const h = boundsOf(createMlp({ arch: [2, 4, 1], activation: 'hardtanh', seed: 1 }));
    expect(h).toEqual({ family: 'hardtanh: no bound implemented', bounds: [] });
  });
});
