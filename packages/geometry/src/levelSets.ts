import type { Partition } from './partition.js';
import { chainSegments } from './polygon.js';
import { ADJACENCY_EPSILON } from './merge.js';
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
 * decision boundary. A segment lying on an edge between regions (a ridge or valley at level c,
 * or the rim of a flat region) is reported exactly once, whatever the signs of f − c on the two
 * sides: on-line edges are matched by split line and 1D interval (T-junctions included), the
 * side traversing the split forwards owns a shared part, and the other side keeps only the parts
 * not shared with a non-flat region. Box-side edges are reported by their region.
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
  // on-line interior edges: (vertex k, next vertex k2, region) triples and their split ids
  const onEdge: number[] = [];
  const onSplit: number[] = [];
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
      // touches at most along an edge (or at a vertex): collect its on-line edges; one owner each below
      for (let i = 0; i < n; i++) {
        const j = i + 1 === n ? 0 : i + 1;
        if (sgn(val(i)) !== 0 || sgn(val(j)) !== 0) continue;
        const sid = p.edgeSplit[s0 + i];
        if (sid < 0) {
          segs.push(co[2 * (s0 + i)], co[2 * (s0 + i) + 1], co[2 * (s0 + j)], co[2 * (s0 + j) + 1]);
          segReg.push(r);
        } else {
          onEdge.push(s0 + i, s0 + j, r);
          onSplit.push(sid);
        }
      }
      continue;
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
  ownEdgeSegments(p, onEdge, onSplit, ADJACENCY_EPSILON * ext, segs, segReg);
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

/**
 * Emits each on-line interior edge part once. Per split line, edges traversed forwards (along the
 * split's direction) are emitted whole; an edge traversed backwards keeps only its parts not
 * covered by a forward on-line edge (both sides of a shared part are on-line, unless one side is a
 * flat region, which has no on-line edges of its own). Intervals are 1D positions along the split.
 */
function ownEdgeSegments(p: Partition, onEdge: number[], onSplit: number[], eps: number, segs: number[], segReg: number[]): void {
  const m = onSplit.length;
  if (m === 0) return;
  const co = p.coords;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => onSplit[a] - onSplit[b]);
  const t0 = new Float64Array(m);
  const t1 = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const s = onSplit[e];
    const dx = p.splits.dir[2 * s];
    const dy = p.splits.dir[2 * s + 1];
    const k = onEdge[3 * e];
    const k2 = onEdge[3 * e + 1];
    t0[e] = co[2 * k] * dx + co[2 * k + 1] * dy;
    t1[e] = co[2 * k2] * dx + co[2 * k2 + 1] * dy;
  }
  const emit = (e: number, ta: number, tb: number) => {
    const k = onEdge[3 * e];
    const k2 = onEdge[3 * e + 1];
    const len = t1[e] - t0[e];
    const fa = (ta - t0[e]) / len;
    const fb = (tb - t0[e]) / len;
    const ax = co[2 * k];
    const ay = co[2 * k + 1];
    const ux = co[2 * k2] - ax;
    const uy = co[2 * k2 + 1] - ay;
    segs.push(ax + fa * ux, ay + fa * uy, ax + fb * ux, ay + fb * uy);
    segReg.push(onEdge[3 * e + 2]);
  };
  for (let i = 0; i < m; ) {
    let j = i;
    while (j < m && onSplit[order[j]] === onSplit[order[i]]) j++;
    const fwd: number[] = [];
    const bwd: number[] = [];
    for (let q = i; q < j; q++) (t1[order[q]] > t0[order[q]] ? fwd : bwd).push(order[q]);
    for (const e of fwd) emit(e, t0[e], t1[e]);
    fwd.sort((a, b) => t0[a] - t0[b]);
    for (const e of bwd) {
      // walk [lo, hi] = [t1, t0] left to right, skipping the forward intervals
      const hi = t0[e];
      let at = t1[e];
      for (const f of fwd) {
        if (t1[f] <= at + eps) continue;
        if (t0[f] >= hi - eps) break;
        if (t0[f] > at + eps) emit(e, at, t0[f]);
        at = Math.max(at, t1[f]);
      }
      if (hi > at + eps) emit(e, at, hi);
    }
    i = j;
  }
}
