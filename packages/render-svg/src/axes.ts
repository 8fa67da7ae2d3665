import { format as d3format } from 'd3-format';
import { esc, num } from './svg.js';
import { textWidth } from './text.js';

/** The subset of a d3 scale the axes need. */
export interface AxisScale {
  (v: number): number;
  ticks(count?: number): number[];
  tickFormat?(count?: number, specifier?: string): (v: number) => string;
  range(): number[];
}

export interface AxisOptions {
  /** Suggested number of ticks. */
  ticks?: number;
  /** Axis title. */
  label?: string;
  /** d3-format specifier for tick labels (defaults to the scale's tick format). */
  format?: string;
  fontSize?: number;
  /** Draw light grid lines across the plot of this length (px); 0 for none. */
  grid?: number;
}

function tickFormatter(scale: AxisScale, count: number, spec?: string): (v: number) => string {
  if (spec) return d3format(spec);
  // log scales: plain numbers (0.01, 1000), not SI prefixes (10m, 1k) that read as units
  if (scale.tickFormat && 'base' in scale) return scale.tickFormat(count, '~g');
  if (scale.tickFormat) return scale.tickFormat(count);
  return d3format('~g');
}

/** A horizontal axis at pixel row `y`, ticks pointing down, title below. */
export function axisBottom(scale: AxisScale, y: number, o: AxisOptions = {}): string {
  const count = o.ticks ?? 6;
  const fs = o.fontSize ?? 11;
  const f = tickFormatter(scale, count, o.format);
  const [r0, r1] = scale.range() as [number, number];
  let s = `<g class="axis x" font-size="${fs}" text-anchor="middle">`;
  if (o.grid) for (const t of scale.ticks(count)) s += `<line x1="${num(scale(t))}" x2="${num(scale(t))}" y1="${num(y)}" y2="${num(y - o.grid)}" stroke="#000" stroke-opacity="0.08"/>`;
  s += `<path d="M${num(r0)},${num(y)}H${num(r1)}" stroke="#000" fill="none"/>`;
  for (const t of scale.ticks(count)) {
    const x = num(scale(t));
    const label = f(t);
    s += `<line x1="${x}" x2="${x}" y1="${num(y)}" y2="${num(y + (label ? 5 : 3))}" stroke="#000"/>`;
    if (label) s += `<text x="${x}" y="${num(y + 7 + fs)}">${esc(label)}</text>`;
  }
  if (o.label) s += `<text x="${num((r0 + r1) / 2)}" y="${num(y + 12 + 2 * fs)}" font-size="${fs + 1}">${esc(o.label)}</text>`;
  return `${s}</g>`;
}

/** A vertical axis at pixel column `x`, ticks pointing left, rotated title on the left. */
export function axisLeft(scale: AxisScale, x: number, o: AxisOptions = {}): string {
  const count = o.ticks ?? 6;
  const fs = o.fontSize ?? 11;
  const f = tickFormatter(scale, count, o.format);
  const [r0, r1] = scale.range() as [number, number];
  let s = `<g class="axis y" font-size="${fs}" text-anchor="end">`;
  if (o.grid) for (const t of scale.ticks(count)) s += `<line x1="${num(x)}" x2="${num(x + o.grid)}" y1="${num(scale(t))}" y2="${num(scale(t))}" stroke="#000" stroke-opacity="0.08"/>`;
  s += `<path d="M${num(x)},${num(r0)}V${num(r1)}" stroke="#000" fill="none"/>`;
  let widest = 0;
  for (const t of scale.ticks(count)) {
    const y = num(scale(t));
    const label = f(t);
    widest = Math.max(widest, textWidth(label, fs));
    s += `<line x1="${num(x - (label ? 5 : 3))}" x2="${num(x)}" y1="${y}" y2="${y}" stroke="#000"/>`;
    if (label) s += `<text x="${num(x - 7)}" y="${y}" dy="0.32em">${esc(label)}</text>`;
  }
  if (o.label) {
    const lx = x - 12 - widest - 0.24 * (fs + 1);
    const cy = (r0 + r1) / 2;
    s += `<text transform="translate(${num(lx)},${num(cy)}) rotate(-90)" text-anchor="middle" font-size="${fs + 1}">${esc(o.label)}</text>`;
  }
  return `${s}</g>`;
}

/**
 * Room in px a left axis needs to the left of its line (ticks, tick labels, rotated title), for a
 * scale with this domain; used to size the left margin from the content.
 */
export function axisLeftWidth(scale: AxisScale, o: AxisOptions = {}): number {
  const count = o.ticks ?? 6;
  const fs = o.fontSize ?? 11;
  const f = tickFormatter(scale, count, o.format);
  let widest = 0;
  for (const t of scale.ticks(count)) widest = Math.max(widest, textWidth(f(t), fs));
  return 12 + widest + (o.label ? fs + 1 + 4 : 0);
}

/** Room in px a bottom axis needs below its line (ticks, labels, title). */
export function axisBottomHeight(o: AxisOptions = {}): number {
  const fs = o.fontSize ?? 11;
  return o.label ? 12 + 2 * fs + (fs + 1) * 0.24 + 2 : 7 + fs + 0.24 * fs + 2;
}

/** How far a bottom axis's first and last tick labels reach beyond the ends of its range. */
export function axisBottomOverhang(scale: AxisScale, o: AxisOptions = {}): { left: number; right: number } {
  const count = o.ticks ?? 6;
  const fs = o.fontSize ?? 11;
  const f = tickFormatter(scale, count, o.format);
  const [r0, r1] = scale.range() as [number, number];
  let left = 0;
  let right = 0;
  for (const t of scale.ticks(count)) {
    const x = scale(t);
    const w = textWidth(f(t), fs) / 2;
    left = Math.max(left, r0 - (x - w));
    right = Math.max(right, x + w - r1);
  }
  return { left, right };
}
