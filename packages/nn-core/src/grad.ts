import { lossAndGradient, type LossName } from './losses.js';
import type { OpName, Tensor } from './tensor.js';

/** Adds `g` (same layout) into `t.grad` if t requires grad; returns t.grad or null. */
function gradOf(t: Tensor): Float64Array | null {
  if (!t.requiresGrad) return null;
  if (!t.grad) t.grad = new Float64Array(t.size);
  return t.grad;
}

/** Out[i*o0+j*o1] += Σ_p X[i*x0+p*x1] · Y[p*y0+j*y1] for i<n, j<m, p<k (strided matrix product). */
export function matmulStrided(
  x: Float64Array,
  x0: number,
  x1: number,
  y: Float64Array,
  y0: number,
  y1: number,
  n: number,
  k: number,
  m: number,
  out: Float64Array,
  o0: number,
  o1: number,
): void {
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc += x[i * x0 + p * x1] * y[p * y0 + j * y1];
      out[i * o0 + j * o1] += acc;
    }
}

type Rule = (out: Tensor, g: Float64Array) => void;

/** Elementwise unary rule: dL/dx = g · f'(x, y) with x the input and y the output. */
function unary(df: (x: number, y: number, ctx: Record<string, unknown>) => number): Rule {
  return (out, g) => {
    const a = out.inputs[0];
    const ga = gradOf(a);
    if (!ga) return;
    const x = a.data;
    const y = out.data;
    for (let i = 0; i < g.length; i++) ga[i] += g[i] * df(x[i], y[i], out.ctx);
  };
}

const sigm = (v: number): number => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

/**
 * THE backward-rule table: one rule per op, each adding dL/dinput into its inputs' `grad`.
 * Broadcast ops carry index maps (`ctx.mapA`, `ctx.mapB`: output index → input index), so the
 * rules sum gradients over broadcast dimensions. Kink convention (as in PyTorch/TF.js):
 * relu'(0) = 0, leaky_relu'(0) = prelu'(0) = alpha, abs'(0) = 0, hardtanh'(±1) = 0,
 * elu'(0) = alpha, maxout: the lowest-index maximum takes the gradient.
 */
export const BACKWARD: Record<OpName, Rule> = {
  add(out, g) {
    const [a, b] = out.inputs;
    const ga = gradOf(a);
    const gb = gradOf(b);
    const mA = out.ctx.mapA as Int32Array | null;
    const mB = out.ctx.mapB as Int32Array | null;
    for (let i = 0; i < g.length; i++) {
      if (ga) ga[mA ? mA[i] : i] += g[i];
      if (gb) gb[mB ? mB[i] : i] += g[i];
    }
  },
  sub(out, g) {
    const [a, b] = out.inputs;
    const ga = gradOf(a);
    const gb = gradOf(b);
    const mA = out.ctx.mapA as Int32Array | null;
    const mB = out.ctx.mapB as Int32Array | null;
    for (let i = 0; i < g.length; i++) {
      if (ga) ga[mA ? mA[i] : i] += g[i];
      if (gb) gb[mB ? mB[i] : i] -= g[i];
    }
  },
  mul(out, g) {
    const [a, b] = out.inputs;
    const ga = gradOf(a);
    const gb = gradOf(b);
    const mA = out.ctx.mapA as Int32Array | null;
    const mB = out.ctx.mapB as Int32Array | null;
    for (let i = 0; i < g.length; i++) {
      const ia = mA ? mA[i] : i;
      const ib = mB ? mB[i] : i;
      if (ga) ga[ia] += g[i] * b.data[ib];
      if (gb) gb[ib] += g[i] * a.data[ia];
    }
  },
  div(out, g) {
    const [a, b] = out.inputs;
    const ga = gradOf(a);
    const gb = gradOf(b);
    const mA = out.ctx.mapA as Int32Array | null;
    const mB = out.ctx.mapB as Int32Array | null;
    for (let i = 0; i < g.length; i++) {
      const ia = mA ? mA[i] : i;
      const ib = mB ? mB[i] : i;
      const bv = b.data[ib];
      if (ga) ga[ia] += g[i] / bv;
      if (gb) gb[ib] -= (g[i] * a.data[ia]) / (bv * bv);
    }
  },
  neg: unary(() => -1),
  exp: unary((_x, y) => y),
  log: unary((x) => 1 / x),
  square: unary((x) => 2 * x),
  matmul(out, g) {
    const [a, b] = out.inputs;
    const { n, k, m, sa0, sa1, sb0, sb1 } = out.ctx as Record<string, number>;
    const ga = gradOf(a);
    const gb = gradOf(b);
    // d op(A) = G op(B)ᵀ ; d op(B) = op(A)ᵀ G   (written back through the same strides)
    if (ga) matmulStrided(g, m, 1, b.data, sb1, sb0, n, m, k, ga, sa0, sa1);
    if (gb) matmulStrided(a.data, sa1, sa0, g, m, 1, k, n, m, gb, sb0, sb1);
  },
  sum(out, g) {
    const a = out.inputs[0];
    const ga = gradOf(a);
    if (!ga) return;
    const { pre, d, post, scale } = out.ctx as Record<string, number>;
    for (let i = 0; i < pre; i++)
      for (let j = 0; j < d; j++)
        for (let k = 0; k < post; k++) ga[(i * d + j) * post + k] += g[i * post + k] * scale;
  },
  mean(out, g) {
    BACKWARD.sum(out, g);
  },
  gatherRows(out, g) {
    const a = out.inputs[0];
    const ga = gradOf(a);
    if (!ga) return;
    const idx = out.ctx.indices as Int32Array;
    const w = out.ctx.rowSize as number;
    for (let r = 0; r < idx.length; r++) for (let j = 0; j < w; j++) ga[idx[r] * w + j] += g[r * w + j];
  },
  relu: unary((x) => (x > 0 ? 1 : 0)),
  leaky_relu: unary((x, _y, c) => (x > 0 ? 1 : (c.alpha as number))),
  prelu(out, g) {
    const [a, alpha] = out.inputs;
    const ga = gradOf(a);
    const gal = gradOf(alpha);
    const units = alpha.size;
    const x = a.data;
    for (let i = 0; i < g.length; i++) {
      const j = i % units;
      if (x[i] > 0) {
        if (ga) ga[i] += g[i];
      } else {
        if (ga) ga[i] += g[i] * alpha.data[j];
        if (gal) gal[j] += g[i] * x[i];
      }
    }
  },
  elu: unary((x, y, c) => (x > 0 ? 1 : y + (c.alpha as number))),
  sigmoid: unary((_x, y) => y * (1 - y)),
  tanh: unary((_x, y) => 1 - y * y),
  softplus: unary((x) => sigm(x)),
  abs: unary((x) => (x > 0 ? 1 : x < 0 ? -1 : 0)),
  hardtanh: unary((x) => (x > -1 && x < 1 ? 1 : 0)),
  linear: unary(() => 1),
  maxout(out, g) {
    const a = out.inputs[0];
    const ga = gradOf(a);
    if (!ga) return;
    const arg = out.ctx.argmax as Int32Array;
    for (let i = 0; i < g.length; i++) ga[arg[i]] += g[i];
  },
  loss(out, g) {
    const [pred, target] = out.inputs;
    const gp = gradOf(pred);
    if (!gp) return;
    const { batch, dim, targetDim } = out.ctx as Record<string, number>;
    const tmp = new Float64Array(pred.size);
    lossAndGradient(out.ctx.loss as LossName, pred.data, target.data, batch, dim, targetDim, tmp);
    for (let i = 0; i < tmp.length; i++) gp[i] += g[0] * tmp[i];
  },
};
