/**
 * The "limit": a hand-written, batched typed-array training loop for a dense MLP (one hidden
 * activation, linear output), written without any of nn-core's abstractions. Same maths as `fit`
 * (MSE or BCE-on-logits, SGD or Adam, shuffled minibatches), so the ratio fit / hand shows what
 * the library's generality costs.
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
  /** Permutation source: called once per epoch to shuffle `perm` (the same RNG as fit). */
  shuffleFn: (perm: Uint32Array) => void;
}

export function handTrain(spec: HandSpec, x: Float64Array, y: Float64Array, n: number): { ms: number; loss: number } {
  const { widths, act, loss, opt, lr, epochs, shuffle } = spec;
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
  const A: Float64Array[] = [new Float64Array(B * widths[0])];
  const G: Float64Array[] = [new Float64Array(B * widths[0])];
  for (let l = 1; l <= L; l++) {
    A.push(new Float64Array(B * widths[l]));
    G.push(new Float64Array(B * widths[l]));
  }
  const yb = new Float64Array(B);
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const d0 = widths[0];
  const tanhAct = act === 'tanh';
  const mse = loss === 'mse';
  let t = 0;
  const t0 = performance.now();
  for (let e = 0; e < epochs; e++) {
    if (shuffle) spec.shuffleFn(perm);
    for (let start = 0; start < n; start += B) {
      const bs = Math.min(B, n - start);
      const a0 = A[0];
      for (let k = 0; k < bs; k++) {
        const r = perm[start + k];
        for (let j = 0; j < d0; j++) a0[k * d0 + j] = x[r * d0 + j];
        yb[k] = y[r];
      }
      // forward
      for (let l = 0; l < L; l++) {
        const nIn = widths[l];
        const nOut = widths[l + 1];
        const w = W[l];
        const bl = b[l];
        const h = A[l];
        const z = A[l + 1];
        for (let s = 0; s < bs; s++) {
          const ho = s * nIn;
          const zo = s * nOut;
          for (let r = 0; r < nOut; r++) {
            const wo = r * nIn;
            let acc = bl[r];
            for (let i = 0; i < nIn; i++) acc += w[wo + i] * h[ho + i];
            z[zo + r] = acc;
          }
        }
        const m = bs * nOut;
        if (l < L - 1) {
          if (tanhAct) for (let i = 0; i < m; i++) z[i] = Math.tanh(z[i]);
          else for (let i = 0; i < m; i++) z[i] = z[i] > 0 ? z[i] : 0;
        }
      }
      // loss gradient (output width 1)
      const out = A[L];
      const gOut = G[L];
      if (mse) for (let s = 0; s < bs; s++) gOut[s] = (2 * (out[s] - yb[s])) / bs;
      else
        for (let s = 0; s < bs; s++) {
          const p = out[s];
          const e = Math.exp(-Math.abs(p));
          gOut[s] = ((p >= 0 ? 1 / (1 + e) : e / (1 + e)) - yb[s]) / bs;
        }
      // backward
      for (let l = L - 1; l >= 0; l--) {
        const nIn = widths[l];
        const nOut = widths[l + 1];
        const w = W[l];
        const h = A[l];
        const g = G[l + 1];
        const gw = gW[l];
        const gbl = gb[l];
        gw.fill(0);
        gbl.fill(0);
        for (let s = 0; s < bs; s++) {
          const ho = s * nIn;
          const go = s * nOut;
          for (let r = 0; r < nOut; r++) {
            const gv = g[go + r];
            gbl[r] += gv;
            const wo = r * nIn;
            for (let i = 0; i < nIn; i++) gw[wo + i] += gv * h[ho + i];
          }
        }
        if (l > 0) {
          const gh = G[l];
          for (let s = 0; s < bs; s++) {
            const ho = s * nIn;
            const go = s * nOut;
            for (let i = 0; i < nIn; i++) gh[ho + i] = 0;
            for (let r = 0; r < nOut; r++) {
              const gv = g[go + r];
              const wo = r * nIn;
              for (let i = 0; i < nIn; i++) gh[ho + i] += gv * w[wo + i];
            }
          }
          const m = bs * nIn;
          if (tanhAct) for (let i = 0; i < m; i++) gh[i] *= 1 - h[i] * h[i];
          else for (let i = 0; i < m; i++) if (!(h[i] > 0)) gh[i] = 0;
        }
      }
      // update
      t++;
      const bc1 = 1 / (1 - 0.9 ** t);
      const bc2 = 1 / (1 - 0.999 ** t);
      for (let l = 0; l < L; l++) {
        update(W[l], gW[l], mW[l], vW[l], opt, lr, bc1, bc2);
        update(b[l], gb[l], mb[l], vb[l], opt, lr, bc1, bc2);
      }
    }
  }
  const ms = performance.now() - t0;
  // final loss on all data
  let total = 0;
  const h = new Float64Array(Math.max(...widths));
  const h2 = new Float64Array(Math.max(...widths));
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < d0; j++) h[j] = x[s * d0 + j];
    let cur = h;
    let nxt = h2;
    for (let l = 0; l < L; l++) {
      const nIn = widths[l];
      for (let r = 0; r < widths[l + 1]; r++) {
        let acc = b[l][r];
        for (let i = 0; i < nIn; i++) acc += W[l][r * nIn + i] * cur[i];
        nxt[r] = l < L - 1 ? (act === 'tanh' ? Math.tanh(acc) : acc > 0 ? acc : 0) : acc;
      }
      const tmp = cur;
      cur = nxt;
      nxt = tmp;
    }
    const p = cur[0];
    total += loss === 'mse' ? (p - y[s]) ** 2 : Math.max(p, 0) - p * y[s] + Math.log1p(Math.exp(-Math.abs(p)));
  }
  return { ms, loss: total / n };
}

function update(
  p: Float64Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  opt: 'sgd' | 'adam',
  lr: number,
  bc1: number,
  bc2: number,
): void {
  if (opt === 'sgd') {
    for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
    return;
  }
  for (let i = 0; i < p.length; i++) {
    const mi = 0.9 * m[i] + 0.1 * g[i];
    const vi = 0.999 * v[i] + 0.001 * g[i] * g[i];
    m[i] = mi;
    v[i] = vi;
    p[i] -= (lr * mi * bc1) / (Math.sqrt(vi * bc2) + 1e-8);
  }
}
