import { parseArch } from './arch.js';
import { InputError } from './errors.js';
import { ACTIVATIONS, type Activation, type Layer, type Mlp } from './model.js';
import { createRng, type Rng } from './rng.js';

export const INITS = ['he', 'glorot', 'uniform'] as const;
export type InitName = (typeof INITS)[number];

/** A trainable model is a plain {@link Mlp}: its typed arrays are the parameters `fit` updates in place. */
export type Model = Mlp;

export interface CreateMlpOptions {
  /** Widths: `'2-6-1'` or `[2, 6, 1]`. */
  arch: string | readonly number[];
  /**
   * Hidden activation: one name for all hidden layers, or an array with one per hidden layer, or one
   * per layer including the output (default `'relu'`).
   */
  activation?: Activation | readonly Activation[];
  /** Output activation when `activation` does not give it (default `'linear'`). */
  output?: Activation;
  /**
   * `he` (normal, std √(2/nIn)), `glorot` (uniform ±√(6/(nIn+nOut))) or `uniform` (±1/√nIn, the
   * PyTorch default, biases too). Default: `he` for hidden layers (it also trains 2-6-1 tanh on the paraboloid best), `glorot`
   * for the output layer.
   */
  init?: InitName;
  /** Seed for the initialisation (default 1); or pass `rng`. */
  seed?: number;
  rng?: Rng;
  /** leaky_relu slope (default 0.01), elu scale (default 1), prelu initial slope (default 0.25). */
  alpha?: number;
  /** maxout rank (default 2). */
  rank?: number;
  name?: string;
  meta?: Record<string, unknown>;
}

function checkActivation(a: unknown, where: string): Activation {
  if (typeof a !== 'string' || !(ACTIVATIONS as readonly string[]).includes(a))
    throw new InputError(`invalid ${where} "${String(a)}" (expected one of ${ACTIVATIONS.join(', ')})`);
  return a as Activation;
}

/**
 * Builds a freshly initialised MLP from an architecture string, e.g.
 * `createMlp({ arch: '2-6-1', activation: 'tanh', seed: 1 })`. Deterministic for a given seed.
 */
export function createMlp(options: CreateMlpOptions): Model {
  const widths = parseArch(options.arch);
  const nLayers = widths.length - 1;
  const hidden = nLayers - 1;
  const spec = options.activation ?? 'relu';
  const acts: Activation[] = [];
  if (typeof spec === 'string') {
    const a = checkActivation(spec, 'activation');
    for (let l = 0; l < hidden; l++) acts.push(a);
    acts.push(checkActivation(options.output ?? 'linear', 'output activation'));
  } else {
    if (spec.length === hidden) {
      for (let i = 0; i < spec.length; i++) acts.push(checkActivation(spec[i], `activation[${i}]`));
      acts.push(checkActivation(options.output ?? 'linear', 'output activation'));
    } else if (spec.length === nLayers) for (let i = 0; i < spec.length; i++) acts.push(checkActivation(spec[i], `activation[${i}]`));
    else
      throw new InputError(
        `invalid activation list [${spec.join(', ')}]: expected ${hidden} (one per hidden layer) or ${nLayers} (one per layer) names`,
      );
  }
  if (options.init !== undefined && !(INITS as readonly string[]).includes(options.init))
    throw new InputError(`invalid init "${options.init}" (expected one of ${INITS.join(', ')})`);
  const rank = options.rank ?? 2;
  if (!(Number.isInteger(rank) && rank >= 1)) throw new InputError(`invalid maxout rank ${rank} (expected an integer >= 1)`);
  if (options.alpha !== undefined && !Number.isFinite(options.alpha))
    throw new InputError(`invalid alpha ${options.alpha} (expected a finite number)`);
  const rng = options.rng ?? createRng(options.seed ?? 1);
  const layers: Layer[] = [];
  for (let l = 0; l < nLayers; l++) {
    const act = acts[l];
    const nIn = widths[l];
    const units = widths[l + 1];
    const rows = act === 'maxout' ? units * rank : units;
    const layer: Layer = {
      activation: act,
      nIn,
      units,
      rows,
      weights: new Float64Array(rows * nIn),
      bias: new Float64Array(rows),
    };
    if (act === 'maxout') layer.rank = rank;
    if (act === 'leaky_relu') layer.alpha = options.alpha ?? 0.01;
    if (act === 'elu') layer.alpha = options.alpha ?? 1;
    if (act === 'prelu') layer.alphas = new Float64Array(units).fill(options.alpha ?? 0.25);
    const init = options.init ?? (l < hidden ? 'he' : 'glorot');
    initLayer(layer, init, rng);
    layers.push(layer);
  }
  const mlp: Mlp = { inputDim: widths[0], outputDim: widths[nLayers], layers };
  if (options.name !== undefined) mlp.name = options.name;
  if (options.meta !== undefined) mlp.meta = options.meta;
  return mlp;
}

/** Fills a layer's weights (and, for `uniform`, biases) from `rng`; other biases are set to 0. */
export function initLayer(layer: Layer, init: InitName, rng: Rng): void {
  const { nIn, units, weights: w, bias: b } = layer;
  if (init === 'he') {
    const std = Math.sqrt(2 / nIn);
    for (let i = 0; i < w.length; i++) w[i] = rng.normal(0, std);
    b.fill(0);
  } else if (init === 'glorot') {
    const lim = Math.sqrt(6 / (nIn + units));
    for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-lim, lim);
    b.fill(0);
  } else {
    const lim = 1 / Math.sqrt(nIn);
    for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-lim, lim);
    for (let i = 0; i < b.length; i++) b[i] = rng.uniform(-lim, lim);
  }
}

/** A deep copy of a network (typed arrays copied; `meta` copied through JSON). */
export function cloneMlp(mlp: Mlp): Mlp {
  const out: Mlp = {
    inputDim: mlp.inputDim,
    outputDim: mlp.outputDim,
    layers: mlp.layers.map((l) => {
      const c: Layer = { ...l, weights: l.weights.slice(), bias: l.bias.slice() };
      if (l.alphas) c.alphas = l.alphas.slice();
      return c;
    }),
  };
  if (mlp.name !== undefined) out.name = mlp.name;
  if (mlp.meta !== undefined) out.meta = structuredCloneJson(mlp.meta);
  return out;
}

function structuredCloneJson(meta: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(meta)) as Record<string, unknown>;
}

/**
 * A snapshot of a trainable model as the plain `Mlp` the other packages exchange (a deep copy, so
 * later training does not change it). `meta` is merged over the model's own.
 */
export function toMlp(model: Model, meta?: Record<string, unknown>): Mlp {
  const out = cloneMlp(model);
  if (meta !== undefined) out.meta = { ...(out.meta ?? {}), ...structuredCloneJson(meta) };
  return out;
}

/** A trainable copy of a plain `Mlp` (e.g. one loaded with `parseMlpText`); the input is not changed. */
export function fromMlp(mlp: Mlp): Model {
  return cloneMlp(mlp);
}

/** Number of trainable scalars (weights, biases, prelu slopes). */
export function parameterCount(mlp: Mlp): number {
  let n = 0;
  for (const l of mlp.layers) n += l.weights.length + l.bias.length + (l.alphas ? l.alphas.length : 0);
  return n;
}
