import {
  type BaseOptions,
  blobs,
  checkerboard,
  circle,
  type Dataset,
  gaussians,
  moons,
  paraboloid,
  paraboloidRegression,
  parseCsv,
  spirals,
  surface,
  xor,
} from '@tessera/datasets';
import type { TrainConfig } from '../train/config.js';

/** Training data as the worker uses it (row-major typed arrays, as @tessera/datasets returns them). */
export interface TrainData {
  x: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
  k: number;
  kind: 'classification' | 'regression';
  /** Classification: the number of classes (2 = one logit and BCE; more = one logit per class and softmax). */
  classes: number;
  /** The box the figures show: for 3-input data, the (x1, x2) box of the plane. */
  box: [number, number, number, number];
  /** The expression of the target surface, when there is one (drawn over the net's surface). */
  target?: string;
}

type Generator = (options: BaseOptions & { noise?: number }) => Dataset;

const GENERATORS: Record<string, Generator> = {
  'paraboloid-regression': paraboloidRegression,
  paraboloid,
  circle,
  xor,
  gaussians,
  spiral: spirals,
  moons,
  checkerboard,
  blobs,
};

/** Makes the dataset a config names (or parses an uploaded CSV) with @tessera/datasets. */
export function makeTrainData(config: TrainConfig, csv?: string): TrainData {
  let ds: Dataset;
  if (config.dataset === 'csv') {
    if (!csv) throw new Error('no CSV loaded');
    ds = parseCsv(csv);
  } else if (config.dataset === 'surface') {
    ds = surface({ f: config.expr, n: config.n, seed: config.seed, ...(config.noise > 0 ? { noise: config.noise } : {}) });
  } else {
    const gen = GENERATORS[config.dataset];
    if (!gen) throw new Error(`unknown dataset "${config.dataset}"`);
    ds = gen({ n: config.n, seed: config.seed, ...(config.noise > 0 ? { noise: config.noise } : {}) });
  }
  if (ds.d !== 2 && ds.d !== 3) throw new Error(`the data has ${ds.d} input columns; the playground draws 2 or 3`);
  const kind = ds.meta.kind === 'classification' ? 'classification' : 'regression';
  if (kind === 'classification' && ds.meta.labels === 'one-hot')
    throw new Error('one-hot labels are not drawn; use one column with the class index');
  const classes = kind === 'classification' ? (ds.meta.classes ?? 2) : 0;
  const target =
    config.dataset === 'surface' ? config.expr : config.dataset === 'paraboloid-regression' ? 'x^2 + y^2 + 3' : undefined;
  const data: TrainData = { x: ds.x, y: ds.y, n: ds.n, d: ds.d, k: ds.k, kind, classes, box: boxOf(ds) };
  if (target) data.target = target;
  return data;
}

/** The generator's box when it reports one and holds every point, else the data's (x1, x2) extent padded by 5 %. */
function boxOf(ds: Dataset): [number, number, number, number] {
  const b = ds.meta.params?.box;
  if (Array.isArray(b) && b.length === 4 && b.every((v) => typeof v === 'number')) {
    const [x0, x1, y0, y1] = b as number[];
    let ok = true;
    for (let i = 0; i < ds.n; i++) {
      const x = ds.x[i * ds.d];
      const y = ds.x[i * ds.d + 1];
      if (x < x0 || x > x1 || y < y0 || y > y1) ok = false;
    }
    if (ok) return [x0, x1, y0, y1];
  }
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ds.n; i++) {
    const x = ds.x[i * ds.d];
    const y = ds.x[i * ds.d + 1];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const px = (x1 - x0) * 0.05 || 1;
  const py = (y1 - y0) * 0.05 || 1;
  return [x0 - px, x1 + px, y0 - py, y1 + py];
}
