import { describe, expect, it } from 'vitest';
import { heatmap, lineChart, linePlot, networkDiagram, regionMap, regionsVsTheory, surface3d, surfaceProjector } from '../src/index.js';
import { textWidth } from '../src/text.js';
import { arrangement, randomLines } from './arrangement.js';
import { expectTextInside, group, overlappingTexts, parseSvg, type PlacedText, raster } from './svg.js';

const BOX: [number, number, number, number] = [-1, 1, -1, 1];
const { regions, neighbors } = arrangement(randomLines(6, 3), BOX, 3);

function grid(nx: number, f: (x: number, y: number) => number, box = BOX) {
  const values = new Float64Array(nx * nx);
  for (let j = 0; j < nx; j++)
    for (let i = 0; i < nx; i++) values[j * nx + i] = f(box[0] + ((box[1] - box[0]) * i) / (nx - 1), box[2] + ((box[3] - box[2]) * j) / (nx - 1));
  return { box, nx, ny: nx, values };
}

const inLegend = (t: PlacedText) => t.classes.includes('legend');

describe('text metrics', () => {
  it('estimates DejaVu Sans widths within a few percent of what resvg draws', () => {
    for (const [text, fs] of [
      ['decision boundary', 11],
      ['hidden 2 (relu)', 11],
      ['Zaslavsky Σ C(N, j), j ≤ 2', 12],
      ['f = −0.247 x₁ + 1.18 x₂', 12],
    ] as const) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40" font-family="DejaVu Sans"><rect width="400" height="40" fill="#fff"/><text x="10" y="25" font-size="${fs}">${text}</text></svg>`;
      const img = raster(svg);
      let x0 = 400;
      let x1 = 0;
      for (let y = 0; y < 40; y++)
        for (let x = 0; x < 400; x++)
          if (img.at(x, y)[0] < 128) {
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x + 1);
          }
      // the ink is the advance width minus the side bearings of the first and last glyphs
      const est = textWidth(text, fs);
      expect(x1 - x0).toBeLessThanOrEqual(est + 1);
      expect(x1 - x0).toBeGreaterThan(est - fs * 0.35);
    }
  });
});

describe('every label inside the figure, legends without overlaps', () => {
  it('region map: long legend labels at 340 px (decision boundary, colour bar, classes)', () => {
    for (const color of ['value', 'neighbors'] as const) {
      const svg = regionMap(
        {
          box: BOX,
          regions,
          neighbors,
          points: { x: [0, 0.5], y: [0, 0.5], label: [0, 1], classNames: ['below the surface', 'on the surface'] },
          polylines: [
            { points: [-1, 0, 1, 0.2], kind: 'boundary', label: 'decision boundary' },
            { points: [-1, 0.5, 1, 0.4], kind: 'level', label: 'true surface' },
          ],
        },
        { color, title: 'slice x₃ = 4.5 of a trained 3-8-8-1 classifier', width: 340, fontSize: 10, colorLabel: 'logit' },
      );
      const texts = expectTextInside(svg);
      expect(overlappingTexts(texts)).toEqual([]);
      expect(texts.filter(inLegend).map((t) => t.text)).toEqual(expect.arrayContaining(['decision boundary', 'on the surface']));
    }
  });

  it('heatmap: the class legend sits inside the figure and clear of the colour bar', () => {
    for (const width of [340, 520]) {
      const svg = heatmap(
        { grid: grid(21, (x, y) => 40 * x * y), points: { x: [0, 0.5], y: [0, 0.5], label: [0, 1] } },
        { title: 'a tanh classifier', width, colorLabel: 'logit value' },
      );
      const texts = expectTextInside(svg);
      expect(overlappingTexts(texts)).toEqual([]);
      expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining(['class 0', 'class 1']));
    }
  });

  it('charts: long series labels at 420 px do not leave the figure', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const svg = lineChart(
      {
        series: [
          { label: '2-6-1 relu trained with adam, lr 0.01', x, y: [10, 5, 2, 1, 0.5, 0.3] },
          { label: '2-6-1 sigmoid (validation)', x, y: [12, 6, 3, 2, 1, 0.8] },
        ],
      },
      { yScale: 'log', width: 420, title: 'Training loss of two nets on the paraboloid regression set' },
    );
    const texts = expectTextInside(svg);
    expect(overlappingTexts(texts)).toEqual([]);
    const plot = linePlot({ series: [5, 20, 100, 1000].map((w) => ({ label: `w = ${w}`, x, y: x.map((t) => 1 / (1 + Math.exp(-w * (t - 3)))) })) }, { width: 360 });
    expect(overlappingTexts(expectTextInside(plot))).toEqual([]);
  });

  it('regionsVsTheory: every series gets its own colour and legend entry', () => {
    const N = [2, 3, 4, 5, 6];
    const svg = regionsVsTheory(
      {
        measured: [
          { label: 'trained 1 layer', x: N, y: [4, 7, 11, 16, 22] },
          { label: 'trained 2 layers', x: N, y: [3, 6, 9, 12, 15] },
          { label: 'random init', x: N, y: [4, 6, 10, 14, 20] },
        ],
        bounds: [
          { label: 'Zaslavsky', x: N, y: N.map((n) => 1 + n + (n * (n - 1)) / 2) },
          { label: 'Serra et al. upper bound', x: N, y: N.map((n) => 2 ** n) },
        ],
      },
      { width: 520 },
    );
    const root = parseSvg(svg);
    const marks = group(root, 'marks');
    const pointColors = ((marks.g as Array<Record<string, string>>) ?? []).map((g) => g.fill);
    const lineColors = ((marks.path as Array<Record<string, string>>) ?? []).map((p) => p.stroke);
    expect(pointColors).toHaveLength(3);
    expect(lineColors).toHaveLength(2);
    expect(new Set([...pointColors, ...lineColors]).size).toBe(5);
    const texts = expectTextInside(svg);
    expect(texts.filter(inLegend)).toHaveLength(5);
    expect(overlappingTexts(texts)).toEqual([]);
  });

  it('network diagram: layer captions and bias labels fit at 420 px and do not overlap', () => {
    const layer = (rows: number, nIn: number, act: string, seed: number) => ({
      activation: act,
      weights: Array.from({ length: rows * nIn }, (_, i) => Math.sin(seed + i)),
      bias: Array.from({ length: rows }, (_, i) => Math.cos(seed * 3 + i) * 2),
    });
    for (const [width, title] of [
      [420, 'Trained 2-8-8-1 relu net'],
      [420, ''],
      [520, 'Trained 2-8-8-1 relu net'],
      [undefined, ''],
    ] as const) {
      const svg = networkDiagram({ inputDim: 2, layers: [layer(8, 2, 'relu', 1), layer(8, 8, 'relu', 2), layer(1, 8, 'linear', 3)] }, { width, title });
      const texts = expectTextInside(svg);
      expect(overlappingTexts(texts)).toEqual([]);
      expect(texts.filter((t) => t.classes.includes('bias'))).toHaveLength(17);
    }
  });
});

describe('surface3d fits the drawing to the viewport', () => {
  const data = { box: BOX, grid: grid(9, (x, y) => x * x + y * y) };
  for (const [azimuth, elevation] of [
    [-60, 30],
    [20, 60],
    [135, 15],
  ] as const)
    it(`leaves no wide empty margin (azimuth ${azimuth}, elevation ${elevation})`, () => {
      const o = { azimuth, elevation, title: 'a paraboloid', width: 520 };
      const svg = surface3d(data, o);
      const texts = expectTextInside(svg);
      const P = surfaceProjector(data, o);
      // the drawing's extent: the box corners and every label
      let x0 = Number.POSITIVE_INFINITY;
      let x1 = Number.NEGATIVE_INFINITY;
      let y0 = Number.POSITIVE_INFINITY;
      let y1 = Number.NEGATIVE_INFINITY;
      for (const X of [-1, 1])
        for (const Y of [-1, 1])
          for (const Z of [0, 2]) {
            const [sx, sy] = P.toScreen(X, Y, Z);
            x0 = Math.min(x0, sx);
            x1 = Math.max(x1, sx);
            y0 = Math.min(y0, sy);
            y1 = Math.max(y1, sy);
          }
      for (const t of texts.filter((t) => !t.classes.includes('title'))) {
        x0 = Math.min(x0, t.box.x0);
        x1 = Math.max(x1, t.box.x1);
        y0 = Math.min(y0, t.box.y0);
        y1 = Math.max(y1, t.box.y1);
      }
      // binding direction: within 30 px of both sides horizontally; bottom within 30 px
      const pad = 30;
      const title = texts.find((t) => t.classes.includes('title'));
      expect(title).toBeDefined();
      expect(x0).toBeLessThan(pad);
      expect(P.width - x1).toBeLessThan(pad);
      expect(P.height - y1).toBeLessThan(pad);
      expect(y0 - (title?.box.y1 ?? 0)).toBeLessThan(pad);
    });
});
