import { createRng, evaluateMlp, evaluatePoint } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { approximateWithTowers, towerErrorTable, towerNetSize } from './approximate.js';
import { towerApproximationError, towerEvaluateSparse } from './approximateError.js';

const quad = (x: number, y: number): number => x * x + y * y + 3;
const BOX = [-2, 2, -2, 2] as const;

/** P1 interpolant on the grid triangulated along u − v = const, computed directly (independent). */
function p1(f: (x: number, y: number) => number, box: readonly number[], k: number, x: number, y: number): number {
  const dx = (box[1]! - box[0]!) / k;
  const dy = (box[3]! - box[2]!) / k;
  const u = (x - box[0]!) / dx;
  const v = (y - box[2]!) / dy;
  const i = Math.min(k - 1, Math.floor(u));
  const j = Math.min(k - 1, Math.floor(v));
  const a = u - i;
  const b = v - j;
  const F = (p: number, q: number): number => f(box[0]! + p * dx, box[2]! + q * dy);
  // lower triangle (a >= b): (0,0), (1,0), (1,1); upper: (0,0), (1,1), (0,1)
  if (a >= b) return (1 - a) * F(i, j) + (a - b) * F(i + 1, j) + b * F(i + 1, j + 1);
  return (1 - b) * F(i, j) + (b - a) * F(i, j + 1) + a * F(i + 1, j + 1);
}

describe('approximateWithTowers', () => {
  it('ReLU pyramid towers (2 hidden layers) are exactly the P1 interpolant of f (3000 points, 1e-9)', () => {
    const f = (x: number, y: number): number => Math.sin(2 * x) * Math.cos(y) + 0.3 * x * y;
    const box = [-1, 2, 0, 1.5] as const;
    const a = approximateWithTowers(f, box, { grid: 7 });
    expect(a.shape).toBe('pyramid');
    expect(a.neurons).toBe((7 + 1) ** 2 + 8 * 7 + 6);
    const rng = createRng(9);
    const pts = new Float64Array(6000);
    for (let i = 0; i < 3000; i++) {
      pts[2 * i] = -1 + 3 * rng.next();
      pts[2 * i + 1] = 1.5 * rng.next();
    }
    const y = evaluateMlp(a.mlp, pts);
    for (let i = 0; i < 3000; i++)
      expect(Math.abs(y[i]! - p1(f, box, 7, pts[2 * i]!, pts[2 * i + 1]!))).toBeLessThan(1e-9);
  });

  it('certifies the sup error of x1² + x2² + 3: the truth Δ²/2 lies in [lower, upper], upper within 1.1 %', () => {
    for (const k of [2, 4, 8, 16]) {
      const a = approximateWithTowers(quad, BOX, { grid: k, curvatureBound: 2 });
      const truth = (4 / k) ** 2 / 2; // max over a right triangle of Σλ|x − v|² = R² = Δ²/2
      expect(a.supErrorKind).toBe('certified');
      expect(a.supErrorLower).toBeLessThanOrEqual(truth + 1e-12);
      expect(a.supErrorLower).toBeGreaterThan(truth * (1 - 1e-9));
      expect(a.supError).toBeGreaterThanOrEqual(truth);
      expect(a.supError).toBeLessThan(truth * 1.011);
      expect(a.activationRegions).toBe(2 * k * k);
    }
  });

  it('the certified bound holds for a non-quadratic f against a 401 × 401 brute-force grid', () => {
    const f = (x: number, y: number): number => Math.sin(x) + Math.cos(y); // |Hessian| <= 1
    const a = approximateWithTowers(f, [0, 3, 0, 3], { grid: 5, curvatureBound: 1 });
    const pts = new Float64Array(2 * 401 * 401);
    for (let i = 0; i <= 400; i++)
      for (let j = 0; j <= 400; j++) {
        pts[2 * (i * 401 + j)] = (3 * i) / 400;
        pts[2 * (i * 401 + j) + 1] = (3 * j) / 400;
      }
    const net = evaluateMlp(a.mlp, pts);
    let brute = 0;
    for (let p = 0; p < 401 * 401; p++) brute = Math.max(brute, Math.abs(net[p]! - f(pts[2 * p]!, pts[2 * p + 1]!)));
    expect(brute).toBeLessThanOrEqual(a.supError);
    expect(a.supErrorLower).toBeGreaterThanOrEqual(brute - 1e-3);
    expect(a.supError / brute).toBeLessThan(1.03);
  });

  it('one hidden layer captures only the additive part: exact for separable f, blind to x·y', () => {
    const sep = approximateWithTowers(quad, BOX, { grid: 8, hiddenLayers: 1, curvatureBound: 2 });
    expect(sep.shape).toBe('cross');
    expect(sep.neurons).toBe(16);
    expect(sep.supErrorLower).toBeCloseTo(0.125, 9); // two 1-D interpolation errors of Δ²/4
    const xy = approximateWithTowers((x, y) => x * y, BOX, { grid: 8, hiddenLayers: 1, curvatureBound: 1 });
    expect(xy.supErrorLower).toBeCloseTo(4, 9); // the additive part of x·y on a symmetric box is 0
  });

  it("box towers keep Nielsen's failure windows: the net drops to 0 where four towers meet", () => {
    const r = approximateWithTowers(quad, BOX, { grid: 4, shape: 'box', steepness: 100, curvatureBound: 2, margin: false });
    // grid vertex (0, 0): x and y are both half-way up a ramp → every tower is relu(½ + ½ − 1) = 0
    expect(evaluatePoint(r.mlp, [0.005, 0.005])[0]).toBeCloseTo(0, 12);
    expect(r.supErrorLower).toBeGreaterThan(quad(2, 2) - 0.1);
    const s = approximateWithTowers(quad, BOX, { grid: 4, kind: 'sigmoid', gridResolution: 201, margin: false });
    expect(s.supErrorKind).toBe('estimated');
    expect(s.supError).toBeGreaterThan(0.9 * 11);
    // the rms error still shrinks with k (the windows have vanishing area)
    const s8 = approximateWithTowers(quad, BOX, { grid: 8, kind: 'sigmoid', gridResolution: 201, margin: false });
    expect(s8.rmse).toBeLessThan(s.rmse);
  });

  it('the margin makes the whole box edge a full-height plateau (sigmoid and ReLU box towers)', () => {
    for (const kind of ['sigmoid', 'relu'] as const) {
      const w = 1000;
      const on = approximateWithTowers(quad, BOX, { grid: 8, kind, shape: 'box', steepness: w, gridResolution: 41 });
      const off = approximateWithTowers(quad, BOX, { grid: 8, kind, shape: 'box', steepness: w, gridResolution: 41, margin: false });
      expect(on.margin).toBeCloseTo(kind === 'sigmoid' ? 5 / w : 1 / w, 15);
      expect(on.tiled).toEqual([-2 - on.margin, 2 + on.margin, -2 - on.margin, 2 + on.margin]);
      // 400 points on the boundary (corners included): the net is the height of the tower whose
      // cell holds the point (f at its centre, inside the box), within σ(−5) ≈ 0.7 % (sigmoid),
      // exactly for ReLU away from interior ramps
      const dx = (on.tiled[1] - on.tiled[0]) / 8;
      const cell = (t: number): number => on.tiled[0] + (Math.min(7, Math.floor((t - on.tiled[0]) / dx)) + 0.5) * dx;
      let worst = 0;
      let worstOff = 0;
      for (let i = 0; i < 100; i++) {
        const t = -2 + (4 * i) / 100;
        for (const [x, y] of [[t, -2], [2, t], [-t, 2], [-2, -t]] as const) {
          // skip the interior step bands crossing the edge (not a boundary effect)
          const along = x === 2 || x === -2 ? y : x;
          const fr = ((along - on.tiled[0]) / dx) % 1;
          if (Math.min(fr, 1 - fr) * dx < 10 / w) continue;
          const h = quad(cell(x), cell(y));
          worst = Math.max(worst, Math.abs(evaluatePoint(on.mlp, [x, y])[0]! / h - 1));
          worstOff = Math.max(worstOff, Math.abs(evaluatePoint(off.mlp, [x, y])[0]! / h - 1));
        }
      }
      expect(worst).toBeLessThan(kind === 'sigmoid' ? 0.015 : 1e-9);
      // without the margin the edge is at half height (sigmoid) or zero (ReLU, left/bottom edges)
      expect(worstOff).toBeGreaterThan(0.45);
      // the box corner (2, 2): full tower with the margin, at most a quarter/nothing without
      const c = evaluatePoint(on.mlp, [2, 2])[0]!;
      expect(Math.abs(c / quad(cell(2), cell(2)) - 1)).toBeLessThan(kind === 'sigmoid' ? 0.015 : 1e-9);
    }
  });

  it('M copies: the net is the sum of the M shifted single-copy nets, closed form at 2000 points', () => {
    const rng = createRng(7);
    for (const kind of ['sigmoid', 'relu'] as const) {
      const k = 4;
      const M = 3;
      const w = 200;
      const g = 20;
      const a = approximateWithTowers(quad, BOX, { grid: k, kind, shape: 'box', steepness: w, copies: M, gridResolution: 21 });
      expect(a.copies).toBe(M);
      // copy 0: (k + 1) lines per axis, k² towers; copies 1…M−1: k + 2 lines, (k + 1)² towers
      const per = kind === 'sigmoid' ? 1 : 2;
      expect(a.neurons).toBe(per * 2 * (k + 1) + k * k + (M - 1) * (per * 2 * (k + 2) + (k + 1) * (k + 1)));
      const [t0, t1] = a.tiled;
      const d = (t1 - t0) / k;
      const sig = (z: number): number => 1 / (1 + Math.exp(-z));
      const step = (t: number, s: number): number =>
        kind === 'sigmoid' ? sig(w * (t - s)) : Math.min(1, Math.max(0, w * (t - s)));
      const clamp = (v: number): number => Math.min(2, Math.max(-2, v));
      const closed = (x: number, y: number): number => {
        let sum = 0;
        for (let m = 0; m < M; m++) {
          const lines: number[] = [];
          for (let i = m === 0 ? 0 : -1; i <= k; i++) lines.push(t0 + (i + m / M) * d);
          for (let i = 0; i + 1 < lines.length; i++)
            for (let j = 0; j + 1 < lines.length; j++) {
              const bx = step(x, lines[i]!) - step(x, lines[i + 1]!);
              const by = step(y, lines[j]!) - step(y, lines[j + 1]!);
              const tower = kind === 'sigmoid' ? sig(g * (bx + by) - 1.5 * g) : Math.max(0, bx + by - 1);
              const h = quad(clamp((lines[i]! + lines[i + 1]!) / 2), clamp((lines[j]! + lines[j + 1]!) / 2)) / M;
              sum += h * tower;
            }
        }
        return sum;
      };
      const pts = new Float64Array(4000);
      for (let p = 0; p < 4000; p++) pts[p] = -2.2 + 4.4 * rng.next();
      const net = evaluateMlp(a.mlp, pts, 2000);
      for (let p = 0; p < 2000; p++) expect(net[p]!).toBeCloseTo(closed(pts[2 * p]!, pts[2 * p + 1]!), 9);
      // the sparse evaluator used by the grid error estimate gives the same values
      const sparse = towerEvaluateSparse(a.mlp, pts, 2000);
      for (let p = 0; p < 2000; p++) expect(Math.abs(sparse[p]! - net[p]!)).toBeLessThan(1e-12 * (1 + Math.abs(net[p]!)));
    }
  });

  it("M = 4 copies cut the failure windows' sup error by a clear factor (sigmoid, k = 8, w = 1000)", () => {
    const o = { grid: 8, kind: 'sigmoid', steepness: 1000, gridResolution: 101 } as const;
    const one = approximateWithTowers(quad, BOX, o);
    const four = approximateWithTowers(quad, BOX, { ...o, copies: 4 });
    // M = 1: the interior corner nearest (2, 2) has f = 2·1.5² + 3 ≈ 7.5 and the net ≈ 0 there
    expect(one.supError).toBeGreaterThan(7);
    // M = 4: at most one copy fails anywhere → ≤ 11/4 + plateau error ≈ 2.75 + 0.5
    expect(four.supError).toBeLessThan(3.3);
    expect(one.supError / four.supError).toBeGreaterThan(2.5);
    expect(four.rmse).toBeLessThan(one.rmse / 2);
    expect(() => approximateWithTowers(quad, BOX, { copies: 2 })).toThrow('invalid copies 2');
    expect(() => approximateWithTowers(quad, BOX, { ...o, copies: 0 })).toThrow('invalid copies');
  });

  it('the error table converges like k⁻² = O(1/N): rate in k ≈ 2', () => {
    const rows = towerErrorTable(quad, BOX, { grids: [4, 8, 16], curvatureBound: 2 });
    for (const r of rows.slice(1)) expect(Math.abs((r.rateInGrid ?? 0) - 2)).toBeLessThan(0.02);
    expect(rows[2]!.neurons).toBe(towerNetSize(approximateWithTowers(quad, BOX, { grid: 16 }).mlp).neurons);
  });

  it('reports the error of any 2-input net; regions from the enumerator agree with the splitter', () => {
    const a = approximateWithTowers(quad, BOX, { grid: 4, curvatureBound: 2 });
    const e1 = towerApproximationError(a.mlp, quad, BOX, { curvatureBound: 2, regionSource: 'splitter' });
    const e2 = towerApproximationError(a.mlp, quad, BOX, { curvatureBound: 2, regionSource: 'enumerator' });
    expect(e1.supError).toBe(a.supError);
    expect(e2.supError).toBeCloseTo(e1.supError, 12);
    // 2k² triangles; for a separable f the two triangles of each cell share one affine map
    expect([e1.activationRegions, e1.linearRegions]).toEqual([32, 16]);
    expect([e2.activationRegions, e2.linearRegions]).toEqual([32, 16]);
  });

  it('rejects a bad box, grid or kind with a clear message', () => {
    expect(() => approximateWithTowers(quad, [1, 0, 0, 1])).toThrow('invalid box: xmin (1) must be less than xmax (0)');
    expect(() => approximateWithTowers(quad, BOX, { grid: 1 })).toThrow('invalid grid');
    expect(() => approximateWithTowers(quad, BOX, { kind: 'tanh' as never })).toThrow('invalid kind');
    expect(() => approximateWithTowers(() => Number.NaN, BOX)).toThrow(/is not finite/);
  });
});
