import * as datasets from '@tessera/datasets';
import type { TrainConfig } from '../train/config.js';
import { need, pick } from './pick.js';

/** Training data as the worker uses it (row-major typed arrays, as @tessera/datasets returns them). */
export interface TrainData {
  x: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
  k: number;
  kind: 'classification' | 'regression';
  /** The box the figures show: for 3-input data, the (x1, x2) box of the plane. */
  box: [number, number, number, number];
  /** The expression of the target surface, when there is one (drawn over the net's surface). */
  target?: string;
}

interface DatasetLike {
  x: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
  k: number;
  meta: { kind: 'classification' | 'regression'; params?: Record<string, unknown> };
}

type Gen = (options: Record<string, unknown>) => DatasetLike;

const GENERATORS: Record<string, string> = {
  'paraboloid-regression': 'paraboloidRegression',
  paraboloid: 'paraboloid',
  surface: 'surface',
  circle: 'circle',
  xor: 'xor',
  gaussians: 'gaussians',
  spiral: 'spirals',
  moons: 'moons',
  checkerboard: 'checkerboard',
};

/** Makes the dataset a config names (or parses an uploaded CSV) with @tessera/datasets. */
export function makeTrainData(config: TrainConfig, csv?: string): TrainData {
  let ds: DatasetLike;
  if (config.dataset === 'csv') {
    if (!csv) throw new Error('no CSV loaded');
    ds = need<(t: string, o?: object) => DatasetLike>(datasets, 'parseCsv', '@tessera/datasets')(csv);
  } else {
    const name = GENERATORS[config.dataset];
    if (!name) throw new Error(`unknown dataset "${config.dataset}"`);
    const gen = need<Gen>(datasets, name, '@tessera/datasets');
    const options: Record<string, unknown> = { n: config.n, seed: config.seed };
    if (config.dataset === 'surface') options.f = config.expr;
    if (config.noise > 0) options.noise = config.noise;
    ds = gen(options);
  }
  if (ds.d !== 2 && ds.d !== 3) throw new Error(`the data has ${ds.d} input columns; the playground draws 2 or 3`);
  const kind = ds.meta?.kind ?? (isLabels(ds.y) ? 'classification' : 'regression');
  const target =
    config.dataset === 'surface' ? config.expr : config.dataset === 'paraboloid-regression' ? 'x^2 + y^2 + 3' : undefined;
  const data: TrainData = { x: ds.x, y: ds.y, n: ds.n, d: ds.d, k: ds.k, kind, box: boxOf(ds) };
  if (target) data.target = target;
  return data;
}

function isLabels(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) if (y[i] !== 0 && y[i] !== 1) return false;
  return true;
}

/** The generator's box when it reports one, else the data's (x1, x2) extent padded by 5 %. */
function boxOf(ds: DatasetLike): [number, number, number, number] {
  const b = ds.meta?.params?.box;
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

export const hasDatasets = (): boolean => pick(datasets, 'paraboloidRegression') !== undefined;
