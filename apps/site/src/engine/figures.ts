import { evaluateMlp, type Mlp } from '@tessera/nn-core';
import { type ChartOptions, type LinePlotData, linePlot, regionMap, type Series, type SurfaceData, surface3d } from '@tessera/render-svg';
import type { SampledTarget } from '../train/protocol.js';
import { isPiecewiseLinear, regionsOf } from './geometry.js';
import { drawSafely, placeholder, toRegion2D, type View3 } from './render.js';

type Box = [number, number, number, number];

/** A 1-input net sampled at n + 1 points of [a, b] (nn-core's batch evaluation). */
export function sampleCurve(mlp: Mlp, a: number, b: number, n = 400): { x: number[]; y: number[] } {
  const xs = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) xs[i] = a + ((b - a) * i) / n;
  const ys = evaluateMlp(mlp, xs, n + 1);
  return { x: Array.from(xs), y: Array.from(ys) };
}

/** A 2-input net (or any f) sampled on an nx × ny grid of nodes over the box (render-svg's SampledGrid). */
export function sampleGrid(f: Mlp | ((x: number, y: number) => number), box: Box, nx = 41, ny = nx): SampledTarget {
  const pts = new Float64Array(nx * ny * 2);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      pts[2 * k] = box[0] + (i * (box[1] - box[0])) / (nx - 1);
      pts[2 * k + 1] = box[2] + (j * (box[3] - box[2])) / (ny - 1);
    }
  let values: number[];
  if (typeof f === 'function') {
    values = [];
    for (let k = 0; k < nx * ny; k++) values.push(f(pts[2 * k], pts[2 * k + 1]));
  } else values = Array.from(evaluateMlp(f, pts, nx * ny));
  return { box, nx, ny, values };
}


/** Several 1D curves, with exact breakpoints marked when given. */
export function curvesSvg(
  series: Series[],
  options: { title?: string; breakpoints?: { x: number[]; y: number[] }; xLabel?: string; yLabel?: string; idPrefix: string; yDomain?: [number, number]; xDomain?: [number, number] },
): string {
  const data: LinePlotData = { series };
  if (options.breakpoints) data.breakpoints = options.breakpoints;
  const o: ChartOptions = {
    width: 480,
    height: 280,
    title: options.title ?? '',
    xLabel: options.xLabel ?? 'x',
    yLabel: options.yLabel ?? 'output',
    idPrefix: options.idPrefix,
  };
  if (options.yDomain) o.yDomain = options.yDomain;
  if (options.xDomain) o.xDomain = options.xDomain;
  return drawSafely('line plot', () => linePlot(data, o));
}

/**
 * The 3D surface of a 2-input net: exact facets (one per activation region) for a piecewise-linear
 * net, a sampled grid for a smooth one; optionally a translucent target.
 */
export function netSurfaceSvg(
  mlp: Mlp,
  box: Box,
  view: View3,
  options: { title?: string; target?: SampledTarget | null; idPrefix: string; grid?: number; zLabel?: string; width?: number },
): { svg: string; regions: number | null } {
  const data: SurfaceData = { box };
  let regions: number | null = null;
  if (isPiecewiseLinear(mlp)) {
    const geo = regionsOf(mlp, box);
    if (!geo.partition) return { svg: placeholder(geo.note), regions: null };
    regions = geo.regions;
    data.regions = toRegion2D(geo.regionList);
  } else data.grid = sampleGrid(mlp, box, options.grid ?? 61);
  if (options.target) data.target = options.target;
  return {
    svg: drawSafely('3D surface', () => surface3d(data, {
      azimuth: view.azimuth,
      elevation: view.elevation,
      width: options.width ?? 480,
      height: 340,
      title: options.title ?? '',
      idPrefix: options.idPrefix,
      zLabel: options.zLabel ?? 'output',
    })),
    regions,
  };
}

/** The exact region map of a 2-input PL net (regions coloured by output value). */
export function netRegionMapSvg(mlp: Mlp, box: Box, options: { title?: string; idPrefix: string; width?: number }): { svg: string; regions: number | null; linearRegions: number | null } {
  const geo = regionsOf(mlp, box);
  if (!geo.partition) return { svg: placeholder(geo.note), regions: null, linearRegions: null };
  return {
    svg: drawSafely('region map', () =>
      regionMap(
        { box, regions: toRegion2D(geo.regionList) },
        { width: options.width ?? 420, title: options.title ?? '', idPrefix: options.idPrefix, color: 'value' },
      ),
    ),
    regions: geo.regions,
    linearRegions: geo.linearRegions,
  };
}


/**
 * Lets the user drag horizontally on a render-svg chart inside `el`: `onX` receives the data x
 * under the pointer (the plot area is the marks' clip rectangle, drawn 4 px larger on each side).
 */
export function dragX(el: HTMLElement, domain: [number, number], onX: (x: number) => void): void {
  const toX = (clientX: number, clientY: number): number | null => {
    const svg = el.querySelector('svg');
    const rect = svg?.querySelector('clipPath rect');
    const ctm = svg?.getScreenCTM();
    if (!svg || !rect || !ctm) return null;
    const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    const left = Number(rect.getAttribute('x')) + 4;
    const width = Number(rect.getAttribute('width')) - 8;
    const u = Math.max(0, Math.min(1, (p.x - left) / width));
    return domain[0] + u * (domain[1] - domain[0]);
  };
  el.style.touchAction = 'none';
  el.style.cursor = 'ew-resize';
  el.addEventListener('pointerdown', (e) => {
    el.setPointerCapture(e.pointerId);
    const x = toX(e.clientX, e.clientY);
    if (x !== null) onX(x);
  });
  el.addEventListener('pointermove', (e) => {
    if (!el.hasPointerCapture(e.pointerId)) return;
    const x = toX(e.clientX, e.clientY);
    if (x !== null) onX(x);
  });
}
