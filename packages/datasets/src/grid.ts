import { InputError } from '@tessera/nn-core';
import type { Box } from './dataset.js';
import { optBox } from './options.js';

/**
 * A regular nx × ny grid over `box = [xmin, xmax, ymin, ymax]`, as a flat Float64Array of
 * (nx·ny) × 2 coordinates, row-major. Point `i = iy * nx + ix` (x varies fastest) is
 * `(xmin + ix · (xmax − xmin)/(nx − 1), ymin + iy · (ymax − ymin)/(ny − 1))`; the corners are hit
 * exactly. With nx = 1 (or ny = 1) the single column (row) sits at the box's midpoint.
 */
export function grid(box: Box, nx: number, ny: number = nx): Float64Array {
  const [x0, x1, y0, y1] = optBox(box, box);
  if (!Number.isSafeInteger(nx) || nx < 1) throw new InputError(`invalid grid nx: ${nx} (expected an integer >= 1)`);
  if (!Number.isSafeInteger(ny) || ny < 1) throw new InputError(`invalid grid ny: ${ny} (expected an integer >= 1)`);
  const out = new Float64Array(nx * ny * 2);
  for (let iy = 0; iy < ny; iy++) {
    const y = ny === 1 ? (y0 + y1) / 2 : iy === ny - 1 ? y1 : y0 + (iy * (y1 - y0)) / (ny - 1);
    for (let ix = 0; ix < nx; ix++) {
      const x = nx === 1 ? (x0 + x1) / 2 : ix === nx - 1 ? x1 : x0 + (ix * (x1 - x0)) / (nx - 1);
      const o = (iy * nx + ix) * 2;
      out[o] = x;
      out[o + 1] = y;
    }
  }
  return out;
}
