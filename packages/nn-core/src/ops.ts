import { ShapeError } from './errors.js';
import { matmulStrided } from './grad.js';
import { checkTargetDim, type LossName, lossAndGradient, lossName } from './losses.js';
import { isGradEnabled } from './tape.js';
import { type OpName, Tensor, shapeSize, tensor } from './tensor.js';

type Operand = Tensor | number;

const asTensor = (v: Operand): Tensor => (typeof v === 'number' ? tensor(v) : v);

/** Makes an op's output tensor, recording op and inputs when grad mode is on and an input needs grad. */
function record(op: OpName, data: Float64Array, shape: readonly number[], inputs: Tensor[], ctx: Record<string, unknown> = {}): Tensor {
  const track = isGradEnabled() && inputs.some((t) => t.requiresGrad);
  if (!track) return new Tensor(data, shape);
  return new Tensor(data, shape, { requiresGrad: true, op, inputs, ctx });
}

/** NumPy broadcasting of two shapes (trailing dimensions aligned; 1 stretches). */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      throw new ShapeError(`cannot broadcast shapes [${a.join(', ')}] and [${b.join(', ')}]`);
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** For each flat index of `outShape`, the flat index of the broadcast input; null when the shapes are equal. */
function broadcastMap(outShape: readonly number[], inShape: readonly number[]): Int32Array | null {
  if (outShape.length === inShape.length && outShape.every((d, i) => d === inShape[i])) return null;
  const n = outShape.length;
  const size = shapeSize(outShape);
  const inStrides: number[] = new Array(n).fill(0);
  let st = 1;
  for (let i = n - 1; i >= 0; i--) {
    const d = inShape[inShape.length - n + i] ?? 1;
    inStrides[i] = d === 1 ? 0 : st;
    st *= d;
  }
  const map = new Int32Array(size);
  const idx = new Array(n).fill(0);
  for (let f = 0; f < size; f++) {
    let o = 0;
    for (let i = 0; i < n; i++) o += idx[i] * inStrides[i];
    map[f] = o;
    for (let i = n - 1; i >= 0; i--) {
      if (++idx[i] < outShape[i]) break;
      idx[i] = 0;
    }
  }
  return map;
}

function binary(op: 'add' | 'sub' | 'mul' | 'div', x: Operand, y: Operand): Tensor {
  const a = asTensor(x);
  const b = asTensor(y);
  const shape = broadcastShapes(a.shape, b.shape);
  const mapA = broadcastMap(shape, a.shape);
  const mapB = broadcastMap(shape, b.shape);
  const out = new Float64Array(shapeSize(shape));
  const ad = a.data;
  const bd = b.data;
  for (let i = 0; i < out.length; i++) {
    const u = ad[mapA ? mapA[i] : i];
    const v = bd[mapB ? mapB[i] : i];
    out[i] = op === 'add' ? u + v : op === 'sub' ? u - v : op === 'mul' ? u * v : u / v;
  }
  return record(op, out, shape, [a, b], { mapA, mapB });
}

/** a + b with broadcasting (e.g. [batch, n] + [n] adds a bias to every row). */
export const add = (a: Operand, b: Operand): Tensor => binary('add', a, b);
/** a − b with broadcasting. */
export const sub = (a: Operand, b: Operand): Tensor => binary('sub', a, b);
/** Elementwise a · b with broadcasting. */
export const mul = (a: Operand, b: Operand): Tensor => binary('mul', a, b);
/** Elementwise a / b with broadcasting. */
export const div = (a: Operand, b: Operand): Tensor => binary('div', a, b);

function unaryOp(op: OpName, a: Tensor, f: (x: number) => number, ctx: Record<string, unknown> = {}): Tensor {
  const out = new Float64Array(a.size);
  const x = a.data;
  for (let i = 0; i < out.length; i++) out[i] = f(x[i]);
  return record(op, out, a.shape, [a], ctx);
}

export const neg = (a: Tensor): Tensor => unaryOp('neg', a, (x) => -x);
export const exp = (a: Tensor): Tensor => unaryOp('exp', a, Math.exp);
export const log = (a: Tensor): Tensor => unaryOp('log', a, Math.log);
export const square = (a: Tensor): Tensor => unaryOp('square', a, (x) => x * x);

/**
 * Matrix product of 2-D tensors, op(a) · op(b), where op transposes when `transA`/`transB` is set
 * (e.g. `matmul(x, w, { transB: true })` is x Wᵀ for a weight matrix stored [out][in]).
 */
export function matmul(a: Tensor, b: Tensor, options: { transA?: boolean; transB?: boolean } = {}): Tensor {
  if (a.shape.length !== 2 || b.shape.length !== 2)
    throw new ShapeError(`matmul: expected 2-D tensors, got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
  const tA = options.transA ?? false;
  const tB = options.transB ?? false;
  const [ar, ac] = a.shape;
  const [br, bc] = b.shape;
  const n = tA ? ac : ar;
  const k = tA ? ar : ac;
  const kb = tB ? bc : br;
  const m = tB ? br : bc;
  if (k !== kb)
    throw new ShapeError(
      `matmul: inner sizes differ: op(a) is [${n}, ${k}], op(b) is [${kb}, ${m}] (transA ${tA}, transB ${tB})`,
    );
  const sa0 = tA ? 1 : ac;
  const sa1 = tA ? ac : 1;
  const sb0 = tB ? 1 : bc;
  const sb1 = tB ? bc : 1;
  const out = new Float64Array(n * m);
  matmulStrided(a.data, sa0, sa1, b.data, sb0, sb1, n, k, m, out, m, 1);
  return record('matmul', out, [n, m], [a, b], { n, k, m, sa0, sa1, sb0, sb1 });
}

function reduce(op: 'sum' | 'mean', a: Tensor, axis?: number): Tensor {
  if (axis === undefined) {
    let s = 0;
    for (let i = 0; i < a.size; i++) s += a.data[i];
    const scale = op === 'mean' ? 1 / a.size : 1;
    return record(op, Float64Array.of(s * scale), [], [a], { pre: 1, d: a.size, post: 1, scale });
  }
  const r = a.shape.length;
  const ax = axis < 0 ? axis + r : axis;
  if (!(Number.isInteger(ax) && ax >= 0 && ax < r)) throw new ShapeError(`${op}: axis ${axis} out of range for rank ${r}`);
  const pre = shapeSize(a.shape.slice(0, ax));
  const d = a.shape[ax];
  const post = shapeSize(a.shape.slice(ax + 1));
  const scale = op === 'mean' ? 1 / d : 1;
  const out = new Float64Array(pre * post);
  for (let i = 0; i < pre; i++)
    for (let j = 0; j < d; j++) for (let k = 0; k < post; k++) out[i * post + k] += a.data[(i * d + j) * post + k];
  if (scale !== 1) for (let i = 0; i < out.length; i++) out[i] *= scale;
  return record(op, out, [...a.shape.slice(0, ax), ...a.shape.slice(ax + 1)], [a], { pre, d, post, scale });
}

/** Sum of all elements (a scalar), or along one axis. */
export const sum = (a: Tensor, axis?: number): Tensor => reduce('sum', a, axis);
/** Mean of all elements (a scalar), or along one axis. */
export const mean = (a: Tensor, axis?: number): Tensor => reduce('mean', a, axis);

/** Rows `indices` of a tensor (first axis), e.g. a minibatch of a dataset. */
export function gatherRows(a: Tensor, indices: ArrayLike<number>): Tensor {
  const rowSize = a.shape.length === 0 ? 1 : a.size / a.shape[0];
  const idx = Int32Array.from(indices as ArrayLike<number>);
  const out = new Float64Array(idx.length * rowSize);
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r];
    if (!(Number.isInteger(i) && i >= 0 && i < a.shape[0]))
      throw new ShapeError(`gatherRows: index ${i} at position ${r} is out of range 0…${a.shape[0] - 1}`);
    out.set(a.data.subarray(i * rowSize, (i + 1) * rowSize), r * rowSize);
  }
  return record('gatherRows', out, [idx.length, ...a.shape.slice(1)], [a], { indices: idx, rowSize });
}

const sigm = (v: number): number => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

export const relu = (a: Tensor): Tensor => unaryOp('relu', a, (x) => (x > 0 ? x : 0));
export const leakyRelu = (a: Tensor, alpha = 0.01): Tensor =>
  unaryOp('leaky_relu', a, (x) => (x > 0 ? x : alpha * x), { alpha });
export const elu = (a: Tensor, alpha = 1): Tensor =>
  unaryOp('elu', a, (x) => (x > 0 ? x : alpha * Math.expm1(x)), { alpha });
export const sigmoid = (a: Tensor): Tensor => unaryOp('sigmoid', a, sigm);
export const tanh = (a: Tensor): Tensor => unaryOp('tanh', a, Math.tanh);
export const softplus = (a: Tensor): Tensor =>
  unaryOp('softplus', a, (v) => (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v))));
export const abs = (a: Tensor): Tensor => unaryOp('abs', a, Math.abs);
export const hardtanh = (a: Tensor): Tensor => unaryOp('hardtanh', a, (x) => (x > 1 ? 1 : x < -1 ? -1 : x));
export const linear = (a: Tensor): Tensor => unaryOp('linear', a, (x) => x);

/** PReLU: x for x > 0, else alpha_j · x, with one learned slope per unit (the last axis). */
export function prelu(a: Tensor, alpha: Tensor): Tensor {
  const units = a.shape[a.shape.length - 1];
  if (alpha.size !== units) throw new ShapeError(`prelu: alpha has ${alpha.size} values, the last axis has ${units}`);
  const out = new Float64Array(a.size);
  for (let i = 0; i < out.length; i++) {
    const x = a.data[i];
    out[i] = x > 0 ? x : alpha.data[i % units] * x;
  }
  return record('prelu', out, a.shape, [a, alpha]);
}

/**
 * Maxout of rank k over the last axis: [batch, units·k] → [batch, units], unit j = max of columns
 * j·k … j·k+k−1 (ties: the lowest index, which also takes the gradient).
 */
export function maxout(a: Tensor, k: number): Tensor {
  const last = a.shape[a.shape.length - 1];
  if (!(Number.isInteger(k) && k >= 1) || last % k !== 0)
    throw new ShapeError(`maxout: the last axis (${last}) is not a multiple of rank ${k}`);
  const units = last / k;
  const outer = a.size / last;
  const out = new Float64Array(outer * units);
  const argmax = new Int32Array(outer * units);
  for (let s = 0; s < outer; s++)
    for (let j = 0; j < units; j++) {
      const o = s * last + j * k;
      let best = o;
      for (let r = 1; r < k; r++) if (a.data[o + r] > a.data[best]) best = o + r;
      out[s * units + j] = a.data[best];
      argmax[s * units + j] = best;
    }
  return record('maxout', out, [...a.shape.slice(0, -1), units], [a], { argmax });
}

/**
 * A loss of predictions [batch, dim] against constant targets, as one op (the numerically stable
 * forms of `losses.ts`): `loss(pred, y, 'bce')`. Returns a scalar tensor.
 */
export function loss(pred: Tensor, target: Tensor | Float64Array, name: LossName | string = 'mse'): Tensor {
  const ln = lossName(name);
  const t = target instanceof Float64Array ? tensor(target) : target;
  const batch = pred.shape.length >= 2 ? pred.shape[0] : 1;
  const dim = pred.size / batch;
  const targetDim = t.size / batch;
  if (!Number.isInteger(targetDim)) throw new ShapeError(`loss: ${t.size} targets do not split into ${batch} rows`);
  checkTargetDim(ln, dim, targetDim);
  const v = lossAndGradient(ln, pred.data, t.data, batch, dim, targetDim);
  return record('loss', Float64Array.of(v), [], [pred, t], { loss: ln, batch, dim, targetDim });
}
