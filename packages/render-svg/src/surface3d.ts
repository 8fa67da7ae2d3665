import { rgb } from 'd3-color';
import { format as d3format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { checkBox, esc, type FigureOptions, num, pointsAttr, svgDocument } from './svg.js';
import { ASCENT, DESCENT, textWidth } from './text.js';
import type { Box, Region2D, SampledGrid } from './types.js';

/** What the 3D surface draws: affine regions lifted to planar facets, or a sampled grid of quads. */
export interface SurfaceData {
  box: Box;
  /** Regions with their affine maps; each becomes one planar facet. */
  regions?: readonly Region2D[];
  /** Adjacency lists of `regions` (for an exact back-to-front order; see `surfaceDrawOrder`). */
  neighbors?: ReadonlyArray<ArrayLike<number>>;
  /** A sampled surface (smooth nets, towers): one quad per grid cell. */
  grid?: SampledGrid;
  /** A translucent target surface drawn over the facets. */
  target?: SampledGrid;
}

export interface SurfaceOptions extends FigureOptions {
  /** Camera azimuth in degrees, counter-clockwise from +x1 (default -60). */
  azimuth?: number;
  /** Camera elevation in degrees above the x1-x2 plane (default 30). */
  elevation?: number;
  projection?: 'orthographic' | 'perspective';
  /** Perspective camera distance in scene radii (default 4). */
  distance?: number;
  /** Draw facet edges (default: true for regions, false for grids above 40×40). */
  edges?: boolean;
  /** `'height'` (default) colours facets by height; any CSS colour gives one shaded colour. */
  color?: string;
  /** Height of the z-range relative to the x1-x2 extent (default 0.65). */
  verticalScale?: number;
  /** z-range of the box (defaults to the data's). */
  zDomain?: readonly [number, number];
  xLabel?: string;
  yLabel?: string;
  zLabel?: string;
  /** Fill colour of the target surface (default orange). */
  targetColor?: string;
  /**
   * How the target surface meets the facets: `'merge'` (default) paints both in one depth order
   * (the target is hidden where it runs below the facets); `'overlay'` draws it on top of all
   * facets in its own `<g class="target">`. A target grid that does not cover the box is always an overlay.
   */
  targetDepth?: 'merge' | 'overlay';
}

interface Facets {
  /** Vertex offsets into xy/z (length nFacets + 1), in vertices. */
  offsets: Int32Array;
  xy: Float64Array;
  z: Float64Array;
  nFacets: number;
}

function facetsFromRegions(regions: readonly Region2D[]): Facets {
  let total = 0;
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i] as Region2D;
    if (!r.affine) throw new RangeError(`invalid regions[${i}]: a facet needs the region's affine map (affine.a, affine.c)`);
    if (!r.vertices || r.vertices.length < 6 || r.vertices.length % 2) throw new RangeError(`invalid regions[${i}].vertices: expected at least 3 points as a flat list`);
    total += r.vertices.length >> 1;
  }
  const offsets = new Int32Array(regions.length + 1);
  const xy = new Float64Array(total * 2);
  const z = new Float64Array(total);
  let k = 0;
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i] as Region2D;
    const a0 = (r.affine as { a: ArrayLike<number> }).a[0] as number;
    const a1 = (r.affine as { a: ArrayLike<number> }).a[1] as number;
    const c = (r.affine as { c: number }).c;
    offsets[i] = k;
    const v = r.vertices;
    for (let j = 0; j < v.length; j += 2) {
      const x = v[j] as number;
      const y = v[j + 1] as number;
      xy[2 * k] = x;
      xy[2 * k + 1] = y;
      z[k] = a0 * x + a1 * y + c;
      k++;
    }
  }
  offsets[regions.length] = k;
  return { offsets, xy, z, nFacets: regions.length };
}

/** Checks a sampled grid and returns its node coordinate helpers. */
export function checkGrid(g: SampledGrid, name: string): void {
  checkBox(g.box, `${name}.box`);
  if (!Number.isInteger(g.nx) || !Number.isInteger(g.ny) || g.nx < 2 || g.ny < 2) throw new RangeError(`invalid ${name}: nx and ny must be integers >= 2, received ${g.nx}×${g.ny}`);
  if (g.values.length !== g.nx * g.ny) throw new RangeError(`invalid ${name}.values: expected nx*ny = ${g.nx * g.ny} values, received ${g.values.length}`);
  for (let i = 0; i < g.values.length; i++)
    if (!Number.isFinite(g.values[i] as number)) throw new RangeError(`invalid ${name}.values[${i}]: ${g.values[i]} is not finite`);
}

function facetsFromGrid(g: SampledGrid): Facets {
  const { nx, ny } = g;
  const [x0, x1, y0, y1] = g.box;
  const n = (nx - 1) * (ny - 1);
  const offsets = new Int32Array(n + 1);
  const xy = new Float64Array(n * 8);
  const z = new Float64Array(n * 4);
  const dx = (x1 - x0) / (nx - 1);
  const dy = (y1 - y0) / (ny - 1);
  let f = 0;
  for (let j = 0; j < ny - 1; j++)
    for (let i = 0; i < nx - 1; i++) {
      const k = f * 4;
      offsets[f] = k;
      const xa = x0 + i * dx;
      const xb = x0 + (i + 1) * dx;
      const ya = y0 + j * dy;
      const yb = y0 + (j + 1) * dy;
      xy[2 * k] = xa;
      xy[2 * k + 1] = ya;
      xy[2 * k + 2] = xb;
      xy[2 * k + 3] = ya;
      xy[2 * k + 4] = xb;
      xy[2 * k + 5] = yb;
      xy[2 * k + 6] = xa;
      xy[2 * k + 7] = yb;
      z[k] = g.values[j * nx + i] as number;
      z[k + 1] = g.values[j * nx + i + 1] as number;
      z[k + 2] = g.values[(j + 1) * nx + i + 1] as number;
      z[k + 3] = g.values[(j + 1) * nx + i] as number;
      f++;
    }
  offsets[n] = n * 4;
  return { offsets, xy, z, nFacets: n };
}

/** The camera: view direction v (towards the camera), right r, up u, in scene coordinates. */
interface Camera {
  vx: number;
  vy: number;
  vz: number;
  rx: number;
  ry: number;
  ux: number;
  uy: number;
  uz: number;
  perspective: boolean;
  dist: number;
}

function makeCamera(o: SurfaceOptions, radius: number): Camera {
  const az = ((o.azimuth ?? -60) * Math.PI) / 180;
  const el = ((o.elevation ?? 30) * Math.PI) / 180;
  return {
    vx: Math.cos(el) * Math.cos(az),
    vy: Math.cos(el) * Math.sin(az),
    vz: Math.sin(el),
    rx: -Math.sin(az),
    ry: Math.cos(az),
    ux: -Math.sin(el) * Math.cos(az),
    uy: -Math.sin(el) * Math.sin(az),
    uz: Math.cos(el),
    perspective: o.projection === 'perspective',
    dist: (o.distance ?? 4) * radius,
  };
}

/**
 * Back-to-front drawing order of facets whose xy-projections are disjoint convex polygons (a
 * height field z = f(x, y) partitioned into planar pieces).
 *
 * Sorting by the depth of facet centroids is wrong for a height field: a tall facet far away can
 * have a nearer centroid than a low facet in front of it. What decides occlusion is only the
 * horizontal position: every viewing ray moves monotonically away from the camera's ground
 * point, so of two facets whose xy-polygons are separated by a line, the one on the camera's side
 * is hit first and must be painted last, whatever the heights. The key is therefore the xy-centroid
 * projected on the horizontal view direction (orthographic) or its distance to the camera's ground
 * point (perspective); this is exact for regular grids. For irregular partitions with
 * `neighbors`, the order is a topological sort of the exact relation read off each shared edge
 * (a neighbour on the camera's side of the common edge line is drawn later), with the key breaking
 * ties; chains of neighbours along a viewing ray carry the relation to every occluding pair, and it
 * is acyclic for disjoint convex sets (Guibas & Yao 1980).
 */
function drawOrder(f: Facets, cam: Camera, gx: number, gy: number, neighbors?: ReadonlyArray<ArrayLike<number>>): Int32Array {
  const n = f.nFacets;
  const key = new Float64Array(n);
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const hx = cam.vx;
  const hy = cam.vy;
  for (let i = 0; i < n; i++) {
    const a = f.offsets[i] as number;
    const b = f.offsets[i + 1] as number;
    let sx = 0;
    let sy = 0;
    for (let k = a; k < b; k++) {
      sx += f.xy[2 * k] as number;
      sy += f.xy[2 * k + 1] as number;
    }
    cx[i] = sx / (b - a);
    cy[i] = sy / (b - a);
    // larger key = nearer the camera = drawn later
    key[i] = cam.perspective ? -Math.hypot((cx[i] as number) - gx, (cy[i] as number) - gy) : (cx[i] as number) * hx + (cy[i] as number) * hy;
  }
  const byKey = (a: number, b: number) => (key[a] as number) - (key[b] as number) || a - b;
  if (!neighbors) {
    const order = Int32Array.from({ length: n }, (_, i) => i);
    return order.sort(byKey);
  }
  if (neighbors.length !== n) throw new RangeError(`invalid neighbors: expected ${n} lists (one per region), received ${neighbors.length}`);
  // edges i -> j mean "draw i before j"
  const succ: number[][] = Array.from({ length: n }, () => []);
  const indeg = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const list = neighbors[i] as ArrayLike<number>;
    for (let t = 0; t < list.length; t++) {
      const j = list[t] as number;
      if (!(j > i) || j >= n) continue; // each unordered pair once
      const rel = nearerSide(f, i, j, cam, gx, gy);
      if (rel > 0) {
        (succ[i] as number[]).push(j);
        indeg[j]++;
      } else if (rel < 0) {
        (succ[j] as number[]).push(i);
        indeg[i]++;
      }
    }
  }
  // Kahn's algorithm with a binary heap on the key (farthest first)
  const heap: number[] = [];
  const less = (a: number, b: number) => byKey(a, b) < 0;
  const push = (v: number) => {
    heap.push(v);
    let c = heap.length - 1;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (!less(heap[c] as number, heap[p] as number)) break;
      [heap[c], heap[p]] = [heap[p] as number, heap[c] as number];
      c = p;
    }
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap.pop() as number;
    if (heap.length > 0) {
      heap[0] = last;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < heap.length && less(heap[l] as number, heap[m] as number)) m = l;
        if (r < heap.length && less(heap[r] as number, heap[m] as number)) m = r;
        if (m === p) break;
        [heap[m], heap[p]] = [heap[p] as number, heap[m] as number];
        p = m;
      }
    }
    return top;
  };
  for (let i = 0; i < n; i++) if (indeg[i] === 0) push(i);
  const done = new Uint8Array(n);
  const order = new Int32Array(n);
  let k = 0;
  while (k < n) {
    if (heap.length === 0) {
      // a cycle (only from rounding on near-degenerate input): release the farthest remaining facet
      let best = -1;
      for (let i = 0; i < n; i++) if (!done[i] && (best < 0 || byKey(i, best) < 0)) best = i;
      indeg[best] = 0;
      push(best);
    }
    const v = pop();
    if (done[v]) continue;
    done[v] = 1;
    order[k++] = v;
    for (const w of succ[v] as number[]) if (--indeg[w] === 0 && !done[w]) push(w);
  }
  return order;
}

/**
 * +1 if facet j is nearer the camera than facet i (draw i first), -1 if i is nearer, 0 if their
 * separating line is parallel to the view. The separating line is the edge of i (or j) that
 * leaves all of the other polygon on its outer side (the shared edge for neighbours).
 */
function nearerSide(f: Facets, i: number, j: number, cam: Camera, gx: number, gy: number): number {
  let best = Number.POSITIVE_INFINITY;
  let nxBest = 0;
  let nyBest = 0;
  let pxBest = 0;
  let pyBest = 0;
  let sign = 1;
  for (let pass = 0; pass < 2; pass++) {
    const p = pass === 0 ? i : j;
    const q = pass === 0 ? j : i;
    const a = f.offsets[p] as number;
    const b = f.offsets[p + 1] as number;
    const qa = f.offsets[q] as number;
    const qb = f.offsets[q + 1] as number;
    // orientation of p (for the outward normal)
    let area = 0;
    for (let k = a; k < b; k++) {
      const k2 = k + 1 < b ? k + 1 : a;
      area += (f.xy[2 * k] as number) * (f.xy[2 * k2 + 1] as number) - (f.xy[2 * k2] as number) * (f.xy[2 * k + 1] as number);
    }
    const orient = area >= 0 ? 1 : -1;
    for (let k = a; k < b; k++) {
      const k2 = k + 1 < b ? k + 1 : a;
      const x0 = f.xy[2 * k] as number;
      const y0 = f.xy[2 * k + 1] as number;
      const ex = (f.xy[2 * k2] as number) - x0;
      const ey = (f.xy[2 * k2 + 1] as number) - y0;
      const len = Math.hypot(ex, ey);
      if (len === 0) continue;
      const nx = (orient * ey) / len; // outward normal for a CCW polygon is (ey, -ex)
      const ny = (-orient * ex) / len;
      // worst violation: the most inward vertex of q
      let worst = Number.NEGATIVE_INFINITY;
      for (let t = qa; t < qb; t++) {
        const d = -(((f.xy[2 * t] as number) - x0) * nx + ((f.xy[2 * t + 1] as number) - y0) * ny);
        if (d > worst) worst = d;
      }
      if (worst < best) {
        best = worst;
        nxBest = nx;
        nyBest = ny;
        pxBest = x0;
        pyBest = y0;
        sign = pass === 0 ? 1 : -1;
      }
    }
  }
  // normal (nxBest, nyBest) points from the edge's owner towards the other polygon; sign=+1 → from i to j
  const s = cam.perspective ? (gx - pxBest) * nxBest + (gy - pyBest) * nyBest : cam.vx * nxBest + cam.vy * nyBest;
  const eps = 1e-12;
  if (Math.abs(s) <= eps) return 0;
  return s > 0 ? sign : -sign;
}

/**
 * The order (indices into `data.regions`, or grid cells row-major) in which `surface3d` paints
 * facets: back to front for the given view. Exposed for tests and for other renderers.
 */
export function surfaceDrawOrder(data: SurfaceData, options: SurfaceOptions = {}): Int32Array {
  const s = setupScene(data, options);
  return drawOrder(s.facets, s.cam, s.groundX, s.groundY, data.regions ? data.neighbors : undefined);
}

function setupScene(data: SurfaceData, o: SurfaceOptions) {
  const box = checkBox(data.box, 'data.box');
  if (!data.regions && !data.grid) throw new RangeError('invalid surface data: give either regions (with affine maps) or a sampled grid');
  if (data.grid) checkGrid(data.grid, 'data.grid');
  if (data.target) checkGrid(data.target, 'data.target');
  const facets = data.regions ? facetsFromRegions(data.regions) : facetsFromGrid(data.grid as SampledGrid);
  const [x0, x1, y0, y1] = box;
  let zmin = Number.POSITIVE_INFINITY;
  let zmax = Number.NEGATIVE_INFINITY;
  if (o.zDomain) [zmin, zmax] = o.zDomain;
  else {
    for (let i = 0; i < facets.z.length; i++) {
      const v = facets.z[i] as number;
      if (v < zmin) zmin = v;
      if (v > zmax) zmax = v;
    }
    if (data.target)
      for (let i = 0; i < data.target.values.length; i++) {
        const v = data.target.values[i] as number;
        if (v < zmin) zmin = v;
        if (v > zmax) zmax = v;
      }
  }
  if (!(zmax > zmin)) {
    zmin -= 0.5;
    zmax += 0.5;
  }
  const span = Math.max(x1 - x0, y1 - y0);
  const s = 2 / span;
  const ax = ((x1 - x0) / span) * 1;
  const ay = ((y1 - y0) / span) * 1;
  const hz = o.verticalScale ?? 0.65;
  const zs = (2 * hz) / (zmax - zmin);
  const radius = Math.hypot(ax, ay, hz);
  const cam = makeCamera(o, radius);
  // the camera's ground point, in data units (perspective)
  const xm = (x0 + x1) / 2;
  const ym = (y0 + y1) / 2;
  const groundX = xm + (cam.vx * cam.dist) / s;
  const groundY = ym + (cam.vy * cam.dist) / s;
  return { box, facets, zmin, zmax, s, zs, xm, ym, zm: (zmin + zmax) / 2, ax, ay, hz, cam, groundX, groundY };
}

type Scene = ReturnType<typeof setupScene>;

/** Fits the scene's bounding box (with room for tick labels) into the figure. */
function screenLayout(S: Scene, options: SurfaceOptions) {
  const { cam, s, zs, xm, ym, zm } = S;
  const width = options.width ?? 560;
  /** Projection to unit screen coordinates (x right, y up); writes out[k], out[k+1]. */
  const proj = (X: number, Y: number, Z: number, out: Float64Array, k: number) => {
    let sxv = X * cam.rx + Y * cam.ry;
    let syv = X * cam.ux + Y * cam.uy + Z * cam.uz;
    if (cam.perspective) {
      const d = cam.dist - (X * cam.vx + Y * cam.vy + Z * cam.vz);
      const f = cam.dist / Math.max(d, 1e-6);
      sxv *= f;
      syv *= f;
    }
    out[k] = sxv;
    out[k + 1] = syv;
  };
  // Fit the drawing, not a padded guess: the box corners scale with k, every axis label sits at a
  // projected point plus a fixed pixel offset. Measure the labels once at k = 1, then pick the
  // largest k whose extent (corners and label boxes) fits the free width (and height, if given).
  const fs = options.fontSize ?? 12;
  const unit = new Float64Array(2);
  const toUnit = (x: number, y: number, z: number): [number, number] => {
    proj((x - xm) * s, (y - ym) * s, (z - zm) * zs, unit, 0);
    return [unit[0] as number, -(unit[1] as number)];
  };
  const marks: TextMark[] = [];
  boxTicks(toUnit, S.box, S.zmin, S.zmax, cam, fs, options, marks);
  // extents as (unit coordinate, px offset from it) pairs: lo/hi per axis
  const xu: number[] = [];
  const xlo: number[] = [];
  const xhi: number[] = [];
  const yu: number[] = [];
  const ylo: number[] = [];
  const yhi: number[] = [];
  const [bx0, bx1, by0, by1] = S.box;
  for (const X of [bx0, bx1])
    for (const Y of [by0, by1])
      for (const Z of [S.zmin, S.zmax]) {
        const [u, v] = toUnit(X, Y, Z);
        xu.push(u);
        xlo.push(-1);
        xhi.push(1);
        yu.push(v);
        ylo.push(-1);
        yhi.push(1);
      }
  for (const m of marks) {
    const w = textWidth(m.text, m.fontSize);
    xu.push(m.x);
    xlo.push(m.dx - w / 2);
    xhi.push(m.dx + w / 2);
    yu.push(m.y);
    ylo.push(m.dy + (0.32 - ASCENT) * m.fontSize);
    yhi.push(m.dy + (0.32 + DESCENT) * m.fontSize);
  }
  const extent = (u: number[], lo: number[], hi: number[], k: number): [number, number] => {
    let a0 = Number.POSITIVE_INFINITY;
    let a1 = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < u.length; i++) {
      a0 = Math.min(a0, k * (u[i] as number) + (lo[i] as number));
      a1 = Math.max(a1, k * (u[i] as number) + (hi[i] as number));
    }
    return [a0, a1];
  };
  const span = (u: number[], lo: number[], hi: number[], k: number) => {
    const [a0, a1] = extent(u, lo, hi, k);
    return a1 - a0;
  };
  // the extent is convex in k and feasible at k = 0: bisect for the largest feasible k
  const largest = (u: number[], lo: number[], hi: number[], avail: number): number => {
    let lo_ = 0;
    let hi_ = 1;
    while (span(u, lo, hi, hi_) <= avail && hi_ < 1e7) hi_ *= 2;
    for (let it = 0; it < 50; it++) {
      const mid = (lo_ + hi_) / 2;
      if (span(u, lo, hi, mid) <= avail) lo_ = mid;
      else hi_ = mid;
    }
    return lo_;
  };
  const pad = 6;
  const titleH = options.title ? Math.ceil(fs * 1.5 + 1.2 * fs * DESCENT) + 6 : 0;
  const availW = width - 2 * pad;
  let k = largest(xu, xlo, xhi, availW);
  let height: number;
  if (options.height) {
    height = options.height;
    k = Math.min(k, largest(yu, ylo, yhi, height - titleH - 2 * pad));
  } else {
    // no taller than 1.2 × the width
    k = Math.min(k, largest(yu, ylo, yhi, width * 1.2 - titleH - 2 * pad));
    height = Math.ceil(titleH + 2 * pad + span(yu, ylo, yhi, k));
  }
  const [ex0, ex1] = extent(xu, xlo, xhi, k);
  const [ey0, ey1] = extent(yu, ylo, yhi, k);
  const ox = pad + (availW - (ex1 - ex0)) / 2 - ex0;
  const oy = titleH + pad + (height - titleH - 2 * pad - (ey1 - ey0)) / 2 - ey0;
  const tmp = new Float64Array(2);
  const toScreen = (x: number, y: number, z: number): [number, number] => {
    proj((x - xm) * s, (y - ym) * s, (z - zm) * zs, tmp, 0);
    return [ox + k * (tmp[0] as number), oy - k * (tmp[1] as number)];
  };
  /** Distance of a data point from the camera along the view (larger = nearer). */
  const nearness = (x: number, y: number, z: number): number => {
    const X = (x - xm) * s;
    const Y = (y - ym) * s;
    const Z = (z - zm) * zs;
    const along = X * cam.vx + Y * cam.vy + Z * cam.vz;
    if (!cam.perspective) return along;
    return -Math.hypot(X - cam.vx * cam.dist, Y - cam.vy * cam.dist, Z - cam.vz * cam.dist);
  };
  return { width, height, proj, ox, oy, k, toScreen, nearness };
}

/**
 * The exact projection `surface3d` uses for the same data and options: `toScreen(x, y, z)` gives
 * SVG pixel coordinates, `nearness(x, y, z)` grows towards the camera. For overlays (drawing
 * points or paths on top of a surface figure) and for tests.
 */
export function surfaceProjector(
  data: SurfaceData,
  options: SurfaceOptions = {},
): { width: number; height: number; toScreen: (x: number, y: number, z: number) => [number, number]; nearness: (x: number, y: number, z: number) => number } {
  const L = screenLayout(setupScene(data, options), options);
  return { width: L.width, height: L.height, toScreen: L.toScreen, nearness: L.nearness };
}

/**
 * A faceted 3D surface: each region of a piecewise-linear function lifted by its affine map to a
 * planar polygon (or each cell of a sampled grid as a quad), painted back to front (see
 * `surfaceDrawOrder`) with Lambert shading from the facet normal, optional facet edges, an
 * optional translucent target surface, and a bounding box with ticks on all three axes.
 */
export function surface3d(data: SurfaceData, options: SurfaceOptions = {}): string {
  const S = setupScene(data, options);
  const { facets, cam, s, zs, xm, ym, zm } = S;
  const fs = options.fontSize ?? 12;
  const title = options.title ?? '';
  const { width, height, proj, ox, oy, k, toScreen } = screenLayout(S, options);

  // light from the upper left, slightly in front, fixed relative to the view
  let lx = -0.45 * cam.rx + 0.6 * cam.ux + 0.65 * cam.vx;
  let ly = -0.45 * cam.ry + 0.6 * cam.uy + 0.65 * cam.vy;
  let lz = 0.6 * cam.uz + 0.65 * cam.vz;
  const ll = Math.hypot(lx, ly, lz);
  lx /= ll;
  ly /= ll;
  lz /= ll;

  const [bx0, bx1, by0, by1] = S.box;
  const zmin = S.zmin;
  const zmax = S.zmax;
  if (options.targetDepth !== undefined && options.targetDepth !== 'merge' && options.targetDepth !== 'overlay')
    throw new RangeError(`invalid targetDepth: expected 'merge' or 'overlay', received ${JSON.stringify(options.targetDepth)}`);
  const colorMode = options.color ?? 'height';
  const baseRgb = colorMode === 'height' ? null : rgb(colorMode);
  if (baseRgb && Number.isNaN(baseRgb.r)) throw new RangeError(`invalid color: "${colorMode}" is not a CSS colour or 'height'`);

  const order = drawOrder(facets, cam, S.groundX, S.groundY, data.regions ? data.neighbors : undefined);
  const nf = facets.nFacets;
  const showEdges = options.edges ?? (data.regions ? true : nf <= 1600);

  // a target surface is depth-merged with the facets when its grid covers the box (see mergeTarget)
  const target = data.target;
  const merged = target !== undefined && options.targetDepth !== 'overlay' && target.box[0] <= bx0 && target.box[1] >= bx1 && target.box[2] <= by0 && target.box[3] >= by1;
  const fillOf: string[] = merged ? new Array(nf) : [];
  let body = backPanes(toScreen, S.box, zmin, zmax, cam);
  body += `<g class="facets" stroke-linejoin="round"${showEdges ? ' stroke="#1a1a1a" stroke-opacity="0.45" stroke-width="0.5"' : ''}>`;
  let pts = new Float64Array(64);
  for (let t = 0; t < nf; t++) {
    const i = order[t] as number;
    const a = facets.offsets[i] as number;
    const b = facets.offsets[i + 1] as number;
    const m = (b - a) * 2;
    if (pts.length < m) pts = new Float64Array(2 * m);
    // normal in scene coordinates (Newell's method, robust for non-planar grid quads)
    let nx = 0;
    let ny = 0;
    let nz = 0;
    let zsum = 0;
    for (let q = a; q < b; q++) {
      const q2 = q + 1 < b ? q + 1 : a;
      const X1 = ((facets.xy[2 * q] as number) - xm) * s;
      const Y1 = ((facets.xy[2 * q + 1] as number) - ym) * s;
      const Z1 = ((facets.z[q] as number) - zm) * zs;
      const X2 = ((facets.xy[2 * q2] as number) - xm) * s;
      const Y2 = ((facets.xy[2 * q2 + 1] as number) - ym) * s;
      const Z2 = ((facets.z[q2] as number) - zm) * zs;
      nx += (Y1 - Y2) * (Z1 + Z2);
      ny += (Z1 - Z2) * (X1 + X2);
      nz += (X1 - X2) * (Y1 + Y2);
      zsum += facets.z[q] as number;
      proj(X1, Y1, Z1, pts, 2 * (q - a));
      pts[2 * (q - a)] = ox + k * (pts[2 * (q - a)] as number);
      pts[2 * (q - a) + 1] = oy - k * (pts[2 * (q - a) + 1] as number);
    }
    const nl = Math.hypot(nx, ny, nz) || 1;
    let dot = (nx * lx + ny * ly + nz * lz) / nl;
    if (nx * cam.vx + ny * cam.vy + nz * cam.vz < 0) dot = -dot; // seen from below
    const shade = 0.5 + 0.5 * Math.max(0, dot);
    let cr: number;
    let cg: number;
    let cb: number;
    if (baseRgb) {
      cr = baseRgb.r;
      cg = baseRgb.g;
      cb = baseRgb.b;
    } else {
      const li = 3 * Math.max(0, Math.min(255, Math.round(255 * ((zsum / (b - a) - zmin) / (zmax - zmin)))));
      cr = HEIGHT_LUT[li] as number;
      cg = HEIGHT_LUT[li + 1] as number;
      cb = HEIGHT_LUT[li + 2] as number;
    }
    const fill = hex3(cr * shade, cg * shade, cb * shade);
    if (merged) {
      fillOf[i] = fill;
      continue;
    }
    body += `<polygon points="${pointsAttr(pts, m)}" fill="${fill}"${showEdges ? '' : ` stroke="${fill}" stroke-width="0.4"`}/>`;
  }

  if (merged && target) {
    body += mergeTarget(facets, order, fillOf, target, cam, S.groundX, S.groundY, toScreen, showEdges, options.targetColor ?? '#f28e2b');
    body += '</g>';
  } else body += '</g>';
  if (target && !merged) {
    // asked for, or the target grid does not cover the box: an overlay on top of the facets
    const tf = facetsFromGrid(target);
    const to = drawOrder(tf, cam, S.groundX, S.groundY);
    const tc = options.targetColor ?? '#f28e2b';
    body += `<g class="target" fill="${tc}" fill-opacity="0.13" stroke="${tc}" stroke-opacity="0.7" stroke-width="0.4">`;
    const tp = new Float64Array(8);
    for (let t = 0; t < tf.nFacets; t++) {
      const i = to[t] as number;
      for (let q = 0; q < 4; q++) {
        const [X, Y] = toScreen(tf.xy[8 * i + 2 * q] as number, tf.xy[8 * i + 2 * q + 1] as number, tf.z[4 * i + q] as number);
        tp[2 * q] = X;
        tp[2 * q + 1] = Y;
      }
      body += `<polygon points="${pointsAttr(tp)}"/>`;
    }
    body += '</g>';
  }

  body += boxTicks(toScreen, [bx0, bx1, by0, by1], zmin, zmax, cam, fs, options);
  const description =
    options.description ??
    `Faceted 3D surface: ${nf} ${data.regions ? 'planar facets, one per activation region' : 'grid quads of a sampled surface'} over [${bx0}, ${bx1}] × [${by0}, ${by1}], heights ${d3format('.3~g')(zmin)} to ${d3format('.3~g')(zmax)}, viewed from azimuth ${options.azimuth ?? -60}°, elevation ${options.elevation ?? 30}° (${cam.perspective ? 'perspective' : 'orthographic'})${data.target ? ', with a translucent target surface' : ''}.`;
  return svgDocument({ width, height, title: title || '3D surface', description, body, fontFamily: options.fontFamily, fontSize: fs, showTitle: Boolean(title) });
}

/** 256 entries of the height colour map (viridis from 0.3 to 1), r g b interleaved. */
const HEIGHT_LUT = (() => {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = rgb(interpolateViridis(0.3 + (0.7 * i) / 255));
    lut[3 * i] = c.r;
    lut[3 * i + 1] = c.g;
    lut[3 * i + 2] = c.b;
  }
  return lut;
})();

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `#rrggbb` from channels in [0, 255] (rounded and clamped). */
function hex3(r: number, g: number, b: number): string {
  const c = (v: number) => HEX2[Math.max(0, Math.min(255, Math.round(v)))] as string;
  return `#${c(r)}${c(g)}${c(b)}`;
}

type ToScreen = (x: number, y: number, z: number) => [number, number];

/** A label placed at a projected point plus a fixed pixel offset (for fitting the layout). */
interface TextMark {
  x: number;
  y: number;
  dx: number;
  dy: number;
  text: string;
  fontSize: number;
}

/** The three box faces away from the camera (floor and two back walls), drawn first. */
function backPanes(toScreen: ToScreen, box: Box, zmin: number, zmax: number, cam: Camera): string {
  const [x0, x1, y0, y1] = box;
  const xBack = cam.vx > 0 ? x0 : x1; // wall farthest from the camera in x
  const yBack = cam.vy > 0 ? y0 : y1;
  const zBack = cam.vz > 0 ? zmin : zmax;
  const quad = (p: Array<[number, number, number]>) => pointsAttr(p.flatMap(([x, y, z]) => toScreen(x, y, z)));
  let s = '<g class="panes" fill="#f3f3f3" stroke="#b0b0b0" stroke-width="0.7">';
  s += `<polygon points="${quad([[x0, y0, zBack], [x1, y0, zBack], [x1, y1, zBack], [x0, y1, zBack]])}"/>`;
  s += `<polygon points="${quad([[xBack, y0, zmin], [xBack, y1, zmin], [xBack, y1, zmax], [xBack, y0, zmax]])}"/>`;
  s += `<polygon points="${quad([[x0, yBack, zmin], [x1, yBack, zmin], [x1, yBack, zmax], [x0, yBack, zmax]])}"/>`;
  return `${s}</g>`;
}

/** Ticks and titles on the x (front floor edge), y (side floor edge) and z (left vertical edge) axes. */
function boxTicks(toScreen: ToScreen, box: Box, zmin: number, zmax: number, cam: Camera, fs: number, o: SurfaceOptions, record?: TextMark[]): string {
  const [x0, x1, y0, y1] = box;
  const zFloor = cam.vz > 0 ? zmin : zmax;
  const yFront = cam.vy > 0 ? y1 : y0;
  const xFront = cam.vx > 0 ? x1 : x0;
  const [ccx, ccy] = toScreen((x0 + x1) / 2, (y0 + y1) / 2, zFloor);
  const tfs = fs - 1;
  let s = `<g class="axes" font-size="${tfs}" text-anchor="middle">`;
  /** Ticks along a 3D edge; labels go perpendicular to the edge on screen, away from `away`. */
  const edgeTicks = (
    ticks: number[],
    fmt: (v: number) => string,
    at: (t: number) => [number, number, number],
    label: string,
    mid: [number, number, number],
    away: [number, number],
    ends: [number, number],
    skip?: number,
  ) => {
    const [ex0, ey0] = toScreen(...at(ends[0]));
    const [ex1, ey1] = toScreen(...at(ends[1]));
    let dx = -(ey1 - ey0);
    let dy = ex1 - ex0;
    const d = Math.hypot(dx, dy) || 1;
    dx /= d;
    dy /= d;
    const [mx, my] = toScreen(...mid);
    if ((mx - away[0]) * dx + (my - away[1]) * dy < 0) {
      dx = -dx;
      dy = -dy;
    }
    // a label's half-extent along the offset direction, from its estimated box
    const along = (text: string, size: number) => (Math.abs(dx) * textWidth(text, size)) / 2 + (Math.abs(dy) * size) / 2;
    let reach = 0;
    for (const t of ticks) if (t !== skip) reach = Math.max(reach, along(fmt(t), tfs));
    const off = 8 + reach;
    const text = (px: number, py: number, ox: number, oy: number, t: string, size: number) => {
      record?.push({ x: px, y: py, dx: ox, dy: oy, text: t, fontSize: size });
      s += `<text x="${num(px + ox)}" y="${num(py + oy)}" dy="0.32em"${size !== tfs ? ` font-size="${size}"` : ''}>${esc(t)}</text>`;
    };
    for (const t of ticks) {
      const [px, py] = toScreen(...at(t));
      if (t === skip) continue; // the corner shared with the other floor axis
      s += `<line x1="${num(px)}" y1="${num(py)}" x2="${num(px + 5 * dx)}" y2="${num(py + 5 * dy)}" stroke="#000"/>`;
      text(px, py, off * dx, off * dy, fmt(t), tfs);
    }
    const toff = off + reach + 6 + along(label, fs);
    text(mx, my, toff * dx, toff * dy, label, fs);
  };
  const xs = scaleLinear().domain([x0, x1]);
  const ys = scaleLinear().domain([y0, y1]);
  const zsc = scaleLinear().domain([zmin, zmax]);
  // axis lines on the front floor edges
  const [a1x, a1y] = toScreen(x0, yFront, zFloor);
  const [a2x, a2y] = toScreen(x1, yFront, zFloor);
  const [b1x, b1y] = toScreen(xFront, y0, zFloor);
  const [b2x, b2y] = toScreen(xFront, y1, zFloor);
  s += `<path d="M${num(a1x)},${num(a1y)}L${num(a2x)},${num(a2y)}M${num(b1x)},${num(b1y)}L${num(b2x)},${num(b2y)}" stroke="#000" stroke-width="0.8" fill="none"/>`;
  edgeTicks(xs.ticks(5), xs.tickFormat(5), (t) => [t, yFront, zFloor], o.xLabel ?? 'x₁', [(x0 + x1) / 2, yFront, zFloor], [ccx, ccy], [x0, x1], xFront);
  edgeTicks(ys.ticks(5), ys.tickFormat(5), (t) => [xFront, t, zFloor], o.yLabel ?? 'x₂', [xFront, (y0 + y1) / 2, zFloor], [ccx, ccy], [y0, y1]);
  // z axis on the vertical edge that appears leftmost on screen among the back corners
  const cands: Array<[number, number]> = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  let best = cands[0] as [number, number];
  let bestX = Number.POSITIVE_INFINITY;
  for (const cnd of cands) {
    const [px] = toScreen(cnd[0], cnd[1], zFloor);
    if (px < bestX) {
      bestX = px;
      best = cnd;
    }
  }
  const [zx0, zy0] = toScreen(best[0], best[1], zmin);
  const [zx1, zy1] = toScreen(best[0], best[1], zmax);
  s += `<path d="M${num(zx0)},${num(zy0)}L${num(zx1)},${num(zy1)}" stroke="#000" stroke-width="0.8" fill="none"/>`;
  const zmid = toScreen(best[0], best[1], (zmin + zmax) / 2);
  edgeTicks(zsc.ticks(5), zsc.tickFormat(5), (t) => [best[0], best[1], t], o.zLabel ?? 'f', [best[0], best[1], (zmin + zmax) / 2], [zmid[0] + 100, zmid[1]], [zmin, zmax]);
  return `${s}</g>`;
}

/**
 * One painter's order for the facets and a translucent target surface sampled on a grid.
 *
 * Every facet is clipped to the target grid's cells (Sutherland–Hodgman; z interpolated along the
 * clipped edges, exact for planar facets). Pieces in different cells have disjoint convex
 * footprints, so the cells are painted in the exact height-field order of the grid (the same key
 * `surfaceDrawOrder` uses); inside one cell, whatever lies lower is painted first when the camera is
 * above (higher first from below): each piece is compared with the target's bilinear height at the
 * piece's centroid, and pieces keep the facets' own order among themselves. Exact wherever the two
 * surfaces do not cross inside a cell; where they cross, the error is confined to that cell. Piece
 * fills carry no outline (their seams are invisible); the facets' own edges are drawn per piece as
 * open paths, so the picture shows the original facets.
 */
function mergeTarget(
  f: Facets,
  order: Int32Array,
  fillOf: readonly string[],
  target: SampledGrid,
  cam: Camera,
  gx: number,
  gy: number,
  toScreen: ToScreen,
  showEdges: boolean,
  tc: string,
): string {
  const { nx, ny } = target;
  const [tx0, tx1, ty0, ty1] = target.box;
  const dx = (tx1 - tx0) / (nx - 1);
  const dy = (ty1 - ty0) / (ny - 1);
  const nCells = (nx - 1) * (ny - 1);
  const rank = new Int32Array(f.nFacets);
  for (let t = 0; t < order.length; t++) rank[order[t] as number] = t;
  // pieces per cell: [facet, flat x,y,z triples, original-edge flags]
  type Piece = { facet: number; v: number[]; orig: boolean[]; below: boolean };
  const cells: Piece[][] = Array.from({ length: nCells }, () => []);
  const tz = (i: number, j: number) => target.values[j * nx + i] as number;
  const bilinear = (x: number, y: number) => {
    const u = Math.min(nx - 1 - 1e-9, Math.max(0, (x - tx0) / dx));
    const w = Math.min(ny - 1 - 1e-9, Math.max(0, (y - ty0) / dy));
    const i = Math.floor(u);
    const j = Math.floor(w);
    const a = u - i;
    const b = w - j;
    return (1 - a) * (1 - b) * tz(i, j) + a * (1 - b) * tz(i + 1, j) + (1 - a) * b * tz(i, j + 1) + a * b * tz(i + 1, j + 1);
  };
  const above = cam.vz >= 0;
  for (let fi = 0; fi < f.nFacets; fi++) {
    const a = f.offsets[fi] as number;
    const b = f.offsets[fi + 1] as number;
    let minX = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    const poly: number[] = [];
    const orig: boolean[] = [];
    for (let q = a; q < b; q++) {
      const x = f.xy[2 * q] as number;
      const y = f.xy[2 * q + 1] as number;
      poly.push(x, y, f.z[q] as number);
      orig.push(true);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    const i0 = Math.max(0, Math.floor((minX - tx0) / dx));
    const i1 = Math.min(nx - 2, Math.floor((maxX - tx0) / dx));
    const j0 = Math.max(0, Math.floor((minY - ty0) / dy));
    const j1 = Math.min(ny - 2, Math.floor((maxY - ty0) / dy));
    for (let j = j0; j <= j1; j++)
      for (let i = i0; i <= i1; i++) {
        let p = { v: poly, orig };
        const cx0 = tx0 + i * dx;
        const cy0 = ty0 + j * dy;
        // keep x >= cx0, x <= cx0 + dx, y >= cy0, y <= cy0 + dy
        p = clipHalf(p.v, p.orig, 1, 0, -cx0);
        p = clipHalf(p.v, p.orig, -1, 0, cx0 + dx);
        p = clipHalf(p.v, p.orig, 0, 1, -cy0);
        p = clipHalf(p.v, p.orig, 0, -1, cy0 + dy);
        if (p.v.length < 9) continue;
        // split the piece where it crosses the target (height difference linear along its edges)
        const diff = (k: number) => (p.v[3 * k + 2] as number) - bilinear(p.v[3 * k] as number, p.v[3 * k + 1] as number);
        const up = clipBy(p.v, p.orig, diff);
        const down = clipBy(p.v, p.orig, (k) => -diff(k));
        const list = cells[j * (nx - 1) + i] as Piece[];
        // the upper surface is hit first from above; from below, the lower one
        if (up.v.length >= 9) list.push({ facet: fi, v: up.v, orig: up.orig, below: !above });
        if (down.v.length >= 9) list.push({ facet: fi, v: down.v, orig: down.orig, below: above });
      }
  }
  const tf = facetsFromGrid(target);
  const cellOrder = drawOrder(tf, cam, gx, gy);
  let s = '';
  const piece = (pc: Piece) => {
    const m = pc.v.length / 3;
    const xy = new Float64Array(2 * m);
    for (let k = 0; k < m; k++) {
      const [X, Y] = toScreen(pc.v[3 * k] as number, pc.v[3 * k + 1] as number, pc.v[3 * k + 2] as number);
      xy[2 * k] = X;
      xy[2 * k + 1] = Y;
    }
    const fill = fillOf[pc.facet] as string;
    if (showEdges && pc.orig.every(Boolean)) {
      // an uncut facet: one polygon with the group's edge stroke, as without a target
      s += `<polygon points="${pointsAttr(xy)}" fill="${fill}"/>`;
      return;
    }
    s += `<polygon points="${pointsAttr(xy)}" fill="${fill}" stroke="${fill}" stroke-width="0.4"/>`;
    if (!showEdges) return;
    let d = '';
    for (let k = 0; k < m; k++) {
      if (!pc.orig[k]) continue;
      const k2 = (k + 1) % m;
      d += `M${num(xy[2 * k] as number)},${num(xy[2 * k + 1] as number)}L${num(xy[2 * k2] as number)},${num(xy[2 * k2 + 1] as number)}`;
    }
    if (d) s += `<path d="${d}" fill="none"/>`;
  };
  const tp = new Float64Array(8);
  for (let t = 0; t < nCells; t++) {
    const c = cellOrder[t] as number;
    const list = (cells[c] as Piece[]).sort((p, q) => (rank[p.facet] as number) - (rank[q.facet] as number));
    for (const pc of list) if (pc.below) piece(pc);
    for (let q = 0; q < 4; q++) {
      const [X, Y] = toScreen(tf.xy[8 * c + 2 * q] as number, tf.xy[8 * c + 2 * q + 1] as number, tf.z[4 * c + q] as number);
      tp[2 * q] = X;
      tp[2 * q + 1] = Y;
    }
    s += `<polygon class="target" points="${pointsAttr(tp)}" fill="${tc}" fill-opacity="0.13" stroke="${tc}" stroke-opacity="0.7" stroke-width="0.4"/>`;
    for (const pc of list) if (!pc.below) piece(pc);
  }
  return s;
}

/**
 * Clips a polygon of (x, y, z) vertices to the half-plane a·x + b·y + c >= 0. `orig[k]` says whether
 * the edge from vertex k to k + 1 lies on the original facet's boundary (false for cut edges).
 */
function clipHalf(v: number[], orig: boolean[], a: number, b: number, c: number): { v: number[]; orig: boolean[] } {
  return clipBy(v, orig, (k) => a * (v[3 * k] as number) + b * (v[3 * k + 1] as number) + c);
}

/** Keeps the part of a polygon where `side` (given per vertex, interpolated linearly along edges) is >= 0. */
function clipBy(v: number[], orig: boolean[], side: (k: number) => number): { v: number[]; orig: boolean[] } {
  const m = v.length / 3;
  if (m === 0) return { v, orig };
  const out: number[] = [];
  const outOrig: boolean[] = [];
  for (let k = 0; k < m; k++) {
    const k2 = (k + 1) % m;
    const s1 = side(k);
    const s2 = side(k2);
    if (s1 >= 0) {
      out.push(v[3 * k] as number, v[3 * k + 1] as number, v[3 * k + 2] as number);
      // the edge leaving this vertex keeps its flag if it stays inside or exits
      outOrig.push(orig[k] as boolean);
    }
    if (s1 >= 0 !== s2 >= 0) {
      const t = s1 / (s1 - s2);
      out.push(
        (v[3 * k] as number) + t * ((v[3 * k2] as number) - (v[3 * k] as number)),
        (v[3 * k + 1] as number) + t * ((v[3 * k2 + 1] as number) - (v[3 * k + 1] as number)),
        (v[3 * k + 2] as number) + t * ((v[3 * k2 + 2] as number) - (v[3 * k + 2] as number)),
      );
      // entering: the rest of the original edge follows; exiting: the next edge runs along the cut
      outOrig.push(s1 >= 0 ? false : (orig[k] as boolean));
    }
  }
  return { v: out, orig: outOrig };
}
