/**
 * Training-speed benchmark of shared/bench/training.md: W1, W2, W3 with Tessera's `fit`, the
 * hand-written batched loop (the limit), TensorFlow.js cpu and TensorFlow.js wasm, all in one run.
 * Only the training loop is timed. Run: pnpm --filter @tessera/nn-core bench [W1,W2,W3] [--quick]
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { createMlp, createRng, fit } from '@tessera/nn-core';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { handTrain } from './handLoop.js';
import { registerTfjsGradients, tfjsTrain } from './tfjsPeer.js';
import { type Workload, workloads } from './workloads.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => /^W\d/.test(a))?.split(',');
const ROUNDS = quick ? 1 : 3;

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (eps: number): string =>
  eps >= 1e6 ? `${(eps / 1e6).toFixed(2)} M/s` : eps >= 1e3 ? `${(eps / 1e3).toFixed(1)} k/s` : `${eps.toFixed(0)} /s`;

function initial(w: Workload) {
  const m = createMlp({ arch: w.widths, activation: w.act, seed: 1 });
  return { model: m, weights: m.layers.map((l) => l.weights.slice()), biases: m.layers.map((l) => l.bias.slice()) };
}

function runTessera(w: Workload, epochs: number) {
  const { model } = initial(w);
  const h = fit(model, { x: w.x, y: w.y }, {
    epochs,
    batchSize: w.batch,
    shuffle: w.shuffle,
    seed: 1,
    loss: w.loss,
    optimizer: w.opt,
    lr: w.lr,
  });
  return { eps: h.examplesPerSecond, loss: h.finalLoss };
}

function runHand(w: Workload, epochs: number) {
  const { weights, biases } = initial(w);
  const rng = createRng(1);
  const r = handTrain(
    { ...w, epochs, weights, biases, shuffleFn: (perm) => rng.shuffle(perm) },
    w.x,
    w.y,
    w.n,
  );
  return { eps: (epochs * w.n) / (r.ms / 1000), loss: r.loss };
}

function runTf(w: Workload, epochs: number) {
  const { weights, biases } = initial(w);
  const r = tfjsTrain(w, weights, biases, epochs, 1);
  return { eps: (epochs * w.n) / (r.ms / 1000), loss: r.loss };
}

async function main(): Promise<void> {
  if (only?.[0] === 'W1' || only?.length !== 1) console.log(`node ${process.version} · ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length} · load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (only?.[0] === 'W1' || only?.length !== 1)
    console.log(`examples/second of the training loop alone; median of ${ROUNDS} rounds, each running all contenders back to back.\n`);
  // tfjs-wasm: load the .wasm files from node_modules by file URL (nothing is fetched from the network)
  const require = createRequire(import.meta.url);
  const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
  let wasmError: string | null = null;
  try {
    setWasmPaths(`${pathToFileURL(wasmDir).href.replace(/^file:\/\//, '')}`);
  } catch (err) {
    wasmError = (err as Error).message;
  }

  await registerTfjsGradients();
  const results: Record<string, Record<string, number | string>> = {};
  for (const w of workloads()) {
    if (only && !only.includes(w.id)) continue;
    console.log(`${w.id}: ${w.title}`);
    // warm-up: three short runs each, so both reach optimized, stable code before timing
    const warm = Math.max(1, Math.ceil(w.epochs / 10));
    for (let k = 0; k < 3; k++) {
      runTessera(w, warm);
      runHand(w, warm);
    }
    // Every round runs all four contenders back to back, so each ratio compares runs made under
    // the same machine load; the reported ratio is the median of the per-round ratios.
    const backends = wasmError ? (['cpu'] as const) : (['cpu', 'wasm'] as const);
    const tfEpochs: Record<string, number> = {};
    for (const backend of backends) {
      // slow peers: fewer epochs (examples/second is per example, so it stays comparable)
      const slow = backend === 'cpu' ? { W1: 4, W2: 2, W3: 5 }[w.id] : { W1: 2, W2: 2, W3: 2 }[w.id];
      tfEpochs[backend] = Math.max(1, Math.floor(w.epochs / slow));
      await tf.setBackend(backend);
      await tf.ready();
      if (tf.getBackend() !== backend) throw new Error(`tf.setBackend('${backend}') fell back to ${tf.getBackend()}`);
      runTf(w, Math.max(1, Math.ceil(tfEpochs[backend] / 20)));
    }
    const eps: Record<string, number[]> = { tessera: [], hand: [], 'tfjs-cpu': [], 'tfjs-wasm': [] };
    const loss: Record<string, number> = {};
    for (let r = 0; r < ROUNDS; r++) {
      const a = runTessera(w, w.epochs);
      eps.tessera.push(a.eps);
      loss.tessera = a.loss;
      const b = runHand(w, w.epochs);
      eps.hand.push(b.eps);
      loss.hand = b.loss;
      for (const backend of backends) {
        await tf.setBackend(backend);
        const t = runTf(w, tfEpochs[backend]);
        eps[`tfjs-${backend}`].push(t.eps);
        loss[`tfjs-${backend}`] = t.loss;
      }
    }
    const row: Record<string, number | string> = {};
    const names: Record<string, string> = { tessera: 'tessera fit', hand: 'hand-written', 'tfjs-cpu': 'tfjs-cpu', 'tfjs-wasm': 'tfjs-wasm' };
    for (const k of Object.keys(names)) {
      if (eps[k].length === 0) {
        console.log(`  ${names[k].padEnd(16)} not run: ${wasmError}`);
        continue;
      }
      row[k] = median(eps[k]);
      const tfKey = k.startsWith('tfjs-') ? k.slice(5) : '';
      const note =
        tfKey && tfEpochs[tfKey] < w.epochs
          ? `(${tfEpochs[tfKey]} of ${w.epochs} epochs; loss not comparable)`
          : `final loss ${loss[k].toFixed(5)}`;
      console.log(`  ${names[k].padEnd(16)} ${fmt(row[k] as number).padStart(10)}   ${note}   runs: ${eps[k].map(fmt).join(', ')}`);
    }
    const ratio = (k: string) =>
      eps[k].length === 0 ? 'n/a' : `${median(eps.tessera.map((v, i) => v / eps[k][i])).toFixed(2)}×`;
    console.log(
      `  ratios (median of per-round): fit / hand = ${ratio('hand')}   fit / tfjs-cpu = ${ratio('tfjs-cpu')}   fit / tfjs-wasm = ${ratio('tfjs-wasm')}\n`,
    );
    results[w.id] = row;
  }
  if (only?.[0] === 'W3' || only?.length !== 1) console.log('targets (training.md): W1 ≥ 5× tfjs-cpu, W2 ≥ 25×, W3 ≥ 6× and ≥ 1.3× tfjs-wasm; fit within 1.3× of the hand loop (fit / hand ≥ 0.77).');
}

if (only === undefined) {
  // Each workload in its own process, so no contender inherits JIT feedback from another workload.
  const script = fileURLToPath(import.meta.url);
  for (const id of ['W1', 'W2', 'W3']) {
    const r = spawnSync(process.execPath, [...process.execArgv, script, id, ...args], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  }
} else await main();
