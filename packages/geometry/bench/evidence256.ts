/**
 * Evidence for the true activation-region count of the 2-256-256-1 benchmark net in [-1, 1]²,
 * where the published peers disagree (116 930 vs 116 933). Run:
 *   node --conditions=tessera-source --import tsx bench/evidence256.ts [net.json] [smallest=60]
 *
 * 1. Recount under on-the-line tolerances from 0 (pure float signs) to 1e-9.
 * 2. Every region's pattern must be distinct (one activation pattern = one convex region).
 * 2b. checkPartition at every region's interior point (float64): the net's pattern is the
 *    region's wherever a unit is decided by more than 1e-9 of the value scale, the net equals the
 *    region's map, areas sum to the box, neighbours agree on shared edges.
 * 3. The smallest cells: evaluate the net EXACTLY (BigInt dyadic rationals: every float64 is
 *    m·2^e, and relu of an exact value is exact) at the cell's interior point, check that the
 *    exact pattern is the cell's pattern, that no pre-activation is exactly 0 there (so a whole
 *    open neighbourhood has this pattern: the cell has positive area), and that every
 *    neighbour's pattern differs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Mlp, parseMlpText } from '@tessera/nn-core';
import { checkPartition, enumerateRegions, regionNeighbors } from '../src/index.js';

type Dy = { n: bigint; e: number }; // value n · 2^e

function dy(x: number): Dy {
  if (x === 0) return { n: 0n, e: 0 };
  let e = 0;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    e--;
  }
  return { n: BigInt(v), e };
}
const mul = (a: Dy, b: Dy): Dy => ({ n: a.n * b.n, e: a.e + b.e });
const add = (a: Dy, b: Dy): Dy =>
  a.e <= b.e ? { n: a.n + (b.n << BigInt(b.e - a.e)), e: a.e } : { n: (a.n << BigInt(a.e - b.e)) + b.n, e: b.e };
const sign = (a: Dy): number => (a.n > 0n ? 1 : a.n < 0n ? -1 : 0);

/** Exact relu pattern at a float64 point; `zeros` counts pre-activations exactly 0. */
function exactPattern(mlp: Mlp, x: number, y: number): { pattern: number[]; zeros: number } {
  let h: Dy[] = [dy(x), dy(y)];
  const pattern: number[] = [];
  let zeros = 0;
  for (const layer of mlp.layers) {
    const out: Dy[] = [];
    for (let r = 0; r < layer.rows; r++) {
      let acc = dy(layer.bias[r]);
      for (let i = 0; i < layer.nIn; i++) {
        const w = layer.weights[r * layer.nIn + i];
        if (w !== 0 && h[i].n !== 0n) acc = add(acc, mul(dy(w), h[i]));
      }
      const s = sign(acc);
      if (layer.activation === 'relu') {
        if (s === 0) zeros++;
        pattern.push(s > 0 ? 1 : 0);
        out.push(s > 0 ? acc : { n: 0n, e: 0 });
      } else {
        pattern.push(0);
        out.push(acc);
      }
    }
    h = out;
  }
  return { pattern, zeros };
}

const here = dirname(fileURLToPath(import.meta.url));
const netPath = process.argv[2] ?? resolve(here, '..', '..', '..', '..', 'shared', 'bench', 'nets', 'mlp_2-256-256-1.json');
if (!existsSync(netPath)) {
  console.log(`net not found: ${netPath}`);
  process.exit(0);
}
const smallest = Number(process.argv[3] ?? 60);
const mlp = parseMlpText(readFileSync(netPath, 'utf8'));
const box: [number, number, number, number] = [-1, 1, -1, 1];
console.log(`node ${process.version}; net ${join(netPath)}`);

console.log('\n1. counts under a range of on-the-line tolerances (relative to |a|X + |b|Y + |c|):');
for (const tolerance of [0, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9]) {
  const p = enumerateRegions(mlp, { box, tolerance });
  console.log(`   tolerance ${tolerance.toExponential(0).padStart(6)}: ${p.regionCount} activation regions, ${p.linearRegionCount} linear`);
}

const p = enumerateRegions(mlp, { box });
const patterns = new Set<string>();
const key = (r: number) => p.patterns.subarray(r * p.patternStride, (r + 1) * p.patternStride).join('');
for (let r = 0; r < p.regionCount; r++) patterns.add(key(r));
console.log(`\n2. ${p.regionCount} regions, ${patterns.size} distinct activation patterns`);
const report = checkPartition(p, mlp, { samples: 0 });
console.log(
  `   checkPartition: ok=${report.ok}, pattern mismatches ${report.patternMismatches}, area error ${report.areaError.toExponential(2)}, max value error ${report.maxValueError.toExponential(2)}, max continuity error ${report.maxContinuityError.toExponential(2)}`,
);

const order = Array.from({ length: p.regionCount }, (_, r) => r).sort((a, b) => p.areas[a] - p.areas[b]);
console.log(`\n3. the ${smallest} smallest cells, checked with exact arithmetic at their interior points:`);
let ok = 0;
for (const r of order.slice(0, smallest)) {
  const x = p.interior[2 * r];
  const y = p.interior[2 * r + 1];
  const ex = exactPattern(mlp, x, y);
  const same = ex.pattern.join('') === key(r);
  const neighbours = regionNeighbors(p, r);
  const distinct = neighbours.every((q) => key(q) !== key(r));
  const n = p.regionStart[r + 1] - p.regionStart[r];
  if (same && ex.zeros === 0 && distinct) ok++;
  if (order.indexOf(r) < 12 || !(same && ex.zeros === 0 && distinct))
    console.log(
      `   region ${r}: area ${p.areas[r].toExponential(3)}, ${n} vertices, exact pattern ${same ? 'matches' : 'DIFFERS'}, ${ex.zeros} exact zeros, ${neighbours.length} neighbours all different: ${distinct}`,
    );
}
console.log(`   ${ok} of ${smallest} smallest cells verified as genuine, distinct, full-dimensional regions`);
