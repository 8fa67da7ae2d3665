import { InputError, type Layer, type Mlp } from '@tessera/nn-core';
import { groupRegions } from './merge.js';
import type { Partition } from './partition.js';
import { enumerateRegions, type RegionsOptions } from './regions.js';

/** The exact argmax decision regions of a network with several outputs. */
export interface DecisionRegions {
  /**
   * The partition into cells on which the activation pattern AND the argmax are constant (the
   * activation regions, further cut along the lines where two outputs tie). Its last pattern byte
   * is the class; its output map is the max over outputs.
   */
  partition: Partition;
  /** The argmax class (0-based output index; ties to the lowest) of each cell. */
  classOf: Uint8Array;
  /** Decision-region id of each cell: edge-connected cells of one class. */
  decisionRegionOf: Uint32Array;
  /** Number of decision regions (connected components of constant argmax). */
  decisionRegionCount: number;
  /** Area of each class (compensated sums not needed: a handful of classes). */
  classArea: Float64Array;
}

/**
 * The exact decision regions (argmax of the outputs) of a network with `outputDim` ≥ 2 inside a
 * box: inside each activation region every pairwise comparison of outputs is a line, so the
 * argmax cells are convex polygons; edge-adjacent cells of the same class are merged.
 */
export function decisionRegions(mlp: Mlp, options: RegionsOptions): DecisionRegions {
  const m = mlp.outputDim;
  if (m < 2)
    throw new InputError(`decisionRegions needs a network with 2 or more outputs, got ${m}; for one output use levelSet(partition, 0)`);
  if (m > 255) throw new InputError(`decisionRegions supports at most 255 outputs, got ${m}`);
  const weights = new Float64Array(m * m);
  for (let i = 0; i < m; i++) weights[i * m + i] = 1;
  const argmax: Layer = { activation: 'maxout', nIn: m, units: 1, rows: m, weights, bias: new Float64Array(m), rank: m };
  const aug: Mlp = { inputDim: mlp.inputDim, outputDim: 1, layers: [...mlp.layers, argmax] };
  const p = enumerateRegions(aug, options);
  const classOf = new Uint8Array(p.regionCount);
  const last = p.patternStride - 1;
  const classArea = new Float64Array(m);
  for (let r = 0; r < p.regionCount; r++) {
    classOf[r] = p.patterns[r * p.patternStride + last];
    classArea[classOf[r]] += p.areas[r];
  }
  const g = groupRegions(p, (a, b) => classOf[a] === classOf[b]);
  return { partition: p, classOf, decisionRegionOf: g.of, decisionRegionCount: g.count, classArea };
}
