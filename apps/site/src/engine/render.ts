import type { Partition } from '@tessera/geometry';
import { evaluateMlp, type Mlp } from '@tessera/nn-core';
import {
  type BoundaryEdge,
  heatmap,
  lineChart,
  networkDiagram,
  type PointSet,
  type Polyline,
  type Region2D,
  type RegionMapData,
  regionMap,
  regionsVsTheory,
  type SampledGrid,
  surface3d,
  type SurfaceData,
} from '@tessera/render-svg';
import type { RegionInfo, SampledTarget } from '../train/protocol.js';
import type { TrainData } from './data.js';
import { type Bound, levelLines, type Regions } from './geometry.js';

type Box = readonly [number, number, number, number];
export interface View3 {
  azimuth: number;
  elevation: number;
}

/** A small SVG with a message in place of a figure (e.g. "no regions yet", or a figure's error). */
export function placeholder(text: string, width = 520, height = 200): string {
  const t = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img"><title>${t}</title><rect width="${width}" height="${height}" fill="#f6f5f1" stroke="#ccc"/><text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-size="14" fill="#666">${t}</text></svg>`;
}

/** Runs a render-svg figure; a figure that rejects its data shows the message instead of breaking the page. */
export function drawSafely(what: string, draw: () => string): string {
  try {
    return draw();
  } catch (err) {
    return placeholder(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** render-svg's region records from plain region info. */
export function toRegion2D(list: readonly RegionInfo[]): Region2D[] {
  return list.map((r) => ({ vertices: r.vertices, affine: { a: r.a, c: r.c }, pattern: r.pattern.join('|') }));
}

export function neighborsOf(p: Partition): number[][] {
  const out: number[][] = Array.from({ length: p.regionCount }, () => []);
  for (let i = 0; i < p.adjacency.count; i++) {
    out[p.adjacency.a[i]].push(p.adjacency.b[i]);
    out[p.adjacency.b[i]].push(p.adjacency.a[i]);
  }
  return out;
}

/** Boundary pieces tagged by the layer whose unit made them (first-layer lines vs bent ones). */
function edgesOf(p: Partition): BoundaryEdge[] {
  const out: BoundaryEdge[] = [];
  for (let r = 0; r < p.regionCount; r++) {
    const s = p.regionStart[r];
    const e = p.regionStart[r + 1];
    for (let k = s; k < e; k++) {
      const split = p.edgeSplit[k];
      if (split < 0) continue;
      const k2 = k + 1 < e ? k + 1 : s;
      out.push({ points: [p.coords[2 * k], p.coords[2 * k + 1], p.coords[2 * k2], p.coords[2 * k2 + 1]], layer: p.splits.layer[split] + 1 });
    }
  }
  return out;
}

/**
 * Class boundaries of a multi-output net: the edges of geometry's argmax cells that lie on a tie
 * line (the added argmax layer, index `layers`) and separate two different classes.
 */
function classBoundaries(d: NonNullable<Regions['decision']>): number[][] {
  const p = d.partition;
  const argmaxLayer = p.layerOffset.length - 2;
  const out: number[][] = [];
  for (let i = 0; i < p.adjacency.count; i++) {
    if (p.splits.layer[p.adjacency.split[i]] !== argmaxLayer) continue;
    const a = p.adjacency.a[i];
    const b = p.adjacency.b[i];
    if (d.classOf[a] === d.classOf[b]) continue;
    // The shared edge: the edges of region a on that split (shared with b by construction).
    const s = p.regionStart[a];
    const e = p.regionStart[a + 1];
    for (let k = s; k < e; k++) {
      if (p.edgeSplit[k] !== p.adjacency.split[i]) continue;
      const k2 = k + 1 < e ? k + 1 : s;
      out.push([p.coords[2 * k], p.coords[2 * k + 1], p.coords[2 * k2], p.coords[2 * k2 + 1]]);
    }
  }
  return out;
}

/** The region map of the Train page: exact regions, layer-coloured edges, data, decision boundary. */
export function regionMapSvg(mlp: Mlp, geo: Regions, data: TrainData, slice: number, grid?: SampledTarget | null): string {
  const points = pointsOf(data, slice);
  if (!geo.partition) {
    // A smooth net has no linear regions: show its output as a heatmap (decision boundary = the 0 isoline).
    if (!grid) return placeholder(geo.note || 'no regions');
    const binary = data.kind === 'classification' && data.classes === 2;
    return drawSafely('heatmap', () =>
      heatmap(
        { grid, points },
        {
          width: 520,
          title: `${geo.note} — sampled output${data.classes > 2 ? ' (logit of class 0)' : ''}`,
          idPrefix: 'map-',
          isolines: binary ? [0] : 8,
          colorLabel: data.kind === 'classification' ? 'logit' : 'output',
        },
      ),
    );
  }
  const p = geo.partition;
  const mapData: RegionMapData = {
    box: data.box,
    regions: toRegion2D(geo.regionList),
    neighbors: neighborsOf(p),
    edges: edgesOf(p),
    points,
  };
  let title = `${geo.regions} regions (${mlp.inputDim === 3 ? `plane x3 = ${slice}` : 'exact'})`;
  if (data.kind === 'classification' && geo.decision) {
    // Several logits: the exact class boundaries are edges of geometry's argmax cells.
    const lines = classBoundaries(geo.decision);
    mapData.polylines = lines.map((pts, i): Polyline => (i ? { points: pts, kind: 'boundary' } : { points: pts, kind: 'boundary', label: 'class boundary' }));
    title += `, ${geo.decision.count} decision regions`;
  } else if (data.kind === 'classification') {
    // One logit: the exact decision boundary is the level set f = 0.
    const lines = levelLines(p, 0);
    mapData.polylines = lines.map((pts, i): Polyline => (i ? { points: pts, kind: 'boundary' } : { points: pts, kind: 'boundary', label: 'decision boundary' }));
  }
  return drawSafely('region map', () => regionMap(mapData, { width: 520, title, idPrefix: 'map-' }));
}

function pointsOf(data: TrainData, slice: number): PointSet {
  const xs: number[] = [];
  const ys: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < data.n; i++) {
    if (data.d === 3 && Math.abs(data.x[i * 3 + 2] - slice) > 0.75) continue;
    xs.push(data.x[i * data.d]);
    ys.push(data.x[i * data.d + 1]);
    labels.push(data.kind === 'classification' ? Math.round(data.y[i * data.k]) : 0);
  }
  if (data.kind !== 'classification') return { x: xs, y: ys };
  return { x: xs, y: ys, label: labels, classNames: Array.from({ length: data.classes }, (_, c) => `class ${c}`) };
}

/** The faceted 3D surface of the regions (one facet per region), optionally with a target surface. */
export function surfaceSvg(
  list: readonly RegionInfo[],
  box: Box,
  view: View3,
  options: { neighbors?: number[][]; target?: SampledTarget | null; title?: string; zLabel?: string; grid?: SampledTarget | null } = {},
): string {
  const data: SurfaceData = { box };
  if (list.length > 0) data.regions = toRegion2D(list);
  else if (options.grid) data.grid = options.grid;
  else return placeholder('no facets to draw (no regions yet)');
  if (options.neighbors && list.length > 0) data.neighbors = options.neighbors;
  if (options.target) data.target = options.target;
  return drawSafely('3D surface', () =>
    surface3d(data, {
      azimuth: view.azimuth,
      elevation: view.elevation,
      width: 520,
      height: 380,
      title: options.title ?? '',
      idPrefix: 'surf-',
      zLabel: options.zLabel ?? 'f',
    }),
  );
}

/** Samples f on an nx × ny grid of nodes over the box (render-svg's SampledGrid layout); 17² keeps the depth-merged target overlay near 4 ms per redraw. */
export function sampleTarget(f: (x: number, y: number) => number, box: Box, nx = 17, ny = 17): SampledTarget {
  const values: number[] = [];
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++)
      values.push(f(box[0] + (i * (box[1] - box[0])) / (nx - 1), box[2] + (j * (box[3] - box[2])) / (ny - 1)));
  return { box: [box[0], box[1], box[2], box[3]], nx, ny, values };
}

export function networkSvg(mlp: Mlp): string {
  return drawSafely('network diagram', () => networkDiagram(mlp, { width: 420, idPrefix: 'net-', title: '' }));
}

export function lossChartSvg(x: readonly number[], y: readonly number[], lossName: string): string {
  if (x.length < 2) return placeholder('the loss chart starts after the first step', 420, 240);
  const logY = y.every((v) => v > 0);
  return drawSafely('loss chart', () =>
    lineChart(
      { series: [{ label: `${lossName} (whole set)`, x, y }] },
      { width: 420, height: 260, yScale: logY ? 'log' : 'linear', xLabel: 'step', yLabel: 'loss', idPrefix: 'loss-', title: '' },
    ),
  );
}

/** Exact region count over training (points) against the architecture's valid bounds (dashed lines). */
export function countChartSvg(x: readonly number[], y: readonly number[], bounds: readonly Bound[], family: string): string {
  if (x.length === 0) return placeholder('no region counts (smooth activations)', 420, 240);
  const last = Math.max(1, x[x.length - 1]);
  // Comparisons (the shallow net with the same N) count another architecture: not drawn as bounds.
  const shown = bounds.filter(
    (b): b is Bound & { value: number } => b.kind !== 'comparison' && b.value !== null && b.value > 0 && b.value < 1e12,
  );
  return drawSafely('region count chart', () =>
    regionsVsTheory(
      {
        measured: [{ label: 'exact regions in the box', x, y }],
        bounds: shown.map((b) => ({ label: b.name, x: [0, last], y: [b.value, b.value] })),
      },
      { width: 420, height: 260, xLabel: 'step', yLabel: 'regions', idPrefix: 'count-', title: `bounds: ${family}` },
    ),
  );
}

/** The net's output (first output) sampled on an n × n grid over the box (on the plane x3 = slice for 3 inputs). */
export function sampleNetGrid(mlp: Mlp, box: Box, n: number, slice = 0): SampledGrid {
  const d = mlp.inputDim;
  const pts = new Float64Array(n * n * d);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const k = (j * n + i) * d;
      pts[k] = box[0] + (i * (box[1] - box[0])) / (n - 1);
      pts[k + 1] = box[2] + (j * (box[3] - box[2])) / (n - 1);
      if (d === 3) pts[k + 2] = slice;
    }
  const out = evaluateMlp(mlp, pts, n * n);
  const values: number[] = [];
  for (let k = 0; k < n * n; k++) values.push(out[k * mlp.outputDim]);
  return { box: [box[0], box[1], box[2], box[3]], nx: n, ny: n, values };
}
