import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArch } from '@tessera/nn-core';
import { bigBinomial, bounds, countValue, serraUpperBound, zaslavskyCount } from './bounds.js';

/** theory.md §11: arch, Zasl(1HL), Montúfar14 LB, Serra18 LB, Serra18 UB, Montúfar17 UB, shallow same N, 2^N. */
const TABLE: Array<[string, ...Array<number | string | null>]> = [
  ['2-4-1', 11, 11, null, 11, 11, 11, 16],
  ['2-8-1', 37, 37, 37, 37, 37, 37, 256],
  ['2-4-4-1', null, 44, null, 121, 121, 37, 256],
  ['2-8-8-1', null, 592, 925, 1369, 1369, 137, 65536],
  ['2-8-8-8-1', null, 9472, 23125, 50653, 50653, 301, 16777216],
  ['2-16-16-16-1', null, 561152, 898857, 2571353, 2571353, 1177, 281474976710656],
  ['1-2-2-2-1', null, 12, null, 27, 27, 7, 64],
  ['1-4-4-1', null, 20, 25, 25, 25, 9, 256],
  ['3-6-6-1', null, 336, null, 1764, 1764, 299, 4096],
  ['2-2-2-1', null, 4, null, 11, 16, 11, 16],
  ['2-3-3-1', null, 7, null, 40, 49, 22, 64],
  ['4-2-2-1', null, null, null, 11, 16, 16, 16],
];
const COLUMNS = [
  'zaslavsky',
  'montufar2014Lower',
  'serra2018Lower',
  'serra2018Upper',
  'montufar2017Upper',
  'shallowSameN',
  'twoPowerN',
] as const;

/** Serra Thm 1 by brute-force enumeration of J (the independent oracle for the DP). */
function serraBrute(n0: number, hidden: number[]): bigint {
  let total = 0n;
  const rec = (l: number, mu: number, prod: bigint): void => {
    if (l === hidden.length) {
      total += prod;
      return;
    }
    const n = hidden[l] as number;
    for (let j = 0; j <= Math.min(mu, n); j++) rec(l + 1, Math.min(mu, n - j), prod * bigBinomial(n, j));
  };
  // literal definition: j_l ≤ min(n0, n1−j1, …, n_{l−1}−j_{l−1}, n_l), checked on full tuples
  const tuple: number[] = [];
  const lit = (l: number): void => {
    if (l === hidden.length) {
      let p = 1n;
      hidden.forEach((n, i) => {
        p *= bigBinomial(n, tuple[i] as number);
      });
      total += p;
      return;
    }
    for (let j = 0; j <= (hidden[l] as number); j++) {
      let cap = Math.min(n0, hidden[l] as number);
      for (let i = 0; i < l; i++) cap = Math.min(cap, (hidden[i] as number) - (tuple[i] as number));
      if (j > cap) continue;
      tuple[l] = j;
      lit(l + 1);
    }
  };
  lit(0);
  const literal = total;
  total = 0n;
  rec(0, n0, 1n);
  if (total !== literal) throw new Error('brute-force oracles disagree');
  return literal;
}

describe('bounds(widths) reproduces theory.md §11', () => {
  for (const [arch, ...values] of TABLE) {
    it(`${arch}`, () => {
      const b = bounds(parseArch(arch));
      COLUMNS.forEach((name, i) => {
        expect([name, b.bounds[name]?.value]).toEqual([name, values[i]]);
      });
      expect(b.arch).toBe(arch);
    });
  }

  it('1-4-4-1 is exact by Serra Thm 5 (25) and 1-2-2-2-1 is not (widths < 3)', () => {
    expect(bounds([1, 4, 4, 1]).bounds.serra2018Exact1D?.value).toBe(25);
    expect(bounds([1, 5, 5, 5, 1]).bounds.serra2018Exact1D?.value).toBe(216);
    const b = bounds([1, 2, 2, 2, 1]).bounds.serra2018Exact1D;
    expect(b?.value).toBeNull();
    expect(b?.reason).toBe('n1 = 2 < 3');
    expect(bounds([2, 8, 8, 1]).bounds.serra2018Exact1D?.reason).toBe('n0 = 2 ≠ 1');
  });

  it('hand check 1 — 2-4-4-1: 4·11 = 44, 11·11 = 121, 2^8', () => {
    const b = bounds([2, 4, 4, 1]).bounds;
    expect(b.montufar2014Lower?.value).toBe(2 ** 2 * (1 + 4 + 6));
    expect(b.serra2018Upper?.value).toBe(11 * 11);
    expect(b.twoPowerN?.value).toBe(2 ** 8);
  });

  it('hand check 3 — 2-3-3-1: J is not a box, 7 + 21 + 12 = 40 < 49', () => {
    const b = bounds([2, 3, 3, 1]).bounds;
    expect(b.serra2018Upper?.value).toBe(7 + 21 + 12);
    expect(b.montufar2017Upper?.value).toBe(49);
  });

  it('null values carry the failed hypothesis', () => {
    const b = bounds([4, 2, 2, 1]).bounds;
    expect(b.montufar2014Lower?.reason).toBe('n1 = 2 < n0 = 4');
    expect(b.serra2018Lower?.reason).toBe('n1 = 2 < 3·n0 = 12');
    expect(b.zaslavsky?.reason).toBe('the net has 2 hidden layers');
    for (const entry of Object.values(b)) expect(entry.citation.length).toBeGreaterThan(20);
  });
});

describe('maxout bounds (theory.md §11 maxout values)', () => {
  it('Serra Thm 8: 2-2-2-1 k=2 → 16, k=3 → 484; 2-2-2-2-1 k=3 → 10648; 2-4-4-1 k=3 → 6241', () => {
    const v = (arch: string, k: number) =>
      bounds(parseArch(arch), { activation: 'maxout', rank: k }).bounds.serra2018MaxoutUpper?.value;
    expect(v('2-2-2-1', 2)).toBe(16);
    expect(v('2-2-2-1', 3)).toBe(484);
    expect(v('2-2-2-2-1', 3)).toBe(10648);
    expect(v('2-4-4-1', 3)).toBe(6241);
  });

  it('Montúfar Thm 8 claim: n0=2, k=3: 27 (L=2), 81 (L=3); not disputed', () => {
    const b2 = bounds([2, 2, 2, 1], { activation: 'maxout', rank: 3 }).bounds.montufar2014MaxoutLower;
    const b3 = bounds([2, 2, 2, 2, 1], { activation: 'maxout', rank: 3 }).bounds.montufar2014MaxoutLower;
    expect(b2?.value).toBe(27);
    expect(b3?.value).toBe(81);
    expect(b2?.disputed).toBeUndefined();
  });

  it('Montúfar Thm 8 claim for n0=1, k=3 (9 / 27) is flagged false, true maximum ≤ 7 / ≤ 15', () => {
    const b2 = bounds([1, 1, 1, 1], { activation: 'maxout', rank: 3 }).bounds;
    const b3 = bounds([1, 1, 1, 1, 1], { activation: 'maxout', rank: 3 }).bounds;
    expect(b2.montufar2014MaxoutLower?.value).toBe(9);
    expect(b2.montufar2014MaxoutLower?.disputed).toBe(true);
    expect(b2.montufar2014MaxoutLower?.caveat).toMatch(/FALSE.*at most .* = 7 pieces/);
    expect(b2.maxoutOneInputUpper?.value).toBe(7);
    expect(b3.montufar2014MaxoutLower?.value).toBe(27);
    expect(b3.maxoutOneInputUpper?.value).toBe(15);
    // k = 2 is fine: the bound 2^L equals the claim
    const k2 = bounds([1, 1, 1, 1], { activation: 'maxout', rank: 2 }).bounds;
    expect(k2.montufar2014MaxoutLower?.disputed).toBeUndefined();
    expect(k2.maxoutOneInputUpper?.value).toBe(k2.montufar2014MaxoutLower?.value);
  });

  it('refuses a missing or bad rank', () => {
    expect(() => bounds([2, 2, 1], { activation: 'maxout' })).toThrow(/rank k ≥ 2/);
    expect(() => bounds([2, 2, 1], { activation: 'maxout', rank: 1 })).toThrow(/rank k ≥ 2, got 1/);
  });
});

describe('exact integers', () => {
  it('values at or above 2^53 are decimal strings', () => {
    expect(countValue(2n ** 53n - 1n)).toBe(9007199254740991);
    expect(countValue(2n ** 53n)).toBe('9007199254740992');
    const b = bounds([2, 32, 32, 1]).bounds.twoPowerN;
    expect(b?.value).toBe((2n ** 64n).toString());
  });

  it('bigBinomial matches Pascal and zaslavskyCount is 2^n for n ≤ d', () => {
    for (let n = 1; n < 30; n++)
      for (let k = 1; k < n; k++) expect(bigBinomial(n, k)).toBe(bigBinomial(n - 1, k - 1) + bigBinomial(n - 1, k));
    expect(zaslavskyCount(5, 7)).toBe(32n);
    expect(bigBinomial(100, 50)).toBe(100891344545564193334812497256n);
  });
});

describe('Serra DP vs brute-force enumeration of J', () => {
  it('agrees on every §11 row', () => {
    for (const [arch] of TABLE) {
      const w = parseArch(arch);
      expect(serraUpperBound(w[0] as number, w.slice(1, -1))).toBe(serraBrute(w[0] as number, w.slice(1, -1)));
    }
  });
  it('agrees on random small architectures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }),
        (n0, hidden) => {
          const dp = serraUpperBound(n0, hidden);
          expect(dp).toBe(serraBrute(n0, hidden));
          // sandwich: Serra ≤ Montúfar 2017 ≤ 2^N, and the lower bounds ≤ Serra upper
          const b = bounds([n0, ...hidden, 1]).bounds;
          const big = (v: unknown) => (v === null ? null : BigInt(v as number | string));
          expect(dp <= (big(b.montufar2017Upper?.value) as bigint)).toBe(true);
          expect(dp <= (big(b.twoPowerN?.value) as bigint)).toBe(true);
          for (const name of ['montufar2014Lower', 'serra2018Lower'] as const) {
            const lo = big(b[name]?.value);
            if (lo !== null) expect(lo <= dp).toBe(true);
          }
        },
      ),
      { seed: 4, numRuns: 150 },
    );
  });
});

describe('argument checks', () => {
  it('refuses fewer than three widths and non-integers, naming the field', () => {
    expect(() => bounds([2, 1])).toThrow(/at least 3 entries/);
    expect(() => bounds([2, 0, 1])).toThrow(/widths\[1\] must be a positive integer, got 0/);
    expect(() => parseArch('2-x-1')).toThrow('invalid architecture "2-x-1": "x" is not a positive integer');
    expect(() => parseArch('2')).toThrow(/at least an input and an output width/);
    expect(parseArch(' 2-8-8-1 ')).toEqual([2, 8, 8, 1]);
  });
});
