import { createRng, type Mlp } from '@tessera/nn-core';
import type { Partition } from './partition.js';

/**
 * The activation pattern of the network at one input point, with the enumeration's conventions:
 * relu/leaky_relu/prelu/abs: 1 if z > 0 else 0; hardtanh: 0 if z ≤ -1, 1 if -1 < z ≤ 1, 2 if z > 1;
 * maxout: index of the largest row (ties to the lowest); linear: 0. Also returns the smallest
 * |distance to a switch| over all units (in pre-activation units), to tell how decisive it is.
 */
export function patternAt(mlp: Mlp, point: ArrayLike<number>): { pattern: Uint8Array; margin: Float64Array; output: Float64Array } {
  let total = 0;
  for (const l of mlp.layers) total += l.units;
  const pattern = new Uint8Array(total);
  const margin = new Float64Array(total).fill(Number.POSITIVE_INFINITY);
  let h = Float64Array.from(point);
  let off = 0;
  for (const layer of mlp.layers) {
    const { nIn, rows, units } = layer;
    const z = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let acc = layer.bias[r];
      for (let i = 0; i < nIn; i++) acc += layer.weights[r * nIn + i] * h[i];
      z[r] = acc;
    }
    const out = new Float64Array(units);
    for (let j = 0; j < units; j++) {
      const v = z[j];
      let s = 0;
      let y = v;
      switch (layer.activation) {
        case 'relu':
          s = v > 0 ? 1 : 0;
          y = s ? v : 0;
          margin[off + j] = Math.abs(v);
          break;
        case 'leaky_relu':
        case 'prelu': {
          const a = layer.activation === 'prelu' ? (layer.alphas as Float64Array)[j] : (layer.alpha as number);
          s = v > 0 ? 1 : 0;
          y = s ? v : a * v;
          margin[off + j] = Math.abs(v);
          break;
        }
        case 'abs':
          s = v > 0 ? 1 : 0;
          y = Math.abs(v);
          margin[off + j] = Math.abs(v);
          break;
        case 'hardtanh':
          s = v <= -1 ? 0 : v <= 1 ? 1 : 2;
          y = s === 0 ? -1 : s === 2 ? 1 : v;
          margin[off + j] = Math.min(Math.abs(v + 1), Math.abs(v - 1));
          break;
        case 'maxout': {
          const k = layer.rank as number;
          let best = 0;
          for (let r = 1; r < k; r++) if (z[j * k + r] > z[j * k + best]) best = r;
          let gap = Number.POSITIVE_INFINITY;
          for (let r = 0; r < k; r++) if (r !== best) gap = Math.min(gap, z[j * k + best] - z[j * k + r]);
          s = best;
          y = z[j * k + best];
          margin[off + j] = gap;
          break;
        }
        default:
          s = 0;
      }
      pattern[off + j] = s;
      out[j] = y;
    }
    off += units;
    h = out;
  }
  return { pattern, margin, output: h };
}

/** What {@link checkPartition} found. */
export interface PartitionReport {
  ok: boolean;
  /** |Σ areas − box area| / box area. */
  areaError: number;
  /** Regions with non-positive area (clockwise or degenerate). */
  badRegions: number;
  /** Interior points whose pattern differs from the region's in a unit decided by more than the margin. */
  patternMismatches: number;
  /** max |net(x) − map(x)| / scale over interior and random points of every region. */
  maxValueError: number;
  /** max |map_a(x) − map_b(x)| / scale at points of shared edges. */
  maxContinuityError: number;
  problems: string[];
}

/**
 * Checks a partition against the network it came from: areas sum to the box (relative 1e-9,
 * compensated), every region is counter-clockwise with positive area, the net's pattern at each
 * interior point is the region's (for units decided by more than `marginTol` · scale), the net
 * equals the region's output map at the interior point and at `samples` random points per region,
 * and neighbouring maps agree on shared edges (continuity).
 */
export function checkPartition(
  p: Partition,
  mlp: Mlp,
  options: { samples?: number; seed?: number; tolerance?: number; marginTol?: number } = {},
): PartitionReport {
  const samples = options.samples ?? 2;
  const rng = createRng(options.seed ?? 1);
  const tol = options.tolerance ?? 1e-9;
  const marginTol = options.marginTol ?? 1e-9;
  const [x0, x1, y0, y1] = p.box;
  const X = Math.max(Math.abs(x0), Math.abs(x1));
  const Y = Math.max(Math.abs(y0), Math.abs(y1));
  const boxArea = (x1 - x0) * (y1 - y0);
  const problems: string[] = [];
  const areaError = Math.abs(p.area - boxArea) / boxArea;
  if (!(areaError <= tol)) problems.push(`areas sum to ${p.area}, box area is ${boxArea}`);
  let bad = 0;
  for (let r = 0; r < p.regionCount; r++) if (!(p.areas[r] > 0)) bad++;
  if (bad > 0) problems.push(`${bad} regions with non-positive area`);
  let mism = 0;
  let maxVal = 0;
  const D = p.outputDim;
  // scale of the network's values over the box, for relative errors
  let scale = 0;
  for (let r = 0; r < p.regionCount; r++)
    for (let o = 0; o < D; o++) {
      const m = (r * D + o) * 3;
      scale = Math.max(scale, Math.abs(p.outputMaps[m]) * X + Math.abs(p.outputMaps[m + 1]) * Y + Math.abs(p.outputMaps[m + 2]));
    }
  scale = Math.max(scale, Number.MIN_VALUE);
  const pt = new Float64Array(2);
  const evalMap = (r: number, o: number, x: number, y: number) => {
    const m = (r * D + o) * 3;
    return p.outputMaps[m] * x + p.outputMaps[m + 1] * y + p.outputMaps[m + 2];
  };
  for (let r = 0; r < p.regionCount; r++) {
    const s0 = p.regionStart[r];
    const n = p.regionStart[r + 1] - s0;
    for (let q = 0; q <= samples; q++) {
      if (q === 0) {
        pt[0] = p.interior[2 * r];
        pt[1] = p.interior[2 * r + 1];
      } else {
        // a random convex combination of the vertices
        let wsum = 0;
        pt[0] = 0;
        pt[1] = 0;
        for (let k = 0; k < n; k++) {
          const w = rng.next() + 1e-3;
          wsum += w;
          pt[0] += w * p.coords[2 * (s0 + k)];
          pt[1] += w * p.coords[2 * (s0 + k) + 1];
        }
        pt[0] /= wsum;
        pt[1] /= wsum;
      }
      const at = patternAt(mlp, pt);
      if (q === 0) {
        const base = r * p.patternStride;
        for (let u = 0; u < p.patternStride; u++)
          if (at.pattern[u] !== p.patterns[base + u] && at.margin[u] > marginTol * scale) {
            mism++;
            break;
          }
      }
      for (let o = 0; o < D; o++) maxVal = Math.max(maxVal, Math.abs(at.output[o] - evalMap(r, o, pt[0], pt[1])) / scale);
    }
  }
  if (mism > 0) problems.push(`${mism} regions whose interior point has another pattern`);
  if (!(maxVal <= tol)) problems.push(`the net differs from a region's map by ${maxVal} (relative)`);
  // continuity at the midpoints of shared edges
  let maxCont = 0;
  const { a, b, split, count } = p.adjacency;
  const edgesOf = (r: number, s: number) => {
    const out: number[] = [];
    for (let k = p.regionStart[r]; k < p.regionStart[r + 1]; k++) if (p.edgeSplit[k] === s) out.push(k);
    return out;
  };
  for (let e = 0; e < count; e++) {
    for (const k of edgesOf(a[e], split[e])) {
      const r = a[e];
      const k2 = k + 1 === p.regionStart[r + 1] ? p.regionStart[r] : k + 1;
      const mx = (p.coords[2 * k] + p.coords[2 * k2]) / 2;
      const my = (p.coords[2 * k + 1] + p.coords[2 * k2 + 1]) / 2;
      for (let o = 0; o < D; o++) {
        // only meaningful where the midpoint is on b's edge too: compare along the split line
        const d = Math.abs(evalMap(a[e], o, mx, my) - evalMap(b[e], o, mx, my)) / scale;
        if (edgesOf(b[e], split[e]).length === 1 && edgesOf(r, split[e]).length === 1) maxCont = Math.max(maxCont, d);
      }
    }
  }
  if (!(maxCont <= tol)) problems.push(`neighbouring maps differ by ${maxCont} (relative) on a shared edge`);
  return {
    ok: problems.length === 0,
    areaError,
    badRegions: bad,
    patternMismatches: mism,
    maxValueError: maxVal,
    maxContinuityError: maxCont,
    problems,
  };
}
