import {
  type Box,
  bounds,
  decisionRegions,
  enumerateRegions,
  levelSet,
  type Partition,
  type RegionBound,
  type RegionBounds,
  regionMap,
  regionPattern,
  regionVertices,
  slicePlane,
} from '@tessera/geometry';
import { isPiecewiseLinear, type Mlp, mlpWidths, PIECEWISE_LINEAR } from '@tessera/nn-core';
import type { RegionInfo } from '../train/protocol.js';

export interface Regions {
  regions: number | null;
  linearRegions: number | null;
  regionList: RegionInfo[];
  partition: Partition | null;
  /** Several outputs: the exact argmax cells (geometry's decisionRegions), their class and region count. */
  decision: { partition: Partition; classOf: Uint8Array; count: number } | null;
  note: string;
}

/** Above this many regions a frame stops with geometry's BudgetExceededError (shown inline). */
export const MAX_REGIONS = 50_000;

export { isPiecewiseLinear };

/** Exact regions of a 2-input net in `box`, or of the plane x3 = `slice` for a 3-input net. */
export function regionsOf(mlp: Mlp, box: Box, slice?: number, options: { decision?: boolean } = {}): Regions {
  if (!isPiecewiseLinear(mlp)) {
    const smooth = mlp.layers.find((l) => !PIECEWISE_LINEAR.has(l.activation))?.activation;
    return empty(`${smooth} is smooth: no linear regions`);
  }
  let net: Mlp;
  if (mlp.inputDim === 2) net = mlp;
  // The plane x3 = slice, parametrised by (x1, x2): exact regions of the restricted net.
  else if (mlp.inputDim === 3) net = slicePlane(mlp, { origin: [0, 0, slice ?? 0], u: [1, 0, 0], v: [0, 1, 0] });
  else return empty('only 2 or 3 inputs are drawn');
  const p = enumerateRegions(net, { box, maxRegions: MAX_REGIONS });
  let decision: Regions['decision'] = null;
  if (options.decision && net.outputDim >= 2) {
    const d = decisionRegions(net, { box, maxRegions: MAX_REGIONS });
    decision = { partition: d.partition, classOf: d.classOf, count: d.decisionRegionCount };
  }
  return { regions: p.regionCount, linearRegions: p.linearRegionCount, regionList: toRegionList(p), partition: p, decision, note: '' };
}

function empty(note: string): Regions {
  return { regions: null, linearRegions: null, regionList: [], partition: null, decision: null, note };
}

/** Plain per-region records (vertices, first output's map, pattern per layer) for the 3D view and clicks. */
export function toRegionList(p: Partition): RegionInfo[] {
  const out: RegionInfo[] = [];
  const layers = p.layerOffset.length - 1;
  for (let r = 0; r < p.regionCount; r++) {
    const bytes = regionPattern(p, r);
    const pattern: string[] = [];
    for (let l = 0; l < layers; l++) pattern.push(bytes.subarray(p.layerOffset[l], p.layerOffset[l + 1]).join(''));
    const [ax, ay, c] = regionMap(p, r);
    out.push({ vertices: Array.from(regionVertices(p, r)), a: [ax, ay], c, pattern });
  }
  return out;
}

export interface Bound {
  name: string;
  /** geometry's kind: upper, lower, exact, or comparison (a count for another architecture, not a bound). */
  kind: RegionBound['kind'];
  label: string;
  value: number | null;
  text: string;
}

export interface BoundSet {
  /** Which family of theorems applies, shown next to the numbers. */
  family: string;
  bounds: Bound[];
}

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
  serra2018MaxoutUpper: 'Serra18 maxout UB',
  montufar2014MaxoutLower: 'Montúfar14 maxout LB',
  maxoutOneInputUpper: 'maxout chain UB',
  kPowerN: 'k^N',
};

/**
 * Bounds that hold for leaky ReLU / PReLU / abs hidden layers (theory.md §8.3): no unit is ever
 * zeroed, so only dim ≤ min(n0, …, n_{l−1}) survives and the ReLU argument gives Montúfar 2017's
 * product form; one hidden layer is still a line arrangement (Zaslavsky); two pieces per unit keep
 * 2^N. Serra's Thm 1 (uses zeroed rows) and the ReLU constructions (lower bounds) do not apply.
 */
const TWO_PIECE_VALID = new Set(['zaslavsky', 'montufar2017Upper', 'twoPowerN', 'shallowSameN']);
const TWO_PIECE = new Set(['relu', 'leaky_relu', 'prelu', 'abs']);

/** The bounds that are valid for the net's hidden activations, with what they were proved for. */
export function boundsOf(mlp: Mlp): BoundSet {
  const hidden = mlp.layers.slice(0, -1).map((l) => l.activation);
  const widths = mlpWidths(mlp);
  if (hidden.length === 0) return { family: 'no hidden layer', bounds: [] };
  let raw: RegionBounds;
  let family: string;
  let keep: (name: string) => boolean = () => true;
  if (hidden.every((a) => a === 'relu')) {
    raw = bounds(widths);
    family = 'ReLU';
  } else if (hidden.every((a) => a === 'maxout')) {
    const ranks = new Set(mlp.layers.slice(0, -1).map((l) => l.rank ?? 2));
    if (ranks.size !== 1) return { family: 'maxout of mixed ranks: no bound', bounds: [] };
    const rank = [...ranks][0];
    raw = bounds(widths, { activation: 'maxout', rank });
    family = `maxout rank ${rank}`;
  } else if (hidden.every((a) => TWO_PIECE.has(a))) {
    raw = bounds(widths);
    family = `${[...new Set(hidden)].join('/')}: bounds valid for leaky/abs (theory §8.3)`;
    keep = (name) => TWO_PIECE_VALID.has(name);
  } else {
    const other = hidden.find((a) => !TWO_PIECE.has(a) && a !== 'maxout') ?? 'mixed maxout';
    return { family: `${other}: no bound implemented`, bounds: [] };
  }
  const out: Bound[] = [];
  for (const [key, b] of Object.entries(raw.bounds)) {
    if (b.value === null || b.disputed || !keep(key)) continue;
    const name = SHORT[key] ?? key;
    out.push({ name, kind: b.kind, label: b.label, value: Number(b.value), text: b.kind === 'comparison' ? `(cf. ${name} ${b.value})` : `${name} ${b.value}` });
  }
  return { family, bounds: out };
}

/** The exact decision boundary / level set f = c as polylines (flat x, y lists). */
export function levelLines(p: Partition, c: number): number[][] {
  return levelSet(p, c).lines.map((l) => Array.from(l));
}
