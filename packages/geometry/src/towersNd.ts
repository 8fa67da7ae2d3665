import { createRng, evaluateMlp, InputError, type Mlp, mlpFromLayers } from '@tessera/nn-core';
import { type TowerKind, towerCheckNumber } from './towers1d.js';
import { halfSpaceTowerLayers } from './towersHalfSpaces.js';

/** Polytopes for one-hidden-layer towers in m dimensions. */
export type PolytopeShape = 'cube' | 'simplex' | 'cross';

/**
 * Unit outer facet normals of a regular polytope centred at 0 with inradius r:
 * cube ±e_i (2m facets), cross-polytope (±1, …, ±1)/√m (2^m facets), simplex (m + 1 facets,
 * pairwise ⟨u_i, u_j⟩ = −1/m, Σ u_k = 0).
 */
export function polytopeNormals(m: number, shape: PolytopeShape): number[][] {
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new InputError(`invalid dimension m: expected an integer in 1…12, got ${m}`);
  if (shape === 'cube' || (shape === 'cross' && m === 1) || (shape === 'simplex' && m === 1)) {
    const out: number[][] = [];
    for (let i = 0; i < m; i++)
      for (const s of [1, -1]) {
        const u = new Array<number>(m).fill(0);
        u[i] = s;
        out.push(u);
      }
    return out;
  }
  if (shape === 'cross') {
    const out: number[][] = [];
    for (let mask = 0; mask < 2 ** m; mask++) {
      const u: number[] = [];
      for (let i = 0; i < m; i++) u.push((mask >> i) & 1 ? -1 / Math.sqrt(m) : 1 / Math.sqrt(m));
      out.push(u);
    }
    return out;
  }
  if (shape === 'simplex') {
    // centred standard basis of R^{m+1}, in an orthonormal basis of the hyperplane Σ = 0
    const basis: number[][] = [];
    for (let j = 0; j < m; j++) {
      const v = new Array<number>(m + 1).fill(0);
      v[j] = 1;
      v[m] = -1;
      for (const b of basis) {
        const d = v.reduce((s, x, i) => s + x * b[i]!, 0);
        for (let i = 0; i <= m; i++) v[i]! -= d * b[i]!;
      }
      const n = Math.hypot(...v);
      basis.push(v.map((x) => x / n));
    }
    const out: number[][] = [];
    for (let k = 0; k <= m; k++) {
      const e = new Array<number>(m + 1).fill(-1 / (m + 1));
      e[k]! += 1;
      const u = basis.map((b) => b.reduce((s, x, i) => s + x * e[i]!, 0));
      const n = Math.hypot(...u);
      out.push(u.map((x) => x / n));
    }
    return out;
  }
  throw new InputError(`invalid shape: expected "cube", "simplex" or "cross", got ${JSON.stringify(shape)}`);
}

export interface PolytopeTowerOptions {
  m: number;
  shape?: PolytopeShape;
  /** Inradius (distance from the centre to each facet). Default 1. */
  r?: number;
  kind?: TowerKind;
  steepness?: number;
  height?: number;
  /** As for n-gon towers: 'none' (skirts), 'sigmoid' (t = n − ½) or 'relu' (relu(Σρ − (n − 1))). */
  threshold?: 'none' | 'sigmoid' | 'relu';
  gain?: number;
}

/**
 * A one-hidden-layer polytope tower in m dimensions: one step per facet towards the centre
 * (2 ReLUs for the ramp version), summed (plateau n·h inside, terraces outside), optionally cut
 * to the polytope by a thresholding output, exactly like the n-gon towers of theory §3.
 */
export function polytopeTowerNet(options: PolytopeTowerOptions): Mlp {
  const shape = options.shape ?? 'cube';
  const normals = polytopeNormals(options.m, shape);
  const r = towerCheckNumber(options.r ?? 1, 'r', true);
  const { layers, kind, steepness: w, height: h, gain, threshold } = halfSpaceTowerLayers(normals, normals.map(() => r), options);
  return mlpFromLayers(options.m, layers, {
    name: `${kind} ${shape} tower in ${options.m} dimensions`,
    meta: { construction: { type: 'polytope-tower', shape, m: options.m, r, kind, steepness: w, height: h, threshold, gain } },
  });
}

/** How many facet half-spaces ⟨u, x⟩ <= r the point violates. */
export function polytopeViolations(x: readonly number[], normals: readonly number[][], r = 1): number {
  let v = 0;
  for (const u of normals) if (u.reduce((s, ui, i) => s + ui * x[i]!, 0) > r) v++;
  return v;
}

/** One row of {@link towerGrowthTable}. */
export interface TowerGrowthRow {
  m: number;
  /** Grid towers (two hidden layers): k^m towers, m(k + 1) shared sigmoid steps (2m(k+1) ReLUs). */
  gridTowers: number;
  gridNeuronsSigmoid: number;
  gridNeuronsRelu: number;
  gridParametersSigmoid: number;
  /** Facets (= hidden units of a one-hidden-layer sigmoid polytope tower) of cube, simplex, cross. */
  facets: { cube: number; simplex: number; cross: number };
  /** Second-layer / output threshold for an m-box tower: (m − ½)·h, in units of h. */
  boxThreshold: number;
  /** Far-field level / plateau of the unthresholded cube tower, measured (theory ½). */
  cubeFarField: number;
  /** Far-field level / plateau of the unthresholded simplex tower, measured. */
  simplexFarField: number;
}

/**
 * Growth with the input dimension m (default 1…4) for a k-per-axis grid (default 8): k^m towers,
 * the shared first layer, parameters; facet counts of one-hidden-layer polytope towers; and the
 * skirts' far-field level measured on the networks along `samples` random directions at 100 r.
 */
export function towerGrowthTable(ms: readonly number[] = [1, 2, 3, 4], k = 8, samples = 2000, seed = 1): TowerGrowthRow[] {
  const rng = createRng(seed);
  const farField = (m: number, shape: PolytopeShape): number => {
    const net = polytopeTowerNet({ m, shape, steepness: 1e4 });
    const n = net.layers[0]!.units;
    const pts = new Float64Array(samples * m);
    for (let s = 0; s < samples; s++) {
      let norm = 0;
      for (let i = 0; i < m; i++) {
        const g = rng.normal();
        pts[s * m + i] = g;
        norm += g * g;
      }
      for (let i = 0; i < m; i++) pts[s * m + i]! *= 100 / Math.sqrt(norm);
    }
    const y = evaluateMlp(net, pts, samples);
    let sum = 0;
    for (let s = 0; s < samples; s++) sum += y[s]!;
    return sum / samples / n;
  };
  return ms.map((m) => {
    const towers = k ** m;
    const steps = m * (k + 1);
    return {
      m,
      gridTowers: towers,
      gridNeuronsSigmoid: steps + towers,
      gridNeuronsRelu: 2 * steps + towers,
      // layer 1: steps·(m + 1); layer 2: towers·(steps + 1); output: towers + 1
      gridParametersSigmoid: steps * (m + 1) + towers * (steps + 1) + towers + 1,
      facets: { cube: 2 * m, simplex: m + 1, cross: 2 ** m },
      boxThreshold: m - 0.5,
      cubeFarField: farField(m, 'cube'),
      simplexFarField: farField(m, 'simplex'),
    };
  });
}
