import type { MlpJson } from '@tessera/nn-core';
import { InputError } from '@tessera/nn-core';
import { TOWER_STEEPNESS, type TowerKind, towerCheckNumber, towerKind } from './towers1d.js';

/** How the summed steps of a one-hidden-layer tower reach the output. */
export type TowerThreshold = 'none' | 'sigmoid' | 'relu';

export interface HalfSpaceTowerOptions {
  kind?: TowerKind;
  /** w: sigmoid weight, or 1/ramp width for ReLU. Default 1000. */
  steepness?: number;
  /** Output weight per step with threshold 'none'. Default 1. */
  height?: number;
  /** 'none': linear sum (plateau n·h with skirts); 'sigmoid': σ(gain(Σ − (n − ½))); 'relu': relu(Σ − (n − 1)). */
  threshold?: TowerThreshold;
  /** Output gain of the sigmoid threshold. Default 50. */
  gain?: number;
}

/**
 * The two layers of a one-hidden-layer tower over the polytope ⟨u_k, x⟩ <= offset_k (theory §3.1,
 * §4.2): one step per half-space towards its inside — sigmoid σ(w(offset_k − ⟨u_k, x⟩)), or the
 * exact ReLU ramp (relu(offset_k + δ − t) − relu(offset_k − t))/δ with t = ⟨u_k, x⟩, δ = 1/w —
 * summed by the output layer, optionally thresholded to the polytope's indicator.
 * Returns the layers and the validated options.
 */
export function halfSpaceTowerLayers(
  normals: readonly (readonly number[])[],
  offsets: readonly number[],
  options: HalfSpaceTowerOptions,
): { layers: MlpJson['layers']; kind: TowerKind; steepness: number; height: number; gain: number; threshold: TowerThreshold } {
  const kind = towerKind(options.kind);
  const w = towerCheckNumber(options.steepness ?? TOWER_STEEPNESS, 'steepness', true);
  const h = towerCheckNumber(options.height ?? 1, 'height');
  const gain = towerCheckNumber(options.gain ?? 50, 'gain', true);
  const threshold = options.threshold ?? 'none';
  if (threshold !== 'none' && threshold !== 'sigmoid' && threshold !== 'relu')
    throw new InputError(`invalid threshold: expected "none", "sigmoid" or "relu", got ${JSON.stringify(threshold)}`);
  const n = normals.length;
  const w1: number[][] = [];
  const b1: number[] = [];
  const sum: number[] = []; // coefficient of each hidden unit in Σ_k (step k)
  normals.forEach((u, k) => {
    const b = offsets[k] as number;
    if (kind === 'sigmoid') {
      w1.push(u.map((x) => -w * x));
      b1.push(w * b);
      sum.push(1);
    } else {
      const d = 1 / w;
      w1.push(u.map((x) => -x), u.map((x) => -x));
      b1.push(b + d, b);
      sum.push(1 / d, -1 / d);
    }
  });
  const hidden: MlpJson['layers'][number] = { activation: kind, weights: w1, bias: b1 };
  const out: MlpJson['layers'][number] =
    threshold === 'none'
      ? { activation: 'linear', weights: [sum.map((s) => s * h)], bias: [0] }
      : threshold === 'sigmoid'
        ? { activation: 'sigmoid', weights: [sum.map((s) => s * gain)], bias: [-gain * (n - 0.5)] }
        : { activation: 'relu', weights: [sum], bias: [-(n - 1)] };
  return { layers: [hidden, out], kind, steepness: w, height: h, gain, threshold };
}
