/**
 * Benchmarks: a region map of ~10⁴ polygons and a 3D surface of ~10⁴ facets, with the
 * polygons/second and the file size, against peers measured in the same run:
 *  - naive: the same polygons as `<polygon>` strings built with toFixed(6) and Array.join (what a
 *    quick hand-written renderer does), no rounding to the pixel grid;
 *  - d3-path: one `<path>` per polygon from d3-path's `path()` without rounding.
 * Median of N runs after warm-up. Run: pnpm --filter @tessera/render-svg bench
 */
import { cpus } from 'node:os';
import { path as d3path } from 'd3-path';
import { regionMap, surface3d } from '../src/index.js';
import { arrangement, randomLines } from '../test/arrangement.js';

const BOX: [number, number, number, number] = [-1, 1, -1, 1];

function median(fn: () => unknown, runs: number, warmup = 2): { ms: number; spread: [number, number]; out: unknown } {
  let out: unknown;
  for (let i = 0; i < warmup; i++) out = fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { ms: t[Math.floor(runs / 2)] as number, spread: [t[0] as number, t[runs - 1] as number], out };
}

console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}`);
const t0 = performance.now();
const lines = randomLines(165, 7);
const { regions, neighbors } = arrangement(lines, BOX, 3);
console.log(`data: arrangement of 165 lines → ${regions.length} regions (${((performance.now() - t0) / 1000).toFixed(1)} s to build)`);
const n = regions.length;

// pixel transform the peers use (same plot size as regionMap's default)
const W = 448;
const sx = (x: number) => 54 + ((x + 1) / 2) * W;
const sy = (y: number) => 14 + ((1 - y) / 2) * W;

function naive(): string {
  const parts: string[] = ['<svg xmlns="http://www.w3.org/2000/svg" width="520" height="508">'];
  for (const r of regions) {
    const pts: string[] = [];
    for (let k = 0; k < r.vertices.length; k += 2) pts.push(`${sx(r.vertices[k] as number).toFixed(6)},${sy(r.vertices[k + 1] as number).toFixed(6)}`);
    parts.push(`<polygon points="${pts.join(' ')}" fill="#b3cde3" stroke="#333" stroke-width="0.7"/>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

function viaD3Path(): string {
  let s = '<svg xmlns="http://www.w3.org/2000/svg" width="520" height="508">';
  for (const r of regions) {
    const p = d3path();
    for (let k = 0; k < r.vertices.length; k += 2) {
      if (k === 0) p.moveTo(sx(r.vertices[k] as number), sy(r.vertices[k + 1] as number));
      else p.lineTo(sx(r.vertices[k] as number), sy(r.vertices[k + 1] as number));
    }
    p.closePath();
    s += `<path d="${p.toString()}" fill="#b3cde3" stroke="#333" stroke-width="0.7"/>`;
  }
  return `${s}</svg>`;
}

const kb = (s: unknown) => `${((s as string).length / 1024).toFixed(0)} KiB`;
const rate = (ms: number, count: number) => `${((count / ms) * 1000).toFixed(0)} polygons/s`;
const fmt = (name: string, r: ReturnType<typeof median>, count: number) =>
  `${name.padEnd(34)} ${r.ms.toFixed(1).padStart(7)} ms  [${r.spread[0].toFixed(1)}, ${r.spread[1].toFixed(1)}]  ${rate(r.ms, count).padStart(18)}  ${kb(r.out).padStart(9)}`;

console.log('\nregion map');
const ours = median(() => regionMap({ box: BOX, regions, neighbors }, { color: 'neighbors' }), 9);
const oursValue = median(() => regionMap({ box: BOX, regions }, { color: 'value' }), 9);
const peerNaive = median(naive, 9);
const peerD3 = median(viaD3Path, 9);
console.log(fmt('render-svg regionMap (neighbors)', ours, n));
console.log(fmt('render-svg regionMap (value)', oursValue, n));
console.log(fmt('peer: naive toFixed(6) + join', peerNaive, n));
console.log(fmt('peer: d3-path, unrounded', peerD3, n));
console.log(
  `ratios: speed ${(peerNaive.ms / ours.ms).toFixed(2)}× vs naive, ${(peerD3.ms / ours.ms).toFixed(2)}× vs d3-path; size ${((peerNaive.out as string).length / (ours.out as string).length).toFixed(2)}× / ${((peerD3.out as string).length / (ours.out as string).length).toFixed(2)}× smaller`,
);

console.log('\n3D surface');
const facetsExact = median(() => surface3d({ box: BOX, regions, neighbors }), 5);
const facetsKey = median(() => surface3d({ box: BOX, regions }), 5);
const g = 101;
const values = new Float64Array(g * g);
for (let j = 0; j < g; j++) for (let i = 0; i < g; i++) values[j * g + i] = Math.sin(3 * (i / g)) * Math.cos(4 * (j / g));
const grid = median(() => surface3d({ box: BOX, grid: { box: BOX, nx: g, ny: g, values } }), 5);
console.log(fmt(`facets, exact order (${n})`, facetsExact, n));
console.log(fmt(`facets, key order only (${n})`, facetsKey, n));
console.log(fmt(`grid quads (${(g - 1) ** 2})`, grid, (g - 1) ** 2));
console.log(`ratio: exact (neighbour topological sort) / key-only time ${(facetsExact.ms / facetsKey.ms).toFixed(2)}×`);

// a target surface depth-merged with the facets (clip to 21×21 cells) vs drawn as an overlay
const tg = 21;
const tv = new Float64Array(tg * tg);
for (let j = 0; j < tg; j++) for (let i = 0; i < tg; i++) tv[j * tg + i] = ((i / (tg - 1)) * 2 - 1) ** 2 + ((j / (tg - 1)) * 2 - 1) ** 2;
const target = { box: BOX, nx: tg, ny: tg, values: tv };
const merged = median(() => surface3d({ box: BOX, regions, neighbors, target }), 5);
const overlay = median(() => surface3d({ box: BOX, regions, neighbors, target }, { targetDepth: 'overlay' }), 5);
console.log(fmt(`facets + 21×21 target, merged`, merged, n));
console.log(fmt(`facets + 21×21 target, overlay`, overlay, n));
console.log(`ratio: merged / overlay time ${(merged.ms / overlay.ms).toFixed(2)}×, size ${((merged.out as string).length / (overlay.out as string).length).toFixed(2)}×`);
