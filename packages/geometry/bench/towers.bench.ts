// node --conditions=tessera-source --import tsx bench/towers.bench.ts
// Hand-timed median of N runs after a warm-up. The peer is the package's own enumerateRegions
// measured in the same run on the same nets (region splitting is the dominant cost of the
// certified error); the checksum (region count) is computed outside the timed loop.
import { cpus } from 'node:os';
import { approximateWithTowers, enumerateRegions, towerPieces, boxTowerNet, ngonTowerNet } from '@tessera/geometry';
import type { Mlp } from '@tessera/nn-core';

function median(fn: () => unknown, runs = 7): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[runs >> 1]!;
}

const f = (x: number, y: number): number => x * x + y * y + 3;
const box = [-2, 2, -2, 2] as const;
console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}`);
const nets: Array<[string, Mlp, readonly [number, number, number, number]]> = [
  ['relu_tower 2-8-1-1', boxTowerNet([0.4, 0.6, 0.3, 0.7], { kind: 'relu', steepness: 20 }), [0, 1, 0, 1]],
  ['16-gon relu threshold 2-32-1', ngonTowerNet({ n: 16, kind: 'relu', threshold: 'relu', steepness: 20 }), [-2, 2, -2, 2]],
  ['box towers k=8 2-36-64-1', approximateWithTowers(f, box, { grid: 8, shape: 'box', steepness: 100 }).mlp, box],
  ['pyramid towers k=4 2-38-25-1', approximateWithTowers(f, box, { grid: 4 }).mlp, box],
];
console.log('net | regions (splitter / enumerator) | towerPieces ms | enumerateRegions ms | ratio');
for (const [name, mlp, b] of nets) {
  const pieces = towerPieces(mlp, b).length;
  const enumCount = enumerateRegions(mlp, { box: [b[0], b[1], b[2], b[3]] }).regionCount;
  const ours = median(() => towerPieces(mlp, b));
  const peer = median(() => enumerateRegions(mlp, { box: [b[0], b[1], b[2], b[3]] }));
  console.log(`${name} | ${pieces} / ${enumCount} | ${ours.toFixed(2)} | ${peer.toFixed(2)} | ${(ours / peer).toFixed(2)}×`);
}
for (const k of [4, 8, 16]) {
  const ms = median(() => approximateWithTowers(f, box, { grid: k, curvatureBound: 2 }), 5);
  console.log(`approximateWithTowers relu pyramid k=${k} (build + certified error, subdivisions 10): ${ms.toFixed(1)} ms`);
}
const sig = median(() => approximateWithTowers(f, box, { grid: 8, kind: 'sigmoid' }), 3);
console.log(`approximateWithTowers sigmoid k=8 (301² grid estimate): ${sig.toFixed(1)} ms`);
