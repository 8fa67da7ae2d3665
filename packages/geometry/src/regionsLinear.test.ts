/**
 * Linear-region counts against independent oracles: exact arrangements of the lines with a
 * non-zero gradient jump (one hidden layer, theory.md §3.4), the n-gon towers (2n + 2), the
 * relu_tower fixture (29 / 10), exact BigInt arithmetic at interior points, and an O(R²)
 * polygon-geometry adjacency test that does not use the enumerator's split ids.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRng, type Mlp, type MlpJson, mlpFromLayers, parseMlpText } from '@tessera/nn-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { towerPieceCounts, towerPieces } from './approximatePieces.js';
import { mapsAgree } from './merge.js';
import { type Partition, regionPattern } from './partition.js';
import { enumerateRegions } from './regions.js';
import { ngonTowerFixture, ngonTowerNet } from './towersNgon.js';

type LayerJson = MlpJson['layers'][number];

// ------------------------------------------------------------------ exact dyadic rationals
type Q = { n: bigint; d: bigint };
const bgcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const qn = (n: bigint, d: bigint): Q => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = bgcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
/** The exact value of a float64 (every finite double is m·2^e). */
function q(x: number): Q {
  let d = 1n;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    d *= 2n;
  }
  return qn(BigInt(m), d);
}
const qadd = (a: Q, b: Q): Q => qn(a.n * b.d + b.n * a.d, a.d * b.d);
const qmul = (a: Q, b: Q): Q => qn(a.n * b.n, a.d * b.d);
const qsign = (a: Q): number => (a.n > 0n ? 1 : a.n < 0n ? -1 : 0);
const qnum = (a: Q): number => Number(a.n) / Number(a.d);

/** Exact forward pass of a relu/linear net at (x, y): the sign of every pre-activation and the exact output. */
function exactForward(mlp: Mlp, x: number, y: number): { signs: number[][]; out: Q[] } {
  let h: Q[] = [q(x), q(y)];
  const signs: number[][] = [];
  for (const layer of mlp.layers) {
    const z: Q[] = [];
    for (let r = 0; r < layer.rows; r++) {
      let s = q(layer.bias[r]);
      for (let i = 0; i < layer.nIn; i++) s = qadd(s, qmul(q(layer.weights[r * layer.nIn + i]), h[i]));
      z.push(s);
    }
    signs.push(z.map(qsign));
    h = layer.activation === 'relu' ? z.map((v) => (qsign(v) > 0 ? v : { n: 0n, d: 1n })) : z;
  }
  return { signs, out: h };
}

// ------------------------------------------------------------------ O(R²) geometric adjacency
/**
 * Pairs of regions whose polygons share a segment of length > `lenEps` along a common line
 * (both endpoints of one edge within `distEps` of the other edge's line, opposite directions
 * not required), from the coordinates alone: no split ids, no sorting by the enumerator's data.
 */
function geometricAdjacency(p: Partition, distEps: number, lenEps: number): Set<string> {
  const c = p.coords;
  const E: number[][][] = [];
  for (let r = 0; r < p.regionCount; r++) {
    const s0 = p.regionStart[r];
    const s1 = p.regionStart[r + 1];
    const es: number[][] = [];
    for (let k = s0; k < s1; k++) {
      const k2 = k + 1 === s1 ? s0 : k + 1;
      es.push([c[2 * k], c[2 * k + 1], c[2 * k2], c[2 * k2 + 1]]);
    }
    E.push(es);
  }
  const out = new Set<string>();
  for (let a = 0; a < p.regionCount; a++)
    for (let b = a + 1; b < p.regionCount; b++) {
      let hit = false;
      for (const [ax, ay, bx, by] of E[a]) {
        const L = Math.hypot(bx - ax, by - ay);
        if (L <= lenEps) continue;
        const ux = (bx - ax) / L;
        const uy = (by - ay) / L;
        for (const [cx, cy, dx, dy] of E[b]) {
          if (Math.abs((cx - ax) * uy - (cy - ay) * ux) > distEps || Math.abs((dx - ax) * uy - (dy - ay) * ux) > distEps) continue;
          const tc = (cx - ax) * ux + (cy - ay) * uy;
          const td = (dx - ax) * ux + (dy - ay) * uy;
          if (Math.min(L, Math.max(tc, td)) - Math.max(0, Math.min(tc, td)) > lenEps) {
            hit = true;
            break;
          }
        }
        if (hit) break;
      }
      if (hit) out.add(`${a},${b}`);
    }
  return out;
}

/** Set partition of regions by union-find over geometric adjacency with equal maps; canonical labels. */
function oracleLinearRegions(p: Partition, adj: Set<string>): Uint32Array {
  const parent = Array.from({ length: p.regionCount }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  const [x0, x1, y0, y1] = p.box;
  const X = Math.max(Math.abs(x0), Math.abs(x1));
  const Y = Math.max(Math.abs(y0), Math.abs(y1));
  for (const key of adj) {
    const [a, b] = key.split(',').map(Number);
    if (mapsAgree(p.outputMaps, a, b, p.outputDim, X, Y, p.mergeTolerance, p.mapNoise)) parent[find(a)] = find(b);
  }
  return canonical(Uint32Array.from({ length: p.regionCount }, (_, i) => find(i)));
}

function canonical(of: Uint32Array): Uint32Array {
  const label = new Map<number, number>();
  return of.map((g) => {
    if (!label.has(g)) label.set(g, label.size);
    return label.get(g) as number;
  });
}

/** Checks the enumerator's adjacency and linear regions against the geometric oracle. */
function checkAgainstOracle(p: Partition): void {
  const ext = Math.max(p.box[1] - p.box[0], p.box[3] - p.box[2]);
  const mine = new Set<string>();
  for (let i = 0; i < p.adjacency.count; i++) mine.add(`${p.adjacency.a[i]},${p.adjacency.b[i]}`);
  // every clearly shared edge is found; everything found is a shared segment
  const strict = geometricAdjacency(p, 1e-9 * ext, 1e-8 * ext);
  const loose = geometricAdjacency(p, 1e-9 * ext, 1e-13 * ext);
  for (const k of strict) expect(mine.has(k), `missing adjacency ${k}`).toBe(true);
  for (const k of mine) expect(loose.has(k), `adjacency ${k} shares no segment`).toBe(true);
  // same linear regions as union-find over the geometric adjacency
  expect(Array.from(canonical(p.linearRegionOf))).toEqual(Array.from(oracleLinearRegions(p, loose)));
  // merged regions are pairwise non-adjacent with equal maps
  const [x0, x1, y0, y1] = p.box;
  const X = Math.max(Math.abs(x0), Math.abs(x1));
  const Y = Math.max(Math.abs(y0), Math.abs(y1));
  for (const key of strict) {
    const [a, b] = key.split(',').map(Number);
    if (p.linearRegionOf[a] !== p.linearRegionOf[b])
      expect(mapsAgree(p.outputMaps, a, b, p.outputDim, X, Y, p.mergeTolerance, p.mapNoise)).toBe(false);
  }
}

// ------------------------------------------------------------------ one hidden layer: exact oracle
/**
 * Linear regions of F = c + Σ a_k relu(w_k·x + b_k) with integer weights in an integer box:
 * group units by line Π (either orientation); the gradient jumps by J_Π = (Σ a_k λ_k) ν_Π across
 * Π (w_k = ±λ_k ν_Π, theory.md §3.4), so the linear regions are the cells of the arrangement of
 * the lines with J_Π ≠ 0, counted exactly: 1 + (lines meeting the open box) + Σ_p (k_p − 1).
 */
function jumpArrangementCount(w: number[][], bias: number[], a: number[], box: [number, number, number, number]): number {
  const [x0, x1, y0, y1] = box.map(BigInt);
  const jump = new Map<string, { line: [bigint, bigint, bigint]; J: bigint }>();
  for (let k = 0; k < w.length; k++) {
    const [wa, wb] = w[k].map(BigInt);
    const wc = BigInt(bias[k]);
    if (wa === 0n && wb === 0n) continue;
    const g = bgcd(bgcd(wa, wb), wc);
    let line: [bigint, bigint, bigint] = [wa / g, wb / g, wc / g];
    if (line[0] < 0n || (line[0] === 0n && line[1] < 0n)) line = [-line[0], -line[1], -line[2]];
    // λ_k in units of the primitive normal's length is g (the orientation does not matter, §3.4)
    const key = line.join(',');
    const e = jump.get(key) ?? { line, J: 0n };
    e.J += BigInt(a[k]) * g;
    jump.set(key, e);
  }
  const L: Array<[bigint, bigint, bigint]> = [];
  for (const { line, J } of jump.values()) {
    if (J === 0n) continue;
    const v = [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ].map(([x, y]) => line[0] * x + line[1] * y + line[2]);
    if (v.some((t) => t > 0n) && v.some((t) => t < 0n)) L.push(line);
  }
  const points = new Map<string, Set<number>>();
  for (let i = 0; i < L.length; i++)
    for (let j = i + 1; j < L.length; j++) {
      const [a1, b1, c1] = L[i];
      const [a2, b2, c2] = L[j];
      let den = a1 * b2 - a2 * b1;
      if (den === 0n) continue;
      let nx = b1 * c2 - b2 * c1;
      let ny = c1 * a2 - c2 * a1;
      if (den < 0n) [den, nx, ny] = [-den, -nx, -ny];
      if (!(nx > x0 * den && nx < x1 * den && ny > y0 * den && ny < y1 * den)) continue;
      const px = qn(nx, den);
      const py = qn(ny, den);
      const key = `${px.n}/${px.d},${py.n}/${py.d}`;
      const s = points.get(key) ?? new Set<number>();
      s.add(i).add(j);
      points.set(key, s);
    }
  let count = 1 + L.length;
  for (const s of points.values()) count += s.size - 1;
  return count;
}

describe('linear regions: one hidden layer against the exact jump-line arrangement (fast-check, seeded)', () => {
  it('linearRegionCount = cells of the lines with J_Π ≠ 0, with duplicate, opposite and cancelling units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 2, max: 9 }), (seed, k) => {
        const rng = createRng(seed);
        const int = (lo: number, hi: number) => lo + Math.floor(rng.next() * (hi - lo + 1));
        const w: number[][] = [];
        const bias: number[] = [];
        const a: number[] = [];
        for (let j = 0; j < k; j++) {
          const kind = j === 0 ? 0 : int(0, 5);
          if (kind <= 2) {
            w.push([int(-3, 3), int(-3, 3)]);
            bias.push(int(-3, 3));
            a.push(int(-2, 2));
          } else {
            // a copy of an earlier unit, scaled by ±1 or ±2, often with a cancelling output weight
            const src = int(0, j - 1);
            const s = [1, -1, 2, -2][int(0, 3)];
            w.push([s * w[src][0], s * w[src][1]]);
            bias.push(s * bias[src]);
            // cancelling: a_src·λ + a·|s|·λ = 0 when a = −a_src/|s| (an integer), else random
            const cancel = -a[src] / Math.abs(s);
            a.push(kind < 5 && Number.isInteger(cancel) ? cancel : int(-2, 2));
          }
        }
        const box: [number, number, number, number] = [-2, 2, -2, 2];
        const mlp = mlpFromLayers(2, [
          { activation: 'relu', weights: w, bias },
          { activation: 'linear', weights: [a], bias: [int(-2, 2)] },
        ]);
        const p = enumerateRegions(mlp, { box });
        expect(p.linearRegionCount).toBe(jumpArrangementCount(w, bias, a, box));
      }),
      { seed: 41, numRuns: 300 },
    );
  });

  it('a cancelling pair is affine: a·relu(z) − a·relu(−z) = a z has no kink, so one linear region', () => {
    const mlp = mlpFromLayers(2, [
      { activation: 'relu', weights: [[1, 2], [-1, -2], [2, 4]], bias: [1, -1, 2] },
      { activation: 'linear', weights: [[3, -3, 0]], bias: [0] },
    ]);
    const p = enumerateRegions(mlp, { box: [-2, 2, -2, 2] });
    expect(p.regionCount).toBe(2);
    expect(p.linearRegionCount).toBe(1);
    expect(jumpArrangementCount([[1, 2], [-1, -2], [2, 4]], [1, -1, 2], [3, -3, 0], [-2, 2, -2, 2])).toBe(1);
    // 2·relu(z) − relu(2z) = 0: same line, same orientation, J = 2·1 − 1·2 = 0
    expect(jumpArrangementCount([[1, 2], [2, 4]], [1, 2], [2, -1], [-2, 2, -2, 2])).toBe(1);
    expect(jumpArrangementCount([[1, 2], [2, 4]], [1, 2], [2, 1], [-2, 2, -2, 2])).toBe(2);
  });
});

// ------------------------------------------------------------------ n-gon towers
describe('linear regions: thresholded ReLU n-gon towers (towersNgon.ts) have 2n + 2', () => {
  // Derivation (checked here, not assumed): ρ_k ∈ [0, 1], output relu(Σρ_k − (n − 1)) > 0 needs
  // Σ(1 − ρ_k) < 1. Inside the n-gon all ρ_k = 1 (plateau, f = 1); in strip k alone f = ρ_k
  // (n ramps); near vertex k|k+1 f = ρ_k + ρ_{k+1} − 1 where positive (n corner facets); three
  // deficits would need a point beyond edge k+1 by more than r(sec(2π/n) − 1) ≥ δ = 0.05 for
  // n ≤ 16 (or impossible for n ≤ 4), so no other positive piece; the rest is one zero region.
  for (const n of [3, 4, 5, 6, 8, 12, 16]) {
    it(`n = ${n}: ${2 * n + 2} linear regions with pairwise different maps, activation regions = the independent splitter's`, () => {
      const net = ngonTowerFixture(n);
      const box: [number, number, number, number] = [-2, 2, -2, 2];
      const p = enumerateRegions(net, { box });
      expect(p.linearRegionCount).toBe(2 * n + 2);
      expect(p.regionCount).toBe(towerPieces(net, box).length);
      expect(towerPieceCounts(towerPieces(net, box)).linearRegions).toBe(2 * n + 2);
      // one map per linear region, and they are pairwise different (plateau, ramps, facets, zero)
      const maps = new Map<number, number>();
      for (let r = 0; r < p.regionCount; r++) maps.set(p.linearRegionOf[r], r);
      const reps = [...maps.values()];
      for (let i = 0; i < reps.length; i++)
        for (let j = i + 1; j < reps.length; j++)
          expect(mapsAgree(p.outputMaps, reps[i], reps[j], 1, 2, 2, p.mergeTolerance, p.mapNoise)).toBe(false);
      checkAgainstOracle(p);
    });
  }

  it('random ReLU-thresholded n-gon towers (n = 4…10, any rotation, r, δ, centre) have 2n + 2 (fast-check, seeded)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 10 }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0.5, max: 1.2, noNaN: true }),
        fc.double({ min: 10, max: 50, noNaN: true }),
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        (n, theta0, r, steepness, cx, cy) => {
          // positive set inside the box: (r + δ)/cos(π/n) + |c| < 2; no triple overlap: δ < r(sec(2π/n) − 1)
          const net = ngonTowerNet({ n, r, theta0, steepness, center: [cx, cy], kind: 'relu', threshold: 'relu' });
          const p = enumerateRegions(net, { box: [-2, 2, -2, 2] });
          expect(p.linearRegionCount).toBe(2 * n + 2);
          expect(p.regionCount).toBe(towerPieces(net, [-2, 2, -2, 2]).length);
          checkAgainstOracle(p);
        },
      ),
      { seed: 23, numRuns: 30 },
    );
  });

  it('n = 8 in exact arithmetic: hidden patterns exact, no spurious split, output ties only within rounding', () => {
    const net = ngonTowerFixture(8);
    const p = enumerateRegions(net, { box: [-2, 2, -2, 2] });
    const H = net.layers[0].units;
    const exactPat: string[] = [];
    for (let r = 0; r < p.regionCount; r++) {
      const { signs, out } = exactForward(net, p.interior[2 * r], p.interior[2 * r + 1]);
      // no hidden pre-activation is exactly 0 at the interior point, and the hidden pattern is exact
      expect(signs[0].every((s) => s !== 0)).toBe(true);
      const mine = regionPattern(p, r);
      for (let j = 0; j < H; j++) expect(mine[j]).toBe(signs[0][j] > 0 ? 1 : 0);
      // the output unit: exact state, or (where the exact output is a cancellation residue such as
      // 7·(20·(1.05 − 1) − 1) ≈ 1e-15) a tie within the map's rounding floor
      const f = qnum(out[0]);
      if (mine[H] !== (signs[1][0] > 0 ? 1 : 0)) expect(Math.abs(f)).toBeLessThanOrEqual(p.mapNoise[0]);
      exactPat.push(signs.flat().map((s) => (s > 0 ? 1 : 0)).join(''));
    }
    // no two neighbours have the same exact pattern (a split along a rounding-noise line would)
    for (let i = 0; i < p.adjacency.count; i++) expect(exactPat[p.adjacency.a[i]]).not.toBe(exactPat[p.adjacency.b[i]]);
    expect(new Set(exactPat).size).toBe(p.regionCount);
    expect(p.regionCount).toBe(89);
  });
});

// ------------------------------------------------------------------ relu_tower
describe('linear regions: relu_tower fixture (theory.md §4.2)', () => {
  it('29 activation and 10 linear regions, and the merge equals the geometric oracle', () => {
    const net = parseMlpText(readFileSync(fileURLToPath(new URL('../test/fixtures/relu_tower.json', import.meta.url)), 'utf8'));
    const p = enumerateRegions(net, { box: [0, 1, 0, 1] });
    expect([p.regionCount, p.linearRegionCount]).toEqual([29, 10]);
    checkAgainstOracle(p);
  });
});

// ------------------------------------------------------------------ property: merge vs geometric oracle
describe('linear regions: merge = union-find over geometric adjacency (fast-check, seeded)', () => {
  const acts = ['relu', 'leaky_relu', 'abs', 'hardtanh', 'maxout'] as const;
  it('on random degenerate nets of every activation (duplicate lines, zero output weights, ramp pairs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(...acts), fc.boolean(), (seed, act, integer) => {
        const rng = createRng(seed);
        const num = (s: number) => (integer ? Math.round(rng.normal(0, s)) : rng.normal(0, s));
        const h1 = 6;
        const w1: number[][] = [];
        const b1: number[] = [];
        for (let j = 0; j < h1; j++) {
          if (j >= 2 && rng.next() < 0.4) {
            const src = Math.floor(rng.next() * j);
            const s = [1, -1, 2][Math.floor(rng.next() * 3)];
            w1.push([s * w1[src][0], s * w1[src][1]]);
            b1.push(s * b1[src] + (rng.next() < 0.5 ? 0 : 1)); // a duplicate or a parallel line
          } else {
            w1.push([num(1.5), num(1.5)]);
            b1.push(num(1));
          }
        }
        const rank = act === 'maxout' ? 2 : undefined;
        const h2 = 3;
        const rows2 = rank ? h2 * rank : h2;
        const w2 = Array.from({ length: rows2 }, () => Array.from({ length: h1 }, () => (rng.next() < 0.3 ? 0 : num(1))));
        const b2 = Array.from({ length: rows2 }, () => num(0.5));
        // the last hidden unit feeds nothing; the ramp pair's difference cancels where both are on
        const out = Array.from({ length: h2 }, (_, i) => (i === h2 - 1 ? 0 : num(1) || 1));
        const layers: LayerJson[] = [
          { activation: 'relu', weights: w1, bias: b1 },
          { activation: act, weights: w2, bias: b2, ...(rank ? { rank } : {}), ...(act === 'leaky_relu' ? { alpha: 0.1 } : {}) } as LayerJson,
          { activation: 'linear', weights: [out], bias: [0] },
        ];
        const mlp = mlpFromLayers(2, layers);
        const p = enumerateRegions(mlp, { box: [-1, 1, -1, 1] });
        expect(p.linearRegionCount).toBeLessThanOrEqual(p.regionCount);
        checkAgainstOracle(p);
      }),
      { seed: 17, numRuns: 40 },
    );
  });
});

// ------------------------------------------------------------------ T-junctions, by hand
describe('T-junctions: an edge only partly shared', () => {
  // box [0,2]×[0,1]; R0 = [0,1]×[0,1]; R1 = [1,2]×[0,½] and R2 = [1,2]×[½,1] cut by a second split.
  // Split 0 is the line x = 1 (direction (0, 1)); split 1 is y = ½ (direction (1, 0)).
  // R0 and R1 have the same map, R2 another: the linear regions are R0 ∪ R1 (an L) and R2.
  const part = {
    box: [0, 2, 0, 1],
    regionCount: 3,
    // CCW; edgeSplit[k] labels the edge k → k+1 (negative: box sides)
    coords: Float64Array.from([0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 2, 0, 2, 0.5, 1, 0.5, 1, 0.5, 2, 0.5, 2, 1, 1, 1]),
    regionStart: Uint32Array.from([0, 4, 8, 12]),
    edgeSplit: Int32Array.from([-1, 0, -3, -4, -1, -2, 1, 0, 1, -2, -3, 0]),
    vertexCount: 12,
    splits: { count: 2, layer: Int32Array.of(0, 1), unit: Int32Array.of(0, 0), sub: Int32Array.of(0, 0), dir: Float64Array.of(0, 1, 1, 0) },
    outputDim: 1,
    outputMaps: Float64Array.from([1, 0, 0, 1, 0, 0, 0, 1, 0]),
    mergeTolerance: 1e-9,
    mapNoise: Float64Array.of(0),
  } as unknown as Partition;

  it('adjacency finds both partial overlaps on x = 1, and the merge joins R0 and R1 only', async () => {
    const { computeAdjacency, mergeLinearRegions } = await import('./merge.js');
    part.adjacency = computeAdjacency(part);
    const pairs = Array.from({ length: part.adjacency.count }, (_, i) => [part.adjacency.a[i], part.adjacency.b[i], part.adjacency.length[i]]);
    expect(pairs.sort()).toEqual([
      [0, 1, 0.5],
      [0, 2, 0.5],
      [1, 2, 1],
    ]);
    const m = mergeLinearRegions(part);
    expect(m.count).toBe(2);
    expect(m.of[0]).toBe(m.of[1]);
    expect(m.of[2]).not.toBe(m.of[0]);
    part.linearRegionOf = m.of;
    part.linearRegionCount = m.count;
    checkAgainstOracle(part);
  });

  it('the outline of R0 ∪ R1 is the L-shaped hexagon: only the unshared half of R0’s edge is kept', async () => {
    const { groupOutlines } = await import('./merge.js');
    const { polygonArea } = await import('./polygon.js');
    const rings = groupOutlines(part, part.linearRegionOf, part.linearRegionCount);
    const g = part.linearRegionOf[0];
    expect(rings[g].length).toBe(1);
    expect(polygonArea(rings[g][0])).toBeCloseTo(1.5, 14);
    // 6 corners of the L (collinear points, if any, do not change the area)
    const pts = new Set<string>();
    for (let i = 0; i < rings[g][0].length; i += 2) pts.add(`${rings[g][0][i]},${rings[g][0][i + 1]}`);
    for (const corner of ['0,0', '2,0', '2,0.5', '1,0.5', '1,1', '0,1']) expect(pts.has(corner)).toBe(true);
    // perimeter 6: the shared half of x = 1 (from (1, 0) to (1, ½)) is not part of the outline
    const ring = rings[g][0];
    let perimeter = 0;
    for (let i = 0; i < ring.length; i += 2) {
      const j = (i + 2) % ring.length;
      perimeter += Math.hypot(ring[j] - ring[i], ring[j + 1] - ring[i + 1]);
    }
    expect(perimeter).toBeCloseTo(6, 14);
    expect(polygonArea(rings[part.linearRegionOf[2]][0])).toBeCloseTo(0.5, 14);
  });
});
