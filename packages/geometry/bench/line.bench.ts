/**
 * Benchmark of the exact 1D slices and of the bounds (`node --conditions=tessera-source --import tsx
 * bench/line.bench.ts`, or imported by bench/index.ts as `runLineBench()`).
 *
 * For each benchmark net of ../shared/bench/nets (diagonal of its box) and for Telgarsky's sawtooth:
 * the exact pieces, the median wall time of `linePieces` (after warm-up), pieces/second, and the
 * ratio to a peer measured in the same run: a dense-sampling scan (a plain forward pass at 2^14
 * evenly spaced points that counts pattern changes — what a sampling tool does; it can only miss
 * pieces). Also the time of `bounds` for a large architecture (BigInt DP).
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Mlp, parseMlpText } from '@tessera/nn-core';
import { bounds } from '../src/bounds.js';
import { montufarFoldingNet, sawtoothNet } from '../src/constructions.js';
import { linePieces } from '../src/line.js';
import { SHARED_NETS_DIR } from './sharedNets.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Median CPU ms (user + system of this process; less sensitive than wall time to a loaded machine) of `runs` calls after `warm` warm-up calls; the median wall ms goes to `wall`. */
const wall: number[] = [];
function time(fn: () => void, runs: number, warm: number): number {
  for (let i = 0; i < warm; i++) fn();
  const ms: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    w.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    ms.push((c.user + c.system) / 1000);
  }
  wall.push(median(w));
  return median(ms);
}

/** The peer: a plain forward pass at `samples` points, counting changes of the activation pattern. */
function samplingScan(mlp: Mlp, from: number[], to: number[], samples: number): number {
  let changes = 0;
  let prev = '';
  for (let s = 0; s < samples; s++) {
    const t = (s + 0.5) / samples;
    let h = from.map((f, i) => f + t * ((to[i] as number) - f));
    const bits: number[] = [];
    for (const layer of mlp.layers) {
      const next: number[] = [];
      for (let r = 0; r < layer.rows; r++) {
        let acc = layer.bias[r] as number;
        for (let i = 0; i < layer.nIn; i++) acc += (layer.weights[r * layer.nIn + i] as number) * (h[i] as number);
        if (layer.activation === 'relu') {
          bits.push(acc > 0 ? 1 : 0);
          // biome-ignore lint/complexity/useMathMinMax: relu is a comparison, the same test as the pattern bit
          next.push(acc > 0 ? acc : 0);
        } else next.push(acc);
      }
      h = next;
    }
    const key = bits.join('');
    if (s > 0 && key !== prev) changes++;
    prev = key;
  }
  return changes + 1;
}

export function runLineBench(log: (line: string) => void = console.log): void {
  const SAMPLES = 2 ** 14;
  const cases: Array<{ id: string; mlp: Mlp; from: number[]; to: number[]; scan: boolean }> = [];
  const netsDir = SHARED_NETS_DIR;
  const manifestPath = join(netsDir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      cases: Array<{ id: string; net: string; box: [number, number] }>;
    };
    for (const c of manifest.cases) {
      const mlp = parseMlpText(readFileSync(join(netsDir, c.net), 'utf8'));
      const [lo, hi] = c.box;
      cases.push({ id: `${c.id} diagonal`, mlp, from: [lo, lo], to: [hi, hi], scan: true });
    }
  } else log(`(no ${manifestPath}: benchmark nets skipped)`);
  cases.push({ id: 'sawtooth L=12 on [0,1]', mlp: sawtoothNet(12), from: [0], to: [1], scan: true });
  cases.push({ id: 'sawtooth L=18 on [0,1]', mlp: sawtoothNet(18), from: [0], to: [1], scan: false });
  cases.push({ id: 'folding 1-8-8-8-8-1 on [0,1]', mlp: montufarFoldingNet([1, 8, 8, 8, 8, 1]), from: [0], to: [1], scan: true });

  log(`node ${process.version} · ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length} · load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  // warm the JIT on every case first (the first case would otherwise pay for compilation)
  for (const c of cases) if (!c.id.includes('L=18')) linePieces(c.mlp, c.from, c.to);
  log('case | pieces (linear) | linePieces cpu ms (wall) | pieces/s (cpu) | scan 2^14 cpu ms | scan pieces | speed-up vs scan');
  for (const c of cases) {
    let pieces = 0;
    let linear = 0;
    const big = c.mlp.layers.length > 10 || c.id.includes('L=18');
    const ms = time(
      () => {
        const r = linePieces(c.mlp, c.from, c.to);
        pieces = r.pieces;
        linear = r.linearPieces;
      },
      big ? 3 : 9,
      big ? 1 : 5,
    );
    const msWall = wall[wall.length - 1] as number;
    let scanMs = Number.NaN;
    let scanPieces = 0;
    if (c.scan) scanMs = time(() => (scanPieces = samplingScan(c.mlp, c.from, c.to, SAMPLES)), 3, 1);
    log(
      `${c.id} | ${pieces} (${linear}) | ${ms.toFixed(1)} (${msWall.toFixed(1)}) | ${Math.round(pieces / (ms / 1000)).toLocaleString('en')} | ${
        c.scan ? scanMs.toFixed(1) : '-'
      } | ${c.scan ? scanPieces : '-'} | ${c.scan ? `${(scanMs / ms).toFixed(1)}×` : '-'}`,
    );
  }
  const archs: number[][] = [
    [2, 256, 256, 256, 1],
    [16, ...new Array<number>(10).fill(64), 1],
  ];
  for (const w of archs) {
    const ms = time(() => bounds(w), 9, 3);
    log(`bounds(${w.join('-')}): ${ms.toFixed(3)} ms (Serra Thm 1 = ${bounds(w).bounds.serra2018Upper?.value})`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runLineBench();
