import { ShapeError } from './errors.js';
import type { Layer, Mlp } from './model.js';

/**
 * Applies a layer's activation to pre-activations `z` ([batch][rows], row-major) and writes the
 * unit outputs into `out` ([batch][units]). Maxout ties go to the lowest index (the value is the
 * same either way).
 */
export function activateLayer(layer: Layer, z: Float64Array, batch: number, out: Float64Array): Float64Array {
  const { rows, units } = layer;
  const n = batch * rows;
  switch (layer.activation) {
    case 'linear':
      if (out !== z) out.set(z.subarray(0, n));
      break;
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = z[i] > 0 ? z[i] : 0;
      break;
    case 'leaky_relu': {
      const a = layer.alpha as number;
      for (let i = 0; i < n; i++) out[i] = z[i] > 0 ? z[i] : a * z[i];
      break;
    }
    case 'prelu': {
      const al = layer.alphas as Float64Array;
      for (let s = 0; s < batch; s++)
        for (let j = 0; j < units; j++) {
          const v = z[s * rows + j];
          out[s * units + j] = v > 0 ? v : al[j] * v;
        }
      break;
    }
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(z[i]);
      break;
    case 'hardtanh':
      for (let i = 0; i < n; i++) out[i] = z[i] > 1 ? 1 : z[i] < -1 ? -1 : z[i];
      break;
    case 'sigmoid':
      for (let i = 0; i < n; i++) {
        const v = z[i];
        out[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
      }
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(z[i]);
      break;
    case 'softplus':
      for (let i = 0; i < n; i++) {
        const v = z[i];
        out[i] = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
      }
      break;
    case 'elu': {
      const a = layer.alpha ?? 1;
      for (let i = 0; i < n; i++) out[i] = z[i] > 0 ? z[i] : a * Math.expm1(z[i]);
      break;
    }
    case 'maxout': {
      const k = layer.rank as number;
      for (let s = 0; s < batch; s++)
        for (let j = 0; j < units; j++) {
          const o = s * rows + j * k;
          let m = z[o];
          for (let r = 1; r < k; r++) if (z[o + r] > m) m = z[o + r];
          out[s * units + j] = m;
        }
      break;
    }
  }
  return out;
}

/**
 * Evaluates the network on a batch: `x` is row-major [batch][inputDim]; returns [batch][outputDim].
 * Float64 throughout, no autodiff (the inference path used by geometry, render and the CLI).
 */
export function evaluateMlp(mlp: Mlp, x: Float64Array, batch = x.length / mlp.inputDim): Float64Array {
  if (!Number.isInteger(batch) || x.length < batch * mlp.inputDim)
    throw new ShapeError(`evaluateMlp: x has ${x.length} values, not a multiple of inputDim ${mlp.inputDim}`);
  let h = x;
  for (const layer of mlp.layers) {
    const { nIn, rows, weights: w, bias: b } = layer;
    const z = new Float64Array(batch * rows);
    for (let s = 0; s < batch; s++) {
      const xo = s * nIn;
      const zo = s * rows;
      for (let r = 0; r < rows; r++) {
        let acc = b[r];
        const wo = r * nIn;
        for (let i = 0; i < nIn; i++) acc += w[wo + i] * h[xo + i];
        z[zo + r] = acc;
      }
    }
    h = layer.rows === layer.units ? activateLayer(layer, z, batch, z) : activateLayer(layer, z, batch, new Float64Array(batch * layer.units));
  }
  return h;
}

/** Evaluates the network at one point. */
export function evaluatePoint(mlp: Mlp, point: ArrayLike<number>): Float64Array {
  return evaluateMlp(mlp, Float64Array.from(point), 1);
}
