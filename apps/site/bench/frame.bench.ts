/**
 * One frame of the Train page, measured in Node on the exact code the Web Worker runs
 * (`createSession` → nn-core kernel + optimizer step, geometry's exact enumeration, render-svg's
 * SVG strings): a 2-8-8-1 ReLU net on 500 points of the paraboloid. A frame must fit in 16 ms.
 *
 *   node --conditions=tessera-source --import tsx bench/frame.bench.ts
 */
import os from 'node:os';
import { enumerateRegions } from '@tessera/geometry';
import { DEFAULT_CONFIG } from '../src/train/config.js';
import { surfaceSvg } from '../src/engine/render.js';
import { createSession } from '../src/train/session.js';

const FRAME_BUDGET_MS = 16;
const WARMUP = 30;
const RUNS = 200;

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
}
const pct = (xs: number[], p: number): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

const config = {
  ...DEFAULT_CONFIG,
  dataset: 'paraboloid-regression',
  n: 500,
  hidden: [
    { units: 8, activation: 'relu' },
    { units: 8, activation: 'relu' },
  ],
  optimizer: 'adam' as const,
  lr: 0.01,
  batch: 32,
  seed: 1,
};
const session = createSession(config);
const box = session.data.box;

const stepMs: number[] = [];
const regionsMs: number[] = [];
const frameMs: number[] = [];
let checksum = 0;
for (let i = 0; i < WARMUP + RUNS; i++) {
  const t0 = performance.now();
  session.step(1);
  const t1 = performance.now();
  const f = session.frame(true, t1 - t0);
  const t2 = performance.now();
  // The enumeration alone, for the breakdown (the frame above already includes one).
  const p = enumerateRegions(session.mlp, { box });
  const t3 = performance.now();
  checksum += f.regions ?? 0;
  checksum += p.regionCount * 0;
  if (i >= WARMUP) {
    stepMs.push(t1 - t0);
    frameMs.push(t2 - t0);
    regionsMs.push(t3 - t2);
  }
}
const last = session.frame(false);
// The page draws the rotatable 3D surface on the main thread from the frame's regions.
const surfMs: number[] = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const t0 = performance.now();
  const s = surfaceSvg(last.regionList, last.box, { azimuth: i % 360, elevation: 30 }, { neighbors: last.neighbors, target: last.target });
  if (i >= WARMUP) surfMs.push(performance.now() - t0);
  checksum += s.length > 0 ? 1 : 0;
}
const svgBytes = last.mapSvg.length + last.networkSvg.length + last.lossSvg.length + last.countSvg.length;

console.log(`node ${process.version} on ${os.cpus()[0]?.model ?? 'unknown cpu'} (${os.cpus().length} cores)`);
console.log(`2-8-8-1 relu, 500 points, batch 32, Adam; ${RUNS} frames after ${WARMUP} warm-up frames`);
console.log(`  training step (1 minibatch):             median ${median(stepMs).toFixed(3)} ms`);
console.log(`  exact region enumeration alone:          median ${median(regionsMs).toFixed(3)} ms (${last.regions} regions)`);
console.log(
  `  whole frame (step + full-set loss + regions + 4 SVGs, ${(svgBytes / 1024).toFixed(0)} KB): median ${median(frameMs).toFixed(2)} ms, p95 ${pct(frameMs, 0.95).toFixed(2)} ms`,
);
console.log(`  3D faceted surface + target (main thread, per rotation): median ${median(surfMs).toFixed(2)} ms`);
console.log(`  frame + surface: median ${(median(frameMs) + median(surfMs)).toFixed(2)} ms`);
// The whole redraw the page does per frame: the worker's frame plus the main thread's 3D surface.
const whole = median(frameMs) + median(surfMs);
console.log(
  `  vs the ${FRAME_BUDGET_MS} ms frame budget: worker frame ${(median(frameMs) / FRAME_BUDGET_MS).toFixed(2)}×, frame + surface ${(whole / FRAME_BUDGET_MS).toFixed(2)}× (${whole <= FRAME_BUDGET_MS ? 'within' : 'OVER'} budget)`,
);
console.log(`  checksum ${checksum}`);
