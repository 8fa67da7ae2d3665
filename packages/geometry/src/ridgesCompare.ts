import { surface } from '@tessera/datasets';
import { createMlp, fit, InputError, type Mlp, mlpWidths } from '@tessera/nn-core';
import { type ApproximateWithTowersOptions, approximateWithTowers, towerNetSize } from './approximate.js';
import { towerApproximationError } from './approximateError.js';
import type { TowerBox2 } from './approximatePieces.js';
import { towerLikeness } from './ridges.js';

/** One side of {@link compareWithTowers}. */
export interface TowerComparisonRow {
  name: string;
  widths: number[];
  neurons: number;
  parameters: number;
  supError: number;
  supErrorKind: string;
  rmse: number;
  activationRegions: number | null;
  linearRegions: number | null;
  /** {@link towerLikeness} score for one-hidden-layer nets, null otherwise. */
  towerLikeness: number | null;
}

function row(name: string, mlp: Mlp, f: (x: number, y: number) => number, box: TowerBox2, curvatureBound?: number): TowerComparisonRow {
  const err = towerApproximationError(mlp, f, box, curvatureBound === undefined ? {} : { curvatureBound });
  const size = towerNetSize(mlp);
  const oneLayer = mlp.layers.length === 2 && mlp.layers[1]!.activation === 'linear';
  return {
    name,
    widths: mlpWidths(mlp),
    ...size,
    supError: err.supError,
    supErrorKind: err.supErrorKind,
    rmse: err.rmse,
    activationRegions: err.activationRegions ?? null,
    linearRegions: err.linearRegions ?? null,
    towerLikeness: oneLayer ? towerLikeness(mlp).score : null,
  };
}

/** The largest grid k whose tower net has at most `budget` hidden units (null if even k = 2 is too big). */
export function towerGridForBudget(budget: number, options: Pick<ApproximateWithTowersOptions, 'kind' | 'hiddenLayers' | 'shape'> = {}): number | null {
  const kind = options.kind ?? 'relu';
  const layers = options.hiddenLayers ?? 2;
  const shape = options.shape ?? 'pyramid';
  const neurons = (k: number): number => {
    if (layers === 1) return kind === 'relu' ? 2 * k : 2 * (k - 1);
    if (kind === 'relu' && shape === 'pyramid') return (k + 1) ** 2 + 8 * k + 6;
    return (kind === 'relu' ? 4 : 2) * (k + 1) + k * k;
  };
  let best: number | null = null;
  for (let k = 2; k <= (layers === 2 ? 64 : 1024) && neurons(k) <= budget; k++) best = k;
  return best;
}

/**
 * A trained net side by side with the tower net of the same (or the largest not larger) neuron
 * budget: neurons, parameters, sup error (certified/bounded for ReLU nets, see
 * towerApproximationError), RMS error, activation/linear regions and tower-likeness.
 */
export function compareWithTowers(
  trained: Mlp,
  f: (x: number, y: number) => number,
  box: TowerBox2,
  options: Pick<ApproximateWithTowersOptions, 'kind' | 'hiddenLayers' | 'shape' | 'curvatureBound'> = {},
): { trained: TowerComparisonRow; towers: TowerComparisonRow; grid: number } {
  if (trained.inputDim !== 2 || trained.outputDim !== 1)
    throw new InputError(`compareWithTowers needs a 2-input, 1-output net, got ${trained.inputDim} → ${trained.outputDim}`);
  const budget = towerNetSize(trained).neurons;
  const k = towerGridForBudget(budget, options);
  if (k === null) throw new InputError(`a neuron budget of ${budget} is below the smallest tower net (k = 2)`);
  const t = approximateWithTowers(f, box, { ...options, grid: k });
  return {
    trained: row(trained.name ?? 'trained', trained, f, box, options.curvatureBound),
    towers: row(t.mlp.name ?? 'towers', t.mlp, f, box, options.curvatureBound),
    grid: k,
  };
}

/**
 * Trains a one-hidden-layer ReLU net 2-`hidden`-1 on the seed's data (n points of f uniform in the
 * box, nn-core `fit` with Adam), deterministic for a seed. Used by the comparison and the demo.
 */
export function trainSeedNet(
  f: (x: number, y: number) => number,
  box: TowerBox2,
  options: { hidden?: number; n?: number; epochs?: number; seed?: number; lr?: number } = {},
): Mlp {
  const hidden = options.hidden ?? 16;
  const seed = options.seed ?? 1;
  const data = surface({ f, box: [box[0], box[1], box[2], box[3]], n: options.n ?? 1000, seed });
  const model = createMlp({ arch: [2, hidden, 1], activation: 'relu', seed });
  fit(model, { x: data.x, y: data.y }, { epochs: options.epochs ?? 300, optimizer: 'adam', lr: options.lr ?? 0.01, batchSize: 32, seed });
  model.name = `trained 2-${hidden}-1 relu (seed ${seed})`;
  return model;
}
