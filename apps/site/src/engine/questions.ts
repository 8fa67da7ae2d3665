import * as geometry from '@tessera/geometry';
import type { Mlp } from '@tessera/nn-core';
import { need } from './pick.js';

/** geometry's numeric answers to the seed's questions (see its questions.ts). */
export interface TowerAnswer {
  question: string;
  answer: string;
  numbers: Record<string, number>;
}
export interface SteepnessRow {
  steepness: number;
  bandWidth: number;
  bandWidthMeasured: number;
  bumpSupOutsideBands: number | null;
  bumpL1Gap: number;
  towerSupOutsideBands: number | null;
  approxSupError: number;
  approxRmse: number;
}

const g = <T>(name: string): T => need<T>(geometry, name, '@tessera/geometry');
export const answerSmoothVsDiscrete = (): TowerAnswer => g<() => TowerAnswer>('answerSmoothVsDiscrete')();
export const answerOneHiddenLayer = (n: number): TowerAnswer => g<(n: number) => TowerAnswer>('answerOneHiddenLayer')(n);
export const answerMustWeightsBeZero = (): TowerAnswer => g<() => TowerAnswer>('answerMustWeightsBeZero')();
export const answerAreTrainedNetsTowers = (): TowerAnswer => g<() => TowerAnswer>('answerAreTrainedNetsTowers')();
export const steepnessSweep = (o: { resolution?: number; grid?: number } = {}): SteepnessRow[] =>
  g<(o: object) => SteepnessRow[]>('steepnessSweep')(o);
export const ngonPlateauPolygon = (mlp: Mlp): Float64Array => g<(m: Mlp) => Float64Array>('ngonPlateauPolygon')(mlp);
