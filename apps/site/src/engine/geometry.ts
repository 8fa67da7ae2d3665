import * as geometry from '@tessera/geometry';
import { type Mlp, mlpWidths, PIECEWISE_LINEAR } from '@tessera/nn-core';
import type { RegionInfo } from '../train/protocol.js';
import { pick } from './pick.js';

type Box = [number, number, number, number];

/** The fields of geometry's `Partition` the site reads (flat typed arrays). */
export interface PartitionLike {
  regionCount: number;
  linearRegionCount: number;
  coords: Float64Array;
  regionStart: Uint32Array;
  edgeSplit: Int32Array;
  patterns: Uint8Array;
  patternStride: number;
  layerOffset: Int32Array;
  outputMaps: Float64Array;
  outputDim: number;
  interior: Float64Array;
  splits: { layer: Int32Array };
  adjacency: { count: number; a: Uint32Array; b: Uint32Array };
}

export interface Regions {
  regions: number | null;
  linearRegions: number | null;
  regionList: RegionInfo[];
  partition: PartitionLike | null;
  note: string;
}

type Enumerate = (mlp: Mlp, options: { box: Box; maxRegions?: number }) => PartitionLike;

/** Above this many regions a frame stops with geometry's BudgetExceededError (shown inline). */
export const MAX_REGIONS = 50_000;
type SlicePlane = (mlp: Mlp, plane: { origin: number[]; u: number[]; v: number[] }) => Mlp;

export const isPiecewiseLinear = (mlp: Mlp): boolean => mlp.layers.every((l) => PIECEWISE_LINEAR.has(l.activation));

/** Exact regions of a 2-input net in `box`, or of the plane x3 = `slice` for a 3-input net. */
export function regionsOf(mlp: Mlp, box: Box, slice?: number): Regions {
  if (!isPiecewiseLinear(mlp)) {
    const smooth = mlp.layers.find((l) => !PIECEWISE_LINEAR.has(l.activation))?.activation;
    return { regions: null, linearRegions: null, regionList: [], partition: null, note: `${smooth} is smooth: no linear regions` };
  }
  let p: PartitionLike;
  if (mlp.inputDim === 2) {
    const enumerate = pick<Enumerate>(geometry, 'enumerateRegions');
    if (!enumerate) return unavailable('enumerateRegions');
    p = enumerate(mlp, { box, maxRegions: MAX_REGIONS });
  } else if (mlp.inputDim === 3) {
    const plane = pick<SlicePlane>(geometry, 'slicePlane');
    const enumerate = pick<Enumerate>(geometry, 'enumerateRegions');
    if (!plane || !enumerate) return unavailable('slicePlane');
    // The plane x3 = slice, parametrised by (x1, x2): exact regions of the restricted net.
    p = enumerate(plane(mlp, { origin: [0, 0, slice ?? 0], u: [1, 0, 0], v: [0, 1, 0] }), { box, maxRegions: MAX_REGIONS });
  } else {
    return { regions: null, linearRegions: null, regionList: [], partition: null, note: 'only 2 or 3 inputs are drawn' };
  }
  return { regions: p.regionCount, linearRegions: p.linearRegionCount, regionList: toRegionList(p), partition: p, note: '' };
}

function unavailable(name: string): Regions {
  return {
    regions: null,
    linearRegions: null,
    regionList: [],
    partition: null,
    note: `@tessera/geometry does not export ${name} yet`,
  };
}

/** Plain per-region records (vertices, output map, pattern per layer) for the 3D view and clicks. */
export function toRegionList(p: PartitionLike): RegionInfo[] {
  const out: RegionInfo[] = [];
  const layers = p.layerOffset.length - 1;
  for (let r = 0; r < p.regionCount; r++) {
    const vertices = Array.from(p.coords.subarray(2 * p.regionStart[r], 2 * p.regionStart[r + 1]));
    const k = r * p.outputDim * 3;
    const pattern: string[] = [];
    for (let l = 0; l < layers; l++) {
      let s = '';
      for (let u = p.layerOffset[l]; u < p.layerOffset[l + 1]; u++) s += String(p.patterns[r * p.patternStride + u]);
      pattern.push(s);
    }
    out.push({ vertices, a: [p.outputMaps[k], p.outputMaps[k + 1]], c: p.outputMaps[k + 2], pattern });
  }
  return out;
}

export interface Bound {
  name: string;
  label: string;
  value: number | null;
  text: string;
}

type BoundsFn = (widths: number[]) => { bounds: Record<string, { name: string; label: string; value: number | string | null }> };

/** Short names for the bounds geometry reports (its `label`s are long citations). */
const SHORT: Record<string, string> = {
  zaslavsky: 'Zaslavsky',
  montufar2014Lower: 'Montúfar14 LB',
  serra2018Lower: 'Serra18 LB',
  serra2018Upper: 'Serra18 UB',
  montufar2017Upper: 'Montúfar17 UB',
  shallowSameN: 'shallow same N',
  twoPowerN: '2^N',
  serra2018Exact1D: 'Serra18 exact (1D)',
};

/** Every bound geometry knows for the net's architecture (widths from the model; relu counting). */
export function boundsOf(mlp: Mlp): Bound[] {
  const f = pick<BoundsFn>(geometry, 'bounds');
  if (!f) return [];
  let raw: ReturnType<BoundsFn>;
  try {
    raw = f(mlpWidths(mlp));
  } catch {
    return [];
  }
  const out: Bound[] = [];
  for (const [key, b] of Object.entries(raw.bounds)) {
    if (b.value === null) continue;
    const value = Number(b.value);
    out.push({ name: SHORT[key] ?? key, label: b.label, value, text: String(b.value) });
  }
  return out;
}

type LevelSetFn = (p: PartitionLike, c: number) => { lines: Float64Array[] };

/** The exact decision boundary / level set f = c as polylines (flat x, y lists). */
export function levelLines(p: PartitionLike, c: number): number[][] {
  const f = pick<LevelSetFn>(geometry, 'levelSet');
  if (!f) return [];
  return f(p, c).lines.map((l) => Array.from(l));
}
