import { paraboloidFunction } from '@tessera/datasets';
import {
  answerMustWeightsBeZero,
  answerOneHiddenLayer,
  answerSmoothVsDiscrete,
  approximateWithTowers,
  boxTowerNet,
  bumpNet,
  enumerateRegions,
  linePieces,
  ngonApproximationTable,
  ngonTable,
  ngonTowerNet,
  type Partition,
  ridgeDecomposition,
  steepnessSweep,
  towerErrorTable,
  towerGridForBudget,
  towerLikeness,
} from '@tessera/geometry';
import { evaluateMlp, type Mlp } from '@tessera/nn-core';
import { heatmap, lineChart, linePlot, regionMap, surface3d } from '@tessera/render-svg';
import { partitionEdges, partitionRegions, sampleFunction, sampleNet } from '../figures.js';
import type { DemoContext } from './context.js';
import { type Cell, code, figure, figureRow, num, p, type Section, table } from './html.js';
import { BOX, type TrainedNet } from './shallow.js';

const F = paraboloidFunction;
const answer = (html: string): string => `<div class="answer">${html}</div>`;

/** Section: Nielsen's towers (two hidden layers) and one-hidden-layer tower nets approximating f, with errors. */
export function towersSection(ctx: DemoContext): { section: Section; best: { neurons: number; supError: number } } {
  const grids = ctx.quick ? [2, 4] : [2, 3, 4, 6, 8, 12];
  const families = [
    { short: 'ReLU 2L pyramids', label: 'ReLU, 2 hidden layers, pyramids (P1 interpolant)', opts: { kind: 'relu' as const, hiddenLayers: 2 as const, shape: 'pyramid' as const } },
    { short: 'ReLU 2L boxes', label: 'ReLU, 2 hidden layers, Nielsen boxes', opts: { kind: 'relu' as const, hiddenLayers: 2 as const, shape: 'box' as const } },
    { short: 'sigmoid 2L boxes', label: 'sigmoid, 2 hidden layers, Nielsen boxes', opts: { kind: 'sigmoid' as const, hiddenLayers: 2 as const } },
    { short: 'ReLU 1L bumps', label: 'ReLU, 1 hidden layer (x-bumps + y-bumps)', opts: { kind: 'relu' as const, hiddenLayers: 1 as const } },
    { short: 'sigmoid 1L bumps', label: 'sigmoid, 1 hidden layer (x-bumps + y-bumps)', opts: { kind: 'sigmoid' as const, hiddenLayers: 1 as const } },
  ];
  const tables = families.map((fam) => ({
    ...fam,
    rows: towerErrorTable(F, BOX, { ...fam.opts, grids, curvatureBound: 2, gridResolution: ctx.quick ? 101 : 201 }),
  }));
  const rows: Cell[][] = [];
  for (const t of tables)
    for (const r of t.rows) rows.push([t.label, r.grid, r.neurons, r.parameters, r.supError, r.supErrorKind, r.rmse, r.rateInNeurons]);
  const chart = lineChart(
    { series: tables.map((t) => ({ label: t.short, x: t.rows.map((r) => r.neurons), y: t.rows.map((r) => r.supError) })) },
    { title: 'Sup error vs hidden neurons (log–log)', xLabel: 'hidden neurons', yLabel: 'max |net − f|', xScale: 'log', yScale: 'log', width: 620, idPrefix: 'tower-err-' },
  );
  const fChart = ctx.writeFigure('06-tower-error-vs-neurons', chart, true);

  // One Nielsen tower (sigmoid, h = 10, b = −15 as in the book) and the ReLU box-tower approximation of f.
  const nielsen = boxTowerNet([0.4, 0.6, 0.3, 0.7], { kind: 'sigmoid', gain: 10 });
  ctx.writeModel('nielsen-tower', nielsen);
  const nielsenFig = surface3d(
    { box: [0, 1, 0, 1], grid: sampleNet(nielsen, [0, 1, 0, 1], 61) },
    { title: "Nielsen's tower: x-bump + y-bump, bias −3h/2", width: 460, idPrefix: 'nielsen-' },
  );
  const fNielsen = ctx.writeFigure('07-nielsen-tower', nielsenFig, true);
  const approx = approximateWithTowers(F, BOX, { kind: 'relu', hiddenLayers: 2, shape: 'box', grid: 6, steepness: 20, curvatureBound: 2 });
  ctx.writeModel('relu-box-towers-6x6', approx.mlp);
  const part = enumerateRegions(approx.mlp, { box: BOX });
  const approxFig = surface3d(
    { box: BOX, ...partitionRegions(part), target: sampleFunction(F, BOX, 25) },
    { title: `ReLU box towers, 6 × 6 grid: ${approx.neurons} neurons, ${part.regionCount} regions`, width: 460, idPrefix: 'boxtowers-' },
  );
  const fApprox = ctx.writeFigure('08-relu-box-towers', approxFig, true);
  const pyr = tables[0]!.rows;
  const last = pyr[pyr.length - 1]!;
  const body = [
    p(
      `${code('approximateWithTowers')} builds real networks from towers on a k × k grid over [-2, 2]² and measures max |net − f| — for ReLU nets an upper bound certified from the curvature bound ‖∇²f‖ ≤ 2 (exact regions, then the error on each piece), for sigmoid nets a fine-grid estimate — and the RMS error. Two hidden layers give localised towers (Nielsen); one hidden layer can only add ridge functions, here x-bumps plus y-bumps. One-hidden-layer <em>n-gon</em> towers are summed into a landscape in Question 2: without a threshold unit each carries skirts that decay only like 1/ρ and accumulate (theory §3.4), so Nielsen's hand-built heights fail there and only least-squares output weights make them work; the one-layer rows here use the ridge structure that f = x₁² + x₂² + 3 happens to have.`,
    ),
    table(['construction', 'k', 'neurons', 'parameters', 'sup error', 'kind', 'RMSE', 'rate in N'], rows, 'rate in N: log(e_prev / e) / log(N / N_prev); a P1 interpolant on a grid of spacing 4/k has error ∝ 1/k² ∝ 1/N, so the rate tends to 1 for the 2-layer nets (N ∝ k²) and 2 for the separable 1-layer nets (N ∝ k).'),
    p(
      `Why the Nielsen-box rows stay at a sup error near 11 = max f: their first steps sit exactly on the box edge (x = −2, x = 2), so on the edge itself the towers are only half built (sigmoid) or not yet up (ReLU ramps start there) and the net is far below f on that line. The RMSE, which measures the whole box, falls like the pyramids'. A construction with steps half a cell outside the box would not have this edge effect.`,
    ),
    figure(chart, 'Error against neurons for every construction (log–log).', fChart),
    figureRow([
      figure(nielsenFig, "Nielsen's tower in two hidden layers (sigmoid, w = 1000, h = 10, b = −15): tower ≈ σ(5), plateau ≈ σ(−5), outside ≈ σ(−15).", fNielsen),
      figure(approxFig, 'Flat-topped ReLU towers approximating f (ramps of width 1/20), target in orange: a staircase, not a smooth bowl.', fApprox),
    ]),
    p(
      `For this particular f the most economical net is not a tower net at all: f is separable (a function of x₁ plus a function of x₂), so one hidden layer of ReLUs represents its piecewise-linear interpolant exactly along each axis (theory §4.3); the last row of the 1-layer ReLU family above shows it. The best 2-layer construction in the table reaches ${num(last.supError)} with ${last.neurons} neurons.`,
    ),
  ].join('\n');
  return { section: { id: 'towers', title: "Nielsen's towers as real networks", body }, best: { neurons: last.neurons, supError: last.supError } };
}

/** Question 1: smooth or discrete? The steepness sweep. */
export function smoothSection(ctx: DemoContext): Section {
  const rows = steepnessSweep({ resolution: ctx.quick ? 61 : 151 });
  const a = answerSmoothVsDiscrete();
  const xs = Array.from({ length: 401 }, (_, i) => -2.5 + (5 * i) / 400);
  const series = [1, 3, 10, 30, 100].map((w) => {
    const net = bumpNet(-1, 1, { steepness: w });
    const y = evaluateMlp(net, Float64Array.from(xs), xs.length);
    return { label: `w = ${w}`, x: xs, y: Array.from(y) };
  });
  const fig = linePlot({ series }, { title: 'A bump of two sigmoid steps at ±1, for growing w', xLabel: 'x', yLabel: 'bump', width: 560, idPrefix: 'sweep-' });
  const file = ctx.writeFigure('09-steepness-sweep', fig, true);
  const body = [
    answer(`<p><strong>Answer.</strong> ${a.answer}</p>`),
    table(
      ['w', '5–95 % band 2 ln19/w', 'band measured', 'bump: sup gap outside bands', 'bump L1 gap', 'theory 4 ln2/w', 'tower: sup gap outside bands', 'tower net for f: gap to ideal', 'neurons', 'sup error', 'RMSE', `neurons, ${rows[0]?.copies ?? 4} copies`, `sup error, ${rows[0]?.copies ?? 4} copies`, `RMSE, ${rows[0]?.copies ?? 4} copies`],
      rows.map((r) => [r.steepness, r.bandWidth, r.bandWidthMeasured, r.bumpSupOutsideBands, r.bumpL1Gap, r.bumpL1GapTheory, r.towerSupOutsideBands, r.approxGapOutsideBands, r.approxNeurons, r.approxSupError, r.approxRmse, r.approxNeuronsCopies, r.approxSupErrorCopies, r.approxRmseCopies]),
      `From ${code('steepnessSweep()')}: a sigmoid step is never a step; it has a transition band of width 2 ln 19 / w, which shrinks like 1/w. Outside the bands the gap to the ideal piecewise-constant shape vanishes quickly, but the sup error of one tower grid stays large — it is made in the failure windows, where four cells meet and no tower reaches its threshold. Nielsen's remedy, M shifted copies of the grid each carrying f/M, puts every point in the window of at most one copy and divides that error by about M, at M times the neurons (sup errors are fine-grid estimates).`.replace(/<code>|<\/code>/g, ''),
    ),
    figure(fig, 'Cross-sections of one bump for w = 1 … 100: smooth at every finite w, a box only in the limit.', file),
  ].join('\n');
  return { id: 'q1', title: 'Question 1: smooth or discrete?', body };
}

/** Question 2: one hidden layer in 3D — n-gon towers, terraces, the disc; one vs two hidden layers. */
export function oneLayerSection(ctx: DemoContext): Section {
  const ns = [4, 8, 16, 32, 64];
  const table1 = ngonTable(ns, { angles: ctx.quick ? 720 : 3600 });
  // Terraces: the unthresholded ReLU n-gon sum along the ray through an edge midpoint, exactly (linePieces).
  const terraces = ns.map((n) => {
    const net = ngonTowerNet({ n, r: 1, kind: 'relu', steepness: 1000, theta0: 0 });
    const lp = linePieces(net, [0, 0], [6, 0]);
    const flats: string[] = [];
    for (let k = 0; k < lp.linearPieces; k++) {
      if (Math.abs(lp.linearSlopes[k] as number) < 1e-9) {
        const v = lp.linearOffsets[k] as number;
        if (flats.length === 0 || flats[flats.length - 1] !== num(v, 4)) flats.push(num(v, 4));
      }
    }
    return { n, flats };
  });
  const a = answerOneHiddenLayer(16);
  // One vs two hidden layers with the same neuron budget.
  const budgets = ctx.quick ? [2, 4] : [2, 4, 6, 8];
  const cmp: Cell[][] = [];
  for (const k2 of budgets) {
    const two = approximateWithTowers(F, BOX, { kind: 'relu', hiddenLayers: 2, shape: 'box', grid: k2, curvatureBound: 2 });
    const k1 = towerGridForBudget(two.neurons, { kind: 'relu', hiddenLayers: 1 });
    const one = k1 === null ? null : approximateWithTowers(F, BOX, { kind: 'relu', hiddenLayers: 1, grid: k1, curvatureBound: 2 });
    const twoS = approximateWithTowers(F, BOX, { kind: 'sigmoid', hiddenLayers: 2, grid: k2, gridResolution: 201 });
    const k1s = towerGridForBudget(twoS.neurons, { kind: 'sigmoid', hiddenLayers: 1 });
    const oneS = k1s === null ? null : approximateWithTowers(F, BOX, { kind: 'sigmoid', hiddenLayers: 1, grid: k1s, gridResolution: 201 });
    cmp.push(['ReLU', two.neurons, two.supError, two.rmse, one ? one.neurons : null, one ? one.supError : null, one ? one.rmse : null]);
    cmp.push(['sigmoid', twoS.neurons, twoS.supError, twoS.rmse, oneS ? oneS.neurons : null, oneS ? oneS.supError : null, oneS ? oneS.rmse : null]);
  }
  const ngon = ngonLandscape(ctx);
  const skirt8 = ngonTowerNet({ n: 8, r: 1, kind: 'sigmoid', steepness: 30 });
  const hm = heatmap(
    { grid: sampleNet(skirt8, [-4, 4, -4, 4], 121) },
    { title: '8 sigmoid steps facing the centre, summed (no threshold)', colorLabel: 'Σ steps', isolines: [1, 2, 3, 4, 5, 6, 7, 7.5], width: 460, idPrefix: 'skirt8-' },
  );
  const fHm = ctx.writeFigure('11-ngon-skirts', hm, true);
  const thr = ngonTowerNet({ n: 8, r: 1, kind: 'relu', threshold: 'relu', steepness: 20 });
  ctx.writeModel('ngon-8-relu-threshold', thr);
  const thrPart = enumerateRegions(thr, { box: [-2, 2, -2, 2] });
  const thrFig = surface3d(
    { box: [-2, 2, -2, 2], ...partitionRegions(thrPart) },
    { title: `…cut by a threshold unit: an 8-gon tower (${thrPart.regionCount} regions)`, width: 460, idPrefix: 'ngon8-' },
  );
  const fThr = ctx.writeFigure('12-ngon-tower', thrFig, true);
  const body = [
    answer(`<p><strong>Answer.</strong> ${a.answer}</p>`),
    p(
      `Steps in n evenly spaced directions around a centre (weights ${code('W₁[k] = −w u_k')}, all non-zero) sum to the value n on the regular n-gon and fall off in terraces outside it; the terraces are the "skirts" that one hidden layer cannot remove. Table: the terrace values met along the ray through an edge midpoint (exact, from ${code('linePieces')} on the ReLU version), and the n-gon's gap to the disc.`,
    ),
    table(
      ['n', 'terraces along an edge-midpoint ray (units of h)', 'area ratio n-gon / disc', 'theory (n/π) tan(π/n)', 'Hausdorff gap', 'theory sec(π/n) − 1', 'skirt at ρ = 2r / (nh)', 'far field / (nh)'],
      table1.map((r, i) => [
        r.n,
        (terraces[i] as { flats: string[] }).flats.join(', '),
        r.areaRatio,
        r.areaRatioTheory,
        r.hausdorff,
        r.hausdorffTheory,
        r.skirt.find((s) => s.rho === 2)?.measured ?? null,
        r.farField,
      ]),
      'Area and Hausdorff gap measured on the exact plateau polygon of the thresholded net; skirts measured by evaluating the unthresholded sigmoid net on a ring (theory: n h (1 − arccos(r/ρ)/π) → nh/2).',
    ),
    figureRow([
      figure(hm, 'The "tower with skirts": plateau 8 on the octagon, terraces 7, 5, … outside, and a far field near 4 = n/2 that never goes away.', fHm),
      figure(thrFig, 'A threshold unit (second layer) or a sigmoid output with threshold n − ½ cuts the skirts: the n-gon tower.', fThr),
    ]),
    p('<strong>One vs two hidden layers, same number of neurons</strong> (ReLU: certified sup error; sigmoid: grid estimate):'),
    table(['units', '2 layers: neurons', 'sup error', 'RMSE', '1 layer: neurons (≤ budget)', 'sup error', 'RMSE'], cmp),
    p(
      'For this separable f the one-layer nets win at equal size, because f needs no localisation. The two-layer towers are the general-purpose construction (any f, Nielsen\'s proof); one layer needs either a separable/ridge structure or many directions and a threshold per tower.',
    ),
    ngon.body,
  ].join('\n');
  return { id: 'q2', title: 'Question 2: one hidden layer in 3D', body };
}

/** Question 3: must weights be zero, n-gon → circle, and are trained nets towers? */
export function ridgesSection(ctx: DemoContext, nets: TrainedNet[]): Section {
  const a = answerMustWeightsBeZero();
  const trained = nets.filter((n) => n.hidden.length === 1);
  const rows: Cell[][] = [];
  const likeness: Record<string, number[]> = { relu: [], sigmoid: [] };
  const meanOf = (act: string): number => {
    const v = likeness[act] ?? [];
    return v.reduce((x, y) => x + y, 0) / Math.max(1, v.length);
  };
  const describe = (label: string, mlp: Mlp, file?: string) => {
    const ridges = ridgeDecomposition(mlp, BOX);
    const t = towerLikeness(mlp);
    let zeros = 0;
    let minAbs = Number.POSITIVE_INFINITY;
    for (const w of mlp.layers[0]!.weights) {
      if (w === 0) zeros++;
      minAbs = Math.min(minAbs, Math.abs(w));
    }
    const inBox = ridges.filter((r) => r.segment !== null && r.mass > 0).length;
    const angles = ridges.filter((r) => r.mass > 0).map((r) => `${Math.round((r.angle * 180) / Math.PI)}°`);
    rows.push([file ? { html: `<a href="${file}">${label}</a>` } : label, mlp.layers[0]!.units, inBox, angles.join(' '), t.score, t.axisAligned, zeros, minAbs]);
  };
  for (const n of trained) {
    describe(n.label, n.model, n.file);
    likeness[n.activation]?.push(towerLikeness(n.model).score);
  }
  describe('construction: 8-gon ReLU ramps (no threshold)', ngonTowerNet({ n: 8, kind: 'relu' }));
  describe('construction: 8-gon sigmoid steps', ngonTowerNet({ n: 8, kind: 'sigmoid' }));
  describe('construction: 1-layer ReLU bumps, k = 3', approximateWithTowers(F, BOX, { kind: 'relu', hiddenLayers: 1, grid: 3 }).mlp);
  describe('construction: 1-layer sigmoid bumps, k = 4', approximateWithTowers(F, BOX, { kind: 'sigmoid', hiddenLayers: 1, grid: 4 }).mlp);

  const relu6 = nets.find((n) => n.key === '2-6-1-relu') as TrainedNet;
  const part = relu6.partition as Partition;
  const ridges = ridgeDecomposition(relu6.model, BOX);
  const map = regionMap(
    {
      box: BOX,
      ...partitionRegions(part),
      edges: partitionEdges(part),
      polylines: ridges
        .filter((r) => r.segment !== null)
        .map((r) => ({ points: r.segment as number[], kind: 'level' as const, label: `unit ${r.unit + 1}: a = ${num(r.outputWeight, 3)}` })),
    },
    { color: 'slope', title: 'Trained 2-6-1 ReLU: six ridges, no towers', colorLabel: '|∇ net|', width: 520, idPrefix: 'ridges6-' },
  );
  const fMap = ctx.writeFigure('13-ridges-2-6-1-relu', map, true);
  const body = [
    answer(`<p><strong>Answer.</strong> ${a.answer}</p><p>And as n grows the n-gon tower approaches the disc: area ratio (n/π)tan(π/n) → 1 and Hausdorff gap r(sec(π/n) − 1) ≈ π²r/(2n²) → 0 (table in Question 2).</p>`),
    p(
      `${code('ridgeDecomposition')} writes a one-hidden-layer net as c + Σ a_k φ(⟨w_k, x⟩ + b_k): one ridge per unit, bending along a line. ${code('towerLikeness')} is the share of ridge mass (|a|·|w| for ReLU, |a| for sigmoid) carried by matched pairs of parallel units (within 5°) that cancel far away — the building block of every tower. Constructions score 1; trained nets are measured below.`,
    ),
    table(['net', 'units', 'bend lines in box', 'ridge directions', 'tower-likeness', 'axis-aligned mass', 'zero weights', 'min |w|'], rows),
    figure(map, 'The trained 2-6-1 ReLU net: regions coloured by slope, with each unit\'s bend line dashed. The net uses long ridges that cross the whole box — the opposite of local towers.', fMap),
    p(
      `Measured: the trained ReLU nets have mean tower-likeness ${num(meanOf('relu'), 2)}, the trained sigmoid nets ${num(meanOf('sigmoid'), 2)}. No trained net needed a weight to be exactly zero. ReLU training finds ridges in general directions that cross the whole box — no cancelling ramp pairs. Sigmoid training does pair units here, and the reason is the target: x₁² is a U, which two opposite-facing sigmoids on the same axis make, so the sigmoid nets rebuild f as a sum of 1D bumps along the axes (see their axis-aligned mass) — the separable structure of f, not 2D towers: with one hidden layer and a linear output nothing thresholds those ridges into local towers. The tower picture is a proof device (enough neurons can approximate anything), not a description of what training finds.`,
    ),
  ].join('\n');
  return { id: 'q3', title: 'Question 3: must weights be zero? do towers approach circles?', body };
}

/**
 * One hidden layer of n-gon towers approximating the whole f (not only its separable part): k² cells,
 * n sigmoid steps each, linear output; hand-built heights f(centre)/n vs least-squares output
 * weights on the same hidden units, next to two-hidden-layer towers of at most the same size.
 */
function ngonLandscape(ctx: DemoContext): { body: string } {
  const rows = ngonApproximationTable(F, BOX, {
    grids: [2, 4, 6],
    sides: [4, 8, 16],
    gridResolution: ctx.quick ? 61 : 101,
    fitResolution: ctx.quick ? 31 : 41,
    skirtResolution: ctx.quick ? 41 : 61,
    keepNets: true,
  });
  const twoLayer = new Map<string, { neurons: number; supError: number; rmse: number }>();
  const twoLayerFor = (budget: number, kind: 'sigmoid' | 'relu') => {
    const k = towerGridForBudget(budget, kind === 'relu' ? { kind, hiddenLayers: 2, shape: 'pyramid' } : { kind, hiddenLayers: 2 });
    if (k === null) return null;
    const key = `${kind}-${k}`;
    let t = twoLayer.get(key);
    if (!t) {
      const a =
        kind === 'relu'
          ? approximateWithTowers(F, BOX, { kind, hiddenLayers: 2, shape: 'pyramid', grid: k, curvatureBound: 2 })
          : approximateWithTowers(F, BOX, { kind, hiddenLayers: 2, grid: k, gridResolution: ctx.quick ? 41 : 61 });
      t = { neurons: a.neurons, supError: a.supError, rmse: a.rmse };
      twoLayer.set(key, t);
    }
    return t;
  };
  const cells: Cell[][] = rows.map((r) => {
    const sig = twoLayerFor(r.neurons, 'sigmoid');
    const pyr = twoLayerFor(r.neurons, 'relu');
    return [
      r.grid,
      r.sides,
      r.neurons,
      r.parameters,
      r.hand.supError,
      r.hand.rmse,
      r.skirt.meanSkirt,
      r.leastSquares.supError,
      r.leastSquares.rmse,
      sig?.neurons ?? null,
      sig?.supError ?? null,
      sig?.rmse ?? null,
      pyr?.neurons ?? null,
      pyr?.supError ?? null,
      pyr?.rmse ?? null,
    ];
  });
  const best = rows.reduce((a, b) => (b.leastSquares.rmse < a.leastSquares.rmse ? b : a));
  const bestNet = best.nets!.leastSquares;
  const model = ctx.writeModel(`ngon-${best.sides}-towers-${best.grid}x${best.grid}-least-squares`, bestNet);
  const fig = surface3d(
    { box: BOX, grid: sampleNet(bestNet, BOX, ctx.quick ? 41 : 61), target: sampleFunction(F, BOX, 25) },
    { title: `${best.grid}×${best.grid} ${best.sides}-gon towers, 1 hidden layer, ${best.neurons} units`, width: 520, idPrefix: 'ngonls-' },
  );
  const fFig = ctx.writeFigure('12b-ngon-towers-least-squares', fig, true);
  const hand4 = rows.find((r) => r.grid === 4 && r.sides === 8);
  const body = [
    p(
      `<strong>One hidden layer of n-gon towers approximating the whole f</strong> (${code('approximateWithNgonTowers')}, ${code('ngonApproximationTable')}): a k × k grid, one regular n-gon tower per cell (n sigmoid steps, w = 1000, apothem half a cell), all k²·n units in one hidden layer and a linear output. <em>Hand-built</em>: Nielsen's heights h = f(centre)/n, so each plateau is n·h = f(centre) — but every other tower adds its skirt (about f(c)/2 far away, decaying like n h r/(πρ)), and the skirts of k² towers pile up (theory §3.4): the mean skirt column is what the hand-built sum carries on top of the plateaus${hand4 ? ` (${num(hand4.skirt.meanSkirt, 3)} for k = 4, n = 8, against f ≤ 11)` : ''}. <em>Least squares</em>: the same hidden units, output weights and bias from the normal equations (ridge 10⁻⁵ of the mean diagonal) against f on a fine grid — the skirts are then used, not fought. Sup errors are fine-grid estimates (${ctx.quick ? '61' : '101'}² points for the n-gon nets, ${ctx.quick ? '41' : '61'}² for the 2L sigmoid boxes) for the sigmoid nets and certified upper bounds for the ReLU pyramids.`,
    ),
    table(
      ['k', 'n', 'neurons', 'parameters', 'hand: sup error (est.)', 'hand: RMSE', 'hand: mean skirt', 'LS: sup error (est.)', 'LS: RMSE', '2L sigmoid boxes: neurons', 'sup (est.)', 'RMSE', '2L ReLU pyramids: neurons', 'sup (certified)', 'RMSE'],
      cells,
      'Two-hidden-layer columns: the largest grid whose neuron count does not exceed the one-layer net\'s. The 2L sigmoid boxes have their first steps on the box edge, which caps their sup error near max f (see the towers section); their RMSE is the fair comparison.',
    ),
    figure(fig, `The best one-hidden-layer n-gon net (k = ${best.grid}, n = ${best.sides}, least squares; RMSE ${num(best.leastSquares.rmse, 3)}) over the target f in orange: the same hidden units with hand-built heights would float ${num(best.skirt.meanSkirt, 3)} above f on average. Model: <a href="${model}">${model}</a>.`, fFig),
  ].join('\n');
  return { body };
}
