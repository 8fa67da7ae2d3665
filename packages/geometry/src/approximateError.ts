import { evaluateMlp, InputError, type Mlp, TesseraError } from '@tessera/nn-core';
import { type TowerBox2, type TowerPiece, towerPieceCounts, towerPieces } from './approximatePieces.js';
import { regionVertices } from './partition.js';
import { enumerateRegions } from './regions.js';

export interface TowerErrorOptions {
  /**
   * A proven bound M on the spectral norm of f's Hessian over the box. With it, `supError` of a
   * piecewise-linear net is a certified upper bound; without it M is estimated (see below).
   */
  curvatureBound?: number;
  /** Subdivisions per triangle edge when sampling each linear region (default 10). */
  subdivisions?: number;
  /** Grid points per axis for networks that are not piecewise linear (default 301). */
  gridResolution?: number;
  /** Stop splitting beyond this many activation regions and fall back to the grid (default 20000). */
  maxRegions?: number;
  /**
   * Where the activation regions come from: 'enumerator' (default: the package's
   * `enumerateRegions`) or 'splitter' (the small independent {@link towerPieces}, kept as a
   * cross-check); 'auto' is an alias of 'enumerator'. Every region's affine map is checked against
   * the network at an interior point before a bound is reported (a mismatch is an error, exit 1).
   */
  regionSource?: 'auto' | 'enumerator' | 'splitter';
  /**
   * Grid estimates only: extra points [x0, y0, x1, y1, …] added to the sup estimate (for box
   * towers, the crossings of the step lines, where the failure windows are worst).
   */
  extraPoints?: Float64Array;
}

export interface TowerError {
  /** Upper bound on max |net − f| over the box (PL nets) or the grid maximum (other nets). */
  supError: number;
  /** The largest |net − f| actually observed at a sample point: a lower bound on the true sup. */
  supErrorLower: number;
  /**
   * 'certified': upper bound proven from a caller-given curvature bound; 'bounded': the same bound
   * with an estimated curvature; 'estimated': a fine-grid maximum (smooth nets).
   */
  supErrorKind: 'certified' | 'bounded' | 'estimated';
  /** sqrt(mean of (net − f)² over the box). */
  rmse: number;
  method: 'regions' | 'grid';
  /** Which splitter produced the regions (PL nets). */
  regionSource?: 'enumerator' | 'splitter';
  /** The curvature bound M used (PL nets). */
  curvature?: number;
  activationRegions?: number;
  linearRegions?: number;
}

/** True when every layer is relu or linear (the splitter's domain). */
export function towerIsReluNet(mlp: Mlp): boolean {
  return mlp.layers.every((l) => l.activation === 'relu' || l.activation === 'linear');
}

/**
 * Estimates max over the box of the Hessian's spectral norm of f by central second differences on
 * a 101 × 101 grid, times a safety factor 1.5. Exact (up to rounding, before the factor) for
 * quadratics; an estimate otherwise.
 */
export function estimateCurvature(f: (x: number, y: number) => number, box: TowerBox2): number {
  const [x0, x1, y0, y1] = box;
  const n = 100;
  const hx = (x1 - x0) / n;
  const hy = (y1 - y0) / n;
  let m = 0;
  for (let i = 1; i < n; i++)
    for (let j = 1; j < n; j++) {
      const x = x0 + i * hx;
      const y = y0 + j * hy;
      const c = f(x, y);
      const a = (f(x + hx, y) - 2 * c + f(x - hx, y)) / (hx * hx);
      const d = (f(x, y + hy) - 2 * c + f(x, y - hy)) / (hy * hy);
      const b = (f(x + hx, y + hy) - f(x + hx, y - hy) - f(x - hx, y + hy) + f(x - hx, y - hy)) / (4 * hx * hy);
      const norm = Math.abs((a + d) / 2) + Math.sqrt(((a - d) / 2) ** 2 + b * b);
      if (norm > m) m = norm;
    }
  return 1.5 * m;
}

/**
 * The error of a 2-input network against f on a box.
 *
 * Piecewise-linear nets (relu/linear layers): the box is split into the net's activation regions
 * ({@link towerPieces}); on each region the net is an affine map L, so e = f − L has the Hessian of
 * f. Each region is fan-triangulated and every triangle T is cut into m² similar triangles τ
 * (m = `subdivisions`); e is sampled at their vertices. For x in τ with circumradius R_τ,
 * |e(x) − Σλ_i e(v_i)| ≤ (M/2)·Σλ_i|x − v_i|² ≤ M·R_τ²/2 (R_τ: circumradius, or half the longest
 * edge for an obtuse τ), hence
 * sup_T |e| ≤ max_i |e(v_i)| + M·(R_T/m)²/2. With a proven M this is a certificate; the gap to the
 * observed maximum is at most M·R²/(2m²) (1 % of the P1 interpolation error at m = 10).
 * The L2 error uses the centroid rule on the sub-triangles.
 *
 * Other nets: a `gridResolution`² grid (default 301², an estimate).
 */
export function towerApproximationError(
  mlp: Mlp,
  f: (x: number, y: number) => number,
  box: TowerBox2,
  options: TowerErrorOptions = {},
): TowerError {
  if (mlp.inputDim !== 2 || mlp.outputDim !== 1)
    throw new InputError(`expected a 2-input, 1-output network, got ${mlp.inputDim} → ${mlp.outputDim}`);
  const m = options.subdivisions ?? 10;
  if (towerIsReluNet(mlp)) {
    const maxRegions = options.maxRegions ?? 20000;
    const source = options.regionSource ?? 'enumerator';
    if (source !== 'auto' && source !== 'enumerator' && source !== 'splitter')
      throw new InputError(`invalid regionSource: expected "enumerator" or "splitter", got ${JSON.stringify(source)}`);
    const used: 'enumerator' | 'splitter' = source === 'splitter' ? 'splitter' : 'enumerator';
    const pieces: (TowerPiece[] & { linearRegions?: number }) | null =
      used === 'splitter' ? towerPieces(mlp, box) : enumeratorPieces(mlp, box, maxRegions);
    if (pieces && pieces.length <= maxRegions) {
      checkPieceMaps(mlp, pieces);
      const given = options.curvatureBound;
      if (given !== undefined && !(Number.isFinite(given) && given >= 0))
        throw new InputError(`invalid curvatureBound: expected a finite number >= 0, got ${given}`);
      const M = given ?? estimateCurvature(f, box);
      let lower = 0;
      let upper = 0;
      let sq = 0;
      let area = 0;
      for (const p of pieces) {
        const c = p.coords;
        const nv = c.length / 2;
        for (let t = 1; t + 1 < nv; t++) {
          const ax = c[0]!;
          const ay = c[1]!;
          const ux = c[2 * t]! - ax;
          const uy = c[2 * t + 1]! - ay;
          const vx = c[2 * t + 2]! - ax;
          const vy = c[2 * t + 3]! - ay;
          const triArea = Math.abs(ux * vy - uy * vx) / 2;
          if (triArea === 0) continue;
          const la = Math.hypot(ux, uy);
          const lb = Math.hypot(vx, vy);
          const lc = Math.hypot(vx - ux, vy - uy);
          // max over the triangle of Σλ_i|x − v_i|² = R² − |x − o|²: R² when the circumcentre o is
          // inside (no obtuse angle), else (longest edge / 2)² at that edge's midpoint.
          const lmax = Math.max(la, lb, lc);
          // a needle (collinear within rounding) lies within 1e-12·lmax of the fan's other triangles
          if (triArea <= 1e-12 * lmax * lmax) continue;
          const obtuse = 2 * lmax * lmax > la * la + lb * lb + lc * lc;
          const R = obtuse ? lmax / 2 : (la * lb * lc) / (4 * triArea);
          let triMax = 0;
          const err = (s: number, q: number): number => {
            const x = ax + s * ux + q * vx;
            const y = ay + s * uy + q * vy;
            return f(x, y) - (p.gradX * x + p.gradY * y + p.offset);
          };
          for (let i = 0; i <= m; i++)
            for (let j = 0; i + j <= m; j++) {
              const e = Math.abs(err(i / m, j / m));
              if (e > triMax) triMax = e;
            }
          // centroid rule on the m² sub-triangles (m(m+1)/2 upward, m(m−1)/2 downward)
          let s2 = 0;
          for (let i = 0; i < m; i++)
            for (let j = 0; i + j < m; j++) {
              const e1 = err((i + 1 / 3) / m, (j + 1 / 3) / m);
              s2 += e1 * e1;
              if (Math.abs(e1) > triMax) triMax = Math.abs(e1);
              if (i + j < m - 1) {
                const e2 = err((i + 2 / 3) / m, (j + 2 / 3) / m);
                s2 += e2 * e2;
                if (Math.abs(e2) > triMax) triMax = Math.abs(e2);
              }
            }
          sq += (s2 * triArea) / (m * m);
          area += triArea;
          if (triMax > lower) lower = triMax;
          const bound = triMax + (M * (R / m) ** 2) / 2;
          if (bound > upper) upper = bound;
        }
      }
      const counts = pieces.linearRegions === undefined ? towerPieceCounts(pieces.length <= 4000 ? pieces : []) : null;
      const out: TowerError = {
        supError: upper,
        supErrorLower: lower,
        supErrorKind: given !== undefined ? 'certified' : 'bounded',
        rmse: Math.sqrt(sq / area),
        method: 'regions',
        regionSource: used,
        curvature: M,
        activationRegions: pieces.length,
      };
      if (pieces.linearRegions !== undefined) out.linearRegions = pieces.linearRegions;
      else if (counts && pieces.length <= 4000) out.linearRegions = counts.linearRegions;
      return out;
    }
  }
  return towerGridError(mlp, f, box, options.gridResolution ?? 301, options.extraPoints);
}

/**
 * Checks every piece's affine map against the network at the piece's vertex centroid; a mismatch
 * (relative 1e-7) means the region source is wrong, and no error bound is reported.
 */
function checkPieceMaps(mlp: Mlp, pieces: readonly TowerPiece[]): void {
  const pts = new Float64Array(2 * pieces.length);
  pieces.forEach((p, i) => {
    const n = p.coords.length / 2;
    let sx = 0;
    let sy = 0;
    for (let v = 0; v < n; v++) {
      sx += p.coords[2 * v]!;
      sy += p.coords[2 * v + 1]!;
    }
    pts[2 * i] = sx / n;
    pts[2 * i + 1] = sy / n;
  });
  const net = evaluateMlp(mlp, pts, pieces.length);
  pieces.forEach((p, i) => {
    const x = pts[2 * i]!;
    const y = pts[2 * i + 1]!;
    const v = p.gradX * x + p.gradY * y + p.offset;
    const scale = Math.abs(p.gradX * x) + Math.abs(p.gradY * y) + Math.abs(p.offset) + 1;
    if (Math.abs(v - net[i]!) > 1e-7 * scale)
      throw new TesseraError(
        'REGION_MAP',
        `region ${i} at (${x}, ${y}): its affine map gives ${v} but the network gives ${net[i]}; no error bound reported`,
        { exitCode: 1 },
      );
  });
}

/** The enumerator's regions as pieces (null when over budget). */
function enumeratorPieces(
  mlp: Mlp,
  box: TowerBox2,
  maxRegions: number,
): (TowerPiece[] & { linearRegions?: number }) | null {
  let p: ReturnType<typeof enumerateRegions>;
  try {
    p = enumerateRegions(mlp, { box: [box[0], box[1], box[2], box[3]], maxRegions });
  } catch (err) {
    if ((err as { code?: string }).code === 'BUDGET') return null;
    throw err;
  }
  const out: TowerPiece[] & { linearRegions?: number } = [];
  for (let r = 0; r < p.regionCount; r++) {
    const o = 3 * r * p.outputDim;
    out.push({
      coords: regionVertices(p, r),
      gradX: p.outputMaps[o]!,
      gradY: p.outputMaps[o + 1]!,
      offset: p.outputMaps[o + 2]!,
      pattern: '',
    });
  }
  out.linearRegions = p.linearRegionCount;
  return out;
}

/**
 * evaluateMlp for relu/sigmoid/linear nets, skipping zero weights (each layer stored as compressed
 * rows): the same sums in the same order minus exact zeros, so the same values up to rounding.
 * Box-tower nets have ~8 non-zeros per second-layer row, which makes grid estimates cheap.
 * Other activations fall back to evaluateMlp.
 */
export function towerEvaluateSparse(mlp: Mlp, pts: Float64Array, n: number): Float64Array {
  if (!mlp.layers.every((l) => l.activation === 'relu' || l.activation === 'sigmoid' || l.activation === 'linear'))
    return evaluateMlp(mlp, pts, n);
  const csr = mlp.layers.map((l) => {
    const start = new Int32Array(l.rows + 1);
    const idx: number[] = [];
    const val: number[] = [];
    for (let r = 0; r < l.rows; r++) {
      for (let i = 0; i < l.nIn; i++) {
        const v = l.weights[r * l.nIn + i]!;
        if (v !== 0) {
          idx.push(i);
          val.push(v);
        }
      }
      start[r + 1] = idx.length;
    }
    return { start, idx: Int32Array.from(idx), val: Float64Array.from(val) };
  });
  const width = Math.max(mlp.inputDim, ...mlp.layers.map((l) => l.rows));
  const nl = mlp.layers.length;
  const act = Int8Array.from(mlp.layers, (l) => (l.activation === 'relu' ? 1 : l.activation === 'sigmoid' ? 2 : 0));
  const rowsOf = Int32Array.from(mlp.layers, (l) => l.rows);
  const biases = mlp.layers.map((l) => l.bias);
  let a = new Float64Array(width);
  let b = new Float64Array(width);
  const dIn = mlp.inputDim;
  const dOut = mlp.outputDim;
  const out = new Float64Array(n * dOut);
  for (let p = 0; p < n; p++) {
    for (let i = 0; i < dIn; i++) a[i] = pts[p * dIn + i]!;
    for (let li = 0; li < nl; li++) {
      const { start, idx, val } = csr[li]!;
      const bias = biases[li]!;
      const code = act[li]!;
      const rows = rowsOf[li]!;
      for (let r = 0; r < rows; r++) {
        let z = bias[r]!;
        const e0 = start[r + 1]!;
        for (let t = start[r]!; t < e0; t++) z += val[t]! * a[idx[t]!]!;
        if (code === 1) b[r] = Math.max(z, 0);
        else if (code === 2) {
          // exp underflows to 0 below −746, and 1 + exp(−z) rounds to 1 above 37: the same values
          if (z < -746) b[r] = 0;
          else if (z > 37) b[r] = 1;
          else if (z >= 0) b[r] = 1 / (1 + Math.exp(-z));
          else {
            const e = Math.exp(z);
            b[r] = e / (1 + e);
          }
        } else b[r] = z;
      }
      const t = a;
      a = b;
      b = t;
    }
    for (let o = 0; o < dOut; o++) out[p * dOut + o] = a[o]!;
  }
  return out;
}

/**
 * max |net − f| on an n × n grid of the box (corners and edges included) and at the `extra` points
 * (inside the box), and the RMS error by the midpoint rule on the (n − 1)² cell centres. An estimate.
 */
export function towerGridError(
  mlp: Mlp,
  f: (x: number, y: number) => number,
  box: TowerBox2,
  n = 401,
  extra?: Float64Array,
): TowerError {
  const [x0, x1, y0, y1] = box;
  const gridPoints = (m: number, shift: number): Float64Array => {
    const pts = new Float64Array(2 * m * m);
    const step = 1 / (n - 1);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        pts[2 * (i * m + j)] = x0 + (x1 - x0) * (i + shift) * step;
        pts[2 * (i * m + j) + 1] = y0 + (y1 - y0) * (j + shift) * step;
      }
    return pts;
  };
  const corners = gridPoints(n, 0);
  const out = towerEvaluateSparse(mlp, corners, n * n);
  let mx = 0;
  for (let p = 0; p < n * n; p++) {
    const e = Math.abs(out[p]! - f(corners[2 * p]!, corners[2 * p + 1]!));
    if (e > mx) mx = e;
  }
  if (extra && extra.length >= 2) {
    const ne = Math.floor(extra.length / 2);
    const eo = towerEvaluateSparse(mlp, extra, ne);
    for (let p = 0; p < ne; p++) {
      const x = extra[2 * p]!;
      const y = extra[2 * p + 1]!;
      if (x < x0 || x > x1 || y < y0 || y > y1) continue;
      const e = Math.abs(eo[p]! - f(x, y));
      if (e > mx) mx = e;
    }
  }
  const mids = gridPoints(n - 1, 0.5);
  const mo = towerEvaluateSparse(mlp, mids, (n - 1) * (n - 1));
  let sq = 0;
  for (let p = 0; p < (n - 1) * (n - 1); p++) {
    const e = Math.abs(mo[p]! - f(mids[2 * p]!, mids[2 * p + 1]!));
    if (e > mx) mx = e;
    sq += e * e;
  }
  return {
    supError: mx,
    supErrorLower: mx,
    supErrorKind: 'estimated',
    rmse: Math.sqrt(sq / ((n - 1) * (n - 1))),
    method: 'grid',
  };
}
