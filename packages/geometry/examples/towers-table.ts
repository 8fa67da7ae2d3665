// Prints the tower tables quoted in the README and the report:
//   node --conditions=tessera-source --import tsx examples/towers-table.ts
import {
  answerAreTrainedNetsTowers,
  answerMustWeightsBeZero,
  answerOneHiddenLayer,
  answerSmoothVsDiscrete,
  approximateWithTowers,
  compareWithTowers,
  idealTowerError,
  ngonTable,
  steepnessSweep,
  towerErrorTable,
  towerGrowthTable,
  trainSeedNet,
} from '@tessera/geometry';

const f = (x: number, y: number): number => x * x + y * y + 3;
const box = [-2, 2, -2, 2] as const;
const p = (v: number | null, d = 4): string => (v === null ? '—' : Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2) : v.toFixed(d));
const table = (header: string[], rows: Array<Array<string | number>>): void => {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const w = header.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  for (const [i, r] of cells.entries()) {
    console.log(r.map((c, j) => c.padStart(w[j]!)).join('  '));
    if (i === 0) console.log(w.map((n) => '-'.repeat(n)).join('  '));
  }
  console.log('');
};

console.log(`node ${process.version}\n`);
console.log('1. Error vs neurons, f = x1² + x2² + 3 on [-2, 2]² (ReLU pyramid towers, 2 hidden layers, certified with M = 2)');
const rows = towerErrorTable(f, box, { curvatureBound: 2 });
table(
  ['k', 'neurons', 'params', 'supError', 'lower', 'rmse', 'rate(N)', 'rate(k)'],
  rows.map((r) => [r.grid, r.neurons, r.parameters, p(r.supError, 5), p(r.supErrorLower, 5), p(r.rmse, 5), p(r.rateInNeurons, 2), p(r.rateInGrid, 2)]),
);
console.log('   Other constructions at k = 4, 8, 16 (sup: certified for ReLU, grid estimate for sigmoid):');
const variants = [
  { label: 'relu box (Nielsen), 2 layers', o: { kind: 'relu', shape: 'box', steepness: 1000 } },
  { label: 'relu cross, 1 layer', o: { kind: 'relu', hiddenLayers: 1 } },
  { label: 'sigmoid box, 2 layers', o: { kind: 'sigmoid', gridResolution: 201 } },
  { label: 'sigmoid cross, 1 layer', o: { kind: 'sigmoid', hiddenLayers: 1, gridResolution: 201 } },
] as const;
const vrows: Array<Array<string | number>> = [];
for (const v of variants)
  for (const k of [4, 8, 16]) {
    const a = approximateWithTowers(f, box, { ...v.o, grid: k, curvatureBound: 2 });
    vrows.push([v.label, k, a.neurons, p(a.supError), a.supErrorKind, p(a.rmse)]);
  }
table(['construction', 'k', 'neurons', 'supError', 'kind', 'rmse'], vrows);
console.log("   Nielsen's windows of failure: sigmoid box towers, margin off/on, M shifted copies (sup: grid 201² + every step-line crossing, an estimate)");
const wrows: Array<Array<string | number>> = [];
for (const k of [8, 16])
  for (const w of [100, 1000])
    for (const copies of [1, 2, 4]) {
      const o = { kind: 'sigmoid', grid: k, steepness: w, copies, gridResolution: 201 } as const;
      const off = approximateWithTowers(f, box, { ...o, margin: false });
      const on = approximateWithTowers(f, box, o);
      wrows.push([k, w, copies, on.neurons, p(off.supError), p(on.supError), p(off.rmse), p(on.rmse)]);
    }
table(['k', 'w', 'M', 'neurons', 'sup (no margin)', 'sup (margin)', 'rmse (no margin)', 'rmse (margin)'], wrows);
const ideal = idealTowerError(f, box, 8);
console.log(`   ideal piecewise-constant towers (exact steps), k = 8: sup ${p(ideal.supError)}, rmse ${p(ideal.rmse)}\n`);

console.log('2. One hidden layer: n-gon towers vs the disc (measured on the networks vs closed forms)');
const ng = ngonTable();
table(
  ['n', 'area ratio', 'theory', 'Hausdorff', 'theory', 'skirt ρ=1.5r', 'ρ=2r', 'ρ=4r', 'ρ=8r', 'ρ=100r'],
  ng.map((r) => [
    r.n,
    p(r.areaRatio, 6),
    p(r.areaRatioTheory, 6),
    p(r.hausdorff, 6),
    p(r.hausdorffTheory, 6),
    ...[1, 2, 3, 4].map((i) => `${p(r.skirt[i]!.measured)} (${p(r.skirt[i]!.theory)})`),
    p(r.farField),
  ]),
);

console.log('3. Smooth vs discrete: steepness sweep (bump on [-1,1], tower on [-1,1]², k = 8 sigmoid towers for f)');
const sw = steepnessSweep();
table(
  ['w', 'band 2ln19/w', 'measured', 'bump sup out', 'bump L1', '4ln2/w', 'tower sup out', 'approx gap out', 'approx sup', 'approx rmse', 'N', 'sup M=4', 'rmse M=4', 'N M=4'],
  sw.map((r) => [
    r.steepness,
    p(r.bandWidth, 5),
    p(r.bandWidthMeasured, 5),
    p(r.bumpSupOutsideBands),
    p(r.bumpL1Gap, 5),
    p(r.bumpL1GapTheory, 5),
    p(r.towerSupOutsideBands),
    p(r.approxGapOutsideBands),
    p(r.approxSupError),
    p(r.approxRmse),
    r.approxNeurons,
    p(r.approxSupErrorCopies),
    p(r.approxRmseCopies),
    r.approxNeuronsCopies,
  ]),
);

console.log('4. More inputs: grid towers (k = 8 per axis) and one-hidden-layer polytope towers');
table(
  ['m', 'towers k^m', 'neurons (sigmoid)', 'neurons (relu)', 'params (sigmoid)', 'threshold/h', 'facets cube/simplex/cross', 'far field cube', 'simplex'],
  towerGrowthTable().map((r) => [
    r.m,
    r.gridTowers,
    r.gridNeuronsSigmoid,
    r.gridNeuronsRelu,
    r.gridParametersSigmoid,
    r.boxThreshold,
    `${r.facets.cube}/${r.facets.simplex}/${r.facets.cross}`,
    p(r.cubeFarField, 3),
    p(r.simplexFarField, 3),
  ]),
);

console.log('5. Trained nets vs towers of the same neuron budget (seed data: 1000 points, Adam, 300 epochs)');
const crows: Array<Array<string | number>> = [];
for (const hidden of [32, 64]) {
  const net = trainSeedNet(f, box, { hidden });
  for (const layers of [2, 1] as const) {
    const c = compareWithTowers(net, f, box, { curvatureBound: 2, hiddenLayers: layers });
    for (const r of layers === 2 ? [c.trained, c.towers] : [c.towers])
      crows.push([r.name, r.neurons, r.parameters, p(r.supError), p(r.rmse), r.linearRegions ?? '—', r.towerLikeness === null ? '—' : p(r.towerLikeness, 2)]);
  }
}
table(['net', 'neurons', 'params', 'supError', 'rmse', 'linear regions', 'tower-likeness'], crows);

console.log("6. The seed's questions");
for (const a of [answerSmoothVsDiscrete(), answerOneHiddenLayer(), answerMustWeightsBeZero(), answerAreTrainedNetsTowers()])
  console.log(`- ${a.question}\n  ${a.answer}\n`);
