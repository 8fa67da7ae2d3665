import { UsageError } from './errors.js';

/** Parses a comma-separated list of finite numbers: `-1,1,-1,1`. */
export function parseNumberList(text: string, name: string, length?: number): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map((p) => (p === '' ? Number.NaN : Number(p)));
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new UsageError(`invalid ${name} "${text}": "${parts[bad]}" is not a finite number`);
  if (length !== undefined && values.length !== length)
    throw new UsageError(`invalid ${name} "${text}": expected ${length} numbers, got ${values.length}`);
  return values;
}

/** Parses `xmin,xmax,ymin,ymax` and checks xmin < xmax, ymin < ymax. */
export function parseBox(text: string): [number, number, number, number] {
  const [x0, x1, y0, y1] = parseNumberList(text, '--box', 4) as [number, number, number, number];
  if (!(x0 < x1)) throw new UsageError(`invalid --box "${text}": xmin (${x0}) must be less than xmax (${x1})`);
  if (!(y0 < y1)) throw new UsageError(`invalid --box "${text}": ymin (${y0}) must be less than ymax (${y1})`);
  return [x0, x1, y0, y1];
}

/** Parses a positive integer option. */
export function parseInteger(text: string, name: string, min = 1): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new UsageError(`invalid ${name} "${text}": expected an integer >= ${min}`);
  return v;
}

/** Parses a finite number option. */
export function parseNumber(text: string, name: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`invalid ${name} "${text}": expected a number`);
  return v;
}

/**
 * Parses an axis-aligned box in `dim` dimensions: `lo1,hi1,lo2,hi2,…` (2·dim numbers), each
 * `lo < hi`. For dim 2 this is `xmin,xmax,ymin,ymax`, exactly like {@link parseBox}.
 */
export function parseBoxN(text: string, dim: number): number[] {
  const v = parseNumberList(text, '--box', 2 * dim);
  for (let i = 0; i < dim; i++) {
    if (!(v[2 * i]! < v[2 * i + 1]!)) {
      const [lo, hi] = dim === 2 ? [['xmin', 'xmax'], ['ymin', 'ymax']][i]! : [`lo${i + 1}`, `hi${i + 1}`];
      throw new UsageError(`invalid --box "${text}": ${lo} (${v[2 * i]}) must be less than ${hi} (${v[2 * i + 1]})`);
    }
  }
  return v;
}

/** Parses a non-negative integer option (0 allowed). */
export function parseCount(text: string, name: string): number {
  return parseInteger(text, name, 0);
}
