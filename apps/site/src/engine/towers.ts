import * as geometry from '@tessera/geometry';
import type { Mlp } from '@tessera/nn-core';
import { need } from './pick.js';

/** Typed access to geometry's tower and construction builders (looked up by name, see pick.ts). */
type Kind = 'sigmoid' | 'relu';
export interface TowerApproximation {
  mlp: Mlp;
  neurons: number;
  parameters: number;
  supError: number;
  supErrorKind: string;
  rmse: number;
  towers: number;
  shape: string;
  kind: Kind;
  hiddenLayers: 1 | 2;
}

const g = <T>(name: string): T => need<T>(geometry, name, '@tessera/geometry');

export const stepNet = (s: number, o: { kind: Kind; steepness: number; height?: number }): Mlp =>
  g<(s: number, o: object) => Mlp>('stepNet')(s, o);
export const bumpNet = (s1: number, s2: number, o: { kind: Kind; steepness: number; height?: number }): Mlp =>
  g<(a: number, b: number, o: object) => Mlp>('bumpNet')(s1, s2, o);
export const lookupTableNet = (
  f: (x: number) => number,
  interval: [number, number],
  o: { kind: Kind; steepness: number; bumps: number; output?: 'linear' | 'sigmoid' },
): Mlp => g<(f: (x: number) => number, i: [number, number], o: object) => Mlp>('lookupTableNet')(f, interval, o);
export const nielsenTarget = (x: number): number => g<(x: number) => number>('nielsenTarget')(x);
export const boxTowerNet = (bounds: number[], o: { kind: Kind; steepness: number; gain?: number; height?: number }): Mlp =>
  g<(b: number[], o: object) => Mlp>('boxTowerNet')(bounds, o);
export const ngonTowerNet = (o: {
  n: number;
  r?: number;
  kind: Kind;
  steepness: number;
  threshold?: 'none' | 'sigmoid' | 'relu';
  gain?: number;
}): Mlp => g<(o: object) => Mlp>('ngonTowerNet')(o);
export const ngonAreaRatio = (n: number): number => g<(n: number) => number>('ngonAreaRatio')(n);
export const ngonHausdorffGap = (n: number, r: number): number => g<(n: number, r: number) => number>('ngonHausdorffGap')(n, r);
export const ngonSkirtMean = (rho: number, n: number, r: number, h: number): number =>
  g<(rho: number, n: number, r: number, h: number) => number>('ngonSkirtMean')(rho, n, r, h);
export const approximateWithTowers = (
  f: (x: number, y: number) => number,
  box: [number, number, number, number],
  o: { grid: number; kind: Kind; hiddenLayers: 1 | 2; steepness?: number },
): TowerApproximation =>
  g<(f: (x: number, y: number) => number, b: number[], o: object) => TowerApproximation>('approximateWithTowers')(f, box, o);
export const towerNetSize = (mlp: Mlp): { neurons: number; parameters: number } =>
  g<(m: Mlp) => { neurons: number; parameters: number }>('towerNetSize')(mlp);
export const montufarFoldingNet = (widths: number[]): Mlp => g<(w: number[]) => Mlp>('montufarFoldingNet')(widths);
export const zigzagNet = (widths: number[]): Mlp => g<(w: number[]) => Mlp>('zigzagNet')(widths);
export const sawtoothNet = (layers: number): Mlp => g<(l: number) => Mlp>('sawtoothNet')(layers);

export interface LinePieces {
  pieces: number;
  linearPieces: number;
  breakpoints: ArrayLike<number>;
  linearBreakpoints: ArrayLike<number>;
  /** Per activation piece: y(t) = offsets[p] + slopes[p]·t (one output). */
  slopes: ArrayLike<number>;
  offsets: ArrayLike<number>;
}

/**
 * The exact polyline of a 1-output net along a segment from geometry's pieces: the vertices are
 * the breakpoints, t mapped to x = a + t·(b − a).
 */
export function pieceCurve(lp: LinePieces, a: number, b: number): { x: number[]; y: number[]; bx: number[]; by: number[] } {
  const ts = [0, ...Array.from(lp.breakpoints), 1];
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < ts.length; i++) {
    const p = Math.min(i, lp.pieces - 1);
    const t = ts[i];
    x.push(a + t * (b - a));
    y.push(lp.offsets[p] + lp.slopes[p] * t);
  }
  const lb = Array.from(lp.linearBreakpoints);
  const bx = lb.map((t) => a + t * (b - a));
  const by = lb.map((t) => {
    let p = 0;
    while (p < lp.pieces - 1 && lp.breakpoints[p] <= t) p++;
    return lp.offsets[p] + lp.slopes[p] * t;
  });
  return { x, y, bx, by };
}
export const linePieces = (mlp: Mlp, from: number[], to: number[]): LinePieces =>
  g<(m: Mlp, a: number[], b: number[]) => LinePieces>('linePieces')(mlp, from, to);

export interface TowerErrorResult {
  supError: number;
  supErrorLower: number;
  supErrorKind: string;
  rmse: number;
  activationRegions?: number;
  linearRegions?: number;
}
/** Exact (ReLU: bounded over every linear region) error of any 2-input net against f on the box. */
export const towerApproximationError = (
  mlp: Mlp,
  f: (x: number, y: number) => number,
  box: [number, number, number, number],
): TowerErrorResult =>
  g<(m: Mlp, f: (x: number, y: number) => number, b: number[], o: object) => TowerErrorResult>('towerApproximationError')(
    mlp,
    f,
    box,
    { regionSource: 'enumerator' },
  );
