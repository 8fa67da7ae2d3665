import { InputError, type Layer, type Mlp } from '@tessera/nn-core';

/** A plane through the input space: the points origin + s·u + t·v. */
export interface Plane {
  origin: ArrayLike<number>;
  u: ArrayLike<number>;
  v: ArrayLike<number>;
}

function vector(name: string, x: ArrayLike<number>, dim: number): Float64Array {
  if (x === undefined || x === null || typeof x.length !== 'number')
    throw new InputError(`slicePlane: ${name} must be an array of ${dim} numbers`);
  if (x.length !== dim) throw new InputError(`slicePlane: ${name} has ${x.length} numbers, expected inputDim = ${dim}`);
  const out = Float64Array.from(x);
  for (let i = 0; i < dim; i++)
    if (!Number.isFinite(out[i])) throw new InputError(`slicePlane: ${name}[${i}] is not a finite number (${x[i]})`);
  return out;
}

/**
 * Restricts a network to a plane through its input space: returns a network with `inputDim` 2
 * whose first layer is composed with the parametrisation x = origin + s·u + t·v, so that
 * `f_plane(s, t) = f(origin + s·u + t·v)` exactly (up to one rounding per weight). Partition the
 * result with `enumerateRegions` to see the exact regions on the plane. u and v must be linearly
 * independent.
 */
export function slicePlane(mlp: Mlp, plane: Plane): Mlp {
  const dim = mlp.inputDim;
  const o = vector('origin', plane.origin, dim);
  const u = vector('u', plane.u, dim);
  const v = vector('v', plane.v, dim);
  let uu = 0;
  let vv = 0;
  let uv = 0;
  for (let i = 0; i < dim; i++) {
    uu += u[i] * u[i];
    vv += v[i] * v[i];
    uv += u[i] * v[i];
  }
  if (!(uu * vv - uv * uv > 1e-24 * uu * vv) || uu === 0 || vv === 0)
    throw new InputError('slicePlane: u and v must be non-zero and not parallel');
  const first = mlp.layers[0];
  const rows = first.rows;
  const weights = new Float64Array(rows * 2);
  const bias = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let a = 0;
    let b = 0;
    let c = first.bias[r];
    for (let i = 0; i < dim; i++) {
      const w = first.weights[r * dim + i];
      a += w * u[i];
      b += w * v[i];
      c += w * o[i];
    }
    weights[2 * r] = a;
    weights[2 * r + 1] = b;
    bias[r] = c;
  }
  const layer: Layer = { ...first, nIn: 2, weights, bias };
  const out: Mlp = { inputDim: 2, outputDim: mlp.outputDim, layers: [layer, ...mlp.layers.slice(1)] };
  if (mlp.name !== undefined) out.name = `${mlp.name} (plane slice)`;
  out.meta = { ...(mlp.meta ?? {}), slice: { origin: Array.from(o), u: Array.from(u), v: Array.from(v) } };
  return out;
}
