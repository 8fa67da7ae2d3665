import { InputError } from './errors.js';
import { evaluateMlp } from './evaluate.js';
import type { TrainData } from './fit.js';
import { createKernel } from './kernel.js';
import { checkTargetDim, type LossName, lossAndGradient, lossName } from './losses.js';
import type { Mlp } from './model.js';
import { loss as lossOp } from './ops.js';
import { noGrad } from './tape.js';
import { mlpForward, mlpParameters } from './tapeMlp.js';
import { type Tensor, tensor } from './tensor.js';

/** The check of one parameter tensor. */
export interface TensorCheck {
  name: string;
  size: number;
  /** max over entries of |analytic − numeric| / max(|analytic|, |numeric|, floor). */
  maxRelError: number;
  maxAbsError: number;
  /** Largest |numeric| gradient entry (to judge the scale). */
  maxGrad: number;
}

export interface GradcheckResult {
  maxRelError: number;
  maxAbsError: number;
  perTensor: TensorCheck[];
  /** Finite-difference step and the relative-error floor used. */
  h: number;
  floor: number;
  /** Where the analytic gradient came from. */
  engine: 'tape' | 'fused';
  parameters: number;
}

export interface GradcheckOptions {
  /** Central-difference step (default 1e-5). */
  h?: number;
  /** Denominator floor of the relative error, so gradients below it are judged absolutely (default 1e-3). */
  floor?: number;
}

function compare(
  names: string[],
  analytic: Float64Array[],
  params: Float64Array[],
  f: () => number,
  h: number,
  floor: number,
): TensorCheck[] {
  const out: TensorCheck[] = [];
  for (let p = 0; p < params.length; p++) {
    const w = params[p];
    let maxRel = 0;
    let maxAbs = 0;
    let maxGrad = 0;
    for (let i = 0; i < w.length; i++) {
      const keep = w[i];
      w[i] = keep + h;
      const up = f();
      w[i] = keep - h;
      const down = f();
      w[i] = keep;
      const numeric = (up - down) / (2 * h);
      const a = analytic[p][i];
      const abs = Math.abs(a - numeric);
      const rel = abs / Math.max(Math.abs(a), Math.abs(numeric), floor);
      if (!(rel <= maxRel)) maxRel = rel;
      if (!(abs <= maxAbs)) maxAbs = abs;
      if (Math.abs(numeric) > maxGrad) maxGrad = Math.abs(numeric);
    }
    out.push({ name: names[p], size: w.length, maxRelError: maxRel, maxAbsError: maxAbs, maxGrad });
  }
  return out;
}

function summarize(perTensor: TensorCheck[], h: number, floor: number, engine: 'tape' | 'fused'): GradcheckResult {
  let maxRel = 0;
  let maxAbs = 0;
  let n = 0;
  for (const t of perTensor) {
    if (!(t.maxRelError <= maxRel)) maxRel = t.maxRelError;
    if (!(t.maxAbsError <= maxAbs)) maxAbs = t.maxAbsError;
    n += t.size;
  }
  return { maxRelError: maxRel, maxAbsError: maxAbs, perTensor, h, floor, engine, parameters: n };
}

/**
 * Gradient check of a whole network + loss on `data`: the analytic gradient (from the tape engine,
 * or with `engine: 'fused'` from the training kernel) against central finite differences in float64,
 * reporting the max relative error per parameter tensor. The network is left unchanged.
 */
export function gradcheck(
  mlp: Mlp,
  data: TrainData,
  options: GradcheckOptions & { loss?: LossName | string; engine?: 'tape' | 'fused' } = {},
): GradcheckResult {
  const h = options.h ?? 1e-5;
  const floor = options.floor ?? 1e-3;
  const ln = lossName(options.loss ?? 'mse');
  const n = data.n ?? data.x.length / mlp.inputDim;
  if (!Number.isInteger(n) || n < 1) throw new InputError(`gradcheck: x has ${data.x.length} values, not rows of ${mlp.inputDim}`);
  const targetDim = data.y.length / n;
  checkTargetDim(ln, mlp.outputDim, targetDim);
  const x = data.x.subarray(0, n * mlp.inputDim);
  const engine = options.engine ?? 'tape';
  let names: string[];
  let analytic: Float64Array[];
  let params: Float64Array[];
  if (engine === 'fused') {
    const k = createKernel(mlp, n);
    k.lossAndGrad(x, data.y, n, ln, targetDim);
    names = k.names;
    analytic = k.slots.map((s) => (s.grad as Float64Array).slice());
    params = k.slots.map((s) => s.data);
  } else {
    const ps = mlpParameters(mlp);
    const out = mlpForward(mlp, tensor(x, [n, mlp.inputDim]), ps);
    lossOp(out, tensor(data.y, [n, targetDim]), ln).backward();
    names = ps.map((p) => p.name as string);
    analytic = ps.map((p) => p.grad ?? new Float64Array(p.size));
    params = ps.map((p) => p.data);
  }
  const f = (): number => lossAndGradient(ln, evaluateMlp(mlp, x, n), data.y, n, mlp.outputDim, targetDim);
  return summarize(compare(names, analytic, params, f, h, floor), h, floor, engine);
}

/**
 * Gradient check of any tape computation: `f()` builds a scalar from `params` (leaf tensors with
 * requiresGrad); its `backward()` gradients are compared with central differences.
 */
export function gradcheckFn(f: () => Tensor, params: Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const h = options.h ?? 1e-5;
  const floor = options.floor ?? 1e-3;
  for (const p of params) p.grad = null;
  f().backward();
  const analytic = params.map((p) => (p.grad ? p.grad.slice() : new Float64Array(p.size)));
  const names = params.map((p, i) => p.name ?? `param[${i}]`);
  const value = (): number => noGrad(() => f().item());
  return summarize(compare(names, analytic, params.map((p) => p.data), value, h, floor), h, floor, 'tape');
}
