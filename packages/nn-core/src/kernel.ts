import { activationBackward } from './activations.js';
import { ShapeError } from './errors.js';
import { activateLayer } from './evaluate.js';
import { type LossName, lossAndGradient } from './losses.js';
import type { Mlp } from './model.js';
import type { ParamSlot } from './optimizers.js';

/**
 * The fused, batched MLP kernel that `fit` trains with: forward and backward one layer at a time
 * over a whole minibatch, in preallocated Float64Array buffers (no allocation per step). It
 * computes exactly what the tape engine computes (tested to 1e-10), only faster.
 */
export interface MlpKernel {
  readonly mlp: Mlp;
  readonly maxBatch: number;
  /** Parameter slots in order: per layer weights, bias (and prelu alphas); `grad` holds dL/dθ. */
  readonly slots: ParamSlot[];
  /** Names of the slots: `layers[0].weights`, `layers[0].bias`, `layers[1].alpha`, … */
  readonly names: string[];
  /** Network outputs for `batch` rows of `x`; a view into an internal buffer, valid until the next call. */
  forward(x: Float64Array, batch: number): Float64Array;
  /** Forward + backward: overwrites every slot's `grad` with the gradient of the mean loss; returns the loss. */
  lossAndGrad(x: Float64Array, y: Float64Array, batch: number, loss: LossName, targetDim: number): number;
}

/** Creates the kernel for `mlp` (whose arrays it reads and whose gradients it fills) and batches up to `maxBatch`. */
export function createKernel(mlp: Mlp, maxBatch: number): MlpKernel {
  if (!(Number.isInteger(maxBatch) && maxBatch >= 1)) throw new ShapeError(`createKernel: bad maxBatch ${maxBatch}`);
  const L = mlp.layers.length;
  const Z: Float64Array[] = [];
  const A: Float64Array[] = [];
  const GA: Float64Array[] = [];
  const GZ: Float64Array[] = [];
  const GW: Float64Array[] = [];
  const GB: Float64Array[] = [];
  const GAL: Array<Float64Array | null> = [];
  let maxRows = 1;
  let maxIn = 1;
  for (const layer of mlp.layers) {
    if (layer.rows > maxRows) maxRows = layer.rows;
    if (layer.nIn > maxIn) maxIn = layer.nIn;
  }
  const scratch = createDenseScratch(maxRows, maxIn, maxBatch);
  const slots: ParamSlot[] = [];
  const names: string[] = [];
  for (let l = 0; l < L; l++) {
    const layer = mlp.layers[l];
    const same = layer.activation === 'linear' && layer.rows === layer.units;
    const z = new Float64Array(maxBatch * layer.rows);
    Z.push(z);
    A.push(same ? z : new Float64Array(maxBatch * layer.units));
    const ga = new Float64Array(maxBatch * layer.units);
    GA.push(ga);
    GZ.push(same ? ga : new Float64Array(maxBatch * layer.rows));
    const gw = new Float64Array(layer.weights.length);
    const gb = new Float64Array(layer.bias.length);
    GW.push(gw);
    GB.push(gb);
    slots.push({ data: layer.weights, grad: gw, decay: true }, { data: layer.bias, grad: gb, decay: false });
    names.push(`layers[${l}].weights`, `layers[${l}].bias`);
    if (layer.alphas) {
      const gal = new Float64Array(layer.alphas.length);
      GAL.push(gal);
      slots.push({ data: layer.alphas, grad: gal, decay: false });
      names.push(`layers[${l}].alpha`);
    } else GAL.push(null);
  }

  function forward(x: Float64Array, batch: number): Float64Array {
    if (batch > maxBatch) throw new ShapeError(`kernel: batch ${batch} exceeds maxBatch ${maxBatch}`);
    let h = x;
    for (let l = 0; l < L; l++) {
      const layer = mlp.layers[l];
      denseForward(layer.weights, layer.bias, layer.nIn, layer.rows, h, batch, Z[l]);
      if (A[l] !== Z[l]) activateLayer(layer, Z[l], batch, A[l]);
      h = A[l];
    }
    return h.subarray(0, batch * mlp.outputDim);
  }

  function lossAndGrad(x: Float64Array, y: Float64Array, batch: number, loss: LossName, targetDim: number): number {
    const out = forward(x, batch);
    const value = lossAndGradient(loss, out, y, batch, mlp.outputDim, targetDim, GA[L - 1]);
    for (let l = L - 1; l >= 0; l--) {
      const layer = mlp.layers[l];
      const gal = GAL[l];
      if (gal) gal.fill(0);
      if (GZ[l] !== GA[l]) activationBackward(layer, Z[l], A[l], GA[l], batch, GZ[l], gal ?? undefined);
      const h = l === 0 ? x : A[l - 1];
      denseBackward(layer.weights, layer.nIn, layer.rows, h, GZ[l], batch, GW[l], GB[l], l === 0 ? null : GA[l - 1], scratch);
    }
    return value;
  }

  return { mlp, maxBatch, slots, names, forward, lossAndGrad };
}

/**
 * out[a][b] = bias[b] + Σ_p A[a][p] · B[b][p] for a < nA, b < nB: the product A·Bᵀ of two row-major
 * matrices with the same row length k (both read contiguously). Register-blocked: four rows of A
 * times two rows of B share every load (8 accumulators); remainders run in smaller blocks. Each
 * output is summed in the order bias, p = 0, 1, …, so results equal a plain loop bit for bit.
 */
export function matmulABt(
  A: Float64Array,
  nA: number,
  B: Float64Array,
  nB: number,
  k: number,
  out: Float64Array,
  bias: Float64Array | null,
): void {
  let a = 0;
  for (; a + 4 <= nA; a += 4) {
    const a0 = a * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    const o0 = a * nB;
    let b = 0;
    for (; b + 2 <= nB; b += 2) {
      const b0 = b * k;
      const b1 = b0 + k;
      const u = bias === null ? 0 : bias[b];
      const v = bias === null ? 0 : bias[b + 1];
      let s0 = u;
      let s1 = u;
      let s2 = u;
      let s3 = u;
      let t0 = v;
      let t1 = v;
      let t2 = v;
      let t3 = v;
      for (let p = 0; p < k; p++) {
        const x = B[b0 + p];
        const y = B[b1 + p];
        const h0 = A[a0 + p];
        const h1 = A[a1 + p];
        const h2 = A[a2 + p];
        const h3 = A[a3 + p];
        s0 += x * h0;
        s1 += x * h1;
        s2 += x * h2;
        s3 += x * h3;
        t0 += y * h0;
        t1 += y * h1;
        t2 += y * h2;
        t3 += y * h3;
      }
      out[o0 + b] = s0;
      out[o0 + nB + b] = s1;
      out[o0 + 2 * nB + b] = s2;
      out[o0 + 3 * nB + b] = s3;
      out[o0 + b + 1] = t0;
      out[o0 + nB + b + 1] = t1;
      out[o0 + 2 * nB + b + 1] = t2;
      out[o0 + 3 * nB + b + 1] = t3;
    }
    if (b < nB) {
      const b0 = b * k;
      const u = bias === null ? 0 : bias[b];
      let s0 = u;
      let s1 = u;
      let s2 = u;
      let s3 = u;
      for (let p = 0; p < k; p++) {
        const x = B[b0 + p];
        s0 += x * A[a0 + p];
        s1 += x * A[a1 + p];
        s2 += x * A[a2 + p];
        s3 += x * A[a3 + p];
      }
      out[o0 + b] = s0;
      out[o0 + nB + b] = s1;
      out[o0 + 2 * nB + b] = s2;
      out[o0 + 3 * nB + b] = s3;
    }
  }
  for (; a < nA; a++) {
    const a0 = a * k;
    const o0 = a * nB;
    for (let b = 0; b < nB; b++) {
      const b0 = b * k;
      let acc = bias === null ? 0 : bias[b];
      for (let p = 0; p < k; p++) acc += B[b0 + p] * A[a0 + p];
      out[o0 + b] = acc;
    }
  }
}

/** z = W h + b for a batch; W row-major [rows][nIn], h [batch][nIn], z [batch][rows]. */
export function denseForward(
  w: Float64Array,
  b: Float64Array,
  nIn: number,
  rows: number,
  h: Float64Array,
  batch: number,
  z: Float64Array,
): void {
  matmulABt(h, batch, w, rows, nIn, z, b);
}

/** Scratch buffers of {@link denseBackward}: gZᵀ [rows][batch], hᵀ [nIn][batch], Wᵀ [nIn][rows]. */
export interface DenseScratch {
  gZT: Float64Array;
  hT: Float64Array;
  wT: Float64Array;
}

/** Scratch for layers up to `rows` × `nIn` and batches up to `batch`. */
export function createDenseScratch(rows: number, nIn: number, batch: number): DenseScratch {
  return { gZT: new Float64Array(rows * batch), hT: new Float64Array(nIn * batch), wT: new Float64Array(rows * nIn) };
}

/**
 * Backward of z = W h + b: gW = gZᵀ h, gB = Σ_s gZ, and (if `gH` is given) gH = gZ W; overwrites
 * them. For layers at least 8 wide both ways it transposes gZ, h and W into `scratch` so both
 * products run as the blocked {@link matmulABt} with contiguous reads; narrower layers (where the
 * transposes cost more than they save) use direct loops blocked over four examples.
 */
export function denseBackward(
  w: Float64Array,
  nIn: number,
  rows: number,
  h: Float64Array,
  gZ: Float64Array,
  batch: number,
  gW: Float64Array,
  gB: Float64Array,
  gH: Float64Array | null,
  scratch: DenseScratch = createDenseScratch(rows, nIn, batch),
): void {
  if (rows < 8 || nIn < 8) {
    denseBackwardSmall(w, nIn, rows, h, gZ, batch, gW, gB, gH);
    return;
  }
  const { gZT, hT, wT } = scratch;
  gB.fill(0);
  for (let s = 0; s < batch; s++) {
    const zo = s * rows;
    for (let r = 0; r < rows; r++) {
      const g = gZ[zo + r];
      gB[r] += g;
      gZT[r * batch + s] = g;
    }
    const ho = s * nIn;
    for (let i = 0; i < nIn; i++) hT[i * batch + s] = h[ho + i];
  }
  matmulABt(gZT, rows, hT, nIn, batch, gW, null);
  if (gH === null) return;
  for (let r = 0; r < rows; r++) {
    const wo = r * nIn;
    for (let i = 0; i < nIn; i++) wT[i * rows + r] = w[wo + i];
  }
  matmulABt(gZ, batch, wT, nIn, rows, gH, null);
}

/** denseBackward for narrow layers: direct loops, four examples at a time. */
function denseBackwardSmall(
  w: Float64Array,
  nIn: number,
  rows: number,
  h: Float64Array,
  gZ: Float64Array,
  batch: number,
  gW: Float64Array,
  gB: Float64Array,
  gH: Float64Array | null,
): void {
  gW.fill(0);
  gB.fill(0);
  let s = 0;
  for (; s + 4 <= batch; s += 4) {
    const h0 = s * nIn;
    const h1 = h0 + nIn;
    const h2 = h1 + nIn;
    const h3 = h2 + nIn;
    const z0 = s * rows;
    if (gH !== null) for (let i = h0; i < h0 + 4 * nIn; i++) gH[i] = 0;
    for (let r = 0; r < rows; r++) {
      const g0 = gZ[z0 + r];
      const g1 = gZ[z0 + rows + r];
      const g2 = gZ[z0 + 2 * rows + r];
      const g3 = gZ[z0 + 3 * rows + r];
      gB[r] += g0 + g1 + g2 + g3;
      if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0) continue;
      const wo = r * nIn;
      for (let i = 0; i < nIn; i++) gW[wo + i] += g0 * h[h0 + i] + g1 * h[h1 + i] + g2 * h[h2 + i] + g3 * h[h3 + i];
      if (gH !== null)
        for (let i = 0; i < nIn; i++) {
          const wi = w[wo + i];
          gH[h0 + i] += g0 * wi;
          gH[h1 + i] += g1 * wi;
          gH[h2 + i] += g2 * wi;
          gH[h3 + i] += g3 * wi;
        }
    }
  }
  for (; s < batch; s++) {
    const ho = s * nIn;
    const zo = s * rows;
    if (gH !== null) for (let i = 0; i < nIn; i++) gH[ho + i] = 0;
    for (let r = 0; r < rows; r++) {
      const g = gZ[zo + r];
      gB[r] += g;
      if (g === 0) continue;
      const wo = r * nIn;
      for (let i = 0; i < nIn; i++) gW[wo + i] += g * h[ho + i];
      if (gH !== null) for (let i = 0; i < nIn; i++) gH[ho + i] += g * w[wo + i];
    }
  }
}
