import { InputError } from './errors.js';

export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Options of {@link createOptimizer}; unset fields take the defaults listed. */
export interface OptimizerOptions {
  name?: OptimizerName;
  /** Learning rate (default 0.01 for sgd/momentum/nesterov, 0.001 for adam). */
  lr?: number;
  /** momentum/nesterov: the velocity decay μ (default 0.9). */
  momentum?: number;
  /** adam: β1 (default 0.9), β2 (default 0.999), ε (default 1e-8). */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** L2 weight decay λ: adds λ·w to the gradient of every parameter slot marked `decay` (default 0). */
  weightDecay?: number;
}

/** A parameter and its gradient, both flat. Tensors fit this shape; `decay` marks weight matrices. */
export interface ParamSlot {
  data: Float64Array;
  grad: Float64Array | null;
  decay?: boolean;
}

/** A stateful optimizer; call `step(params)` with the same parameter list every time. */
export interface Optimizer {
  readonly name: OptimizerName;
  /** The current learning rate; a schedule may change it between steps. */
  lr: number;
  readonly weightDecay: number;
  /** Number of steps taken. */
  t: number;
  step(params: readonly ParamSlot[]): void;
  /** Forgets the state (velocities, moments, step count). */
  reset(): void;
}

function positive(v: number | undefined, fallback: number, name: string, allowZero = false): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0))
    throw new InputError(`invalid optimizer ${name}: ${v} (expected a ${allowZero ? 'non-negative' : 'positive'} number)`);
  return v;
}

/**
 * Creates an optimizer by name or options:
 * - `sgd`: w ← w − lr·g
 * - `momentum`: v ← μv + g; w ← w − lr·v
 * - `nesterov`: v ← μv + g; w ← w − lr·(g + μv)   (the PyTorch form)
 * - `adam`: Kingma & Ba 2015 with bias correction.
 * With `weightDecay` λ > 0, g is replaced by g + λw for slots marked `decay` (classic L2, not AdamW).
 */
export function createOptimizer(spec: OptimizerName | OptimizerOptions = 'sgd'): Optimizer {
  const o: OptimizerOptions = typeof spec === 'string' ? { name: spec } : spec;
  const name = o.name ?? 'sgd';
  if (!(OPTIMIZERS as readonly string[]).includes(name))
    throw new InputError(`invalid optimizer "${name}" (expected one of ${OPTIMIZERS.join(', ')})`);
  const lr = positive(o.lr, name === 'adam' ? 0.001 : 0.01, 'lr');
  const mu = positive(o.momentum, 0.9, 'momentum', true);
  const b1 = positive(o.beta1, 0.9, 'beta1', true);
  const b2 = positive(o.beta2, 0.999, 'beta2', true);
  const eps = positive(o.epsilon, 1e-8, 'epsilon');
  const wd = positive(o.weightDecay, 0, 'weightDecay', true);
  if (b1 >= 1 || b2 >= 1) throw new InputError('invalid optimizer beta1/beta2: expected values in [0, 1)');
  let m: Float64Array[] = [];
  let v: Float64Array[] = [];
  const opt: Optimizer = {
    name,
    lr,
    weightDecay: wd,
    t: 0,
    reset() {
      m = [];
      v = [];
      opt.t = 0;
    },
    step(params) {
      opt.t++;
      const rate = opt.lr;
      const t = opt.t;
      const bc1 = 1 / (1 - b1 ** t);
      const bc2 = 1 / (1 - b2 ** t);
      for (let p = 0; p < params.length; p++) {
        const slot = params[p];
        const w = slot.data;
        const g = slot.grad;
        if (g === null) continue;
        const n = w.length;
        const lam = slot.decay ? wd : 0;
        if (name === 'sgd') {
          if (lam === 0) for (let i = 0; i < n; i++) w[i] -= rate * g[i];
          else for (let i = 0; i < n; i++) w[i] -= rate * (g[i] + lam * w[i]);
          continue;
        }
        if (m[p] === undefined) m[p] = new Float64Array(n);
        const mp = m[p];
        if (name === 'momentum') {
          for (let i = 0; i < n; i++) {
            const vi = mu * mp[i] + g[i] + lam * w[i];
            mp[i] = vi;
            w[i] -= rate * vi;
          }
        } else if (name === 'nesterov') {
          for (let i = 0; i < n; i++) {
            const gi = g[i] + lam * w[i];
            const vi = mu * mp[i] + gi;
            mp[i] = vi;
            w[i] -= rate * (gi + mu * vi);
          }
        } else {
          if (v[p] === undefined) v[p] = new Float64Array(n);
          const vp = v[p];
          for (let i = 0; i < n; i++) {
            const gi = g[i] + lam * w[i];
            const mi = b1 * mp[i] + (1 - b1) * gi;
            const vi = b2 * vp[i] + (1 - b2) * gi * gi;
            mp[i] = mi;
            vp[i] = vi;
            w[i] -= (rate * mi * bc1) / (Math.sqrt(vi * bc2) + eps);
          }
        }
      }
    },
  };
  return opt;
}

/** A learning-rate schedule: the rate to use in `epoch` (0-based) given the base rate. */
export type LrSchedule = (epoch: number, baseLr: number) => number;

/** Multiplies the rate by `factor` every `every` epochs. */
export function stepDecay(every: number, factor: number): LrSchedule {
  return (epoch, base) => base * factor ** Math.floor(epoch / every);
}

/** Cosine annealing from the base rate down to `minLr` over `epochs` epochs. */
export function cosineDecay(epochs: number, minLr = 0): LrSchedule {
  return (epoch, base) => minLr + 0.5 * (base - minLr) * (1 + Math.cos((Math.PI * Math.min(epoch, epochs)) / epochs));
}
