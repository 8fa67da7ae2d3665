import { describe, expect, it } from 'vitest';
import { surface3d, surfaceDrawOrder, surfaceProjector, type SurfaceData, type SurfaceOptions } from '../src/index.js';
import type { Region2D } from '../src/types.js';
import { arrangement, randomLines } from './arrangement.js';
import { count, distanceToBoundary, group, groups, hexToRgb, inPolygon, parsePoints, parseSvg, raster } from './svg.js';

const BOX: [number, number, number, number] = [-1, 1, -1, 1];

/**
 * Independent oracle: cast the viewing ray through screen point (X, Y) and return the region it
 * hits first. For each facet, solve toScreen(x, y, f(x, y)) = (X, Y) by Newton's method on the
 * facet's plane, keep solutions inside the region, and pick the one nearest the camera.
 */
function firstHit(regions: readonly Region2D[], P: ReturnType<typeof surfaceProjector>, X: number, Y: number): { region: number; margin: number } | null {
  let best = -1;
  let bestNear = Number.NEGATIVE_INFINITY;
  let margin = Number.POSITIVE_INFINITY;
  regions.forEach((r, i) => {
    const a0 = r.affine?.a[0] as number;
    const a1 = r.affine?.a[1] as number;
    const c = r.affine?.c as number;
    const f = (x: number, y: number) => a0 * x + a1 * y + c;
    let x = 0;
    let y = 0;
    for (let it = 0; it < 30; it++) {
      const [sx, sy] = P.toScreen(x, y, f(x, y));
      const h = 1e-6;
      const [sx1, sy1] = P.toScreen(x + h, y, f(x + h, y));
      const [sx2, sy2] = P.toScreen(x, y + h, f(x, y + h));
      const j11 = (sx1 - sx) / h;
      const j21 = (sy1 - sy) / h;
      const j12 = (sx2 - sx) / h;
      const j22 = (sy2 - sy) / h;
      const det = j11 * j22 - j12 * j21;
      if (Math.abs(det) < 1e-12) return;
      const ex = X - sx;
      const ey = Y - sy;
      x += (j22 * ex - j12 * ey) / det;
      y += (-j21 * ex + j11 * ey) / det;
    }
    const [sx, sy] = P.toScreen(x, y, f(x, y));
    if (Math.hypot(sx - X, sy - Y) > 1e-6) return;
    const d = distanceToBoundary(r.vertices, x, y);
    if (!inPolygon(r.vertices, x, y)) return;
    const near = P.nearness(x, y, f(x, y));
    if (near > bestNear) {
      bestNear = near;
      best = i;
    }
    margin = Math.min(margin, d);
  });
  return best < 0 ? null : { region: best, margin };
}

function scene(seed: number, n = 7): SurfaceData & { regions: Region2D[] } {
  // strong output weights so facets are steep and occlude each other
  const lines = randomLines(n, seed).map((l) => ({ ...l, v: l.v * 4 }));
  const { regions, neighbors } = arrangement(lines, BOX, 0);
  return { box: BOX, regions, neighbors };
}

describe('surface3d(data, options)', () => {
  it('draws one polygon per facet, well-formed, deterministic', () => {
    const d = scene(1);
    const svg = surface3d(d, { title: 'facets' });
    expect(svg).toBe(surface3d(scene(1), { title: 'facets' }));
    const root = parseSvg(svg);
    expect(root.title).toBe('facets');
    expect(String(root.desc)).toContain(`${d.regions.length} planar facets`);
    expect((group(root, 'facets').polygon as unknown[]).length).toBe(d.regions.length);
    expect(count(groups(root, 'axes')[0], 'text')).toBeGreaterThan(8);
  });

  it('draws one quad per grid cell for sampled surfaces, and a translucent target', () => {
    const nx = 9;
    const values = Float64Array.from({ length: nx * nx }, (_, k) => ((k % nx) / 8) ** 2 + (Math.floor(k / nx) / 8) ** 2);
    const grid = { box: BOX, nx, ny: nx, values };
    expect((group(parseSvg(surface3d({ box: BOX, grid })), 'facets').polygon as unknown[]).length).toBe(64);
    // with a target covering the box, facets are cut at the target's cells and merged with its quads
    const root = parseSvg(surface3d({ box: BOX, grid, target: { box: BOX, nx: 5, ny: 4, values: new Float64Array(20) } }));
    const polys = group(root, 'facets').polygon as Array<Record<string, string>>;
    expect(polys.filter((p) => p.class === 'target')).toHaveLength(12);
    expect(polys.filter((p) => p.class !== 'target').length).toBeGreaterThanOrEqual(64);
    // a target outside the box is an overlay
    const over = parseSvg(surface3d({ box: BOX, grid, target: { box: [0, 1, 0, 1], nx: 5, ny: 4, values: new Float64Array(20) } }));
    expect((group(over, 'target').polygon as unknown[]).length).toBe(12);
  });

  it('depth-merges the target: hidden where it runs below the facets, tinting them where it runs above', () => {
    const flat: Region2D[] = [{ vertices: [-1, -1, 1, -1, 1, 1, -1, 1], affine: { a: [0, 0], c: 1 } }];
    const at = (z: number) => ({ box: BOX, nx: 4, ny: 4, values: new Float64Array(16).fill(z) });
    const o: SurfaceOptions = { azimuth: -60, elevation: 60, zDomain: [0, 2], edges: false, width: 300 };
    const pixel = (z: number) => {
      const d = { box: BOX, regions: flat, target: at(z) };
      const svg = surface3d(d, o);
      const fill = (group(parseSvg(svg), 'facets').polygon as Array<Record<string, string>>).find((p) => p.class !== 'target')?.fill as string;
      const [X, Y] = surfaceProjector(d, o).toScreen(0, 0, 1);
      const got = raster(svg).at(X, Y);
      return Math.max(...got.map((v, c) => Math.abs(v - (hexToRgb(fill)[c] as number))));
    };
    expect(pixel(0.8)).toBeLessThanOrEqual(2); // target below: the facet covers it
    expect(pixel(1.2)).toBeGreaterThan(8); // target above: translucent orange over the facet
  });

  for (const opts of [
    { azimuth: -60, elevation: 30, verticalScale: 2 },
    { azimuth: 20, elevation: 15, verticalScale: 1.5 },
    { azimuth: -60, elevation: 30, projection: 'perspective', distance: 3, verticalScale: 2 },
    { azimuth: 20, elevation: 15, projection: 'perspective', distance: 2.5, verticalScale: 1.5 },
  ] as SurfaceOptions[]) {
    it(`paints back to front: the last polygon under a pixel is the facet the viewing ray hits first (${JSON.stringify(opts)})`, () => {
      for (const seed of [3, 8]) {
        const d = scene(seed);
        const svg = surface3d(d, opts);
        const P = surfaceProjector(d, opts);
        const order = surfaceDrawOrder(d, opts);
        const polys = (group(parseSvg(svg), 'facets').polygon as Array<Record<string, string>>).map((p) => parsePoints(p.points as string));
        let overlaps = 0;
        for (let Y = 20; Y < P.height; Y += 7)
          for (let X = 20; X < P.width; X += 7) {
            let top = -1;
            let layers = 0;
            let edge = Number.POSITIVE_INFINITY;
            polys.forEach((p, t) => {
              if (inPolygon(p, X, Y)) {
                top = t;
                layers++;
              }
              edge = Math.min(edge, distanceToBoundary(p, X, Y));
            });
            if (top < 0 || edge < 0.5) continue;
            const hit = firstHit(d.regions, P, X, Y);
            if (!hit || hit.margin < 1e-3) continue;
            if (layers > 1) overlaps++;
            expect(order[top]).toBe(hit.region);
          }
        expect(overlaps).toBeGreaterThan(20); // the scene really has occlusion
      }
    });
  }

  it('rasterised: where two facets overlap on screen, the pixel has the nearer facet’s colour', () => {
    const d = scene(3);
    const opts: SurfaceOptions = { azimuth: -60, elevation: 25, edges: false, verticalScale: 2 };
    const svg = surface3d(d, opts);
    const P = surfaceProjector(d, opts);
    const order = surfaceDrawOrder(d, opts);
    const polys = (group(parseSvg(svg), 'facets').polygon as Array<Record<string, string>>).map((p) => ({ pts: parsePoints(p.points as string), fill: p.fill as string }));
    const img = raster(svg);
    let checked = 0;
    for (let Y = 20; Y < P.height; Y += 5)
      for (let X = 20; X < P.width; X += 5) {
        const under = polys.map((p, t) => ({ ...p, t })).filter((p) => inPolygon(p.pts, X + 0.5, Y + 0.5));
        if (under.length < 2 || under.some((p) => distanceToBoundary(p.pts, X + 0.5, Y + 0.5) < 2)) continue;
        const hit = firstHit(d.regions, P, X + 0.5, Y + 0.5);
        if (!hit) continue;
        const near = polys[order.indexOf(hit.region)] as { fill: string };
        const got = img.at(X, Y);
        const want = hexToRgb(near.fill);
        expect(got.map((v, c) => Math.abs(v - (want[c] as number))).every((x) => x <= 2)).toBe(true);
        checked++;
      }
    expect(checked).toBeGreaterThan(20);
  });

  it('sorting by centroid depth would be wrong here: a tall far facet and a low near one', () => {
    // Camera on the -x side. Near facet A: flat z = 3 on [-1, 0]×[-1, 1]. Far facet B on [0, 1]×[-1, 1]:
    // z = 2 + 8x, which starts below A's far edge (so A hides B's lowest strip) and rises high, so
    // B's 3D centroid is nearer the camera than A's. A naive centroid-depth sort paints B last.
    const regions: Region2D[] = [
      { vertices: [-1, -1, 0, -1, 0, 1, -1, 1], affine: { a: [0, 0], c: 3 } },
      { vertices: [0, -1, 1, -1, 1, 1, 0, 1], affine: { a: [8, 0], c: 2 } },
    ];
    const opts: SurfaceOptions = { azimuth: 180, elevation: 35, verticalScale: 2, edges: false };
    for (const data of [{ box: BOX, regions, neighbors: [[1], [0]] }, { box: BOX, regions }]) {
      const P = surfaceProjector(data, opts);
      expect(P.nearness(0.5, 0, 6)).toBeGreaterThan(P.nearness(-0.5, 0, 3)); // naive: B in front
      expect([...surfaceDrawOrder(data, opts)]).toEqual([1, 0]); // ours: A last
      const svg = surface3d(data, opts);
      const polys = (group(parseSvg(svg), 'facets').polygon as Array<Record<string, string>>).map((p) => ({ pts: parsePoints(p.points as string), fill: p.fill as string }));
      const img = raster(svg);
      let checked = 0;
      for (let Y = 0; Y < P.height; Y += 1)
        for (let X = 0; X < P.width; X += 3) {
          const x = X + 0.5;
          const y = Y + 0.5;
          if (!polys.every((p) => inPolygon(p.pts, x, y) && distanceToBoundary(p.pts, x, y) > 1.5)) continue;
          const hit = firstHit(regions, P, x, y);
          expect(hit?.region).toBe(0); // the ray meets A first
          const want = hexToRgb((polys[1] as { fill: string }).fill); // A is drawn second
          expect(img.at(X, Y).map((v, c) => Math.abs(v - (want[c] as number))).every((d) => d <= 2)).toBe(true);
          checked++;
        }
      expect(checked).toBeGreaterThan(10);
    }
  });

  it('rejects bad input naming the field', () => {
    expect(() => surface3d({ box: BOX })).toThrow(/regions .* or a sampled grid/);
    expect(() => surface3d({ box: BOX, regions: [{ vertices: [0, 0, 1, 0, 0, 1] }] })).toThrow(/regions\[0\].*affine/);
    expect(() => surface3d({ box: BOX, grid: { box: BOX, nx: 3, ny: 3, values: [1, 2] } })).toThrow(/data\.grid\.values/);
    expect(() => surface3d({ box: BOX, grid: { box: BOX, nx: 2, ny: 2, values: [1, 2, Number.NaN, 3] } })).toThrow(/values\[2\]/);
    expect(() => surface3d({ box: BOX, grid: { box: BOX, nx: 2, ny: 2, values: [1, 2, 2, 3] } }, { color: 'nope' })).toThrow(/invalid color/);
  });
});
