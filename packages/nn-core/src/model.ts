import { ModelFormatError, preview } from './errors.js';

/** Every activation `tessera.mlp` v1 knows. */
export const ACTIVATIONS = [
  'relu',
  'leaky_relu',
  'prelu',
  'abs',
  'hardtanh',
  'linear',
  'sigmoid',
  'tanh',
  'softplus',
  'elu',
  'maxout',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** The activations that make a network continuous piecewise linear. */
export const PIECEWISE_LINEAR: ReadonlySet<Activation> = new Set([
  'relu',
  'leaky_relu',
  'prelu',
  'abs',
  'hardtanh',
  'linear',
  'maxout',
]);

/** Whether every layer's activation is piecewise linear, so the network has linear regions. */
export function isPiecewiseLinear(mlp: { layers: ReadonlyArray<{ activation: Activation }> }): boolean {
  return mlp.layers.every((l) => PIECEWISE_LINEAR.has(l.activation));
}

/**
 * One dense layer in plain typed-array form: `z = W x + b`, then the activation.
 * For `maxout` with rank k the layer has `rows = units * k` rows and unit j is the maximum over
 * rows j*k … j*k+k-1; for every other activation `rows = units`.
 */
export interface Layer {
  activation: Activation;
  /** Input width (the previous layer's `units`, or the network's `inputDim`). */
  nIn: number;
  /** Output width (number of units). */
  units: number;
  /** Number of weight rows (units × rank for maxout). */
  rows: number;
  /** Row-major [rows][nIn], as in tessera.mlp. */
  weights: Float64Array;
  /** [rows]. */
  bias: Float64Array;
  /** leaky_relu: slope for z < 0; elu: scale (default 1). */
  alpha?: number;
  /** prelu: one slope per unit. */
  alphas?: Float64Array;
  /** maxout: pieces per unit. */
  rank?: number;
}

/** A parsed `tessera.mlp` v1 network. */
export interface Mlp {
  inputDim: number;
  outputDim: number;
  layers: Layer[];
  name?: string;
  /** Free object kept as-is (dataset, seed, training summary, unknown fields). */
  meta?: Record<string, unknown>;
}

/** The JSON shape of `tessera.mlp` v1 (see shared/docs/model-format.md). */
export interface MlpJson {
  format: 'tessera.mlp';
  version: 1;
  inputDim: number;
  name?: string;
  meta?: Record<string, unknown>;
  layers: Array<{
    activation: Activation;
    weights: number[][];
    bias: number[];
    alpha?: number | number[];
    rank?: number;
  }>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function finiteNumber(v: unknown, path: string): number {
  if (typeof v !== 'number') throw new ModelFormatError(path, `expected a number, got ${preview(v)}`);
  if (!Number.isFinite(v)) throw new ModelFormatError(path, `expected a finite number, got ${preview(v)}`);
  return v;
}

function numberRow(v: unknown, length: number, path: string, what: string): Float64Array {
  if (!Array.isArray(v)) throw new ModelFormatError(path, `expected an array of ${length} numbers, got ${preview(v)}`);
  if (v.length !== length)
    throw new ModelFormatError(path, `expected ${length} numbers (${what}), got ${v.length}`);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = finiteNumber(v[i], `${path}[${i}]`);
  return out;
}

/**
 * Validates a parsed JSON value as `tessera.mlp` v1 and converts it to typed arrays.
 * Errors name the JSON path: `invalid tessera.mlp at layers[1].weights[3]: expected 8 numbers
 * (previous width), got 7`.
 */
export function parseMlp(json: unknown): Mlp {
  if (!isObject(json)) throw new ModelFormatError('$', `expected a JSON object, got ${preview(json)}`);
  if (json.format !== 'tessera.mlp')
    throw new ModelFormatError('format', `expected "tessera.mlp", got ${preview(json.format)}`);
  if (json.version !== 1) throw new ModelFormatError('version', `expected 1, got ${preview(json.version)}`);
  const inputDim = json.inputDim;
  if (typeof inputDim !== 'number' || !Number.isInteger(inputDim) || inputDim < 1)
    throw new ModelFormatError('inputDim', `expected a positive integer, got ${preview(inputDim)}`);
  if (!Array.isArray(json.layers) || json.layers.length === 0)
    throw new ModelFormatError('layers', `expected a non-empty array of layers, got ${preview(json.layers)}`);
  if (json.name !== undefined && typeof json.name !== 'string')
    throw new ModelFormatError('name', `expected a string, got ${preview(json.name)}`);
  if (json.meta !== undefined && !isObject(json.meta))
    throw new ModelFormatError('meta', `expected an object, got ${preview(json.meta)}`);

  const layers: Layer[] = [];
  let nIn = inputDim;
  json.layers.forEach((raw: unknown, l: number) => {
    const at = `layers[${l}]`;
    if (!isObject(raw)) throw new ModelFormatError(at, `expected an object, got ${preview(raw)}`);
    const activation = raw.activation;
    if (typeof activation !== 'string' || !(ACTIVATIONS as readonly string[]).includes(activation))
      throw new ModelFormatError(
        `${at}.activation`,
        `unknown activation ${preview(activation)} (expected one of ${ACTIVATIONS.join(', ')})`,
      );
    const act = activation as Activation;
    let rank: number | undefined;
    if (act === 'maxout') {
      if (typeof raw.rank !== 'number' || !Number.isInteger(raw.rank) || raw.rank < 1)
        throw new ModelFormatError(`${at}.rank`, `maxout needs an integer rank >= 1, got ${preview(raw.rank)}`);
      rank = raw.rank;
    }
    const weightsRaw = raw.weights;
    if (!Array.isArray(weightsRaw) || weightsRaw.length === 0)
      throw new ModelFormatError(`${at}.weights`, `expected a non-empty array of rows, got ${preview(weightsRaw)}`);
    const rows = weightsRaw.length;
    if (rank !== undefined && rows % rank !== 0)
      throw new ModelFormatError(
        `${at}.weights`,
        `maxout rank ${rank} needs a multiple of ${rank} rows, got ${rows}`,
      );
    const units = rank === undefined ? rows : rows / rank;
    const weights = new Float64Array(rows * nIn);
    for (let r = 0; r < rows; r++) {
      weights.set(numberRow(weightsRaw[r], nIn, `${at}.weights[${r}]`, l === 0 ? 'inputDim' : 'previous width'), r * nIn);
    }
    const bias = numberRow(raw.bias, rows, `${at}.bias`, 'one per weight row');
    const layer: Layer = { activation: act, nIn, units, rows, weights, bias };
    if (rank !== undefined) layer.rank = rank;
    if (act === 'leaky_relu') {
      if (raw.alpha === undefined) throw new ModelFormatError(`${at}.alpha`, 'leaky_relu needs "alpha" (the slope for z < 0)');
      layer.alpha = finiteNumber(raw.alpha, `${at}.alpha`);
    } else if (act === 'elu') {
      layer.alpha = raw.alpha === undefined ? 1 : finiteNumber(raw.alpha, `${at}.alpha`);
    } else if (act === 'prelu') {
      if (raw.alpha === undefined) throw new ModelFormatError(`${at}.alpha`, 'prelu needs "alpha" (one slope per unit)');
      layer.alphas = numberRow(raw.alpha, units, `${at}.alpha`, 'one per unit');
    }
    layers.push(layer);
    nIn = units;
  });
  const mlp: Mlp = { inputDim, outputDim: nIn, layers };
  if (typeof json.name === 'string') mlp.name = json.name;
  if (isObject(json.meta)) mlp.meta = json.meta;
  return mlp;
}

/** Parses a JSON text as `tessera.mlp` v1; a JSON syntax error is reported as a ModelFormatError. */
export function parseMlpText(text: string): Mlp {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelFormatError('$', `not valid JSON (${(err as Error).message})`);
  }
  return parseMlp(json);
}

/** Converts a network back to the JSON form (plain arrays; float64 values are kept exactly). */
export function mlpToJson(mlp: Mlp): MlpJson {
  const out: MlpJson = {
    format: 'tessera.mlp',
    version: 1,
    inputDim: mlp.inputDim,
    layers: mlp.layers.map((layer) => {
      const weights: number[][] = [];
      for (let r = 0; r < layer.rows; r++)
        weights.push(Array.from(layer.weights.subarray(r * layer.nIn, (r + 1) * layer.nIn)));
      const j: MlpJson['layers'][number] = { activation: layer.activation, weights, bias: Array.from(layer.bias) };
      if (layer.activation === 'leaky_relu' || (layer.activation === 'elu' && layer.alpha !== undefined))
        j.alpha = layer.alpha as number;
      if (layer.activation === 'prelu' && layer.alphas) j.alpha = Array.from(layer.alphas);
      if (layer.rank !== undefined) j.rank = layer.rank;
      return j;
    }),
  };
  if (mlp.name !== undefined) out.name = mlp.name;
  if (mlp.meta !== undefined) out.meta = mlp.meta;
  return out;
}

const NEG_ZERO = '\u0000tessera-negative-zero\u0000';

/**
 * Serialises to JSON text. `JSON.stringify` prints the shortest round-tripping float64 text; -0
 * (which it would print as 0) is written as `-0`, so save → load is bit-exact.
 */
export function serializeMlp(mlp: Mlp, indent?: number): string {
  let negZero = false;
  const text = JSON.stringify(
    mlpToJson(mlp),
    (_key, v) => {
      if (v === 0 && Object.is(v, -0)) {
        negZero = true;
        return NEG_ZERO;
      }
      return v;
    },
    indent,
  );
  return `${negZero ? text.split(JSON.stringify(NEG_ZERO)).join('-0') : text}\n`;
}

/** Builds an Mlp from plain arrays (validated exactly like a loaded file). */
export function mlpFromLayers(
  inputDim: number,
  layers: MlpJson['layers'],
  extra?: { name?: string; meta?: Record<string, unknown> },
): Mlp {
  return parseMlp({ format: 'tessera.mlp', version: 1, inputDim, layers, ...extra });
}

/** The widths `[inputDim, units of each layer…]`, e.g. [2, 6, 1]. */
export function mlpWidths(mlp: Mlp): number[] {
  return [mlp.inputDim, ...mlp.layers.map((l) => l.units)];
}
