import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLASS_PALETTE, greedyColoring, regionFills, regionMap } from '../src/index.js';
import { arrangement, clipLine, randomLines } from './arrangement.js';
import { distanceToBoundary, group, groups, hexToRgb, parsePoints, parseSvg, raster } from './svg.js';

const BOX: [number, number, number, number] = [-1, 1, -1, 1];

function fixture(nLines: number, seed: number) {
  const lines = randomLines(nLines, seed);
  const { regions, neighbors } = arrangement(lines, BOX, 3);
  const edges = lines.flatMap((l, i) => {
    const p = clipLine(l, BOX);
    return p ? [{ points: p, layer: i % 3 === 2 ? 2 : 1 }] : [];
  });
  return { lines, regions, neighbors, edges };
}

describe('regionMap(data, options)', () => {
  it('draws one polygon per region and one circle per data point, well-formed', () => {
    const { regions, neighbors, edges } = fixture(7, 11);
    const points = { x: [0.1, -0.3, 0.5, 0.9, -0.8], y: [0.2, 0.4, -0.6, 0.9, -0.1], label: [0, 1, 2, 1, 0] };
    const svg = regionMap(
      { box: BOX, regions, neighbors, edges, points, polylines: [{ points: [-1, 0, 1, 0.3], label: 'f = 0' }], highlight: { region: 2 } },
      { title: 'test' },
    );
    const root = parseSvg(svg);
    expect(root.title).toBe('test');
    expect(String(root.desc)).toContain(`${regions.length} activation regions`);
    expect((group(root, 'regions').polygon as unknown[]).length).toBe(regions.length);
    const [pg] = groups(root, 'points');
    const circles = pg?.circle as Array<Record<string, string>>;
    expect(circles.length).toBe(5);
    // class colours in order
    expect(circles.map((c) => c.fill)).toEqual([0, 1, 2, 1, 0].map((k) => CLASS_PALETTE[k]));
    expect(group(root, 'edges').path).toHaveLength(2); // one path per layer
    expect(svg).toContain('class="highlight"');
    expect(svg).toMatch(/class="formula"[^>]*>f = /);
  });

  it('is deterministic: same input, same bytes', () => {
    const a = fixture(6, 5);
    const b = fixture(6, 5);
    for (const color of ['neighbors', 'value', 'slope', 'pattern'] as const)
      expect(regionMap({ box: BOX, ...a }, { color })).toBe(regionMap({ box: BOX, ...b }, { color }));
  });

  it('gives neighbouring regions different colours (greedy colouring is proper)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const { regions, neighbors } = fixture(n, seed);
        const c = greedyColoring(neighbors);
        for (let i = 0; i < neighbors.length; i++) for (const j of neighbors[i] as number[]) expect(c[i]).not.toBe(c[j]);
        // a planar graph in smallest-last order needs at most 6 colours
        expect(Math.max(...c)).toBeLessThan(6);
        const { fills } = regionFills({ regions, neighbors }, 'neighbors');
        for (let i = 0; i < neighbors.length; i++) for (const j of neighbors[i] as number[]) expect(fills[i]).not.toBe(fills[j]);
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('puts each region at its place: the rasterised pixel at every interior point has that region’s fill', () => {
    const { regions, neighbors, edges } = fixture(9, 2);
    for (const [color, withEdges] of [
      ['neighbors', true],
      ['value', false],
      ['slope', true],
      ['pattern', true],
    ] as const) {
      const svg = regionMap({ box: BOX, regions, neighbors, edges: withEdges ? edges : undefined }, { color, width: 600 });
      const root = parseSvg(svg);
      const clip = (root.defs as { clipPath: { rect: Array<Record<string, string>> } }).clipPath.rect[0] as Record<string, string>;
      const left = Number(clip.x);
      const top = Number(clip.y);
      const w = Number(clip.width);
      const h = Number(clip.height);
      const px = (x: number) => left + ((x - BOX[0]) / (BOX[1] - BOX[0])) * w;
      const py = (y: number) => top + ((BOX[3] - y) / (BOX[3] - BOX[2])) * h;
      const polys = group(root, 'regions').polygon as Array<Record<string, string>>;
      const img = raster(svg);
      const { fills } = regionFills({ regions, neighbors }, color);
      let checked = 0;
      regions.forEach((r, i) => {
        const pts = parsePoints((polys[i] as Record<string, string>).points as string);
        // the polygon's pixel vertices are the data vertices under the plot transform (0.1 px rounding)
        for (let k = 0; k < r.vertices.length; k += 2) {
          expect(Math.abs((pts[k] as number) - px(r.vertices[k] as number))).toBeLessThanOrEqual(0.051);
          expect(Math.abs((pts[k + 1] as number) - py(r.vertices[k + 1] as number))).toBeLessThanOrEqual(0.051);
        }
        const [ix, iy] = r.interior as [number, number];
        const X = px(ix);
        const Y = py(iy);
        if (distanceToBoundary(pts, X, Y) < 3) return; // too thin to sample without edge anti-aliasing
        const got = img.at(X, Y);
        const want = hexToRgb(fills[i] as string);
        expect(got.map((v, c) => Math.abs(v - (want[c] as number))).every((d) => d <= 2)).toBe(true);
        checked++;
      });
      expect(checked).toBeGreaterThan(regions.length / 2);
    }
  });

  it('rejects bad input with a message naming the field', () => {
    const { regions } = fixture(3, 1);
    expect(() => regionMap({ box: [1, -1, 0, 1], regions })).toThrow(/invalid data\.box/);
    expect(() => regionMap({ box: BOX, regions: [{ vertices: [0, 0, 1, 1] }] })).toThrow(/regions\[0\]\.vertices/);
    expect(() => regionMap({ box: BOX, regions }, { color: 'neighbors' })).toThrow(/neighbors/);
    expect(() => regionMap({ box: BOX, regions: [{ vertices: [0, 0, 1, 0, 0, 1] }] }, { color: 'value' })).toThrow(/regions\[0\]/);
    expect(() => regionMap({ box: BOX, regions, points: { x: [1, 2], y: [1] } })).toThrow(/points/);
    expect(() => regionMap({ box: BOX, regions, highlight: { region: 99 } })).toThrow(/highlight\.region/);
  });

  it('rounds coordinates to 0.1 px', () => {
    const { regions, neighbors } = fixture(5, 9);
    const svg = regionMap({ box: BOX, regions, neighbors });
    const polys = group(parseSvg(svg), 'regions').polygon as Array<Record<string, string>>;
    for (const p of polys) for (const v of parsePoints(p.points as string)) expect(Math.abs(v * 10 - Math.round(v * 10))).toBeLessThan(1e-9);
  });
});
