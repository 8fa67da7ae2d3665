import type { Layer } from './model.js';

/**
 * Backward pass of a layer's activation over a batch: given the pre-activations `z`
 * ([batch][rows]), the outputs `a` ([batch][units]) and dL/da `gA` ([batch][units]), writes dL/dz
 * into `gZ` ([batch][rows]) and, for prelu, ADDS dL/dalpha into `gAlpha` ([units]).
 *
 * Kink convention (the derivative used exactly at a kink, as in PyTorch and TensorFlow.js):
 * relu'(0) = 0, leaky_relu'(0) = prelu'(0) = alpha, abs'(0) = 0, hardtanh'(±1) = 0,
 * elu'(0) = alpha, and maxout sends the gradient to the lowest-index row among tied maxima.
 */
export function activationBackward(
  layer: Layer,
  z: Float64Array,
  a: Float64Array,
  gA: Float64Array,
  batch: number,
  gZ: Float64Array,
  gAlpha?: Float64Array,
): Float64Array {
  const { rows, units } = layer;
  const n = batch * rows;
  switch (layer.activation) {
    case 'linear':
      if (gZ !== gA) for (let i = 0; i < n; i++) gZ[i] = gA[i];
      break;
    case 'relu':
      for (let i = 0; i < n; i++) gZ[i] = z[i] > 0 ? gA[i] : 0;
      break;
    case 'leaky_relu': {
      const al = layer.alpha as number;
      for (let i = 0; i < n; i++) gZ[i] = z[i] > 0 ? gA[i] : al * gA[i];
      break;
    }
    case 'prelu': {
      const al = layer.alphas as Float64Array;
      for (let s = 0; s < batch; s++) {
        const o = s * units;
        for (let j = 0; j < units; j++) {
          const v = z[o + j];
          const g = gA[o + j];
          if (v > 0) gZ[o + j] = g;
          else {
            gZ[o + j] = al[j] * g;
            if (gAlpha) gAlpha[j] += v * g;
          }
        }
      }
      break;
    }
    case 'abs':
      for (let i = 0; i < n; i++) gZ[i] = z[i] > 0 ? gA[i] : z[i] < 0 ? -gA[i] : 0;
      break;
    case 'hardtanh':
      for (let i = 0; i < n; i++) gZ[i] = z[i] > -1 && z[i] < 1 ? gA[i] : 0;
      break;
    case 'sigmoid':
      for (let i = 0; i < n; i++) gZ[i] = gA[i] * a[i] * (1 - a[i]);
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) gZ[i] = gA[i] * (1 - a[i] * a[i]);
      break;
    case 'softplus':
      for (let i = 0; i < n; i++) {
        const v = z[i];
        gZ[i] = gA[i] * (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));
      }
      break;
    case 'elu': {
      const al = layer.alpha ?? 1;
      for (let i = 0; i < n; i++) gZ[i] = z[i] > 0 ? gA[i] : gA[i] * (a[i] + al);
      break;
    }
    case 'maxout': {
      const k = layer.rank as number;
      for (let s = 0; s < batch; s++)
        for (let j = 0; j < units; j++) {
          const o = s * rows + j * k;
          let m = z[o];
          let arg = 0;
          for (let r = 1; r < k; r++)
            if (z[o + r] > m) {
              m = z[o + r];
              arg = r;
            }
          for (let r = 0; r < k; r++) gZ[o + r] = r === arg ? gA[s * units + j] : 0;
        }
      break;
    }
  }
  return gZ;
}
