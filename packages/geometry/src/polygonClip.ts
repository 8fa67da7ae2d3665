/**
 * Cutting convex polygons by a line, on flat arrays: `classify` evaluates an affine form at the
 * vertices with a tolerance, `clip` keeps one side. Polygons are (x, y) pairs in a Float64Array
 * with a parallel Int32Array of edge labels (the label of the edge from vertex k to k + 1).
 */

/** Some vertex is strictly above the line. */
export const POS = 1;
/** Some vertex is strictly below the line. */
export const NEG = 2;

/** Values and signs of the last `classify` (module scratch, reused). */
let VALS = new Float64Array(256);
let SIGN = new Int8Array(256);

/** Evaluates a x + b y + c at n vertices of `c0` from vertex `o`; fills VALS/SIGN; returns POS|NEG mask. */
export function classify(co: Float64Array, o: number, n: number, a: number, b: number, c: number, tol: number): number {
  if (n > VALS.length) {
    VALS = new Float64Array(2 * n);
    SIGN = new Int8Array(2 * n);
  }
  let mask = 0;
  for (let i = 0; i < n; i++) {
    const k = 2 * (o + i);
    const v = a * co[k] + b * co[k + 1] + c;
    VALS[i] = v;
    if (v > tol) {
      SIGN[i] = 1;
      mask |= POS;
    } else if (v < -tol) {
      SIGN[i] = -1;
      mask |= NEG;
    } else SIGN[i] = 0;
  }
  return mask;
}

/**
 * Writes the part of the convex polygon (n vertices from `o`) where keep·value ≥ 0 (classified by
 * the last `classify`) into dst at vertex `d`; the new edge along the line gets label `cut`.
 * Returns the number of vertices written. Intersection points are computed identically for both
 * keep signs, so the two halves share their cut exactly.
 */
export function clip(
  sc: Float64Array,
  se: Int32Array,
  o: number,
  n: number,
  keep: number,
  cut: number,
  dc: Float64Array,
  de: Int32Array,
  d: number,
): number {
  let m = d;
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    const si = SIGN[i] * keep;
    const sj = SIGN[j] * keep;
    const ki = 2 * (o + i);
    if (si >= 0) {
      dc[2 * m] = sc[ki];
      dc[2 * m + 1] = sc[ki + 1];
      de[m] = si === 0 && sj < 0 ? cut : se[o + i];
      m++;
    }
    if ((si > 0 && sj < 0) || (si < 0 && sj > 0)) {
      const kj = 2 * (o + j);
      const vi = VALS[i];
      const t = vi / (vi - VALS[j]);
      const xi = sc[ki];
      const yi = sc[ki + 1];
      dc[2 * m] = xi + t * (sc[kj] - xi);
      dc[2 * m + 1] = yi + t * (sc[kj + 1] - yi);
      de[m] = si > 0 ? cut : se[o + i];
      m++;
    }
  }
  return m - d;
}

/** Copies n vertices (coordinates and edge labels) from `o` in the source to `d` in the destination. */
export function copyPoly(sc: Float64Array, se: Int32Array, o: number, n: number, dc: Float64Array, de: Int32Array, d: number): void {
  for (let i = 0; i < n; i++) {
    dc[2 * (d + i)] = sc[2 * (o + i)];
    dc[2 * (d + i) + 1] = sc[2 * (o + i) + 1];
    de[d + i] = se[o + i];
  }
}

