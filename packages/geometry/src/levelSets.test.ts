import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluatePoint, mlpFromLayers, parseMlpText } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { levelSet } from './levelSets.js';
import { enumerateRegions } from './regions.js';

const tower = parseMlpText(readFileSync(fileURLToPath(new URL('../test/fixtures/relu_tower.json', import.meta.url)), 'utf8'));

describe('levelSet', () => {
  it('the relu tower at height 1/2 is one closed loop on which T = 1/2', () => {
    const p = enumerateRegions(tower, { box: [0, 1, 0, 1] });
    const ls = levelSet(p, 0.5);
    expect(ls.lines.length).toBe(1);
    expect(ls.closed[0]).toBe(true);
    const line = ls.lines[0];
    for (let k = 0; k < line.length; k += 2) expect(evaluatePoint(tower, [line[k], line[k + 1]])[0]).toBeCloseTo(0.5, 12);
    // ramps are 0.05 wide: the loop runs through the middle of the ramps
    // (core [0.45,0.6]×[0.35,0.7] with half-ramps of 0.025 around it)
    const xs = line.filter((_, i) => i % 2 === 0);
    expect(Math.min(...xs)).toBeCloseTo(0.425, 12);
    expect(Math.max(...xs)).toBeCloseTo(0.625, 12);
  });
  it('the flat top of the tower is reported as flat regions, not segments', () => {
    const p = enumerateRegions(tower, { box: [0, 1, 0, 1] });
    const ls = levelSet(p, 1);
    expect(ls.flatRegions.length).toBe(1);
  });
  it('a level line crossing a relu kink is one polyline with the right endpoints', () => {
    // f = relu(x) + y: f = 0.5 is y = 0.5 for x < 0 and y = 0.5 - x for x > 0
    const mlp = mlpFromLayers(2, [
      { activation: 'relu', weights: [[1, 0], [0, 1], [0, -1]], bias: [0, 0, 0] },
      { activation: 'linear', weights: [[1, 1, -1]], bias: [0] },
    ]);
    const p = enumerateRegions(mlp, { box: [-1, 1, -1, 1] });
    const ls = levelSet(p, 0.5);
    expect(ls.lines.length).toBe(1);
    expect(ls.closed[0]).toBe(false);
    const l = ls.lines[0];
    const ends = [
      [l[0], l[1]],
      [l[l.length - 2], l[l.length - 1]],
    ].sort((a, b) => a[0] - b[0]);
    expect(ends[0][0]).toBeCloseTo(-1, 12);
    expect(ends[0][1]).toBeCloseTo(0.5, 12);
    expect(ends[1][0]).toBeCloseTo(1, 12);
    expect(ends[1][1]).toBeCloseTo(-0.5, 12);
  });
});

describe('levelSet on random nets (fast-check, seeded)', () => {
  it('every segment endpoint has f = c and lies in its region; polylines use every segment', async () => {
    const fc = (await import('fast-check')).default;
    const { createRng } = await import('@tessera/nn-core');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: -1, max: 1, noNaN: true }), (seed, c) => {
        const rng = createRng(seed);
        const w = (n: number, m: number) => Array.from({ length: n }, () => Array.from({ length: m }, () => rng.normal(0, 1)));
        const mlp = mlpFromLayers(2, [
          { activation: 'relu', weights: w(6, 2), bias: w(1, 6)[0] },
          { activation: 'abs', weights: w(4, 6), bias: w(1, 4)[0] },
          { activation: 'linear', weights: w(1, 4), bias: [0] },
        ]);
        const p = enumerateRegions(mlp, { box: [-1, 1, -1, 1] });
        const ls = levelSet(p, c);
        const scale = 1 + Math.abs(c);
        for (let s = 0; s < ls.segmentRegion.length; s++)
          for (const k of [0, 2]) {
            const x = ls.segments[4 * s + k];
            const y = ls.segments[4 * s + k + 1];
            expect(Math.abs(evaluatePoint(mlp, [x, y])[0] - c)).toBeLessThan(1e-9 * scale * 10);
            expect(Math.abs(x)).toBeLessThanOrEqual(1 + 1e-12);
            expect(Math.abs(y)).toBeLessThanOrEqual(1 + 1e-12);
          }
        let pts = 0;
        for (let i = 0; i < ls.lines.length; i++) pts += ls.lines[i].length / 2 - (ls.closed[i] ? 0 : 1);
        expect(pts).toBe(ls.segmentRegion.length);
      }),
      { seed: 5, numRuns: 60 },
    );
  });
});

describe('levelSet on edges: a level set along region edges is reported exactly once', () => {
  /** Total length of the segments, and the length covered at least twice (pairwise collinear overlaps). */
  function lengths(ls: { segments: Float64Array }): { total: number; overlap: number } {
    const s = ls.segments;
    let total = 0;
    let overlap = 0;
    for (let i = 0; i < s.length; i += 4) total += Math.hypot(s[i + 2] - s[i], s[i + 3] - s[i + 1]);
    for (let i = 0; i < s.length; i += 4)
      for (let j = i + 4; j < s.length; j += 4) {
        const L = Math.hypot(s[i + 2] - s[i], s[i + 3] - s[i + 1]);
        const ux = (s[i + 2] - s[i]) / L;
        const uy = (s[i + 3] - s[i + 1]) / L;
        const off = (x: number, y: number) => Math.abs((x - s[i]) * uy - (y - s[i + 1]) * ux);
        if (off(s[j], s[j + 1]) > 1e-12 || off(s[j + 2], s[j + 3]) > 1e-12) continue;
        const ta = (s[j] - s[i]) * ux + (s[j + 1] - s[i + 1]) * uy;
        const tb = (s[j + 2] - s[i]) * ux + (s[j + 3] - s[i + 1]) * uy;
        overlap += Math.max(0, Math.min(L, Math.max(ta, tb)) - Math.max(0, Math.min(ta, tb)));
      }
    return { total, overlap };
  }
  // f = s·(relu(x) + relu(−x)) = s|x|, plus units whose lines cut the edge x = 0 at different heights
  const net = (s: number, extra: number[][], extraBias: number[]) =>
    mlpFromLayers(2, [
      { activation: 'relu', weights: [[1, 0], [-1, 0], ...extra], bias: [0, 0, ...extraBias] },
      { activation: 'linear', weights: [[s, s, ...extra.map(() => 0)]], bias: [0] },
    ]);
  for (const [name, s] of [
    ['valley (f > c on both sides)', 1],
    ['ridge (f < c on both sides)', -1],
  ] as const) {
    it(`${name}: the line x = 0 once, length 2, as one polyline`, () => {
      const p = enumerateRegions(net(s, [[0, 1], [1, 3]], [0.5, -0.2]), { box: [-1, 1, -1, 1] });
      const ls = levelSet(p, 0);
      const { total, overlap } = lengths(ls);
      expect(total).toBeCloseTo(2, 12);
      expect(overlap).toBe(0);
      expect(ls.lines.length).toBe(1);
      expect(ls.closed[0]).toBe(false);
    });
  }
  it('the rim of a flat region is reported once: relu(x) at level 0', () => {
    const mlp = mlpFromLayers(2, [
      { activation: 'relu', weights: [[1, 0], [0, 1]], bias: [0, 0.25] },
      { activation: 'linear', weights: [[1, 0]], bias: [0] },
    ]);
    const ls = levelSet(enumerateRegions(mlp, { box: [-1, 1, -1, 1] }), 0);
    expect(ls.flatRegions.length).toBe(2);
    expect(lengths(ls)).toEqual({ total: 2, overlap: 0 });
  });
});
