import type { Adjacency, Partition } from './partition.js';
import { chainSegments } from './polygon.js';

/** Relative length (of the box extent) below which a shared edge does not count as positive length. */
export const ADJACENCY_EPSILON = 1e-12;

function boxExtent(p: Pick<Partition, 'box'>): number {
  const [x0, x1, y0, y1] = p.box;
  return Math.max(Math.abs(x0), Math.abs(x1), Math.abs(y0), Math.abs(y1), x1 - x0, y1 - y0);
}

/**
 * Finds which regions share an edge of positive length. Both sides of an interior edge carry the
 * id of the split that created it, and all pieces of one split lie on one line, so matching is a
 * 1D interval overlap per split (no coordinate snapping; T-junctions are handled).
 */
export function computeAdjacency(
  p: Pick<Partition, 'box' | 'regionCount' | 'coords' | 'regionStart' | 'edgeSplit' | 'splits'>,
): Adjacency {
  const S = p.splits.count;
  const dir = p.splits.dir;
  const cnt = new Int32Array(S + 1);
  const es = p.edgeSplit;
  for (let k = 0; k < es.length; k++) if (es[k] >= 0) cnt[es[k] + 1]++;
  for (let s = 0; s < S; s++) cnt[s + 1] += cnt[s];
  const E = cnt[S];
  const t0 = new Float64Array(E);
  const t1 = new Float64Array(E);
  const reg = new Uint32Array(E);
  const fill = cnt.slice(0, S);
  const c = p.coords;
  for (let r = 0; r < p.regionCount; r++) {
    const s0 = p.regionStart[r];
    const s1 = p.regionStart[r + 1];
    for (let k = s0; k < s1; k++) {
      const sid = es[k];
      if (sid < 0) continue;
      const k2 = k + 1 === s1 ? s0 : k + 1;
      const dx = dir[2 * sid];
      const dy = dir[2 * sid + 1];
      const e = fill[sid]++;
      t0[e] = c[2 * k] * dx + c[2 * k + 1] * dy;
      t1[e] = c[2 * k2] * dx + c[2 * k2 + 1] * dy;
      reg[e] = r;
    }
  }
  const eps = ADJACENCY_EPSILON * boxExtent(p);
  // per edge: interval [lo, hi] along the split direction; side = traversal direction
  const lo = new Float64Array(E);
  const hi = new Float64Array(E);
  for (let e = 0; e < E; e++) {
    if (t0[e] < t1[e]) {
      lo[e] = t0[e];
      hi[e] = t1[e];
    } else {
      lo[e] = t1[e];
      hi[e] = t0[e];
    }
  }
  // every pair comes from one step of a two-pointer walk, so there are at most E pairs
  const outA = new Uint32Array(E);
  const outB = new Uint32Array(E);
  const outS = new Int32Array(E);
  const outL = new Float64Array(E);
  let np = 0;
  let A = new Int32Array(64);
  let B = new Int32Array(64);
  const push = (ea: number, eb: number, s: number) => {
    const ov = Math.min(hi[ea], hi[eb]) - Math.max(lo[ea], lo[eb]);
    if (ov > eps && reg[ea] !== reg[eb]) {
      const ra = reg[ea];
      const rb = reg[eb];
      outA[np] = Math.min(ra, rb);
      outB[np] = Math.max(ra, rb);
      outS[np] = s;
      outL[np] = ov;
      np++;
    }
  };
  const isort = (X: Int32Array, n: number) => {
    for (let i = 1; i < n; i++) {
      const x = X[i];
      const k = lo[x];
      let j = i - 1;
      while (j >= 0 && lo[X[j]] > k) {
        X[j + 1] = X[j];
        j--;
      }
      X[j + 1] = x;
    }
  };
  for (let s = 0; s < S; s++) {
    const e0 = cnt[s];
    const e1 = cnt[s + 1];
    const m = e1 - e0;
    if (m < 2) continue;
    if (m === 2) {
      if (t1[e0] > t0[e0] !== t1[e0 + 1] > t0[e0 + 1]) push(e0, e0 + 1, s);
      continue;
    }
    if (m > A.length) {
      A = new Int32Array(2 * m);
      B = new Int32Array(2 * m);
    }
    let na = 0;
    let nb = 0;
    for (let e = e0; e < e1; e++) {
      if (t1[e] > t0[e]) A[na++] = e;
      else B[nb++] = e;
    }
    if (na === 0 || nb === 0) continue;
    isort(A, na);
    isort(B, nb);
    let i = 0;
    let j = 0;
    while (i < na && j < nb) {
      const a = A[i];
      const b = B[j];
      push(a, b, s);
      if (hi[a] < hi[b]) i++;
      else j++;
    }
  }
  return {
    count: np,
    a: outA.slice(0, np),
    b: outB.slice(0, np),
    split: outS.slice(0, np),
    length: outL.slice(0, np),
  };
}

function find(parent: Uint32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/**
 * Do two affine maps (ax, ay, c) agree on the box? d = |Δax|·X + |Δay|·Y + |Δc| is at most
 * tol · max scale, or at most the absolute rounding floor `noise[o]` (see {@link Partition.mapNoise}),
 * with X, Y the largest |x|, |y| in the box and scale = |ax|·X + |ay|·Y + |c|.
 */
export function mapsAgree(
  m: Float64Array,
  i: number,
  j: number,
  dim: number,
  X: number,
  Y: number,
  tol: number,
  noise?: ArrayLike<number>,
): boolean {
  for (let o = 0; o < dim; o++) {
    const a = (i * dim + o) * 3;
    const b = (j * dim + o) * 3;
    const d = Math.abs(m[a] - m[b]) * X + Math.abs(m[a + 1] - m[b + 1]) * Y + Math.abs(m[a + 2] - m[b + 2]);
    if (noise !== undefined && d <= noise[o]) continue;
    const sa = Math.abs(m[a]) * X + Math.abs(m[a + 1]) * Y + Math.abs(m[a + 2]);
    const sb = Math.abs(m[b]) * X + Math.abs(m[b + 1]) * Y + Math.abs(m[b + 2]);
    if (d > tol * Math.max(sa, sb)) return false;
  }
  return true;
}

/**
 * Groups activation regions into connected components of the "shares an edge and `same(a, b)`"
 * relation. Returns the component id of every region and the number of components.
 */
export function groupRegions(
  p: Pick<Partition, 'regionCount' | 'adjacency'>,
  same: (a: number, b: number) => boolean,
): { of: Uint32Array; count: number } {
  const n = p.regionCount;
  const parent = new Uint32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const { a, b, count } = p.adjacency;
  for (let e = 0; e < count; e++) {
    if (!same(a[e], b[e])) continue;
    const ra = find(parent, a[e]);
    const rb = find(parent, b[e]);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const of = new Uint32Array(n);
  const label = new Int32Array(n).fill(-1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const r = find(parent, i);
    if (label[r] < 0) label[r] = k++;
    of[i] = label[r];
  }
  return { of, count: k };
}

/**
 * Linear regions: merges edge-adjacent activation regions whose output maps agree within
 * `p.mergeTolerance` or the rounding floor `p.mapNoise` (see {@link mapsAgree}); all outputs must agree.
 */
export function mergeLinearRegions(
  p: Pick<Partition, 'box' | 'regionCount' | 'adjacency' | 'outputMaps' | 'outputDim' | 'mergeTolerance'> &
    Partial<Pick<Partition, 'mapNoise'>>,
): { of: Uint32Array; count: number } {
  const [x0, x1, y0, y1] = p.box;
  const X = Math.max(Math.abs(x0), Math.abs(x1));
  const Y = Math.max(Math.abs(y0), Math.abs(y1));
  const m = p.outputMaps;
  const dim = p.outputDim;
  const tol = p.mergeTolerance;
  const noise = p.mapNoise;
  return groupRegions(p, (a, b) => mapsAgree(m, a, b, dim, X, Y, tol, noise));
}

/**
 * The outlines of groups of regions (e.g. linear regions: `groupOf = p.linearRegionOf`), as rings
 * of (x, y) points: the parts of member regions' edges that are not shared with a member of the
 * same group, chained end to end. Shared parts are found per split line as 1D interval overlaps,
 * so an edge only partly shared (a T-junction: the other side is cut into regions of different
 * groups) keeps exactly its unshared part. Outer rings are counter-clockwise, holes clockwise.
 * Returns, per group, its rings.
 */
export function groupOutlines(p: Partition, groupOf: Uint32Array, groupCount: number): Float64Array[][] {
  const S = p.splits.count;
  const dir = p.splits.dir;
  const es = p.edgeSplit;
  const c = p.coords;
  const segs: number[][] = Array.from({ length: groupCount }, () => []);
  // interior edges bucketed by split (vertex index k of the edge k → next, its region)
  const cnt = new Int32Array(S + 1);
  for (let k = 0; k < es.length; k++) if (es[k] >= 0) cnt[es[k] + 1]++;
  for (let s = 0; s < S; s++) cnt[s + 1] += cnt[s];
  const E = cnt[S];
  const ek = new Int32Array(E);
  const ek2 = new Int32Array(E);
  const er = new Uint32Array(E);
  const t0 = new Float64Array(E);
  const t1 = new Float64Array(E);
  const fill = cnt.slice(0, S);
  for (let r = 0; r < p.regionCount; r++) {
    const s0 = p.regionStart[r];
    const s1 = p.regionStart[r + 1];
    for (let k = s0; k < s1; k++) {
      const k2 = k + 1 === s1 ? s0 : k + 1;
      const sid = es[k];
      if (sid < 0) {
        segs[groupOf[r]].push(c[2 * k], c[2 * k + 1], c[2 * k2], c[2 * k2 + 1]);
        continue;
      }
      const e = fill[sid]++;
      ek[e] = k;
      ek2[e] = k2;
      er[e] = r;
      t0[e] = c[2 * k] * dir[2 * sid] + c[2 * k + 1] * dir[2 * sid + 1];
      t1[e] = c[2 * k2] * dir[2 * sid] + c[2 * k2 + 1] * dir[2 * sid + 1];
    }
  }
  const eps = ADJACENCY_EPSILON * boxExtent(p);
  const lo = (e: number) => Math.min(t0[e], t1[e]);
  const hi = (e: number) => Math.max(t0[e], t1[e]);
  const emit = (e: number, ta: number, tb: number) => {
    const fa = (ta - t0[e]) / (t1[e] - t0[e]);
    const fb = (tb - t0[e]) / (t1[e] - t0[e]);
    const ax = c[2 * ek[e]];
    const ay = c[2 * ek[e] + 1];
    const ux = c[2 * ek2[e]] - ax;
    const uy = c[2 * ek2[e] + 1] - ay;
    // keep the edge's own direction (counter-clockwise around its region)
    const [f0, f1] = t1[e] > t0[e] ? [fa, fb] : [fb, fa];
    segs[groupOf[er[e]]].push(ax + f0 * ux, ay + f0 * uy, ax + f1 * ux, ay + f1 * uy);
  };
  // per split: each edge minus the same-group edges on the other side (both sides sorted by lo)
  const side = (a: number, b: number, fwd: boolean): number[] => {
    const out: number[] = [];
    for (let e = a; e < b; e++) if (t1[e] > t0[e] === fwd) out.push(e);
    return out.sort((x, y) => lo(x) - lo(y));
  };
  for (let s = 0; s < S; s++) {
    const A = side(cnt[s], cnt[s + 1], true);
    const B = side(cnt[s], cnt[s + 1], false);
    for (const [X, Y] of [
      [A, B],
      [B, A],
    ]) {
      let j = 0;
      for (const e of X) {
        const g = groupOf[er[e]];
        const h = hi(e);
        let at = lo(e);
        while (j < Y.length && hi(Y[j]) <= at + eps) j++;
        for (let q = j; q < Y.length && lo(Y[q]) < h - eps; q++) {
          const f = Y[q];
          if (groupOf[er[f]] !== g || er[f] === er[e]) continue;
          if (lo(f) > at + eps) emit(e, at, lo(f));
          at = Math.max(at, hi(f));
        }
        if (h > at + eps) emit(e, at, h);
      }
    }
  }
  const tol = 1e-9 * boxExtent(p);
  return segs.map((sg) => chainSegments(sg, tol, true).lines);
}

/** The outlines of the linear regions (possibly non-convex, possibly with holes), as rings. */
export function linearRegionPolygons(p: Partition): Float64Array[][] {
  return groupOutlines(p, p.linearRegionOf, p.linearRegionCount);
}
