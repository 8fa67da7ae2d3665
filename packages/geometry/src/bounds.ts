import { formatArch, InputError } from '@tessera/nn-core';
import { checkArchWidths } from './arch.js';

/**
 * What a bound says: `upper` bounds the number of activation regions (hence of linear regions) of
 * every net of the architecture on all of R^n0; `lower` is a claim that some net of the
 * architecture has at least that many linear regions; `exact` is the proven maximum;
 * `comparison` is a reference count for another architecture (the shallow net with the same N).
 */
export type BoundKind = 'upper' | 'lower' | 'exact' | 'comparison';

/** A count: a number below 2^53, a decimal string at or above 2^53, or null (hypothesis fails). */
export type BoundValue = number | string | null;

/** One region-count bound, with where it comes from. */
export interface RegionBound {
  /** Stable key, e.g. `serra2018Upper`. */
  name: string;
  /** Short human label, e.g. `Serra et al. 2018 upper bound (Thm 1)`. */
  label: string;
  kind: BoundKind;
  /** The value (see {@link BoundValue}); `null` when `hypothesis` fails for these widths. */
  value: BoundValue;
  /** Paper, result (named by content and number), formula. */
  citation: string;
  /** The hypothesis the result needs. */
  hypothesis: string;
  /** Why `value` is null. */
  reason?: string;
  /** A known problem with the published statement for these widths (theory.md §7.4). */
  caveat?: string;
  /** True when the published statement is known to be false for these widths. */
  disputed?: boolean;
}

export interface BoundsOptions {
  /** `relu` (default) or `maxout`. */
  activation?: 'relu' | 'maxout';
  /** Maxout rank k ≥ 2 (required for maxout). */
  rank?: number;
}

export interface RegionBounds {
  /** `n0-n1-…-nL-m`. */
  arch: string;
  /** Input dimension n0. */
  inputDim: number;
  /** Hidden widths n1 … nL (the last entry of `widths`, the output width, is not counted). */
  hiddenWidths: number[];
  /** N = Σ n_l. */
  hiddenUnits: number;
  activation: 'relu' | 'maxout';
  rank?: number;
  /** Every bound by name, in a fixed order. */
  bounds: Record<string, RegionBound>;
}

const TWO_53 = 2n ** 53n;

/** A BigInt as a JSON-friendly count: a number below 2^53, otherwise its decimal string. */
export function countValue(n: bigint): number | string {
  return n < TWO_53 ? Number(n) : n.toString();
}

/** Binomial coefficient C(n, k) as a BigInt (0 when k < 0 or k > n). */
export function bigBinomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  const kk = Math.min(k, n - k);
  let r = 1n;
  for (let i = 1; i <= kk; i++) r = (r * BigInt(n - kk + i)) / BigInt(i);
  return r;
}

/** Σ_{j=0}^{d} C(n, j): the number of regions of n hyperplanes in general position in R^d. */
export function zaslavskyCount(n: number, d: number): bigint {
  let s = 0n;
  for (let j = 0; j <= Math.min(d, n); j++) s += bigBinomial(n, j);
  return s;
}

/**
 * Serra et al. 2018 Theorem 1, Σ_{j∈J} Π_l C(n_l, j_l), computed by the dynamic programme of
 * theory.md §12 over the running minimum μ_l = min(n0, n1 − j1, …, n_l − j_l):
 * O(L · n0 · max n_l) BigInt operations. `hidden` are n1 … nL.
 */
export function serraUpperBound(inputDim: number, hidden: readonly number[]): bigint {
  let dp: bigint[] = new Array(inputDim + 1).fill(0n);
  dp[inputDim] = 1n;
  for (const n of hidden) {
    const next: bigint[] = new Array(inputDim + 1).fill(0n);
    for (let mu = 0; mu <= inputDim; mu++) {
      const ways = dp[mu] as bigint;
      if (ways === 0n) continue;
      for (let j = 0; j <= Math.min(mu, n); j++) {
        const m2 = Math.min(mu, n - j);
        next[m2] = (next[m2] as bigint) + ways * bigBinomial(n, j);
      }
    }
    dp = next;
  }
  return dp.reduce((a, b) => a + b, 0n);
}

const CITE = {
  zaslavsky:
    'Zaslavsky 1975, "Facing up to arrangements" (Mem. AMS): n1 hyperplanes in general position cut R^n0 into Σ_{j≤n0} C(n1, j) regions, the exact maximum for one hidden ReLU layer (stated so in Serra et al. 2018, §2).',
  montufar2014Lower:
    'Montúfar, Pascanu, Cho, Bengio 2014, "On the number of linear regions of deep neural networks" (NIPS 2014), lower bound (Theorem 4; Serra et al. number it 5): (Π_{l<L} ⌊n_l/n0⌋^{n0}) · Σ_{j≤n0} C(n_L, j), reached by the folding construction.',
  serra2018Lower:
    'Serra, Tjandraatmadja, Ramalingam 2018, "Bounding and counting linear regions of deep neural networks" (ICML 2018), lower bound (Theorem 6): (Π_{l<L} (⌊n_l/n0⌋ + 1)^{n0}) · Σ_{j≤n0} C(n_L, j).',
  serra2018Upper:
    'Serra, Tjandraatmadja, Ramalingam 2018 (ICML 2018), upper bound (Theorem 1): Σ_{(j_1..j_L)∈J} Π_l C(n_l, j_l), J = {0 ≤ j_l ≤ min(n0, n1−j1, …, n_{l−1}−j_{l−1}, n_l)}; tight for one hidden layer.',
  serra2018Exact1D:
    'Serra, Tjandraatmadja, Ramalingam 2018 (ICML 2018), exact maximum for one input (Theorem 5): Π_l (n_l + 1) when n0 = 1 and every n_l ≥ 3.',
  montufar2017Upper:
    'Montúfar 2017, "Notes on the number of linear regions of deep neural networks" (SampTA 2017), as quoted by Serra et al. 2018: Π_l Σ_{j≤d_l} C(n_l, j), d_l = min(n0, n1, …, n_l).',
  shallowSameN:
    'Σ_{j≤n0} C(N, j): the Zaslavsky maximum of ONE hidden layer with the same number N of units (a comparison, not a bound for this architecture; Hanin & Rolnick 2019 find deep nets at initialisation near N^{n0}/n0!).',
  twoPowerN:
    '2^N: each of the 2^N activation patterns of N ReLUs gives at most one region (Montúfar et al. 2014, Proposition 3; Serra et al. 2018).',
  serra2018MaxoutUpper:
    'Serra, Tjandraatmadja, Ramalingam 2018 (ICML 2018), maxout upper bound (Theorem 8): Π_l Σ_{j≤d_l} C(k(k−1)/2 · n_l, j), d_l = min(n0, …, n_l).',
  montufar2014MaxoutLower:
    'Montúfar, Pascanu, Cho, Bengio 2014 (NIPS 2014), maxout lower bound as published (Theorem 8): a maxout net with L layers of width n0 and rank k can compute functions with at least k^{L−1} · k^{n0} linear regions.',
  maxoutOneInputUpper:
    'Tessera theory note §7.4 (derived): a chain of scalar rank-k maxout units (all widths 1) has at most k + (k−1)(2^L − 2) pieces, because a convex k-piece function has at most 2 preimages per value; attained for k = 3, L = 2 by f1(t) = max(−t, t, 2t−2), f2(s) = max(−s+½, s−½, 3s−13/2).',
  kPowerN: 'k^N: each of the k^N argmax patterns of N rank-k maxout units gives at most one region.',
} as const;

/**
 * Region-count bounds for an architecture `widths = [n0, n1, …, nL, m]` (input width, hidden
 * widths, output width — the output width does not enter any bound). With `activation: 'relu'`
 * (default): `zaslavsky` (one hidden layer only), `montufar2014Lower`, `serra2018Lower`,
 * `serra2018Upper`, `serra2018Exact1D`, `montufar2017Upper`, `shallowSameN`, `twoPowerN`. With
 * `activation: 'maxout', rank: k`: `serra2018MaxoutUpper`, `montufar2014MaxoutLower` (flagged
 * `disputed` with a `caveat` for n0 = 1, k ≥ 3, L ≥ 2, where theory.md §7.4 shows it is false),
 * `maxoutOneInputUpper` (all widths 1) and `kPowerN`. Values are exact (BigInt inside), as numbers
 * below 2^53 and decimal strings above; `null` with a `reason` when a hypothesis fails.
 *
 * @example bounds([2, 8, 8, 1]).bounds.serra2018Upper.value // 1369
 */
export function bounds(widths: readonly number[], options: BoundsOptions = {}): RegionBounds {
  checkArchWidths(widths, 'bounds', 3);
  const activation = options.activation ?? 'relu';
  if (activation !== 'relu' && activation !== 'maxout')
    throw new InputError(`bounds: invalid activation ${JSON.stringify(activation)} (expected relu or maxout)`);
  const n0 = widths[0] as number;
  const hidden = widths.slice(1, -1);
  const L = hidden.length;
  const N = hidden.reduce((a, b) => a + b, 0);
  const out: Record<string, RegionBound> = {};
  const put = (b: Omit<RegionBound, 'value'> & { value: bigint | null }): void => {
    const entry: RegionBound = { ...b, value: b.value === null ? null : countValue(b.value) };
    if (entry.reason === undefined) delete entry.reason;
    out[b.name] = entry;
  };
  const minUpTo = (l: number): number => Math.min(n0, ...hidden.slice(0, l + 1));
  const result: RegionBounds = {
    arch: formatArch(widths),
    inputDim: n0,
    hiddenWidths: hidden,
    hiddenUnits: N,
    activation,
    bounds: out,
  };

  if (activation === 'relu') {
    if (options.rank !== undefined && options.rank !== 1)
      throw new InputError('bounds: --rank applies only to maxout (use activation maxout)');
    put({
      name: 'zaslavsky',
      label: 'Zaslavsky (one hidden layer, exact maximum)',
      kind: 'exact',
      value: L === 1 ? zaslavskyCount(hidden[0] as number, n0) : null,
      citation: CITE.zaslavsky,
      hypothesis: 'one hidden layer',
      reason: L === 1 ? undefined : `the net has ${L} hidden layers`,
    });
    const narrow = hidden.findIndex((n) => n < n0);
    let mont: bigint | null = null;
    if (narrow < 0) {
      mont = zaslavskyCount(hidden[L - 1] as number, n0);
      for (let l = 0; l < L - 1; l++) mont *= BigInt(Math.floor((hidden[l] as number) / n0)) ** BigInt(n0);
    }
    put({
      name: 'montufar2014Lower',
      label: 'Montúfar et al. 2014 lower bound (Thm 4)',
      kind: 'lower',
      value: mont,
      citation: CITE.montufar2014Lower,
      hypothesis: 'every hidden width n_l ≥ n0',
      reason: narrow < 0 ? undefined : `n${narrow + 1} = ${hidden[narrow]} < n0 = ${n0}`,
    });
    const narrow3 = hidden.findIndex((n) => n < 3 * n0);
    let serraLow: bigint | null = null;
    if (narrow3 < 0) {
      serraLow = zaslavskyCount(hidden[L - 1] as number, n0);
      for (let l = 0; l < L - 1; l++) serraLow *= BigInt(Math.floor((hidden[l] as number) / n0) + 1) ** BigInt(n0);
    }
    put({
      name: 'serra2018Lower',
      label: 'Serra et al. 2018 lower bound (Thm 6)',
      kind: 'lower',
      value: serraLow,
      citation: CITE.serra2018Lower,
      hypothesis: 'every hidden width n_l ≥ 3·n0',
      reason: narrow3 < 0 ? undefined : `n${narrow3 + 1} = ${hidden[narrow3]} < 3·n0 = ${3 * n0}`,
    });
    put({
      name: 'serra2018Upper',
      label: 'Serra et al. 2018 upper bound (Thm 1)',
      kind: 'upper',
      value: serraUpperBound(n0, hidden),
      citation: CITE.serra2018Upper,
      hypothesis: 'none (ReLU)',
    });
    const narrow1d = hidden.findIndex((n) => n < 3);
    const exact1d = n0 === 1 && narrow1d < 0;
    put({
      name: 'serra2018Exact1D',
      label: 'Serra et al. 2018 exact maximum for n0 = 1 (Thm 5)',
      kind: 'exact',
      value: exact1d ? hidden.reduce((a, n) => a * BigInt(n + 1), 1n) : null,
      citation: CITE.serra2018Exact1D,
      hypothesis: 'n0 = 1 and every hidden width n_l ≥ 3',
      reason: exact1d ? undefined : n0 !== 1 ? `n0 = ${n0} ≠ 1` : `n${narrow1d + 1} = ${hidden[narrow1d]} < 3`,
    });
    let m17 = 1n;
    hidden.forEach((n, l) => {
      m17 *= zaslavskyCount(n, minUpTo(l));
    });
    put({
      name: 'montufar2017Upper',
      label: 'Montúfar 2017 upper bound',
      kind: 'upper',
      value: m17,
      citation: CITE.montufar2017Upper,
      hypothesis: 'none (ReLU)',
    });
    put({
      name: 'shallowSameN',
      label: `one hidden layer with the same N = ${N} (Zaslavsky)`,
      kind: 'comparison',
      value: zaslavskyCount(N, n0),
      citation: CITE.shallowSameN,
      hypothesis: 'none',
    });
    put({
      name: 'twoPowerN',
      label: `2^N (N = ${N})`,
      kind: 'upper',
      value: 2n ** BigInt(N),
      citation: CITE.twoPowerN,
      hypothesis: 'none (ReLU)',
    });
    return result;
  }

  const k = options.rank;
  if (k === undefined || !Number.isSafeInteger(k) || k < 2)
    throw new InputError(`bounds: maxout needs an integer rank k ≥ 2, got ${JSON.stringify(k)}`);
  result.rank = k;
  const pairs = (k * (k - 1)) / 2;
  let s8 = 1n;
  hidden.forEach((n, l) => {
    s8 *= zaslavskyCount(pairs * n, minUpTo(l));
  });
  put({
    name: 'serra2018MaxoutUpper',
    label: `Serra et al. 2018 maxout upper bound (Thm 8), rank ${k}`,
    kind: 'upper',
    value: s8,
    citation: CITE.serra2018MaxoutUpper,
    hypothesis: 'none (rank-k maxout)',
  });
  const narrow = hidden.findIndex((n) => n < n0);
  const claim: Omit<RegionBound, 'value'> & { value: bigint | null } = {
    name: 'montufar2014MaxoutLower',
    label: `Montúfar et al. 2014 maxout lower bound (Thm 8), rank ${k}`,
    kind: 'lower',
    value: narrow < 0 ? BigInt(k) ** BigInt(L - 1 + n0) : null,
    citation: CITE.montufar2014MaxoutLower,
    hypothesis: 'every hidden width n_l ≥ n0 (stated for width n0; extra units can be made constant)',
    reason: narrow < 0 ? undefined : `n${narrow + 1} = ${hidden[narrow]} < n0 = ${n0}`,
  };
  if (n0 === 1 && k >= 3 && L >= 2) {
    const oneInput = BigInt(k) + BigInt(k - 1) * (2n ** BigInt(L) - 2n);
    claim.disputed = true;
    claim.caveat = `the published statement is FALSE for n0 = 1, k ≥ 3, L ≥ 2: a width-1 chain of rank-${k} units has at most k + (k−1)(2^L − 2) = ${oneInput} pieces, below the claimed ${BigInt(k) ** BigInt(L)} (theory.md §7.4; the 7-piece net for k = 3, L = 2 attains the true maximum there).`;
  }
  put(claim);
  const allOne = n0 === 1 && hidden.every((n) => n === 1);
  put({
    name: 'maxoutOneInputUpper',
    label: 'scalar maxout chain upper bound (theory.md §7.4)',
    kind: 'upper',
    value: allOne ? BigInt(k) + BigInt(k - 1) * (2n ** BigInt(L) - 2n) : null,
    citation: CITE.maxoutOneInputUpper,
    hypothesis: 'n0 = 1 and every hidden width 1',
    reason: allOne ? undefined : 'some width is not 1',
  });
  put({
    name: 'kPowerN',
    label: `k^N (k = ${k}, N = ${N})`,
    kind: 'upper',
    value: BigInt(k) ** BigInt(N),
    citation: CITE.kPowerN,
    hypothesis: 'none (rank-k maxout)',
  });
  return result;
}
