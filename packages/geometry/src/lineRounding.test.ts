import { type Activation, createRng, type Mlp, mlpFromLayers, type MlpJson, type Rng } from '@tessera/nn-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linePieces } from './line.js';
import { type Box, type Partition, regionVertices } from './partition.js';
import { enumerateRegions } from './regions.js';
import { boxTowerNet, reluTowerFixture } from './towersBox.js';
import { ngonTowerFixture, ngonTowerNet } from './towersNgon.js';

// ---------------------------------------------------------------------------------------------
// Oracle 1: exact rational arithmetic (BigInt fractions; every float64 weight is a dyadic rational)
// ---------------------------------------------------------------------------------------------
type Q = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x;
};
const norm = (n: bigint, d: bigint): Q => {
  const s = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return [(s * n) / g, (s * d) / g];
};
function q(x: number): Q {
  let m = x;
  let e = 0n;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return norm(BigInt(m), 1n << e);
}
const add = (a: Q, b: Q): Q => norm(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const sub = (a: Q, b: Q): Q => norm(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const mul = (a: Q, b: Q): Q => norm(a[0] * b[0], a[1] * b[1]);
const div = (a: Q, b: Q): Q => norm(a[0] * b[1], a[1] * b[0]);
const sign = (a: Q): number => (a[0] > 0n ? 1 : a[0] < 0n ? -1 : 0);
const toNum = (a: Q): number => Number(a[0]) / Number(a[1]);
const ZERO: Q = [0n, 1n];

/** Pre-activations of layer `upto` (and the relu pattern of earlier layers) at x(t), exactly. */
function exactForward(mlp: Mlp, from: number[], to: number[], t: Q, upto: number): { z: Q[]; dz: Q[]; bits: string } {
  let h: Q[] = from.map((f, i) => add(q(f), mul(t, sub(q(to[i] as number), q(f)))));
  let d: Q[] = from.map((f, i) => sub(q(to[i] as number), q(f)));
  let bits = '';
  let z: Q[] = [];
  let dz: Q[] = [];
  for (let l = 0; l <= upto; l++) {
    const L = mlp.layers[l];
    z = [];
    dz = [];
    for (let r = 0; r < L.rows; r++) {
      let a = q(L.bias[r]);
      let b = ZERO;
      for (let i = 0; i < L.nIn; i++) {
        const w = q(L.weights[r * L.nIn + i]);
        a = add(a, mul(w, h[i] as Q));
        b = add(b, mul(w, d[i] as Q));
      }
      z.push(a);
      dz.push(b);
    }
    if (l === upto) break;
    if (L.activation === 'relu') {
      bits += z.map((v) => (sign(v) > 0 ? '1' : '0')).join('');
      d = dz.map((v, r) => (sign(z[r] as Q) > 0 ? v : ZERO));
      h = z.map((v) => (sign(v) > 0 ? v : ZERO));
    } else {
      h = z;
      d = dz;
    }
  }
  return { z, dz, bits };
}

/** Exact pieces of a relu/linear net along a segment: kinks layer by layer, in rationals. */
function exactLine(mlp: Mlp, from: number[], to: number[]) {
  let ts: Q[] = [q(0), q(1)];
  mlp.layers.forEach((layer, l) => {
    if (layer.activation !== 'relu') return;
    const next: Q[] = [ts[0] as Q];
    for (let p = 0; p + 1 < ts.length; p++) {
      const ta = ts[p] as Q;
      const tb = ts[p + 1] as Q;
      const za = exactForward(mlp, from, to, ta, l).z;
      const zb = exactForward(mlp, from, to, tb, l).z;
      const ks: Q[] = [];
      za.forEach((a, r) => {
        const b = zb[r] as Q;
        if (sign(a) * sign(b) < 0) ks.push(add(ta, mul(div(a, sub(a, b)), sub(tb, ta))));
      });
      ks.sort((x, y) => sign(sub(x, y)));
      for (const k of ks) if (sign(sub(k, next[next.length - 1] as Q)) > 0) next.push(k);
      if (sign(sub(tb, next[next.length - 1] as Q)) > 0) next.push(tb);
    }
    ts = next;
  });
  const bits: string[] = [];
  const slopes: Q[] = [];
  for (let p = 0; p + 1 < ts.length; p++) {
    const tm = div(add(ts[p] as Q, ts[p + 1] as Q), q(2));
    const last = mlp.layers.length - 1;
    const f = exactForward(mlp, from, to, tm, last);
    bits.push(f.bits + (mlp.layers[last].activation === 'relu' ? f.z.map((v) => (sign(v) > 0 ? '1' : '0')).join('') : ''));
    const dOut = mlp.layers[last].activation === 'relu' ? (sign(f.z[0] as Q) > 0 ? (f.dz[0] as Q) : ZERO) : (f.dz[0] as Q);
    slopes.push(dOut);
  }
  const breakpoints: number[] = [];
  const linearBreakpoints: number[] = [];
  for (let p = 1; p < bits.length; p++) {
    if (bits[p] !== bits[p - 1]) breakpoints.push(toNum(ts[p] as Q));
    if (sign(sub(slopes[p] as Q, slopes[p - 1] as Q)) !== 0) linearBreakpoints.push(toNum(ts[p] as Q));
  }
  return { pieces: breakpoints.length + 1, breakpoints, linearPieces: linearBreakpoints.length + 1, linearBreakpoints };
}

// ---------------------------------------------------------------------------------------------
// Oracle 2: the 2D partition restricted to the segment (each convex region clipped to it)
// ---------------------------------------------------------------------------------------------
function partitionAlong(p: Partition, from: number[], to: number[]) {
  const [fx, fy] = from as [number, number];
  const dx = (to[0] as number) - fx;
  const dy = (to[1] as number) - fy;
  const hits: Array<{ lo: number; hi: number; region: number }> = [];
  for (let r = 0; r < p.regionCount; r++) {
    const v = regionVertices(p, r);
    const n = v.length / 2;
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < n && lo < hi; i++) {
      const ax = v[2 * i] as number;
      const ay = v[2 * i + 1] as number;
      const ex = (v[(2 * i + 2) % (2 * n)] as number) - ax;
      const ey = (v[(2 * i + 3) % (2 * n)] as number) - ay;
      // inside (left of the counter-clockwise edge): c0 + c1·t ≥ 0
      const c0 = ex * (fy - ay) - ey * (fx - ax);
      const c1 = ex * dy - ey * dx;
      if (c1 === 0) {
        if (c0 < 0) hi = lo;
      } else if (c1 > 0) lo = Math.max(lo, -c0 / c1);
      else hi = Math.min(hi, -c0 / c1);
    }
    if (hi - lo > 1e-9) hits.push({ lo, hi, region: r });
  }
  hits.sort((a, b) => a.lo - b.lo);
  const breakpoints = hits.slice(1).map((h) => h.lo);
  const linearBreakpoints: number[] = [];
  for (let i = 1; i < hits.length; i++)
    if (p.linearRegionOf[(hits[i] as { region: number }).region] !== p.linearRegionOf[(hits[i - 1] as { region: number }).region])
      linearBreakpoints.push((hits[i] as { lo: number }).lo);
  return { pieces: hits.length, breakpoints, linearPieces: linearBreakpoints.length + 1, linearBreakpoints, hits };
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThanOrEqual(tol);
}

/** Segments across the box at several angles through its centre, plus one inside the zero region and one off-centre. */
function segments(box: Box, dyadic: boolean): Array<[number[], number[]]> {
  const [x0, x1, y0, y1] = box;
  const out: Array<[number[], number[]]> = [];
  const g = (a: number, b: number, k: number) => a + ((b - a) * k) / 16;
  if (dyadic) {
    for (const [i, j] of [
      [0, 16],
      [1, 15],
      [3, 13],
      [5, 11],
      [8, 8],
    ])
      out.push([
        [g(x0, x1, i as number), g(y0, y1, 0)],
        [g(x0, x1, j as number), g(y0, y1, 16)],
      ]);
    out.push([
      [g(x0, x1, 0), g(y0, y1, 8)],
      [g(x0, x1, 16), g(y0, y1, 7)],
    ]);
    out.push([
      [g(x0, x1, 0), g(y0, y1, 1)],
      [g(x0, x1, 16), g(y0, y1, 1)],
    ]); // inside the zero region (output cancels to ~1e-15 in floats)
  } else {
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const r = (x1 - x0) / 2;
    for (let k = 0; k < 7; k++) {
      const a = 0.1 + (k * Math.PI) / 7;
      out.push([
        [cx - r * Math.cos(a), cy - r * Math.sin(a)],
        [cx + r * Math.cos(a), cy + r * Math.sin(a)],
      ]);
    }
    out.push([
      [x0, y0 + 0.03 * (y1 - y0)],
      [x1, y0 + 0.031 * (y1 - y0)],
    ]);
  }
  return out;
}

describe('linePieces on thresholded ReLU towers (outputs that cancel to ~1e-15)', () => {
  // dyadic ramps (width 1/16): Σρ − (n − 1) is exactly 0 in rationals where n − 1 ramps saturate,
  // and ~1e-15 in float64 — the case the 2D enumerator's rounding gate was built for
  const dyadic: Array<[string, Mlp, Box]> = [
    ...[3, 5, 8].map((n) => [`${n}-gon`, ngonTowerNet({ n, r: 1, kind: 'relu', threshold: 'relu', steepness: 16 }), [-2, 2, -2, 2]] as [string, Mlp, Box]),
    ['box', boxTowerNet([0.25, 0.75, 0.25, 0.5], { kind: 'relu', steepness: 16 }), [0, 1, 0, 1]],
  ];

  it('dyadic towers: pieces, linear pieces and breakpoints equal exact rational evaluation and the 2D partition', () => {
    for (const [name, mlp, box] of dyadic) {
      const part = enumerateRegions(mlp, { box });
      for (const [from, to] of segments(box, true)) {
        const r = linePieces(mlp, from, to);
        const ex = exactLine(mlp, from, to);
        const tag = `${name} ${JSON.stringify([from, to])}`;
        expect([tag, r.pieces, r.linearPieces]).toEqual([tag, ex.pieces, ex.linearPieces]);
        expectClose(r.breakpoints, ex.breakpoints, 1e-12);
        expectClose(r.linearBreakpoints, ex.linearBreakpoints, 1e-12);
        const two = partitionAlong(part, from, to);
        expect([tag, two.pieces, two.linearPieces]).toEqual([tag, r.pieces, r.linearPieces]);
        expectClose(r.breakpoints, two.breakpoints, 1e-9);
      }
    }
  });

  it('float fixtures (ngonTowerFixture, reluTowerFixture): 1D agrees with the 2D partition restricted to the segment', () => {
    const nets: Array<[string, Mlp, Box]> = [
      ...[3, 5, 8].map((n) => [`fixture ${n}-gon`, ngonTowerFixture(n), [-2, 2, -2, 2]] as [string, Mlp, Box]),
      ['relu_tower', reluTowerFixture(), [0, 1, 0, 1]],
    ];
    for (const [name, mlp, box] of nets) {
      const part = enumerateRegions(mlp, { box });
      for (const [from, to] of segments(box, false)) {
        const r = linePieces(mlp, from, to);
        const two = partitionAlong(part, from, to);
        const tag = `${name} ${JSON.stringify([from, to])}`;
        expect([tag, r.pieces, r.linearPieces]).toEqual([tag, two.pieces, two.linearPieces]);
        expectClose(r.breakpoints, two.breakpoints, 1e-9);
        expectClose(r.linearBreakpoints, two.linearBreakpoints, 1e-9);
      }
    }
  });
});

describe('linePieces: the rounding gate (shared with the 2D enumerator)', () => {
  /**
   * g1 = relu(fl(x + B) − B) and g2 = relu(fl(x + B/2) − B/2) are both relu(x) exactly, but their
   * float64 values differ by ~u·B; three layers of ±(g1 − g2) follow, so every later form is
   * identically 0 in exact arithmetic and noise in floats. The old own-term-scale tolerance (1e-11,
   * carrying 1e-3 of the scale per layer) had decayed below that noise by layer 5 and split there.
   */
  const cancelNet = (B: number, head: 'relu' | 'linear') =>
    mlpFromLayers(2, [
      { activation: 'relu', weights: [[1, 0], [1, 0]], bias: [B, B / 2] },
      { activation: 'relu', weights: [[1, 0], [0, 1]], bias: [-B, -B / 2] },
      { activation: 'relu', weights: [[1, -1], [-1, 1]], bias: [0, 0] },
      { activation: 'relu', weights: [[1, -1], [-1, 1]], bias: [0, 0] },
      ...(head === 'relu'
        ? [
            { activation: 'relu' as const, weights: [[1, -1]], bias: [0] },
            { activation: 'linear' as const, weights: [[1]], bias: [0] },
          ]
        : [{ activation: 'linear' as const, weights: [[1, -1]], bias: [0] }]),
    ]);

  it('a deep form that cancels to noise makes no kink; the one real kink (x1 = 0) is found where it is', () => {
    const rng = createRng(7);
    for (const B of [1e3, 1e6, 1e9])
      for (const head of ['relu', 'linear'] as const) {
        const mlp = cancelNet(B, head);
        const part = enumerateRegions(mlp, { box: [-1, 1, -1, 1] });
        expect([part.regionCount, part.linearRegionCount]).toEqual([2, 1]);
        for (let k = 0; k < 150; k++) {
          const from = [rng.uniform(-1, 1), rng.uniform(-1, 1)];
          const to = [rng.uniform(-1, 1), rng.uniform(-1, 1)];
          const r = linePieces(mlp, from, to);
          const crosses = Math.sign(from[0] as number) !== Math.sign(to[0] as number);
          expect([B, head, from, to, r.pieces]).toEqual([B, head, from, to, crosses ? 2 : 1]);
          expect(r.linearPieces).toBe(1);
          // the float net itself places the kink within ~u·B of x1 = 0 (fl(x + B) − B)
          const dx = Math.abs((to[0] as number) - (from[0] as number));
          if (crosses)
            expect(Math.abs((r.breakpoints[0] as number) - (from[0] as number) / ((from[0] as number) - (to[0] as number)))).toBeLessThan(
              (4 * B * 2 ** -52) / dx + 1e-12,
            );
        }
      }
  });

  it('keeps a real kink next to a large cancelling offset (term-scale tolerances dropped it)', () => {
    // x1 goes from 0.48 to −0.0063: the kink at x1 = 0 is 0.0063 from the end, 3e-12 of the 2e9 term scale
    const from = [0.4817132286578607, 0.5628411975886405];
    const to = [-0.0062605882439263905, -0.06553895039706026];
    const r = linePieces(cancelNet(1e9, 'relu'), from, to);
    expect(r.pieces).toBe(2);
    const dx = (from[0] as number) - (to[0] as number);
    expect(Math.abs((r.breakpoints[0] as number) - (from[0] as number) / dx)).toBeLessThan((4 * 1e9 * 2 ** -52) / dx);
  });

  it('deep exact constructions keep every kink where the |W|-propagated bound exceeds the values (sawtooth L = 22)', async () => {
    // a priori, rounding could reach 6^22·u ≈ 14 at the last layer while the values are 0 or ±1/2;
    // the float evaluation at these dyadic points is exact, which the sharp (error-free) bound sees
    const { sawtoothNet } = await import('./constructions.js');
    const r = linePieces(sawtoothNet(22), [0], [2 ** -10]);
    expect([r.pieces, r.linearPieces]).toEqual([4096, 4096]);
    expect(r.breakpoints.every((t, j) => t === (j + 1) / 4096)).toBe(true);
  });

  it('reports the output rounding floor (mapNoise): 0 < floor, tiny against the outputs', () => {
    const r = linePieces(ngonTowerFixture(5), [-2, 0.1], [2, 0.2]);
    expect(r.mapNoise.length).toBe(1);
    expect(r.mapNoise[0]).toBeGreaterThan(0);
    expect(r.mapNoise[0]).toBeLessThan(1e-10);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: 1D pieces along a segment = 2D regions the segment crosses (random 2-input PL nets)
// ---------------------------------------------------------------------------------------------
const PL: Activation[] = ['relu', 'leaky_relu', 'prelu', 'abs', 'hardtanh', 'maxout', 'linear'];

function randomNet2(rng: Rng): Mlp {
  const depth = 1 + rng.int(3);
  const layers: MlpJson['layers'] = [];
  let nIn = 2;
  for (let l = 0; l <= depth; l++) {
    const last = l === depth;
    const act: Activation = last ? 'linear' : (PL[rng.int(PL.length)] as Activation);
    const units = last ? 1 : 2 + rng.int(5);
    const rank = act === 'maxout' ? 2 + rng.int(2) : 1;
    const weights = Array.from({ length: units * rank }, () => Array.from({ length: nIn }, () => rng.normal(0, 1)));
    const bias = Array.from({ length: units * rank }, () => rng.normal(0, 0.7));
    const layer: MlpJson['layers'][number] = { activation: act, weights, bias };
    if (act === 'maxout') layer.rank = rank;
    if (act === 'leaky_relu') layer.alpha = 0.1;
    if (act === 'prelu') layer.alpha = Array.from({ length: units }, () => rng.uniform(-0.5, 1.5));
    layers.push(layer);
    nIn = units;
  }
  return mlpFromLayers(2, layers);
}

describe('property: linePieces agrees with enumerateRegions clipped to the segment', () => {
  it('same activation pieces and breakpoints (to 1e-9) on random 2-input PL nets (seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const rng = createRng(seed);
        const mlp = randomNet2(rng);
        const box: Box = [-2, 2, -2, 2];
        const from = [rng.uniform(-2, 2), rng.uniform(-2, 2)];
        const to = [rng.uniform(-2, 2), rng.uniform(-2, 2)];
        const r = linePieces(mlp, from, to);
        const two = partitionAlong(enumerateRegions(mlp, { box }), from, to);
        expect(r.pieces).toBe(two.pieces);
        expectClose(r.breakpoints, two.breakpoints, 1e-9);
        // the 2D pattern of each crossed region is the 1D pattern of the piece
        return true;
      }),
      { seed: 20261129, numRuns: 60 },
    );
  });
});
