import { createRng, evaluatePoint } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { polytopeNormals, polytopeTowerNet, polytopeViolations, towerGrowthTable } from './towersNd.js';

describe('towers in m dimensions', () => {
  it('polytope normals are unit vectors; simplex normals have ⟨u_i, u_j⟩ = −1/m and sum to 0', () => {
    for (let m = 1; m <= 4; m++) {
      for (const shape of ['cube', 'simplex', 'cross'] as const)
        for (const u of polytopeNormals(m, shape)) expect(Math.hypot(...u)).toBeCloseTo(1, 14);
      const s = polytopeNormals(m, 'simplex');
      if (m > 1) {
        expect(s.length).toBe(m + 1);
        expect(s[0]!.reduce((a, x, i) => a + x * s[1]![i]!, 0)).toBeCloseTo(-1 / m, 14);
        for (let i = 0; i < m; i++) expect(s.reduce((a, u) => a + u[i]!, 0)).toBeCloseTo(0, 14);
      }
    }
  });

  it('thresholded polytope towers are the indicator of the polytope (m = 1…4, 400 points each)', () => {
    const rng = createRng(8);
    for (let m = 1; m <= 4; m++)
      for (const shape of ['cube', 'simplex', 'cross'] as const) {
        const normals = polytopeNormals(m, shape);
        const relu = polytopeTowerNet({ m, shape, kind: 'relu', threshold: 'relu', steepness: 1e5 });
        const sig = polytopeTowerNet({ m, shape, threshold: 'sigmoid' });
        const plain = polytopeTowerNet({ m, shape, kind: 'relu', steepness: 1e6 });
        for (let t = 0; t < 400; t++) {
          const x: number[] = [];
          for (let i = 0; i < m; i++) x.push(rng.uniform(-2, 2));
          const margin = Math.min(...normals.map((u) => Math.abs(u.reduce((a, ui, i) => a + ui * x[i]!, 0) - 1)));
          if (margin < 0.01) continue;
          const v = polytopeViolations(x, normals);
          expect(Math.abs(evaluatePoint(relu, x)[0]! - (v === 0 ? 1 : 0))).toBeLessThan(1e-9);
          expect(Math.abs(evaluatePoint(sig, x)[0]! - (v === 0 ? 1 : 0))).toBeLessThan(1e-9);
          // without threshold: n − V terraces
          expect(Math.abs(evaluatePoint(plain, x)[0]! - (normals.length - v))).toBeLessThan(1e-6);
        }
      }
  });

  it('growth table: k^m towers, (m − ½) thresholds, far-field skirts near ½ of the plateau', () => {
    const rows = towerGrowthTable([1, 2, 3, 4], 8, 400);
    expect(rows.map((r) => r.gridTowers)).toEqual([8, 64, 512, 4096]);
    expect(rows.map((r) => r.boxThreshold)).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(rows.map((r) => r.facets.cross)).toEqual([2, 4, 8, 16]);
    expect(rows[1]!.gridParametersSigmoid).toBe(1335); // = approximateWithTowers sigmoid k = 8
    for (const r of rows) expect(Math.abs(r.cubeFarField - 0.5)).toBeLessThan(0.03);
  });
});
