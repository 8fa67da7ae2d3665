import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';

describe('createRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const sa = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(sa);
  });

  it('draws uniformly from the first draw on, across consecutive seeds', () => {
    // Raw xoroshiro128+ seeded with small integers starts near 1; the seed is scrambled first.
    const firsts = Array.from({ length: 2000 }, (_, s) => createRng(s).next());
    const mean = firsts.reduce((p, v) => p + v, 0) / firsts.length;
    expect(mean).toBeGreaterThan(0.47);
    expect(mean).toBeLessThan(0.53);
    // Kolmogorov–Smirnov distance to U(0,1); the 1 % critical value for n = 2000 is 0.036.
    const sorted = [...firsts].sort((p, q) => p - q);
    let d = 0;
    sorted.forEach((v, i) => {
      d = Math.max(d, Math.abs(v - i / sorted.length), Math.abs(v - (i + 1) / sorted.length));
    });
    expect(d).toBeLessThan(0.036);
  });

  it('makes standard normals with mean 0 and variance 1', () => {
    const rng = createRng(3);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.03);
  });

  it('shuffles into a permutation and draws integers in range', () => {
    const rng = createRng(5);
    const arr = rng.shuffle(Array.from({ length: 100 }, (_, i) => i));
    expect([...arr].sort((p, q) => p - q)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    for (let i = 0; i < 1000; i++) {
      const k = rng.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    }
  });

  it('refuses a non-integer seed', () => {
    expect(() => createRng(1.5)).toThrow(/invalid seed: 1.5/);
  });
});
