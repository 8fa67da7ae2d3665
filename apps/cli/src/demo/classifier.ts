import { makeDataset, paraboloidFunction } from '@tessera/datasets';
import { enumerateRegions, levelSet, linePieces, slicePlane } from '@tessera/geometry';
import { type Mlp, predict } from '@tessera/nn-core';
import { regionMap } from '@tessera/render-svg';
import { accuracyOf, trainModel } from '../commands/train.js';
import { partitionRegions } from '../figures.js';
import type { DemoContext } from './context.js';
import { type Cell, code, figure, num, p, type Section, table } from './html.js';
import { BOX, type SetupResult, type TrainedNet } from './shallow.js';

const SLICES = [3.5, 4, 5, 6, 7, 9];

/** The "on" intervals of x3 (logit > 0) on the vertical line through (x1, x2), exactly (linePieces). */
function onIntervals(mlp: Mlp, x1: number, x2: number, lo: number, hi: number): Array<[number, number]> {
  const lp = linePieces(mlp, [x1, x2, lo], [x1, x2, hi]);
  const out: Array<[number, number]> = [];
  const at = (k: number, t: number) => (lp.linearOffsets[k] as number) + (lp.linearSlopes[k] as number) * t;
  const bps = [0, ...Array.from(lp.linearBreakpoints), 1];
  let start: number | null = null;
  for (let k = 0; k < lp.linearPieces; k++) {
    const t0 = bps[k] as number;
    const t1 = bps[k + 1] as number;
    const v0 = at(k, t0);
    const v1 = at(k, t1);
    // crossing of zero inside the piece
    const cross = v0 !== v1 ? (0 - (lp.linearOffsets[k] as number)) / (lp.linearSlopes[k] as number) : Number.NaN;
    if (start === null && v0 > 0) start = t0;
    if (start === null && v0 <= 0 && v1 > 0) start = cross;
    if (start !== null && v1 <= 0 && (v0 > 0 || cross > t0)) {
      out.push([start, v0 > 0 ? cross : t0]);
      start = null;
    }
  }
  if (start !== null) out.push([start, 1]);
  return out.map(([a, b]) => [lo + a * (hi - lo), lo + b * (hi - lo)]);
}

/**
 * Section: judging the set-up — what a one-hidden-layer classifier on (x1, x2, x3) learns from
 * on/above/below points, why "exactly on the surface" is fragile, and the regression alternative.
 */
export function classifierSection(ctx: DemoContext, data: SetupResult, regressionNet: TrainedNet): { section: Section; accuracy: number } {
  const ds = data.classification;
  const hidden = 16;
  const r = trainModel({
    data: ds,
    hidden: [hidden],
    activation: 'relu',
    loss: 'bce',
    optimizer: 'adam',
    lr: 0.01,
    epochs: ctx.quick ? 60 : 400,
    batch: 50,
    testSplit: 0.2,
    seed: ctx.seed,
    meta: { demo: 'on/above/below classifier' },
  });
  const mlp = r.model;
  const file = ctx.writeModel(`3-${hidden}-1-relu-classifier`, mlp);
  let nOn = 0;
  for (let i = 0; i < ds.n; i++) if ((ds.y[i] as number) > 0.5) nOn++;
  const baseline = Math.max(nOn, ds.n - nOn) / ds.n;

  // Fragility: move fresh on-surface points vertically by δ and ask the net.
  const fresh = makeDataset('paraboloid', { n: 2000, seed: ctx.seed + 100 });
  const deltas = [0, 0.05, 0.1, 0.25, 0.5, 1];
  const onIdx: number[] = [];
  for (let i = 0; i < fresh.n; i++) if ((fresh.y[i] as number) > 0.5) onIdx.push(i);
  const fragRows: Cell[][] = deltas.map((d) => {
    const x = new Float64Array(onIdx.length * 3);
    onIdx.forEach((i, j) => {
      x[3 * j] = fresh.x[3 * i] as number;
      x[3 * j + 1] = fresh.x[3 * i + 1] as number;
      x[3 * j + 2] = (fresh.x[3 * i + 2] as number) + d;
    });
    const up = predict(mlp, x, onIdx.length);
    for (let j = 0; j < onIdx.length; j++) x[3 * j + 2] = (x[3 * j + 2] as number) - 2 * d;
    const down = predict(mlp, x, onIdx.length);
    let cu = 0;
    let cd = 0;
    for (let j = 0; j < onIdx.length; j++) {
      if ((up[j] as number) > 0) cu++;
      if ((down[j] as number) > 0) cd++;
    }
    return [d, cu / onIdx.length, cd / onIdx.length];
  });
  const freshAcc = accuracyOf(mlp, fresh);

  // The slab: exact "on" intervals of x3 along vertical lines.
  const probes: Array<[number, number]> = [
    [0, 0],
    [1, 0],
    [1, 1],
    [-1.5, 0.5],
    [1.8, -1.8],
  ];
  const slabRows: Cell[][] = probes.map(([a, b]) => {
    const iv = onIntervals(mlp, a, b, -2, 20);
    const f = paraboloidFunction(a, b);
    return [`(${a}, ${b})`, f, iv.map(([lo, hi]) => `[${num(lo, 3)}, ${num(hi, 3)}]`).join(' ∪ ') || 'none', iv.reduce((s, [lo, hi]) => s + (hi - lo), 0)];
  });

  // Decision boundary as a stack of exact 2D slices x3 = c.
  const figs: string[] = [];
  const sliceRows: Cell[][] = [];
  for (const c of SLICES) {
    const plane = slicePlane(mlp, { origin: [0, 0, c], u: [1, 0, 0], v: [0, 1, 0] });
    const part = enumerateRegions(plane, { box: BOX });
    const ls = levelSet(part, 0);
    const rad = Math.sqrt(Math.max(0, c - 3));
    const circle: number[] = [];
    for (let k = 0; k <= 96; k++) circle.push(rad * Math.cos((2 * Math.PI * k) / 96), rad * Math.sin((2 * Math.PI * k) / 96));
    const { regions, neighbors } = partitionRegions(part);
    const svg = regionMap(
      {
        box: BOX,
        regions,
        neighbors,
        polylines: [
          ...ls.lines.map((l, i) => ({ points: l, kind: 'boundary' as const, label: i === 0 ? 'logit = 0' : undefined })),
          ...(rad > 0 ? [{ points: circle, kind: 'level' as const, label: 'true surface' }] : []),
        ],
      },
      { color: 'value', title: `slice x₃ = ${c}`, colorLabel: 'logit', width: 340, fontSize: 10, idPrefix: `slice-${String(c).replace('.', '_')}-` },
    );
    const f = ctx.writeFigure(`14-classifier-slice-x3-${c}`, svg, c === 5);
    figs.push(figure(svg, `x₃ = ${c}: ${part.regionCount} regions; the true surface is the circle of radius ${num(rad, 3)}.`, f));
    let onArea = 0;
    for (let k = 0; k < part.regionCount; k++) {
      const ax = part.outputMaps[3 * k] as number;
      const ay = part.outputMaps[3 * k + 1] as number;
      const c0 = part.outputMaps[3 * k + 2] as number;
      if (ax * (part.interior[2 * k] as number) + ay * (part.interior[2 * k + 1] as number) + c0 > 0) onArea += part.areas[k] as number;
    }
    sliceRows.push([c, part.regionCount, ls.lines.length, onArea, Math.PI * rad * rad]);
  }

  // The regression alternative: |x3 − f̂(x1, x2)| ≤ τ, with the trained 2-6-1 regression net.
  const reg = regressionNet.model;
  const xy = new Float64Array(fresh.n * 2);
  for (let i = 0; i < fresh.n; i++) {
    xy[2 * i] = fresh.x[3 * i] as number;
    xy[2 * i + 1] = fresh.x[3 * i + 1] as number;
  }
  const fhat = predict(reg, xy, fresh.n);
  const regRows: Cell[][] = [0.1, 0.25, 0.5].map((tau) => {
    let ok = 0;
    for (let i = 0; i < fresh.n; i++) {
      const on = Math.abs((fresh.x[3 * i + 2] as number) - (fhat[i] as number)) <= tau ? 1 : 0;
      if (on === ((fresh.y[i] as number) > 0.5 ? 1 : 0)) ok++;
    }
    return [tau, ok / fresh.n];
  });
  const params = ds.meta.params ?? {};
  const body = [
    p(
      `The seed proposes a classifier on (x₁, x₂, x₃): label 1 for points on the surface x₃ = f(x₁, x₂), 0 for points above or below. We trained a 3-${hidden}-1 ReLU net with binary cross-entropy on the ${ds.n} points (${nOn} on, ${ds.n - nOn} off; tolerance ${num(params.tolerance as number)}, margin ${num(params.margin as number)}), holding out 20 %. Model: <a href="${file}">${file}</a>.`,
    ),
    table(
      ['measure', 'value'],
      [
        ['training accuracy', r.accuracy],
        ['test accuracy (held-out 20 %)', r.testAccuracy],
        ['accuracy on 2000 fresh points (new seed)', freshAcc],
        ['always answer the majority class', baseline],
        ['test BCE', r.testLoss],
        ['final training BCE', r.finalLoss],
      ],
    ),
    p(
      `<strong>What it learns: a slab.</strong> With one hidden layer the set {logit > 0} is a union of convex polyhedral pieces; around a curved surface the net can only carve a <em>shell</em> of some thickness, bounded by bent planes. Along vertical lines the exact "on" set (from ${code('linePieces')} on the 3-input net) is an interval around f — its length is the slab's thickness, which the data never pins down: every off-surface point is at least the margin away, so any thickness below about twice the margin fits the training data equally well.`,
    ),
    table(['(x₁, x₂)', 'f(x₁, x₂)', 'x₃ classified “on” (exact)', 'slab thickness'], slabRows),
    p(
      `<strong>The decision boundary, slice by slice.</strong> ${code('slicePlane')} restricts the 3-input net to the plane x₃ = c exactly (the first layer composed with the plane), ${code('enumerateRegions')} partitions it and ${code('levelSet')} draws logit = 0. The true surface cuts each slice in the dashed circle x₁² + x₂² = c − 3; the net's "on" set is a polygonal ring around it.`,
    ),
    `<div class="row">${figs.join('\n')}</div>`,
    table(['x₃', 'regions in slice', 'boundary polylines', '“on” area (exact)', 'π(c − 3) (disc inside the circle)'], sliceRows),
    p(
      '<strong>Why “exactly on the surface” is a fragile target.</strong> (1) <em>Class balance</em>: 70 % of the points are “on”, so a constant answer already scores 70 %; accuracy says little. (2) <em>Tolerance</em>: the surface has zero volume; with tolerance 0 the net must still call a whole slab “on”, and its thickness is an accident of initialisation and training. Moving fresh on-surface points vertically by δ shows where the net stops saying “on”:',
    ),
    table(['δ', 'share still “on” at x₃ = f + δ', 'share still “on” at x₃ = f − δ'], fragRows),
    p(
      `<strong>The regression formulation is the better set-up.</strong> Learn f̂(x₁, x₂) ≈ x₃ from the on-surface points (a 2-input regression, section 2), then classify with |x₃ − f̂(x₁, x₂)| ≤ τ: the tolerance becomes an explicit, adjustable parameter instead of an accident, the net has 2 inputs instead of 3 (its regions can be drawn and counted exactly), and it needs no off-surface points at all. With the trained ${regressionNet.label} net on the same 2000 fresh points:`,
    ),
    table(['τ', 'accuracy of |x₃ − f̂| ≤ τ'], regRows),
  ].join('\n');
  return { section: { id: 'setup', title: 'Judging the set-up: a classifier on (x₁, x₂, x₃)', body }, accuracy: r.testAccuracy ?? Number.NaN };
}
