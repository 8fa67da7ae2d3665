import { evaluateMlp, InputError, type Mlp, mlpFromLayers, mlpWidths } from '@tessera/nn-core';
import { towerNetSize } from './approximate.js';
import { type TowerError, type TowerErrorOptions, towerApproximationError } from './approximateError.js';
import type { TowerBox2 } from './approximatePieces.js';
import { ngonNormal } from './towersNgon.js';
import { TOWER_STEEPNESS, type TowerKind, towerCheckNumber } from './towers1d.js';

/**
 * One hidden layer of regular n-gon towers on a k × k grid (theory §3.1, §3.4): every cell gets n
 * steps facing its centre, all in ONE hidden layer, and a linear output. Two ways to choose the
 * output weights: Nielsen's by hand (h = f(centre)/n, so each plateau is nh = f(centre), skirts and
 * all) or least squares over a fine grid with the hidden layer fixed.
 */
export interface NgonApproximationOptions extends TowerErrorOptions {
  /** k: cells per axis. Default 4. */
  grid?: number;
  /** n: sides of each tower (steps per cell). Default 8. */
  sides?: number;
  /** 'sigmoid' steps σ(w(r − t)) or exact 'relu' ramps (2 ReLUs each, width 1/w). Default 'sigmoid'. */
  kind?: TowerKind;
  /** Step steepness w. Default 1000. */
  steepness?: number;
  /** Direction of the first edge normal, radians. Default 0 (so n = 4 towers tile the grid). */
  theta0?: number;
  /** 'hand': h_cell = f(centre)/n, bias 0. 'least-squares': the ridge-regularised LS fit. Default 'least-squares'. */
  fit?: 'hand' | 'least-squares';
  /** Least-squares samples: the cell centres of a fitResolution² grid over the box. Default 61. */
  fitResolution?: number;
  /**
   * Relative ridge λ/mean(diag ΦᵀΦ) of the normal equations. Default 1e-5: small enough not to
   * change well-posed fits (k = 6, n = 16: RMSE 0.0905 → 0.0904 against 1e-9 at fitResolution 61),
   * large enough to tame slivers between near-parallel edge lines that no sample hits (at
   * fitResolution 41, 1e-9 lets the k = 6, n = 16 fit reach a sup error of 294; 1e-5 gives 0.51).
   */
  ridge?: number;
}

export interface NgonApproximation extends TowerError {
  mlp: Mlp;
  /** Hidden units: k²·n (sigmoid) or 2k²·n (ReLU ramps). */
  neurons: number;
  /** Weights + biases. */
  parameters: number;
  grid: number;
  sides: number;
  kind: TowerKind;
  fit: 'hand' | 'least-squares';
  /** Cells (towers): k². */
  towers: number;
  /** Apothem of every tower (half the cell side, cells slightly enlarged by the margin). */
  apothem: number;
  /** RMS error on the least-squares sample points (the quantity the fit minimises). */
  fitRmse: number;
}

/** Geometry of the tower grid: cell centres and the common apothem. */
export interface NgonGrid {
  centres: Float64Array;
  apothem: number;
  /** The tiled box: the target box grown by `margin` on every side. */
  tiled: [number, number, number, number];
  margin: number;
}

function checkBox(box: TowerBox2): void {
  if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new InputError(`invalid box: expected [xmin, xmax, ymin, ymax] finite numbers, got ${JSON.stringify(box)}`);
  if (!(box[0] < box[1])) throw new InputError(`invalid box: xmin (${box[0]}) must be less than xmax (${box[1]})`);
  if (!(box[2] < box[3])) throw new InputError(`invalid box: ymin (${box[2]}) must be less than ymax (${box[3]})`);
}

/**
 * The k × k cells. The tiled box is the target box grown by a margin of 5/w (ramp width 1/w for
 * ReLU) so that the outermost edges' transition bands lie outside the box (σ(5) ≈ 0.993);
 * the apothem is half the smaller cell side, so n = 4 towers (θ0 = 0) tile it exactly and larger n
 * leave the cell corners to the skirts.
 */
export function ngonGrid(box: TowerBox2, k: number, kind: TowerKind, steepness: number): NgonGrid {
  const margin = kind === 'sigmoid' ? 5 / steepness : 1 / steepness;
  const x0 = box[0] - margin;
  const y0 = box[2] - margin;
  const dx = (box[1] - box[0] + 2 * margin) / k;
  const dy = (box[3] - box[2] + 2 * margin) / k;
  const centres = new Float64Array(2 * k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      centres[2 * (i * k + j)] = x0 + (i + 0.5) * dx;
      centres[2 * (i * k + j) + 1] = y0 + (j + 0.5) * dy;
    }
  return { centres, apothem: Math.min(dx, dy) / 2, tiled: [x0, x0 + k * dx, y0, y0 + k * dy], margin };
}

/**
 * The hidden layer: for cell c and direction k, the sigmoid step σ(w(r − ⟨u_k, x − c⟩)) (row −w·u_k,
 * bias w(r + ⟨u_k, c⟩)), or the ReLU ramp (relu(r + δ − t) − relu(r − t))/δ, δ = 1/w. `coef[j]` is
 * the coefficient of unit j in its step (1, or ±1/δ), so step sums are Σ coef·a.
 */
function hiddenLayer(g: NgonGrid, n: number, kind: TowerKind, w: number, theta0: number) {
  const cells = g.centres.length / 2;
  const per = kind === 'sigmoid' ? 1 : 2;
  const units = cells * n * per;
  const weights: number[][] = [];
  const bias: number[] = [];
  const coef = new Float64Array(units);
  const cellOf = new Int32Array(units);
  const r = g.apothem;
  const d = 1 / w;
  for (let c = 0; c < cells; c++) {
    const cx = g.centres[2 * c]!;
    const cy = g.centres[2 * c + 1]!;
    for (let k = 0; k < n; k++) {
      const [ux, uy] = ngonNormal(k, n, theta0);
      const uc = ux * cx + uy * cy;
      const at = weights.length;
      if (kind === 'sigmoid') {
        weights.push([-w * ux, -w * uy]);
        bias.push(w * (r + uc));
        coef[at] = 1;
        cellOf[at] = c;
      } else {
        weights.push([-ux, -uy], [-ux, -uy]);
        bias.push(r + d + uc, r + uc);
        coef[at] = 1 / d;
        coef[at + 1] = -1 / d;
        cellOf[at] = c;
        cellOf[at + 1] = c;
      }
    }
  }
  return { weights, bias, coef, cellOf, units };
}

function sample(f: (x: number, y: number) => number, x: number, y: number): number {
  const v = f(x, y);
  if (!Number.isFinite(v)) throw new InputError(`f(${x}, ${y}) is not finite (${v}); choose a box where f is defined`);
  return v;
}

/**
 * Solves (A + λI)β = b in place for a symmetric positive semi-definite A (m × m, row-major) by
 * Cholesky; λ > 0 makes it definite. Returns β.
 */
export function solveRidgeNormalEquations(A: Float64Array, b: Float64Array, m: number, lambda: number): Float64Array {
  for (let i = 0; i < m; i++) A[i * m + i]! += lambda;
  // A = L Lᵀ, L stored in the lower triangle
  for (let j = 0; j < m; j++) {
    let s = A[j * m + j]!;
    for (let p = 0; p < j; p++) s -= A[j * m + p]! * A[j * m + p]!;
    if (!(s > 0)) throw new InputError(`the normal equations are not positive definite at column ${j}; raise ridge`);
    const ljj = Math.sqrt(s);
    A[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let t = A[i * m + j]!;
      const ri = i * m;
      const rj = j * m;
      for (let p = 0; p < j; p++) t -= A[ri + p]! * A[rj + p]!;
      A[ri + j] = t / ljj;
    }
  }
  const y = Float64Array.from(b);
  for (let i = 0; i < m; i++) {
    let s = y[i]!;
    for (let p = 0; p < i; p++) s -= A[i * m + p]! * y[p]!;
    y[i] = s / A[i * m + i]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let p = i + 1; p < m; p++) s -= A[p * m + i]! * y[p]!;
    y[i] = s / A[i * m + i]!;
  }
  return y;
}

/** The midpoints of a res × res grid of cells over the box. */
function midGrid(box: TowerBox2, res: number): Float64Array {
  const pts = new Float64Array(2 * res * res);
  for (let i = 0; i < res; i++)
    for (let j = 0; j < res; j++) {
      pts[2 * (i * res + j)] = box[0] + ((box[1] - box[0]) * (i + 0.5)) / res;
      pts[2 * (i * res + j) + 1] = box[2] + ((box[3] - box[2]) * (j + 0.5)) / res;
    }
  return pts;
}

/**
 * Approximates f on a box with ONE hidden layer of regular n-gon towers (k² cells × n steps) and a
 * linear output, and measures the error.
 *
 * - `fit: 'hand'`: Nielsen's heights, output weight f(centre)/n on each of the cell's n steps and
 *   bias 0, so each plateau is exactly f(centre) above everything the other towers' skirts add.
 * - `fit: 'least-squares'`: the same hidden units; output weights and bias minimise
 *   Σ (net − f)² + λ‖β‖² over the cell centres of a `fitResolution`² grid, via the normal
 *   equations (ΦᵀΦ + λI)β = Φᵀy with Φ = [hidden activations, 1] and λ = ridge·mean(diag ΦᵀΦ)
 *   (default 1e-5): the small ridge picks the small-norm solution among the many equivalent ones
 *   (neighbouring cells share edge lines, so columns repeat exactly) and keeps coefficients of
 *   features that differ only on unsampled slivers from blowing up.
 *
 * Errors: sigmoid nets by a fine grid (`supErrorKind: 'estimated'`); ReLU nets through
 * {@link towerApproximationError} (exact regions + curvature bound) while the region count stays
 * under `maxRegions`, the grid otherwise.
 */
export function approximateWithNgonTowers(
  f: (x: number, y: number) => number,
  box: TowerBox2,
  options: NgonApproximationOptions = {},
): NgonApproximation {
  if (typeof f !== 'function') throw new InputError('approximateWithNgonTowers: f must be a function (x, y) => number');
  checkBox(box);
  const k = options.grid ?? 4;
  if (!Number.isInteger(k) || k < 1 || k > 64) throw new InputError(`invalid grid: expected an integer in 1…64, got ${k}`);
  const n = options.sides ?? 8;
  if (!Number.isInteger(n) || n < 3 || n > 256) throw new InputError(`invalid sides: expected an integer in 3…256, got ${n}`);
  const kind = options.kind ?? 'sigmoid';
  if (kind !== 'sigmoid' && kind !== 'relu') throw new InputError(`invalid kind: expected "sigmoid" or "relu", got ${JSON.stringify(kind)}`);
  const fit = options.fit ?? 'least-squares';
  if (fit !== 'hand' && fit !== 'least-squares') throw new InputError(`invalid fit: expected "hand" or "least-squares", got ${JSON.stringify(fit)}`);
  const w = towerCheckNumber(options.steepness ?? TOWER_STEEPNESS, 'steepness', true);
  const theta0 = towerCheckNumber(options.theta0 ?? 0, 'theta0');
  const res = options.fitResolution ?? 61;
  if (!Number.isInteger(res) || res < 2 || res > 2000) throw new InputError(`invalid fitResolution: expected an integer in 2…2000, got ${res}`);
  const ridge = towerCheckNumber(options.ridge ?? 1e-5, 'ridge', true);
  const g = ngonGrid(box, k, kind, w);
  if (kind === 'relu' && !(1 / w < g.apothem)) throw new InputError(`invalid steepness ${w}: the ramp width 1/w must be below the apothem ${g.apothem}`);
  const hl = hiddenLayer(g, n, kind, w, theta0);
  const out = new Array<number>(hl.units).fill(0);
  let outBias = 0;
  const heights = new Float64Array(k * k);
  for (let c = 0; c < k * k; c++) heights[c] = sample(f, g.centres[2 * c]!, g.centres[2 * c + 1]!) / n;
  for (let j = 0; j < hl.units; j++) out[j] = hl.coef[j]! * heights[hl.cellOf[j]!]!;
  const build = (): Mlp =>
    mlpFromLayers(2, [
      { activation: kind, weights: hl.weights, bias: hl.bias },
      { activation: 'linear', weights: [out], bias: [outBias] },
    ]);
  let mlp = build();
  const fitPts = midGrid(box, res);
  const count = res * res;
  const y = new Float64Array(count);
  for (let p = 0; p < count; p++) y[p] = sample(f, fitPts[2 * p]!, fitPts[2 * p + 1]!);
  if (fit === 'least-squares') {
    // Identical units (neighbouring cells share edge lines) give identical columns: solve for one
    // coefficient B_g per distinct unit with ridge λ/c_g (c_g copies), then split B_g equally —
    // exactly the minimiser of the full ridge problem, with a much smaller matrix.
    const groupOf = new Int32Array(hl.units);
    const reps: number[] = [];
    const mult: number[] = [];
    const seen = new Map<string, number>();
    for (let j = 0; j < hl.units; j++) {
      const [a, b] = hl.weights[j]!;
      const key = `${a!.toPrecision(12)},${b!.toPrecision(12)},${hl.bias[j]!.toPrecision(12)}`;
      let gi = seen.get(key);
      if (gi === undefined) {
        gi = reps.length;
        seen.set(key, gi);
        reps.push(j);
        mult.push(0);
      }
      groupOf[j] = gi;
      mult[gi]!++;
    }
    const G = reps.length;
    const m = G + 1;
    const act = evaluateMlp(
      mlpFromLayers(2, [{ activation: kind, weights: reps.map((j) => hl.weights[j]!), bias: reps.map((j) => hl.bias[j]!) }]),
      fitPts,
      count,
    );
    const A = new Float64Array(m * m);
    const b = new Float64Array(m);
    // steep sigmoids are exactly 0 far beyond their line: accumulate over the non-zeros only
    const nzIdx = new Int32Array(m);
    const nzVal = new Float64Array(m);
    for (let p = 0; p < count; p++) {
      const base = p * G;
      let nz = 0;
      for (let j = 0; j < G; j++) {
        const v = act[base + j]!;
        if (v !== 0) {
          nzIdx[nz] = j;
          nzVal[nz++] = v;
        }
      }
      nzIdx[nz] = G;
      nzVal[nz++] = 1;
      const yp = y[p]!;
      for (let a = 0; a < nz; a++) {
        const ri = nzVal[a]!;
        const off = nzIdx[a]! * m;
        b[nzIdx[a]!]! += ri * yp;
        for (let c = 0; c <= a; c++) A[off + nzIdx[c]!]! += ri * nzVal[c]!;
      }
    }
    // λ relative to the mean diagonal of the full (unmerged) ΦᵀΦ
    let trace = A[G * m + G]!;
    for (let gi = 0; gi < G; gi++) trace += mult[gi]! * A[gi * m + gi]!;
    for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) A[j * m + i] = A[i * m + j]!;
    const lambda = (ridge * trace) / (hl.units + 1);
    for (let gi = 0; gi < G; gi++) A[gi * m + gi]! += lambda / mult[gi]! - lambda;
    const beta = solveRidgeNormalEquations(A, b, m, lambda);
    for (let j = 0; j < hl.units; j++) out[j] = beta[groupOf[j]!]! / mult[groupOf[j]!]!;
    outBias = beta[G]!;
    mlp = build();
  }
  const fitted = evaluateMlp(mlp, fitPts, count);
  let fsq = 0;
  for (let p = 0; p < count; p++) fsq += (fitted[p]! - y[p]!) ** 2;
  mlp.name = `${kind} ${n}-gon towers, ${k}×${k} grid, 1 hidden layer (${fit === 'hand' ? 'hand-built heights' : 'least-squares output'})`;
  mlp.meta = {
    construction: { type: 'ngon-tower-approximation', kind, sides: n, grid: k, hiddenLayers: 1, box: [...box], steepness: w, theta0, apothem: g.apothem, margin: g.margin, fit, ...(fit === 'least-squares' ? { fitResolution: res, ridge } : {}) },
    widths: mlpWidths(mlp),
  };
  const err = towerApproximationError(mlp, f, box, options);
  return { mlp, ...towerNetSize(mlp), grid: k, sides: n, kind, fit, towers: k * k, apothem: g.apothem, fitRmse: Math.sqrt(fsq / count), ...err };
}

/** How far a hand-built one-hidden-layer n-gon tower sum is from its ideal plateau field. */
export interface NgonSkirtReport {
  /** sup over the grid of |net − Σ_c f(c)·1[x ∈ P_c]| away from the edge bands (see below). */
  supSkirt: number;
  /** Mean of net − Σ_c f(c)·1[x ∈ P_c] over the grid (the skirts only add: this is positive). */
  meanSkirt: number;
  /** RMS of the same. */
  rmsSkirt: number;
  /** Smallest and largest skirt value: max − min is what no output bias can remove. */
  minSkirt: number;
  maxSkirt: number;
  /** Grid points used (those farther than 5/w from every edge line, sigmoid; 1/w, ReLU). */
  points: number;
}

/**
 * The skirt contribution of a hand-built net from {@link approximateWithNgonTowers} (fit 'hand'):
 * net(x) − Σ_c f(c)·1[x ∈ P_c], i.e. everything the towers add outside their own plateaus (theory
 * §3.2: terraces decaying like nhr/(πρ); §3.4: they accumulate). Measured on a res² grid of
 * cell midpoints, skipping points within the step transition bands (5/w for sigmoid, the ramp for
 * ReLU) of any edge line, where a step is neither 0 nor 1.
 */
export function ngonSkirtContribution(a: NgonApproximation, f: (x: number, y: number) => number, box: TowerBox2, res = 101): NgonSkirtReport {
  if (a.fit !== 'hand') throw new InputError('ngonSkirtContribution needs a hand-built net (fit "hand")');
  const meta = a.mlp.meta?.construction as { steepness: number; theta0: number } | undefined;
  if (!meta) throw new InputError('ngonSkirtContribution: the net has no construction metadata');
  const g = ngonGrid(box, a.grid, a.kind, meta.steepness);
  const band = a.kind === 'sigmoid' ? 5 / meta.steepness : 1 / meta.steepness;
  const pts = midGrid(box, res);
  const net = evaluateMlp(a.mlp, pts, res * res);
  const cells = a.grid * a.grid;
  const fc = new Float64Array(cells);
  for (let c = 0; c < cells; c++) fc[c] = f(g.centres[2 * c]!, g.centres[2 * c + 1]!);
  const normals: Array<[number, number]> = [];
  for (let k = 0; k < a.sides; k++) normals.push(ngonNormal(k, a.sides, meta.theta0));
  let sup = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let sq = 0;
  let used = 0;
  for (let p = 0; p < res * res; p++) {
    const x = pts[2 * p]!;
    const y = pts[2 * p + 1]!;
    let ideal = 0;
    let nearEdge = false;
    for (let c = 0; c < cells && !nearEdge; c++) {
      let inside = true;
      for (const [ux, uy] of normals) {
        const t = ux * (x - g.centres[2 * c]!) + uy * (y - g.centres[2 * c + 1]!) - g.apothem;
        if (a.kind === 'sigmoid' ? Math.abs(t) < band : t > -1e-12 && t < band + 1e-12) {
          nearEdge = true;
          break;
        }
        if (t > 0) inside = false;
      }
      if (inside) ideal += fc[c]!;
    }
    if (nearEdge) continue;
    const s = net[p]! - ideal;
    used++;
    sum += s;
    sq += s * s;
    if (Math.abs(s) > sup) sup = Math.abs(s);
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (used === 0) throw new InputError('ngonSkirtContribution: every grid point lies in a transition band; raise res or steepness');
  return { supSkirt: sup, meanSkirt: sum / used, rmsSkirt: Math.sqrt(sq / used), minSkirt: lo, maxSkirt: hi, points: used };
}

/** One row of {@link ngonApproximationTable}. */
export interface NgonApproximationRow {
  grid: number;
  sides: number;
  neurons: number;
  parameters: number;
  hand: { supError: number; rmse: number; fitRmse: number; supErrorKind: TowerError['supErrorKind'] };
  leastSquares: { supError: number; rmse: number; fitRmse: number; supErrorKind: TowerError['supErrorKind'] };
  skirt: NgonSkirtReport;
  /** The two networks, with `keepNets: true`. */
  nets?: { hand: Mlp; leastSquares: Mlp };
}

/**
 * Both fits for every (k, n) pair: the hand-built heights with their skirt contribution, and the
 * least-squares output weights on the same hidden layer.
 */
export function ngonApproximationTable(
  f: (x: number, y: number) => number,
  box: TowerBox2,
  options: Omit<NgonApproximationOptions, 'grid' | 'sides' | 'fit'> & {
    grids?: readonly number[];
    sides?: readonly number[];
    skirtResolution?: number;
    keepNets?: boolean;
  } = {},
): NgonApproximationRow[] {
  const grids = options.grids ?? [2, 4, 6];
  const sides = options.sides ?? [4, 8, 16];
  const rows: NgonApproximationRow[] = [];
  for (const k of grids)
    for (const n of sides) {
      const hand = approximateWithNgonTowers(f, box, { ...options, grid: k, sides: n, fit: 'hand' });
      const ls = approximateWithNgonTowers(f, box, { ...options, grid: k, sides: n, fit: 'least-squares' });
      const pick = (a: NgonApproximation) => ({ supError: a.supError, rmse: a.rmse, fitRmse: a.fitRmse, supErrorKind: a.supErrorKind });
      rows.push({
        grid: k,
        sides: n,
        neurons: hand.neurons,
        parameters: hand.parameters,
        hand: pick(hand),
        leastSquares: pick(ls),
        skirt: ngonSkirtContribution(hand, f, box, options.skirtResolution ?? 101),
        ...(options.keepNets ? { nets: { hand: hand.mlp, leastSquares: ls.mlp } } : {}),
      });
    }
  return rows;
}
