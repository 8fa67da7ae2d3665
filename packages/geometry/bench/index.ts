/**
 * Benchmark of the exact 2D region enumeration (`pnpm --filter @tessera/geometry bench`).
 *
 * For every case of ../shared/bench/nets/manifest.json (plus a seeded 2-8-8-1 and a degenerate
 * net): activation and linear region counts, median wall time (after warm-up), regions/second,
 * the ratio to the fastest published peer's regions/second (table below, from peers.md; the
 * peers cannot run here), and the ratio to an in-process naive reference enumerator measured in
 * the same run. Also bytes per region of the returned partition.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createRng, type Mlp, mlpFromLayers, parseMlpText } from '@tessera/nn-core';
import { enumerateRegions, type Partition } from '../src/index.js';
import { runLineBench } from './line.bench.js';
import { naiveRegionCount } from './naiveRegions.js';
import { SHARED_NETS_DIR } from './sharedNets.js';

/**
 * Fastest published peer per case, regions/second, from ../shared/bench/peers.md (edge subdivision,
 * Berzins ICML 2023; SplineCam, CVPR 2023; DNP cells (JS)); measured on one 2-core machine, CPU.
 */
const PEERS: Record<string, { regions: string; fastest: string; perSecond: number }> = {
  '2-16-16-1@1': { regions: '386', fastest: 'DNP cells 0.008 s', perSecond: 48_000 },
  '2-32-32-1@1': { regions: '1 595', fastest: 'edge subdivision 0.024 s', perSecond: 66_000 },
  '2-32-32-32-1@1': { regions: '4 967', fastest: 'edge subdivision 0.077 s', perSecond: 64_000 },
  '2-64-64-64-1@1': { regions: '15 854', fastest: 'edge subdivision 0.44 s', perSecond: 36_000 },
  '2-64-64-64-1@4': { regions: '17 897', fastest: 'edge subdivision 0.55 s', perSecond: 33_000 },
  '2-128-128-128-1@1': { regions: '60 423', fastest: 'DNP cells 26.4 s', perSecond: 2_300 },
  '2-256-256-1@1': { regions: '116 930 / 116 933', fastest: 'DNP cells 141 s', perSecond: 830 },
};
/** Cases whose naive reference run would take too long on a shared 2-core machine. */
const NAIVE_MAX_REGIONS = 20_000;

/** He-normal ReLU net like the manifest's recipe, from Tessera's seeded RNG. */
function heNet(widths: number[], seed: number): Mlp {
  const rng = createRng(seed);
  const layers = [];
  for (let l = 1; l < widths.length; l++) {
    const nIn = widths[l - 1];
    const std = Math.sqrt(2 / nIn);
    layers.push({
      activation: (l === widths.length - 1 ? 'linear' : 'relu') as 'relu' | 'linear',
      weights: Array.from({ length: widths[l] }, () => Array.from({ length: nIn }, () => rng.normal(0, std))),
      bias: Array.from({ length: widths[l] }, () => rng.normal(0, 0.1)),
    });
  }
  return mlpFromLayers(widths[0], layers);
}

/** A degenerate 2-32-32-1: 16 first-layer lines through the origin, 8 duplicated, 8 parallel. */
function degenerateNet(seed: number): Mlp {
  const base = heNet([2, 32, 32, 1], seed);
  const l0 = base.layers[0];
  const rng = createRng(seed + 1);
  for (let j = 0; j < 32; j++) {
    if (j < 16) l0.bias[j] = 0;
    else if (j < 24) {
      l0.weights[2 * j] = -2 * l0.weights[2 * (j - 16)];
      l0.weights[2 * j + 1] = -2 * l0.weights[2 * (j - 16) + 1];
      l0.bias[j] = 0;
    } else {
      l0.weights[2 * j] = l0.weights[0];
      l0.weights[2 * j + 1] = l0.weights[1];
      l0.bias[j] = rng.uniform(-1, 1);
    }
  }
  return base;
}

function bytesOf(p: Partition): number {
  let b = 0;
  for (const v of Object.values(p)) if (ArrayBuffer.isView(v)) b += v.byteLength;
  for (const v of [p.splits, p.adjacency]) for (const w of Object.values(v)) if (ArrayBuffer.isView(w)) b += w.byteLength;
  return b;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall-clock and CPU (user + system) milliseconds of each run, after one warm-up run. */
function time(f: () => void, minRuns: number, budgetMs: number): { wall: number[]; cpu: number[] } {
  f(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  while (wall.length < minRuns || (performance.now() - start < budgetMs && wall.length < 25)) {
    const c = process.cpuUsage();
    const t = performance.now();
    f();
    wall.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  return { wall, cpu };
}

/** The regions benchmark (this file's own part). */
function runRegionsBench(): void {
  const cases: Array<{ id: string; mlp: Mlp; box: [number, number, number, number] }> = [
    { id: '2-8-8-1 (seed 7)', mlp: heNet([2, 8, 8, 1], 7), box: [-1, 1, -1, 1] },
    { id: 'degenerate 2-32-32-1', mlp: degenerateNet(9), box: [-1, 1, -1, 1] },
  ];
  const netsDir = SHARED_NETS_DIR;
  const manifestPath = join(netsDir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { cases: Array<{ id: string; net: string; box: [number, number] }> };
    for (const c of manifest.cases) {
      const mlp = parseMlpText(readFileSync(join(netsDir, c.net), 'utf8'));
      cases.push({ id: c.id, mlp, box: [c.box[0], c.box[1], c.box[0], c.box[1]] });
    }
  } else {
    console.log(`(benchmark nets not found at ${netsDir}: running the built-in cases only)`);
  }

  console.log(`node ${process.version} · ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length} · load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('times: median wall ms after one warm-up run, and median CPU ms (user + system) of the same runs;');
  console.log('the machine is shared, so wall figures are noisy; regions/s is from the median wall time\n');
  const rows: string[][] = [];
  for (const c of cases) {
    let p: Partition | undefined;
    const big = c.id.includes('256') || c.id.includes('128');
    const { wall: runs, cpu } = time(() => (p = enumerateRegions(c.mlp, { box: c.box })), big ? 3 : 7, big ? 0 : 1500);
    const part = p as Partition;
    const ms = median(runs);
    const cpuMs = median(cpu);
    const perSec = (part.regionCount / ms) * 1000;
    const peer = PEERS[c.id];
    let naive = '–';
    if (part.regionCount <= NAIVE_MAX_REGIONS) {
      let n = 0;
      const nr = time(() => (n = naiveRegionCount(c.mlp, c.box)), 1, 0);
      const nms = median(nr.wall);
      naive = `${nms.toFixed(0)} ms (${n === part.regionCount ? 'same count' : `COUNT ${n}`}) → ×${(nms / ms).toFixed(1)}`;
    }
    rows.push([
      c.id,
      String(part.regionCount),
      String(part.linearRegionCount),
      ms.toFixed(2),
      `${Math.min(...runs).toFixed(2)}–${Math.max(...runs).toFixed(2)} (${runs.length})`,
      cpuMs.toFixed(2),
      perSec.toFixed(0),
      peer ? `${peer.perSecond} (${peer.fastest}; count ${peer.regions})` : '–',
      peer
        ? `×${(perSec / peer.perSecond).toFixed(1)}; best ×${((part.regionCount / Math.min(...runs)) * 1000 / peer.perSecond).toFixed(1)}; cpu ×${((part.regionCount / cpuMs) * 1000 / peer.perSecond).toFixed(1)}`
        : '–',
      naive,
      (bytesOf(part) / part.regionCount).toFixed(0),
    ]);
    console.log(rows[rows.length - 1].join(' | '));
  }
  console.log(
    `\n| case | regions | linear | median ms | min–max ms (runs) | median cpu ms | regions/s | fastest peer regions/s | vs peer (median wall; best run; median cpu) | naive reference (same process) | bytes/region |\n|${'---|'.repeat(11)}`,
  );
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

// `pnpm bench` runs every geometry benchmark; `pnpm bench regions|line|towers` runs one.
const only = process.argv[2];
if (!only || only === 'regions') runRegionsBench();
if (!only || only === 'line') {
  console.log('\n## 1D slices and bounds (bench/line.bench.ts)\n');
  runLineBench();
}
if (!only || only === 'towers') {
  console.log('\n## Towers (bench/towers.bench.ts)\n');
  await import('./towers.bench.js');
}
