import { hcl } from 'd3-color';

/** Eight light, mutually distinct fills for neighbour colouring (ColorBrewer Pastel1 without its grey). */
export const NEIGHBOR_PALETTE: readonly string[] = [
  '#fbb4ae',
  '#b3cde3',
  '#ccebc5',
  '#decbe4',
  '#fed9a6',
  '#ffffcc',
  '#e5d8bd',
  '#fddaec',
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
  // symmetrised adjacency as sets of unique neighbours
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    const list = neighbors[i] as ArrayLike<number>;
    for (let k = 0; k < list.length; k++) {
      const j = list[k] as number;
      if (!Number.isInteger(j) || j < 0 || j >= n) throw new RangeError(`invalid neighbors[${i}][${k}]: ${j} is not a region index in [0, ${n})`);
      if (j === i) continue;
      (adj[i] as number[]).push(j);
      (adj[j] as number[]).push(i);
    }
  }
  for (let i = 0; i < n; i++) adj[i] = [...new Set(adj[i])].sort((a, b) => a - b);
  // smallest-last ordering with a simple O(n^2)-free bucket queue
  const degree = new Int32Array(n);
  let maxDeg = 0;
  for (let i = 0; i < n; i++) {
    degree[i] = (adj[i] as number[]).length;
    if (degree[i] > maxDeg) maxDeg = degree[i] as number;
  }
  const buckets: Set<number>[] = Array.from({ length: maxDeg + 1 }, () => new Set<number>());
  for (let i = 0; i < n; i++) (buckets[degree[i] as number] as Set<number>).add(i);
  const removed = new Uint8Array(n);
  const order = new Int32Array(n);
  let low = 0;
  for (let k = n - 1; k >= 0; k--) {
    low = Math.max(0, low - 1);
    while ((buckets[low] as Set<number>).size === 0) low++;
    const b = buckets[low] as Set<number>;
    const v = b.values().next().value as number;
    b.delete(v);
    removed[v] = 1;
    order[k] = v;
    for (const u of adj[v] as number[]) {
      if (removed[u]) continue;
      const d = degree[u] as number;
      (buckets[d] as Set<number>).delete(u);
      degree[u] = d - 1;
      (buckets[d - 1] as Set<number>).add(u);
    }
  }
  const color = new Int32Array(n).fill(-1);
  const used: number[] = [];
  for (let k = 0; k < n; k++) {
    const v = order[k] as number;
    used.length = 0;
    for (const u of adj[v] as number[]) if ((color[u] as number) >= 0) used[color[u] as number] = 1;
    let c = 0;
    while (used[c]) c++;
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
