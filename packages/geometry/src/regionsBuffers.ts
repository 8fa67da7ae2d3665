import { copyPoly } from './polygonClip.js';

/*
 * Growable flat buffers of the region enumeration (one stack of pieces per layer, the pieces one
 * unit cuts a polygon into, scratch polygons, and the output arrays).
 */

/** A stack of convex polygons ("pieces") with a state byte per unit of one layer. */
export class Stack {
  coords = new Float64Array(2048);
  eids = new Int32Array(1024);
  start = new Int32Array(257);
  next = new Int32Array(256);
  /** Per piece: bounding-box centre and half-extents (cx, cy, hx, hy). */
  bbox = new Float64Array(1024);
  states = new Uint8Array(256);
  count = 0;
  nv = 0;
  stride = 1;
  reset(stride: number): void {
    this.count = 0;
    this.nv = 0;
    this.stride = stride;
    this.start[0] = 0;
  }
  reserve(verts: number): void {
    reserveVertices(this, this.nv + verts);
  }
  reservePieces(k: number): void {
    if (this.count + k + 1 >= this.start.length) {
      this.start = grow(this.start, this.count + k + 2);
      this.next = grow(this.next, this.start.length);
      this.bbox = grow(this.bbox, 4 * this.start.length);
    }
    // grow copies the whole old array, so the popped parent's row one past count (which holds
    // the kids' state prefix) is kept
    this.states = grow(this.states, (this.count + k + 1) * this.stride);
  }
  /** Computes the bounding box of piece q. */
  setBox(q: number): void {
    const c = this.coords;
    let x0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y0 = x0;
    let y1 = x1;
    for (let k = this.start[q]; k < this.start[q + 1]; k++) {
      const x = c[2 * k];
      const y = c[2 * k + 1];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    const b = this.bbox;
    b[4 * q] = (x0 + x1) / 2;
    b[4 * q + 1] = (y0 + y1) / 2;
    b[4 * q + 2] = (x1 - x0) / 2;
    b[4 * q + 3] = (y1 - y0) / 2;
  }
  /** Replaces the top piece by the pieces in K (cut by unit j); each continues at unit j + 1. */
  replaceTop(K: Kids, j: number): void {
    const p = this.count - 1;
    this.count = p;
    this.nv = this.start[p];
    this.reserve(K.nv);
    this.reservePieces(K.count);
    const st = this.stride;
    const states = this.states;
    const po = p * st;
    for (let c = 0; c < K.count; c++) {
      const q = p + c;
      const k0 = K.start[c];
      const kn = K.start[c + 1] - k0;
      copyPoly(K.coords, K.eids, k0, kn, this.coords, this.eids, this.nv);
      this.nv += kn;
      this.start[q + 1] = this.nv;
      if (c > 0) {
        const qo = q * st;
        for (let i = 0; i < j; i++) states[qo + i] = states[po + i];
      }
      states[q * st + j] = K.state[c];
      this.next[q] = j + 1;
      this.setBox(q);
    }
    this.count = p + K.count;
  }
}

/** The pieces one unit cuts a polygon into, with their states. */
export class Kids {
  coords = new Float64Array(512);
  eids = new Int32Array(256);
  start = new Int32Array(65);
  state = new Uint8Array(64);
  count = 0;
  nv = 0;
  reset(): void {
    this.count = 0;
    this.nv = 0;
  }
  reserve(verts: number): void {
    reserveVertices(this, this.nv + verts);
    this.start = grow(this.start, this.count + 3);
    this.state = grow(this.state, this.count + 2);
  }
  /** Records the polygon of m vertices just written at nv (ignored if degenerate). */
  add(m: number, state: number): void {
    if (m < 3) return;
    this.start[this.count] = this.nv;
    this.nv += m;
    this.state[this.count] = state;
    this.count++;
    this.start[this.count] = this.nv;
  }
}

/** Scratch polygon buffer. */
export class Poly {
  coords = new Float64Array(512);
  eids = new Int32Array(256);
  n = 0;
  reserve(n: number): void {
    if (n > this.eids.length) {
      let cap = this.eids.length * 2;
      while (cap < n) cap *= 2;
      this.coords = new Float64Array(2 * cap);
      this.eids = new Int32Array(cap);
    }
  }
}

/** Growable output arrays. */
export class Out {
  coords = new Float64Array(1 << 14);
  eids = new Int32Array(1 << 13);
  starts: number[] = [0];
  patterns = new Uint8Array(0);
  maps = new Float64Array(0);
  areas = new Float64Array(0);
  interior = new Float64Array(0);
  nv = 0;
  count = 0;
  /** Doubles the per-region arrays. */
  growRegions(stride: number, od: number): void {
    const cap = Math.max(1024, 2 * this.areas.length);
    const a = new Float64Array(cap);
    a.set(this.areas);
    this.areas = a;
    const it = new Float64Array(2 * cap);
    it.set(this.interior);
    this.interior = it;
    const pt = new Uint8Array(cap * stride);
    pt.set(this.patterns.subarray(0, Math.min(this.patterns.length, this.count * stride)));
    this.patterns = pt;
    const m = new Float64Array(cap * od);
    m.set(this.maps.subarray(0, Math.min(this.maps.length, this.count * od)));
    this.maps = m;
  }
}

/** Grows a vertex pool (coords: x, y per vertex; eids: one per vertex) to hold `need` vertices. */
function reserveVertices(pool: { coords: Float64Array; eids: Int32Array }, need: number): void {
  if (need <= pool.eids.length) return;
  pool.eids = grow(pool.eids, need);
  pool.coords = grow(pool.coords, 2 * pool.eids.length);
}

/** Returns `a`, or a copy of it with the capacity doubled until it holds `need` elements. */
export function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let cap = a.length * 2;
  while (cap < need) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

