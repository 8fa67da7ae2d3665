import { describe, expect, it } from 'vitest';
import { circles, paraboloid } from '../test/data.js';
import {
  createMlp,
  createOptimizer,
  DivergenceError,
  evaluateLoss,
  fit,
  fitAsync,
  fitEpochs,
  InputError,
  type Mlp,
  predict,
  stepDecay,
} from './index.js';

const allParams = (m: Mlp) => m.layers.flatMap((l) => [...l.weights, ...l.bias, ...(l.alphas ?? [])]);

describe('fit: training outcomes', () => {
  it("the seed's regression (W1: 2-6-1 tanh, MSE, full-batch SGD lr 0.05, 2000 epochs) reaches MSE <= 0.02", () => {
    const data = paraboloid(1000, 1);
    const model = createMlp({ arch: '2-6-1', activation: 'tanh', seed: 1 });
    const before = evaluateLoss(model, data);
    const h = fit(model, data, { epochs: 2000, batchSize: 1000, shuffle: false, optimizer: 'sgd', lr: 0.05 });
    expect(before).toBeGreaterThan(10);
    expect(h.finalLoss).toBeLessThanOrEqual(0.02);
    expect(h.finalLoss).toBeCloseTo(evaluateLoss(model, data), 14);
    expect(h.epochs).toBe(2000);
    expect(h.loss).toHaveLength(2000);
    expect(h.examples).toBe(2_000_000);
    expect(h.trainMs).toBeGreaterThan(0);
    expect(h.examplesPerSecond).toBeCloseTo(h.examples / (h.trainMs / 1000), 6);
    // full-batch gradient descent at this rate decreases the loss monotonically after the first epochs
    expect(h.loss[1999]).toBeLessThan(h.loss[100]);
  });

  it('circles with 2-8-8-1 relu, BCE on logits, minibatch 10 (W2) reaches accuracy >= 0.98', () => {
    const data = circles(500, 1);
    const model = createMlp({ arch: '2-8-8-1', activation: 'relu', seed: 1 });
    fit(model, data, { epochs: 50, batchSize: 10, loss: 'bce', optimizer: 'sgd', lr: 0.1, seed: 1 });
    const test = circles(500, 2);
    const p = predict(model, test.x);
    let correct = 0;
    for (let i = 0; i < 500; i++) if ((p[i] > 0 ? 1 : 0) === test.y[i]) correct++;
    expect(correct / 500).toBeGreaterThanOrEqual(0.98);
  });

  it('adam, momentum and nesterov all train the regression', () => {
    const data = paraboloid(300, 2);
    for (const optimizer of ['adam', 'momentum', 'nesterov'] as const) {
      const model = createMlp({ arch: '2-16-1', activation: 'relu', seed: 3 });
      const h = fit(model, data, { epochs: 150, batchSize: 32, optimizer, lr: optimizer === 'adam' ? 0.01 : 0.005 });
      expect(h.finalLoss, optimizer).toBeLessThan(0.25);
    }
  });
});

describe('fit: determinism', () => {
  it('same seed → identical weights; another seed → different weights', () => {
    const data = paraboloid(200, 3);
    const run = (seed: number) => {
      const m = createMlp({ arch: '2-8-8-1', activation: 'relu', seed: 5 });
      fit(m, data, { epochs: 5, batchSize: 16, seed, optimizer: 'adam' });
      return allParams(m);
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
  });
});

describe('fit: stopping, callbacks and errors', () => {
  it('divergence throws DivergenceError naming the epoch and leaves finite weights', () => {
    const data = paraboloid(100, 4);
    const model = createMlp({ arch: '2-6-1', activation: 'relu', seed: 1 });
    let err: unknown;
    try {
      fit(model, data, { epochs: 100, batchSize: 100, lr: 5 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DivergenceError);
    const d = err as DivergenceError;
    expect(d.epoch).toBeGreaterThanOrEqual(1);
    expect(d.message).toMatch(new RegExp(`training diverged at epoch ${d.epoch}: .*smaller learning rate`));
    expect(d.exitCode).toBe(1);
    expect(allParams(model).every(Number.isFinite)).toBe(true);
  });

  it('onEpoch receives each epoch and can stop training', () => {
    const data = paraboloid(64, 5);
    const seen: number[] = [];
    const h = fit(createMlp({ arch: '2-4-1', seed: 1 }), data, {
      epochs: 50,
      onEpoch: (info) => {
        seen.push(info.epoch);
        expect(info.epochs).toBe(50);
        expect(Number.isFinite(info.loss)).toBe(true);
        return info.epoch < 7;
      },
    });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.epochs).toBe(7);
  });

  it('an aborted signal stops training with aborted: true', () => {
    const controller = new AbortController();
    const h = fit(createMlp({ arch: '2-4-1', seed: 1 }), paraboloid(64, 5), {
      epochs: 50,
      signal: controller.signal,
      onEpoch: (info) => {
        if (info.epoch === 3) controller.abort();
      },
    });
    expect(h.aborted).toBe(true);
    expect(h.epochs).toBe(3);
  });

  it('early stopping on validation loss restores the best weights', () => {
    const train = paraboloid(40, 6);
    const validation = paraboloid(200, 7);
    const model = createMlp({ arch: '2-32-32-1', activation: 'relu', seed: 2 });
    const h = fit(model, train, {
      epochs: 400,
      batchSize: 8,
      optimizer: 'adam',
      lr: 0.02,
      validation,
      earlyStopping: { patience: 5 },
    });
    expect(h.valLoss).toHaveLength(h.epochs);
    expect(h.bestEpoch).toBeDefined();
    const best = Math.min(...(h.valLoss as number[]));
    expect((h.valLoss as number[])[(h.bestEpoch as number) - 1]).toBe(best);
    expect(evaluateLoss(model, validation)).toBeCloseTo(best, 12);
    if (h.stoppedEarly) expect(h.epochs).toBe((h.bestEpoch as number) + 5);
  });

  it('a learning-rate schedule sets the rate per epoch', () => {
    const h = fit(createMlp({ arch: '2-4-1', seed: 1 }), paraboloid(32, 1), {
      epochs: 6,
      lr: 0.01,
      lrSchedule: stepDecay(2, 0.5),
    });
    expect(h.lr).toEqual([0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025]);
  });

  it('accepts an optimizer instance and keeps its state across fit calls', () => {
    const opt = createOptimizer({ name: 'adam', lr: 0.01 });
    const m = createMlp({ arch: '2-4-1', seed: 1 });
    fit(m, paraboloid(32, 1), { epochs: 2, batchSize: 32, optimizer: opt });
    expect(opt.t).toBe(2);
  });

  it('refuses bad data and options with clear messages', () => {
    const m = createMlp({ arch: '2-4-1', seed: 1 });
    const data = paraboloid(10, 1);
    expect(() => fit(m, { x: data.x.subarray(0, 19), y: data.y })).toThrow(/data.x has 19 values/);
    const bad = { x: data.x.slice(), y: data.y };
    bad.x[3] = Number.NaN;
    expect(() => fit(m, bad)).toThrow(/data.x\[3\] is NaN/);
    expect(() => fit(m, data, { epochs: 0 })).toThrow(InputError);
    expect(() => fit(m, data, { loss: 'l1' })).toThrow(/invalid loss "l1"/);
    expect(() => fit(m, data, { optimizer: 'rmsprop' as never })).toThrow(/invalid optimizer "rmsprop"/);
    expect(() => fit(m, { x: data.x, y: new Float64Array(20) })).toThrow(/targets have 2 value\(s\) per example/);
  });
});

describe('fitAsync and fitEpochs', () => {
  it('fitAsync yields to the event loop and gives the same weights as fit', async () => {
    const data = paraboloid(200, 8);
    const a = createMlp({ arch: '2-8-1', activation: 'tanh', seed: 4 });
    const b = createMlp({ arch: '2-8-1', activation: 'tanh', seed: 4 });
    const ha = fit(a, data, { epochs: 30, batchSize: 16 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const hb = await fitAsync(b, data, { epochs: 30, batchSize: 16, yieldMs: 0 });
    clearInterval(timer);
    expect(allParams(b)).toEqual(allParams(a));
    expect(hb.loss).toEqual(ha.loss);
    expect(ticks).toBeGreaterThan(0);
  });
  it('fitAsync sees a signal aborted by another task between epochs', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 0);
    const h = await fitAsync(createMlp({ arch: '2-4-1', seed: 1 }), paraboloid(64, 5), {
      epochs: 100_000,
      signal: controller.signal,
      yieldMs: 0,
    });
    expect(h.aborted).toBe(true);
    expect(h.epochs).toBeLessThan(100_000);
  });
  it('fitEpochs yields one EpochInfo per epoch and returns the history', () => {
    const it = fitEpochs(createMlp({ arch: '2-4-1', seed: 1 }), paraboloid(32, 5), { epochs: 4 });
    const seen: number[] = [];
    let r = it.next();
    while (!r.done) {
      seen.push(r.value.epoch);
      r = it.next();
    }
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(r.value.epochs).toBe(4);
  });
});
