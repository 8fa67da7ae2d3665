/** The Train page's whole state, as plain data; it round-trips through the URL hash. */

export const DATASETS: ReadonlyArray<readonly [string, string]> = [
  ['paraboloid-regression', 'paraboloid x² + y² + 3 (regression)'],
  ['paraboloid', 'paraboloid on / above / below (3 inputs, classes)'],
  ['surface', 'any expression f(x, y) (regression)'],
  ['circle', 'circle (classes)'],
  ['xor', 'xor (classes)'],
  ['gaussians', 'two gaussians (classes)'],
  ['spiral', 'two spirals (classes)'],
  ['moons', 'two moons (classes)'],
  ['checkerboard', 'checkerboard (classes)'],
  ['blobs', 'three blobs (3 classes, softmax)'],
  ['csv', 'uploaded CSV'],
];

export const HIDDEN_ACTIVATIONS = [
  'relu',
  'leaky_relu',
  'prelu',
  'abs',
  'maxout',
  'hardtanh',
  'linear',
  'tanh',
  'sigmoid',
  'softplus',
  'elu',
] as const;

export interface HiddenLayer {
  units: number;
  activation: string;
}

export interface TrainConfig {
  dataset: string;
  /** Expression for the `surface` dataset. */
  expr: string;
  n: number;
  noise: number;
  seed: number;
  hidden: HiddenLayer[];
  /** Pieces per maxout unit (every maxout layer). */
  rank: number;
  /** Shown for the record: the session picks mse (regression), bce (2 classes) or softmax cross-entropy (more) from the data. */
  loss: 'mse' | 'bce' | 'softmax_cross_entropy';
  optimizer: 'sgd' | 'momentum' | 'adam';
  lr: number;
  batch: number;
  /** For 3-input data: the value of x3 on the plane that the region map shows. */
  slice: number;
  /** Training steps between redraws while playing. */
  stepsPerFrame: number;
}

export const DEFAULT_CONFIG: TrainConfig = {
  dataset: 'paraboloid-regression',
  expr: 'x^2 + y^2 + 3',
  n: 500,
  noise: 0,
  seed: 1,
  hidden: [
    { units: 8, activation: 'relu' },
    { units: 8, activation: 'relu' },
  ],
  rank: 2,
  loss: 'mse',
  optimizer: 'adam',
  lr: 0.01,
  batch: 32,
  slice: 3,
  stepsPerFrame: 5,
};

export const isClassification = (dataset: string): boolean =>
  !['paraboloid-regression', 'surface'].includes(dataset);

/** The loss the session trains with for a dataset (softmax cross-entropy for the multi-class blobs). */
export const lossFor = (dataset: string): TrainConfig['loss'] =>
  dataset === 'blobs' ? 'softmax_cross_entropy' : isClassification(dataset) ? 'bce' : 'mse';

/** `8:relu,8:relu` ⇄ hidden layers. */
export function formatHidden(hidden: readonly HiddenLayer[]): string {
  return hidden.map((l) => `${l.units}:${l.activation}`).join(',');
}

export function parseHidden(text: string): HiddenLayer[] | null {
  if (text.trim() === '') return [];
  const out: HiddenLayer[] = [];
  for (const part of text.split(',')) {
    const [u, a = 'relu'] = part.split(':');
    const units = Number(u);
    if (!Number.isInteger(units) || units < 1 || units > 64) return null;
    if (!(HIDDEN_ACTIVATIONS as readonly string[]).includes(a)) return null;
    out.push({ units, activation: a });
  }
  return out.length > 6 ? null : out;
}

const KEYS = ['ds', 'f', 'n', 'noise', 'seed', 'arch', 'rank', 'loss', 'opt', 'lr', 'batch', 'x3', 'spf'] as const;

export function configToParams(c: TrainConfig): URLSearchParams {
  const p = new URLSearchParams();
  p.set('ds', c.dataset);
  if (c.dataset === 'surface') p.set('f', c.expr);
  p.set('n', String(c.n));
  p.set('noise', String(c.noise));
  p.set('seed', String(c.seed));
  p.set('arch', formatHidden(c.hidden));
  if (c.hidden.some((l) => l.activation === 'maxout')) p.set('rank', String(c.rank));
  p.set('loss', c.loss);
  p.set('opt', c.optimizer);
  p.set('lr', String(c.lr));
  p.set('batch', String(c.batch));
  if (c.dataset === 'paraboloid') p.set('x3', String(c.slice));
  p.set('spf', String(c.stepsPerFrame));
  return p;
}

function pick<T extends string>(v: string | null, allowed: readonly T[], fallback: T): T {
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

function posNum(v: string | null, fallback: number, lo: number, hi: number, integer = false): number {
  if (v === null) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < lo || n > hi || (integer && !Number.isInteger(n))) return fallback;
  return n;
}

/** Reads a config from hash parameters; anything missing or invalid falls back to the default. */
export function paramsToConfig(p: URLSearchParams, base: TrainConfig = DEFAULT_CONFIG): TrainConfig {
  const known = KEYS.some((k) => p.has(k));
  if (!known) return structuredClone(base);
  const dataset = pick(
    p.get('ds'),
    DATASETS.map((d) => d[0]),
    base.dataset,
  );
  return {
    dataset: dataset === 'csv' ? base.dataset : dataset,
    expr: p.get('f') ?? base.expr,
    n: posNum(p.get('n'), base.n, 10, 5000, true),
    noise: posNum(p.get('noise'), base.noise, 0, 10),
    seed: posNum(p.get('seed'), base.seed, 0, 2 ** 31, true),
    hidden: parseHidden(p.get('arch') ?? '') ?? base.hidden,
    rank: posNum(p.get('rank'), base.rank, 2, 8, true),
    loss: pick(p.get('loss'), ['mse', 'bce', 'softmax_cross_entropy'] as const, base.loss),
    optimizer: pick(p.get('opt'), ['sgd', 'momentum', 'adam'] as const, base.optimizer),
    lr: posNum(p.get('lr'), base.lr, 1e-6, 10),
    batch: posNum(p.get('batch'), base.batch, 1, 5000, true),
    slice: posNum(p.get('x3'), base.slice, -100, 100),
    stepsPerFrame: posNum(p.get('spf'), base.stepsPerFrame, 1, 1000, true),
  };
}
