import { createMlp, fit } from '@tessera/nn-core';
import { workloads } from './workloads.js';
const id = process.argv[2] ?? 'W1';
const w = workloads().find((v) => v.id === id)!;
for (let k = 0; k < 3; k++) {
  const m = createMlp({ arch: w.widths, activation: w.act, seed: 1 });
  const h = fit(m, { x: w.x, y: w.y }, { epochs: w.epochs, batchSize: w.batch, shuffle: w.shuffle, seed: 1, loss: w.loss, optimizer: w.opt, lr: w.lr });
  console.log(id, (h.examplesPerSecond / 1e6).toFixed(3), 'M/s');
}
