import { type Dataset, makeDataset, paraboloidFunction, trainTestSplit } from '@tessera/datasets';
import { bounds, enumerateRegions, type Partition } from '@tessera/geometry';
import { type Activation, evaluateLoss, type Mlp } from '@tessera/nn-core';
import { heatmap, lineChart, regionMap, regionsVsTheory, surface3d } from '@tessera/render-svg';
import { trainModel } from '../commands/train.js';
import { partitionEdges, partitionRegions, sampleFunction, sampleNet } from '../figures.js';
import type { DemoContext } from './context.js';
import { type Cell, code, figure, figureRow, num, p, type Section, table } from './html.js';

export const BOX: [number, number, number, number] = [-2, 2, -2, 2];

/** One trained net of the experiment. */
export interface TrainedNet {
  key: string;
  label: string;
  hidden: number[];
  activation: Activation;
  model: Mlp;
  file: string;
  trainMse: number;
  testMse: number;
  lossCurve: number[];
  trainMs: number;
  /** Training MSE of each restart. */
  restarts: number[];
  /** Seed of the kept restart. */
  seed: number;
  parameters: number;
  partition: Partition | null;
}

export interface SetupResult {
  regression: Dataset;
  train: Dataset;
  test: Dataset;
  classification: Dataset;
}

/** Section 1: the datasets of the seed experiment. */
export function setupSection(ctx: DemoContext): { section: Section; data: SetupResult } {
  const regression = makeDataset('paraboloid-regression', { n: 1000, seed: ctx.seed });
  const { train, test } = trainTestSplit(regression, { testFraction: 0.2, seed: ctx.seed });
  const classification = makeDataset('paraboloid', { n: 1000, seed: ctx.seed });
  const counts = classification.meta.counts ?? {};
  const params = classification.meta.params ?? {};
  const pts = { x: new Float64Array(regression.n), y: new Float64Array(regression.n) };
  for (let i = 0; i < regression.n; i++) {
    pts.x[i] = regression.x[2 * i] as number;
    pts.y[i] = regression.x[2 * i + 1] as number;
  }
  const fig = heatmap(
    { grid: sampleFunction(paraboloidFunction, BOX, 81), points: pts },
    { title: 'f(x₁, x₂) = x₁² + x₂² + 3 and the 1000 regression inputs', colorLabel: 'f', width: 560, idPrefix: 'setup-' },
  );
  const file = ctx.writeFigure('01-target-heatmap', fig, true);
  let nOn = 0;
  for (let i = 0; i < classification.n; i++) if ((classification.y[i] as number) > 0.5) nOn++;
  const body = [
    p(
      `The seed's target is ${code('f(x1, x2) = x1² + x2² + 3')} on the box [-2, 2]². Two datasets are drawn from it with ${code(`seed ${ctx.seed}`)} by ${code('@tessera/datasets')}:`,
    ),
    table(
      ['dataset', 'rows', 'inputs', 'target', 'details'],
      [
        ['paraboloid-regression', regression.n, 2, 'y = f(x1, x2)', `uniform in the box; split ${train.n} train / ${test.n} test (seeded)`],
        [
          'paraboloid (on / above / below)',
          classification.n,
          3,
          'label 1 = on the surface, 0 = off',
          `${nOn} on, ${classification.n - nOn} off (${Object.entries(counts)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}); tolerance ${num(params.tolerance as number)}, margin ${num(params.margin as number)}`,
        ],
      ],
    ),
    figure(fig, 'Figure 1. The target surface as a heatmap with isolines (circles: f is radial), and the regression inputs.', file),
  ].join('\n');
  return { section: { id: 'data', title: 'The data', body }, data: { regression, train, test, classification } };
}

const SHALLOW_WIDTHS = [2, 3, 4, 5, 6];

/** One sentence comparing each trained deep ReLU net with the shallow maximum for the same N. */
function deepVsShallow(nets: TrainedNet[]): string {
  const parts = nets
    .filter((n) => n.activation === 'relu' && n.hidden.length > 1 && n.partition)
    .map((n) => {
      const N = n.hidden.reduce((a, c) => a + c, 0);
      const shallow = Number(bounds([2, N, 1]).bounds.zaslavsky?.value ?? Number.NaN);
      const got = (n.partition as Partition).regionCount;
      const oneLayer = nets.find((m) => m.activation === 'relu' && m.hidden.length === 1 && m.hidden[0] === N);
      return `the ${n.label} net has ${got} regions, ${got > shallow ? 'more than' : got === shallow ? 'exactly' : 'fewer than'} the ${shallow} that any one-layer net with ${N} units can have at most${oneLayer?.partition ? ` (the trained 2-${N}-1 has ${oneLayer.partition.regionCount})` : ''}`;
    });
  return parts.length ? `Depth with the same neurons: ${parts.join('; ')}. Depth lets the second layer bend the first layer's lines, so a deep net can exceed the one-layer maximum — but training decides whether it does.` : '';
}
const RESTARTS = [0, 1, 2];

/** Section 2: one-hidden-layer nets (2–6 units, ReLU and sigmoid) and a deeper net, trained; exact regions vs bounds. */
export function shallowSection(ctx: DemoContext, data: SetupResult): { section: Section; nets: TrainedNet[] } {
  const epochs = ctx.quick ? 60 : 600;
  const specs: Array<{ hidden: number[]; activation: Activation }> = [];
  for (const activation of ['relu', 'sigmoid'] as const) for (const h of SHALLOW_WIDTHS) specs.push({ hidden: [h], activation });
  specs.push({ hidden: [3, 3], activation: 'relu' }, { hidden: [2, 2], activation: 'relu' }, { hidden: [3, 3], activation: 'sigmoid' });
  const nets: TrainedNet[] = [];
  for (const s of specs) {
    const arch = `2-${s.hidden.join('-')}-1`;
    // Three seeded restarts; keep the one with the lowest training loss (small ReLU nets can die).
    const runs = RESTARTS.map((k) =>
      trainModel({
        data: data.train,
        hidden: s.hidden,
        activation: s.activation,
        loss: 'mse',
        optimizer: 'adam',
        lr: 0.05,
        epochs,
        batch: 100,
        testSplit: 0,
        seed: ctx.seed + k,
        meta: { box: BOX, demo: 'seed experiment, regression' },
      }),
    );
    const r = runs.reduce((a, b) => (b.finalLoss < a.finalLoss ? b : a));
    const key = `${arch}-${s.activation}`;
    const file = ctx.writeModel(key, r.model);
    const partition = s.activation === 'relu' ? enumerateRegions(r.model, { box: BOX }) : null;
    nets.push({
      key,
      label: `${arch} ${s.activation}`,
      hidden: s.hidden,
      activation: s.activation,
      model: r.model,
      file,
      trainMse: r.finalLoss,
      testMse: evaluateLoss(r.model, data.test, 'mse'),
      lossCurve: r.history.loss,
      trainMs: r.history.trainMs,
      restarts: runs.map((x) => x.finalLoss),
      seed: r.history.seed,
      parameters: r.parameters,
      partition,
    });
  }

  const rows: Cell[][] = nets.map((n) => {
    const b = bounds([2, ...n.hidden, 1]).bounds;
    const zas = b.zaslavsky?.value ?? b.shallowSameN?.value ?? null;
    const serra = b.serra2018Upper?.value ?? null;
    const pow = b.twoPowerN?.value ?? null;
    return [
      { html: `<a href="${n.file}">${n.label}</a>` },
      n.hidden.reduce((a, c) => a + c, 0),
      n.parameters,
      n.trainMse,
      n.testMse,
      n.partition ? n.partition.regionCount : null,
      n.partition ? n.partition.linearRegionCount : null,
      typeof zas === 'string' ? Number(zas) : zas,
      typeof serra === 'string' ? Number(serra) : serra,
      typeof pow === 'string' ? Number(pow) : pow,
      n.restarts.map((v) => num(v, 3)).join(' / '),
      Math.round(n.trainMs),
    ];
  });
  const tableHtml = table(
    ['network', 'N', 'params', 'train MSE', 'test MSE', 'activation regions', 'linear regions', 'Zaslavsky max (1 layer; shallow same N for deeper)', 'Serra 2018 upper', '2^N', 'restarts (train MSE)', 'train ms'],
    rows,
    `Adam, lr 0.05, batch 100, ${epochs} epochs; best of 3 restarts (seeds ${ctx.seed}–${ctx.seed + 2}) by training MSE; regions counted exactly in [-2, 2]² (sigmoid nets have none: “–”). Bounds from ${code('bounds()')} of @tessera/geometry.`.replace(/<code>|<\/code>/g, ''),
  );

  // Figures: region map + faceted surface of the 2-6-1 relu net; regions vs theory; loss curves; sigmoid surface.
  const best = nets.find((n) => n.key === '2-6-1-relu') as TrainedNet;
  const deep = nets.find((n) => n.key === '2-3-3-1-relu') as TrainedNet;
  const figs: string[] = [];
  for (const n of [best, deep]) {
    const part = n.partition as Partition;
    const { regions, neighbors } = partitionRegions(part);
    const map = regionMap(
      { box: BOX, regions, neighbors, edges: partitionEdges(part) },
      { color: 'value', title: `${n.label}: ${part.regionCount} regions`, colorLabel: 'net output', width: 460, idPrefix: `map-${n.key}-` },
    );
    const f1 = ctx.writeFigure(`02-regions-${n.key}`, map, true);
    figs.push(figure(map, `Exact activation regions of the trained ${n.label} net, coloured by its output; edges by layer (grey: layer 1, red: bent lines of layer 2).`, f1));
  }
  const bestPart = best.partition as Partition;
  const surf = surface3d(
    { box: BOX, ...partitionRegions(bestPart), target: sampleFunction(paraboloidFunction, BOX, 25) },
    { title: `${best.label}: one flat facet per region, target f in orange`, width: 620, idPrefix: 'surf-relu6-' },
  );
  const fSurf = ctx.writeFigure('03-surface-2-6-1-relu', surf, true);
  const sig = nets.find((n) => n.key === '2-6-1-sigmoid') as TrainedNet;
  const sigSurf = surface3d(
    { box: BOX, grid: sampleNet(sig.model, BOX, 33), target: sampleFunction(paraboloidFunction, BOX, 25) },
    { title: `${sig.label}: smooth, no flat facets`, width: 620, idPrefix: 'surf-sig6-' },
  );
  const fSig = ctx.writeFigure('03-surface-2-6-1-sigmoid', sigSurf, true);

  const relu1 = nets.filter((n) => n.activation === 'relu' && n.hidden.length === 1);
  const Ns = relu1.map((n) => n.hidden[0] as number);
  const zasCurve = Ns.map((N) => Number(bounds([2, N, 1]).bounds.zaslavsky?.value ?? Number.NaN));
  const twoN = Ns.map((N) => 2 ** N);
  const rvt = regionsVsTheory(
    {
      measured: [
        { label: 'trained 1 hidden layer', x: Ns, y: relu1.map((n) => (n.partition as Partition).regionCount) },
        {
          label: 'trained 2 hidden layers',
          x: nets.filter((n) => n.activation === 'relu' && n.hidden.length === 2).map((n) => n.hidden[0]! + n.hidden[1]!),
          y: nets.filter((n) => n.activation === 'relu' && n.hidden.length === 2).map((n) => (n.partition as Partition).regionCount),
        },
      ],
      bounds: [
        { label: 'Zaslavsky max (1 layer)', x: Ns, y: zasCurve },
        { label: '2^N', x: Ns, y: twoN },
      ],
    },
    { title: 'Regions of trained ReLU nets vs the bounds', width: 520, idPrefix: 'rvt-' },
  );
  const fRvt = ctx.writeFigure('04-regions-vs-theory', rvt, true);
  const curves = nets
    .filter((n) => n.hidden.length === 1 && (n.hidden[0] === 2 || n.hidden[0] === 6))
    .map((n) => ({ label: n.label, x: n.lossCurve.map((_, i) => i + 1), y: n.lossCurve }));
  const loss = lineChart({ series: curves }, { title: 'Training loss (MSE)', yScale: 'log', width: 520, idPrefix: 'loss-' });
  const fLoss = ctx.writeFigure('05-loss-curves', loss, true);

  const relu6 = best.partition as Partition;
  const body = [
    p(
      `Each net below was trained by ${code('trainModel')} (nn-core's ${code('fit')}) on the ${data.train.n} training rows, then its exact linear regions in the box were enumerated by ${code('enumerateRegions')} and compared with the bounds. The deeper nets have the same number of hidden neurons as a one-layer net (2-3-3-1 vs 2-6-1, 2-2-2-1 vs 2-4-1).`,
    ),
    tableHtml,
    p(
      `A one-hidden-layer ReLU net with N units can have at most Zaslavsky's Σ<sub>j≤2</sub> C(N, j) regions in the plane (lines in general position); the trained 2-6-1 net has ${relu6.regionCount} in the box (${relu6.linearRegionCount} linear regions). Trained nets stay well below the maxima: training places lines where the data needs curvature, not where they maximise crossings, and some lines miss the box or die.`,
    ),
    p(deepVsShallow(nets)),
    figureRow(figs),
    figureRow([
      figure(surf, 'Figure: the trained ReLU net is a faceted surface — each activation region is one planar facet; the orange mesh is the target.', fSurf),
      figure(sigSurf, 'Figure: the sigmoid net of the same size is smooth (drawn on a 33 × 33 grid).', fSig),
    ]),
    figureRow([figure(rvt, 'Measured region counts against the one-layer maximum and 2^N (log scale).', fRvt), figure(loss, 'Training loss of the 2- and 6-unit nets.', fLoss)]),
  ].join('\n');
  return { section: { id: 'trained', title: 'Trained nets: exact regions vs the bounds', body }, nets };
}
