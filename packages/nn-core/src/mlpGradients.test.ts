import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { act, V } from '../test/scalarAutodiff.js';
import {
  ACTIVATIONS,
  type Activation,
  createKernel,
  createMlp,
  createRng,
  gradcheck,
  LOSSES,
  loss,
  type Mlp,
  mlpForward,
  mlpParameters,
  tensor,
} from './index.js';

function randomData(mlp: Mlp, n: number, seed: number, lossName = 'mse') {
  const rng = createRng(seed);
  const x = new Float64Array(n * mlp.inputDim);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform(-2, 2);
  const d = mlp.outputDim;
  const y = new Float64Array(n * d);
  for (let s = 0; s < n; s++)
    for (let k = 0; k < d; k++) {
      const u = rng.next();
      y[s * d + k] =
        lossName === 'bce' ? u : lossName === 'hinge' ? (u > 0.5 ? 1 : -1) : lossName === 'softmax_cross_entropy' ? 0 : 3 * u - 1;
    }
  if (lossName === 'softmax_cross_entropy') for (let s = 0; s < n; s++) y[s * d + rng.int(d)] = 1;
  return { x, y };
}

function tapeGrads(mlp: Mlp, x: Float64Array, y: Float64Array, n: number, lossName: string): Float64Array[] {
  const ps = mlpParameters(mlp);
  const out = mlpForward(mlp, tensor(x, [n, mlp.inputDim]), ps);
  loss(out, tensor(y, [n, y.length / n]), lossName).backward();
  return ps.map((p) => p.grad as Float64Array);
}

describe('gradient check of whole MLPs (every activation, tape and fused engines)', () => {
  for (const activation of ACTIVATIONS)
    it(`2-5-4-1 ${activation}: max rel error < 1e-6`, () => {
      const mlp = createMlp({ arch: '2-5-4-1', activation, seed: 3, init: 'uniform', alpha: 0.2, rank: 3 });
      const data = randomData(mlp, 7, 5);
      for (const engine of ['tape', 'fused'] as const) {
        const r = gradcheck(mlp, data, { engine });
        expect(r.maxRelError).toBeLessThan(1e-6);
        expect(r.perTensor.map((t) => t.name)).toContain('layers[2].bias');
      }
    });
  for (const lossName of LOSSES)
    it(`2-6-3 tanh with loss ${lossName}: max rel error < 1e-6`, () => {
      const mlp = createMlp({ arch: '2-6-3', activation: 'tanh', seed: 4 });
      const r = gradcheck(mlp, randomData(mlp, 6, 9, lossName), { loss: lossName });
      expect(r.maxRelError).toBeLessThan(1e-6);
      expect(r.parameters).toBe(6 * 2 + 6 + 3 * 6 + 3);
    });
});

describe('the fused kernel equals the tape', () => {
  it('gradients agree to 1e-10 on random nets, activations, losses and batches', () => {
    const acts = fc.constantFrom<Activation>(...ACTIVATIONS);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
        acts,
        acts,
        fc.constantFrom(...LOSSES),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 1000 }),
        (hidden, a1, a2, lossName, n, seed) => {
          const outDim = lossName === 'softmax_cross_entropy' ? 3 : 2;
          const arch = [2, ...hidden, outDim];
          const activation = hidden.map((_, i) => (i % 2 === 0 ? a1 : a2));
          const mlp = createMlp({ arch, activation, seed, init: 'uniform', alpha: 0.3, rank: 2 });
          const { x, y } = randomData(mlp, n, seed + 1, lossName);
          const expected = tapeGrads(mlp, x, y, n, lossName);
          const k = createKernel(mlp, n + 3);
          k.lossAndGrad(x, y, n, lossName as never, outDim);
          k.slots.forEach((s, i) => {
            const g = s.grad as Float64Array;
            for (let j = 0; j < g.length; j++) expect(Math.abs(g[j] - expected[i][j])).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected[i][j])));
          });
        },
      ),
      { seed: 1234, numRuns: 150 },
    );
  });

  it('gradients agree to 1e-10 on wide layers (the transposed, blocked path) and odd batch sizes', () => {
    for (const [arch, n] of [
      ['3-9-12-10-2', 13],
      ['8-16-8', 4],
      ['10-9-1', 7],
    ] as const) {
      for (const activation of ['relu', 'tanh', 'maxout', 'prelu'] as const) {
        const mlp = createMlp({ arch, activation, seed: n, rank: 2 });
        for (const layer of mlp.layers) for (let i = 0; i < layer.bias.length; i++) layer.bias[i] = 0.1 * Math.sin(i + 1);
        const { x, y } = randomData(mlp, n, 3);
        const expected = tapeGrads(mlp, x, y, n, 'mse');
        const k = createKernel(mlp, n);
        k.lossAndGrad(x, y, n, 'mse', mlp.outputDim);
        k.slots.forEach((s, i) => {
          const g = s.grad as Float64Array;
          for (let j = 0; j < g.length; j++)
            expect(Math.abs(g[j] - expected[i][j])).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected[i][j])));
        });
      }
    }
  });

  it('at kinks both engines use the same convention (relu, abs, hardtanh, leaky, maxout ties)', () => {
    for (const activation of ['relu', 'abs', 'hardtanh', 'leaky_relu', 'prelu', 'maxout'] as const) {
      const mlp = createMlp({ arch: '2-2-1', activation, seed: 1, rank: 2 });
      const l0 = mlp.layers[0];
      l0.weights.fill(0);
      l0.bias.fill(0);
      if (activation === 'hardtanh') l0.bias.fill(1); // z = 1 exactly
      const x = Float64Array.of(0.5, -0.25, 1, 2);
      const y = Float64Array.of(1, -1);
      const expected = tapeGrads(mlp, x, y, 2, 'mse');
      const k = createKernel(mlp, 2);
      k.lossAndGrad(x, y, 2, 'mse', 1);
      k.slots.forEach((s, i) => {
        expect(Array.from(s.grad as Float64Array)).toEqual(Array.from(expected[i]));
      });
      if (activation === 'relu' || activation === 'abs' || activation === 'hardtanh')
        expect(Array.from(k.slots[0].grad as Float64Array)).toEqual([0, 0, 0, 0]);
    }
  });
});

describe('an independent scalar autodiff agrees with the tensor engine', () => {
  const scalarActs = ['relu', 'leaky_relu', 'elu', 'sigmoid', 'tanh', 'softplus', 'abs', 'hardtanh', 'linear'] as const;
  for (const activation of scalarActs)
    it(`2-4-3-1 ${activation}, mse: gradients agree to 1e-12`, () => {
      const mlp = createMlp({ arch: '2-4-3-1', activation, seed: 8, init: 'uniform', alpha: 0.1 });
      const n = 5;
      const { x, y } = randomData(mlp, n, 21);
      // scalar graph
      const W = mlp.layers.map((l) => Array.from(l.weights, (w) => new V(w)));
      const B = mlp.layers.map((l) => Array.from(l.bias, (b) => new V(b)));
      let total = new V(0);
      for (let s = 0; s < n; s++) {
        let h = [new V(x[2 * s]), new V(x[2 * s + 1])];
        mlp.layers.forEach((layer, l) => {
          const next: V[] = [];
          for (let r = 0; r < layer.rows; r++) {
            let z = B[l][r];
            for (let i = 0; i < layer.nIn; i++) z = z.add(W[l][r * layer.nIn + i].mul(h[i]));
            next.push(act(layer.activation, z, layer.alpha ?? 1));
          }
          h = next;
        });
        const d = h[0].sub(y[s]);
        total = total.add(d.mul(d));
      }
      total.mul(1 / n).backward();
      const g = tapeGrads(mlp, x, y, n, 'mse');
      mlp.layers.forEach((_, l) => {
        W[l].forEach((w, i) => {
          expect(g[2 * l][i]).toBeCloseTo(w.grad, 12);
        });
        B[l].forEach((b, i) => {
          expect(g[2 * l + 1][i]).toBeCloseTo(b.grad, 12);
        });
      });
    });
});
