import { format as d3format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { esc, num } from './svg.js';

/**
 * A vertical continuous colour bar at (x, y) of the given size, for `interpolator` over
 * `[min, max]`, with ticks on the right and a title above. `id` must be unique in the page.
 */
export function colorBar(o: {
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
}): string {
  const w = o.width ?? 12;
  const fs = o.fontSize ?? 11;
  let min = o.min;
  let max = o.max;
  if (!(max > min)) {
    min -= 0.5;
    max += 0.5;
  }
  const stops = 11;
  let defs = `<linearGradient id="${o.id}" x1="0" x2="0" y1="1" y2="0">`;
  for (let i = 0; i < stops; i++) {
    const t = i / (stops - 1);
    defs += `<stop offset="${num(t, 2)}" stop-color="${o.interpolator(t)}"/>`;
  }
  defs += '</linearGradient>';
  const scale = scaleLinear().domain([min, max]).range([o.y + o.height, o.y]);
  const f = o.format ? d3format(o.format) : scale.tickFormat(5);
  let s = `<g class="legend" font-size="${fs}">${defs}<rect x="${num(o.x)}" y="${num(o.y)}" width="${w}" height="${num(o.height)}" fill="url(#${o.id})" stroke="#000" stroke-width="0.5"/>`;
  for (const t of scale.ticks(5)) {
    const ty = num(scale(t));
    s += `<line x1="${num(o.x + w)}" x2="${num(o.x + w + 4)}" y1="${ty}" y2="${ty}" stroke="#000"/><text x="${num(o.x + w + 6)}" y="${ty}" dy="0.32em">${esc(f(t))}</text>`;
  }
  if (o.title) s += `<text x="${num(o.x)}" y="${num(o.y - 8)}" font-size="${fs}">${esc(o.title)}</text>`;
  return `${s}</g>`;
}

/** A list of swatches (`kind` circle, line or dashed line) with labels, stacked downwards from (x, y). */
export function swatchLegend(
  items: ReadonlyArray<{ label: string; color: string; kind?: 'circle' | 'line' | 'dash' | 'rect'; width?: number }>,
  x: number,
  y: number,
  fontSize = 11,
): string {
  let s = `<g class="legend" font-size="${fontSize}">`;
  const step = fontSize + 6;
  items.forEach((it, i) => {
    const cy = y + i * step;
    const kind = it.kind ?? 'rect';
    if (kind === 'circle') s += `<circle cx="${num(x + 6)}" cy="${num(cy)}" r="4" fill="${it.color}" stroke="#fff" stroke-width="0.5"/>`;
    else if (kind === 'rect') s += `<rect x="${num(x)}" y="${num(cy - 5)}" width="12" height="10" fill="${it.color}" stroke="#555" stroke-width="0.5"/>`;
    else
      s += `<line x1="${num(x - 2)}" x2="${num(x + 14)}" y1="${num(cy)}" y2="${num(cy)}" stroke="${it.color}" stroke-width="${it.width ?? 2}"${kind === 'dash' ? ' stroke-dasharray="4 3"' : ''}/>`;
    s += `<text x="${num(x + 18)}" y="${num(cy)}" dy="0.32em">${esc(it.label)}</text>`;
  });
  return `${s}</g>`;
}
