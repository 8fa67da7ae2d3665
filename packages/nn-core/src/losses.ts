import { InputError, ShapeError } from './errors.js';

/**
 * The losses, each a mean over the batch:
 * - `mse`: mean over all outputs of (p − y)².
 * - `bce`: binary cross-entropy on logits p with targets y ∈ [0, 1], computed stably as
 *   max(p, 0) − p·y + log(1 + e^−|p|); mean over all outputs.
 * - `softmax_cross_entropy`: −Σ_k y_k log softmax(p)_k per example, mean over examples; y is one-hot
 *   (or probabilities) with one value per output, or one class index per example.
 * - `hinge`: max(0, 1 − t·p) with t = +1 when y > 0 and −1 otherwise (so 0/1 and ±1 labels both
 *   work); mean over all outputs. At the kink t·p = 1 the gradient is 0.
 */
export const LOSSES = ['mse', 'bce', 'softmax_cross_entropy', 'hinge'] as const;
export type LossName = (typeof LOSSES)[number];

const ALIASES: Record<string, LossName> = {
  mse: 'mse',
  bce: 'bce',
  binary_cross_entropy: 'bce',
  softmax_cross_entropy: 'softmax_cross_entropy',
  cross_entropy: 'softmax_cross_entropy',
  hinge: 'hinge',
};

/** Resolves a loss name (or alias: binary_cross_entropy, cross_entropy); throws InputError otherwise. */
export function lossName(name: string): LossName {
  const n = ALIASES[name];
  if (n === undefined) throw new InputError(`invalid loss "${name}" (expected one of ${LOSSES.join(', ')})`);
  return n;
}

/** Number of target values per example the loss expects (softmax_cross_entropy also takes 1: an index). */
export function checkTargetDim(loss: LossName, outDim: number, targetDim: number): void {
  if (targetDim === outDim) return;
  if (loss === 'softmax_cross_entropy' && targetDim === 1) return;
  throw new ShapeError(
    `loss ${loss}: targets have ${targetDim} value(s) per example but the network has ${outDim} output(s)`,
  );
}

/**
 * Mean loss of predictions `pred` ([batch][dim]) against `target` ([batch][targetDim]); if `grad`
 * is given, writes dL/dpred into it ([batch][dim]). Returns the loss.
 */
export function lossAndGradient(
  loss: LossName,
  pred: Float64Array,
  target: Float64Array,
  batch: number,
  dim: number,
  targetDim: number,
  grad?: Float64Array,
): number {
  const n = batch * dim;
  let total = 0;
  switch (loss) {
    case 'mse': {
      const c = 2 / n;
      for (let i = 0; i < n; i++) {
        const d = pred[i] - target[i];
        total += d * d;
        if (grad) grad[i] = c * d;
      }
      return total / n;
    }
    case 'bce': {
      for (let i = 0; i < n; i++) {
        const p = pred[i];
        const y = target[i];
        const e = Math.exp(-Math.abs(p));
        total += (p > 0 ? p : 0) - p * y + Math.log1p(e);
        if (grad) grad[i] = ((p >= 0 ? 1 / (1 + e) : e / (1 + e)) - y) / n;
      }
      return total / n;
    }
    case 'hinge': {
      for (let i = 0; i < n; i++) {
        const t = target[i] > 0 ? 1 : -1;
        const m = 1 - t * pred[i];
        if (m > 0) {
          total += m;
          if (grad) grad[i] = -t / n;
        } else if (grad) grad[i] = 0;
      }
      return total / n;
    }
    case 'softmax_cross_entropy': {
      for (let s = 0; s < batch; s++) {
        const o = s * dim;
        let m = pred[o];
        for (let k = 1; k < dim; k++) if (pred[o + k] > m) m = pred[o + k];
        let z = 0;
        for (let k = 0; k < dim; k++) z += Math.exp(pred[o + k] - m);
        const logZ = m + Math.log(z);
        if (targetDim === 1 && dim !== 1) {
          const c = target[s];
          if (!(Number.isInteger(c) && c >= 0 && c < dim))
            throw new ShapeError(`softmax_cross_entropy: class index ${c} at example ${s} is not in 0…${dim - 1}`);
          total += logZ - pred[o + c];
          if (grad) for (let k = 0; k < dim; k++) grad[o + k] = (Math.exp(pred[o + k] - logZ) - (k === c ? 1 : 0)) / batch;
        } else {
          let ysum = 0;
          for (let k = 0; k < dim; k++) {
            const y = target[o + k];
            total += y * (logZ - pred[o + k]);
            ysum += y;
          }
          if (grad) for (let k = 0; k < dim; k++) grad[o + k] = (ysum * Math.exp(pred[o + k] - logZ) - target[o + k]) / batch;
        }
      }
      return total / batch;
    }
  }
}
