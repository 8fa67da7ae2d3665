import { createKernel, createMlp, gradcheck, type Mlp } from '@tessera/nn-core';
import { paraboloidRegression } from '@tessera/datasets';
import { button, byId, fmt, h, select, slider } from '../common/dom.js';
import { mountNav } from '../common/nav.js';
import { rotatable } from '../common/rotate.js';
import { guarded, sectionMessage } from '../common/section.js';
import { curvesSvg, netRegionMapSvg, netSurfaceSvg, sampleCurve } from '../engine/figures.js';
import {
  answerAreTrainedNetsTowers,
  answerMustWeightsBeZero,
  answerOneHiddenLayer,
  answerSmoothVsDiscrete,
  bumpNet,
  ngonAreaRatio,
  ngonHausdorffGap,
  ngonTowerNet,
  steepnessSweep,
} from '@tessera/geometry';

mountNav('questions');
const app = byId('questions-app');

function section(id: string, title: string): { root: HTMLElement; msg: HTMLElement } {
  const root = h('section', { id });
  root.append(h('h2', { text: title }));
  app.append(root);
  const msg = sectionMessage(root, `${id}-message`);
  return { root, msg };
}

function table(head: string[], rows: Array<Array<string | number>>): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { text: t })))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', { text: typeof c === 'number' ? fmt(c, 4) : c }))))),
    ),
  );
}

const n4 = (v: number | null): string => (v === null ? '—' : fmt(v, 4));

// ---------- Q1 ----------
{
  const { root, msg } = section('q1', '1. Is the tower approximation smooth or discrete?');
  const answer = h('p', { class: 'answer', id: 'q1-answer' });
  const fig = h('div', { class: 'figure narrow', id: 'q1-figure' });
  const tbl = h('div', { id: 'q1-table' });
  root.append(answer, fig, h('p', { class: 'hint', text: 'A bump of height 1 on [−1, 1] made of two sigmoid steps, for increasing steepness w. The table is geometry’s steepness sweep.' }), tbl);
  guarded(msg, () => {
    answer.textContent = answerSmoothVsDiscrete().answer;
    const ws = [1, 3, 10, 30, 100, 1000];
    fig.innerHTML = curvesSvg(
      ws.map((w) => ({ label: `w = ${w}`, ...sampleCurve(bumpNet(-1, 1, { kind: 'sigmoid', steepness: w }), -2, 2, 600) })),
      { idPrefix: 'q1-', title: 'smooth → discrete as w grows' },
    );
  })();
  setTimeout(
    guarded(msg, () => {
      const rows = steepnessSweep({ resolution: 121 });
      tbl.replaceChildren(
        table(
          ['w', '5–95 % band 2·ln19/w', 'bump: sup gap outside bands', 'bump L1 gap', '2D tower: sup gap outside bands', 'tower net for f: sup error', 'RMSE', `sup error, ${rows[0]?.copies ?? 4} shifted copies`, `RMSE, ${rows[0]?.copies ?? 4} copies`],
          rows.map((r) => [String(r.steepness), r.bandWidth, n4(r.bumpSupOutsideBands), r.bumpL1Gap, n4(r.towerSupOutsideBands), r.approxSupError, r.approxRmse, r.approxSupErrorCopies, r.approxRmseCopies]),
        ),
      );
    }),
    0,
  );
}

// ---------- Q2 ----------
{
  const { root, msg } = section('q2', '2. How does it work with a single hidden layer?');
  const answer = h('p', { class: 'answer', id: 'q2-answer' });
  const controls = h('div', { class: 'controls' });
  const grid = h('div', { class: 'grid two' });
  const skirts = h('div', { class: 'figure', id: 'q2-skirts' });
  const cut = h('div', { class: 'figure', id: 'q2-threshold' });
  grid.append(h('div', { class: 'panel' }, h('h3', { text: 'sum of n steps: plateau n·h on skirts' }), skirts), h('div', { class: 'panel' }, h('h3', { text: 'sigmoid output, threshold n − ½: an n-gon tower' }), cut));
  root.append(answer, controls, grid);
  const st = { n: 8 };
  const box: [number, number, number, number] = [-3, 3, -3, 3];
  const views = [
    rotatable(skirts, (v) => netSurfaceSvg(ngonTowerNet({ n: st.n, kind: 'sigmoid', steepness: 20 }), box, v, { idPrefix: 'q2a-', grid: 71, title: `${st.n} steps, linear output` }).svg),
    rotatable(cut, (v) => netSurfaceSvg(ngonTowerNet({ n: st.n, kind: 'sigmoid', steepness: 20, threshold: 'sigmoid' }), box, v, { idPrefix: 'q2b-', grid: 71, title: `${st.n}-gon tower` }).svg),
  ];
  const redraw = guarded(msg, () => {
    answer.textContent = answerOneHiddenLayer(st.n).answer;
    for (const v of views) v.redraw();
  });
  controls.append(slider({ id: 'q2-n', label: 'sides n', min: 3, max: 32, step: 1, value: st.n, onInput: (v) => { st.n = v; redraw(); } }).root);
  redraw();
}

// ---------- Q3 ----------
{
  const { root, msg } = section('q3', '3. Must weights be forced to zero? Can a tower have n sides and approach a circle?');
  const answer = h('p', { class: 'answer', id: 'q3-answer' });
  const controls = h('div', { class: 'controls' });
  const fig = h('div', { class: 'figure narrow', id: 'q3-map' });
  const stats = h('p', { class: 'stats', id: 'q3-stats' });
  const tbl = h('div', { id: 'q3-table' });
  root.append(answer, controls, fig, stats, tbl);
  const st = { n: 12 };
  const redraw = guarded(msg, () => {
    const mlp = ngonTowerNet({ n: st.n, r: 1, kind: 'relu', threshold: 'relu', steepness: 10 });
    const r = netRegionMapSvg(mlp, [-1.6, 1.6, -1.6, 1.6], { idPrefix: 'q3-', title: `ReLU ${st.n}-gon tower: exact regions` });
    fig.innerHTML = r.svg;
    let zeros = 0;
    for (const w of mlp.layers[0].weights) if (w === 0) zeros++;
    stats.textContent = `${r.regions} exact regions · ${zeros} zero weights among ${mlp.layers[0].weights.length} · area ratio to the disc ${fmt(ngonAreaRatio(st.n), 5)} · Hausdorff gap ${fmt(ngonHausdorffGap(st.n, 1), 5)}`;
  });
  controls.append(slider({ id: 'q3-n', label: 'sides n', min: 3, max: 48, step: 1, value: st.n, onInput: (v) => { st.n = v; redraw(); } }).root);
  guarded(msg, () => {
    answer.textContent = answerMustWeightsBeZero().answer;
    const ns = [4, 8, 16, 32, 64];
    tbl.replaceChildren(table(['n', 'n-gon area / disc area', 'Hausdorff gap (r = 1)'], ns.map((n) => [String(n), ngonAreaRatio(n), ngonHausdorffGap(n, 1)])));
  })();
  redraw();

  const extra = h('p', { class: 'answer', id: 'q3-trained' });
  extra.hidden = true;
  const run = button('q3-run', 'Do trained nets build towers? (trains a 2-32-1 net, a few seconds)', () => {
    run.disabled = true;
    extra.hidden = false;
    extra.textContent = 'training…';
    setTimeout(
      guarded(msg, () => {
        extra.textContent = answerAreTrainedNetsTowers().answer;
      }),
      30,
    );
  }, { class: 'secondary' });
  root.append(run, extra);
}

// ---------- Backprop by hand ----------
{
  const { root, msg } = section('backprop', 'Backprop by hand: one step of the 2-6-1 net');
  const controls = h('div', { class: 'controls' });
  const out = h('div', { id: 'bp-steps' });
  const gc = h('div', { id: 'bp-gradcheck' });
  root.append(
    h('p', { class: 'lede', text: 'The seed’s net: 2 inputs, 6 tanh units, a linear output, trained with mean squared error on f(x₁, x₂) = x₁² + x₂² + 3. Here is one gradient-descent step on one example, every number shown; the chain rule by hand is checked against nn-core’s training kernel, and a gradient check compares with central finite differences.' }),
    controls,
    out,
    gc,
  );
  const st = { seed: 1, x1: 1, x2: -0.5, lr: 0.05 };
  const vec = (v: ArrayLike<number>): string => `[${Array.from(v, (x) => fmt(x, 4)).join(', ')}]`;
  const redraw = guarded(msg, () => {
    const mlp = createMlp({ arch: '2-6-1', activation: 'tanh', seed: st.seed });
    const [L1, L2] = mlp.layers;
    const x = [st.x1, st.x2];
    const y = st.x1 ** 2 + st.x2 ** 2 + 3;
    const z1 = new Float64Array(6);
    const a1 = new Float64Array(6);
    for (let j = 0; j < 6; j++) {
      z1[j] = L1.bias[j] + L1.weights[2 * j] * x[0] + L1.weights[2 * j + 1] * x[1];
      a1[j] = Math.tanh(z1[j]);
    }
    let yhat = L2.bias[0];
    for (let j = 0; j < 6; j++) yhat += L2.weights[j] * a1[j];
    const loss = (yhat - y) ** 2;
    const dy = 2 * (yhat - y);
    const dW2 = a1.map((a) => dy * a);
    const d1 = a1.map((a, j) => dy * L2.weights[j] * (1 - a * a));
    const dW1 = new Float64Array(12);
    for (let j = 0; j < 6; j++) {
      dW1[2 * j] = d1[j] * x[0];
      dW1[2 * j + 1] = d1[j] * x[1];
    }
    // nn-core's fused kernel on the same example: an independent computation of the same gradient.
    const kernel = createKernel(mlp, 1);
    const kLoss = kernel.lossAndGrad(Float64Array.from(x), Float64Array.of(y), 1, 'mse', 1);
    const mine = [dW1, d1, dW2, Float64Array.of(dy)];
    let maxDiff = Math.abs(kLoss - loss);
    kernel.slots.forEach((s, i) => {
      const g = s.grad as Float64Array;
      for (let k = 0; k < g.length; k++) maxDiff = Math.max(maxDiff, Math.abs(g[k] - mine[i][k]));
    });
    // One SGD step, then the loss again.
    const after: Mlp = structuredClone(mlp);
    after.layers[0].weights.forEach((w, k) => { after.layers[0].weights[k] = w - st.lr * dW1[k]; });
    after.layers[0].bias.forEach((b, k) => { after.layers[0].bias[k] = b - st.lr * d1[k]; });
    after.layers[1].weights.forEach((w, k) => { after.layers[1].weights[k] = w - st.lr * dW2[k]; });
    after.layers[1].bias[0] -= st.lr * dy;
    const lossAfter = createKernel(after, 1).lossAndGrad(Float64Array.from(x), Float64Array.of(y), 1, 'mse', 1);
    const line = (label: string, value: string): HTMLElement => h('div', {}, h('span', { class: 'hint', text: `${label}: ` }), h('code', { text: value }));
    out.replaceChildren(
      h('h3', { text: 'Forward' }),
      line('x', vec(x)),
      line('target y = x₁² + x₂² + 3', fmt(y, 4)),
      line('z¹ = W¹x + b¹', vec(z1)),
      line('a¹ = tanh(z¹)', vec(a1)),
      line('ŷ = W²a¹ + b²', fmt(yhat, 5)),
      line('L = (ŷ − y)²', fmt(loss, 5)),
      h('h3', { text: 'Backward (chain rule)' }),
      line('∂L/∂ŷ = 2(ŷ − y)', fmt(dy, 5)),
      line('∂L/∂W² = ∂L/∂ŷ · a¹', vec(dW2)),
      line('∂L/∂b² = ∂L/∂ŷ', fmt(dy, 5)),
      line('δ¹ = ∂L/∂ŷ · W² ⊙ (1 − (a¹)²) = ∂L/∂b¹', vec(d1)),
      line('∂L/∂W¹ = δ¹ xᵀ (row j: δ¹ⱼ·x)', vec(dW1)),
      h('h3', { text: 'Check and update' }),
      line('max |by hand − nn-core kernel|', maxDiff.toExponential(2)),
      line(`loss after one SGD step (lr ${st.lr})`, `${fmt(loss, 5)} → ${fmt(lossAfter, 5)}`),
    );
    out.dataset.maxDiff = String(maxDiff);
  });
  controls.append(
    slider({ id: 'bp-x1', label: 'x₁', min: -2, max: 2, step: 0.1, value: st.x1, onInput: (v) => { st.x1 = v; redraw(); } }).root,
    slider({ id: 'bp-x2', label: 'x₂', min: -2, max: 2, step: 0.1, value: st.x2, onInput: (v) => { st.x2 = v; redraw(); } }).root,
    slider({ id: 'bp-lr', label: 'learning rate', min: 0.005, max: 0.2, step: 0.005, value: st.lr, onInput: (v) => { st.lr = v; redraw(); } }).root,
    slider({ id: 'bp-seed', label: 'seed', min: 1, max: 20, step: 1, value: st.seed, onInput: (v) => { st.seed = v; redraw(); } }).root,
  );
  const engine = select('bp-engine', 'analytic gradient from', [['tape', 'nn-core tape (autodiff)'], ['fused', 'nn-core fused kernel']], 'tape', () => undefined);
  const gcBtn = button('bp-run-gradcheck', 'Run a gradient check (20 points)', () => {
    guarded(msg, () => {
      const mlp = createMlp({ arch: '2-6-1', activation: 'tanh', seed: st.seed });
      const data = paraboloidRegression({ n: 20, seed: st.seed });
      const r = gradcheck(mlp, data, { loss: 'mse', engine: engine.input.value as 'tape' | 'fused' });
      gc.replaceChildren(
        table(['parameter tensor', 'entries', 'max relative error', 'max |∂L/∂θ|'], r.perTensor.map((t) => [t.name, String(t.size), t.maxRelError.toExponential(2), t.maxGrad])),
        h('p', { id: 'bp-gradcheck-result', class: 'stats', text: `max relative error ${r.maxRelError.toExponential(2)} over ${r.parameters} parameters (central differences, h = ${r.h}): ${r.maxRelError < 1e-6 ? 'passes' : 'FAILS'} the 1e-6 check` }),
      );
    })();
  });
  controls.append(engine.root, gcBtn);
  redraw();
}

document.body.dataset.ready = '1';
