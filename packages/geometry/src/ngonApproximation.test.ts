import { createRng, evaluateMlp } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { towerGridError } from './approximateError.js';
import {
  approximateWithNgonTowers,
  ngonApproximationTable,
  ngonGrid,
  ngonSkirtContribution,
  solveRidgeNormalEquations,
} from './ngonApproximation.js';
import { ngonNormal, ngonViolations } from './towersNgon.js';

const F = (x: number, y: number): number => x * x + y * y + 3;
const BOX = [-2, 2, -2, 2] as const;
const sigma = (z: number): number => 1 / (1 + Math.exp(-z));
const relu = (z: number): number => Math.max(0, z);

/** Σ_c Σ_k coef_{c,k}·step_k(x) + bias computed from the construction's formulas, not the net. */
function closedForm(
  x: number,
  y: number,
  o: { k: number; n: number; kind: 'sigmoid' | 'relu'; w: number; theta0: number; weight: (cell: number, dir: number, unit: number) => number; bias: number },
): number {
  const g = ngonGrid(BOX, o.k, o.kind, o.w);
  let s = o.bias;
  for (let c = 0; c < o.k * o.k; c++)
    for (let d = 0; d < o.n; d++) {
      const [ux, uy] = ngonNormal(d, o.n, o.theta0);
      const t = ux * (x - g.centres[2 * c]!) + uy * (y - g.centres[2 * c + 1]!);
      if (o.kind === 'sigmoid') s += o.weight(c, d, 0) * sigma(o.w * (g.apothem - t));
      else s += o.weight(c, d, 0) * relu(g.apothem + 1 / o.w - t) + o.weight(c, d, 1) * relu(g.apothem - t);
    }
  return s;
}

describe('one-hidden-layer n-gon tower approximation', () => {
  it('the net is the closed-form sum of steps at 2000 random points (hand heights f(c)/n; sigmoid and ReLU)', () => {
    const rng = createRng(11);
    const pts = new Float64Array(4000);
    for (let i = 0; i < pts.length; i++) pts[i] = rng.next() * 4 - 2;
    for (const kind of ['sigmoid', 'relu'] as const) {
      const k = 3;
      const n = 5;
      const w = kind === 'sigmoid' ? 30 : 10;
      const a = approximateWithNgonTowers(F, BOX, { grid: k, sides: n, kind, steepness: w, theta0: 0.2, fit: 'hand', gridResolution: 11, maxRegions: 1 });
      expect(a.neurons).toBe(k * k * n * (kind === 'relu' ? 2 : 1));
      expect(a.parameters).toBe(a.neurons * 3 + a.neurons + 1);
      const g = ngonGrid(BOX, k, kind, w);
      const h = (c: number): number => F(g.centres[2 * c]!, g.centres[2 * c + 1]!) / n;
      const net = evaluateMlp(a.mlp, pts);
      for (let i = 0; i < 2000; i++) {
        const expected = closedForm(pts[2 * i]!, pts[2 * i + 1]!, {
          k,
          n,
          kind,
          w,
          theta0: 0.2,
          bias: 0,
          weight: (c, _d, unit) => (kind === 'sigmoid' ? h(c) : unit === 0 ? h(c) * w : -h(c) * w),
        });
        expect(Math.abs(net[i]! - expected)).toBeLessThan(1e-9 * (1 + Math.abs(expected)));
      }
    }
  });

  it('the least-squares net evaluates to Σ β_unit·step + b with its own output weights (2000 points)', () => {
    const a = approximateWithNgonTowers(F, BOX, { grid: 2, sides: 7, steepness: 40, theta0: 0.1, gridResolution: 11, fitResolution: 30 });
    const out = a.mlp.layers[1]!;
    const rng = createRng(12);
    for (let i = 0; i < 2000; i++) {
      const x = rng.next() * 4 - 2;
      const y = rng.next() * 4 - 2;
      const expected = closedForm(x, y, { k: 2, n: 7, kind: 'sigmoid', w: 40, theta0: 0.1, bias: out.bias[0]!, weight: (c, d) => out.weights[c * 7 + d]! });
      const v = evaluateMlp(a.mlp, Float64Array.of(x, y))[0]!;
      expect(Math.abs(v - expected)).toBeLessThan(1e-9 * (1 + Math.abs(expected)));
    }
  });

  it('f constant: every hand-built plateau is nh = f, and the terraces are h·(n − V) (exact steps)', () => {
    const C = 5;
    for (const n of [5, 8, 12]) {
      const w = 1e5;
      const a = approximateWithNgonTowers(() => C, BOX, { grid: 3, sides: n, fit: 'hand', steepness: w, theta0: 0.3, gridResolution: 11 });
      const g = ngonGrid(BOX, 3, 'sigmoid', w);
      const rng = createRng(n);
      let checked = 0;
      for (let i = 0; i < 1500; i++) {
        const x = rng.next() * 4 - 2;
        const y = rng.next() * 4 - 2;
        // exact-step value: Σ_c h·(n − V_c(x)); skip points within 20/w of an edge line
        let expected = 0;
        let near = false;
        let onPlateau = -1;
        for (let c = 0; c < 9; c++) {
          const center: [number, number] = [g.centres[2 * c]!, g.centres[2 * c + 1]!];
          for (let d = 0; d < n; d++) {
            const [ux, uy] = ngonNormal(d, n, 0.3);
            if (Math.abs(ux * (x - center[0]) + uy * (y - center[1]) - g.apothem) < 20 / w) near = true;
          }
          const V = ngonViolations(x, y, { n, r: g.apothem, center, theta0: 0.3 });
          if (V === 0) onPlateau = c;
          expected += (C / n) * (n - V);
        }
        if (near) continue;
        checked++;
        const v = evaluateMlp(a.mlp, Float64Array.of(x, y))[0]!;
        expect(v).toBeCloseTo(expected, 6);
        if (onPlateau >= 0) {
          // that cell's own tower contributes its full plateau n·h = C
          const others = expected - C;
          expect(v - others).toBeCloseTo(n * (C / n), 6);
        }
      }
      expect(checked).toBeGreaterThan(1400);
    }
  });

  it('skirt contribution: n = 4 squares tile, so for f ≡ C on a 2 × 2 grid the skirt is exactly 2C everywhere', () => {
    const C = 3;
    const a = approximateWithNgonTowers(() => C, BOX, { grid: 2, sides: 4, fit: 'hand', gridResolution: 11 });
    const s = ngonSkirtContribution(a, () => C, BOX, 60);
    // other cells: same column or row → V = 1 → 3h each (2 of them), diagonal → V = 2 → 2h: (6 + 2)·C/4
    expect(s.meanSkirt).toBeCloseTo(2 * C, 9);
    expect(s.maxSkirt - s.minSkirt).toBeLessThan(1e-9);
    // n = 8: gaps at the cell corners, the skirt is no longer flat
    const b = approximateWithNgonTowers(() => C, BOX, { grid: 2, sides: 8, fit: 'hand', gridResolution: 11 });
    const t = ngonSkirtContribution(b, () => C, BOX, 60);
    expect(t.maxSkirt - t.minSkirt).toBeGreaterThan(0.1 * C);
  });

  it('least squares beats or equals the hand-built heights on the fit samples (sigmoid and ReLU)', () => {
    for (const kind of ['sigmoid', 'relu'] as const)
      for (const [k, n] of [
        [2, 4],
        [3, 6],
        [4, 8],
      ] as const) {
        const o = { grid: k, sides: n, kind, steepness: kind === 'relu' ? 20 : 200, fitResolution: 40, gridResolution: 41, maxRegions: 1 };
        const hand = approximateWithNgonTowers(F, BOX, { ...o, fit: 'hand' });
        const ls = approximateWithNgonTowers(F, BOX, { ...o, fit: 'least-squares' });
        // LS minimises ‖Φβ − y‖² + λ‖β‖², so ‖Φβ_LS − y‖² <= ‖Φβ_hand − y‖² + λ‖β_hand‖²; λ is 1e-5 of the
        // mean diagonal, so the slack is far below 1e-4 of the hand-built residual here
        expect(ls.fitRmse).toBeLessThanOrEqual(hand.fitRmse * (1 + 1e-4));
        expect(ls.rmse).toBeLessThan(hand.rmse);
      }
  });

  it('merging identical columns gives the full ridge solution (2 × 2 grid, n = 4 shares edge lines)', () => {
    const res = 20;
    const ridge = 1e-6;
    const a = approximateWithNgonTowers(F, BOX, { grid: 2, sides: 4, steepness: 50, fitResolution: res, ridge, gridResolution: 11 });
    const hidden = a.mlp.layers[0]!;
    const m = hidden.units + 1;
    const pts = new Float64Array(2 * res * res);
    for (let i = 0; i < res; i++)
      for (let j = 0; j < res; j++) {
        pts[2 * (i * res + j)] = -2 + (4 * (i + 0.5)) / res;
        pts[2 * (i * res + j) + 1] = -2 + (4 * (j + 0.5)) / res;
      }
    const A = new Float64Array(m * m);
    const b = new Float64Array(m);
    for (let p = 0; p < res * res; p++) {
      const phi: number[] = [];
      for (let u = 0; u < hidden.units; u++)
        phi.push(sigma(hidden.weights[2 * u]! * pts[2 * p]! + hidden.weights[2 * u + 1]! * pts[2 * p + 1]! + hidden.bias[u]!));
      phi.push(1);
      const y = F(pts[2 * p]!, pts[2 * p + 1]!);
      for (let i = 0; i < m; i++) {
        b[i]! += phi[i]! * y;
        for (let j = 0; j < m; j++) A[i * m + j]! += phi[i]! * phi[j]!;
      }
    }
    let trace = 0;
    for (let i = 0; i < m; i++) trace += A[i * m + i]!;
    const beta = solveRidgeNormalEquations(A, b, m, (ridge * trace) / m);
    const out = a.mlp.layers[1]!;
    for (let u = 0; u < hidden.units; u++) expect(out.weights[u]!).toBeCloseTo(beta[u]!, 4);
    expect(out.bias[0]!).toBeCloseTo(beta[m - 1]!, 4);
  });

  it('solveRidgeNormalEquations solves a small SPD system', () => {
    const A = Float64Array.of(4, 2, 0, 2, 5, 1, 0, 1, 3);
    const x = [1, -2, 0.5];
    const b = Float64Array.of(4 * 1 + 2 * -2, 2 * 1 + 5 * -2 + 0.5, -2 + 1.5);
    const got = solveRidgeNormalEquations(Float64Array.from(A), b, 3, 0);
    for (let i = 0; i < 3; i++) expect(got[i]!).toBeCloseTo(x[i]!, 12);
  });

  it('f = x1² + x2² + 3 on [-2, 2]²: least-squares errors fall as k grows (k = 2, 4, 6; n = 8)', () => {
    const rows = ngonApproximationTable(F, BOX, { grids: [2, 4, 6], sides: [8], gridResolution: 81, fitResolution: 41, skirtResolution: 41, keepNets: true });
    // the kept least-squares net is the one measured: its error on the 81² grid corners matches
    const last = rows[2]!;
    expect(towerGridError(last.nets!.leastSquares, F, BOX, 81).supError).toBeCloseTo(last.leastSquares.supError, 12);
    expect(rows.map((r) => r.neurons)).toEqual([32, 128, 288]);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.leastSquares.supError).toBeLessThan(rows[i - 1]!.leastSquares.supError);
      expect(rows[i]!.leastSquares.rmse).toBeLessThan(rows[i - 1]!.leastSquares.rmse);
      // hand-built: the skirts of more towers pile up (theory §3.4), the error grows with k
      expect(rows[i]!.hand.rmse).toBeGreaterThan(rows[i - 1]!.hand.rmse);
      expect(rows[i]!.skirt.meanSkirt).toBeGreaterThan(rows[i - 1]!.skirt.meanSkirt);
    }
    for (const r of rows) expect(r.leastSquares.supErrorKind).toBe('estimated');
  });

  it('ReLU ramps: the certified sup error bounds a fine-grid maximum and is close to it', () => {
    const a = approximateWithNgonTowers(F, BOX, { grid: 2, sides: 6, kind: 'relu', steepness: 10, curvatureBound: 2, fitResolution: 40 });
    expect(a.supErrorKind).toBe('certified');
    expect(a.method).toBe('regions');
    const grid = towerGridError(a.mlp, F, BOX, 201);
    expect(grid.supError).toBeLessThanOrEqual(a.supError + 1e-12);
    expect(a.supErrorLower).toBeLessThanOrEqual(a.supError);
    expect(a.supError).toBeLessThan(grid.supError * 1.05);
  });

  it('rejects bad input with messages naming the field', () => {
    expect(() => approximateWithNgonTowers(F, BOX, { sides: 2 })).toThrow(/invalid sides/);
    expect(() => approximateWithNgonTowers(F, BOX, { grid: 0 })).toThrow(/invalid grid/);
    expect(() => approximateWithNgonTowers(F, [1, -1, 0, 1], {})).toThrow(/invalid box/);
    expect(() => approximateWithNgonTowers(F, BOX, { fit: 'magic' as 'hand' })).toThrow(/invalid fit/);
    expect(() => approximateWithNgonTowers(F, BOX, { kind: 'relu', steepness: 0.1 })).toThrow(/ramp width/);
    expect(() => approximateWithNgonTowers(() => Number.NaN, BOX, {})).toThrow(/not finite/);
    const ls = approximateWithNgonTowers(F, BOX, { grid: 2, sides: 4, gridResolution: 11 });
    expect(() => ngonSkirtContribution(ls, F, BOX)).toThrow(/hand-built/);
  });
});
