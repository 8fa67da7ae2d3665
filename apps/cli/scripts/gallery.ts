/**
 * Writes every figure kind of @tessera/render-svg, from real geometry / nn-core output, as SVG and
 * PNG into a folder (default packages/render-svg/gallery/). Run from the repo root:
 *   pnpm --filter @tessera/render-svg gallery
 *   node --conditions=tessera-source --import tsx apps/cli/scripts/gallery.ts OUT_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { circle, paraboloidFunction, paraboloidRegression } from '@tessera/datasets';
import { bounds, enumerateRegions, levelSet, linePieces, reluTowerFixture } from '@tessera/geometry';
import { createMlp, evaluateMlp, fit, type Mlp, toMlp } from '@tessera/nn-core';
import {
  type Box,
  heatmap,
  lineChart,
  linePlot,
  networkDiagram,
  regionMap,
  regionsVsTheory,
  surface3d,
} from '@tessera/render-svg';
import { svgToPng } from '@tessera/render-svg/png';
import { datasetPoints, mlpDiagram, partitionEdges, partitionRegions, sampleFunction, sampleNet } from '../src/figures.js';

const out = resolve(process.argv[2] ?? join(import.meta.dirname, '../../../packages/render-svg/gallery'));
mkdirSync(out, { recursive: true });
const written: string[] = [];
function save(name: string, svg: string): void {
  writeFileSync(join(out, `${name}.svg`), svg);
  const m = /width="([\d.]+)"/.exec(svg);
  writeFileSync(join(out, `${name}.png`), svgToPng(svg, { width: Math.round(Number(m?.[1] ?? 560)), background: '#fff' }));
  written.push(`${name}.svg (${(svg.length / 1024).toFixed(1)} KiB)`);
}

const t0 = performance.now();
const BOX: Box = [-1, 1, -1, 1];
const BOX_M: [number, number, number, number] = [-1, 1, -1, 1];

// 1. A 2-8-8-1 relu net trained on the seed's paraboloid, and its exact partition.
const data = paraboloidRegression({ n: 400, seed: 1 });
// the paraboloid sets live on [-2, 2]²; keep the rows inside [-1, 1]² for a small, readable net
const keep: number[] = [];
for (let i = 0; i < data.n; i++) if (Math.abs(data.x[2 * i] as number) <= 1 && Math.abs(data.x[2 * i + 1] as number) <= 1) keep.push(i);
const x = Float64Array.from(keep.flatMap((i) => [data.x[2 * i] as number, data.x[2 * i + 1] as number]));
const y = Float64Array.from(keep.map((i) => data.y[i] as number));
const net: Mlp = toMlp(createMlp({ arch: '2-8-8-1', activation: 'relu', seed: 3 }));
const history = fit(net, { x, y }, { epochs: 300, batchSize: 32, lr: 0.01, optimizer: 'adam', seed: 1, validation: { x: x.subarray(0, 100), y: y.subarray(0, 50) } });
const p = enumerateRegions(net, { box: BOX_M });
const { regions, neighbors } = partitionRegions(p);
const edges = partitionEdges(p);
const level = levelSet(p, 3.5);
const best = regions.reduce((b, _r, i) => ((p.areas[i] as number) > (p.areas[b] as number) ? i : b), 0);
const arch = '2-8-8-1';
save(
  'region-map-neighbors',
  regionMap(
    { box: BOX, regions, neighbors, edges, polylines: level.lines.map((points, i) => ({ points, kind: 'level' as const, label: i === 0 ? 'f = 3.5' : undefined })), highlight: { region: best } },
    { title: `Activation regions of a trained ${arch} relu net (${p.regionCount})` },
  ),
);
save('region-map-value', regionMap({ box: BOX, regions, neighbors }, { color: 'value', title: 'Coloured by output value', colorLabel: 'f(x)' }));
save('region-map-slope', regionMap({ box: BOX, regions, neighbors }, { color: 'slope', title: 'Coloured by gradient norm' }));
save('region-map-pattern', regionMap({ box: BOX, regions }, { color: 'pattern', title: 'Coloured by activation pattern' }));

// 2. Faceted 3D surface with the target, and a sampled smooth surface.
save('surface-faceted', surface3d({ box: BOX, regions, neighbors, target: sampleFunction(paraboloidFunction, BOX, 21) }, { title: `${arch} relu net vs x₁² + x₂² + 3`, zLabel: 'f' }));
const tower = reluTowerFixture();
const pt = enumerateRegions(tower, { box: [0, 1, 0, 1] });
const tr = partitionRegions(pt);
save('surface-relu-tower', surface3d({ box: [0, 1, 0, 1], ...tr }, { title: `ReLU tower: ${pt.regionCount} activation regions`, azimuth: -50, elevation: 35 }));
const smooth: Mlp = toMlp(createMlp({ arch: '2-6-1', activation: 'tanh', seed: 2 }));
const smoothHistory =
  fit(smooth, { x, y }, { epochs: 600, batchSize: 16, lr: 0.05, optimizer: 'adam', seed: 1 });
console.log(`tanh 2-6-1 final loss ${smoothHistory.finalLoss.toFixed(4)}`);
save('surface-sampled-tanh', surface3d({ box: BOX, grid: sampleNet(smooth, BOX, 41) }, { title: '2-6-1 tanh net (sampled)', projection: 'perspective' }));

// 3. Heatmap + contours with classification points.
const ds = circle({ n: 200, seed: 4 });
const cls: Mlp = toMlp(createMlp({ arch: '2-8-1', activation: 'tanh', seed: 5 }));
fit(cls, { x: ds.x, y: ds.y }, { epochs: 150, batchSize: 32, lr: 0.02, loss: 'bce', optimizer: 'adam', seed: 1 });
const pts = datasetPoints(ds);
save('heatmap', heatmap({ grid: sampleNet(cls, [-2, 2, -2, 2], 81), points: { ...pts, classNames: ['ring', 'disc'] } }, { title: '2-8-1 tanh classifier logit', colorLabel: 'logit' }));

// 4. 1D: the trained net along the diagonal, with its exact breakpoints; a steepness sweep.
const lp = linePieces(net, [-1, -1], [1, 1]);
const ts = Array.from({ length: 201 }, (_, i) => i / 200);
const along = evaluateMlp(net, Float64Array.from(ts.flatMap((t) => [-1 + 2 * t, -1 + 2 * t])), ts.length);
const bx = Array.from(lp.breakpoints);
const by = Array.from(evaluateMlp(net, Float64Array.from(bx.flatMap((t) => [-1 + 2 * t, -1 + 2 * t])), bx.length));
save(
  'line-breakpoints',
  linePlot(
    {
      series: [
        { label: 'net', x: ts, y: Array.from(along) },
        { label: 'target', x: ts, y: ts.map((t) => paraboloidFunction(-1 + 2 * t, -1 + 2 * t)) },
      ],
      breakpoints: { x: bx, y: by },
    },
    { title: `Along the diagonal: ${lp.pieces} exact pieces`, xLabel: 't (x = (−1, −1) + t (2, 2))', yLabel: 'f' },
  ),
);
save(
  'line-steepness',
  linePlot(
    { series: [5, 20, 100, 1000].map((w) => ({ label: `w = ${w}`, x: ts, y: ts.map((t) => 1 / (1 + Math.exp(-w * (t - 0.4)))) })) },
    { title: 'A sigmoid step σ(w(x − 0.4)) as w grows', xLabel: 'x', yLabel: 'σ' },
  ),
);

// 5. Charts: training history; measured regions vs bounds.
const epochs = history.loss.map((_, i) => i + 1);
save(
  'chart-training',
  lineChart({ series: [{ label: 'train loss', x: epochs, y: history.loss }, ...(history.valLoss ? [{ label: 'validation', x: epochs, y: history.valLoss }] : [])] }, { yScale: 'log', title: `Training ${arch} (adam)`, yLabel: 'MSE' }),
);
const N = [1, 2, 3, 4, 5, 6, 7, 8];
const measured: number[] = [];
for (const k of N) {
  const m = toMlp(createMlp({ arch: [2, k, 1], activation: 'relu', seed: 10 + k }));
  measured.push(enumerateRegions(m, { box: [-3, 3, -3, 3] }).regionCount);
}
const zas = N.map((k) => Number(bounds([2, k, 1]).bounds.zaslavsky?.value ?? 1 + k + (k * (k - 1)) / 2));
// a second family (two hidden layers of k units, N = 2k) so the chart shows several measured series
const deepN = [1, 2, 3, 4].map((k) => 2 * k);
const deepCounts = [1, 2, 3, 4].map((k) => enumerateRegions(toMlp(createMlp({ arch: [2, k, k, 1], activation: 'relu', seed: 20 + k })), { box: [-3, 3, -3, 3] }).regionCount);
save(
  'chart-regions-vs-theory',
  regionsVsTheory(
    {
      measured: [
        { label: 'random 2-N-1 in [−3, 3]²', x: N, y: measured },
        { label: 'random 2-k-k-1 (N = 2k)', x: deepN, y: deepCounts },
      ],
      bounds: [{ label: 'Zaslavsky Σ C(N, j), j ≤ 2', x: N, y: zas }, { label: '2^N', x: N, y: N.map((k) => 2 ** k) }] },
    { title: 'Regions of random ReLU nets vs the one-layer bounds' },
  ),
);

// 6. Network diagram of the trained 2-8-8-1 net and of a small one.
save('network-2-8-8-1', networkDiagram(mlpDiagram(net), { title: `Trained ${arch} relu net` }));
save('network-2-8-1', networkDiagram(mlpDiagram(cls), { title: '2-8-1 tanh classifier' }));

console.log(`wrote ${written.length} figures (SVG + PNG) to ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
for (const w of written) console.log(`  ${w}`);
