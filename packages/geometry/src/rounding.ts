import type { Mlp } from '@tessera/nn-core';

/** The float64 unit roundoff times two (2^-52): one rounding of a value of magnitude m is at most m·2^-53. */
const ULP = 2 ** -50;

/** A-priori magnitude bounds and rounding-noise levels of a network's composed forms (see {@link formNoise}). */
export interface FormNoise {
  /** Per layer and row: an upper bound of |b| + Σ|w|·|input| over the whole domain (independent of the pattern). */
  mag: Float64Array[];
  /** Per layer and row: `gamma[l] · mag[l][r]`, a bound on the rounding error of the computed form. */
  noise: Float64Array[];
  /** Per layer: the relative rounding-error factor accumulated up to (and including) that layer. */
  gamma: number[];
}

/**
 * Per-unit magnitude bounds and rounding-noise levels of the composed forms, shared by the 2D
 * enumerator (`enumerateRegions`) and the 1D slices (`linePieces`) so that both call the same thing
 * zero. `bounds[i]` bounds |x_i| over the domain (the box's largest |x|, |y|; the segment's largest
 * |t|). `mag[l][r]` bounds row r's pre-activation magnitude |b| + Σ|w|·|h| over the domain (first
 * layer from `bounds`, later layers with |W| and the largest possible post-activation magnitudes).
 * `gamma[0] = firstGamma` (0 when the first layer's forms are exact, as in 2D); each later layer adds
 * 2^-50·(nIn + extraTerms) (the dot product plus the enumerator's own updates, e.g. interpolation or
 * incremental refreshes). A form whose magnitude is within `noise[l][r]` is zero up to rounding: it is
 * identically 0 on the piece (a tie, no split, no kink), never a switching line.
 */
export function formNoise(mlp: Mlp, bounds: ArrayLike<number>, extraTerms: number, firstGamma = 0): FormNoise {
  const mag: Float64Array[] = [];
  const noise: Float64Array[] = [];
  const gamma: number[] = [];
  let post = Float64Array.from(bounds);
  let g = firstGamma;
  mlp.layers.forEach((layer, l) => {
    const m = new Float64Array(layer.rows);
    const w = layer.weights;
    const nIn = layer.nIn;
    if (l > 0) g += ULP * (nIn + extraTerms);
    for (let r = 0; r < layer.rows; r++) {
      let s = Math.abs(layer.bias[r]);
      for (let i = 0; i < nIn; i++) s += Math.abs(w[r * nIn + i]) * post[i];
      m[r] = s;
    }
    mag.push(m);
    gamma.push(g);
    const nz = new Float64Array(layer.rows);
    for (let r = 0; r < layer.rows; r++) nz[r] = g * m[r];
    noise.push(nz);
    post = new Float64Array(layer.units);
    for (let j = 0; j < layer.units; j++) {
      switch (layer.activation) {
        case 'leaky_relu':
          post[j] = Math.max(1, Math.abs(layer.alpha as number)) * m[j];
          break;
        case 'prelu':
          post[j] = Math.max(1, Math.abs((layer.alphas as Float64Array)[j])) * m[j];
          break;
        case 'hardtanh':
          post[j] = Math.max(1, m[j]);
          break;
        case 'maxout': {
          const k = layer.rank as number;
          let mx = 0;
          for (let i = 0; i < k; i++) mx = Math.max(mx, m[j * k + i]);
          post[j] = mx;
          break;
        }
        default:
          post[j] = m[j];
      }
    }
  });
  return { mag, noise, gamma };
}

/**
 * Per output: twice the rounding-noise level of the output's computed map (see {@link formNoise}),
 * the absolute floor below which two output maps are equal up to rounding (an exactly-zero map and
 * one computed by cancellation). The distance of two maps is measured in scale units: Σ|Δcoeff|·bound.
 */
export function outputNoise(mlp: Mlp, fn: FormNoise): Float64Array {
  const L = mlp.layers.length - 1;
  const last = mlp.layers[L];
  const k = last.activation === 'maxout' ? (last.rank as number) : 1;
  const out = new Float64Array(last.units);
  for (let o = 0; o < last.units; o++) {
    let m = 0;
    for (let i = 0; i < k; i++) m = Math.max(m, fn.mag[L][o * k + i]);
    if (last.activation === 'hardtanh') m = Math.max(m, 1);
    out[o] = 2 * fn.gamma[L] * m;
  }
  return out;
}
