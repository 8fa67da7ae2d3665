import { evaluateMlp, InputError } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { bumpNet, logit, lookupTableNet, nielsenTarget, stepNet } from './towers1d.js';

const sigma = (z: number): number => 1 / (1 + Math.exp(-z));
const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
const grid = (a: number, b: number, n: number): Float64Array => {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = a + ((b - a) * i) / (n - 1);
  return x;
};

describe('1-D blocks', () => {
  it('stepNet(s) is σ(w(x − s)) at 2001 points (abs 1e-12)', () => {
    const x = grid(-1, 1, 2001);
    const y = evaluateMlp(stepNet(0.2, { steepness: 30, height: 2 }), x);
    for (let i = 0; i < x.length; i++) expect(Math.abs(y[i]! - 2 * sigma(30 * (x[i]! - 0.2)))).toBeLessThan(1e-12);
  });

  it('stepNet with kind relu is the exact ramp clamp(w(x − s), 0, 1): 0 before s, 1 after s + 1/w', () => {
    const x = grid(-1, 1, 2001);
    const y = evaluateMlp(stepNet(0.2, { kind: 'relu', steepness: 20 }), x);
    for (let i = 0; i < x.length; i++) {
      expect(Math.abs(y[i]! - clamp01(20 * (x[i]! - 0.2)))).toBeLessThan(1e-12);
      if (x[i]! <= 0.2) expect(y[i]).toBe(0);
    }
  });

  it('bumpNet is h·(σ(w(x − s1)) − σ(w(x − s2))) and its ReLU version the trapezoid', () => {
    const x = grid(0, 1, 2001);
    const ys = evaluateMlp(bumpNet(0.3, 0.6, { height: 0.8, steepness: 50 }), x);
    const yr = evaluateMlp(bumpNet(0.3, 0.6, { height: 0.8, kind: 'relu', steepness: 100 }), x);
    for (let i = 0; i < x.length; i++) {
      const t = x[i]!;
      expect(Math.abs(ys[i]! - 0.8 * (sigma(50 * (t - 0.3)) - sigma(50 * (t - 0.6))))).toBeLessThan(1e-12);
      const trap = 0.8 * (clamp01(100 * (t - 0.3)) - clamp01(100 * (t - 0.6)));
      expect(Math.abs(yr[i]! - trap)).toBeLessThan(1e-12);
      if (t >= 0.31 && t <= 0.6) expect(Math.abs(yr[i]! - 0.8)).toBeLessThan(1e-12);
    }
  });

  it('lookupTableNet (relu) equals f(midpoint) on each bump core exactly and is 0 outside', () => {
    const f = (t: number): number => Math.sin(3 * t) + 2;
    const net = lookupTableNet(f, [0, 1], { bumps: 10, kind: 'relu', steepness: 1e4 });
    expect(net.layers[0]!.units).toBe(22);
    const x = grid(-0.5, 1.5, 4001);
    const y = evaluateMlp(net, x);
    for (let i = 0; i < x.length; i++) {
      const t = x[i]!;
      if (t < 0 || t > 1 + 1e-4) expect(Math.abs(y[i]!)).toBeLessThan(1e-9);
      const j = Math.floor(t * 10);
      if (t >= 0 && t < 1 && t - j / 10 > 1e-4 + 1e-12) expect(Math.abs(y[i]! - f((j + 0.5) / 10))).toBeLessThan(1e-9);
    }
  });

  it('the σ⁻¹∘f trick: a sigmoid output reproduces eq. (113) away from the failure windows', () => {
    const n = 50;
    const net = lookupTableNet(nielsenTarget, [0, 1], { bumps: n, output: 'sigmoid', steepness: 1e4 });
    expect(net.layers[1]!.activation).toBe('sigmoid');
    expect(net.layers[1]!.bias[0]).toBe(0);
    const x = grid(0, 1, 5001);
    const y = evaluateMlp(net, x);
    let dev = 0;
    for (let i = 0; i < x.length; i++) {
      const t = x[i]!;
      const j = Math.min(n - 1, Math.floor(t * n));
      const edge = Math.min(t - j / n, (j + 1) / n - t);
      // the output is σ(σ⁻¹(f(mid))) = f(mid) up to the step leaks σ(−w·edge)
      if (edge > 2e-3) expect(Math.abs(y[i]! - nielsenTarget((j + 0.5) / n))).toBeLessThan(1e-6);
      dev += Math.abs(y[i]! - nielsenTarget(t));
    }
    // 50 bumps: mean |net − f| well under Nielsen's challenge threshold (0.40 on his scale)
    expect(dev / x.length).toBeLessThan(0.03);
    expect(logit(0.5)).toBe(0);
  });

  it('rejects bad input with a message naming the field', () => {
    expect(() => bumpNet(0.6, 0.3)).toThrow(InputError);
    expect(() => bumpNet(0.6, 0.3)).toThrow('s1 (0.6) must be less than s2 (0.3)');
    expect(() => stepNet(0, { steepness: 0 })).toThrow('invalid steepness');
    // the typo version of eq. (113) (no factor x) dips below 0, so σ⁻¹∘f does not exist
    const typo = (t: number): number => 0.2 + 0.4 * t * t + 0.3 * Math.sin(15 * t) + 0.05 * Math.cos(50 * t);
    expect(() => lookupTableNet(typo, [0, 1], { bumps: 50, output: 'sigmoid' })).toThrow(/outside \(0, 1\)/);
  });
});
