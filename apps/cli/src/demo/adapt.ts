import type { Partition } from '@tessera/geometry';
import { evaluateMlp, type Mlp } from '@tessera/nn-core';
import type { BoundaryEdge, Region2D, SampledGrid } from '@tessera/render-svg';

/**
 * Turns geometry's flat partition into render-svg's plain region records (vertices, the output's
 * affine map, pattern, interior point) and adjacency lists. Pure data reshaping, no math.
 */
export function partitionRegions(p: Partition, output = 0): { regions: Region2D[]; neighbors: number[][] } {
  const regions: Region2D[] = [];
  for (let r = 0; r < p.regionCount; r++) {
    const k = (r * p.outputDim + output) * 3;
    regions.push({
      vertices: p.coords.subarray(2 * (p.regionStart[r] as number), 2 * (p.regionStart[r + 1] as number)),
      affine: { a: [p.outputMaps[k] as number, p.outputMaps[k + 1] as number], c: p.outputMaps[k + 2] as number },
      pattern: p.patterns.subarray(r * p.patternStride, (r + 1) * p.patternStride),
      interior: [p.interior[2 * r] as number, p.interior[2 * r + 1] as number],
    });
  }
  const neighbors: number[][] = Array.from({ length: p.regionCount }, () => []);
  for (let i = 0; i < p.adjacency.count; i++) {
    const a = p.adjacency.a[i] as number;
    const b = p.adjacency.b[i] as number;
    (neighbors[a] as number[]).push(b);
    (neighbors[b] as number[]).push(a);
  }
  return { regions, neighbors };
}

/** Boundary edges of a partition tagged with the (1-based) layer of the unit that made them. */
export function partitionEdges(p: Partition): BoundaryEdge[] {
  const edges: BoundaryEdge[] = [];
  for (let r = 0; r < p.regionCount; r++) {
    const s0 = p.regionStart[r] as number;
    const s1 = p.regionStart[r + 1] as number;
    for (let k = s0; k < s1; k++) {
      const split = p.edgeSplit[k] as number;
      if (split < 0) continue;
      const next = k + 1 < s1 ? k + 1 : s0;
      const x0 = p.coords[2 * k] as number;
      const y0 = p.coords[2 * k + 1] as number;
      const x1 = p.coords[2 * next] as number;
      const y1 = p.coords[2 * next + 1] as number;
      // each interior edge appears in two regions; keep one copy (lexicographic order of endpoints)
      if (x0 > x1 || (x0 === x1 && y0 > y1)) continue;
      edges.push({ points: [x0, y0, x1, y1], layer: (p.splits.layer[split] as number) + 1 });
    }
  }
  return edges;
}

/** Samples a network's first output on an nx × ny grid of the box (nn-core evaluates it). */
export function sampleNet(mlp: Mlp, box: readonly [number, number, number, number], nx: number, ny = nx): SampledGrid {
  const pts = new Float64Array(nx * ny * 2);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      pts[2 * (j * nx + i)] = box[0] + ((box[1] - box[0]) * i) / (nx - 1);
      pts[2 * (j * nx + i) + 1] = box[2] + ((box[3] - box[2]) * j) / (ny - 1);
    }
  const out = evaluateMlp(mlp, pts, nx * ny);
  const values = new Float64Array(nx * ny);
  for (let s = 0; s < nx * ny; s++) values[s] = out[s * mlp.outputDim] as number;
  return { box, nx, ny, values };
}

/** Samples a plain function on a grid. */
export function sampleFn(f: (x: number, y: number) => number, box: readonly [number, number, number, number], nx: number, ny = nx): SampledGrid {
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++)
      values[j * nx + i] = f(box[0] + ((box[1] - box[0]) * i) / (nx - 1), box[2] + ((box[3] - box[2]) * j) / (ny - 1));
  return { box, nx, ny, values };
}
