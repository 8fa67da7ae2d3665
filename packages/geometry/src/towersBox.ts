import { InputError, type Mlp, mlpFromLayers } from '@tessera/nn-core';
import { TOWER_STEEPNESS, type TowerKind, towerCheckNumber } from './towers1d.js';

export interface BoxTowerOptions {
  /** 'sigmoid' (Nielsen) or 'relu' (exact trapezoid tower, theory §4.2). Default 'sigmoid'. */
  kind?: TowerKind;
  /** First-layer steepness w (sigmoid weight; ReLU ramp width 1/w). Default 1000. */
  steepness?: number;
  /** Sigmoid second-layer gain (Nielsen's h; bias −(m − ½)·gain). Default 10, as in the book. */
  gain?: number;
  /** Output weight: the tower's height. Default 1. */
  height?: number;
}

/**
 * Nielsen's tower in m = bounds.length / 2 inputs, two hidden layers.
 * `bounds` = [lo1, hi1, lo2, hi2, …]. Layer 1 has a step at lo_i and at hi_i per axis; layer 2 is
 * one unit. Sigmoid: σ(gain·Σ_i (S_lo − S_hi) − (m − ½)·gain) (bias −3h/2 for m = 2, −5h/2 for m = 3).
 * ReLU: relu(Σ_i B_i − (m − 1)) with trapezoid bumps B_i (4 ReLUs per axis), which is exactly 1 on
 * the core box [lo + δ, hi]^m and exactly 0 outside [lo, hi + δ]^m (δ = 1/steepness).
 * The output layer is linear with weight `height`.
 */
export function boxTowerNet(bounds: readonly number[], options: BoxTowerOptions = {}): Mlp {
  if (!Array.isArray(bounds) || bounds.length < 2 || bounds.length % 2 !== 0)
    throw new InputError(`invalid tower bounds: expected [lo1, hi1, lo2, hi2, …], got ${JSON.stringify(bounds)}`);
  const m = bounds.length / 2;
  for (let i = 0; i < m; i++) {
    towerCheckNumber(bounds[2 * i], `bounds[${2 * i}]`);
    towerCheckNumber(bounds[2 * i + 1], `bounds[${2 * i + 1}]`);
    if (!(bounds[2 * i]! < bounds[2 * i + 1]!))
      throw new InputError(`invalid tower bounds on axis ${i + 1}: lo (${bounds[2 * i]}) must be less than hi (${bounds[2 * i + 1]})`);
  }
  const kind = options.kind ?? 'sigmoid';
  if (kind !== 'sigmoid' && kind !== 'relu') throw new InputError(`invalid kind: expected "sigmoid" or "relu", got ${JSON.stringify(kind)}`);
  const w = towerCheckNumber(options.steepness ?? TOWER_STEEPNESS, 'steepness', true);
  const gain = towerCheckNumber(options.gain ?? 10, 'gain', true);
  const height = towerCheckNumber(options.height ?? 1, 'height');
  const w1: number[][] = [];
  const b1: number[] = [];
  const w2: number[] = [];
  const unit = (axis: number, scale: number): number[] => {
    const row = new Array<number>(m).fill(0);
    row[axis] = scale;
    return row;
  };
  for (let i = 0; i < m; i++) {
    const lo = bounds[2 * i]!;
    const hi = bounds[2 * i + 1]!;
    if (kind === 'sigmoid') {
      w1.push(unit(i, w), unit(i, w));
      b1.push(-w * lo, -w * hi);
      w2.push(gain, -gain);
    } else {
      const d = 1 / w;
      w1.push(unit(i, 1), unit(i, 1), unit(i, 1), unit(i, 1));
      b1.push(-lo, -lo - d, -hi, -hi - d);
      w2.push(1 / d, -1 / d, -1 / d, 1 / d);
    }
  }
  const b2 = kind === 'sigmoid' ? -(m - 0.5) * gain : -(m - 1);
  return mlpFromLayers(
    m,
    [
      { activation: kind, weights: w1, bias: b1 },
      { activation: kind, weights: [w2], bias: [b2] },
      { activation: 'linear', weights: [[height]], bias: [0] },
    ],
    {
      name: `${kind} box tower (${m} inputs)`,
      meta: { construction: { type: 'box-tower', kind, bounds: [...bounds], steepness: w, gain, height } },
    },
  );
}

/**
 * Exact region counts of a 2-input ReLU box tower inside a domain that contains its whole support
 * with a margin (theory §4.2, fixture `relu_tower`): the 4 + 4 first-layer lines make a 5 × 5 grid
 * of cells, and the second-layer unit's line Bx + By = 1 cuts only the 4 corner ramp cells, so
 * 25 + 4 = 29 activation regions; the function is 0 outside, 1 on the core, ramps on 4 sides and
 * one facet in each corner: 1 + 1 + 4 + 4 = 10 linear regions.
 */
export function reluBoxTowerRegionCounts(): { activationRegions: number; linearRegions: number } {
  const lines = 4; // per axis: lo, lo + δ, hi, hi + δ
  const cells = (lines + 1) * (lines + 1);
  return { activationRegions: cells + 4, linearRegions: 1 + 1 + 4 + 4 };
}

/**
 * The `relu_tower` fixture of theory §4.2 (x-steps 0.4/0.6, y-steps 0.3/0.7, ramp width 0.05) with
 * `meta.construction` in the shape the `construct` command prints: 29 activation / 10 linear
 * regions in [0, 1]², T(0.5, 0.5) = 1, T(0.62, 0.5) = 0.6.
 */
export function reluTowerFixture(): Mlp {
  const mlp = boxTowerNet([0.4, 0.6, 0.3, 0.7], { kind: 'relu', steepness: 20 });
  const c = reluBoxTowerRegionCounts();
  mlp.name = 'relu_tower: exact ReLU tower (theory §4.2)';
  mlp.meta = {
    tower: mlp.meta?.construction,
    construction: {
      kind: 'tower',
      arch: '2-8-1-1',
      domain: [
        [0, 1],
        [0, 1],
      ],
      expectedRegions: c.activationRegions,
      expectedLinearRegions: c.linearRegions,
      source: "theory.md §4.2 (fixture relu_tower); Nielsen, Neural Networks and Deep Learning ch. 4 (the tower)",
    },
  };
  return mlp;
}
