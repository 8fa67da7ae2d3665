import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { buildSync } from 'esbuild';
import type { Workload } from './workloads.js';

/**
 * tfjs-core's Node entry (the CJS bundle) ships no gradient functions; `@tensorflow/tfjs` adds them
 * with `register_all_gradients`, whose ESM files Node cannot import directly (extensionless
 * imports). We bundle that one file with esbuild into a temp file and import it: it registers the
 * gradients in tfjs's global registry, which the engine shares.
 */
export async function registerTfjsGradients(): Promise<void> {
  const require = createRequire(import.meta.url);
  const entry = path.join(path.dirname(require.resolve('@tensorflow/tfjs-core/package.json')), 'dist/register_all_gradients.js');
  const outfile = path.join(os.tmpdir(), `tessera-tfjs-gradients-${process.pid}.mjs`);
  buildSync({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'silent' });
  await import(pathToFileURL(outfile).href);
}

/**
 * The same training loop with the TensorFlow.js core API (variables, tf.train optimizers,
 * optimizer.minimize per minibatch inside tidy; float32 as tfjs stores it). Runs `epochs` epochs
 * on the current backend and returns the loop time.
 */
export function tfjsTrain(
  w: Workload,
  weights: Float64Array[],
  biases: Float64Array[],
  epochs: number,
  seed: number,
): { ms: number; loss: number } {
  const L = w.widths.length - 1;
  const Ws: tf.Variable[] = [];
  const bs: tf.Variable[] = [];
  for (let l = 0; l < L; l++) {
    const nIn = w.widths[l];
    const nOut = w.widths[l + 1];
    // tfjs multiplies x [B, nIn] by W [nIn, nOut]: store the transpose of tessera's [nOut][nIn]
    const t = new Float32Array(nIn * nOut);
    for (let r = 0; r < nOut; r++) for (let i = 0; i < nIn; i++) t[i * nOut + r] = weights[l][r * nIn + i];
    Ws.push(tf.variable(tf.tensor2d(t, [nIn, nOut])));
    bs.push(tf.variable(tf.tensor1d(Float32Array.from(biases[l]))));
  }
  const xs = tf.tensor2d(Float32Array.from(w.x), [w.n, w.widths[0]]);
  const ys = tf.tensor2d(Float32Array.from(w.y), [w.n, 1]);
  const optimizer = w.opt === 'sgd' ? tf.train.sgd(w.lr) : tf.train.adam(w.lr);
  const forward = (x: tf.Tensor2D): tf.Tensor2D => {
    let h = x;
    for (let l = 0; l < L; l++) {
      const z = tf.add(tf.matMul(h, Ws[l]), bs[l]) as tf.Tensor2D;
      h = l < L - 1 ? (w.act === 'tanh' ? tf.tanh(z) : tf.relu(z)) : z;
    }
    return h;
  };
  const lossOf = (p: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar =>
    (w.loss === 'mse' ? tf.losses.meanSquaredError(y, p) : tf.losses.sigmoidCrossEntropy(y, p)) as tf.Scalar;
  const perm = new Int32Array(w.n);
  for (let i = 0; i < w.n; i++) perm[i] = i;
  let state = seed >>> 0 || 1;
  const shuffle = () => {
    for (let i = w.n - 1; i > 0; i--) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const j = state % (i + 1);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
  };
  const B = Math.min(w.batch, w.n);
  const t0 = performance.now();
  for (let e = 0; e < epochs; e++) {
    if (w.shuffle) shuffle();
    const idx = w.shuffle ? tf.tensor1d(perm, 'int32') : null;
    for (let start = 0; start < w.n; start += B) {
      const size = Math.min(B, w.n - start);
      tf.tidy(() => {
        let xb: tf.Tensor2D = xs;
        let yb: tf.Tensor2D = ys;
        if (idx) {
          const part = tf.slice(idx, [start], [size]);
          xb = tf.gather(xs, part) as tf.Tensor2D;
          yb = tf.gather(ys, part) as tf.Tensor2D;
        } else if (size !== w.n) {
          xb = tf.slice(xs, [start, 0], [size, -1]);
          yb = tf.slice(ys, [start, 0], [size, -1]);
        }
        optimizer.minimize(() => lossOf(forward(xb), yb));
      });
    }
    idx?.dispose();
  }
  const ms = performance.now() - t0;
  const loss = tf.tidy(() => lossOf(forward(xs), ys).dataSync()[0]);
  for (const v of [...Ws, ...bs, xs, ys]) v.dispose();
  optimizer.dispose();
  return { ms, loss };
}
