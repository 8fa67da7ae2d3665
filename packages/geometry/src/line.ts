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
 * segment whose pre-activations go linearly from za (offset oa) to zb (offset ob). `nz` is the
 * layer's per-row rounding-noise level and `g` its gamma (see `formNoise`): a value within its noise
 * is zero (a tie), so a form that is identically zero up to rounding never makes a kink.
 */
function layerKinks(
  layer: Layer,
  za: Float64Array,
  zb: Float64Array,
  oa: number,
  ob: number,
  nz: Float64Array,
  mag: Float64Array,
  g: number,
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
        const tol = nz[r] + nz[best];
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
          if (eb <= nz[r] + nz[best]) continue;
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
    if (!ht) {
      const tol = nz[r];
      if (sgn(a, tol) * sgn(b, tol) < 0) kinks.push(a / (a - b));
    } else {
      const tol = g * (mag[r] + 1);
      for (let c = -1; c <= 1; c += 2) {
        const a1 = a - c;
        const b1 = b - c;
        if (sgn(a1, tol) * sgn(b1, tol) < 0) kinks.push(a1 / (a1 - b1));
      }
    }
  }
}

/** h = act(z) at each of n points. */
function activate(layer: Layer, z: Float64Array, n: number, h: Float64Array): void {
  const { rows, units } = layer;
  for (let p = 0; p < n; p++) {
    const zo = p * rows;
    const ho = p * units;
    if (layer.activation === 'maxout') {
      const k = layer.rank as number;
      for (let j = 0; j < units; j++) {
        let m = z[zo + j * k];
        for (let r = 1; r < k; r++) if (z[zo + j * k + r] > m) m = z[zo + j * k + r];
        h[ho + j] = m;
      }
    } else for (let j = 0; j < units; j++) h[ho + j] = unitValue(layer, j, z[zo + j]);
  }
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

  // points (t values) and the current layer's input values at each point
  let ts = new Float64Array([0, 1]);
  let h = new Float64Array(2 * dim);
  for (let i = 0; i < dim; i++) {
    h[i] = x0[i];
    h[dim + i] = x1[i];
  }
  const kinks: number[] = [];
  mlp.layers.forEach((layer, l) => {
    const { nIn, rows, units, weights: w, bias: b } = layer;
    const n = ts.length;
    const z = new Float64Array(n * rows);
    for (let p = 0; p < n; p++) {
      for (let r = 0; r < rows; r++) {
        let acc = b[r];
        for (let i = 0; i < nIn; i++) acc += w[r * nIn + i] * h[p * nIn + i];
        z[p * rows + r] = acc;
      }
    }
    // find the kinks of this layer inside every interval and insert them
    const nz = fn.noise[l] as Float64Array;
    const mag = fn.mag[l] as Float64Array;
    const g = fn.gamma[l] as number;
    const newT: number[] = [];
    const newZ: number[] = [];
    for (let p = 0; p < n - 1; p++) {
      newT.push(ts[p]);
      for (let r = 0; r < rows; r++) newZ.push(z[p * rows + r]);
      kinks.length = 0;
      layerKinks(layer, z, z, p * rows, (p + 1) * rows, nz, mag, g, kinks);
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
        for (let r = 0; r < rows; r++) newZ.push(z[p * rows + r] + (z[(p + 1) * rows + r] - z[p * rows + r]) * u);
      }
    }
    newT.push(ts[n - 1]);
    for (let r = 0; r < rows; r++) newZ.push(z[(n - 1) * rows + r]);
    ts = Float64Array.from(newT);
    const m = ts.length;
    h = new Float64Array(m * units);
    activate(layer, Float64Array.from(newZ), m, h);
  });
  return assemble(mlp, x0, x1, dir, ts, fn);
}

/** Midpoint pass: pattern, output value and slope of every interval; then merging. */
function assemble(mlp: Mlp, x0: Float64Array, x1: Float64Array, dir: Float64Array, ts: Float64Array, fn: FormNoise): LinePieces {
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
  for (let q = 0; q < nInt; q++) {
    const tm = 0.5 * (ts[q] + ts[q + 1]);
    for (let i = 0; i < dim; i++) {
      v[i] = x0[i] + tm * dir[i];
      d[i] = dir[i];
    }
    let col = q * width;
    for (let l = 0; l < mlp.layers.length; l++) {
      const layer = mlp.layers[l] as Layer;
      const { nIn, rows, units, weights: w, bias: b } = layer;
      const nz = fn.noise[l] as Float64Array;
      for (let r = 0; r < rows; r++) {
        let acc = b[r];
        let dacc = 0;
        for (let i = 0; i < nIn; i++) {
          const wi = w[r * nIn + i];
          acc += wi * v[i];
          dacc += wi * d[i];
        }
        z[r] = acc;
        zd[r] = dacc;
      }
      const act = layer.activation;
      if (act === 'maxout') {
        const k = layer.rank as number;
        for (let j = 0; j < units; j++) {
          let best = j * k;
          for (let r = j * k + 1; r < (j + 1) * k; r++) if (z[r] - z[best] > nz[r] + nz[best]) best = r;
          nv[j] = z[best];
          nd[j] = zd[best];
          pat[col++] = best - j * k;
        }
      } else {
        const htTol = (fn.gamma[l] as number) * 1;
        for (let j = 0; j < units; j++) {
          const val = z[j];
          const tol = nz[j];
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
            const t1 = tol + htTol;
            state = val > 1 + t1 ? 2 : val < -1 - t1 ? 0 : 1;
            gain = state === 1 ? 1 : 0;
          }
          nv[j] = unitValue(layer, j, val);
          nd[j] = gain * zd[j];
          if (act !== 'linear') pat[col++] = state;
        }
      }
      [v, nv] = [nv, v];
      [d, nd] = [nd, d];
    }
    for (let o = 0; o < outDim; o++) {
      slope[q * outDim + o] = d[o];
      offset[q * outDim + o] = v[o] - d[o] * tm;
    }
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
      offsets[p * outDim + o] = offset[qb * outDim + o];
    }
  }

  // linear pieces: runs whose slopes agree with the run's first piece (relative, or within rounding)
  // a slope's rounding error is at most 2·gamma·mag (|to − from| ≤ 2 max|x|): twice outputNoise for two slopes
  const mapNoise = outputNoise(mlp, fn).map((x) => 2 * x);
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
      same = diff <= (mapNoise[o] as number) || diff <= LINE_LINEAR_TOLERANCE * Math.max(scaleOf(head, o), scaleOf(p, o));
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
