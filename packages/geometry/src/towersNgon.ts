import { evaluateMlp, InputError, type Mlp, mlpFromLayers } from '@tessera/nn-core';
import { towerClipPolygon, towerPolygonArea } from './approximatePieces.js';
import { type TowerKind, towerCheckNumber } from './towers1d.js';
import { halfSpaceTowerLayers } from './towersHalfSpaces.js';

export interface NgonTowerOptions {
  /** Number of sides n >= 3. */
  n: number;
  /** Apothem r (distance from the centre to each edge). Default 1. */
  r?: number;
  /** Centre. Default [0, 0]. */
  center?: readonly [number, number];
  /** Direction of the first edge normal, radians. Default 0.1 (so no weight is exactly 0). */
  theta0?: number;
  /** 'sigmoid' steps or exact 'relu' ramps (1 inside the edge line, 0 beyond r + 1/steepness). */
  kind?: TowerKind;
  /** Step steepness w. Default 1000. */
  steepness?: number;
  /** Output weight per step (the terrace height h). Default 1. */
  height?: number;
  /**
   * 'none': one hidden layer, linear output h·Σ steps (the tower with skirts, theory §3.2).
   * 'sigmoid': output σ(gain·(Σ a_k − (n − ½))) (§3.3). 'relu': output relu(Σ ρ_k − (n − 1)), the
   * exact ReLU threshold (§4.2). Default 'none'.
   */
  threshold?: 'none' | 'sigmoid' | 'relu';
  /** Gain of the sigmoid threshold. Default 50. */
  gain?: number;
}

interface NgonParams {
  n: number;
  r: number;
  cx: number;
  cy: number;
  theta0: number;
}

function ngonParams(o: NgonTowerOptions): NgonParams {
  const n = o.n;
  if (!Number.isInteger(n) || n < 3) throw new InputError(`invalid n: expected an integer >= 3, got ${n}`);
  const r = towerCheckNumber(o.r ?? 1, 'r', true);
  const c = o.center ?? [0, 0];
  towerCheckNumber(c[0], 'center[0]');
  towerCheckNumber(c[1], 'center[1]');
  const theta0 = towerCheckNumber(o.theta0 ?? 0.1, 'theta0');
  return { n, r, cx: c[0], cy: c[1], theta0 };
}

/** Edge normal k of the regular n-gon: θ_k = θ0 + 2πk/n. */
export function ngonNormal(k: number, n: number, theta0: number): [number, number] {
  const t = theta0 + (2 * Math.PI * k) / n;
  return [Math.cos(t), Math.sin(t)];
}

/**
 * One hidden layer of n steps towards the centre, one per edge direction (theory §3.1):
 * sigmoid a_k = σ(w(r − ⟨u_k, x − c⟩)), i.e. row −w·u_k, bias w(r + ⟨u_k, c⟩); or the ReLU ramp
 * ρ_k = (relu(r + δ − t) − relu(r − t))/δ with t = ⟨u_k, x − c⟩ (2 ReLUs, δ = 1/w).
 * None of the 2n (or 4n) first-layer weights is zero unless θ_k is a multiple of π/2.
 */
export function ngonTowerNet(options: NgonTowerOptions): Mlp {
  const p = ngonParams(options);
  const normals: number[][] = [];
  const offsets: number[] = [];
  for (let k = 0; k < p.n; k++) {
    const [ux, uy] = ngonNormal(k, p.n, p.theta0);
    normals.push([ux, uy]);
    offsets.push(p.r + (ux * p.cx + uy * p.cy)); // ⟨u, x − c⟩ <= r
  }
  const { layers, kind, steepness: w, height: h, gain, threshold } = halfSpaceTowerLayers(normals, offsets, options);
  return mlpFromLayers(2, layers, {
    name: `${kind} ${p.n}-gon tower (${threshold === 'none' ? 'with skirts' : `${threshold} threshold`})`,
    meta: { construction: { type: 'ngon-tower', kind, n: p.n, r: p.r, center: [p.cx, p.cy], theta0: p.theta0, steepness: w, height: h, threshold, gain } },
  });
}

/**
 * V(x): how many of the n edge half-planes ⟨u_k, x − c⟩ <= r the point violates. With exact steps
 * the unthresholded tower is h·(n − V) (theory §3.1).
 */
export function ngonViolations(x: number, y: number, options: Pick<NgonTowerOptions, 'n' | 'r' | 'center' | 'theta0'>): number {
  const p = ngonParams(options);
  let v = 0;
  for (let k = 0; k < p.n; k++) {
    const [ux, uy] = ngonNormal(k, p.n, p.theta0);
    if (ux * (x - p.cx) + uy * (y - p.cy) > p.r) v++;
  }
  return v;
}

/**
 * The angular mean of the skirt at distance ρ from the centre (theory §3.2, exact for exact steps):
 * nh for ρ <= r, nh(1 − arccos(r/ρ)/π) beyond; it tends to nh/2 like nh·r/(πρ).
 */
export function ngonSkirtMean(rho: number, n: number, r = 1, h = 1): number {
  if (rho <= r) return n * h;
  return n * h * (1 - Math.acos(r / rho) / Math.PI);
}

/** Area of the regular n-gon of apothem r: n r² tan(π/n). */
export function ngonArea(n: number, r = 1): number {
  return n * r * r * Math.tan(Math.PI / n);
}

/** Area ratio n-gon / inscribed disc: (n/π)·tan(π/n). */
export function ngonAreaRatio(n: number): number {
  return (n / Math.PI) * Math.tan(Math.PI / n);
}

/** Hausdorff distance between the n-gon of apothem r and its inscribed disc: r(sec(π/n) − 1). */
export function ngonHausdorffGap(n: number, r = 1): number {
  return r * (1 / Math.cos(Math.PI / n) - 1);
}

/**
 * The tower's plateau read from the network: the intersection of the half-planes where each step
 * is fully "on". Sigmoid hidden units: {z_k >= 0} for units with positive coefficient in the output;
 * ReLU ramp pairs: {z >= 0} of the unit with the negative coefficient (where the ramp has reached 1).
 * Works for the one-hidden-layer nets of {@link ngonTowerNet} (any threshold). Returns a flat CCW polygon.
 */
export function ngonPlateauPolygon(mlp: Mlp, extent = 1e4): Float64Array {
  const hidden = mlp.layers[0]!;
  const out = mlp.layers[1]!;
  if (mlp.inputDim !== 2 || mlp.layers.length !== 2 || out.rows !== 1)
    throw new InputError('ngonPlateauPolygon needs a 2-input network with one hidden layer and one output');
  const positive = hidden.activation === 'sigmoid';
  let poly: number[] | null = [-extent, -extent, extent, -extent, extent, extent, -extent, extent];
  for (let k = 0; k < hidden.rows && poly; k++) {
    const coef = out.weights[k]!;
    if (positive ? coef <= 0 : coef >= 0) continue;
    poly = towerClipPolygon(poly, hidden.weights[2 * k]!, hidden.weights[2 * k + 1]!, hidden.bias[k]!, 1);
  }
  if (!poly) throw new InputError('the plateau is empty');
  return Float64Array.from(poly);
}

/**
 * Measures a plateau polygon against the disc of radius r about c: area, area ratio, apothem
 * (min distance from c to an edge line) and Hausdorff distance (max vertex distance − r, valid
 * when the polygon contains the disc, i.e. apothem >= r).
 */
export function ngonMeasure(
  coords: ArrayLike<number>,
  r: number,
  center: readonly [number, number] = [0, 0],
): { area: number; areaRatio: number; apothem: number; circumradius: number; hausdorff: number } {
  const n = coords.length / 2;
  let circ = 0;
  let apo = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const x0 = coords[2 * i]! - center[0];
    const y0 = coords[2 * i + 1]! - center[1];
    const x1 = coords[2 * j]! - center[0];
    const y1 = coords[2 * j + 1]! - center[1];
    circ = Math.max(circ, Math.hypot(x0, y0));
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (len > 0) apo = Math.min(apo, Math.abs(x0 * y1 - x1 * y0) / len);
  }
  const area = Math.abs(towerPolygonArea(coords));
  return { area, areaRatio: area / (Math.PI * r * r), apothem: apo, circumradius: circ, hausdorff: circ - r };
}

/** One row of {@link ngonTable}. */
export interface NgonRow {
  n: number;
  /** Measured from the ReLU-thresholded network's plateau polygon. */
  areaRatio: number;
  areaRatioTheory: number;
  hausdorff: number;
  hausdorffTheory: number;
  /** Skirt (no threshold) angular means measured on the sigmoid network, in units of nh. */
  skirt: Array<{ rho: number; measured: number; theory: number }>;
  /** Far-field level / (nh) at ρ = 100 r (theory → ½). */
  farField: number;
}

/**
 * n-gon towers vs the disc for each n: area ratio and Hausdorff gap measured from the ReLU
 * threshold network's exact plateau polygon, and the unthresholded skirt's angular means measured
 * by evaluating the sigmoid network (w = 1e4) on `angles` rays, against theory §3.2–3.3.
 */
export function ngonTable(
  ns: readonly number[] = [4, 8, 16, 32, 64],
  options: { r?: number; rhos?: readonly number[]; angles?: number } = {},
): NgonRow[] {
  const r = options.r ?? 1;
  const rhos = options.rhos ?? [1.05, 1.5, 2, 4, 8];
  const angles = options.angles ?? 3600;
  return ns.map((n) => {
    const relu = ngonTowerNet({ n, r, kind: 'relu', threshold: 'relu' });
    const m = ngonMeasure(ngonPlateauPolygon(relu), r);
    const skirtNet = ngonTowerNet({ n, r, kind: 'sigmoid', steepness: 1e4 });
    const mean = (rho: number): number => {
      const pts = new Float64Array(2 * angles);
      for (let a = 0; a < angles; a++) {
        const t = (2 * Math.PI * (a + 0.5)) / angles;
        pts[2 * a] = rho * Math.cos(t);
        pts[2 * a + 1] = rho * Math.sin(t);
      }
      const v = evaluateMlp(skirtNet, pts, angles);
      let s = 0;
      for (let a = 0; a < angles; a++) s += v[a]!;
      return s / angles / n;
    };
    return {
      n,
      areaRatio: m.areaRatio,
      areaRatioTheory: ngonAreaRatio(n),
      hausdorff: m.hausdorff,
      hausdorffTheory: ngonHausdorffGap(n, r),
      skirt: rhos.map((rho) => ({ rho, measured: mean(rho * r), theory: ngonSkirtMean(rho * r, n, r) / n })),
      farField: mean(100 * r),
    };
  });
}

/**
 * An n-gon ReLU tower cut by a ReLU threshold (2n ramp ReLUs, output relu(Σρ − (n − 1)), apothem 1,
 * ramp width 0.05), with `meta.construction` for the `construct` command. Its linear regions in
 * [−2, 2]²: the plateau, n edge ramps, n corner facets and the zero region: 2n + 2.
 */
export function ngonTowerFixture(n = 8): Mlp {
  const mlp = ngonTowerNet({ n, r: 1, kind: 'relu', threshold: 'relu', steepness: 20 });
  mlp.name = `${n}-gon ReLU tower (one hidden layer + ReLU threshold)`;
  mlp.meta = {
    tower: mlp.meta?.construction,
    construction: {
      kind: 'ngon',
      arch: `2-${2 * n}-1`,
      domain: [
        [-2, 2],
        [-2, 2],
      ],
      expectedRegions: 'not derived',
      expectedLinearRegions: 2 * n + 2,
      source: 'theory.md §3.1–3.3 and §4.2 (n-gon towers with a threshold)',
    },
  };
  return mlp;
}
