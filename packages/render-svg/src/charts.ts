import { line } from 'd3-shape';
import { scaleLinear, scaleLog } from 'd3-scale';
import { type AxisScale, axisBottom, axisBottomHeight, axisBottomOverhang, axisLeft, axisLeftWidth } from './axes.js';
import { CLASS_PALETTE } from './coloring.js';
import { type SwatchItem, swatchLegend, swatchLegendRows, swatchLegendSize, swatchRows } from './legend.js';
import { esc, type FigureOptions, num, svgDocument } from './svg.js';
import type { Series } from './types.js';

/** Colours of successive series (Tableau 10). */
export const SERIES_PALETTE = CLASS_PALETTE;

export interface ChartOptions extends FigureOptions {
  xLabel?: string;
  yLabel?: string;
  /** `log` needs every y > 0 (non-positive values are rejected with a message naming them). */
  yScale?: 'linear' | 'log';
  xScale?: 'linear' | 'log';
  /** Explicit axis domains. */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** Light grid lines (default true). */
  grid?: boolean;
}

interface Layer {
  kind: 'line' | 'points' | 'breaks';
  label?: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  dashed?: boolean;
}

function checkSeries(s: Series, where: string, logX: boolean, logY: boolean): void {
  if (!s?.x || !s.y) throw new RangeError(`invalid ${where}: expected { x, y } arrays`);
  if (s.x.length !== s.y.length) throw new RangeError(`invalid ${where}: x has ${s.x.length} values but y has ${s.y.length}`);
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i] as number;
    const y = s.y[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`invalid ${where}[${i}]: (${x}, ${y}) is not finite`);
    if (logY && !(y > 0)) throw new RangeError(`invalid ${where}.y[${i}]: ${y} cannot be shown on a log scale (needs > 0)`);
    if (logX && !(x > 0)) throw new RangeError(`invalid ${where}.x[${i}]: ${x} cannot be shown on a log scale (needs > 0)`);
  }
}

function xyChart(layers: Layer[], o: ChartOptions, defaultTitle: string, description: string): string {
  const fs = o.fontSize ?? 12;
  const width = o.width ?? 560;
  const height = o.height ?? 360;
  const title = o.title ?? '';
  const labelled = layers.filter((l) => l.label);
  const logX = o.xScale === 'log';
  const logY = o.yScale === 'log';
  let xmin = Number.POSITIVE_INFINITY;
  let xmax = Number.NEGATIVE_INFINITY;
  let ymin = Number.POSITIVE_INFINITY;
  let ymax = Number.NEGATIVE_INFINITY;
  for (const l of layers)
    for (let i = 0; i < l.x.length; i++) {
      xmin = Math.min(xmin, l.x[i] as number);
      xmax = Math.max(xmax, l.x[i] as number);
      if (l.kind !== 'breaks') {
        ymin = Math.min(ymin, l.y[i] as number);
        ymax = Math.max(ymax, l.y[i] as number);
      }
    }
  if (!Number.isFinite(xmin)) [xmin, xmax, ymin, ymax] = [0, 1, logY ? 1 : 0, logY ? 10 : 1];
  if (!(xmax > xmin)) [xmin, xmax] = logX ? [xmin / 2, xmax * 2] : [xmin - 0.5, xmax + 0.5];
  if (!(ymax > ymin)) [ymin, ymax] = logY ? [ymin / 2, ymax * 2] : [ymin - 0.5, ymax + 0.5];
  // margins measured from their content: y tick labels, legend entries, x tick overhang
  const afs = Math.max(8, fs - 1);
  const lfs = Math.max(8, fs - 1);
  const items: SwatchItem[] = labelled.map((l) => ({
    label: l.label as string,
    color: l.color,
    kind: l.kind === 'points' ? ('circle' as const) : l.dashed ? ('dash' as const) : ('line' as const),
  }));
  const xs = (logX ? scaleLog() : scaleLinear()).domain(o.xDomain ? [...o.xDomain] : [xmin, xmax]);
  const ys = (logY ? scaleLog() : scaleLinear()).domain(o.yDomain ? [...o.yDomain] : [ymin, ymax]);
  if (!logX && !o.xDomain) xs.nice();
  if (!o.yDomain) ys.nice();
  const top = title ? Math.ceil(fs * 2.2) + 8 : Math.ceil(afs * 0.5) + 8;
  const bottomAxis = Math.ceil(axisBottomHeight({ label: 'x', fontSize: afs })) + 4;
  const yTicks = (h: number) => Math.max(2, Math.round(h / 50));
  const provisionalH = height - top - bottomAxis;
  const left = Math.ceil(axisLeftWidth(ys as unknown as AxisScale, { label: 'y', ticks: yTicks(provisionalH), fontSize: afs })) + 4;
  const sw = swatchLegendSize(items, lfs);
  const sideGap = 18;
  const over = axisBottomOverhang(xs.copy().range([0, width * 0.7]) as unknown as AxisScale, { ticks: Math.max(2, Math.round((width * 0.7) / 90)), fontSize: afs });
  // legend beside the plot when that leaves it at least 55% of the width, else in rows below it
  const side = items.length > 0 && width - left - sideGap - sw.width - 12 >= 0.55 * width;
  const rows = items.length > 0 && !side ? swatchRows(items, width - left - 6, lfs) : undefined;
  const right = Math.ceil(side ? sideGap + sw.width + 12 : over.right + 8);
  const bottom = bottomAxis + (rows ? rows.height + 8 : 0);
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  xs.range([left, left + plotW]);
  ys.range([top + plotH, top]);
  const id = o.idPrefix ?? 'ch-';
  let body = `<defs><clipPath id="${id}clip"><rect x="${num(left - 4)}" y="${num(top - 4)}" width="${num(plotW + 8)}" height="${num(plotH + 8)}"/></clipPath></defs>`;
  const grid = o.grid === false ? 0 : 1;
  body += axisBottom(xs as unknown as AxisScale, top + plotH, { label: o.xLabel ?? 'x', ticks: Math.max(2, Math.round(plotW / 90)), grid: grid * plotH, fontSize: afs });
  body += axisLeft(ys as unknown as AxisScale, left, { label: o.yLabel ?? 'y', ticks: yTicks(plotH), grid: grid * plotW, fontSize: afs });
  body += `<g class="marks" clip-path="url(#${id}clip)">`;
  for (const l of layers) {
    if (l.kind === 'line') {
      const idx = Array.from({ length: l.x.length }, (_, i) => i);
      const d = line<number>()
        .x((i) => xs(l.x[i] as number))
        .y((i) => ys(l.y[i] as number))
        .digits(1)(idx);
      body += `<path class="series" d="${d ?? ''}" fill="none" stroke="${l.color}" stroke-width="1.8" stroke-linejoin="round"${l.dashed ? ' stroke-dasharray="6 3"' : ''}/>`;
    } else if (l.kind === 'points') {
      body += `<g class="points" fill="${l.color}" stroke="#fff" stroke-width="0.7">`;
      for (let i = 0; i < l.x.length; i++) body += `<circle cx="${num(xs(l.x[i] as number))}" cy="${num(ys(l.y[i] as number))}" r="3.5"/>`;
      body += '</g>';
    } else {
      body += `<g class="breakpoints" fill="#fff" stroke="${l.color}" stroke-width="1.3">`;
      for (let i = 0; i < l.x.length; i++) {
        const X = num(xs(l.x[i] as number));
        body += `<line x1="${X}" x2="${X}" y1="${num(top + plotH)}" y2="${num(top + plotH - 6)}" stroke="#555"/><circle cx="${X}" cy="${num(ys(l.y[i] as number))}" r="3"/>`;
      }
      body += '</g>';
    }
  }
  body += '</g>';
  if (side) body += swatchLegend(items, left + plotW + sideGap, top + lfs / 2 + 4, lfs);
  else if (rows) body += swatchLegendRows(items, left, top + plotH + bottomAxis + 4 + lfs / 2 + 1, width - left - 6, lfs);
  return svgDocument({ width, height, title: title || defaultTitle, description: o.description ?? description, body, fontFamily: o.fontFamily, fontSize: fs, showTitle: Boolean(title) });
}

export interface LinePlotData {
  /** One or more curves, e.g. a net along a segment, or cross-sections for a steepness sweep. */
  series: readonly Series[];
  /** Breakpoints of the first curve (exact kinks), marked with a circle on the curve and a tick on the axis. */
  breakpoints?: { x: ArrayLike<number>; y: ArrayLike<number> };
}

/**
 * 1D plot: curves y(x) (a function along a segment, parameter t or arc length on x) with its
 * breakpoints marked; several curves get a legend (e.g. steps for w = 10, 100, 1000).
 */
export function linePlot(data: LinePlotData, options: ChartOptions = {}): string {
  const logX = options.xScale === 'log';
  const logY = options.yScale === 'log';
  const layers: Layer[] = data.series.map((s, i) => {
    checkSeries(s, `series[${i}]`, logX, logY);
    return { kind: 'line', label: s.label, x: s.x, y: s.y, color: SERIES_PALETTE[i % SERIES_PALETTE.length] as string };
  });
  if (data.breakpoints) {
    checkSeries(data.breakpoints, 'breakpoints', logX, logY);
    layers.push({ kind: 'breaks', x: data.breakpoints.x, y: data.breakpoints.y, color: '#000' });
  }
  const nb = data.breakpoints?.x.length ?? 0;
  return xyChart(layers, { xLabel: 't', yLabel: 'f', ...options }, '1D plot', `Line plot of ${data.series.length} curve(s)${nb ? ` with ${nb} breakpoints marked` : ''}.`);
}

export interface LineChartData {
  series: readonly Series[];
}

/** Line chart of several series (loss or accuracy over epochs), linear or log y. */
export function lineChart(data: LineChartData, options: ChartOptions = {}): string {
  const logX = options.xScale === 'log';
  const logY = options.yScale === 'log';
  const layers: Layer[] = data.series.map((s, i) => {
    checkSeries(s, `series[${i}]`, logX, logY);
    return { kind: 'line', label: s.label, x: s.x, y: s.y, color: SERIES_PALETTE[i % SERIES_PALETTE.length] as string };
  });
  return xyChart(layers, { xLabel: 'epoch', yLabel: 'loss', ...options }, 'Training', `Line chart of ${data.series.length} series: ${data.series.map((s) => esc(s.label ?? '')).join(', ')}.`);
}

export interface RegionsVsTheoryData {
  /** Measured region counts (points), one series per family of nets. */
  measured: readonly Series[];
  /** Bound curves (lines), e.g. Zaslavsky, Serra upper bound, 2^N. */
  bounds: readonly Series[];
}

/** "Regions vs theory": measured counts as points, bound curves as dashed lines, log y by default. */
export function regionsVsTheory(data: RegionsVsTheoryData, options: ChartOptions = {}): string {
  const o: ChartOptions = { xLabel: 'hidden neurons N', yLabel: 'linear regions', yScale: 'log', ...options };
  const logX = o.xScale === 'log';
  const logY = o.yScale === 'log';
  const layers: Layer[] = [];
  // one colour per series: measured series take the palette from the start, bounds continue after them
  const nm = data.measured.length;
  data.bounds.forEach((s, i) => {
    checkSeries(s, `bounds[${i}]`, logX, logY);
    layers.push({ kind: 'line', label: s.label, x: s.x, y: s.y, color: SERIES_PALETTE[(nm + i) % SERIES_PALETTE.length] as string, dashed: true });
  });
  data.measured.forEach((s, i) => {
    checkSeries(s, `measured[${i}]`, logX, logY);
    layers.push({ kind: 'points', label: s.label, x: s.x, y: s.y, color: SERIES_PALETTE[i % SERIES_PALETTE.length] as string });
  });
  const np = data.measured.reduce((a, s) => a + s.x.length, 0);
  return xyChart(layers, o, 'Regions vs theory', `Measured region counts (${np} points) against ${data.bounds.length} bound curves, ${logY ? 'log' : 'linear'} y axis.`);
}
