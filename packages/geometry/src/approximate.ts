import { InputError, type Mlp, mlpFromLayers, mlpWidths } from '@tessera/nn-core';
import { type TowerError, type TowerErrorOptions, towerApproximationError } from './approximateError.js';
import type { TowerBox2 } from './approximatePieces.js';
import { ngonGrid } from './ngonApproximation.js';
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
  /**
   * Box towers: grow the tiled box by a margin of 5/w (sigmoid, σ(5) ≈ 0.993) or the ramp width 1/w
   * (ReLU) on every side — the margin of {@link ngonGrid}, capped at half a cell so shallow steps
   * (w below 10/cell) do not stretch the grid — so the whole box is covered by
   * full-height plateaus instead of half-height (sigmoid) or zero (ReLU) edges. Default true;
   * `false` puts the outermost steps exactly on the box edge (the old construction).
   */
  margin?: boolean;
  /**
   * Box towers: Nielsen's remedy for the "windows of failure". M copies of the tower grid, each with
   * heights f/M, copy m shifted by m/M of a cell along both axes ({@link towerGridCopies}); the
   * net is the sum of the M single-copy nets. A point fails in copy m only in copy m's corner
   * windows (|x − x-line| < c AND |y − y-line| < c; near a single line the two neighbouring towers'
   * outputs sum to ≈ 1, exactly 1 for ReLU, so there it is a convex mix of neighbouring heights).
   * x-lines of different copies are dx/M apart, so when the window half-width c (≈ 5/w sigmoid,
   * δ = 1/w ReLU) is below dx/(2M) and dy/(2M), every point is in the window of at most one copy and
   * |net − f| ≤ sup|f|/M + ω + ε·sup|f|, where ω = max |f(p) − f(centre)| over the cells within one
   * cell of p (the plateau error) and ε collects the sigmoid leaks (steps within σ(−5) ≈ 0.7 % of
   * 0/1 outside the windows, and each off-tower ≈ σ(−g/2)); ε = 0 for ReLU. A fine-grid check:
   * k = 8, w = 1000, M = 4 gives sup ≈ 2.51 ≤ 11/4 + ω. With M = 1 the bound is sup|f| + ω.
   * Default 1.
   */
  copies?: number;
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
  /** Box towers: copies M of the grid (1 otherwise). */
  copies: number;
  /** Box towers: the margin added on every side (0 for other shapes or with `margin: false`). */
  margin: number;
  /** The box the cells tile: `box` grown by `margin`. */
  tiled: [number, number, number, number];
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

/** Where the step lines of one copy of a box-tower grid sit, and the copy's tower heights. */
export interface TowerGridCopy {
  /** x positions of the copy's steps (cell edges), increasing. */
  xs: number[];
  /** y positions, increasing. */
  ys: number[];
  /** Height of the tower on cell (i, j), row-major in i: f(clamped cell centre) / copies. */
  heights: number[];
}

/**
 * The line geometry of M = `copies` box-tower grids (Nielsen's remedy for the failure windows).
 * The tiled box (`tiled`, the target box grown by the margin, see {@link ngonGrid}) is cut into
 * k × k cells of size dx × dy. Copy 0 has the lines tiled[0] + i·dx, i = 0…k; copy m ≥ 1 is shifted
 * by m/M of a cell in both axes and gets one extra cell per axis, lines tiled[0] + (i + m/M)·dx,
 * i = −1…k, so it still covers the tiled box. Each tower's height is f at its cell centre clamped
 * to `box` (f is never sampled outside the box), divided by M.
 */
export function towerGridCopies(
  f: (x: number, y: number) => number,
  box: TowerBox2,
  tiled: TowerBox2,
  k: number,
  copies: number,
): TowerGridCopy[] {
  const dx = (tiled[1] - tiled[0]) / k;
  const dy = (tiled[3] - tiled[2]) / k;
  const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
  const out: TowerGridCopy[] = [];
  for (let m = 0; m < copies; m++) {
    const first = m === 0 ? 0 : -1;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = first; i <= k; i++) {
      xs.push(tiled[0] + (i + m / copies) * dx);
      ys.push(tiled[2] + (i + m / copies) * dy);
    }
    const heights: number[] = [];
    for (let i = 0; i + 1 < xs.length; i++)
      for (let j = 0; j + 1 < ys.length; j++) {
        const cx = clamp((xs[i]! + xs[i + 1]!) / 2, box[0], box[1]);
        const cy = clamp((ys[j]! + ys[j + 1]!) / 2, box[2], box[3]);
        heights.push(sample(f, cx, cy) / copies);
      }
    out.push({ xs, ys, heights });
  }
  return out;
}

/**
 * Box towers, two hidden layers (Nielsen §2.4 on a k × k grid, steps shared between neighbours),
 * one block of units per copy (see {@link towerGridCopies}); all copies feed one linear output.
 * Sigmoid: steps S_i = σ(w(x − x_i)), towers σ(g(S_i − S_{i+1} + T_j − T_{j+1}) − 3g/2).
 * ReLU: ramps ρ_i (from x_i to x_i + δ), towers relu(B_i(x) + B_j(y) − 1) (theory §4.2).
 */
function boxGridNet(grids: readonly TowerGridCopy[], kind: TowerKind, w: number, g: number): Mlp {
  const w1: number[][] = [];
  const b1: number[] = [];
  const w2: number[][] = [];
  const b2: number[] = [];
  const out: number[] = [];
  const per = kind === 'sigmoid' ? 1 : 2;
  const delta = 1 / w;
  const rowsOf: number[][] = [];
  for (const c of grids) {
    const base = w1.length;
    const nx = c.xs.length;
    for (let axis = 0; axis < 2; axis++)
      for (const s of axis === 0 ? c.xs : c.ys) {
        const r = axis === 0 ? [1, 0] : [0, 1];
        if (kind === 'sigmoid') {
          w1.push(r.map((v) => v * w));
          b1.push(-w * s);
        } else {
          w1.push(r, r);
          b1.push(-s, -s - delta);
        }
      }
    // sparse tower rows: [unit index, coefficient] pairs, expanded once the layer width is known
    const stepCoef = (row: number[], line: number, sign: number): void => {
      const at = base + line * per;
      if (kind === 'sigmoid') row.push(at, sign * g);
      else row.push(at, sign / delta, at + 1, -sign / delta);
    };
    let h = 0;
    for (let i = 0; i + 1 < nx; i++)
      for (let j = 0; j + 1 < c.ys.length; j++) {
        const r: number[] = [];
        stepCoef(r, i, 1);
        stepCoef(r, i + 1, -1);
        stepCoef(r, nx + j, 1);
        stepCoef(r, nx + j + 1, -1);
        rowsOf.push(r);
        b2.push(kind === 'sigmoid' ? -1.5 * g : -1);
        out.push(c.heights[h++]!);
      }
  }
  const n1 = w1.length;
  for (const sparse of rowsOf) {
    const r = new Array<number>(n1).fill(0);
    for (let t = 0; t < sparse.length; t += 2) r[sparse[t]!] = r[sparse[t]!]! + sparse[t + 1]!;
    w2.push(r);
  }
  return mlpFromLayers(2, [
    { activation: kind, weights: w1, bias: b1 },
    { activation: kind, weights: w2, bias: b2 },
    { activation: 'linear', weights: [out], bias: [0] },
  ]);
}

/** Every crossing of an x step line with a y step line inside the box: the corners of the failure windows. */
function windowCorners(grids: readonly TowerGridCopy[], box: TowerBox2): Float64Array {
  const xs = grids.flatMap((c) => c.xs).filter((x) => x >= box[0] && x <= box[1]);
  const ys = grids.flatMap((c) => c.ys).filter((y) => y >= box[2] && y <= box[3]);
  const pts = new Float64Array(2 * xs.length * ys.length);
  let p = 0;
  for (const x of xs)
    for (const y of ys) {
      pts[p++] = x;
      pts[p++] = y;
    }
  return pts;
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
  const copies = options.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > 16)
    throw new InputError(`invalid copies: expected an integer in 1…16, got ${JSON.stringify(copies)}`);
  if (options.shape !== undefined && options.shape !== 'box' && options.shape !== 'pyramid')
    throw new InputError(`invalid shape: expected "pyramid" or "box", got ${JSON.stringify(options.shape)}`);
  let shape: TowerApproximation['shape'];
  let mlp: Mlp;
  let margin = 0;
  let tiled: [number, number, number, number] = [box[0], box[1], box[2], box[3]];
  let extra: Float64Array | undefined;
  if (layers === 1) {
    shape = 'cross';
    mlp = crossNet(f, box, k, kind, w);
  } else if (kind === 'relu' && (options.shape ?? 'pyramid') === 'pyramid') {
    shape = 'pyramid';
    mlp = pyramidNet(f, box, k);
  } else {
    shape = 'box';
    if (options.margin ?? true) {
      // the n-gon grid's margin (5/w sigmoid, 1/w ReLU), capped at half a cell for shallow steps
      const half = Math.min(box[1] - box[0], box[3] - box[2]) / (2 * k);
      margin = Math.min(ngonGrid(box, k, kind, w).margin, half);
      tiled = [box[0] - margin, box[1] + margin, box[2] - margin, box[3] + margin];
    }
    const cell = Math.min(tiled[1] - tiled[0], tiled[3] - tiled[2]) / k;
    if (kind === 'relu' && !(1 / w < cell / copies))
      throw new InputError(`invalid steepness ${w}: the ReLU ramp width 1/w must be below the cell width / copies ${cell / copies}`);
    const grids = towerGridCopies(f, box, tiled, k, copies);
    mlp = boxGridNet(grids, kind, w, g);
    extra = windowCorners(grids, box);
  }
  if (copies !== 1 && shape !== 'box')
    throw new InputError(`invalid copies ${copies}: shifted copies apply to two-hidden-layer box towers (shape "box" or kind "sigmoid")`);
  mlp.name = `${kind} ${shape} towers, ${k}×${k} grid${copies > 1 ? ` × ${copies} copies` : ''}, ${layers} hidden layer${layers === 2 ? 's' : ''}`;
  mlp.meta = {
    construction: { type: 'tower-approximation', kind, shape, grid: k, hiddenLayers: layers, box: [...box], steepness: w, gain: g, copies, margin, tiled: [...tiled] },
    widths: mlpWidths(mlp),
  };
  const err = towerApproximationError(mlp, f, box, { ...options, extraPoints: extra });
  const size = towerNetSize(mlp);
  const towers = layers === 2 ? mlp.layers[1]!.units : mlp.layers[0]!.units;
  return { mlp, ...size, grid: k, kind, hiddenLayers: layers, shape, towers, copies, margin, tiled, ...err };
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
