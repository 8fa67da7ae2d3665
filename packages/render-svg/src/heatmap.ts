import { extent } from 'd3-array';
import { contours } from 'd3-contour';
import { scaleLinear } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { axisBottom, axisBottomHeight, axisLeft, axisLeftWidth } from './axes.js';
import { colorBar, colorBarSize, type SwatchItem, swatchLegend, swatchLegendSize } from './legend.js';
import { hex, pointsLayer } from './regionMap.js';
import { checkGrid } from './surface3d.js';
import { CLASS_PALETTE } from './coloring.js';
import { type FigureOptions, num, svgDocument } from './svg.js';
import type { PointSet, SampledGrid } from './types.js';

export interface HeatmapData {
  grid: SampledGrid;
  points?: PointSet;
}

export interface HeatmapOptions extends FigureOptions {
  /** Number of colour bands (default 24) — the field is drawn as filled d3-contour bands. */
  bands?: number;
  /** Isoline levels: a count of nice levels (default 8) or explicit values. */
  isolines?: number | readonly number[];
  /** Colour map on [0, 1] (default viridis). */
  interpolator?: (t: number) => string;
  xLabel?: string;
  yLabel?: string;
  colorLabel?: string;
  pointRadius?: number;
}

/**
 * A scalar field sampled on a grid, drawn as filled colour bands (d3-contour) with isolines, a
 * colour bar and optional data points. Grid nodes are the sample positions; each band polygon is
 * exact marching-squares geometry, so the file stays small at any resolution.
 */
export function heatmap(data: HeatmapData, options: HeatmapOptions = {}): string {
  const g = data.grid;
  checkGrid(g, 'data.grid');
  const [x0, x1, y0, y1] = g.box;
  const values = Float64Array.from(g.values as ArrayLike<number>);
  const [vmin, vmax] = extent(values) as [number, number];
  const interp = options.interpolator ?? interpolateViridis;
  const fs = options.fontSize ?? 12;
  const id = options.idPrefix ?? 'hm-';
  const width = options.width ?? 520;
  const title = options.title ?? '';
  // margins measured from their content: tick labels, colour bar (ticks, title), class legend
  const afs = Math.max(8, fs - 1);
  const lfs = Math.max(8, fs - 1);
  const colorLabel = options.colorLabel ?? 'f';
  const bar = colorBarSize({ height: 100, min: vmin, max: vmax, title: colorLabel, fontSize: lfs });
  const items: SwatchItem[] = [];
  if (data.points?.label) {
    let nc = 0;
    for (let i = 0; i < data.points.label.length; i++) nc = Math.max(nc, (data.points.label[i] as number) + 1);
    if (nc > 1)
      for (let c = 0; c < nc; c++) items.push({ label: data.points.classNames?.[c] ?? `class ${c}`, color: CLASS_PALETTE[c % CLASS_PALETTE.length] as string, kind: 'circle' });
  }
  const sw = swatchLegendSize(items, lfs);
  const sideGap = 16;
  const left = Math.ceil(axisLeftWidth(scaleLinear().domain([y0, y1]), { label: 'x', ticks: 6, fontSize: afs })) + 4;
  const right = Math.ceil(sideGap + Math.max(bar.width, sw.width) + 10);
  const top = title ? Math.ceil(fs * 2.2) + 6 : Math.ceil(afs * 0.5) + 6;
  const bottom = Math.ceil(axisBottomHeight({ label: 'x', fontSize: afs })) + 4;
  const plotW = width - left - right;
  let plotH = options.height ? options.height - top - bottom : Math.min(plotW * 2, (plotW * (y1 - y0)) / (x1 - x0));
  const barH = (h: number) => Math.min(180, Math.max(60, h - 30 - (sw.height ? sw.height + 20 : 0)));
  const sideH = bar.top + barH(plotH) + (sw.height ? 20 + sw.height : 0);
  if (!options.height && sideH > plotH + bottom - 4) plotH = sideH - bottom + 4;
  const height = options.height ?? plotH + top + bottom;
  // contour coordinates: node i sits at u = i + 0.5 (d3-contour's pixel centres)
  const ux = (u: number) => left + ((u - 0.5) / (g.nx - 1)) * plotW;
  const vy = (v: number) => top + plotH - ((v - 0.5) / (g.ny - 1)) * plotH;
  const span = vmax > vmin ? vmax - vmin : 1;
  const nb = options.bands ?? 24;
  const bandTh = Array.from({ length: nb }, (_, i) => vmin + (span * i) / nb);
  const gen = contours().size([g.nx, g.ny]);
  const ring = (r: number[][]) => {
    let s = '';
    for (let i = 0; i < r.length; i++) {
      const p = r[i] as [number, number];
      s += `${i === 0 ? 'M' : 'L'}${num(ux(p[0]))},${num(vy(p[1]))}`;
    }
    return `${s}Z`;
  };
  const mpath = (coords: number[][][][]) => coords.map((poly) => poly.map(ring).join('')).join('');
  let body = `<defs><clipPath id="${id}clip"><rect x="${num(left)}" y="${num(top)}" width="${num(plotW)}" height="${num(plotH)}"/></clipPath></defs>`;
  body += `<g class="bands" clip-path="url(#${id}clip)">`;
  for (let i = 0; i < nb; i++) {
    const th = bandTh[i] as number;
    const fill = hex(interp((i + 0.5) / nb));
    if (i === 0) {
      body += `<rect x="${num(left)}" y="${num(top)}" width="${num(plotW)}" height="${num(plotH)}" fill="${fill}"/>`;
      continue;
    }
    const c = gen.contour(values as unknown as number[], th);
    if (c.coordinates.length === 0) continue;
    body += `<path d="${mpath(c.coordinates as unknown as number[][][][])}" fill="${fill}" stroke="${fill}" stroke-width="0.3"/>`;
  }
  body += '</g>';
  const iso = options.isolines ?? 8;
  const levels = typeof iso === 'number' ? scaleLinear().domain([vmin, vmax]).nice().ticks(iso).filter((t) => t > vmin && t < vmax) : [...iso];
  body += `<g class="isolines" clip-path="url(#${id}clip)" fill="none" stroke="#fff" stroke-opacity="0.85" stroke-width="0.8">`;
  for (const t of levels) {
    const c = gen.contour(values as unknown as number[], t);
    if (c.coordinates.length === 0) continue;
    body += `<path class="isoline" data-value="${num(t, 6)}" d="${mpath(c.coordinates as unknown as number[][][][])}"/>`;
  }
  body += '</g>';
  const xs = scaleLinear().domain([x0, x1]).range([left, left + plotW]);
  const ys = scaleLinear().domain([y0, y1]).range([top + plotH, top]);
  if (data.points) body += pointsLayer(data.points, xs, ys, options.pointRadius ?? 2.5, id);
  body += `<rect x="${num(left)}" y="${num(top)}" width="${num(plotW)}" height="${num(plotH)}" fill="none" stroke="#000" stroke-width="0.8"/>`;
  body += axisBottom(xs, top + plotH, { label: options.xLabel ?? 'x₁', ticks: Math.max(2, Math.round(plotW / 80)), fontSize: afs });
  body += axisLeft(ys, left, { label: options.yLabel ?? 'x₂', ticks: Math.max(2, Math.round(plotH / 60)), fontSize: afs });
  const bh = barH(plotH);
  body += colorBar({ x: left + plotW + sideGap, y: top + bar.top, height: bh, min: vmin, max: vmax, interpolator: interp, id: `${id}bar`, title: colorLabel, fontSize: lfs });
  if (items.length > 0) body += swatchLegend(items, left + plotW + sideGap, top + bar.top + bh + 20 + lfs / 2 + 1, lfs);
  const description =
    options.description ??
    `Heatmap of a field sampled on a ${g.nx}×${g.ny} grid over [${x0}, ${x1}] × [${y0}, ${y1}], values ${num(vmin, 3)} to ${num(vmax, 3)}, with ${levels.length} isolines${data.points ? ` and ${data.points.x.length} data points` : ''}.`;
  return svgDocument({ width, height, title: title || 'Heatmap', description, body, fontFamily: options.fontFamily, fontSize: fs, showTitle: Boolean(title) });
}
