import { describe, expect, it } from 'vitest';
import {
  cosineDecay,
  createMlp,
  createOptimizer,
  formatArch,
  InputError,
  lossAndGradient,
  parameterCount,
  parseArch,
  stepDecay,
} from './index.js';

const L = (name: Parameters<typeof lossAndGradient>[0], p: number[], y: number[], batch: number, targetDim?: number) => {
  const g = new Float64Array(p.length);
  const v = lossAndGradient(name, Float64Array.from(p), Float64Array.from(y), batch, p.length / batch, targetDim ?? y.length / batch, g);
  return { v, g: Array.from(g) };
};

describe('losses against closed forms', () => {
  it('mse = mean of squared errors, gradient 2(p − y)/n', () => {
    const { v, g } = L('mse', [1, 2, 4], [0, 2, 1], 3);
    expect(v).toBeCloseTo((1 + 0 + 9) / 3, 15);
    expect(g).toEqual([2 / 3, 0, 2]);
  });
  it('bce on logits equals −y log σ(p) − (1−y) log(1−σ(p)) and stays finite at huge logits', () => {
    const p = [0.3, -2];
    const y = [1, 0.25];
    const s = p.map((z) => 1 / (1 + Math.exp(-z)));
    const ref = (-(Math.log(s[0])) - (0.25 * Math.log(s[1]) + 0.75 * Math.log(1 - s[1]))) / 2;
    const { v, g } = L('bce', p, y, 2);
    expect(v).toBeCloseTo(ref, 14);
    expect(g[0]).toBeCloseTo((s[0] - 1) / 2, 15);
    const big = L('bce', [1000, -1000], [0, 1], 2);
    expect(big.v).toBe(1000);
    expect(big.g).toEqual([0.5, -0.5]);
  });
  it('softmax cross-entropy: one-hot targets and class indices give the same loss and gradient', () => {
    const p = [1, 2, 3, 0.5, -1, 0];
    const hot = L('softmax_cross_entropy', p, [0, 0, 1, 1, 0, 0], 2);
    const idx = L('softmax_cross_entropy', p, [2, 0], 2, 1);
    expect(idx.v).toBeCloseTo(hot.v, 15);
    idx.g.forEach((g, i) => {
      expect(g).toBeCloseTo(hot.g[i], 15);
    });
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    const z2 = Math.exp(0.5) + Math.exp(-1) + 1;
    expect(hot.v).toBeCloseTo((Math.log(z) - 3 + Math.log(z2) - 0.5) / 2, 14);
    // stable at huge logits
    expect(L('softmax_cross_entropy', [1000, 0], [1, 0], 1).v).toBe(0);
  });
  it('hinge: max(0, 1 − t p) with 0/1 or ±1 labels; zero gradient at the kink', () => {
    const { v, g } = L('hinge', [0.5, -2, 1, 3], [1, 0, -1, 1], 4);
    expect(v).toBeCloseTo((0.5 + 0 + 2 + 0) / 4, 15);
    expect(g).toEqual([-0.25, 0, 0.25, 0]);
    expect(L('hinge', [1], [1], 1).g).toEqual([0]);
  });
});

describe('optimizers against hand-computed steps', () => {
  const slot = (w: number[], g: number[], decay = true) => ({ data: Float64Array.from(w), grad: Float64Array.from(g), decay });
  it('sgd with and without weight decay', () => {
    const s = slot([1, -2], [0.5, 1]);
    createOptimizer({ name: 'sgd', lr: 0.1 }).step([s]);
    expect(Array.from(s.data)).toEqual([1 - 0.05, -2 - 0.1]);
    const d = slot([1, -2], [0.5, 1]);
    const b = slot([1], [0.5], false);
    createOptimizer({ name: 'sgd', lr: 0.1, weightDecay: 0.5 }).step([d, b]);
    expect(d.data[0]).toBeCloseTo(1 - 0.1 * (0.5 + 0.5), 15);
    expect(d.data[1]).toBeCloseTo(-2 - 0.1 * (1 - 1), 15);
    expect(b.data[0]).toBeCloseTo(0.95, 15);
  });
  it('momentum and nesterov over two steps', () => {
    const m = slot([1], [1]);
    const om = createOptimizer({ name: 'momentum', lr: 0.1, momentum: 0.9 });
    om.step([m]);
    om.step([m]); // v1 = 1, v2 = 1.9 → w = 1 − 0.1 − 0.19
    expect(m.data[0]).toBeCloseTo(0.71, 15);
    const n = slot([1], [1]);
    const on = createOptimizer({ name: 'nesterov', lr: 0.1, momentum: 0.9 });
    on.step([n]); // v1 = 1, update g + μv = 1.9
    on.step([n]); // v2 = 1.9, update 1 + 1.71 = 2.71
    expect(n.data[0]).toBeCloseTo(1 - 0.19 - 0.271, 15);
  });
  it('adam: the first step moves each weight by lr·g/(|g| + ε), bias-corrected second step', () => {
    const a = slot([1, 1], [2, -0.001]);
    const opt = createOptimizer({ name: 'adam', lr: 0.01 });
    opt.step([a]);
    expect(a.data[0]).toBeCloseTo(1 - 0.01 * (2 / (2 + 1e-8)), 15);
    expect(a.data[1]).toBeCloseTo(1 + 0.01 * (0.001 / (0.001 + 1e-8)), 15);
    const before = a.data[0];
    opt.step([a]);
    const m = 0.9 * 0.1 * 2 + 0.1 * 2;
    const v = 0.999 * 0.001 * 4 + 0.001 * 4;
    expect(a.data[0]).toBeCloseTo(before - (0.01 * (m / (1 - 0.81))) / (Math.sqrt(v / (1 - 0.999 ** 2)) + 1e-8), 14);
  });
  it('refuses bad settings', () => {
    expect(() => createOptimizer({ name: 'sgd', lr: -1 })).toThrow(/invalid optimizer lr/);
    expect(() => createOptimizer({ name: 'adam', beta1: 1 })).toThrow(/beta1/);
  });
  it('schedules: step decay and cosine', () => {
    const s = stepDecay(10, 0.1);
    expect(s(9, 1)).toBe(1);
    expect(s(10, 1)).toBeCloseTo(0.1, 15);
    const c = cosineDecay(100, 0.001);
    expect(c(0, 0.1)).toBeCloseTo(0.1, 15);
    expect(c(50, 0.1)).toBeCloseTo(0.0505, 15);
    expect(c(100, 0.1)).toBeCloseTo(0.001, 15);
  });
});

describe('architecture strings and createMlp', () => {
  it('parseArch reads widths and rejects bad strings with the token', () => {
    expect(parseArch('2-6-1')).toEqual([2, 6, 1]);
    expect(formatArch([2, 64, 64, 1])).toBe('2-64-64-1');
    expect(() => parseArch('2-x-1')).toThrow(/invalid architecture "2-x-1": "x" is not a positive integer/);
    expect(() => parseArch('2-0-1')).toThrow(/"0" is not a positive integer/);
    expect(() => parseArch('3')).toThrow(/at least an input and an output width/);
    expect(() => parseArch('2--1')).toThrow(InputError);
  });
  it('builds layers with per-layer activations, maxout rows and prelu slopes, deterministically', () => {
    const m = createMlp({ arch: '2-3-4-1', activation: ['maxout', 'prelu'], rank: 3, seed: 9 });
    expect(m.layers.map((l) => [l.activation, l.nIn, l.units, l.rows])).toEqual([
      ['maxout', 2, 3, 9],
      ['prelu', 3, 4, 4],
      ['linear', 4, 1, 1],
    ]);
    expect(Array.from(m.layers[1].alphas as Float64Array)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(parameterCount(m)).toBe(9 * 2 + 9 + 4 * 3 + 4 + 4 + 4 + 1);
    const again = createMlp({ arch: '2-3-4-1', activation: ['maxout', 'prelu'], rank: 3, seed: 9 });
    expect(Array.from(again.layers[0].weights)).toEqual(Array.from(m.layers[0].weights));
    expect(() => createMlp({ arch: '2-3-1', activation: 'swish' as never })).toThrow(/invalid activation "swish"/);
    expect(() => createMlp({ arch: '2-3-1', activation: ['relu', 'relu', 'relu'] })).toThrow(/expected 1 .* or 2/);
  });
  it('he init has the variance 2/nIn (statistically, 2-400-1)', () => {
    const m = createMlp({ arch: '50-400-1', init: 'he', seed: 3 });
    const w = m.layers[0].weights;
    let s2 = 0;
    for (const v of w) s2 += v * v;
    expect(s2 / w.length).toBeGreaterThan((2 / 50) * 0.95);
    expect(s2 / w.length).toBeLessThan((2 / 50) * 1.05);
    const g = createMlp({ arch: '50-400-1', init: 'glorot', seed: 3 }).layers[0].weights;
    const lim = Math.sqrt(6 / 450);
    expect(Math.max(...g)).toBeLessThanOrEqual(lim);
    expect(Math.min(...g)).toBeGreaterThanOrEqual(-lim);
  });
});
