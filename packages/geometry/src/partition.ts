/** An axis-aligned box `[xmin, xmax, ymin, ymax]`. */
export type Box = [number, number, number, number];

/**
 * Edge labels of box sides (stored in {@link Partition.edgeSplit} instead of a split id):
 * -1 bottom (y = ymin), -2 right (x = xmax), -3 top (y = ymax), -4 left (x = xmin).
 */
export const BOX_BOTTOM = -1;
export const BOX_RIGHT = -2;
export const BOX_TOP = -3;
export const BOX_LEFT = -4;

/**
 * One split event of the enumeration: a cut of one convex polygon along the switching line of one
 * unit. Every interior edge of the partition lies on exactly one split (both sides carry its id).
 * Arrays are indexed by split id.
 */
export interface SplitTable {
  count: number;
  /** Layer index (0 = first layer) of the unit whose switching line was cut along. */
  layer: Int32Array;
  /** Unit index inside the layer. */
  unit: Int32Array;
  /**
   * Which switching line of the unit: 0 for the z = 0 line of relu/leaky_relu/prelu/abs;
   * hardtanh: 0 for z = -1, 1 for z = +1; maxout rank k: i * k + j for the line between pieces i < j.
   */
  sub: Int32Array;
  /** Unit direction vector of the split line, (dx, dy) interleaved: [2 * count]. */
  dir: Float64Array;
}

/** Which regions share an edge of positive length, and on which split line. One entry per pair. */
export interface Adjacency {
  count: number;
  /** Region ids, a < b. */
  a: Uint32Array;
  b: Uint32Array;
  /** Split id of the shared edge (see {@link SplitTable}). */
  split: Int32Array;
  /** Length of the shared edge. */
  length: Float64Array;
}

/**
 * The exact partition of a box into activation regions of a piecewise-linear network with two
 * inputs, as plain serialisable data (flat typed arrays). Region `r` has vertices
 * `coords[2*k], coords[2*k+1]` for `k` in `regionStart[r] … regionStart[r+1]-1`, in
 * counter-clockwise order; the edge from vertex `k` to the next one lies on split `edgeSplit[k]`
 * (or on a box side when negative).
 */
export interface Partition {
  box: Box;
  inputDim: 2;
  outputDim: number;
  /** Number of activation regions. */
  regionCount: number;
  /** Number of linear regions (edge-connected activation regions with equal output maps merged). */
  linearRegionCount: number;
  /** Total number of polygon vertices over all regions (a vertex shared by k regions counts k times). */
  vertexCount: number;
  /** Total area (compensated sum of region areas); equals the box area up to rounding. */
  area: number;
  /** Vertex coordinates, (x, y) interleaved: [2 * vertexCount]. */
  coords: Float64Array;
  /** Vertex offsets per region: [regionCount + 1]. */
  regionStart: Uint32Array;
  /** Per vertex: split id of the edge from this vertex to the next (negative: box side). */
  edgeSplit: Int32Array;
  /** Activation pattern per region: [regionCount][patternStride], one state byte per unit. */
  patterns: Uint8Array;
  /** Bytes per pattern: the total number of units over all layers. */
  patternStride: number;
  /** Offset of each layer's units inside a pattern: [layers + 1]. */
  layerOffset: Int32Array;
  /** Output affine map per region: [regionCount][outputDim][3] as (ax, ay, c): f = ax x + ay y + c. */
  outputMaps: Float64Array;
  /**
   * Post-activation affine maps of the layers asked for with `options.layers`, keyed by layer
   * index: [regionCount][units][3].
   */
  layerMaps: Record<number, Float64Array>;
  /** Area per region. */
  areas: Float64Array;
  /** A point strictly inside each region (the vertex average), (x, y) interleaved. */
  interior: Float64Array;
  splits: SplitTable;
  adjacency: Adjacency;
  /** Linear-region id of each activation region: [regionCount]. */
  linearRegionOf: Uint32Array;
  /** Relative tolerance used to classify vertices against switching lines. */
  tolerance: number;
  /** Relative tolerance used to compare output maps when merging linear regions. */
  mergeTolerance: number;
  /**
   * Per output: the absolute floor of map equality, twice the a-priori bound on the rounding error
   * of a computed output map in scale units (|Δa|·X + |Δb|·Y + |Δc|). Maps closer than this are
   * equal up to rounding (e.g. an exactly-zero map and one computed by cancellation). 0 for a
   * single-layer net (exact maps).
   */
  mapNoise: Float64Array;
}

/** The vertices of region `r` as a fresh Float64Array (x, y interleaved, counter-clockwise). */
export function regionVertices(p: Partition, r: number): Float64Array {
  return p.coords.slice(2 * p.regionStart[r], 2 * p.regionStart[r + 1]);
}

/** The activation pattern of region `r` (a view, one state byte per unit of every layer). */
export function regionPattern(p: Partition, r: number): Uint8Array {
  return p.patterns.subarray(r * p.patternStride, (r + 1) * p.patternStride);
}

/** The output affine map of region `r` for output `o`: `[ax, ay, c]` with f = ax x + ay y + c. */
export function regionMap(p: Partition, r: number, o = 0): [number, number, number] {
  const k = (r * p.outputDim + o) * 3;
  return [p.outputMaps[k], p.outputMaps[k + 1], p.outputMaps[k + 2]];
}

/** The ids of the regions that share an edge of positive length with region `r`. */
export function regionNeighbors(p: Partition, r: number): number[] {
  const out: number[] = [];
  const { a, b, count } = p.adjacency;
  for (let i = 0; i < count; i++) {
    if (a[i] === r) out.push(b[i]);
    else if (b[i] === r) out.push(a[i]);
  }
  return out;
}

/** Describes split `s` as `{layer, unit, sub}` (which unit's switching line the edge lies on). */
export function splitInfo(p: Partition, s: number): { layer: number; unit: number; sub: number } {
  return { layer: p.splits.layer[s], unit: p.splits.unit[s], sub: p.splits.sub[s] };
}
