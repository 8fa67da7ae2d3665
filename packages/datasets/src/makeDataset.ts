import { InputError, type Rng, preview } from '@tessera/nn-core';
import {
  type BlobsOptions,
  type CheckerboardOptions,
  type CircleOptions,
  type GaussiansOptions,
  type SpiralsOptions,
  type XorOptions,
  blobs,
  checkerboard,
  circle,
  gaussians,
  moons,
  spirals,
  xor,
} from './classic.js';
import type { Box, Dataset, DatasetKind } from './dataset.js';
import { type BumpsOptions, type PlaneOptions, bumps, plane } from './regression.js';
import {
  type SurfaceClassificationOptions,
  type SurfaceRegressionOptions,
  paraboloid,
  paraboloidRegression,
  surface,
  surfaceClassification,
} from './surface.js';

/** One entry of {@link listDatasets}. */
export interface DatasetInfo {
  name: string;
  kind: DatasetKind;
  /** Number of input columns d. */
  inputDim: number;
  /** Number of classes (classification only). */
  classes?: number;
  /** Whether the generator needs `f` (an expression). */
  needsExpression?: boolean;
  description: string;
}

/**
 * Options for {@link makeDataset}: the common ones below plus any option of the named generator
 * (e.g. `mix`, `margin`, `tolerance` for `paraboloid`; `classes`, `oneHot` for `blobs`).
 */
export interface MakeDatasetOptions
  extends SurfaceRegressionOptions,
    Omit<SurfaceClassificationOptions, 'f'>,
    CircleOptions,
    XorOptions,
    GaussiansOptions,
    SpiralsOptions,
    CheckerboardOptions,
    BlobsOptions,
    Omit<PlaneOptions, 'box'>,
    Omit<BumpsOptions, 'box'> {
  n?: number;
  seed?: number;
  /** The surface for `surface` / `surface-classification`: an expression such as "sin(3*x) * y + 2". */
  f?: SurfaceRegressionOptions['f'];
  noise?: number;
  box?: Box;
}

interface Entry extends DatasetInfo {
  make: (options: MakeDatasetOptions, rng?: Rng) => Dataset;
}

const REGISTRY: readonly Entry[] = [
  {
    name: 'paraboloid',
    kind: 'classification',
    inputDim: 3,
    classes: 2,
    description:
      'the seed experiment: (x1,x2,x3) on (label 1) / above / below (label 0) the surface x1^2+x2^2+3 over [-2,2]^2, 70/20/10 %',
    make: (o, r) => paraboloid(o, r),
  },
  {
    name: 'paraboloid-regression',
    kind: 'regression',
    inputDim: 2,
    description: '(x1,x2) -> x1^2+x2^2+3 over [-2,2]^2, uniform or grid, optional Gaussian noise',
    make: (o, r) => paraboloidRegression(o, r),
  },
  {
    name: 'surface',
    kind: 'regression',
    inputDim: 2,
    needsExpression: true,
    description: '(x1,x2) -> f(x1,x2) for an expression f (e.g. "sin(3*x) * y + 2"), optional noise',
    make: (o, r) => surface(requireF('surface', o), r),
  },
  {
    name: 'surface-classification',
    kind: 'classification',
    inputDim: 3,
    classes: 2,
    needsExpression: true,
    description: '(x1,x2,x3) on (label 1) / above / below (label 0) the surface x3 = f(x1,x2) of an expression f',
    make: (o, r) => surfaceClassification(requireF('surface-classification', o), r),
  },
  {
    name: 'circle',
    kind: 'classification',
    inputDim: 2,
    classes: 2,
    description: 'disc |p| <= 1 (label 1) vs ring 1.4 <= |p| <= 2 (label 0)',
    make: (o, r) => circle(o, r),
  },
  {
    name: 'xor',
    kind: 'classification',
    inputDim: 2,
    classes: 2,
    description: 'quadrants: label 1 where x1*x2 > 0, label 0 where x1*x2 < 0, in [-2,2]^2',
    make: (o, r) => xor(o, r),
  },
  {
    name: 'gaussians',
    kind: 'classification',
    inputDim: 2,
    classes: 2,
    description: 'two Gaussians: N((1,1), 0.5^2 I) label 1 vs N((-1,-1), 0.5^2 I) label 0',
    make: (o, r) => gaussians(o, r),
  },
  {
    name: 'spirals',
    kind: 'classification',
    inputDim: 2,
    classes: 2,
    description: 'two interleaved spirals of 1.75 turns, radius 2',
    make: (o, r) => spirals(o, r),
  },
  {
    name: 'moons',
    kind: 'classification',
    inputDim: 2,
    classes: 2,
    description: 'two interleaved half circles (scikit-learn make_moons, centred)',
    make: (o, r) => moons(o, r),
  },
  {
    name: 'checkerboard',
    kind: 'classification',
    inputDim: 2,
    classes: 2,
    description: '4x4 checkerboard over [-2,2]^2, label (i+j) mod 2 of the cell',
    make: (o, r) => checkerboard(o, r),
  },
  {
    name: 'blobs',
    kind: 'classification',
    inputDim: 2,
    classes: 3,
    description: 'k >= 2 Gaussian blobs (default 3) on a circle of radius 1.5; class index label, or one-hot',
    make: (o, r) => blobs(o, r),
  },
  {
    name: 'plane',
    kind: 'regression',
    inputDim: 2,
    description: '(x1,x2) -> 0.5*x1 - x2 + 1 over [-2,2]^2 (coefficients settable), optional noise',
    make: (o, r) => plane(o, r),
  },
  {
    name: 'bumps',
    kind: 'regression',
    inputDim: 2,
    description: '(x1,x2) -> a sum of three Gaussian bumps over [-2,2]^2, optional noise',
    make: (o, r) => bumps(o, r),
  },
];

function requireF<T extends { f?: unknown }>(name: string, o: T): T {
  if (o.f === undefined || o.f === '')
    throw new InputError(`dataset "${name}" needs f, an expression in x and y such as "sin(3*x) * y + 2"`);
  return o;
}

/** Every dataset {@link makeDataset} knows, in a stable order. */
export function listDatasets(): DatasetInfo[] {
  return REGISTRY.map(({ make: _make, ...info }) => ({ ...info }));
}

/**
 * Makes the named dataset (see {@link listDatasets}) with its generator's defaults for any option
 * not given. Unknown names throw {@link InputError} listing the known ones.
 *
 * ```ts
 * const ds = makeDataset('paraboloid', { n: 1000, seed: 7 });
 * const s = makeDataset('surface', { f: 'sin(3*x) * y + 2', n: 500 });
 * ```
 */
export function makeDataset(name: string, options: MakeDatasetOptions = {}, rng?: Rng): Dataset {
  const entry = REGISTRY.find((e) => e.name === name);
  if (!entry)
    throw new InputError(
      `unknown dataset ${preview(name)}; known datasets: ${REGISTRY.map((e) => e.name).join(', ')}`,
    );
  const ds = entry.make(options, rng);
  ds.meta.name = entry.name;
  return ds;
}
