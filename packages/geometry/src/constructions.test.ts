import { createRng, evaluatePoint, type Mlp } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { parseArch } from '@tessera/nn-core';
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
      const w = parseArch(arch);
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
      const w = parseArch(arch);
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

describe('the last-layer cuts in any dimension', () => {
  /** Solves A x = b for a small dense system (Gaussian elimination, partial pivoting); null if singular. */
  function solve(A: number[][], b: number[]): number[] | null {
    const n = b.length;
    const M = A.map((row, i) => [...row, b[i] as number]);
    for (let c = 0; c < n; c++) {
      let p = c;
      for (let r = c + 1; r < n; r++) if (Math.abs(M[r]?.[c] as number) > Math.abs(M[p]?.[c] as number)) p = r;
      [M[c], M[p]] = [M[p] as number[], M[c] as number[]];
      const d = M[c]?.[c] as number;
      if (Math.abs(d) < 1e-9) return null;
      for (let r = c + 1; r < n; r++) {
        const f = (M[r]?.[c] as number) / d;
        for (let k = c; k <= n; k++) (M[r] as number[])[k] = (M[r]?.[k] as number) - f * (M[c]?.[k] as number);
      }
    }
    const x = new Array<number>(n).fill(0);
    for (let r = n - 1; r >= 0; r--) {
      let v = M[r]?.[n] as number;
      for (let k = r + 1; k < n; k++) v -= (M[r]?.[k] as number) * (x[k] as number);
      x[r] = v / (M[r]?.[r] as number);
    }
    return x;
  }
  const subsets = (n: number, k: number): number[][] => {
    if (k === 0) return [[]];
    const out: number[][] = [];
    for (let i = k - 1; i < n; i++) for (const s of subsets(i, k - 1)) out.push([...s, i]);
    return out;
  };

  it('one-layer nets n0-nL-1 (n0 = 2, 3, 4): every vertex of the cuts lies inside the open cube, in general position', () => {
    for (const [n0, nL] of [
      [2, 8],
      [2, 64],
      [3, 6],
      [3, 12],
      [4, 7],
    ] as const) {
      const layer = montufarFoldingNet([n0, nL, 1]).layers[0];
      if (!layer) throw new Error('no layer');
      const rows = Array.from({ length: nL }, (_, k) => Array.from(layer.weights.subarray(k * n0, (k + 1) * n0)));
      const rhs = Array.from(layer.bias, (b) => -b);
      let singular = 0;
      let lo = 1;
      let hi = 0;
      let closest = Number.POSITIVE_INFINITY;
      for (const S of subsets(nL, n0)) {
        const x = solve(
          S.map((k) => rows[k] as number[]),
          S.map((k) => rhs[k] as number),
        );
        if (x === null) {
          singular++;
          continue;
        }
        lo = Math.min(lo, ...x);
        hi = Math.max(hi, ...x);
        // no further cut through the vertex (no n0 + 1 concurrent hyperplanes)
        for (let k = 0; k < nL; k++) {
          if (S.includes(k)) continue;
          const row = rows[k] as number[];
          const val = row.reduce((a, w, i) => a + w * (x[i] as number), 0) - (rhs[k] as number);
          closest = Math.min(closest, Math.abs(val) / Math.hypot(...row));
        }
      }
      expect({ n0, nL, singular, inside: lo > 0.05 && hi < 0.95, generic: closest > 1e-7 }).toEqual({
        n0,
        nL,
        singular: 0,
        inside: true,
        generic: true,
      });
    }
  });

  it('2-64-1 → 2081 and 2-16-4-1 → 704 regions in [0,1]² (offsets shrunk to keep the vertices inside)', () => {
    expect(enumerateRegions(montufarFoldingNet([2, 64, 1]), { box: [0, 1, 0, 1] }).regionCount).toBe(2081);
    const p = enumerateRegions(montufarFoldingNet([2, 16, 4, 1]), { box: [0, 1, 0, 1] });
    expect([p.regionCount, p.linearRegionCount]).toEqual([704, 704]);
  });

  it('3-6-6-1: sampled activation patterns never exceed the claimed 336 (exact count needs a 3D enumerator)', () => {
    const mlp = montufarFoldingNet([3, 6, 6, 1]);
    const rng = createRng(11);
    const seen = new Set<string>();
    for (let s = 0; s < 60_000; s++) {
      let h: number[] = [rng.next(), rng.next(), rng.next()];
      let key = '';
      for (const layer of mlp.layers) {
        const next: number[] = [];
        for (let r = 0; r < layer.rows; r++) {
          let a = layer.bias[r] as number;
          for (let i = 0; i < layer.nIn; i++) a += (layer.weights[r * layer.nIn + i] as number) * (h[i] as number);
          if (layer.activation === 'relu') key += a > 0 ? '1' : '0';
          next.push(layer.activation === 'relu' ? Math.max(a, 0) : a);
        }
        h = next;
      }
      seen.add(key);
    }
    expect(meta(mlp).expectedRegions).toBe(336);
    expect(seen.size).toBeLessThanOrEqual(336);
    expect(seen.size).toBeGreaterThan(250);
  });
});
