import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  backward,
  createRng,
  div,
  elu,
  exp,
  gatherRows,
  gradcheckFn,
  hardtanh,
  isGradEnabled,
  leakyRelu,
  linear,
  log,
  loss,
  matmul,
  maxout,
  mean,
  mul,
  neg,
  noGrad,
  prelu,
  randn,
  randu,
  relu,
  sigmoid,
  softplus,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
  zeros,
} from './index.js';

const TOL = 1e-6;
const rng = createRng(7);
const param = (shape: number[], lo = -1, hi = 1): Tensor => {
  const t = randu(shape, rng, lo, hi, { requiresGrad: true });
  return t;
};
/** A random weighting so the gradient check sees every output entry with a different weight. */
const weighted = (t: Tensor): Tensor => sum(mul(t, randu([...t.shape], createRng(t.size + 11), 0.5, 1.5)));

describe('tensor creation', () => {
  it('tensor() flattens nested arrays row-major and refuses ragged ones', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => tensor(new Float64Array(5), [2, 3])).toThrow(/do not fill shape/);
    expect(tensor(3).item()).toBe(3);
  });
});

describe('forward values', () => {
  it('add broadcasts a bias row over a batch, and a scalar over everything', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(add(x, tensor([10, 20])).toArray()).toEqual([
      [11, 22],
      [13, 24],
    ]);
    expect(add(x, tensor([[10], [20]])).toArray()).toEqual([
      [11, 12],
      [23, 24],
    ]);
    expect(mul(x, 2).toArray()).toEqual([
      [2, 4],
      [6, 8],
    ]);
    expect(() => add(x, tensor([1, 2, 3]))).toThrow(/cannot broadcast/);
  });

  it('matmul with every transpose combination equals the brute-force product', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.boolean(), (n, k, m, tA, tB) => {
        const r = createRng(n * 100 + k * 10 + m);
        const A = randn([n, k], r);
        const B = randn([k, m], r);
        const Ast = tensor(transpose(A.data, n, k), [k, n]);
        const Bst = tensor(transpose(B.data, k, m), [m, k]);
        const C = matmul(tA ? Ast : A, tB ? Bst : B, { transA: tA, transB: tB });
        expect(C.shape).toEqual([n, m]);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < m; j++) {
            let acc = 0;
            for (let p = 0; p < k; p++) acc += A.data[i * k + p] * B.data[p * m + j];
            expect(C.data[i * m + j]).toBeCloseTo(acc, 12);
          }
      }),
      { seed: 42, numRuns: 60 },
    );
    expect(() => matmul(zeros([2, 3]), zeros([2, 3]))).toThrow(/inner sizes differ/);
  });

  it('sum and mean reduce everything or one axis', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(sum(x).item()).toBe(21);
    expect(mean(x).item()).toBe(3.5);
    expect(sum(x, 0).toArray()).toEqual([5, 7, 9]);
    expect(sum(x, 1).toArray()).toEqual([6, 15]);
    expect(mean(x, -1).toArray()).toEqual([2, 5]);
  });

  it('gatherRows picks rows in order, repeats allowed, and refuses bad indices', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(gatherRows(x, [2, 0, 2]).toArray()).toEqual([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    expect(() => gatherRows(x, [3])).toThrow(/out of range/);
  });

  it('maxout takes the max of each group of k columns', () => {
    const x = tensor([[1, 5, 3, 2, 9, 0]]);
    expect(maxout(x, 2).toArray()).toEqual([[5, 3, 9]]);
    expect(maxout(x, 3).toArray()).toEqual([[5, 9]]);
  });
});

function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}

describe('gradient checks of every op (central differences, max rel error < 1e-6)', () => {
  const cases: Array<[string, () => { f: () => Tensor; params: Tensor[] }]> = [
    ['add (broadcast)', () => { const a = param([3, 4]); const b = param([4]); return { f: () => weighted(add(a, b)), params: [a, b] }; }],
    ['sub (broadcast column)', () => { const a = param([3, 4]); const b = param([3, 1]); return { f: () => weighted(sub(a, b)), params: [a, b] }; }],
    ['mul (broadcast)', () => { const a = param([3, 4]); const b = param([1, 4]); return { f: () => weighted(mul(a, b)), params: [a, b] }; }],
    ['div', () => { const a = param([3, 2]); const b = param([3, 2], 0.5, 2); return { f: () => weighted(div(a, b)), params: [a, b] }; }],
    ['neg', () => { const a = param([5]); return { f: () => weighted(neg(a)), params: [a] }; }],
    ['exp', () => { const a = param([5]); return { f: () => weighted(exp(a)), params: [a] }; }],
    ['log', () => { const a = param([5], 0.5, 3); return { f: () => weighted(log(a)), params: [a] }; }],
    ['square', () => { const a = param([5]); return { f: () => weighted(square(a)), params: [a] }; }],
    ['matmul', () => { const a = param([3, 4]); const b = param([4, 2]); return { f: () => weighted(matmul(a, b)), params: [a, b] }; }],
    ['matmul transA transB', () => { const a = param([4, 3]); const b = param([2, 4]); return { f: () => weighted(matmul(a, b, { transA: true, transB: true })), params: [a, b] }; }],
    ['sum axis 0', () => { const a = param([3, 4]); return { f: () => weighted(sum(a, 0)), params: [a] }; }],
    ['mean axis 1', () => { const a = param([3, 4]); return { f: () => weighted(mean(a, 1)), params: [a] }; }],
    ['mean all', () => { const a = param([3, 4]); return { f: () => mean(square(a)), params: [a] }; }],
    ['gatherRows (repeated rows)', () => { const a = param([4, 3]); return { f: () => weighted(gatherRows(a, [1, 3, 1, 0])), params: [a] }; }],
  ];
  for (const [name, make] of cases)
    it(`${name}`, () => {
      const { f, params } = make();
      const r = gradcheckFn(f, params);
      expect(r.maxRelError).toBeLessThan(TOL);
    });

  const acts: Array<[string, (t: Tensor) => Tensor]> = [
    ['relu', relu],
    ['leaky_relu', (t) => leakyRelu(t, 0.1)],
    ['elu', (t) => elu(t, 1.5)],
    ['sigmoid', sigmoid],
    ['tanh', tanh],
    ['softplus', softplus],
    ['abs', abs],
    ['hardtanh', hardtanh],
    ['linear', linear],
  ];
  for (const [name, fn] of acts)
    it(`activation ${name} away from kinks`, () => {
      // values in ±(0.05 … 2.5), away from 0 and ±1
      const a = tensor(Float64Array.from([-2.5, -1.4, -0.6, -0.05, 0.05, 0.4, 0.8, 1.3, 2.5]), [9], { requiresGrad: true });
      expect(gradcheckFn(() => weighted(fn(a)), [a]).maxRelError).toBeLessThan(TOL);
    });
  it('activation prelu (input and learned alpha)', () => {
    const a = tensor(Float64Array.from([-2, 0.5, -0.3, 1.2, -1, 0.7]), [2, 3], { requiresGrad: true });
    const al = tensor([0.1, 0.25, 0.4], undefined, { requiresGrad: true });
    expect(gradcheckFn(() => weighted(prelu(a, al)), [a, al]).maxRelError).toBeLessThan(TOL);
  });
  it('activation maxout rank 3 (no ties)', () => {
    const a = tensor(Float64Array.from([0.3, -1, 2, 0.1, 0.9, -0.4, 1.5, 1.1, -2, 0.2, 0.25, 0.6]), [2, 6], { requiresGrad: true });
    expect(gradcheckFn(() => weighted(maxout(a, 3)), [a]).maxRelError).toBeLessThan(TOL);
  });
  for (const name of ['mse', 'bce', 'softmax_cross_entropy', 'hinge'])
    it(`loss ${name}`, () => {
      const p = tensor(Float64Array.from([0.3, -1.2, 2, 0.1, 0.9, -0.4]), [3, 2], { requiresGrad: true });
      const y =
        name === 'softmax_cross_entropy'
          ? tensor([1, 0, 0, 1, 1, 0], [3, 2])
          : name === 'hinge'
            ? tensor([1, -1, -1, 1, 1, 1], [3, 2]) // margins avoid the kink
            : tensor([1, 0, 0.5, 1, 0, 0.2], [3, 2]);
      expect(gradcheckFn(() => loss(p, y, name), [p]).maxRelError).toBeLessThan(TOL);
    });
});

describe('kink convention', () => {
  const at = (fn: (t: Tensor) => Tensor, x: number): number => {
    const a = tensor(Float64Array.of(x), [1], { requiresGrad: true });
    sum(fn(a)).backward();
    return (a.grad as Float64Array)[0];
  };
  it("relu'(0) = 0, leaky_relu'(0) = alpha, abs'(0) = 0, hardtanh'(±1) = 0, elu'(0) = alpha", () => {
    expect(at(relu, 0)).toBe(0);
    expect(at((t) => leakyRelu(t, 0.2), 0)).toBe(0.2);
    expect(at(abs, 0)).toBe(0);
    expect(at(hardtanh, 1)).toBe(0);
    expect(at(hardtanh, -1)).toBe(0);
    expect(at((t) => elu(t, 0.7), 0)).toBe(0.7);
  });
  it('maxout sends the gradient of a tie to the lowest index', () => {
    const a = tensor([[2, 2, 1]], undefined, { requiresGrad: true });
    sum(maxout(a, 3)).backward();
    expect(Array.from(a.grad as Float64Array)).toEqual([1, 0, 0]);
  });
});

describe('tape', () => {
  it('gradients accumulate over several backward calls and reach shared inputs once per use', () => {
    const a = tensor([3], undefined, { requiresGrad: true });
    const y = mul(a, a); // dy/da = 2a = 6
    y.backward(Float64Array.of(1));
    expect((a.grad as Float64Array)[0]).toBe(6);
    sum(mul(a, 4)).backward();
    expect((a.grad as Float64Array)[0]).toBe(10);
  });
  it('noGrad records nothing and restores the mode', () => {
    const a = tensor([1, 2], undefined, { requiresGrad: true });
    const y = noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      return sum(square(a));
    });
    expect(isGradEnabled()).toBe(true);
    expect(y.requiresGrad).toBe(false);
    expect(y.op).toBe(null);
    expect(() => backward(y)).toThrow(/does not depend/);
  });
  it('backward of a non-scalar needs a seed', () => {
    const a = tensor([1, 2], undefined, { requiresGrad: true });
    expect(() => square(a).backward()).toThrow(/seed/);
  });
  it('gradcheckFn catches a gradient that the tape does not see', () => {
    const a = tensor([0.5, 1.5], undefined, { requiresGrad: true });
    // the second term is computed outside the tape, so the analytic gradient misses it
    const f = () => add(sum(square(a)), tensor(noGrad(() => sum(exp(a))).item()));
    expect(gradcheckFn(f, [a]).maxRelError).toBeGreaterThan(0.1);
  });
});
