import { format as d3format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { esc, num } from './svg.js';
import { textWidth } from './text.js';

export interface ColorBarOptions {
  x: number;
  y: number;
  width?: number;
  height: number;
  min: number;
  max: number;
  interpolator: (t: number) => string;
  title?: string;
  id: string;
  fontSize?: number;
  format?: string;
}

function barScale(o: Pick<ColorBarOptions, 'min' | 'max' | 'y' | 'height' | 'format'>) {
  let min = o.min;
  let max = o.max;
  if (!(max > min)) {
    min -= 0.5;
    max += 0.5;
  }
  const scale = scaleLinear().domain([min, max]).range([o.y + o.height, o.y]);
  const f = o.format ? d3format(o.format) : scale.tickFormat(5);
  return { scale, f };
}

/**
 * Width and height in px a colour bar with these options occupies, measured from its tick labels
 * and title; `top` is how far the title reaches above `y`.
 */
export function colorBarSize(o: Omit<ColorBarOptions, 'x' | 'y' | 'id' | 'interpolator'>): { width: number; top: number } {
  const w = o.width ?? 12;
  const fs = o.fontSize ?? 11;
  const { scale, f } = barScale({ ...o, y: 0 });
  let widest = 0;
  for (const t of scale.ticks(5)) widest = Math.max(widest, textWidth(f(t), fs));
  return { width: Math.max(w + 6 + widest, o.title ? textWidth(o.title, fs) : 0), top: o.title ? 8 + fs : fs / 2 };
}

/**
 * A vertical continuous colour bar at (x, y) of the given size, for `interpolator` over
 * `[min, max]`, with ticks on the right and a title above. `id` must be unique in the page.
 */
export function colorBar(o: ColorBarOptions): string {
  const w = o.width ?? 12;
  const fs = o.fontSize ?? 11;
  const stops = 11;
  let defs = `<linearGradient id="${o.id}" x1="0" x2="0" y1="1" y2="0">`;
  for (let i = 0; i < stops; i++) {
    const t = i / (stops - 1);
    defs += `<stop offset="${num(t, 2)}" stop-color="${o.interpolator(t)}"/>`;
  }
  defs += '</linearGradient>';
  const { scale, f } = barScale(o);
  let s = `<g class="legend" font-size="${fs}">${defs}<rect x="${num(o.x)}" y="${num(o.y)}" width="${w}" height="${num(o.height)}" fill="url(#${o.id})" stroke="#000" stroke-width="0.5"/>`;
  for (const t of scale.ticks(5)) {
    const ty = num(scale(t));
    s += `<line x1="${num(o.x + w)}" x2="${num(o.x + w + 4)}" y1="${ty}" y2="${ty}" stroke="#000"/><text x="${num(o.x + w + 6)}" y="${ty}" dy="0.32em">${esc(f(t))}</text>`;
  }
  if (o.title) s += `<text x="${num(o.x)}" y="${num(o.y - 8)}" font-size="${fs}">${esc(o.title)}</text>`;
  return `${s}</g>`;
}

export interface SwatchItem {
  label: string;
  color: string;
  kind?: 'circle' | 'line' | 'dash' | 'rect';
  width?: number;
}

/** Row pitch of a swatch legend at this font size. */
export function swatchStep(fontSize: number): number {
  return Math.ceil(fontSize * 1.55);
}

/** Width of one swatch entry (symbol, gap, label) in px. */
export function swatchEntryWidth(it: SwatchItem, fontSize: number): number {
  return 18 + textWidth(it.label, fontSize);
}

/**
 * Size of a stacked swatch legend: width of the widest entry; height from the first row's top to
 * the last row's bottom (the legend's `y` is the centre of its first row).
 */
export function swatchLegendSize(items: readonly SwatchItem[], fontSize = 11): { width: number; height: number } {
  if (items.length === 0) return { width: 0, height: 0 };
  let w = 0;
  for (const it of items) w = Math.max(w, swatchEntryWidth(it, fontSize));
  return { width: w + 2, height: (items.length - 1) * swatchStep(fontSize) + fontSize + 2 };
}

function swatch(it: SwatchItem, x: number, cy: number, fontSize: number): string {
  const kind = it.kind ?? 'rect';
  let s = '';
  if (kind === 'circle') s += `<circle cx="${num(x + 6)}" cy="${num(cy)}" r="4" fill="${it.color}" stroke="#fff" stroke-width="0.5"/>`;
  else if (kind === 'rect') s += `<rect x="${num(x)}" y="${num(cy - 5)}" width="12" height="10" fill="${it.color}" stroke="#555" stroke-width="0.5"/>`;
  else
    s += `<line x1="${num(x)}" x2="${num(x + 14)}" y1="${num(cy)}" y2="${num(cy)}" stroke="${it.color}" stroke-width="${it.width ?? 2}"${kind === 'dash' ? ' stroke-dasharray="4 3"' : ''}/>`;
  s += `<text x="${num(x + 18)}" y="${num(cy)}" dy="0.32em" font-size="${fontSize}">${esc(it.label)}</text>`;
  return s;
}

/** A list of swatches (`kind` circle, line or dashed line) with labels, stacked downwards; (x, y) is the left end of the first row's centre line. */
export function swatchLegend(items: readonly SwatchItem[], x: number, y: number, fontSize = 11): string {
  let s = `<g class="legend" font-size="${fontSize}">`;
  const step = swatchStep(fontSize);
  items.forEach((it, i) => {
    s += `<g class="entry">${swatch(it, x, y + i * step, fontSize)}</g>`;
  });
  return `${s}</g>`;
}

/**
 * Lays swatches out in rows no wider than `maxWidth`, left to right, wrapping as needed; returns
 * the entry positions (x of the swatch, row index) and the block's size.
 */
export function swatchRows(items: readonly SwatchItem[], maxWidth: number, fontSize = 11): { at: Array<[number, number]>; width: number; height: number; rows: number } {
  const gap = 14;
  const at: Array<[number, number]> = [];
  let x = 0;
  let row = 0;
  let width = 0;
  for (const it of items) {
    const w = swatchEntryWidth(it, fontSize);
    if (x > 0 && x + w > maxWidth) {
      row++;
      x = 0;
    }
    at.push([x, row]);
    width = Math.max(width, x + w);
    x += w + gap;
  }
  const rows = items.length ? row + 1 : 0;
  return { at, width, height: rows ? (rows - 1) * swatchStep(fontSize) + fontSize + 2 : 0, rows };
}

/** Swatches in wrapped rows (see `swatchRows`) starting at (x, y), the centre of the first row. */
export function swatchLegendRows(items: readonly SwatchItem[], x: number, y: number, maxWidth: number, fontSize = 11): string {
  const { at } = swatchRows(items, maxWidth, fontSize);
  let s = `<g class="legend" font-size="${fontSize}">`;
  items.forEach((it, i) => {
    const [dx, row] = at[i] as [number, number];
    s += `<g class="entry">${swatch(it, x + dx, y + row * swatchStep(fontSize), fontSize)}</g>`;
  });
  return `${s}</g>`;
}
