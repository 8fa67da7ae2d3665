import { orient2d } from 'robust-predicates';

/**
 * Default relative tolerance for "is this vertex on the switching line": a vertex whose value
 * |a x + b y + c| is at most `DEFAULT_TOLERANCE * formScale(a, b, c, box)` is ON the line.
 */
export const DEFAULT_TOLERANCE = 1e-12;

/** Default relative tolerance for "these two output maps are the same affine function". */
export const DEFAULT_MERGE_TOLERANCE = 1e-9;

/**
 * The magnitude against which rounding in evaluating `a x + b y + c` over the box is measured:
 * `|a| X + |b| Y + |c|` with X = max(|xmin|, |xmax|), Y = max(|ymin|, |ymax|). This bounds
 * |a x + b y + c| on the box, so `tol * formScale` is a relative rounding allowance.
 */
export function formScale(a: number, b: number, c: number, bx: number, by: number): number {
  return Math.abs(a) * bx + Math.abs(b) * by + Math.abs(c);
}

/**
 * Sign of the affine form `a x + b y + c` at (x, y) with a tolerance: 1 above `tol`, -1 below
 * `-tol`, 0 (on the line) otherwise. Ties are reported, never assigned to a side.
 */
export function formSign(a: number, b: number, c: number, x: number, y: number, tol: number): number {
  const v = a * x + b * y + c;
  return v > tol ? 1 : v < -tol ? -1 : 0;
}

/**
 * Exact orientation of (cx, cy) relative to the directed line through (ax, ay) → (bx, by):
 * 1 left (counter-clockwise), -1 right, 0 collinear. Uses Shewchuk's adaptive predicate
 * (robust-predicates), exact for all float64 inputs. Used by the checkers and tests as the
 * exact reference for point/line decisions.
 */
export function orientExact(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const o = orient2d(ax, ay, bx, by, cx, cy);
  // robust-predicates returns a positive value for clockwise order.
  return o < 0 ? 1 : o > 0 ? -1 : 0;
}
