/**
 * Plain data types the figures take. They are deliberately independent of @tessera/geometry and
 * @tessera/nn-core (render-svg depends only on d3 modules); apps adapt their outputs to these.
 */

/** An axis-aligned box `[xmin, xmax, ymin, ymax]` in input coordinates. */
export type Box = readonly [number, number, number, number];

/** An affine map of the plane `f(x1, x2) = a[0] x1 + a[1] x2 + c`. */
export interface Affine2 {
  a: ArrayLike<number>;
  c: number;
}

/** One convex (or simple) polygonal region of a 2D partition. */
export interface Region2D {
  /** Flat vertex coordinates `[x0, y0, x1, y1, ...]` in input units, counter-clockwise, not repeated at the end. */
  vertices: ArrayLike<number>;
  /** The network's output on this region, when it is affine there (PL nets). */
  affine?: Affine2;
  /** A scalar for `color: 'value'` (defaults to the affine map at the interior point). */
  value?: number;
  /** The activation pattern (any encoding); hashed for `color: 'pattern'`. */
  pattern?: string | ArrayLike<number>;
  /** A point inside the region (defaults to the vertex centroid). */
  interior?: readonly [number, number];
}

/** A boundary segment or polyline between regions, tagged with the layer (1-based) whose unit made it. */
export interface BoundaryEdge {
  /** Flat coordinates `[x0, y0, x1, y1, ...]` in input units. */
  points: ArrayLike<number>;
  /** 1 for first-layer lines, 2+ for bent hyperplanes of deeper layers. */
  layer: number;
}

/** A 2D point cloud with optional integer class labels. */
export interface PointSet {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Class index per point (0, 1, 2, ...); omitted → one class. */
  label?: ArrayLike<number>;
  /** Names for the classes, shown in the legend. */
  classNames?: readonly string[];
}

/** An open or closed polyline in input units, e.g. a decision boundary or a level set. */
export interface Polyline {
  /** Flat coordinates `[x0, y0, x1, y1, ...]`. */
  points: ArrayLike<number>;
  /** `boundary` draws a thick solid line, `level` a thinner dashed one. */
  kind?: 'boundary' | 'level';
  /** Legend text (e.g. `f = 0`). */
  label?: string;
}

/**
 * Values of a scalar field sampled on a regular grid of nodes covering `box`, row-major: value at
 * column i (x), row j (y) is `values[j * nx + i]`, located at
 * `x = xmin + i (xmax - xmin) / (nx - 1)`, `y = ymin + j (ymax - ymin) / (ny - 1)`.
 */
export interface SampledGrid {
  box: Box;
  nx: number;
  ny: number;
  values: ArrayLike<number>;
}

/** One named series of (x, y) pairs. */
export interface Series {
  label?: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}
