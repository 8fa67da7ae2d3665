import { InputError, type Layer, type Mlp } from '@tessera/nn-core';
import { assertPiecewiseLinear } from './assert.js';
import { type FormNoise, formNoise, outputNoise } from './rounding.js';

/**
 * Extra rounding terms per layer on top of its dot product (see `formNoise` in rounding.ts): the
 * point x(t) = from + t·(to − from) and the interpolation of pre-activations at inserted kinks.
 */
const LINE_EXTRA_TERMS = 8;

/** Kinks closer than this in t (a fraction of the segment) are one breakpoint. */
export const LINE_KINK_MERGE = 1e-12;

/**
 * Adjacent activation pieces form one linear piece when, for every output, their slopes along the
 * segment (per unit t) differ by at most this fraction of the maps' scale max(|y(0)|, |y(1)|) + |slope|,
 * or by at most the rounding floor {@link LinePieces.mapNoise} (as the 2D merge does). Continuity
 * makes equal slopes mean equal affine maps.
 */
export const LINE_LINEAR_TOLERANCE = 1e-9;

/** The exact pieces of a piecewise-linear network along the segment x(t) = from + t (to − from). */
export interface LinePieces {
  inputDim: number;
  outputDim: number;
  from: Float64Array;
  to: Float64Array;
  /** Number of activation pieces (maximal intervals with one activation pattern). */
  pieces: number;
  /** The `pieces − 1` parameters t in (0, 1) where the pattern changes, increasing. */
  breakpoints: Float64Array;
  /** Number of linear pieces (maximal intervals on which the output is one affine map). */
  linearPieces: number;
  /** The `linearPieces − 1` parameters where the output's affine map changes, increasing. */
  linearBreakpoints: Float64Array;
  /** Per activation piece p and output o: y_o(t) = offsets[p·outputDim + o] + slopes[p·outputDim + o]·t. */
  slopes: Float64Array;
  offsets: Float64Array;
  /** The same for the linear pieces. */
  linearSlopes: Float64Array;
  linearOffsets: Float64Array;
  /**
   * Row-major [pieces][patternWidth] unit states: relu/leaky_relu/prelu/abs 1 if z > 0 else 0;
   * hardtanh 0 (z < −1), 1 (|z| ≤ 1), 2 (z > 1); maxout the argmax row (ties → lowest index).
   * Linear layers have no entries.
   */
  patterns: Uint8Array;
  patternWidth: number;
  /** For each pattern column, the layer index and unit index it describes. */
  patternLayout: Array<{ layer: number; unit: number }>;
  /**
   * Per output: the absolute floor of slope equality, twice the a-priori rounding bound of a computed
   * slope (the segment's analogue of `Partition.mapNoise`, from the same `formNoise`). Slopes closer
   * than this are equal up to rounding.
   */
  mapNoise: Float64Array;
}

function checkPoint(p: ArrayLike<number>, dim: number, name: string): Float64Array {
  if (p === null || typeof p !== 'object' || typeof p.length !== 'number')
    throw new InputError(`linePieces: ${name} must be an array of ${dim} numbers`);
  if (p.length !== dim)
    throw new InputError(`linePieces: ${name} has ${p.length} coordinates but the model's inputDim is ${dim}`);
  const out = Float64Array.from(p);
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new InputError(`linePieces: ${name}[${bad}] is not a finite number (${p[bad]})`);
  return out;
}

/** Sign with a tolerance: 0 when |v| ≤ tol. */
const sgn = (v: number, tol: number): number => (v > tol ? 1 : v < -tol ? -1 : 0);

/**
 * Appends to `kinks` the parameters u in (0, 1) where the layer's activation pattern changes on a
 * segment whose pre-activations go linearly from za (offset oa) to zb (offset ob). `T` holds each
 * value's rounding gate at the same offsets (see {@link linePieces}; for hardtanh, of z ∓ 1): a value
 * within its gate is zero (a tie), so a form that is identically zero up to rounding never kinks.
 */
function layerKinks(
  layer: Layer,
  za: Float64Array,
  zb: Float64Array,
  oa: number,
  ob: number,
  T: Float64Array,
  kinks: number[],
): void {
  const { rows, activation } = layer;
  if (activation === 'linear') return;
  if (activation === 'maxout') {
    const k = layer.rank as number;
    for (let j = 0; j < layer.units; j++) {
      const r0 = j * k;
      // argmax at u = 0: largest value, ties (within rounding) broken by larger slope, then lowest index
      let best = r0;
      for (let r = r0 + 1; r < r0 + k; r++) {
        const tol = T[oa + r] + T[oa + best];
        const dv = za[oa + r] - za[oa + best];
        if (dv > tol) best = r;
        else if (dv >= -tol && zb[ob + r] - za[oa + r] > zb[ob + best] - za[oa + best]) best = r;
      }
      let u = 0;
      for (let guard = 0; guard < k; guard++) {
        let next = -1;
        let nextU = 2;
        for (let r = r0; r < r0 + k; r++) {
          if (r === best) continue;
          const ea = za[oa + r] - za[oa + best];
          const eb = zb[ob + r] - zb[ob + best];
          // r overtakes best inside (u, 1) only if it ends clearly above
          if (eb <= T[ob + r] + T[ob + best]) continue;
          if (ea >= 0) continue;
          const ur = ea / (ea - eb);
          if (ur < nextU || (ur === nextU && eb > 0 && next >= 0 && zb[ob + r] > zb[ob + next])) {
            nextU = ur;
            next = r;
          }
        }
        if (next < 0 || nextU >= 1) break;
        if (nextU > u) kinks.push(nextU);
        u = nextU;
        best = next;
      }
    }
    return;
  }
  const ht = activation === 'hardtanh';
  for (let r = 0; r < rows; r++) {
    const a = za[oa + r];
    const b = zb[ob + r];
    const tolA = T[oa + r];
    const tolB = T[ob + r];
    if (!ht) {
      if (sgn(a, tolA) * sgn(b, tolB) < 0) kinks.push(a / (a - b));
    } else {
      for (let c = -1; c <= 1; c += 2) {
        const a1 = a - c;
        const b1 = b - c;
        if (sgn(a1, tolA) * sgn(b1, tolB) < 0) kinks.push(a1 / (a1 - b1));
      }
    }
  }
}

/** h = act(z) at each of n points, and he, the rounding-error bound of h (from ze, that of z). */
function activate(layer: Layer, z: Float64Array, ze: Float64Array, n: number, h: Float64Array, he: Float64Array): void {
  const { rows, units } = layer;
  for (let p = 0; p < n; p++) {
    const zo = p * rows;
    const ho = p * units;
    if (layer.activation === 'maxout') {
      const k = layer.rank as number;
      for (let j = 0; j < units; j++) {
        let m = z[zo + j * k];
        let e = ze[zo + j * k];
        for (let r = 1; r < k; r++) {
          if (z[zo + j * k + r] > m) m = z[zo + j * k + r];
          if (ze[zo + j * k + r] > e) e = ze[zo + j * k + r];
        }
        h[ho + j] = m;
        he[ho + j] = e;
      }
    } else
      for (let j = 0; j < units; j++) {
        h[ho + j] = unitValue(layer, j, z[zo + j]);
        he[ho + j] = lipschitz(layer, j) * ze[zo + j];
      }
  }
}

/** The largest |slope| of unit j's activation. */
function lipschitz(layer: Layer, j: number): number {
  if (layer.activation === 'leaky_relu') return Math.max(1, Math.abs(layer.alpha as number));
  if (layer.activation === 'prelu') return Math.max(1, Math.abs((layer.alphas as Float64Array)[j]));
  return 1;
}

/** Relative rounding-error factor of a dot product of n terms plus a bias (generous: 2u per term). */
const dotGamma = (n: number): number => 2 ** -52 * (n + 2);

const SPLIT = 134217729; // 2^27 + 1 (Dekker)

/** The exact rounding error of p = fl(a·b): a·b − p (Dekker's TwoProduct, no FMA). */
function prodErr(a: number, b: number, p: number): number {
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** The exact rounding error of s = fl(a + b): a + b − s (Knuth's TwoSum). */
function sumErr(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

/** x(t) = x0 + t·(x1 − x0) into h, with the exact size of its rounding error into he. */
function sharpPoint(x0: Float64Array, x1: Float64Array, t: number, h: Float64Array, he: Float64Array): void {
  for (let i = 0; i < x0.length; i++) {
    const d = x1[i] - x0[i];
    const p = t * d;
    const s = x0[i] + p;
    h[i] = s;
    he[i] = (Math.abs(prodErr(t, d, p) + sumErr(x0[i], p, s)) + Math.abs(t * sumErr(x1[i], -x0[i], d))) * (1 + 2 ** -40);
  }
}

/**
 * Layer `upto`'s pre-activations at x(t), recomputed from scratch with a sharp running error bound:
 * each operation's rounding error is measured exactly (error-free transformations) and the inputs'
 * errors are carried with |W| and the activation's Lipschitz constant. Used only where the cheap
 * bound cannot decide, so exact constructions (a deep sawtooth, whose float evaluation at dyadic
 * points is exact) keep every kink at any depth.
 */
function sharpForward(mlp: Mlp, x0: Float64Array, x1: Float64Array, t: number, upto: number): { z: Float64Array; e: Float64Array } {
  let h = new Float64Array(mlp.inputDim);
  let he = new Float64Array(mlp.inputDim);
  sharpPoint(x0, x1, t, h, he);
  let z = new Float64Array(0);
  let e = new Float64Array(0);
  for (let l = 0; l <= upto; l++) {
    const layer = mlp.layers[l] as Layer;
    const { nIn, rows, units, weights: w, bias: b } = layer;
    z = new Float64Array(rows);
    e = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let acc = b[r];
      let local = 0;
      let prop = 0;
      for (let i = 0; i < nIn; i++) {
        const wi = w[r * nIn + i];
        const p = wi * h[i];
        const s = acc + p;
        local += prodErr(wi, h[i], p) + sumErr(acc, p, s);
        acc = s;
        prop += Math.abs(wi) * he[i];
      }
      z[r] = acc;
      e[r] = (Math.abs(local) + prop) * (1 + 2 ** -40);
    }
    if (l === upto) break;
    const nh = new Float64Array(units);
    const nhe = new Float64Array(units);
    activate(layer, z, e, 1, nh, nhe);
    h = nh;
    he = nhe;
  }
  return { z, e };
}

/** Whether some decision of this layer at one point (offset o) is within the cheap error bound ze. */
function nearTie(layer: Layer, z: Float64Array, ze: Float64Array, o: number): boolean {
  const { rows, activation } = layer;
  if (activation === 'linear') return false;
  if (activation === 'maxout') {
    const k = layer.rank as number;
    for (let j = 0; j < layer.units; j++) {
      let best = o + j * k;
      for (let r = best + 1; r < o + (j + 1) * k; r++) if (z[r] > z[best]) best = r;
      for (let r = o + j * k; r < o + (j + 1) * k; r++) if (r !== best && z[best] - z[r] <= ze[r] + ze[best]) return true;
    }
    return false;
  }
  const ht = activation === 'hardtanh';
  for (let r = o; r < o + rows; r++) {
    const v = z[r];
    if (Math.abs(v) <= ze[r]) return true;
    if (ht && (Math.abs(v - 1) <= ze[r] + 2 ** -52 || Math.abs(v + 1) <= ze[r] + 2 ** -52)) return true;
  }
  return false;
}

/**
 * The gate of each pre-activation at each point: the smaller of two upper bounds of its rounding
 * error, the a-priori `formNoise` level (shared with the 2D enumerator) and the running bound `ze`
 * propagated along this very computation (tighter on deep nets, where |W|-propagated magnitudes
 * grow like Π‖W_l‖ while the values do not). hardtanh's gates are those of z ∓ 1.
 */
function gates(layer: Layer, fn: FormNoise, l: number, ze: Float64Array, n: number): Float64Array {
  const { rows } = layer;
  const nz = fn.noise[l] as Float64Array;
  const mag = fn.mag[l] as Float64Array;
  const g = fn.gamma[l] as number;
  const ht = layer.activation === 'hardtanh';
  const T = new Float64Array(n * rows);
  for (let p = 0; p < n; p++)
    for (let r = 0; r < rows; r++) {
      const i = p * rows + r;
      T[i] = ht ? Math.min(g * (mag[r] + 1), ze[i] + 2 ** -52) : Math.min(nz[r], ze[i]);
    }
  return T;
}

function unitValue(layer: Layer, j: number, v: number): number {
  switch (layer.activation) {
    case 'relu':
      // biome-ignore lint/complexity/useMathMinMax: relu is a comparison (the same test as its pattern bit; NaN → 0)
      return v > 0 ? v : 0;
    case 'leaky_relu':
      return v > 0 ? v : (layer.alpha as number) * v;
    case 'prelu':
      return v > 0 ? v : (layer.alphas as Float64Array)[j] * v;
    case 'abs':
      return Math.abs(v);
    case 'hardtanh':
      // biome-ignore lint/complexity/useMathMinMax: clamp written as the comparisons that define its three pieces
      return v > 1 ? 1 : v < -1 ? -1 : v;
    default:
      return v;
  }
}

/**
 * The rounding-noise levels of the segment's forms: `formNoise` (rounding.ts, shared with the 2D
 * enumerator) with the input bounds max(|from_i|, |to_i|) and a first layer that is rounded too
 * (the point x(t) is computed, not exact).
 */
export function lineFormNoise(mlp: Mlp, from: ArrayLike<number>, to: ArrayLike<number>): FormNoise {
  const dim = mlp.inputDim;
  const bounds = new Float64Array(dim);
  for (let i = 0; i < dim; i++) bounds[i] = Math.max(Math.abs(from[i]), Math.abs(to[i]));
  return formNoise(mlp, bounds, LINE_EXTRA_TERMS, 2 ** -50 * (dim + LINE_EXTRA_TERMS));
}

/**
 * Exact pieces of a piecewise-linear network along the segment from `from` to `to` (any input
 * dimension), by propagating kinks layer by layer (theory.md §12): with the patterns of earlier
 * layers fixed on an interval, every pre-activation is affine in t, so its zeros (and the maxout
 * envelope changes, and hardtanh's ±1 crossings) follow from the values at the interval's ends.
 *
 * Floating point: the same strategy as `enumerateRegions` (shared code, rounding.ts). A value within
 * the a-priori rounding bound of its form (`formNoise`: |W|-propagated magnitudes over the segment
 * times the accumulated rounding factor) is a tie, so a form that is identically zero in exact
 * arithmetic but ~1e-15 in float64 never makes a kink; kinks closer than {@link LINE_KINK_MERGE}
 * merge, and each piece's pattern and affine map come from a forward pass at its midpoint, so a
 * breakpoint across which nothing changes is dropped. Activation pieces are merged into linear pieces
 * when their slopes agree within {@link LINE_LINEAR_TOLERANCE} or the rounding floor `mapNoise`.
 * Smooth activations are refused.
 *
 * @example linePieces(mlp, [-1, -1], [1, 1]).breakpoints // Float64Array of t in (0, 1)
 */
export function linePieces(mlp: Mlp, from: ArrayLike<number>, to: ArrayLike<number>): LinePieces {
  assertPiecewiseLinear(mlp, 'linePieces');
  mlp.layers.forEach((layer, l) => {
    if (layer.activation === 'maxout' && (layer.rank as number) > 255)
      throw new InputError(`linePieces: layers[${l}] has maxout rank ${layer.rank}; at most 255 is supported`);
  });
  const dim = mlp.inputDim;
  const x0 = checkPoint(from, dim, 'from');
  const x1 = checkPoint(to, dim, 'to');
  const dir = new Float64Array(dim);
  for (let i = 0; i < dim; i++) dir[i] = x1[i] - x0[i];
  const fn = lineFormNoise(mlp, x0, x1);

  // points (t values), the current layer's input values at each point and their rounding-error bounds
  let ts = new Float64Array([0, 1]);
  let h = new Float64Array(2 * dim);
  let he = new Float64Array(2 * dim);
  for (let i = 0; i < dim; i++) {
    h[i] = x0[i];
    h[dim + i] = x1[i];
  }
  const kinks: number[] = [];
  mlp.layers.forEach((layer, l) => {
    const { nIn, rows, units, weights: w, bias: b } = layer;
    const n = ts.length;
    const z = new Float64Array(n * rows);
    const ze = new Float64Array(n * rows);
    const nzl = fn.noise[l] as Float64Array;
    for (let p = 0; p < n; p++) {
      for (let r = 0; r < rows; r++) {
        let acc = b[r];
        for (let i = 0; i < nIn; i++) acc += w[r * nIn + i] * h[p * nIn + i];
        z[p * rows + r] = acc;
        ze[p * rows + r] = nzl[r];
      }
      // a decision within the a-priori bound: recompute this point with the sharp bound
      if (l > 0 && nearTie(layer, z, ze, p * rows)) {
        const sh = sharpForward(mlp, x0, x1, ts[p], l);
        z.set(sh.z, p * rows);
        ze.set(sh.e, p * rows);
      }
    }
    // find the kinks of this layer inside every interval and insert them
    const T = gates(layer, fn, l, ze, n);
    const newT: number[] = [];
    const newZ: number[] = [];
    const newZe: number[] = [];
    for (let p = 0; p < n - 1; p++) {
      newT.push(ts[p]);
      for (let r = 0; r < rows; r++) {
        newZ.push(z[p * rows + r]);
        newZe.push(ze[p * rows + r]);
      }
      kinks.length = 0;
      layerKinks(layer, z, z, p * rows, (p + 1) * rows, T, kinks);
      if (kinks.length === 0) continue;
      kinks.sort((a, c) => a - c);
      const ta = ts[p];
      const tb = ts[p + 1];
      let last = ta;
      for (const u of kinks) {
        const t = ta + (tb - ta) * u;
        if (t - last <= LINE_KINK_MERGE || tb - t <= LINE_KINK_MERGE) continue;
        last = t;
        newT.push(t);
        for (let r = 0; r < rows; r++) {
          const a = z[p * rows + r];
          const c = z[(p + 1) * rows + r];
          newZ.push(a + (c - a) * u);
          // interpolation keeps the ends' errors and adds a few roundings of the larger end
          newZe.push(Math.max(ze[p * rows + r], ze[(p + 1) * rows + r]) + 2 ** -50 * Math.max(Math.abs(a), Math.abs(c)));
        }
      }
    }
    newT.push(ts[n - 1]);
    for (let r = 0; r < rows; r++) {
      newZ.push(z[(n - 1) * rows + r]);
      newZe.push(ze[(n - 1) * rows + r]);
    }
    ts = Float64Array.from(newT);
    const m = ts.length;
    h = new Float64Array(m * units);
    he = new Float64Array(m * units);
    activate(layer, Float64Array.from(newZ), Float64Array.from(newZe), m, h, he);
  });
  return assemble(mlp, x0, x1, dir, ts, fn);
}

/** Midpoint pass: pattern, output value and slope of every interval; then merging. */
function assemble(
  mlp: Mlp,
  x0: Float64Array,
  x1: Float64Array,
  dir: Float64Array,
  ts: Float64Array,
  fn: FormNoise,
): LinePieces {
  const dim = mlp.inputDim;
  const outDim = mlp.outputDim;
  const layout: Array<{ layer: number; unit: number }> = [];
  mlp.layers.forEach((layer, l) => {
    if (layer.activation !== 'linear') for (let j = 0; j < layer.units; j++) layout.push({ layer: l, unit: j });
  });
  const width = layout.length;
  const nInt = ts.length - 1;
  const pat = new Uint8Array(nInt * width);
  const slope = new Float64Array(nInt * outDim);
  const offset = new Float64Array(nInt * outDim);
  const maxW = Math.max(dim, ...mlp.layers.map((l) => l.rows));
  let v = new Float64Array(maxW);
  let d = new Float64Array(maxW);
  let nv = new Float64Array(maxW);
  let nd = new Float64Array(maxW);
  const z = new Float64Array(maxW);
  const zd = new Float64Array(maxW);
  // running rounding-error bounds of v, d (and of the next layer's)
  let ve = new Float64Array(maxW);
  let de = new Float64Array(maxW);
  let nve = new Float64Array(maxW);
  let nde = new Float64Array(maxW);
  const ze = new Float64Array(maxW);
  const zde = new Float64Array(maxW);
  const slopeErr = new Float64Array(nInt * outDim);
  // a slope's rounding error is at most 2·gamma·mag (|to − from| ≤ 2 max|x|): twice outputNoise for two slopes
  const mapNoise = outputNoise(mlp, fn).map((x) => 2 * x);

  let sharp = false;
  for (let q = 0; q < nInt; ) {
    // pass 1 (cheap bounds); if a decision or a slope is within them, pass 2 of the same interval (sharp)
    let near = false;
    const tm = 0.5 * (ts[q] + ts[q + 1]);
    for (let i = 0; i < dim; i++) {
      v[i] = x0[i] + tm * dir[i];
      d[i] = dir[i];
      ve[i] = 2 ** -50 * (Math.abs(x0[i]) + Math.abs(x1[i]));
      de[i] = 0;
    }
    if (sharp) sharpPoint(x0, x1, tm, v, ve);
    let col = q * width;
    for (let l = 0; l < mlp.layers.length; l++) {
      const layer = mlp.layers[l] as Layer;
      const { nIn, rows, units, weights: w, bias: b } = layer;
      const nz = fn.noise[l] as Float64Array;
      const mag = fn.mag[l] as Float64Array;
      const gl = fn.gamma[l] as number;
      const gam = dotGamma(nIn);
      for (let r = 0; r < rows; r++) {
        let acc = b[r];
        let dacc = 0;
        let m = Math.abs(b[r]);
        let md = 0;
        let pe = 0;
        let pde = 0;
        if (!sharp) {
          // the a-priori bounds decide; the sharp pass runs only if some decision is within them
          for (let i = 0; i < nIn; i++) {
            const wi = w[r * nIn + i];
            acc += wi * v[i];
            dacc += wi * d[i];
          }
          z[r] = acc;
          zd[r] = dacc;
          ze[r] = nz[r];
          zde[r] = 0;
          continue;
        } else {
          let loc = 0;
          let dloc = 0;
          for (let i = 0; i < nIn; i++) {
            const wi = w[r * nIn + i];
            const aw = Math.abs(wi);
            const p = wi * v[i];
            const s1 = acc + p;
            loc += prodErr(wi, v[i], p) + sumErr(acc, p, s1);
            acc = s1;
            const pd = wi * d[i];
            const s2 = dacc + pd;
            dloc += prodErr(wi, d[i], pd) + sumErr(dacc, pd, s2);
            dacc = s2;
            pe += aw * ve[i];
            pde += aw * de[i];
          }
          m = Math.abs(loc) / gam;
          md = Math.abs(dloc) / gam;
        }
        z[r] = acc;
        zd[r] = dacc;
        ze[r] = Math.min(nz[r], (gam * m + pe) * (1 + gam));
        zde[r] = (gam * md + pde) * (1 + gam);
      }
      if (!sharp && l > 0 && nearTie(layer, z, ze, 0)) near = true;
      const act = layer.activation;
      if (act === 'maxout') {
        const k = layer.rank as number;
        for (let j = 0; j < units; j++) {
          let best = j * k;
          let e = ze[j * k];
          let ed = zde[j * k];
          for (let r = j * k + 1; r < (j + 1) * k; r++) {
            if (z[r] - z[best] > ze[r] + ze[best]) best = r;
            e = Math.max(e, ze[r]);
            ed = Math.max(ed, zde[r]);
          }
          nv[j] = z[best];
          nd[j] = zd[best];
          nve[j] = e;
          nde[j] = ed;
          pat[col++] = best - j * k;
        }
      } else {
        for (let j = 0; j < units; j++) {
          const val = z[j];
          const tol = ze[j];
          let state = 1;
          let gain = 1;
          if (act === 'relu' || act === 'leaky_relu' || act === 'prelu' || act === 'abs') {
            state = val > tol ? 1 : 0;
            if (state === 0)
              gain =
                act === 'relu'
                  ? 0
                  : act === 'leaky_relu'
                    ? (layer.alpha as number)
                    : act === 'prelu'
                      ? (layer.alphas as Float64Array)[j]
                      : -1;
          } else if (act === 'hardtanh') {
            const t1 = Math.min(gl * (mag[j] + 1), tol + 2 ** -52);
            state = val > 1 + t1 ? 2 : val < -1 - t1 ? 0 : 1;
            gain = state === 1 ? 1 : 0;
          }
          nv[j] = unitValue(layer, j, val);
          nd[j] = gain * zd[j];
          nve[j] = lipschitz(layer, j) * ze[j];
          nde[j] = Math.abs(gain) * zde[j];
          if (act !== 'linear') pat[col++] = state;
        }
      }
      [v, nv] = [nv, v];
      [d, nd] = [nd, d];
      [ve, nve] = [nve, ve];
      [de, nde] = [nde, de];
    }
    for (let o = 0; o < outDim; o++) {
      slope[q * outDim + o] = d[o];
      slopeErr[q * outDim + o] = sharp ? de[o] : 0.5 * (mapNoise[o] as number);
      offset[q * outDim + o] = v[o] - d[o] * tm;
      if (!sharp && mapNoise[o] > 1e-6 * Math.abs(d[o]) && mapNoise[o] > 2 ** -40) near = true;
    }
    if (!sharp && near) {
      sharp = true;
      continue;
    }
    sharp = false;
    q++;
  }

  // activation pieces: runs of equal patterns
  const starts: number[] = [0];
  for (let q = 1; q < nInt; q++) {
    let same = true;
    for (let c = 0; c < width && same; c++) same = pat[(q - 1) * width + c] === pat[q * width + c];
    if (!same) starts.push(q);
  }
  const pieces = starts.length;
  const breakpoints = new Float64Array(pieces - 1);
  const patterns = new Uint8Array(pieces * width);
  const slopes = new Float64Array(pieces * outDim);
  const offsets = new Float64Array(pieces * outDim);
  const pErr = new Float64Array(pieces * outDim);
  for (let p = 0; p < pieces; p++) {
    const q0 = starts[p] as number;
    const q1 = p + 1 < pieces ? (starts[p + 1] as number) : nInt;
    if (p > 0) breakpoints[p - 1] = ts[q0];
    patterns.set(pat.subarray(q0 * width, (q0 + 1) * width), p * width);
    // the longest interval of the run carries the most accurate map
    let qb = q0;
    for (let q = q0 + 1; q < q1; q++) if (ts[q + 1] - ts[q] > ts[qb + 1] - ts[qb]) qb = q;
    for (let o = 0; o < outDim; o++) {
      slopes[p * outDim + o] = slope[qb * outDim + o];
      pErr[p * outDim + o] = slopeErr[qb * outDim + o];
      offsets[p * outDim + o] = offset[qb * outDim + o];
    }
  }

  // linear pieces: runs whose slopes agree with the run's first piece (relative, or within rounding)
  const scaleOf = (p: number, o: number): number => {
    const s = slopes[p * outDim + o];
    const c = offsets[p * outDim + o];
    return Math.max(Math.abs(c), Math.abs(c + s)) + Math.abs(s);
  };
  const lStarts: number[] = [0];
  let head = 0;
  for (let p = 1; p < pieces; p++) {
    let same = true;
    for (let o = 0; o < outDim && same; o++) {
      const a = slopes[head * outDim + o];
      const c = slopes[p * outDim + o];
      const diff = Math.abs(a - c);
      const floor = Math.min(mapNoise[o] as number, pErr[head * outDim + o] + pErr[p * outDim + o]);
      same = diff <= floor || diff <= LINE_LINEAR_TOLERANCE * Math.max(scaleOf(head, o), scaleOf(p, o));
    }
    if (!same) {
      lStarts.push(p);
      head = p;
    }
  }
  const linearPieces = lStarts.length;
  const linearBreakpoints = new Float64Array(linearPieces - 1);
  const linearSlopes = new Float64Array(linearPieces * outDim);
  const linearOffsets = new Float64Array(linearPieces * outDim);
  for (let g = 0; g < linearPieces; g++) {
    const p0 = lStarts[g] as number;
    const p1 = g + 1 < linearPieces ? (lStarts[g + 1] as number) : pieces;
    if (g > 0) linearBreakpoints[g - 1] = p0 === 0 ? 0 : (breakpoints[p0 - 1] as number);
    let pb = p0;
    const len = (p: number) => (p + 1 < pieces ? breakpoints[p] : 1) - (p > 0 ? breakpoints[p - 1] : 0);
    for (let p = p0 + 1; p < p1; p++) if (len(p) > len(pb)) pb = p;
    for (let o = 0; o < outDim; o++) {
      linearSlopes[g * outDim + o] = slopes[pb * outDim + o];
      linearOffsets[g * outDim + o] = offsets[pb * outDim + o];
    }
  }
  return {
    inputDim: dim,
    outputDim: outDim,
    from: x0,
    to: x1,
    pieces,
    breakpoints,
    linearPieces,
    linearBreakpoints,
    slopes,
    offsets,
    linearSlopes,
    linearOffsets,
    patterns,
    patternWidth: width,
    patternLayout: layout,
    mapNoise,
  };
}
