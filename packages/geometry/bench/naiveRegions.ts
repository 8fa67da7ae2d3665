import type { Mlp } from '@tessera/nn-core';

/**
 * A deliberately plain reference enumerator (the in-process "peer" of the benchmark, and a second
 * implementation for tests): points are objects, polygons are arrays, every layer is processed
 * breadth-first over all regions, and each region's maps are composed from scratch. Supports
 * relu, leaky_relu, prelu, abs and linear layers. Returns the activation-region count.
 */
export function naiveRegionCount(mlp: Mlp, box: [number, number, number, number], tol = 1e-12): number {
  type Pt = { x: number; y: number };
  type Region = { poly: Pt[]; h: number[][] };
  const [x0, x1, y0, y1] = box;
  const X = Math.max(Math.abs(x0), Math.abs(x1));
  const Y = Math.max(Math.abs(y0), Math.abs(y1));
  let regions: Region[] = [
    {
      poly: [
        { x: x0, y: y0 },
        { x: x1, y: y0 },
        { x: x1, y: y1 },
        { x: x0, y: y1 },
      ],
      h: [
        [1, 0, 0],
        [0, 1, 0],
      ],
    },
  ];
  const side = (poly: Pt[], f: number[], keep: number): Pt[] => {
    const val = poly.map((p) => f[0] * p.x + f[1] * p.y + f[2]);
    const t = tol * (Math.abs(f[0]) * X + Math.abs(f[1]) * Y + Math.abs(f[2]));
    const sg = val.map((v) => (v > t ? keep : v < -t ? -keep : 0));
    const out: Pt[] = [];
    for (let i = 0; i < poly.length; i++) {
      const j = (i + 1) % poly.length;
      if (sg[i] >= 0) out.push(poly[i]);
      if (sg[i] * sg[j] < 0) {
        const s = val[i] / (val[i] - val[j]);
        out.push({ x: poly[i].x + s * (poly[j].x - poly[i].x), y: poly[i].y + s * (poly[j].y - poly[i].y) });
      }
    }
    return out;
  };
  for (const layer of mlp.layers) {
    const next: Region[] = [];
    for (const region of regions) {
      const z: number[][] = [];
      for (let r = 0; r < layer.rows; r++) {
        const m = [0, 0, layer.bias[r]];
        for (let i = 0; i < layer.nIn; i++) {
          const w = layer.weights[r * layer.nIn + i];
          for (let k = 0; k < 3; k++) m[k] += w * region.h[i][k];
        }
        z.push(m);
      }
      let pieces: Array<{ poly: Pt[]; states: number[] }> = [{ poly: region.poly, states: [] }];
      for (let j = 0; j < layer.units; j++) {
        const split: typeof pieces = [];
        for (const piece of pieces) {
          if (layer.activation === 'linear') {
            split.push({ poly: piece.poly, states: [...piece.states, 1] });
            continue;
          }
          const t = tol * (Math.abs(z[j][0]) * X + Math.abs(z[j][1]) * Y + Math.abs(z[j][2]));
          const vals = piece.poly.map((q) => z[j][0] * q.x + z[j][1] * q.y + z[j][2]);
          const above = vals.some((v) => v > t);
          const below = vals.some((v) => v < -t);
          if (above && below) {
            split.push({ poly: side(piece.poly, z[j], 1), states: [...piece.states, 1] });
            split.push({ poly: side(piece.poly, z[j], -1), states: [...piece.states, 0] });
          } else split.push({ poly: piece.poly, states: [...piece.states, above ? 1 : 0] });
        }
        pieces = split;
      }
      for (const piece of pieces) {
        const h = z.map((m, j) => {
          const s = piece.states[j];
          const f =
            layer.activation === 'relu'
              ? s
              : layer.activation === 'leaky_relu'
                ? s || (layer.alpha as number)
                : layer.activation === 'prelu'
                  ? s || (layer.alphas as Float64Array)[j]
                  : layer.activation === 'abs'
                    ? s
                      ? 1
                      : -1
                    : 1;
          return m.map((v) => f * v);
        });
        next.push({ poly: piece.poly, h });
      }
    }
    regions = next;
  }
  return regions.length;
}
