import { evaluatePoint, type Mlp } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { archFromString } from './arch.js';
import { bounds } from './bounds.js';
import {
  type ConstructionMeta,
  maxoutCounterexampleNet,
  montufarFoldingNet,
  sawtoothNet,
  serraFig2Net,
  zigzagNet,
} from './constructions.js';
import { linePieces } from './line.js';
import { enumerateRegions } from './regions.js';

const meta = (mlp: Mlp) => mlp.meta?.construction as ConstructionMeta;
const count1d = (mlp: Mlp, lo: number, hi: number) => {
  const r = linePieces(mlp, [lo], [hi]);
  return [r.pieces, r.linearPieces];
};

describe('1D constructions counted with linePieces', () => {
  it('Montúfar folding reaches Theorem 4 exactly on [0, 1] (theory.md §7.3)', () => {
    for (const [arch, n] of [
      ['1-2-2-2-1', 12],
      ['1-4-4-1', 20],
      ['1-3-3-3-1', 36],
    ] as const) {
      const w = archFromString(arch);
      const mlp = montufarFoldingNet(w);
      expect([arch, ...count1d(mlp, 0, 1)]).toEqual([arch, n, n]);
      expect(bounds(w).bounds.montufar2014Lower?.value).toBe(n);
      expect(meta(mlp).expectedRegions).toBe(n);
    }
  });

  it('folding 1-4-4-1 has 21 pieces on all of R (a wide segment)', () => {
    expect(count1d(montufarFoldingNet([1, 4, 4, 1]), -50, 50)).toEqual([21, 21]);
  });

  it('the n+1 zig-zag: 1-3-3-1 → 16, 1-4-4-1 → 25, 1-5-5-5-1 → 216 (Serra Thm 5 maximum)', () => {
    for (const [arch, n] of [
      ['1-3-3-1', 16],
      ['1-4-4-1', 25],
      ['1-5-5-5-1', 216],
      ['1-6-3-1', 28],
    ] as const) {
      const w = archFromString(arch);
      const mlp = zigzagNet(w);
      expect([arch, ...count1d(mlp, 0, 1)]).toEqual([arch, n, n]);
      expect(meta(mlp).expectedRegions).toBe(n);
      if (w.slice(1, -1).every((x) => x >= 3)) expect(bounds(w).bounds.serra2018Exact1D?.value).toBe(n);
    }
  });

  it('a zig-zag with a narrow last layer: 1-5-2-1 → 6 · 3 = 18 pieces', () => {
    const mlp = zigzagNet([1, 5, 2, 1]);
    const r = linePieces(mlp, [0], [1]);
    expect(r.pieces).toBe(6 * 3);
  });

  it("Telgarsky's sawtooth: 2^L pieces on [0, 1], kinks at j/2^L, slopes ±2^L; L = 3 has 10 on [−1, 2]", () => {
    for (const L of [1, 2, 3, 5, 10]) {
      const r = linePieces(sawtoothNet(L), [0], [1]);
      expect(r.linearPieces).toBe(2 ** L);
      expect(r.pieces).toBe(2 ** L);
      expect(Array.from(r.linearBreakpoints)).toEqual(Array.from({ length: 2 ** L - 1 }, (_, j) => (j + 1) / 2 ** L));
      for (let p = 0; p < r.linearPieces; p++) expect(Math.abs(r.linearSlopes[p] as number)).toBe(2 ** L);
    }
    expect(count1d(sawtoothNet(3), -1, 2)).toEqual([10, 10]);
    // deep: 2^16 pieces, every kink exactly at j/2^16 (tolerances must not compound over depth)
    const deep = linePieces(sawtoothNet(16), [0], [1]);
    expect([deep.pieces, deep.linearPieces]).toEqual([65536, 65536]);
    expect(deep.linearBreakpoints.every((t, j) => t === (j + 1) / 65536)).toBe(true);
    expect(evaluatePoint(sawtoothNet(3), [1 / 16])[0]).toBeCloseTo(0.5, 14);
  });

  it('Serra Fig. 2: 5 activation / 4 linear pieces on [−2, 2]', () => {
    const mlp = serraFig2Net();
    expect(count1d(mlp, -2, 2)).toEqual([5, 4]);
    expect([meta(mlp).expectedRegions, meta(mlp).expectedLinearRegions]).toEqual([5, 4]);
  });

  it('the maxout counterexample has 7 pieces, below the 9 claimed by Montúfar Thm 8', () => {
    const mlp = maxoutCounterexampleNet();
    expect(count1d(mlp, -4, 4)).toEqual([7, 7]);
    expect(count1d(mlp, -1000, 1000)).toEqual([7, 7]);
    const b = bounds([1, 1, 1, 1], { activation: 'maxout', rank: 3 }).bounds;
    expect(b.maxoutOneInputUpper?.value).toBe(7);
    expect(b.montufar2014MaxoutLower?.value).toBe(9);
  });

  it('refuses architectures that break the hypothesis, naming the layer', () => {
    expect(() => montufarFoldingNet([2, 1, 4, 1])).toThrow('needs every hidden width ≥ n0 = 2, but n1 = 1');
    expect(() => zigzagNet([2, 5, 4, 1])).toThrow('≥ 3·n0 = 6, but n1 = 5');
    expect(() => sawtoothNet(0)).toThrow(/layers must be an integer from 1 to 40/);
  });
});

describe('2D constructions counted with enumerateRegions', () => {
  const box: [number, number, number, number] = [0, 1, 0, 1];
  const count2d = (mlp: Mlp) => {
    const p = enumerateRegions(mlp, { box });
    return [p.regionCount, p.linearRegionCount];
  };
  it('folding 2-4-1 → 11, 2-4-4-1 → 44 (59 on a big box), 2-8-8-1 → 592, 2-6-6-6-1 → 1782 in [0,1]²', () => {
    expect(count2d(montufarFoldingNet([2, 4, 1]))).toEqual([11, 11]);
    expect(count2d(montufarFoldingNet([2, 4, 4, 1]))).toEqual([44, 44]);
    expect(enumerateRegions(montufarFoldingNet([2, 4, 4, 1]), { box: [-100, 100, -100, 100] }).regionCount).toBe(59);
    expect(count2d(montufarFoldingNet([2, 8, 8, 1]))).toEqual([592, 592]);
    expect(count2d(montufarFoldingNet([2, 6, 6, 6, 1]))).toEqual([1782, 1782]);
  });
  it('zig-zag 2-6-6-1 → 352 and 2-8-8-1 → 925 = Serra Theorem 6 in [0,1]²', () => {
    expect(count2d(zigzagNet([2, 6, 6, 1]))).toEqual([352, 352]);
    expect(count2d(zigzagNet([2, 8, 8, 1]))).toEqual([925, 925]);
    expect(bounds([2, 8, 8, 1]).bounds.serra2018Lower?.value).toBe(925);
  });
});
