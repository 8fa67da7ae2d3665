import { InputError, type Mlp, mlpFromLayers, mlpWidths } from '@tessera/nn-core';
import { type TowerError, type TowerErrorOptions, towerApproximationError } from './approximateError.js';
import type { TowerBox2 } from './approximatePieces.js';
import { TOWER_STEEPNESS, type TowerKind, towerCheckNumber } from './towers1d.js';

export interface ApproximateWithTowersOptions extends TowerErrorOptions {
  /** k: cells per axis (towers on a k × k grid). Default 8. */
  grid?: number;
  /** Default 'relu'. */
  kind?: TowerKind;
  /** 2: localised towers (Nielsen). 1: one hidden layer — cross-shaped x-bump + y-bump sums. Default 2. */
  hiddenLayers?: 1 | 2;
  /**
   * Two-hidden-layer ReLU towers: 'pyramid' (default; hexagonal-base pyramids that sum to exactly 1,
   * so the net is the P1 interpolant of f) or 'box' (Nielsen's flat-topped towers, ramps 1/steepness).
   * Sigmoid towers are always boxes.
   */
  shape?: 'pyramid' | 'box';
  /** First-layer steepness w (sigmoid weight; ReLU box ramp width 1/w). Default 1000. */
  steepness?: number;
  /** Sigmoid second-layer gain g (bias −3g/2). Default 20. */
  gain?: number;
}

export interface TowerApproximation extends TowerError {
  mlp: Mlp;
  /** Hidden units. */
  neurons: number;
  /** Weights + biases. */
  parameters: number;
  grid: number;
  kind: TowerKind;
  hiddenLayers: 1 | 2;
  shape: 'pyramid' | 'box' | 'cross';
  /** Number of towers (second-layer units) or of ridge units (one hidden layer). */
  towers: number;
}

/** Hidden-unit and parameter counts of any network. */
export function towerNetSize(mlp: Mlp): { neurons: number; parameters: number } {
  let neurons = 0;
  let parameters = 0;
  mlp.layers.forEach((l, i) => {
    if (i < mlp.layers.length - 1) neurons += l.units;
    parameters += l.rows * (l.nIn + 1);
  });
  return { neurons, parameters };
}

function checkBox(box: TowerBox2): void {
  if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new InputError(`invalid box: expected [xmin, xmax, ymin, ymax] finite numbers, got ${JSON.stringify(box)}`);
  if (!(box[0] < box[1])) throw new InputError(`invalid box: xmin (${box[0]}) must be less than xmax (${box[1]})`);
  if (!(box[2] < box[3])) throw new InputError(`invalid box: ymin (${box[2]}) must be less than ymax (${box[3]})`);
}

function sample(f: (x: number, y: number) => number, x: number, y: number): number {
  const v = f(x, y);
  if (!Number.isFinite(v)) throw new InputError(`f(${x}, ${y}) is not finite (${v}); choose a box where f is defined`);
  return v;
}

/** relu(±(s·t + c)) rows for t = x (axis 0) or y (axis 1), or u − v diagonals. */
function row2(ax: number, ay: number): number[] {
  return [ax, ay];
}

/**
 * ReLU pyramid towers, two hidden layers. With u = (x − x0)/Δx, v = (y − y0)/Δy, the tower at node
 * (i, j) is φ_ij = relu(1 − ½(|u − i| + |v − j| + |u − v − (i − j)|)): the P1 hat of the grid
 * triangulated along u − v = const (max(|a|, |b|, |a − b|) = ½(|a| + |b| + |a − b|)). Layer 1 makes
 * |·| of the 4k + 3 grid lines (2 ReLUs each), layer 2 the (k + 1)² hats, and the linear output
 * weights are f at the nodes. Σ φ_ij = 1 on the box, so the net is exactly the P1 interpolant.
 */
function pyramidNet(f: (x: number, y: number) => number, box: TowerBox2, k: number): Mlp {
  const [x0, x1, y0, y1] = box;
  const dx = (x1 - x0) / k;
  const dy = (y1 - y0) / k;
  const w1: number[][] = [];
  const b1: number[] = [];
  const idx = (list: 'u' | 'v' | 'd', i: number): number => {
    const base = list === 'u' ? 0 : list === 'v' ? 2 * (k + 1) : 4 * (k + 1);
    const off = list === 'd' ? i + k : i;
    return base + 2 * off;
  };
  for (let i = 0; i <= k; i++) {
    w1.push(row2(1 / dx, 0), row2(-1 / dx, 0));
    b1.push(-x0 / dx - i, x0 / dx + i);
  }
  for (let j = 0; j <= k; j++) {
    w1.push(row2(0, 1 / dy), row2(0, -1 / dy));
    b1.push(-y0 / dy - j, y0 / dy + j);
  }
  for (let d = -k; d <= k; d++) {
    // u − v − d
    w1.push(row2(1 / dx, -1 / dy), row2(-1 / dx, 1 / dy));
    const c = -x0 / dx + y0 / dy - d;
    b1.push(c, -c);
  }
  const n1 = w1.length;
  const w2: number[][] = [];
  const b2: number[] = [];
  const out: number[] = [];
  for (let i = 0; i <= k; i++)
    for (let j = 0; j <= k; j++) {
      const r = new Array<number>(n1).fill(0);
      for (const at of [idx('u', i), idx('v', j), idx('d', i - j)]) {
        r[at] = -0.5;
        r[at + 1] = -0.5;
      }
      w2.push(r);
      b2.push(1);
      out.push(sample(f, x0 + i * dx, y0 + j * dy));
    }
  return mlpFromLayers(2, [
    { activation: 'relu', weights: w1, bias: b1 },
    { activation: 'relu', weights: w2, bias: b2 },
    { activation: 'linear', weights: [out], bias: [0] },
  ]);
}

/**
 * Box towers, two hidden layers (Nielsen §2.4 on a k × k grid, steps shared between neighbours).
 * Sigmoid: steps S_i = σ(w(x − x_i)), towers σ(g(S_i − S_{i+1} + T_j − T_{j+1}) − 3g/2).
 * ReLU: ramps ρ_i (from x_i to x_i + δ), towers relu(B_i(x) + B_j(y) − 1) (theory §4.2).
 * Output weights are f at the cell centres.
 */
function boxGridNet(
  f: (x: number, y: number) => number,
  box: TowerBox2,
  k: number,
  kind: TowerKind,
  w: number,
  g: number,
): Mlp {
  const [x0, x1, y0, y1] = box;
  const dx = (x1 - x0) / k;
  const dy = (y1 - y0) / k;
  const w1: number[][] = [];
  const b1: number[] = [];
  const per = kind === 'sigmoid' ? 1 : 2;
  const delta = 1 / w;
  if (kind === 'relu' && !(delta < Math.min(dx, dy)))
    throw new InputError(`invalid steepness ${w}: the ReLU ramp width 1/w must be below the cell width ${Math.min(dx, dy)}`);
  for (let axis = 0; axis < 2; axis++)
    for (let i = 0; i <= k; i++) {
      const s = axis === 0 ? x0 + i * dx : y0 + i * dy;
      const r = axis === 0 ? [1, 0] : [0, 1];
      if (kind === 'sigmoid') {
        w1.push(r.map((v) => v * w));
        b1.push(-w * s);
      } else {
        w1.push(r, r);
        b1.push(-s, -s - delta);
      }
    }
  const n1 = w1.length;
  const stepCoef = (row: number[], axis: number, i: number, sign: number): void => {
    const at = (axis * (k + 1) + i) * per;
    if (kind === 'sigmoid') row[at] = (row[at] ?? 0) + sign * g;
    else {
      row[at] = (row[at] ?? 0) + sign / delta;
      row[at + 1] = (row[at + 1] ?? 0) - sign / delta;
    }
  };
  const w2: number[][] = [];
  const b2: number[] = [];
  const out: number[] = [];
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const r = new Array<number>(n1).fill(0);
      stepCoef(r, 0, i, 1);
      stepCoef(r, 0, i + 1, -1);
      stepCoef(r, 1, j, 1);
      stepCoef(r, 1, j + 1, -1);
      w2.push(r);
      b2.push(kind === 'sigmoid' ? -1.5 * g : -1);
      out.push(sample(f, x0 + (i + 0.5) * dx, y0 + (j + 0.5) * dy));
    }
  return mlpFromLayers(2, [
    { activation: kind, weights: w1, bias: b1 },
    { activation: kind, weights: w2, bias: b2 },
    { activation: 'linear', weights: [out], bias: [0] },
  ]);
}

/**
 * One hidden layer: the additive ("cross") part of f, g(x) + h(y) − mean, built from x-bumps and
 * y-bumps whose sum is Nielsen's cross of §2.4 without the threshold. ReLU: the PL interpolant of
 * the node averages (k ReLUs per axis, theory §4.1/§4.3; exact interpolation for separable f).
 * Sigmoid: steps at the k − 1 interior cell edges, heights from cell-centre averages.
 * One hidden layer cannot localise: a one-hidden-layer ReLU net in 2-D has no compactly supported
 * output (theory §3.4), so only the additive part of f is captured.
 */
function crossNet(f: (x: number, y: number) => number, box: TowerBox2, k: number, kind: TowerKind, w: number): Mlp {
  const [x0, x1, y0, y1] = box;
  const dx = (x1 - x0) / k;
  const dy = (y1 - y0) / k;
  const nodes = kind === 'relu' ? k + 1 : k;
  const at = (i: number, d: number, o: number): number => o + (kind === 'relu' ? i : i + 0.5) * d;
  const F: number[][] = [];
  for (let i = 0; i < nodes; i++) {
    const row: number[] = [];
    for (let j = 0; j < nodes; j++) row.push(sample(f, at(i, dx, x0), at(j, dy, y0)));
    F.push(row);
  }
  const g = F.map((row) => row.reduce((a, b) => a + b, 0) / nodes);
  const h = F[0]!.map((_, j) => F.reduce((a, row) => a + row[j]!, 0) / nodes);
  const G = g.reduce((a, b) => a + b, 0) / nodes;
  const w1: number[][] = [];
  const b1: number[] = [];
  const out: number[] = [];
  const axisUnits = (vals: number[], axis: number, o: number, d: number): void => {
    const r = (s: number): number[] => (axis === 0 ? [s, 0] : [0, s]);
    if (kind === 'relu') {
      let prev = 0;
      for (let i = 0; i < k; i++) {
        const slope = (vals[i + 1]! - vals[i]!) / d;
        w1.push(r(1));
        b1.push(-(o + i * d));
        out.push(slope - prev);
        prev = slope;
      }
    } else {
      for (let i = 1; i < k; i++) {
        w1.push(r(w));
        b1.push(-w * (o + i * d));
        out.push(vals[i]! - vals[i - 1]!);
      }
    }
  };
  axisUnits(g, 0, x0, dx);
  axisUnits(h, 1, y0, dy);
  return mlpFromLayers(2, [
    { activation: kind, weights: w1, bias: b1 },
    { activation: 'linear', weights: [out], bias: [g[0]! + h[0]! - G] },
  ]);
}

/**
 * Approximates f on a box with a tower network and measures the error.
 * `supError` is, for ReLU nets, an upper bound on the true max |net − f| over the box (certified
 * when `curvatureBound` is given; see {@link towerApproximationError}); for sigmoid nets a
 * fine-grid maximum (an estimate).
 */
export function approximateWithTowers(
  f: (x: number, y: number) => number,
  box: TowerBox2,
  options: ApproximateWithTowersOptions = {},
): TowerApproximation {
  if (typeof f !== 'function') throw new InputError('approximateWithTowers: f must be a function (x, y) => number');
  checkBox(box);
  const kind = options.kind ?? 'relu';
  if (kind !== 'sigmoid' && kind !== 'relu') throw new InputError(`invalid kind: expected "sigmoid" or "relu", got ${JSON.stringify(kind)}`);
  const layers = options.hiddenLayers ?? 2;
  if (layers !== 1 && layers !== 2) throw new InputError(`invalid hiddenLayers: expected 1 or 2, got ${JSON.stringify(layers)}`);
  const k = options.grid ?? 8;
  // two hidden layers hold k² towers × O(k) inputs each: cap the weight count near 2·10⁶
  const maxK = layers === 2 ? 64 : 1024;
  if (!Number.isInteger(k) || k < 2 || k > maxK)
    throw new InputError(`invalid grid: expected an integer in 2…${maxK} for ${layers} hidden layer${layers === 2 ? 's' : ''}, got ${k}`);
  const w = towerCheckNumber(options.steepness ?? TOWER_STEEPNESS, 'steepness', true);
  const g = towerCheckNumber(options.gain ?? 20, 'gain', true);
  let shape: TowerApproximation['shape'];
  let mlp: Mlp;
  if (layers === 1) {
    shape = 'cross';
    mlp = crossNet(f, box, k, kind, w);
  } else if (kind === 'relu' && (options.shape ?? 'pyramid') === 'pyramid') {
    shape = 'pyramid';
    mlp = pyramidNet(f, box, k);
  } else {
    if (options.shape !== undefined && options.shape !== 'box' && options.shape !== 'pyramid')
      throw new InputError(`invalid shape: expected "pyramid" or "box", got ${JSON.stringify(options.shape)}`);
    shape = 'box';
    mlp = boxGridNet(f, box, k, kind, w, g);
  }
  mlp.name = `${kind} ${shape} towers, ${k}×${k} grid, ${layers} hidden layer${layers === 2 ? 's' : ''}`;
  mlp.meta = {
    construction: { type: 'tower-approximation', kind, shape, grid: k, hiddenLayers: layers, box: [...box], steepness: w, gain: g },
    widths: mlpWidths(mlp),
  };
  const err = towerApproximationError(mlp, f, box, options);
  const size = towerNetSize(mlp);
  const towers = layers === 2 ? mlp.layers[1]!.units : mlp.layers[0]!.units;
  return { mlp, ...size, grid: k, kind, hiddenLayers: layers, shape, towers, ...err };
}

/** One row of {@link towerErrorTable}. */
export interface TowerErrorRow {
  grid: number;
  neurons: number;
  parameters: number;
  supError: number;
  supErrorLower: number;
  supErrorKind: TowerError['supErrorKind'];
  rmse: number;
  /** log(sup_prev / sup) / log(N / N_prev): the observed order in the neuron count (null on row 1). */
  rateInNeurons: number | null;
  /** The same in k (cells per axis). */
  rateInGrid: number | null;
}

/** The error-vs-neurons table: approximateWithTowers for each k in `grids` (default 2…16). */
export function towerErrorTable(
  f: (x: number, y: number) => number,
  box: TowerBox2,
  options: ApproximateWithTowersOptions & { grids?: readonly number[] } = {},
): TowerErrorRow[] {
  const grids = options.grids ?? [2, 3, 4, 5, 6, 8, 10, 12, 14, 16];
  const rows: TowerErrorRow[] = [];
  for (const k of grids) {
    const a = approximateWithTowers(f, box, { ...options, grid: k });
    const prev = rows[rows.length - 1];
    rows.push({
      grid: k,
      neurons: a.neurons,
      parameters: a.parameters,
      supError: a.supError,
      supErrorLower: a.supErrorLower,
      supErrorKind: a.supErrorKind,
      rmse: a.rmse,
      rateInNeurons: prev ? Math.log(prev.supError / a.supError) / Math.log(a.neurons / prev.neurons) : null,
      rateInGrid: prev ? Math.log(prev.supError / a.supError) / Math.log(k / prev.grid) : null,
    });
  }
  return rows;
}
