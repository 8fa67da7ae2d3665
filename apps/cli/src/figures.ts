/**
 * Adapters from geometry / nn-core / datasets outputs to @tessera/render-svg's plain data, and the
 * figure writers the `regions` and `surface` commands share. Pure reshaping: no geometry here.
 */
import { type Dataset, parseCsv } from '@tessera/datasets';
import { decisionRegions, enumerateRegions, levelSet, type Partition } from '@tessera/geometry';
import { evaluateMlp, isPiecewiseLinear, type Mlp } from '@tessera/nn-core';
import {
  type BoundaryEdge,
  type Box,
  type NetworkDiagramData,
  type PointSet,
  type Polyline,
  type Region2D,
  type RegionColoring,
  regionMap,
  type SampledGrid,
  surface3d,
} from '@tessera/render-svg';
import { svgToPng } from '@tessera/render-svg/png';
import { UsageError } from './errors.js';
import { readTextFile, writeFileAtomic } from './io.js';

/** Regions (vertices, affine map of `output`, pattern, interior point) and adjacency lists of a partition. */
export function partitionRegions(p: Partition, output = 0): { regions: Region2D[]; neighbors: number[][] } {
  const regions: Region2D[] = new Array(p.regionCount);
  for (let r = 0; r < p.regionCount; r++) {
    const k = (r * p.outputDim + output) * 3;
    regions[r] = {
      vertices: p.coords.subarray(2 * (p.regionStart[r] as number), 2 * (p.regionStart[r + 1] as number)),
      affine: { a: [p.outputMaps[k] as number, p.outputMaps[k + 1] as number], c: p.outputMaps[k + 2] as number },
      pattern: p.patterns.subarray(r * p.patternStride, (r + 1) * p.patternStride),
      interior: [p.interior[2 * r] as number, p.interior[2 * r + 1] as number],
    };
  }
  const neighbors: number[][] = Array.from({ length: p.regionCount }, () => []);
  for (let i = 0; i < p.adjacency.count; i++) {
    const a = p.adjacency.a[i] as number;
    const b = p.adjacency.b[i] as number;
    (neighbors[a] as number[]).push(b);
    (neighbors[b] as number[]).push(a);
  }
  return { regions, neighbors };
}

/** Interior edges of a partition, each once, tagged with the 1-based layer of the unit that made it. */
export function partitionEdges(p: Partition, onlyLayer?: number): BoundaryEdge[] {
  const edges: BoundaryEdge[] = [];
  for (let r = 0; r < p.regionCount; r++) {
    const s0 = p.regionStart[r] as number;
    const s1 = p.regionStart[r + 1] as number;
    for (let k = s0; k < s1; k++) {
      const split = p.edgeSplit[k] as number;
      if (split < 0) continue; // box side
      const layer = (p.splits.layer[split] as number) + 1;
      if (onlyLayer !== undefined && layer !== onlyLayer) continue;
      const next = k + 1 < s1 ? k + 1 : s0;
      const x0 = p.coords[2 * k] as number;
      const y0 = p.coords[2 * k + 1] as number;
      const x1 = p.coords[2 * next] as number;
      const y1 = p.coords[2 * next + 1] as number;
      // an interior edge appears in both of its regions (possibly split at different vertices):
      // keep the copy whose direction is lexicographically increasing
      if (x0 > x1 || (x0 === x1 && y0 > y1)) continue;
      edges.push({ points: [x0, y0, x1, y1], layer });
    }
  }
  return edges;
}

/** A dataset's first two inputs as points; classes from an index label or one-hot columns. */
export function datasetPoints(ds: Dataset): PointSet {
  if (ds.d < 2) throw new UsageError(`points need 2 input columns, the data has ${ds.d}`);
  const x = new Float64Array(ds.n);
  const y = new Float64Array(ds.n);
  for (let i = 0; i < ds.n; i++) {
    x[i] = ds.x[i * ds.d] as number;
    y[i] = ds.x[i * ds.d + 1] as number;
  }
  if (ds.meta.kind !== 'classification' || ds.k === 0) return { x, y };
  const label = new Int32Array(ds.n);
  for (let i = 0; i < ds.n; i++) {
    if (ds.k === 1) label[i] = ds.y[i] as number;
    else {
      let best = 0;
      for (let j = 1; j < ds.k; j++) if ((ds.y[i * ds.k + j] as number) > (ds.y[i * ds.k + best] as number)) best = j;
      label[i] = best;
    }
  }
  return { x, y, label };
}

/** Reads a CSV file (datasets' format) as points. */
export function readPoints(path: string): PointSet {
  return datasetPoints(parseCsv(readTextFile(path, 'points file'), { source: path }));
}

/** Samples a network's output `output` on an nx × ny grid of nodes over the box. */
export function sampleNet(mlp: Mlp, box: Box, nx: number, ny = nx, output = 0): SampledGrid {
  const pts = new Float64Array(nx * ny * 2);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      pts[2 * (j * nx + i)] = box[0] + ((box[1] - box[0]) * i) / (nx - 1);
      pts[2 * (j * nx + i) + 1] = box[2] + ((box[3] - box[2]) * j) / (ny - 1);
    }
  const out = evaluateMlp(mlp, pts, nx * ny);
  const values = new Float64Array(nx * ny);
  for (let s = 0; s < nx * ny; s++) values[s] = out[s * mlp.outputDim + output] as number;
  return { box, nx, ny, values };
}

/** Samples a plain function f(x1, x2) on an nx × ny grid of nodes over the box. */
export function sampleFunction(f: (x: number, y: number) => number, box: Box, nx: number, ny = nx): SampledGrid {
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) values[j * nx + i] = f(box[0] + ((box[1] - box[0]) * i) / (nx - 1), box[2] + ((box[3] - box[2]) * j) / (ny - 1));
  return { box, nx, ny, values };
}

/** nn-core's model as a network-diagram input (the layer records are structurally compatible). */
export function mlpDiagram(mlp: Mlp): NetworkDiagramData {
  return { inputDim: mlp.inputDim, layers: mlp.layers.map((l) => ({ activation: l.activation, weights: l.weights, bias: l.bias, rank: l.rank })) };
}

/** Exact decision boundary polylines: f = level for one output, the argmax tie lines for several. */
export function boundaryPolylines(mlp: Mlp, p: Partition, box: Box, level = 0): Polyline[] {
  if (mlp.outputDim === 1) {
    const ls = levelSet(p, level);
    return ls.lines.map((points, i) => ({ points, kind: 'boundary' as const, label: i === 0 ? `f = ${level}` : undefined }));
  }
  // several outputs: the argmax layer geometry adds is layer L+1; its switching edges are the boundary
  const d = decisionRegions(mlp, { box: [box[0], box[1], box[2], box[3]] });
  const argmaxLayer = mlp.layers.length + 1;
  return partitionEdges(d.partition, argmaxLayer).map((e, i) => ({ points: e.points, kind: 'boundary' as const, label: i === 0 ? 'decision boundary' : undefined }));
}

export interface FigureFiles {
  svg?: string;
  png?: string;
  /** PNG width in px (default: twice the SVG width, for sharp text). */
  pngWidth?: number;
}

/** Renders once, then writes the SVG and/or PNG atomically (both are built before either is written). */
export function writeFigure(svg: string, files: FigureFiles): { svgBytes?: number; pngBytes?: number } {
  const m = /width="([\d.]+)"/.exec(svg);
  const png = files.png ? svgToPng(svg, { width: files.pngWidth ?? Math.round(2 * Number(m?.[1] ?? 560)), background: '#fff' }) : undefined;
  if (files.svg) writeFileAtomic(files.svg, svg);
  if (files.png && png) writeFileAtomic(files.png, png);
  return { svgBytes: files.svg ? Buffer.byteLength(svg) : undefined, pngBytes: png?.byteLength };
}

export const COLORINGS: readonly RegionColoring[] = ['neighbors', 'value', 'slope', 'pattern'];

/** The region map of a partition with the CLI's options. */
export function regionMapSvg(
  mlp: Mlp,
  p: Partition,
  o: { color?: string; points?: PointSet; boundary?: boolean; title?: string },
): string {
  const color = (o.color ?? 'neighbors') as RegionColoring;
  if (!COLORINGS.includes(color)) throw new UsageError(`invalid --color "${o.color}": expected one of ${COLORINGS.join(', ')}`);
  const { regions, neighbors } = partitionRegions(p);
  const box = p.box;
  return regionMap(
    {
      box,
      regions,
      neighbors,
      edges: partitionEdges(p),
      points: o.points,
      polylines: o.boundary ? boundaryPolylines(mlp, p, box) : undefined,
    },
    { color, title: o.title, colorLabel: color === 'value' ? 'f(x)' : undefined },
  );
}

/** The 3D surface of a 2-input net: exact facets for piecewise-linear nets, a sampled grid otherwise. */
export function surfaceSvg(
  mlp: Mlp,
  box: Box,
  o: { azimuth?: number; elevation?: number; projection?: 'orthographic' | 'perspective'; target?: SampledGrid; grid?: number; title?: string; maxRegions?: number },
): { svg: string; kind: 'faceted' | 'sampled'; facets: number } {
  if (mlp.inputDim !== 2) throw new UsageError(`surface needs a model with inputDim 2, this one has ${mlp.inputDim}`);
  // The target is depth-merged with the facets (render-svg's default `targetDepth: 'merge'`): facets
  // are cut at the target's grid cells and both surfaces are painted in one back-to-front order.
  const view = { azimuth: o.azimuth, elevation: o.elevation, projection: o.projection, title: o.title };
  if (isPiecewiseLinear(mlp)) {
    const p = enumerateRegions(mlp, { box: [box[0], box[1], box[2], box[3]], maxRegions: o.maxRegions });
    const { regions, neighbors } = partitionRegions(p);
    return { svg: surface3d({ box, regions, neighbors, target: o.target }, view), kind: 'faceted', facets: p.regionCount };
  }
  const n = o.grid ?? 61;
  return { svg: surface3d({ box, grid: sampleNet(mlp, box, n), target: o.target }, view), kind: 'sampled', facets: (n - 1) * (n - 1) };
}

/** The figure options `tessera regions` accepts (see `writeRegionFigures`). */
export interface RegionFigureOptions {
  svg?: string;
  png?: string;
  color?: string;
  points?: string;
  boundary?: boolean;
}

/**
 * For `tessera regions … --svg/--png`: draws the region map of the enumerated partition (colouring,
 * data points from a CSV, exact decision boundary) and writes the files. Returns the fields to add to
 * the command's summary, or undefined when no figure was asked for.
 */
export function writeRegionFigures(mlp: Mlp, p: Partition, o: RegionFigureOptions): Record<string, unknown> | undefined {
  if (!o.svg && !o.png) {
    if (o.color !== undefined || o.points !== undefined || o.boundary) throw new UsageError('--color, --points and --boundary need --svg FILE or --png FILE');
    return undefined;
  }
  const points = o.points ? readPoints(o.points) : undefined;
  const svg = regionMapSvg(mlp, p, { color: o.color, points, boundary: o.boundary });
  const written = writeFigure(svg, { svg: o.svg, png: o.png });
  return { svg: o.svg ?? null, svgBytes: written.svgBytes ?? null, png: o.png ?? null, pngBytes: written.pngBytes ?? null };
}
