import { DivergenceError, InputError, ShapeError } from './errors.js';
import { evaluateMlp } from './evaluate.js';
import { createKernel } from './kernel.js';
import { checkTargetDim, type LossName, lossAndGradient, lossName } from './losses.js';
import type { Mlp } from './model.js';
import {
  createOptimizer,
  type LrSchedule,
  type Optimizer,
  type OptimizerName,
  type OptimizerOptions,
} from './optimizers.js';
import { createRng } from './rng.js';

/**
 * Training data: `x` row-major [n][inputDim], `y` row-major [n][targetDim]. The `Dataset` of
 * `@tessera/datasets` fits this shape.
 */
export interface TrainData {
  x: Float64Array;
  y: Float64Array;
  /** Number of rows (default: x.length / inputDim). */
  n?: number;
}

/** What `onEpoch` receives after every epoch. */
export interface EpochInfo {
  /** 1-based. */
  epoch: number;
  epochs: number;
  /** Mean training loss over the epoch's minibatches (each measured before its update). */
  loss: number;
  valLoss?: number;
  lr: number;
  /** Training-loop milliseconds so far (callbacks and validation excluded). */
  trainMs: number;
}

export interface EarlyStoppingOptions {
  /** Epochs without an improvement larger than `minDelta` before stopping (default 10). */
  patience?: number;
  minDelta?: number;
  /** Which value to watch (default `valLoss` when validation data is given, else `loss`). */
  monitor?: 'loss' | 'valLoss';
  /** Put back the weights of the best epoch when stopping or finishing (default true). */
  restoreBest?: boolean;
}

export interface FitOptions {
  /** Default 100. */
  epochs?: number;
  /** Minibatch size (default 32; capped at n; use n for full-batch gradient descent). */
  batchSize?: number;
  /** Reshuffle the rows every epoch (default true). */
  shuffle?: boolean;
  /** Seed of the shuffling (default 1). Same seed, same data, same model → identical weights. */
  seed?: number;
  /** `mse` (default), `bce`, `softmax_cross_entropy` or `hinge` (aliases: binary_cross_entropy, cross_entropy). */
  loss?: LossName | string;
  /** `sgd` (default), `momentum`, `nesterov`, `adam`, an options object, or an optimizer instance. */
  optimizer?: OptimizerName | OptimizerOptions | Optimizer;
  /** Learning rate (overrides the optimizer's). */
  lr?: number;
  /** L2 weight decay on weight matrices (overrides the optimizer's). */
  weightDecay?: number;
  /** Learning rate per epoch (0-based) from the base rate, e.g. `stepDecay(100, 0.5)`. */
  lrSchedule?: LrSchedule;
  /** Called after each epoch; return `false` to stop training. */
  onEpoch?: (info: EpochInfo) => void | boolean;
  /** Stops training (checked between minibatches); the history then has `aborted: true`. */
  signal?: AbortSignal;
  earlyStopping?: EarlyStoppingOptions | boolean;
  /** Held-out data, evaluated after every epoch (outside the timed loop). */
  validation?: TrainData;
}

export interface History {
  /** Mean training loss of each epoch run. */
  loss: number[];
  /** Validation loss of each epoch (when validation data was given). */
  valLoss?: number[];
  /** Learning rate used in each epoch. */
  lr: number[];
  /** Epochs actually run. */
  epochs: number;
  /** Loss of the final weights on the whole training set (measured after training). */
  finalLoss: number;
  /** Milliseconds spent in the training loop alone (forward, backward, updates, shuffles). */
  trainMs: number;
  /** Examples processed (forward + backward) = epochs × n. */
  examples: number;
  /** examples / (trainMs / 1000). */
  examplesPerSecond: number;
  stoppedEarly: boolean;
  aborted: boolean;
  /** With early stopping: the 1-based epoch whose weights were kept. */
  bestEpoch?: number;
  lossName: LossName;
  optimizer: OptimizerName;
  batchSize: number;
  seed: number;
}

const now = (): number => globalThis.performance.now();

function rowsOf(data: TrainData, inputDim: number, what: string): number {
  if (!(data?.x instanceof Float64Array) || !(data.y instanceof Float64Array))
    throw new InputError(`${what}: expected { x: Float64Array, y: Float64Array }`);
  const n = data.n ?? data.x.length / inputDim;
  if (!Number.isInteger(n) || n < 1 || data.x.length < n * inputDim)
    throw new ShapeError(`${what}.x has ${data.x.length} values: not n rows of inputDim ${inputDim}`);
  if (data.y.length % n !== 0) throw new ShapeError(`${what}.y has ${data.y.length} values: not a multiple of n = ${n}`);
  for (let i = 0; i < n * inputDim; i++)
    if (!Number.isFinite(data.x[i])) throw new InputError(`${what}.x[${i}] is ${data.x[i]} (expected a finite number)`);
  for (let i = 0; i < data.y.length; i++)
    if (!Number.isFinite(data.y[i])) throw new InputError(`${what}.y[${i}] is ${data.y[i]} (expected a finite number)`);
  return n;
}

function positiveInt(v: number | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  if (!(Number.isInteger(v) && v >= 1)) throw new InputError(`invalid ${name}: ${v} (expected an integer >= 1)`);
  return v;
}

/** Mean loss of a network on a dataset. */
export function evaluateLoss(mlp: Mlp, data: TrainData, loss: LossName | string = 'mse'): number {
  const name = lossName(loss);
  const n = rowsOf(data, mlp.inputDim, 'data');
  const out = evaluateMlp(mlp, data.x.subarray(0, n * mlp.inputDim), n);
  const targetDim = data.y.length / n;
  checkTargetDim(name, mlp.outputDim, targetDim);
  return lossAndGradient(name, out, data.y, n, mlp.outputDim, targetDim);
}

/** The network's outputs for rows of `x` ([n][inputDim] → [n][outputDim]). */
export function predict(mlp: Mlp, x: Float64Array, n = x.length / mlp.inputDim): Float64Array {
  return evaluateMlp(mlp, x, n);
}

/**
 * Trains `model` in place on `data` with minibatch gradient descent (the fused batched kernel) and
 * returns the history. Deterministic for a given seed. If the loss or the weights become NaN or
 * infinite, the weights of the start of that epoch are put back and a {@link DivergenceError}
 * naming the epoch is thrown.
 */
export function fit(model: Mlp, data: TrainData, options: FitOptions = {}): History {
  const epochs = fitEpochs(model, data, options);
  for (;;) {
    const r = epochs.next();
    if (r.done) return r.value;
  }
}

/**
 * `fit` that hands control back to the event loop (a `setTimeout(0)`) whenever `yieldMs`
 * (default 16) of training has passed, so a page or Web Worker stays responsive and an
 * AbortSignal aborted meanwhile is seen before the next epoch. Same results as `fit`.
 */
export async function fitAsync(
  model: Mlp,
  data: TrainData,
  options: FitOptions & { yieldMs?: number } = {},
): Promise<History> {
  const epochs = fitEpochs(model, data, options);
  const every = options.yieldMs ?? 16;
  let last = now();
  for (;;) {
    const r = epochs.next();
    if (r.done) return r.value;
    if (now() - last >= every) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      last = now();
    }
  }
}

/**
 * The training loop of `fit` as a generator: it yields each epoch's {@link EpochInfo} (after
 * `onEpoch`) and returns the {@link History}. Drive it yourself to interleave training with
 * other work; time spent outside the generator is not counted in `trainMs`.
 */
export function* fitEpochs(model: Mlp, data: TrainData, options: FitOptions = {}): Generator<EpochInfo, History, void> {
  const loss = lossName(options.loss ?? 'mse');
  const n = rowsOf(data, model.inputDim, 'data');
  const targetDim = data.y.length / n;
  checkTargetDim(loss, model.outputDim, targetDim);
  const epochs = positiveInt(options.epochs, 100, 'epochs');
  const batchSize = Math.min(positiveInt(options.batchSize, 32, 'batchSize'), n);
  const shuffle = options.shuffle ?? true;
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const validation = options.validation;
  const nVal = validation ? rowsOf(validation, model.inputDim, 'validation') : 0;
  if (validation) checkTargetDim(loss, model.outputDim, validation.y.length / nVal);

  let opt: Optimizer;
  const o = options.optimizer ?? 'sgd';
  if (typeof o === 'object' && 'step' in o) opt = o;
  else {
    const spec: OptimizerOptions = typeof o === 'string' ? { name: o } : { ...o };
    if (options.lr !== undefined) spec.lr = options.lr;
    if (options.weightDecay !== undefined) spec.weightDecay = options.weightDecay;
    opt = createOptimizer(spec);
  }
  const baseLr = opt.lr;

  const es = options.earlyStopping === true ? {} : options.earlyStopping || null;
  const patience = es ? positiveInt(es.patience, 10, 'earlyStopping.patience') : 0;
  const minDelta = es?.minDelta ?? 0;
  const monitor = es ? (es.monitor ?? (validation ? 'valLoss' : 'loss')) : 'loss';
  if (monitor === 'valLoss' && es && !validation) throw new InputError('earlyStopping.monitor "valLoss" needs validation data');
  const restoreBest = es ? (es.restoreBest ?? true) : false;

  const kernel = createKernel(model, batchSize);
  const slots = kernel.slots;
  const backup = slots.map((s) => new Float64Array(s.data.length));
  const best = restoreBest ? slots.map((s) => new Float64Array(s.data.length)) : null;
  const inputDim = model.inputDim;
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const xb = new Float64Array(batchSize * inputDim);
  const yb = new Float64Array(batchSize * targetDim);
  const direct = !shuffle;

  const history: History = {
    loss: [],
    lr: [],
    epochs: 0,
    finalLoss: Number.NaN,
    trainMs: 0,
    examples: 0,
    examplesPerSecond: 0,
    stoppedEarly: false,
    aborted: false,
    lossName: loss,
    optimizer: opt.name,
    batchSize,
    seed,
  };
  if (validation) history.valLoss = [];
  let bestValue = Number.POSITIVE_INFINITY;
  let wait = 0;
  let trainMs = 0;

  epochLoop: for (let e = 0; e < epochs; e++) {
    if (options.signal?.aborted) {
      history.aborted = true;
      break;
    }
    const t0 = now();
    if (options.lrSchedule) opt.lr = options.lrSchedule(e, baseLr);
    for (let p = 0; p < slots.length; p++) backup[p].set(slots[p].data);
    if (shuffle) rng.shuffle(perm);
    let sum = 0;
    for (let start = 0; start < n; start += batchSize) {
      const b = Math.min(batchSize, n - start);
      let bx: Float64Array;
      let by: Float64Array;
      if (direct) {
        bx = data.x.subarray(start * inputDim, (start + b) * inputDim);
        by = data.y.subarray(start * targetDim, (start + b) * targetDim);
      } else {
        gatherRowsInto(data.x, perm, start, b, inputDim, xb);
        gatherRowsInto(data.y, perm, start, b, targetDim, yb);
        bx = xb;
        by = yb;
      }
      const l = kernel.lossAndGrad(bx, by, b, loss, targetDim);
      if (!Number.isFinite(l)) {
        for (let p = 0; p < slots.length; p++) slots[p].data.set(backup[p]);
        throw new DivergenceError(e + 1, l);
      }
      sum += l * b;
      opt.step(slots);
      if (options.signal?.aborted) {
        trainMs += now() - t0;
        history.aborted = true;
        history.examples += start + b;
        break epochLoop;
      }
    }
    for (let p = 0; p < slots.length; p++) {
      const d = slots[p].data;
      for (let i = 0; i < d.length; i++)
        if (!Number.isFinite(d[i])) {
          for (let q = 0; q < slots.length; q++) slots[q].data.set(backup[q]);
          throw new DivergenceError(e + 1, sum / n, `the weights overflowed (${kernel.names[p]} became ${d[i]})`);
        }
    }
    trainMs += now() - t0;
    const epochLoss = sum / n;
    history.loss.push(epochLoss);
    history.lr.push(opt.lr);
    history.epochs = e + 1;
    history.examples += n;
    let valLoss: number | undefined;
    if (validation) {
      valLoss = evaluateLoss(model, validation, loss);
      history.valLoss?.push(valLoss);
    }
    let stop = false;
    if (es) {
      const v = monitor === 'valLoss' ? (valLoss as number) : epochLoss;
      if (v < bestValue - minDelta) {
        bestValue = v;
        wait = 0;
        history.bestEpoch = e + 1;
        if (best) for (let p = 0; p < slots.length; p++) best[p].set(slots[p].data);
      } else if (++wait >= patience) {
        history.stoppedEarly = true;
        stop = true;
      }
    }
    const info: EpochInfo = { epoch: e + 1, epochs, loss: epochLoss, lr: opt.lr, trainMs };
    if (valLoss !== undefined) info.valLoss = valLoss;
    if (options.onEpoch && options.onEpoch(info) === false) stop = true;
    yield info;
    if (stop) break;
  }
  if (best && history.bestEpoch !== undefined) for (let p = 0; p < slots.length; p++) slots[p].data.set(best[p]);
  history.trainMs = trainMs;
  history.examplesPerSecond = trainMs > 0 ? history.examples / (trainMs / 1000) : 0;
  history.finalLoss = evaluateLoss(model, { x: data.x, y: data.y, n }, loss);
  return history;
}

/** Copies rows `idx[start…start+count-1]` of `src` ([·][dim]) into `out` ([count][dim]). */
export function gatherRowsInto(
  src: Float64Array,
  idx: Uint32Array | readonly number[],
  start: number,
  count: number,
  dim: number,
  out: Float64Array,
): Float64Array {
  if (dim === 1) {
    for (let k = 0; k < count; k++) out[k] = src[idx[start + k]];
    return out;
  }
  for (let k = 0; k < count; k++) {
    const so = idx[start + k] * dim;
    const oo = k * dim;
    for (let j = 0; j < dim; j++) out[oo + j] = src[so + j];
  }
  return out;
}
