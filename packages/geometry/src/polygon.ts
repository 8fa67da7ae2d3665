/**
 * Signed area of a polygon stored as (x, y) pairs in `coords[2*start …2*end-1]`; positive when
 * counter-clockwise. Coordinates are taken relative to the first vertex to limit cancellation.
 */
export function polygonArea(coords: ArrayLike<number>, start = 0, end = coords.length / 2): number {
  const n = end - start;
  if (n < 3) return 0;
  const ox = coords[2 * start];
  const oy = coords[2 * start + 1];
  let s = 0;
  let px = 0;
  let py = 0;
  for (let k = start + 1; k < end; k++) {
    const x = coords[2 * k] - ox;
    const y = coords[2 * k + 1] - oy;
    s += px * y - x * py;
    px = x;
    py = y;
  }
  return s / 2;
}

/** Neumaier (improved Kahan) compensated sum of a list of numbers. */
export function compensatedSum(values: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/**
 * Is (x, y) inside the convex counter-clockwise polygon (or on its boundary within `tol` of edge
 * length-scaled distance)? Used by tests and checkers, not by the enumeration.
 */
export function pointInConvexPolygon(coords: ArrayLike<number>, x: number, y: number, tol = 0): boolean {
  const n = coords.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const ax = coords[2 * i];
    const ay = coords[2 * i + 1];
    const ex = coords[2 * j] - ax;
    const ey = coords[2 * j + 1] - ay;
    const cross = ex * (y - ay) - ey * (x - ax);
    if (cross < -tol * Math.hypot(ex, ey)) return false;
  }
  return true;
}

/**
 * A spatial hash that merges points closer than `tol` (Chebyshev distance) into one id, for
 * chaining segments into polylines and counting distinct vertices.
 */
export interface PointIndex {
  /** Returns the id of a stored point within `tol` of (x, y), or stores a new one. */
  add(x: number, y: number): number;
  /** The stored points, (x, y) interleaved. */
  points(): Float64Array;
  size(): number;
}

/** Creates a {@link PointIndex} with merge tolerance `tol` (> 0). */
export function createPointIndex(tol: number): PointIndex {
  const cell = tol > 0 ? tol * 4 : 1e-300;
  const map = new Map<string, number[]>();
  const xs: number[] = [];
  return {
    add(x: number, y: number): number {
      const cx = Math.floor(x / cell);
      const cy = Math.floor(y / cell);
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++) {
          const ids = map.get(`${cx + dx},${cy + dy}`);
          if (ids === undefined) continue;
          for (const id of ids) if (Math.abs(xs[2 * id] - x) <= tol && Math.abs(xs[2 * id + 1] - y) <= tol) return id;
        }
      const id = xs.length / 2;
      xs.push(x, y);
      const key = `${cx},${cy}`;
      const list = map.get(key);
      if (list) list.push(id);
      else map.set(key, [id]);
      return id;
    },
    points: () => Float64Array.from(xs),
    size: () => xs.length / 2,
  };
}

/**
 * Chains directed segments `(ax, ay) → (bx, by)` (flat: [4 * n]) into polylines, joining an end
 * to a start within `tol`. Undirected by default (a segment may be reversed to continue a chain);
 * with `directed`, segments are only followed from their start (rings keep their orientation).
 * Returns the polylines as (x, y) arrays and whether each one closes on itself (a closed ring
 * does not repeat its first point).
 */
export function chainSegments(
  segments: ArrayLike<number>,
  tol: number,
  directed = false,
): { lines: Float64Array[]; closed: boolean[] } {
  const n = segments.length / 4;
  const index = createPointIndex(tol);
  const ends = new Int32Array(2 * n);
  for (let s = 0; s < n; s++) {
    ends[2 * s] = index.add(segments[4 * s], segments[4 * s + 1]);
    ends[2 * s + 1] = index.add(segments[4 * s + 2], segments[4 * s + 3]);
  }
  const pts = index.points();
  // incidence lists
  const deg = new Int32Array(index.size() + 1);
  for (let i = 0; i < 2 * n; i++) deg[ends[i] + 1]++;
  for (let i = 0; i < index.size(); i++) deg[i + 1] += deg[i];
  const inc = new Int32Array(2 * n);
  const fill = deg.slice(0, index.size());
  for (let i = 0; i < 2 * n; i++) inc[fill[ends[i]]++] = i;
  const used = new Uint8Array(n);
  const lines: Float64Array[] = [];
  const closed: boolean[] = [];
  const nextFrom = (v: number): number => {
    for (let k = deg[v]; k < deg[v + 1]; k++) {
      const s = inc[k] >> 1;
      if (!used[s] && (!directed || (inc[k] & 1) === 0)) return inc[k];
    }
    return -1;
  };
  const walk = (startEnd: number, out: number[]): number => {
    // follows unused segments from point `startEnd`, appending point ids; returns the last point
    let v = startEnd;
    for (;;) {
      const e = nextFrom(v);
      if (e < 0) return v;
      const s = e >> 1;
      used[s] = 1;
      v = ends[e ^ 1];
      out.push(v);
    }
  };
  // open chains first (start at points of odd degree), then cycles
  const order: number[] = [];
  for (let v = 0; v < index.size(); v++) if ((deg[v + 1] - deg[v]) % 2 === 1) order.push(v);
  for (let v = 0; v < index.size(); v++) if ((deg[v + 1] - deg[v]) % 2 === 0) order.push(v);
  for (const v0 of order) {
    while (nextFrom(v0) >= 0) {
      const ids = [v0];
      const last = walk(v0, ids);
      const isClosed = last === v0 && ids.length > 2;
      if (isClosed) ids.pop(); // a closed ring does not repeat its first point
      const line = new Float64Array(2 * ids.length);
      for (let i = 0; i < ids.length; i++) {
        line[2 * i] = pts[2 * ids[i]];
        line[2 * i + 1] = pts[2 * ids[i] + 1];
      }
      lines.push(line);
      closed.push(isClosed);
    }
  }
  return { lines, closed };
}
