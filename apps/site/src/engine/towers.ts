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
}
export const linePieces = (mlp: Mlp, from: number[], to: number[]): LinePieces =>
  g<(m: Mlp, a: number[], b: number[]) => LinePieces>('linePieces')(mlp, from, to);
