import { hcl } from 'd3-color';

/**
 * Eight light, mutually distinct fills for neighbour colouring (ColorBrewer Pastel1 without its
 * grey), green/orange/purple first so they do not clash with the blue/red of class points.
 */
export const NEIGHBOR_PALETTE: readonly string[] = [
  '#ccebc5',
  '#fed9a6',
  '#decbe4',
  '#ffffcc',
  '#b3cde3',
  '#fddaec',
  '#e5d8bd',
  '#fbb4ae',
];

/** Class colours for data points (Tableau 10, first eight). */
export const CLASS_PALETTE: readonly string[] = ['#4e79a7', '#e15759', '#59a14f', '#f28e2b', '#b07aa1', '#76b7b2', '#edc948', '#9c755f'];

/**
 * Greedy graph colouring in smallest-last (degeneracy) order: every vertex gets the smallest
 * colour not used by an already coloured neighbour. A planar adjacency graph (a 2D partition)
 * needs at most 6 colours this way. `neighbors[i]` lists the vertices adjacent to i (either
 * direction suffices; the graph is symmetrised). Returns one colour index per vertex.
 */
export function greedyColoring(neighbors: ReadonlyArray<ArrayLike<number>>): Int32Array {
  const n = neighbors.length;
  // symmetrised, de-duplicated adjacency in CSR form
  let m = 0;
  for (let i = 0; i < n; i++) m += (neighbors[i] as ArrayLike<number>).length;
  const pairs = new Float64Array(2 * m);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const list = neighbors[i] as ArrayLike<number>;
    for (let k = 0; k < list.length; k++) {
      const j = list[k] as number;
      if (!Number.isInteger(j) || j < 0 || j >= n) throw new RangeError(`invalid neighbors[${i}][${k}]: ${j} is not a region index in [0, ${n})`);
      if (j === i) continue;
      pairs[p++] = i * n + j;
      pairs[p++] = j * n + i;
    }
  }
  const sorted = pairs.subarray(0, p).sort();
  const start = new Int32Array(n + 1);
  const adj = new Int32Array(p);
  let e = 0;
  for (let q = 0; q < p; q++) {
    const key = sorted[q] as number;
    if (q > 0 && key === sorted[q - 1]) continue;
    const i = Math.floor(key / n);
    adj[e++] = key - i * n;
    start[i + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i] as number;
  // smallest-last order: bucket queue of doubly linked lists keyed by current degree
  const degree = new Int32Array(n);
  let maxDeg = 0;
  for (let i = 0; i < n; i++) {
    degree[i] = (start[i + 1] as number) - (start[i] as number);
    if (degree[i] > maxDeg) maxDeg = degree[i] as number;
  }
  const head = new Int32Array(maxDeg + 1).fill(-1);
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const link = (v: number, d: number) => {
    prev[v] = -1;
    next[v] = head[d] as number;
    if ((head[d] as number) >= 0) prev[head[d] as number] = v;
    head[d] = v;
  };
  const unlink = (v: number, d: number) => {
    if ((prev[v] as number) >= 0) next[prev[v] as number] = next[v] as number;
    else head[d] = next[v] as number;
    if ((next[v] as number) >= 0) prev[next[v] as number] = prev[v] as number;
  };
  for (let i = n - 1; i >= 0; i--) link(i, degree[i] as number);
  const removed = new Uint8Array(n);
  const order = new Int32Array(n);
  let low = 0;
  for (let k = n - 1; k >= 0; k--) {
    low = Math.max(0, low - 1);
    while ((head[low] as number) < 0) low++;
    const v = head[low] as number;
    unlink(v, low);
    removed[v] = 1;
    order[k] = v;
    for (let q = start[v] as number; q < (start[v + 1] as number); q++) {
      const u = adj[q] as number;
      if (removed[u]) continue;
      const d = degree[u] as number;
      unlink(u, d);
      degree[u] = d - 1;
      link(u, d - 1);
    }
  }
  const color = new Int32Array(n).fill(-1);
  const usedBy = new Int32Array(maxDeg + 2).fill(-1);
  for (let k = 0; k < n; k++) {
    const v = order[k] as number;
    for (let q = start[v] as number; q < (start[v + 1] as number); q++) {
      const c = color[adj[q] as number] as number;
      if (c >= 0) usedBy[c] = v;
    }
    let c = 0;
    while (usedBy[c] === v) c++;
    color[v] = c;
  }
  return color;
}

/** 32-bit FNV-1a hash of a pattern given as a string or a list of small integers. */
export function patternHash(pattern: string | ArrayLike<number>): number {
  let h = 0x811c9dc5;
  if (typeof pattern === 'string') {
    for (let i = 0; i < pattern.length; i++) h = Math.imul(h ^ pattern.charCodeAt(i), 0x01000193);
  } else {
    for (let i = 0; i < pattern.length; i++) h = Math.imul(h ^ ((pattern[i] as number) & 0xff), 0x01000193);
  }
  return h >>> 0;
}

/** A light colour derived from a pattern hash (hue from the hash, fixed lightness and chroma). */
export function patternColor(pattern: string | ArrayLike<number>): string {
  const h = patternHash(pattern);
  const hue = (h % 360) + 0.5;
  const light = 70 + ((h >>> 9) % 3) * 6;
  return hcl(hue, 38, light).formatHex();
}
