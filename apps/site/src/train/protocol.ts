import type { SampledGrid } from '@tessera/render-svg';
import type { TrainConfig } from './config.js';

/** One region of the current partition, as plain data (for the 3D view and clicks on the map). */
export interface RegionInfo {
  /** Flat CCW vertex coordinates [x0, y0, x1, y1, …] in input units. */
  vertices: number[];
  /** Output = a[0]·x + a[1]·y + c on this region. */
  a: [number, number];
  c: number;
  /** Activation pattern, one string per hidden layer ("1" = active, "0" = inactive; other digits for 3-state units). */
  pattern: string[];
}

/** A field sampled on a grid over the box: render-svg's own type (plain data, so it crosses postMessage). */
export type SampledTarget = SampledGrid;

export type ToWorker =
  | { type: 'init'; config: TrainConfig; csv?: string; model?: string }
  | { type: 'step'; steps: number }
  | { type: 'play' }
  /** The page has drawn the last frame: while playing, the worker computes the next one only then. */
  | { type: 'ack' }
  | { type: 'pause' };

export interface Frame {
  type: 'frame';
  step: number;
  epoch: number;
  loss: number;
  /** The loss the session trains with (mse, bce or softmax_cross_entropy, chosen from the data). */
  lossName: string;
  /** Exact activation regions in the box (null for smooth nets). */
  regions: number | null;
  linearRegions: number | null;
  /** Bounds valid for this architecture: [name, display text, e.g. `Serra18 UB 1369` or `(cf. shallow same N 137)`]. */
  bounds: Array<[string, string]>;
  /** Which theorems the bounds are (ReLU, maxout rank k, leaky/abs-valid subset), or why there are none. */
  boundsFamily: string;
  /** Several outputs: the number of exact argmax decision regions (geometry's decisionRegions). */
  decisionRegions: number | null;
  box: [number, number, number, number];
  inputDim: number;
  classification: boolean;
  regionList: RegionInfo[];
  /** Adjacency lists of regionList (for render-svg's exact back-to-front facet order). */
  neighbors: number[][];
  /** The target surface sampled on a grid over the box (drawn translucent over the facets). */
  target: SampledTarget | null;
  /** Smooth nets: the output sampled on a grid (drawn as a heatmap and a sampled 3D surface). */
  grid: SampledTarget | null;
  mapSvg: string;
  networkSvg: string;
  lossSvg: string;
  countSvg: string;
  model: string;
  note: string;
  playing: boolean;
  /** Milliseconds of the last step + enumeration + SVG generation. */
  frameMs: number;
}

export type FromWorker = Frame | { type: 'error'; message: string; fatal: boolean };
