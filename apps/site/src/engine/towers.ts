import type { LinePieces } from '@tessera/geometry';

/**
 * The exact polyline of a 1-output net along a segment from geometry's `linePieces`: the vertices
 * are the breakpoints, t mapped to x = a + t·(b − a); `bx, by` mark where the affine map changes.
 */
export function pieceCurve(lp: LinePieces, a: number, b: number): { x: number[]; y: number[]; bx: number[]; by: number[] } {
  const at = (p: number, t: number): number => lp.offsets[p * lp.outputDim] + lp.slopes[p * lp.outputDim] * t;
  const ts = [0, ...Array.from(lp.breakpoints), 1];
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < ts.length; i++) {
    x.push(a + ts[i] * (b - a));
    y.push(at(Math.min(i, lp.pieces - 1), ts[i]));
  }
  const bx: number[] = [];
  const by: number[] = [];
  for (let i = 0; i < lp.linearBreakpoints.length; i++) {
    const t = lp.linearBreakpoints[i];
    bx.push(a + t * (b - a));
    by.push(lp.linearOffsets[i * lp.outputDim] + lp.linearSlopes[i * lp.outputDim] * t);
  }
  return { x, y, bx, by };
}
