/**
 * The "limit": a hand-written, batched typed-array training loop for a dense MLP (one hidden
 * activation, linear output, one output unit), written without any of nn-core's abstractions:
 * plain (unblocked) loops in small monomorphic functions, preallocated buffers. Same maths as
 * `fit` (MSE or BCE on logits, SGD or Adam, the same shuffles), so the final losses must agree.
 */
export interface HandSpec {
  widths: number[];
  act: 'tanh' | 'relu';
  loss: 'mse' | 'bce';
  opt: 'sgd' | 'adam';
  lr: number;
  epochs: number;
  batch: number;
  shuffle: boolean;
  /** Initial weights [rows][nIn] and biases per layer (copied). */
  weights: Float64Array[];
  biases: Float64Array[];
  /** Shuffles `perm` once per epoch (the same RNG as fit). */
  shuffleFn: (perm: Uint32Array) => void;
}

function forwardLayer(w: Float64Array, b: Float64Array, nIn: number, nOut: number, h: Float64Array, bs: number, z: Float64Array): void {
  for (let s = 0; s < bs; s++) {
    const ho = s * nIn;
    const zo = s * nOut;
    for (let r = 0; r < nOut; r++) {
      const wo = r * nIn;
      let acc = b[r];
      for (let i = 0; i < nIn; i++) acc += w[wo + i] * h[ho + i];
      z[zo + r] = acc;
    }
  }
}

function tanhInPlace(z: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) z[i] = Math.tanh(z[i]);
}

function reluInPlace(z: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) z[i] = z[i] > 0 ? z[i] : 0;
}

function backwardLayer(
  w: Float64Array,
  nIn: number,
  nOut: number,
  h: Float64Array,
  g: Float64Array,
  bs: number,
  gw: Float64Array,
  gb: Float64Array,
  gh: Float64Array | null,
): void {
  gw.fill(0);
  gb.fill(0);
  for (let s = 0; s < bs; s++) {
    const ho = s * nIn;
    const go = s * nOut;
    for (let r = 0; r < nOut; r++) {
      const gv = g[go + r];
      gb[r] += gv;
      const wo = r * nIn;
      for (let i = 0; i < nIn; i++) gw[wo + i] += gv * h[ho + i];
    }
  }
  if (gh === null) return;
  for (let s = 0; s < bs; s++) {
    const ho = s * nIn;
    const go = s * nOut;
    for (let i = 0; i < nIn; i++) {
      let acc = 0;
      for (let r = 0; r < nOut; r++) acc += g[go + r] * w[r * nIn + i];
      gh[ho + i] = acc;
    }
  }
}

function tanhBack(gh: Float64Array, a: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) gh[i] *= 1 - a[i] * a[i];
}

function reluBack(gh: Float64Array, a: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) if (!(a[i] > 0)) gh[i] = 0;
}

function sgd(p: Float64Array, g: Float64Array, lr: number): void {
  for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
}

function adam(p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, lr: number, bc1: number, bc2: number): void {
  for (let i = 0; i < p.length; i++) {
    const mi = 0.9 * m[i] + 0.1 * g[i];
    const vi = 0.999 * v[i] + 0.001 * g[i] * g[i];
    m[i] = mi;
    v[i] = vi;
    p[i] -= (lr * mi * bc1) / (Math.sqrt(vi * bc2) + 1e-8);
  }
}

function lossGrad(mse: boolean, out: Float64Array, yb: Float64Array, bs: number, g: Float64Array): void {
  if (mse) for (let s = 0; s < bs; s++) g[s] = (2 * (out[s] - yb[s])) / bs;
  else
    for (let s = 0; s < bs; s++) {
      const p = out[s];
      const e = Math.exp(-Math.abs(p));
      g[s] = ((p >= 0 ? 1 / (1 + e) : e / (1 + e)) - yb[s]) / bs;
    }
}

function gather(x: Float64Array, y: Float64Array, perm: Uint32Array, start: number, bs: number, d0: number, xb: Float64Array, yb: Float64Array): void {
  for (let k = 0; k < bs; k++) {
    const r = perm[start + k];
    for (let j = 0; j < d0; j++) xb[k * d0 + j] = x[r * d0 + j];
    yb[k] = y[r];
  }
}

export function handTrain(spec: HandSpec, x: Float64Array, y: Float64Array, n: number): { ms: number; loss: number } {
  const { widths, act, lr, epochs, shuffle } = spec;
  const L = widths.length - 1;
  const B = Math.min(spec.batch, n);
  const W = spec.weights.map((w) => w.slice());
  const b = spec.biases.map((v) => v.slice());
  const gW = W.map((w) => new Float64Array(w.length));
  const gb = b.map((v) => new Float64Array(v.length));
  const mW = W.map((w) => new Float64Array(w.length));
  const vW = W.map((w) => new Float64Array(w.length));
  const mb = b.map((v) => new Float64Array(v.length));
  const vb = b.map((v) => new Float64Array(v.length));
  const A: Float64Array[] = [];
  const G: Float64Array[] = [];
  for (let l = 0; l <= L; l++) {
    A.push(new Float64Array(B * widths[l]));
    G.push(new Float64Array(B * widths[l]));
  }
  const yb = new Float64Array(B);
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const d0 = widths[0];
  const tanhAct = act === 'tanh';
  const mse = spec.loss === 'mse';
  const useAdam = spec.opt === 'adam';
  let t = 0;
  const t0 = performance.now();
  for (let e = 0; e < epochs; e++) {
    if (shuffle) spec.shuffleFn(perm);
    for (let start = 0; start < n; start += B) {
      const bs = Math.min(B, n - start);
      gather(x, y, perm, start, bs, d0, A[0], yb);
      for (let l = 0; l < L; l++) {
        forwardLayer(W[l], b[l], widths[l], widths[l + 1], A[l], bs, A[l + 1]);
        if (l < L - 1) {
          if (tanhAct) tanhInPlace(A[l + 1], bs * widths[l + 1]);
          else reluInPlace(A[l + 1], bs * widths[l + 1]);
        }
      }
      lossGrad(mse, A[L], yb, bs, G[L]);
      for (let l = L - 1; l >= 0; l--) {
        backwardLayer(W[l], widths[l], widths[l + 1], A[l], G[l + 1], bs, gW[l], gb[l], l > 0 ? G[l] : null);
        if (l > 0) {
          if (tanhAct) tanhBack(G[l], A[l], bs * widths[l]);
          else reluBack(G[l], A[l], bs * widths[l]);
        }
      }
      t++;
      const bc1 = 1 / (1 - 0.9 ** t);
      const bc2 = 1 / (1 - 0.999 ** t);
      for (let l = 0; l < L; l++) {
        if (useAdam) {
          adam(W[l], gW[l], mW[l], vW[l], lr, bc1, bc2);
          adam(b[l], gb[l], mb[l], vb[l], lr, bc1, bc2);
        } else {
          sgd(W[l], gW[l], lr);
          sgd(b[l], gb[l], lr);
        }
      }
    }
  }
  const ms = performance.now() - t0;
  // final loss on all rows (outside the timing)
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  let total = 0;
  const X: Float64Array[] = [];
  for (let l = 0; l <= L; l++) X.push(new Float64Array(n * widths[l]));
  const Y = new Float64Array(n);
  gather(x, y, all, 0, n, d0, X[0], Y);
  for (let l = 0; l < L; l++) {
    forwardLayer(W[l], b[l], widths[l], widths[l + 1], X[l], n, X[l + 1]);
    if (l < L - 1) {
      if (tanhAct) tanhInPlace(X[l + 1], n * widths[l + 1]);
      else reluInPlace(X[l + 1], n * widths[l + 1]);
    }
  }
  for (let s = 0; s < n; s++) {
    const p = X[L][s];
    total += mse ? (p - Y[s]) ** 2 : Math.max(p, 0) - p * Y[s] + Math.log1p(Math.exp(-Math.abs(p)));
  }
  return { ms, loss: total / n };
}
