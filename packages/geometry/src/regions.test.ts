import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  BudgetExceededError,
  createRng,
  evaluatePoint,
  InputError,
  type Mlp,
  type MlpJson,
  mlpFromLayers,
  parseMlpText,
} from '@tessera/nn-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naiveRegionCount } from '../bench/naiveRegions.js';
import { linearRegionPolygons } from './merge.js';
import type { Box } from './partition.js';
import { polygonArea } from './polygon.js';
import { enumerateRegions } from './regions.js';
import { checkPartition, patternAt } from './validate.js';

const fixture = (name: string): Mlp =>
  parseMlpText(readFileSync(fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url)), 'utf8'));

type LayerJson = MlpJson['layers'][number];

/**
 * Distinct activation patterns of the net on an n × n grid of cell centres (a lower bound on the
 * count). Grid points lying exactly on a switching line (margin 0, frequent with integer weights)
 * are skipped: their tie pattern belongs to a line, not to an open region.
 */
function gridPatterns(mlp: Mlp, box: Box, n: number): number {
  const seen = new Set<string>();
  const [x0, x1, y0, y1] = box;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const x = x0 + ((i + 0.5) / n) * (x1 - x0);
      const y = y0 + ((j + 0.5) / n) * (y1 - y0);
      const at = patternAt(mlp, [x, y]);
      if (at.margin.some((m) => m < 1e-9)) continue;
      seen.add(at.pattern.join(''));
    }
  return seen.size;
}

// ---------------------------------------------------------------------------------------------
// An independent count for one hidden layer with INTEGER weights: the cells of a line
// arrangement inside an integer box, by Euler's formula for arrangements,
// 1 + (distinct lines meeting the open box) + Σ over intersection points p strictly inside (k_p − 1),
// with exact integer / rational arithmetic (BigInt), so parallel, duplicate and concurrent lines
// and lines through corners are all decided exactly.
// ---------------------------------------------------------------------------------------------
type Line = [bigint, bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
function normLine(a: bigint, b: bigint, c: bigint): Line {
  let g = gcd(gcd(a, b), c);
  if (g === 0n) g = 1n;
  let l: Line = [a / g, b / g, c / g];
  if (l[0] < 0n || (l[0] === 0n && l[1] < 0n)) l = [-l[0], -l[1], -l[2]];
  return l;
}
function arrangementCount(lines: Array<[number, number, number]>, box: [number, number, number, number]): number {
  const [x0, x1, y0, y1] = box.map(BigInt);
  const uniq = new Map<string, Line>();
  for (const [a, b, c] of lines) {
    if (a === 0 && b === 0) continue;
    const l = normLine(BigInt(a), BigInt(b), BigInt(c));
    const corners = [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ].map(([x, y]) => l[0] * x + l[1] * y + l[2]);
    if (corners.some((v) => v > 0n) && corners.some((v) => v < 0n)) uniq.set(l.join(','), l);
  }
  const L = [...uniq.values()];
  const points = new Map<string, Set<number>>();
  for (let i = 0; i < L.length; i++)
    for (let j = i + 1; j < L.length; j++) {
      const [a1, b1, c1] = L[i];
      const [a2, b2, c2] = L[j];
      let den = a1 * b2 - a2 * b1;
      if (den === 0n) continue;
      let nx = b1 * c2 - b2 * c1;
      let ny = c1 * a2 - c2 * a1;
      if (den < 0n) {
        den = -den;
        nx = -nx;
        ny = -ny;
      }
      if (!(nx > x0 * den && nx < x1 * den && ny > y0 * den && ny < y1 * den)) continue;
      const gx = gcd(nx, den);
      const gy = gcd(ny, den);
      const key = `${nx / gx}/${den / gx},${ny / gy}/${den / gy}`;
      const s = points.get(key) ?? new Set<number>();
      s.add(i);
      s.add(j);
      points.set(key, s);
    }
  let count = 1 + L.length;
  for (const s of points.values()) count += s.size - 1;
  return count;
}

describe('enumerateRegions: published and derived counts', () => {
  it('relu_tower (theory.md §4.2) has 29 activation and 10 linear regions in [0,1]²', () => {
    const p = enumerateRegions(fixture('relu_tower.json'), { box: [0, 1, 0, 1] });
    expect(p.regionCount).toBe(29);
    expect(p.linearRegionCount).toBe(10);
    expect(checkPartition(p, fixture('relu_tower.json')).ok).toBe(true);
  });

  it('relu_tower linear regions as outlines: the zero region is a square with a hole', () => {
    const p = enumerateRegions(fixture('relu_tower.json'), { box: [0, 1, 0, 1] });
    const polys = linearRegionPolygons(p);
    expect(polys).toHaveLength(10);
    const areas = polys.map((rings) => rings.map((r) => polygonArea(r)));
    const zero = areas.find((a) => a.length === 2);
    expect(zero?.[0]).toBeCloseTo(1, 12); // outer ring, counter-clockwise
    // the hole (clockwise) is the support [0.4, 0.65] × [0.3, 0.75] minus the half of each
    // 0.05 × 0.05 corner square where Bx + By ≤ 1 (T = 0 there too)
    expect(zero?.[1]).toBeCloseTo(-(0.25 * 0.45 - 4 * (0.05 * 0.05) / 2), 12);
    // the core rectangle [0.45, 0.6] × [0.35, 0.7] is one linear region
    expect(areas.some((a) => a.length === 1 && Math.abs(a[0] - 0.15 * 0.35) < 1e-12)).toBe(true);
  });

  it('separable_quadratic_K8 (theory.md §4.3) has 64 regions and max error 1/32', () => {
    const mlp = fixture('separable_quadratic_K8.json');
    const p = enumerateRegions(mlp, { box: [-1, 1, -1, 1] });
    expect(p.regionCount).toBe(64);
    expect(p.linearRegionCount).toBe(64);
    // the interpolant's largest error is at cell centres: 2·(Δ/2)² with Δ = 1/4
    let maxErr = 0;
    for (let r = 0; r < p.regionCount; r++) {
      const [x, y] = [p.interior[2 * r], p.interior[2 * r + 1]];
      maxErr = Math.max(maxErr, Math.abs(evaluatePoint(mlp, [x, y])[0] - (x * x + y * y + 3)));
    }
    expect(maxErr).toBeLessThanOrEqual(0.03125 + 1e-12);
  });

  // shared/ lies beside the repository (as on CI: a copy of shared/ next to the clone).
  const nets = fileURLToPath(new URL('../../../../shared/bench/nets', import.meta.url));
  it.skipIf(!existsSync(`${nets}/mlp_2-16-16-1.json`))('bench nets reproduce the peers’ counts (386, 1595)', () => {
    for (const [name, count] of [
      ['mlp_2-16-16-1', 386],
      ['mlp_2-32-32-1', 1595],
    ] as const) {
      const mlp = parseMlpText(readFileSync(`${nets}/${name}.json`, 'utf8'));
      const p = enumerateRegions(mlp, { box: [-1, 1, -1, 1] });
      expect(p.regionCount).toBe(count);
      const rep = checkPartition(p, mlp, { samples: 1 });
      expect(rep.problems).toEqual([]);
    }
  });
});

describe('enumerateRegions: degenerate inputs are counted exactly', () => {
  const box: Box = [-2, 2, -2, 2];
  const net = (rows: number[][], bias: number[], out?: number[], activation = 'relu') =>
    mlpFromLayers(2, [
      { activation, weights: rows, bias, ...(activation === 'leaky_relu' ? { alpha: 0.1 } : {}) } as LayerJson,
      { activation: 'linear', weights: [out ?? rows.map((_, i) => i + 1)], bias: [0] },
    ]);
  const count = (m: Mlp) => enumerateRegions(m, { box }).regionCount;

  it('duplicate and opposite units make one boundary', () => {
    expect(count(net([[1, 0]], [0]))).toBe(2);
    expect(count(net([[1, 0], [1, 0]], [0, 0]))).toBe(2);
    expect(count(net([[1, 0], [-1, 0]], [0, 0]))).toBe(2);
    expect(count(net([[1, 0], [-2, 0]], [0, 0]))).toBe(2);
  });
  it('parallel lines, lines through a corner, lines missing the box', () => {
    expect(count(net([[1, 0], [1, 0]], [0, -1]))).toBe(3);
    expect(count(net([[1, 1]], [-4]))).toBe(1); // x + y = 4 touches the corner (2, 2) only
    expect(count(net([[1, -1]], [0]))).toBe(2); // the diagonal through two corners
    expect(count(net([[1, 0]], [-5]))).toBe(1); // misses the box
    expect(count(net([[1, 0]], [-2]))).toBe(1); // on the box edge
  });
  it('three concurrent lines make 6 regions, not 7', () => {
    expect(count(net([[1, 0], [0, 1], [1, 1]], [0, 0, 0]))).toBe(6);
    expect(count(net([[1, 0], [0, 1], [1, 1]], [0, 0, 0.5]))).toBe(7);
  });
  it('all-zero rows (either bias sign) and dead units add nothing', () => {
    expect(count(net([[0, 0], [0, 0], [1, 0]], [1, -1, 0]))).toBe(2);
    expect(count(net([[0, 0]], [0]))).toBe(1);
    const dead = mlpFromLayers(2, [
      { activation: 'relu', weights: [[1, 0], [0, 1]], bias: [0, 0] },
      { activation: 'relu', weights: [[-1, -1]], bias: [-1] }, // never positive on the box
      { activation: 'linear', weights: [[1]], bias: [0] },
    ]);
    const p = enumerateRegions(dead, { box });
    expect(p.regionCount).toBe(4);
    expect(p.linearRegionCount).toBe(1);
  });
  it('zero output weights: activation regions > linear regions', () => {
    const p = enumerateRegions(net([[1, 0], [0, 1]], [0, 0], [1, 0]), { box });
    expect(p.regionCount).toBe(4);
    expect(p.linearRegionCount).toBe(2);
  });
  it('hardtanh has two switching lines per unit', () => {
    const p = enumerateRegions(net([[1, 0]], [0], [1], 'hardtanh'), { box });
    expect(p.regionCount).toBe(3);
    expect(p.linearRegionCount).toBe(3);
    const q = enumerateRegions(net([[1, 0], [0, 1]], [0, 0], [1, 1], 'hardtanh'), { box });
    expect(q.regionCount).toBe(9);
    expect(checkPartition(q, net([[1, 0], [0, 1]], [0, 0], [1, 1], 'hardtanh')).ok).toBe(true);
  });
  it('maxout cells, with ties going to the lowest index', () => {
    // max(x, y, -x - y) on the box: 3 cells meeting at the origin
    const m3 = mlpFromLayers(2, [
      { activation: 'maxout', rank: 3, weights: [[1, 0], [0, 1], [-1, -1]], bias: [0, 0, 0] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ]);
    const p = enumerateRegions(m3, { box });
    expect(p.regionCount).toBe(3);
    expect(checkPartition(p, m3).ok).toBe(true);
    // two identical pieces: one cell (ties), no boundary
    const tie = mlpFromLayers(2, [
      { activation: 'maxout', rank: 3, weights: [[1, 0], [1, 0], [-1, 0]], bias: [0, 0, 0] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ]);
    const q = enumerateRegions(tie, { box });
    expect(q.regionCount).toBe(2);
    const states = new Set<number>();
    for (let r = 0; r < q.regionCount; r++) states.add(q.patterns[r * q.patternStride]);
    expect([...states].sort()).toEqual([0, 2]);
  });
  it('abs and leaky_relu fold without killing: maps differ on both sides', () => {
    const p = enumerateRegions(net([[1, 0], [0, 1]], [0, 0], [1, 1], 'abs'), { box });
    expect(p.regionCount).toBe(4);
    expect(p.linearRegionCount).toBe(4);
    const q = enumerateRegions(net([[1, 0]], [0.5], [1], 'leaky_relu'), { box });
    expect(q.regionCount).toBe(2);
    expect(q.linearRegionCount).toBe(2);
  });
});

describe('enumerateRegions: properties on random nets (fast-check, seeded)', () => {
  const ACTS = ['relu', 'leaky_relu', 'prelu', 'abs', 'hardtanh', 'maxout', 'linear'] as const;

  /** A random net; `integer` draws small integer weights (many ties, parallels, concurrences). */
  function randomNet(seed: number, widths: number[], acts: string[], integer: boolean, outputs = 1): Mlp {
    const rng = createRng(seed);
    const draw = () => (integer ? rng.int(7) - 3 : rng.normal(0, 1));
    const layers: LayerJson[] = [];
    let nIn = 2;
    widths.forEach((w, l) => {
      const act = acts[l % acts.length];
      const rank = act === 'maxout' ? 2 + rng.int(2) : 1;
      const rows = w * rank;
      const weights: number[][] = [];
      for (let r = 0; r < rows; r++) {
        // sometimes duplicate the previous row or zero it
        const u = rng.next();
        if (r > 0 && u < 0.1) weights.push([...weights[r - 1]]);
        else if (u < 0.15) weights.push(new Array(nIn).fill(0));
        else weights.push(Array.from({ length: nIn }, draw));
      }
      const bias = Array.from({ length: rows }, draw);
      const layer: LayerJson = { activation: act as LayerJson['activation'], weights, bias };
      if (act === 'maxout') layer.rank = rank;
      if (act === 'leaky_relu') layer.alpha = 0.2;
      if (act === 'prelu') layer.alpha = Array.from({ length: w }, () => rng.uniform(-0.5, 0.5));
      layers.push(layer);
      nIn = w;
    });
    layers.push({
      activation: 'linear',
      weights: Array.from({ length: outputs }, () => Array.from({ length: nIn }, draw)),
      bias: Array.from({ length: outputs }, draw),
    });
    return mlpFromLayers(2, layers);
  }

  const arbCase = fc.record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    widths: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
    acts: fc.array(fc.constantFrom(...ACTS), { minLength: 1, maxLength: 3 }),
    integer: fc.boolean(),
  });

  it('covers the box, reproduces the net, is continuous, and has ≥ the grid’s patterns', () => {
    const box: Box = [-2, 2, -1.5, 2.5];
    fc.assert(
      fc.property(arbCase, ({ seed, widths, acts, integer }) => {
        const mlp = randomNet(seed, widths, acts, integer);
        const p = enumerateRegions(mlp, { box });
        const rep = checkPartition(p, mlp, { samples: 2, seed });
        expect(rep.problems).toEqual([]);
        expect(p.linearRegionCount).toBeLessThanOrEqual(p.regionCount);
        expect(p.regionCount).toBeGreaterThanOrEqual(gridPatterns(mlp, box, 40));
        // every polygon is convex and counter-clockwise, and its stored area is right
        for (let r = 0; r < p.regionCount; r++) {
          const v = p.coords.subarray(2 * p.regionStart[r], 2 * p.regionStart[r + 1]);
          expect(polygonArea(v)).toBeCloseTo(p.areas[r], 12);
        }
        // merged linear-region outlines enclose the same total area
        let outlineArea = 0;
        for (const rings of linearRegionPolygons(p)) for (const ring of rings) outlineArea += polygonArea(ring);
        expect(outlineArea).toBeCloseTo(16, 6);
      }),
      { seed: 42, numRuns: 120 },
    );
  });

  it('one hidden layer with integer weights: count = the exact arrangement count', () => {
    const box: [number, number, number, number] = [-3, 3, -2, 3];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('relu', 'abs', 'leaky_relu', 'hardtanh'),
        (seed, width, act) => {
          const rng = createRng(seed);
          const rows: number[][] = [];
          const bias: number[] = [];
          for (let i = 0; i < width; i++) {
            const u = rng.next();
            if (i > 0 && u < 0.15) {
              rows.push(rows[i - 1].map((x) => -2 * x)); // duplicate line, opposite orientation
              bias.push(-2 * bias[i - 1]);
            } else {
              rows.push([rng.int(7) - 3, rng.int(7) - 3]);
              bias.push(rng.int(9) - 4);
            }
          }
          const layer = { activation: act, weights: rows, bias, ...(act === 'leaky_relu' ? { alpha: 0.3 } : {}) } as LayerJson;
          const mlp = mlpFromLayers(2, [layer, { activation: 'linear', weights: [rows.map(() => 1)], bias: [0] }]);
          const lines: Array<[number, number, number]> = [];
          for (let i = 0; i < width; i++) {
            if (act === 'hardtanh') {
              lines.push([rows[i][0], rows[i][1], bias[i] + 1], [rows[i][0], rows[i][1], bias[i] - 1]);
            } else lines.push([rows[i][0], rows[i][1], bias[i]]);
          }
          const p = enumerateRegions(mlp, { box });
          expect(p.regionCount).toBe(arrangementCount(lines, box));
          expect(checkPartition(p, mlp).ok).toBe(true);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('agrees with the naive object-based reference enumerator (bench/naiveRegions.ts)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('relu', 'leaky_relu', 'abs', 'prelu'),
        fc.boolean(),
        (seed, widths, act, integer) => {
          const mlp = randomNet(seed, widths, [act], integer);
          const box: Box = [-1.5, 2, -2, 1];
          expect(enumerateRegions(mlp, { box }).regionCount).toBe(naiveRegionCount(mlp, box));
        },
      ),
      { seed: 11, numRuns: 100 },
    );
  });

  it('is invariant under permuting hidden units and rotating the input by 90°', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const mlp = randomNet(seed, [5, 4], ['relu'], false);
        const box: Box = [-1, 1, -1, 1];
        const n = enumerateRegions(mlp, { box }).regionCount;
        // permute the first layer's units
        const l0 = mlp.layers[0];
        const perm = createRng(seed).shuffle([0, 1, 2, 3, 4]);
        const w0 = perm.map((i) => [l0.weights[2 * i], l0.weights[2 * i + 1]]);
        const b0 = perm.map((i) => l0.bias[i]);
        const l1 = mlp.layers[1];
        const w1 = Array.from({ length: l1.rows }, (_, r) => perm.map((i) => l1.weights[r * 5 + i]));
        const rest = mlp.layers.slice(2).map((l) => ({
          activation: l.activation,
          weights: Array.from({ length: l.rows }, (_, r) => Array.from(l.weights.subarray(r * l.nIn, (r + 1) * l.nIn))),
          bias: Array.from(l.bias),
        }));
        const permuted = mlpFromLayers(2, [
          { activation: 'relu', weights: w0, bias: b0 },
          { activation: 'relu', weights: w1, bias: Array.from(l1.bias) },
          ...rest,
        ] as LayerJson[]);
        expect(enumerateRegions(permuted, { box }).regionCount).toBe(n);
        // rotate: x' = (-y, x) with the first layer's weights rotated along
        const rot = mlpFromLayers(2, [
          { activation: 'relu', weights: w0.map(([a, b]) => [b, -a]), bias: b0 },
          { activation: 'relu', weights: w1, bias: Array.from(l1.bias) },
          ...rest,
        ] as LayerJson[]);
        expect(enumerateRegions(rot, { box }).regionCount).toBe(n);
      }),
      { seed: 3, numRuns: 40 },
    );
  });
});

describe('enumerateRegions: data layout and errors', () => {
  const mlp = mlpFromLayers(2, [
    { activation: 'relu', weights: [[1, 0], [0, 1]], bias: [0, 0] },
    { activation: 'linear', weights: [[1, 1]], bias: [0] },
  ]);

  it('reports adjacency with the unit each shared edge lies on, and hidden maps on request', () => {
    const p = enumerateRegions(mlp, { box: [-1, 1, -1, 1], layers: [0] });
    expect(p.regionCount).toBe(4);
    expect(p.adjacency.count).toBe(4);
    for (let e = 0; e < p.adjacency.count; e++) {
      expect(p.adjacency.length[e]).toBeCloseTo(1, 12);
      expect(p.splits.layer[p.adjacency.split[e]]).toBe(0);
    }
    expect(p.layerMaps[0].length).toBe(4 * 2 * 3);
    // region with both units active: h = (x, y)
    for (let r = 0; r < 4; r++) {
      if (p.patterns[2 * r] === 1 && p.patterns[2 * r + 1] === 1)
        expect(Array.from(p.layerMaps[0].subarray(6 * r, 6 * r + 6))).toEqual([1, 0, 0, 0, 1, 0]);
    }
  });

  it('refuses smooth activations, other input dimensions and bad boxes with InputError', () => {
    const sig = mlpFromLayers(2, [{ activation: 'sigmoid', weights: [[1, 0]], bias: [0] }]);
    expect(() => enumerateRegions(sig, { box: [-1, 1, -1, 1] })).toThrow(InputError);
    expect(() => enumerateRegions(sig, { box: [-1, 1, -1, 1] })).toThrow(/layers\[0\]\.activation "sigmoid" is smooth/);
    const three = mlpFromLayers(3, [{ activation: 'relu', weights: [[1, 0, 0]], bias: [0] }]);
    expect(() => enumerateRegions(three, { box: [-1, 1, -1, 1] })).toThrow(/inputDim 2, got 3; use slicePlane/);
    expect(() => enumerateRegions(mlp, { box: [1, -1, -1, 1] })).toThrow(/xmin \(1\) must be less than xmax \(-1\)/);
    expect(() => enumerateRegions(mlp, { box: [0, 1, 0, Number.NaN] as Box })).toThrow(InputError);
  });

  it('stops with BudgetExceededError past maxRegions', () => {
    expect(() => enumerateRegions(mlp, { box: [-1, 1, -1, 1], maxRegions: 3 })).toThrow(BudgetExceededError);
    expect(enumerateRegions(mlp, { box: [-1, 1, -1, 1], maxRegions: 4 }).regionCount).toBe(4);
  });

  it('is deterministic: same input, same bytes', () => {
    const a = enumerateRegions(fixture('relu_tower.json'), { box: [0, 1, 0, 1] });
    const b = enumerateRegions(fixture('relu_tower.json'), { box: [0, 1, 0, 1] });
    expect(Buffer.from(a.coords.buffer).equals(Buffer.from(b.coords.buffer))).toBe(true);
    expect(a.patterns).toEqual(b.patterns);
  });
});
