import { formatArch, InputError, type Mlp, type MlpJson, mlpFromLayers } from '@tessera/nn-core';
import { checkArchWidths } from './arch.js';
import { bigBinomial, countValue } from './bounds.js';

/**
 * What a construction promises, stored in the returned network's `meta.construction`: the domain
 * (one `[lo, hi]` per input) where the counts hold, and the exact numbers of activation regions and
 * linear regions there, with the result they reproduce.
 */
export interface ConstructionMeta {
  kind: string;
  arch: string;
  domain: Array<[number, number]>;
  expectedRegions: number | string;
  expectedLinearRegions: number | string;
  source: string;
}

type Layers = MlpJson['layers'];

/**
 * One folding layer, the same for every input coordinate: units relu(sign_j (g − t_j)), and the
 * next folded coordinate g' = Σ_j c_j u_j + e.
 */
interface Fold {
  t: number[];
  sign: number[];
  c: number[];
  e: number;
}

/** Montúfar et al. 2014 fold with p units: g' is the zig-zag px, 2 − px, px − 2, … (theory.md §7.3). */
function montufarFold(p: number): Fold {
  const t: number[] = [];
  const c: number[] = [];
  for (let j = 0; j < p; j++) {
    t.push(j / p);
    c.push(j === 0 ? p : 2 * p * (j % 2 === 0 ? 1 : -1));
  }
  return { t, sign: t.map(() => 1), c, e: 0 };
}

/**
 * The "n+1" zig-zag with n ≥ 3 units (theory.md §8.3, end): n + 1 pieces of slopes (−1)^k σ_k and
 * lengths 1/σ_k, each mapped onto [0, 1]. n odd: σ_0 = 2σ, σ_k = σ (k ≥ 1), prefix P = {1..n−1}
 * points right; n even: σ_{n−2} = 2σ, σ_k = σ otherwise, P = {1..n−2}; σ = n + ½ in both cases.
 */
function zigzagFold(n: number): Fold {
  const s = n + 0.5;
  const sigma: number[] = [];
  for (let k = 0; k <= n; k++) sigma.push(n % 2 === 1 ? (k === 0 ? 2 * s : s) : k === n - 2 ? 2 * s : s);
  const m = sigma.map((v, k) => (k % 2 === 0 ? v : -v));
  const pLast = n % 2 === 1 ? n - 1 : n - 2;
  const t: number[] = [];
  const sign: number[] = [];
  const c: number[] = [];
  let acc = 0;
  let e = 0;
  for (let k = 1; k <= n; k++) {
    acc += 1 / (sigma[k - 1] as number);
    const a = (m[k] as number) - (m[k - 1] as number);
    t.push(acc);
    c.push(a);
    const right = k <= pLast;
    sign.push(right ? 1 : -1);
    if (!right) e -= a * acc;
  }
  return { t, sign, c, e };
}

/** n_L cuts relu(s_k(⟨ν_k, g⟩ − β_k)) in general position with every vertex inside the unit cube. */
function lastCuts(n0: number, nL: number): { normals: number[][]; beta: number[]; sign: number[] } {
  const sign = Array.from({ length: nL }, (_, k) => (k % 2 === 0 ? 1 : -1));
  if (n0 === 1) return { normals: sign.map(() => [1]), beta: sign.map((_, k) => (k + 0.5) / nL), sign };
  const normals: number[][] = [];
  for (let k = 0; k < nL; k++) {
    if (n0 === 2) {
      const th = (Math.PI * (k + 0.5)) / nL + 0.05; // theory.md §7.3
      normals.push([Math.cos(th), Math.sin(th)]);
    } else {
      const tau = -1 + (2 * (k + 0.5)) / nL + 0.01 * Math.sin(2.1 * k + 0.7);
      const v = Array.from({ length: n0 }, (_, i) => tau ** i);
      const len = Math.hypot(...v);
      normals.push(v.map((x) => x / len));
    }
  }
  const delta = Array.from({ length: nL }, (_, k) => 0.04 * Math.sin(1.7 * k + 0.3));
  // vertices are c + N_S^{-1} δ_S; shrink δ if some vertex would leave [0.1, 0.9]^n0
  const worst = maxVertexOffset(normals, delta, n0);
  const scale = worst > 0.4 ? 0.4 / worst : 1;
  const beta = normals.map((nu, k) => nu.reduce((a, x) => a + 0.5 * x, 0) + scale * (delta[k] as number));
  return { normals, beta, sign };
}

/** max over n0-subsets S of ‖N_S^{-1} δ_S‖_∞ (Gaussian elimination with partial pivoting). */
function maxVertexOffset(normals: number[][], delta: number[], n0: number): number {
  const n = normals.length;
  if (n < n0 || Number(bigBinomial(n, n0)) > 3e6) return 0;
  let worst = 0;
  const idx = Array.from({ length: n0 }, (_, i) => i);
  const a = new Float64Array(n0 * (n0 + 1));
  for (;;) {
    for (let r = 0; r < n0; r++) {
      const nu = normals[idx[r] as number] as number[];
      for (let c = 0; c < n0; c++) a[r * (n0 + 1) + c] = nu[c] as number;
      a[r * (n0 + 1) + n0] = delta[idx[r] as number] as number;
    }
    const x = solve(a, n0);
    for (const v of x) if (Math.abs(v) > worst) worst = Math.abs(v);
    let i = n0 - 1;
    while (i >= 0 && idx[i] === n - n0 + i) i--;
    if (i < 0) break;
    idx[i] = (idx[i] as number) + 1;
    for (let j = i + 1; j < n0; j++) idx[j] = (idx[j - 1] as number) + 1;
  }
  return worst;
}

function solve(a: Float64Array, n: number): number[] {
  const w = n + 1;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * w + col]) > Math.abs(a[piv * w + col])) piv = r;
    if (piv !== col)
      for (let c = 0; c < w; c++) {
        const tmp = a[col * w + c];
        a[col * w + c] = a[piv * w + c];
        a[piv * w + c] = tmp;
      }
    const d = a[col * w + col];
    if (d === 0) return [Number.POSITIVE_INFINITY];
    for (let r = col + 1; r < n; r++) {
      const f = a[r * w + col] / d;
      for (let c = col; c < w; c++) a[r * w + c] -= f * a[col * w + c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r * w + n];
    for (let c = r + 1; c < n; c++) s -= a[r * w + c] * (x[c] as number);
    x[r] = s / a[r * w + r];
  }
  return x;
}

/** Generic output weights, all in [0.5, 1.5]. */
const outWeight = (o: number, k: number): number => 1 + 0.5 * Math.sin(0.9 * k + 0.4 + 1.3 * o);

/**
 * Builds the layers of a folding net: `folds[l]` for hidden layers 1 … L−1 (one block of units per
 * input coordinate, spare units dead: weights 0, bias −1), then the last-layer cuts and the output.
 */
function foldedLayers(widths: readonly number[], folds: Fold[]): Layers {
  const n0 = widths[0] as number;
  const hidden = widths.slice(1, -1);
  const outDim = widths[widths.length - 1] as number;
  const L = hidden.length;
  const layers: Layers = [];
  let prev: Fold | null = null;
  let prevWidth = n0;
  // a row reading the folded coordinate g_i (times `scale`) from the previous layer, plus a constant
  const readG = (row: number[], i: number, scale: number): number => {
    if (prev === null) {
      row[i] = (row[i] as number) + scale;
      return 0;
    }
    const p = prev.t.length;
    for (let j = 0; j < p; j++) row[i * p + j] = (row[i * p + j] as number) + scale * (prev.c[j] as number);
    return scale * prev.e;
  };
  for (let l = 0; l < L - 1; l++) {
    const fold = folds[l] as Fold;
    const p = fold.t.length;
    const weights: number[][] = [];
    const bias: number[] = [];
    for (let i = 0; i < n0; i++)
      for (let j = 0; j < p; j++) {
        const row = new Array<number>(prevWidth).fill(0);
        const s = fold.sign[j] as number;
        const cst = readG(row, i, s);
        weights.push(row);
        bias.push(cst - s * (fold.t[j] as number));
      }
    for (let r = n0 * p; r < (hidden[l] as number); r++) {
      weights.push(new Array<number>(prevWidth).fill(0));
      bias.push(-1);
    }
    layers.push({ activation: 'relu', weights, bias });
    prev = fold;
    prevWidth = hidden[l] as number;
  }
  const nL = hidden[L - 1] as number;
  const cuts = lastCuts(n0, nL);
  const weights: number[][] = [];
  const bias: number[] = [];
  for (let k = 0; k < nL; k++) {
    const row = new Array<number>(prevWidth).fill(0);
    const s = cuts.sign[k] as number;
    let cst = 0;
    for (let i = 0; i < n0; i++) cst += readG(row, i, s * ((cuts.normals[k] as number[])[i] as number));
    weights.push(row);
    bias.push(cst - s * (cuts.beta[k] as number));
  }
  layers.push({ activation: 'relu', weights, bias });
  layers.push({
    activation: 'linear',
    weights: Array.from({ length: outDim }, (_, o) => Array.from({ length: nL }, (_, k) => outWeight(o, k))),
    bias: new Array<number>(outDim).fill(0),
  });
  return layers;
}

const unitCube = (n0: number): Array<[number, number]> => Array.from({ length: n0 }, () => [0, 1] as [number, number]);

function lastLayerCount(n0: number, nL: number): bigint {
  let s = 0n;
  for (let j = 0; j <= n0; j++) s += bigBinomial(nL, j);
  return s;
}

/**
 * Montúfar et al. 2014's folding construction (theory.md §7.3) for `widths = [n0, n1, …, nL, m]`
 * with every n_l ≥ n0: each of the first L−1 layers folds every coordinate of the unit cube
 * p_l = ⌊n_l/n0⌋ times (units relu(g_i − j/p_l), spare units dead), and the last layer draws n_L
 * cuts in general position with alternating orientations, all vertices inside the cube. Inside
 * [0, 1]^n0 it has exactly (Π_{l<L} p_l^{n0}) · Σ_{j≤n0} C(n_L, j) activation regions and as many
 * linear regions — the Theorem 4 lower bound (n_L ≥ 2; with n_L = 1 mirrored flat cells merge).
 */
export function montufarFoldingNet(widths: readonly number[]): Mlp {
  checkArchWidths(widths, 'montufar construction', 3);
  const n0 = widths[0] as number;
  const hidden = widths.slice(1, -1);
  const narrow = hidden.findIndex((n) => n < n0);
  if (narrow >= 0)
    throw new InputError(
      `montufar construction needs every hidden width ≥ n0 = ${n0}, but n${narrow + 1} = ${hidden[narrow]}`,
    );
  const folds = hidden.slice(0, -1).map((n) => montufarFold(Math.floor(n / n0)));
  let expected = lastLayerCount(n0, hidden[hidden.length - 1] as number);
  for (const f of folds) expected *= BigInt(f.t.length) ** BigInt(n0);
  const meta: ConstructionMeta = {
    kind: 'montufar',
    arch: formatArch(widths),
    domain: unitCube(n0),
    expectedRegions: countValue(expected),
    expectedLinearRegions: countValue(expected),
    source: 'Montúfar, Pascanu, Cho, Bengio 2014, lower bound (Theorem 4); construction of theory.md §7.3',
  };
  return mlpFromLayers(n0, foldedLayers(widths, folds), {
    name: `montufar folding ${meta.arch}`,
    meta: { construction: meta },
  });
}

/**
 * The "n+1" zig-zag variant (theory.md §8.3, end; Serra et al. 2018 Theorems 5 and 6): each of the
 * first L−1 layers splits into n0 blocks of q_l = ⌊n_l/n0⌋ ≥ 3 units that fold each coordinate
 * into q_l + 1 pieces, then the last layer's cuts as in {@link montufarFoldingNet}. Inside
 * [0, 1]^n0: (Π_{l<L} (q_l + 1)^{n0}) · Σ_{j≤n0} C(n_L, j) regions, e.g. 1-4-4-1 → 25,
 * 1-5-5-5-1 → 216, 2-8-8-1 → 925.
 */
export function zigzagNet(widths: readonly number[]): Mlp {
  checkArchWidths(widths, 'zigzag construction', 3);
  const n0 = widths[0] as number;
  const hidden = widths.slice(1, -1);
  const narrow = hidden.slice(0, -1).findIndex((n) => n < 3 * n0);
  if (narrow >= 0)
    throw new InputError(
      `zigzag construction needs every hidden width but the last ≥ 3·n0 = ${3 * n0}, but n${narrow + 1} = ${hidden[narrow]}`,
    );
  const folds = hidden.slice(0, -1).map((n) => zigzagFold(Math.floor(n / n0)));
  let expected = lastLayerCount(n0, hidden[hidden.length - 1] as number);
  for (const f of folds) expected *= BigInt(f.t.length + 1) ** BigInt(n0);
  const meta: ConstructionMeta = {
    kind: 'zigzag',
    arch: formatArch(widths),
    domain: unitCube(n0),
    expectedRegions: countValue(expected),
    expectedLinearRegions: countValue(expected),
    source:
      'Serra, Tjandraatmadja, Ramalingam 2018, lower bound (Theorem 6; Theorem 5 for n0 = 1); "n+1" zig-zag of theory.md §8.3',
  };
  return mlpFromLayers(n0, foldedLayers(widths, folds), { name: `zigzag ${meta.arch}`, meta: { construction: meta } });
}

/**
 * Telgarsky's sawtooth (theory.md §9.1): L hidden layers of 2 ReLUs computing the L-fold tent map
 * m^L on [0, 1] — 2^L pieces with kinks at j/2^L and slopes ±2^L (10 pieces on [−1, 2] for L = 3).
 */
export function sawtoothNet(layers: number): Mlp {
  if (!Number.isSafeInteger(layers) || layers < 1 || layers > 40)
    throw new InputError(`sawtooth: layers must be an integer from 1 to 40, got ${JSON.stringify(layers)}`);
  const ls: Layers = [{ activation: 'relu', weights: [[1], [1]], bias: [0, -0.5] }];
  for (let l = 1; l < layers; l++)
    ls.push({
      activation: 'relu',
      weights: [
        [2, -4],
        [2, -4],
      ],
      bias: [0, -0.5],
    });
  ls.push({ activation: 'linear', weights: [[2, -4]], bias: [0] });
  const count = countValue(2n ** BigInt(layers));
  const meta: ConstructionMeta = {
    kind: 'sawtooth',
    arch: formatArch([1, ...new Array<number>(layers).fill(2), 1]),
    domain: [[0, 1]],
    expectedRegions: count,
    expectedLinearRegions: count,
    source: 'Telgarsky 2015/2016 ("Benefits of depth in neural networks"): the L-fold tent map, theory.md §9.1',
  };
  return mlpFromLayers(1, ls, { name: `sawtooth L=${layers}`, meta: { construction: meta } });
}

/**
 * The net of Serra et al. 2018, Fig. 2: h_a = relu(x), h_b = relu(1 − x), y = relu(4h_a + 2h_b − 3)
 * (followed by an identity output layer). On [−2, 2]: 5 activation regions but 4 linear regions.
 */
export function serraFig2Net(): Mlp {
  const meta: ConstructionMeta = {
    kind: 'serra-fig2',
    arch: '1-2-1-1',
    domain: [[-2, 2]],
    expectedRegions: 5,
    expectedLinearRegions: 4,
    source: 'Serra, Tjandraatmadja, Ramalingam 2018, Fig. 2 (theory.md §1.3)',
  };
  return mlpFromLayers(
    1,
    [
      { activation: 'relu', weights: [[1], [-1]], bias: [0, 1] },
      { activation: 'relu', weights: [[4, 2]], bias: [-3] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ],
    { name: 'serra fig. 2', meta: { construction: meta } },
  );
}

/**
 * The rank-3 maxout chain of theory.md §7.4: f1(t) = max(−t, t, 2t − 2), f2(s) = max(−s + ½,
 * s − ½, 3s − 13/2) — 7 pieces (kinks at −3, −½, 0, ½, 2, 2.5), the most a width-1 rank-3 chain of
 * two layers can have, below the 9 claimed by Montúfar et al. 2014 Theorem 8 for n0 = 1.
 */
export function maxoutCounterexampleNet(): Mlp {
  const meta: ConstructionMeta = {
    kind: 'maxout-counterexample',
    arch: '1-1-1-1',
    domain: [[-4, 4]],
    expectedRegions: 7,
    expectedLinearRegions: 7,
    source: 'theory.md §7.4 (counterexample to Montúfar et al. 2014 Theorem 8 for n0 = 1, k = 3, L = 2)',
  };
  return mlpFromLayers(
    1,
    [
      { activation: 'maxout', rank: 3, weights: [[-1], [1], [2]], bias: [0, 0, -2] },
      { activation: 'maxout', rank: 3, weights: [[-1], [1], [3]], bias: [0.5, -0.5, -6.5] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ],
    { name: 'maxout counterexample', meta: { construction: meta } },
  );
}
