import type { Partition } from './partition.js';
import { chainSegments } from './polygon.js';
import { DEFAULT_TOLERANCE } from './predicates.js';

/** The exact level set {x : f(x) = c} of one output inside the partition's box. */
export interface LevelSet {
  level: number;
  output: number;
  /** One segment per region it crosses: (x0, y0, x1, y1) per segment. */
  segments: Float64Array;
  /** The region each segment lies in. */
  segmentRegion: Uint32Array;
  /** The segments chained across regions into polylines, (x, y) interleaved. */
  lines: Float64Array[];
  /** Whether each polyline is a closed loop. */
  closed: boolean[];
  /** Regions on which f is constant and equal to c (the level set is 2D there; not in `segments`). */
  flatRegions: number[];
}

/**
 * The exact level set f(x) = c of output `output` (default 0): inside each activation region f is
 * affine, so the level set is one segment per region, found from the signs of f - c at the
 * region's vertices; segments are then chained into polylines. For logits, c = 0 gives the
 * decision boundary. A segment lying on an edge shared by two regions is reported once (by the
 * region where f > c).
 */
export function levelSet(p: Partition, c: number, options: { output?: number } = {}): LevelSet {
  const o = options.output ?? 0;
  const [x0, x1, y0, y1] = p.box;
  const X = Math.max(Math.abs(x0), Math.abs(x1));
  const Y = Math.max(Math.abs(y0), Math.abs(y1));
  const segs: number[] = [];
  const segReg: number[] = [];
  const flat: number[] = [];
  const co = p.coords;
  const pts: number[] = [];
  for (let r = 0; r < p.regionCount; r++) {
    const m = (r * p.outputDim + o) * 3;
    const a = p.outputMaps[m];
    const b = p.outputMaps[m + 1];
    const k = p.outputMaps[m + 2] - c;
    const tol = DEFAULT_TOLERANCE * (Math.abs(a) * X + Math.abs(b) * Y + Math.abs(p.outputMaps[m + 2]) + Math.abs(c));
    const s0 = p.regionStart[r];
    const s1 = p.regionStart[r + 1];
    const n = s1 - s0;
    let pos = 0;
    let neg = 0;
    const val = (i: number) => a * co[2 * (s0 + i)] + b * co[2 * (s0 + i) + 1] + k;
    const sgn = (v: number) => (v > tol ? 1 : v < -tol ? -1 : 0);
    for (let i = 0; i < n; i++) {
      const s = sgn(val(i));
      if (s > 0) pos++;
      else if (s < 0) neg++;
    }
    if (pos === 0 && neg === 0) {
      flat.push(r);
      continue;
    }
    if (pos === 0 || neg === 0) {
      // touches at most along an edge: report the edge only from the side where f > c
      if (neg > 0) continue;
    }
    pts.length = 0;
    for (let i = 0; i < n; i++) {
      const j = i + 1 === n ? 0 : i + 1;
      const vi = val(i);
      const vj = val(j);
      const si = sgn(vi);
      const sj = sgn(vj);
      if (si === 0) pts.push(co[2 * (s0 + i)], co[2 * (s0 + i) + 1]);
      else if (si * sj < 0) {
        const t = vi / (vi - vj);
        const xi = co[2 * (s0 + i)];
        const yi = co[2 * (s0 + i) + 1];
        pts.push(xi + t * (co[2 * (s0 + j)] - xi), yi + t * (co[2 * (s0 + j) + 1] - yi));
      }
    }
    if (pts.length < 4) continue;
    const q = pts.length - 2;
    segs.push(pts[0], pts[1], pts[q], pts[q + 1]);
    segReg.push(r);
  }
  const ext = Math.max(X, Y, x1 - x0, y1 - y0);
  const { lines, closed } = chainSegments(segs, 1e-9 * ext);
  return {
    level: c,
    output: o,
    segments: Float64Array.from(segs),
    segmentRegion: Uint32Array.from(segReg),
    lines,
    closed,
    flatRegions: flat,
  };
}
