import { scaleLinear } from 'd3-scale';
import { interpolateViridis, interpolateYlGnBu } from 'd3-scale-chromatic';
import { axisBottom, axisBottomHeight, axisBottomOverhang, axisLeft, axisLeftWidth } from './axes.js';
import { CLASS_PALETTE, greedyColoring, NEIGHBOR_PALETTE, patternColor } from './coloring.js';
import { formatAffine } from './format.js';
import { colorBar, colorBarSize, type SwatchItem, swatchLegend, swatchLegendRows, swatchLegendSize, swatchRows } from './legend.js';
import { checkBox, esc, type FigureOptions, num, pathData, pointsAttr, svgDocument } from './svg.js';
import { textWidth } from './text.js';
import type { BoundaryEdge, Box, PointSet, Polyline, Region2D } from './types.js';

/** Everything a region map can show. Only `box` and `regions` are required. */
export interface RegionMapData {
  box: Box;
  regions: readonly Region2D[];
  /** `neighbors[i]`: indices of the regions sharing an edge with region i (for `color: 'neighbors'`). */
  neighbors?: ReadonlyArray<ArrayLike<number>>;
  /** Boundary pieces tagged by layer; when given they are drawn instead of the polygon outlines. */
  edges?: readonly BoundaryEdge[];
  /** Data points, coloured by class. */
  points?: PointSet;
  /** Decision boundary / level sets. */
  polylines?: readonly Polyline[];
  /** A region to outline, labelled with its affine formula (or `label`). */
  highlight?: { region: number; label?: string };
}

export type RegionColoring = 'neighbors' | 'value' | 'slope' | 'pattern' | 'none';

export interface RegionMapOptions extends FigureOptions {
  /** How to fill regions (default: `neighbors` when adjacency is given, else `pattern` or `none`). */
  color?: RegionColoring;
  /** Draw region edges (default true). */
  edges?: boolean;
  /** Colours of boundary edges by layer (index 0 = layer 1); defaults to dark grey, red, blue, ... */
  layerColors?: readonly string[];
  /** Edge stroke width in px (default 0.7; deeper layers get the same width). */
  edgeWidth?: number;
  /** Radius of data points in px (default 2.5). */
  pointRadius?: number;
  /** Axis titles (defaults `x₁`, `x₂`). */
  xLabel?: string;
  yLabel?: string;
  /** Title of the colour bar for `value`/`slope`. */
  colorLabel?: string;
  /** Keep one input unit the same length on both axes (default true). */
  equalAspect?: boolean;
}

const LAYER_COLORS = ['#333333', '#d62728', '#1f77b4', '#2ca02c', '#9467bd'];

/** Mean of a polygon's vertices (inside for convex polygons). */
function vertexCentroid(v: ArrayLike<number>): [number, number] {
  let sx = 0;
  let sy = 0;
  const n = v.length >> 1;
  for (let i = 0; i < n; i++) {
    sx += v[2 * i] as number;
    sy += v[2 * i + 1] as number;
  }
  return [sx / n, sy / n];
}

/** Interior point of a region: its own `interior`, else the vertex centroid. */
export function regionInterior(r: Region2D): readonly [number, number] {
  return r.interior ?? vertexCentroid(r.vertices);
}

/** Scalar for `color: 'value'`: `value`, else the affine map at the interior point, else NaN. */
export function regionValue(r: Region2D): number {
  if (r.value !== undefined) return r.value;
  if (!r.affine) return Number.NaN;
  const [x, y] = regionInterior(r);
  return (r.affine.a[0] as number) * x + (r.affine.a[1] as number) * y + r.affine.c;
}

/** Gradient norm of a region's affine map (NaN when it has none). */
export function regionSlope(r: Region2D): number {
  return r.affine ? Math.hypot(r.affine.a[0] as number, r.affine.a[1] as number) : Number.NaN;
}

/**
 * The fill colour of every region under a colouring, as hex strings, plus the value range for the
 * legend (value/slope). Exposed so tests and other views colour regions identically.
 */
export function regionFills(
  data: Pick<RegionMapData, 'regions' | 'neighbors'>,
  color: RegionColoring,
): { fills: string[]; min: number; max: number; interpolator?: (t: number) => string } {
  const n = data.regions.length;
  const fills = new Array<string>(n);
  if (color === 'neighbors') {
    if (!data.neighbors) throw new RangeError("invalid color 'neighbors': data.neighbors (the adjacency lists) is missing");
    if (data.neighbors.length !== n) throw new RangeError(`invalid neighbors: expected ${n} lists (one per region), received ${data.neighbors.length}`);
    const c = greedyColoring(data.neighbors);
    for (let i = 0; i < n; i++) fills[i] = NEIGHBOR_PALETTE[(c[i] as number) % NEIGHBOR_PALETTE.length] as string;
    return { fills, min: 0, max: 0 };
  }
  if (color === 'pattern') {
    for (let i = 0; i < n; i++) {
      const p = (data.regions[i] as Region2D).pattern;
      fills[i] = p === undefined ? '#eeeeee' : patternColor(p);
    }
    return { fills, min: 0, max: 0 };
  }
  if (color === 'none') return { fills: fills.fill('#ffffff'), min: 0, max: 0 };
  const values = new Float64Array(n);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const r = data.regions[i] as Region2D;
    const v = color === 'value' ? regionValue(r) : regionSlope(r);
    if (!Number.isFinite(v)) throw new RangeError(`invalid regions[${i}]: color '${color}' needs an affine map${color === 'value' ? ' or a value' : ''}`);
    values[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const interpolator = color === 'value' ? interpolateViridis : (t: number) => interpolateYlGnBu(0.08 + 0.84 * t);
  const span = max > min ? max - min : 1;
  for (let i = 0; i < n; i++) fills[i] = hex(interpolator(((values[i] as number) - min) / span));
  return { fills, min, max, interpolator };
}

/** d3 interpolators return `rgb(r, g, b)` or `#rrggbb`; normalise to `#rrggbb` (shorter, comparable). */
export function hex(color: string): string {
  if (color[0] === '#') return color;
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(color);
  if (!m) return color;
  const h = (s: string) => Number(s).toString(16).padStart(2, '0');
  return `#${h(m[1] as string)}${h(m[2] as string)}${h(m[3] as string)}`;
}

/**
 * Draws a 2D partition: one `<polygon>` per region filled by the chosen colouring, the region
 * edges (styled by layer when `data.edges` is given), optional data points (one `<circle>` each,
 * coloured by class), decision boundaries / level sets as polylines, and a highlighted region
 * with its affine formula. Axes in input units, equal aspect by default.
 *
 * @example regionMap({ box: [-1, 1, -1, 1], regions, neighbors }, { color: 'neighbors' })
 */
export function regionMap(data: RegionMapData, options: RegionMapOptions = {}): string {
  const box = checkBox(data.box, 'data.box');
  if (!Array.isArray(data.regions)) throw new RangeError('invalid data.regions: expected an array of regions');
  const [x0, x1, y0, y1] = box;
  const n = data.regions.length;
  const color: RegionColoring = options.color ?? (data.neighbors ? 'neighbors' : data.regions[0]?.pattern !== undefined ? 'pattern' : 'none');
  const fs = options.fontSize ?? 12;
  const id = options.idPrefix ?? 'rm-';
  const { fills, min, max, interpolator } = regionFills(data, color);

  const hasColorBar = color === 'value' || color === 'slope';
  const nClasses = data.points ? countClasses(data.points) : 0;
  const labelledLines = (data.polylines ?? []).filter((p) => p.label);
  const layers = data.edges ? maxLayer(data.edges) : 0;
  const layerColors = options.layerColors ?? LAYER_COLORS;
  const items: SwatchItem[] = [];
  if (layers > 1) for (let l = 1; l <= layers; l++) items.push({ label: `layer ${l}`, color: layerColors[(l - 1) % layerColors.length] ?? '#333', kind: 'line' });
  if (data.points && nClasses > 1)
    for (let c = 0; c < nClasses; c++)
      items.push({ label: data.points.classNames?.[c] ?? `class ${c}`, color: CLASS_PALETTE[c % CLASS_PALETTE.length] as string, kind: 'circle' });
  for (const p of labelledLines) items.push({ label: p.label as string, color: p.kind === 'level' ? '#222' : '#000', kind: p.kind === 'level' ? 'dash' : 'line' });
  const width = options.width ?? 520;
  // every margin is measured from what sits in it (tick labels, titles, legends)
  const lfs = Math.max(8, fs - 1);
  const afs = Math.max(8, fs - 1);
  const barTitle = options.colorLabel ?? (color === 'value' ? 'output' : '|∇f|');
  const bar = hasColorBar ? colorBarSize({ height: 100, min, max, title: barTitle, fontSize: lfs }) : { width: 0, top: 0 };
  const sw = swatchLegendSize(items, lfs);
  const xTicks0 = scaleLinear().domain([x0, x1]).range([0, width * 0.7]);
  const over = axisBottomOverhang(xTicks0, { ticks: Math.max(2, Math.round((width * 0.7) / 80)), fontSize: afs });
  const left = Math.max(Math.ceil(over.left) + 4, Math.ceil(axisLeftWidth(scaleLinear().domain([y0, y1]), { label: 'x', ticks: 6, fontSize: afs })) + 4);
  const sideGap = 16;
  let sideW = Math.max(bar.width, sw.width);
  // legends beside the plot when that leaves it at least 55% of the width, else swatches below it
  let swatchBelow = false;
  if (items.length > 0 && width - left - sideGap - sideW - 6 < 0.55 * width) {
    swatchBelow = true;
    sideW = bar.width;
  }
  const right = Math.ceil(sideW > 0 ? sideGap + sideW + 10 : over.right + 6);
  const top = options.title ? Math.ceil(fs * 2.2) + 6 : Math.ceil(afs * 0.5) + 6;
  const below = swatchBelow ? swatchRows(items, width - left - 6, lfs) : undefined;
  const bottomAxis = Math.ceil(axisBottomHeight({ label: 'x', fontSize: afs })) + 4;
  const bottom = bottomAxis + (below ? below.height + 8 : 0);
  const plotW = width - left - right;
  let plotH: number;
  if (options.height) plotH = options.height - top - bottom;
  else plotH = options.equalAspect === false ? plotW : Math.min(plotW * 2, (plotW * (y1 - y0)) / (x1 - x0));
  // a side legend taller than the plot grows the figure
  const sideH = (hasColorBar ? bar.top + Math.min(160, Math.max(60, plotH - 30)) + 20 : 0) + sw.height * (swatchBelow ? 0 : 1);
  if (!options.height && sideH > plotH + bottomAxis) plotH = Math.max(plotH, sideH - bottomAxis);
  let wUse = plotW;
  if (options.equalAspect !== false) wUse = Math.min(plotW, (plotH * (x1 - x0)) / (y1 - y0));
  const height = options.height ?? plotH + top + bottom;
  const sx = wUse / (x1 - x0);
  const sy = plotH / (y1 - y0);
  const px = (x: number) => left + (x - x0) * sx;
  const py = (y: number) => top + (y1 - y) * sy;

  let buf = new Float64Array(64);
  const project = (v: ArrayLike<number>): number => {
    const m = v.length;
    if (buf.length < m) buf = new Float64Array(m * 2);
    for (let k = 0; k < m; k += 2) {
      buf[k] = left + ((v[k] as number) - x0) * sx;
      buf[k + 1] = top + (y1 - (v[k + 1] as number)) * sy;
    }
    return m;
  };

  const drawEdges = options.edges !== false;
  const layered = drawEdges && data.edges !== undefined;
  const ew = options.edgeWidth ?? 0.7;
  let body = `<defs><clipPath id="${id}clip"><rect x="${num(left)}" y="${num(top)}" width="${num(wUse)}" height="${num(plotH)}"/></clipPath></defs>`;
  body += `<g class="regions" clip-path="url(#${id}clip)" stroke-linejoin="round"${drawEdges && !layered ? ` stroke="#333" stroke-width="${ew}"` : ''}>`;
  for (let i = 0; i < n; i++) {
    const r = data.regions[i] as Region2D;
    if (!r.vertices || r.vertices.length < 6 || r.vertices.length % 2 !== 0)
      throw new RangeError(`invalid regions[${i}].vertices: expected a flat [x0, y0, x1, y1, ...] list of at least 3 points`);
    const m = project(r.vertices);
    const fill = fills[i] as string;
    body += `<polygon points="${pointsAttr(buf, m)}" fill="${fill}"${drawEdges && !layered ? '' : ` stroke="${fill}" stroke-width="0.5"`}/>`;
  }
  body += '</g>';

  if (layered) {
    // one <path> per layer keeps files small
    const byLayer = new Map<number, string>();
    for (const e of data.edges as readonly BoundaryEdge[]) {
      const m = project(e.points);
      byLayer.set(e.layer, (byLayer.get(e.layer) ?? '') + pathData(buf, false, m));
    }
    body += `<g class="edges" clip-path="url(#${id}clip)" fill="none" stroke-linecap="round" stroke-linejoin="round">`;
    for (const layer of [...byLayer.keys()].sort((a, b) => a - b)) {
      const c = layerColors[(layer - 1) % layerColors.length] ?? '#333';
      body += `<path class="layer-${layer}" d="${byLayer.get(layer)}" stroke="${c}" stroke-width="${num(layer === 1 ? ew : ew * 1.4, 2)}"${layer > 1 ? ' stroke-opacity="0.9"' : ''}/>`;
    }
    body += '</g>';
  }

  if (data.polylines && data.polylines.length > 0) {
    body += `<g class="polylines" clip-path="url(#${id}clip)" fill="none" stroke-linejoin="round">`;
    for (const p of data.polylines) {
      const m = project(p.points);
      body +=
        p.kind === 'level'
          ? `<polyline points="${pointsAttr(buf, m)}" stroke="#222" stroke-width="1.2" stroke-dasharray="5 3"/>`
          : `<polyline points="${pointsAttr(buf, m)}" stroke="#000" stroke-width="2.2"/>`;
    }
    body += '</g>';
  }

  if (data.points) body += pointsLayer(data.points, px, py, options.pointRadius ?? 2.5, id);

  if (data.highlight) {
    const h = data.highlight;
    const r = data.regions[h.region];
    if (!r) throw new RangeError(`invalid highlight.region: ${h.region} is not a region index in [0, ${n})`);
    const m = project(r.vertices);
    body += `<polygon class="highlight" points="${pointsAttr(buf, m)}" fill="none" stroke="#000" stroke-width="2.2"/>`;
    const text = h.label ?? (r.affine ? formatAffine(r.affine.a, r.affine.c) : `region ${h.region}`);
    const [ix, iy] = regionInterior(r);
    const tw = textWidth(text, fs, true) + 4;
    const lx = Math.min(Math.max(px(ix), left + tw / 2 + 2), left + wUse - tw / 2 - 2);
    let ly = py(iy) - 10;
    if (ly < top + fs + 2) ly = py(iy) + fs + 10;
    body += `<circle cx="${num(px(ix))}" cy="${num(py(iy))}" r="2.5" fill="#000"/>`;
    body += `<text class="formula" x="${num(lx)}" y="${num(ly)}" text-anchor="middle" font-size="${fs}" font-weight="bold" paint-order="stroke" stroke="#fff" stroke-width="3.5" stroke-linejoin="round">${esc(text)}</text>`;
  }

  const xs = scaleLinear().domain([x0, x1]).range([left, left + wUse]);
  const ys = scaleLinear().domain([y0, y1]).range([top + plotH, top]);
  body += `<rect x="${num(left)}" y="${num(top)}" width="${num(wUse)}" height="${num(plotH)}" fill="none" stroke="#000" stroke-width="0.8"/>`;
  body += axisBottom(xs, top + plotH, { label: options.xLabel ?? 'x₁', ticks: Math.max(2, Math.round(wUse / 80)), fontSize: afs });
  body += axisLeft(ys, left, { label: options.yLabel ?? 'x₂', ticks: Math.max(2, Math.round(plotH / 60)), fontSize: afs });

  // legends on the right of the plot (swatches below it when the side is too narrow)
  const lx = left + wUse + sideGap;
  let ly = top;
  if (hasColorBar && interpolator) {
    const bh = Math.min(160, Math.max(60, plotH - 30));
    body += colorBar({ x: lx, y: ly + bar.top, height: bh, min, max, interpolator, id: `${id}bar`, title: barTitle, fontSize: lfs });
    ly += bar.top + bh + 20;
  }
  if (items.length > 0) {
    if (below) body += swatchLegendRows(items, left, top + plotH + bottomAxis + 4 + lfs / 2 + 1, width - left - 6, lfs);
    else body += swatchLegend(items, lx, ly + lfs / 2 + 1, lfs);
  }

  const title = options.title ?? '';
  const description =
    options.description ??
    `Region map of ${n} activation regions in [${x0}, ${x1}] × [${y0}, ${y1}], coloured by ${color}` +
      `${data.points ? `, with ${data.points.x.length} data points` : ''}${data.polylines?.length ? `, ${data.polylines.length} boundary/level polylines` : ''}.`;
  return svgDocument({ width, height, title: title || 'Region map', description, body, fontFamily: options.fontFamily, fontSize: fs, showTitle: Boolean(title) });
}

function countClasses(p: PointSet): number {
  if (!p.label) return 1;
  let m = 0;
  for (let i = 0; i < p.label.length; i++) m = Math.max(m, (p.label[i] as number) + 1);
  return m;
}

function maxLayer(edges: readonly BoundaryEdge[]): number {
  let m = 0;
  for (const e of edges) m = Math.max(m, e.layer);
  return m;
}

/** One `<circle>` per point, coloured by class, clipped to the plot. */
export function pointsLayer(p: PointSet, px: (x: number) => number, py: (y: number) => number, radius: number, id: string): string {
  if (p.x.length !== p.y.length) throw new RangeError(`invalid points: x has ${p.x.length} values but y has ${p.y.length}`);
  if (p.label && p.label.length !== p.x.length) throw new RangeError(`invalid points.label: expected ${p.x.length} labels, received ${p.label.length}`);
  let s = `<g class="points" clip-path="url(#${id}clip)" stroke="#1a1a1a" stroke-width="0.6">`;
  for (let i = 0; i < p.x.length; i++) {
    const c = p.label ? CLASS_PALETTE[((p.label[i] as number) | 0) % CLASS_PALETTE.length] : CLASS_PALETTE[0];
    s += `<circle cx="${num(px(p.x[i] as number))}" cy="${num(py(p.y[i] as number))}" r="${radius}" fill="${c}"/>`;
  }
  return `${s}</g>`;
}
