import * as svg from '@tessera/render-svg';
import { evaluateMlp, type Mlp } from '@tessera/nn-core';
import type { RegionInfo, SampledTarget } from '../train/protocol.js';
import type { TrainData } from './data.js';
import { type Bound, levelLines, type PartitionLike, type Regions } from './geometry.js';
import { pick } from './pick.js';

type Box = readonly [number, number, number, number];
type Fig = (data: unknown, options?: Record<string, unknown>) => string;
export interface View3 {
  azimuth: number;
  elevation: number;
}

/** A small SVG saying what is missing (instead of a broken page). */
export function placeholder(text: string, width = 520, height = 200): string {
  const t = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img"><title>${t}</title><rect width="${width}" height="${height}" fill="#f6f5f1" stroke="#ccc"/><text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-size="14" fill="#666">${t}</text></svg>`;
}

function fig(names: string[]): Fig | undefined {
  for (const n of names) {
    const f = pick<Fig>(svg, n);
    if (f) return f;
  }
  return undefined;
}

function call(names: string[], data: unknown, options: Record<string, unknown>, what: string): string {
  const f = fig(names);
  if (!f) return placeholder(`${what}: not available yet`);
  try {
    return f(data, options);
  } catch (err) {
    return placeholder(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** render-svg's region records from plain region info. */
export function toRegion2D(list: readonly RegionInfo[]): Array<Record<string, unknown>> {
  return list.map((r) => ({ vertices: r.vertices, affine: { a: r.a, c: r.c }, pattern: r.pattern.join('|') }));
}

export function neighborsOf(p: PartitionLike): number[][] {
  const out: number[][] = Array.from({ length: p.regionCount }, () => []);
  for (let i = 0; i < p.adjacency.count; i++) {
    out[p.adjacency.a[i]].push(p.adjacency.b[i]);
    out[p.adjacency.b[i]].push(p.adjacency.a[i]);
  }
  return out;
}

/** Boundary pieces tagged by the layer whose unit made them (first-layer lines vs bent ones). */
function edgesOf(p: PartitionLike): Array<{ points: number[]; layer: number }> {
  const out: Array<{ points: number[]; layer: number }> = [];
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

/** The region map of the Train page: exact regions, layer-coloured edges, data, decision boundary. */
export function regionMapSvg(mlp: Mlp, geo: Regions, data: TrainData, slice: number, grid?: SampledTarget | null): string {
  if (!geo.partition) {
    // A smooth net has no linear regions: show its output as a heatmap (decision boundary = the 0 isoline).
    if (!grid) return placeholder(geo.note || 'no regions');
    return call(
      ['heatmap'],
      { grid, points: pointsOf(data, slice) },
      {
        width: 520,
        title: `${geo.note} — sampled output`,
        idPrefix: 'map-',
        isolines: data.kind === 'classification' ? [0] : 8,
        colorLabel: data.kind === 'classification' ? 'logit' : 'output',
      },
      'heatmap',
    );
  }
  const p = geo.partition;
  const points = pointsOf(data, slice);
  const mapData: Record<string, unknown> = {
    box: data.box,
    regions: toRegion2D(geo.regionList),
    neighbors: neighborsOf(p),
    edges: edgesOf(p),
    points,
  };
  if (data.kind === 'classification') {
    // Logits: the exact decision boundary is the level set f = 0.
    const lines = levelLines(p, 0);
    if (lines.length) mapData.polylines = lines.map((points, i) => ({ points, kind: 'boundary', label: i ? undefined : 'decision boundary' }));
  }
  return call(['regionMap'], mapData, { width: 520, title: `${geo.regions} regions (${mlp.inputDim === 3 ? `plane x3 = ${slice}` : 'exact'})`, idPrefix: 'map-' }, 'region map');
}

function pointsOf(data: TrainData, slice: number): Record<string, unknown> {
  const xs: number[] = [];
  const ys: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < data.n; i++) {
    if (data.d === 3 && Math.abs(data.x[i * 3 + 2] - slice) > 0.75) continue;
    xs.push(data.x[i * data.d]);
    ys.push(data.x[i * data.d + 1]);
    labels.push(data.kind === 'classification' ? Math.round(data.y[i * data.k]) : 0);
  }
  const out: Record<string, unknown> = { x: xs, y: ys };
  if (data.kind === 'classification') {
    out.label = labels;
    out.classNames = ['class 0', 'class 1'];
  }
  return out;
}

/** The faceted 3D surface of the regions (one facet per region), optionally with a target surface. */
export function surfaceSvg(
  list: readonly RegionInfo[],
  box: Box,
  view: View3,
  options: { neighbors?: number[][]; target?: SampledTarget | null; title?: string; zLabel?: string; grid?: SampledTarget | null } = {},
): string {
  const data: Record<string, unknown> = { box };
  if (list.length > 0) data.regions = toRegion2D(list);
  else if (options.grid) data.grid = options.grid;
  else return placeholder('no facets to draw (no regions yet)');
  if (options.neighbors && list.length > 0) data.neighbors = options.neighbors;
  if (options.target) data.target = options.target;
  return call(
    ['surface3d'],
    data,
    { azimuth: view.azimuth, elevation: view.elevation, width: 520, height: 380, title: options.title ?? '', idPrefix: 'surf-', zLabel: options.zLabel ?? 'f' },
    '3D surface',
  );
}

/** Samples f on an nx × ny grid of nodes over the box (render-svg's SampledGrid layout). */
export function sampleTarget(f: (x: number, y: number) => number, box: Box, nx = 25, ny = 25): SampledTarget {
  const values: number[] = [];
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++)
      values.push(f(box[0] + (i * (box[1] - box[0])) / (nx - 1), box[2] + (j * (box[3] - box[2])) / (ny - 1)));
  return { box: [box[0], box[1], box[2], box[3]], nx, ny, values };
}

export function networkSvg(mlp: Mlp): string {
  return call(['networkDiagram'], mlp, { width: 420, idPrefix: 'net-', title: '' }, 'network diagram');
}

export function lossChartSvg(x: readonly number[], y: readonly number[], lossName: string): string {
  if (x.length < 2) return placeholder('the loss chart starts after the first step', 420, 240);
  const logY = y.every((v) => v > 0);
  return call(
    ['lineChart'],
    { series: [{ label: `${lossName} (whole set)`, x, y }] },
    { width: 420, height: 260, yScale: logY ? 'log' : 'linear', xLabel: 'step', yLabel: 'loss', idPrefix: 'loss-', title: '' },
    'loss chart',
  );
}

/** Exact region count over training (points) against the architecture's bounds (dashed lines). */
export function countChartSvg(x: readonly number[], y: readonly number[], bounds: readonly Bound[]): string {
  if (x.length === 0) return placeholder('no region counts (smooth activations)', 420, 240);
  const last = Math.max(1, x[x.length - 1]);
  const shown = bounds.filter((b) => b.value !== null && b.value > 0 && b.value < 1e12);
  return call(
    ['regionsVsTheory'],
    {
      measured: [{ label: 'exact regions in the box', x, y }],
      bounds: shown.map((b) => ({ label: b.name, x: [0, last], y: [b.value, b.value] })),
    },
    { width: 420, height: 260, xLabel: 'step', yLabel: 'regions', idPrefix: 'count-', title: '' },
    'region count chart',
  );
}

/** The net's output sampled on an n × n grid over the box (on the plane x3 = slice for 3 inputs). */
export function sampleNetGrid(mlp: Mlp, box: Box, n: number, slice = 0): SampledTarget {
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
