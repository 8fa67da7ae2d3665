import { ShapeError } from './errors.js';
import type { Rng } from './rng.js';
import { backward } from './tape.js';

/** Names of the recorded operations; each has exactly one backward rule in `grad.ts`. */
export type OpName =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'neg'
  | 'exp'
  | 'log'
  | 'square'
  | 'matmul'
  | 'sum'
  | 'mean'
  | 'gatherRows'
  | 'relu'
  | 'leaky_relu'
  | 'prelu'
  | 'elu'
  | 'sigmoid'
  | 'tanh'
  | 'softplus'
  | 'abs'
  | 'hardtanh'
  | 'linear'
  | 'maxout'
  | 'loss';

let NEXT_ID = 0;

/**
 * A tensor: a shape and row-major Float64Array storage (no per-element objects). Tensors made by
 * an op while grad mode is on remember the op and its inputs; `backward` walks them in reverse
 * creation order (the tape) and accumulates `grad` into every tensor with `requiresGrad`.
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
  /** dL/dthis after `backward`, same layout as `data`; null until something flows into it. */
  grad: Float64Array | null = null;
  requiresGrad: boolean;
  /** The op that produced this tensor (null for leaves). */
  readonly op: OpName | null;
  readonly inputs: readonly Tensor[];
  /** Op-specific values the backward rule needs (transposes, alpha, indices, saved argmax…). */
  readonly ctx: Record<string, unknown>;
  /** Creation order: the tape position. */
  readonly id: number;
  /** Optional name for messages and gradient checks. */
  name?: string;

  constructor(
    data: Float64Array,
    shape: readonly number[],
    options: { requiresGrad?: boolean; op?: OpName; inputs?: Tensor[]; ctx?: Record<string, unknown>; name?: string } = {},
  ) {
    const size = shapeSize(shape);
    if (data.length !== size) throw new ShapeError(`tensor: ${data.length} values do not fill shape [${shape.join(', ')}]`);
    this.data = data;
    this.shape = shape.slice();
    this.requiresGrad = options.requiresGrad ?? false;
    this.op = options.op ?? null;
    this.inputs = options.inputs ?? [];
    this.ctx = options.ctx ?? {};
    this.id = NEXT_ID++;
    if (options.name !== undefined) this.name = options.name;
  }

  get size(): number {
    return this.data.length;
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.data.length !== 1) throw new ShapeError(`item(): tensor has ${this.data.length} elements, not 1`);
    return this.data[0];
  }

  /** Nested plain arrays (for printing and tests). */
  toArray(): number | unknown[] {
    if (this.shape.length === 0) return this.data[0];
    const build = (dim: number, offset: number): unknown[] => {
      const n = this.shape[dim];
      const stride = shapeSize(this.shape.slice(dim + 1));
      const out: unknown[] = [];
      for (let i = 0; i < n; i++)
        out.push(dim === this.shape.length - 1 ? this.data[offset + i] : build(dim + 1, offset + i * stride));
      return out;
    };
    return build(0, 0);
  }

  /** Reverse-mode autodiff from this (scalar) tensor: see {@link backward}. */
  backward(seed?: Float64Array): void {
    backward(this, seed);
  }

  /** Sets `grad` to zeros. */
  zeroGrad(): void {
    if (this.grad) this.grad.fill(0);
  }
}

export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!(Number.isInteger(d) && d >= 0)) throw new ShapeError(`invalid shape [${shape.join(', ')}]`);
    n *= d;
  }
  return n;
}

function flatten(values: unknown, shape: number[], out: number[], depth: number): void {
  if (Array.isArray(values)) {
    if (shape.length <= depth) shape.push(values.length);
    else if (shape[depth] !== values.length)
      throw new ShapeError(`tensor: ragged nested array (expected length ${shape[depth]}, got ${values.length})`);
    for (const v of values) flatten(v, shape, out, depth + 1);
  } else {
    if (typeof values !== 'number') throw new ShapeError(`tensor: expected numbers, got ${String(values)}`);
    if (depth !== shape.length) throw new ShapeError('tensor: ragged nested array');
    out.push(values);
  }
}

/**
 * Creates a tensor from nested arrays (`tensor([[1, 2], [3, 4]])`), a number (a scalar), or flat
 * values plus a shape (`tensor(new Float64Array(6), [2, 3])`).
 */
export function tensor(
  values: number | readonly unknown[] | Float64Array,
  shape?: readonly number[],
  options: { requiresGrad?: boolean; name?: string } = {},
): Tensor {
  if (values instanceof Float64Array) return new Tensor(values, shape ?? [values.length], options);
  if (typeof values === 'number') return new Tensor(Float64Array.of(values), shape ?? [], options);
  const s: number[] = [];
  const flat: number[] = [];
  flatten(values, s, flat, 0);
  return new Tensor(Float64Array.from(flat), shape ?? s, options);
}

export function zeros(shape: readonly number[], options?: { requiresGrad?: boolean }): Tensor {
  return new Tensor(new Float64Array(shapeSize(shape)), shape, options);
}

export function ones(shape: readonly number[], options?: { requiresGrad?: boolean }): Tensor {
  return full(shape, 1, options);
}

export function full(shape: readonly number[], value: number, options?: { requiresGrad?: boolean }): Tensor {
  return new Tensor(new Float64Array(shapeSize(shape)).fill(value), shape, options);
}

/** Standard-normal entries (scaled by `std`) from a seeded generator. */
export function randn(shape: readonly number[], rng: Rng, std = 1, options?: { requiresGrad?: boolean }): Tensor {
  const t = zeros(shape, options);
  for (let i = 0; i < t.data.length; i++) t.data[i] = rng.normal(0, std);
  return t;
}

/** Uniform entries in [lo, hi) from a seeded generator. */
export function randu(shape: readonly number[], rng: Rng, lo = 0, hi = 1, options?: { requiresGrad?: boolean }): Tensor {
  const t = zeros(shape, options);
  for (let i = 0; i < t.data.length; i++) t.data[i] = rng.uniform(lo, hi);
  return t;
}
