import { compileExpression } from '@tessera/datasets';
import { parseMlpText } from '@tessera/nn-core';
import { button, byId, fmt, h, select, setMessage, slider, textInput } from '../common/dom.js';
import { num, readHash, str, writeHash } from '../common/hash.js';
import { mountNav } from '../common/nav.js';
import { rotatable } from '../common/rotate.js';
import { netSurfaceSvg, sampleGrid } from '../engine/figures.js';
import { surfaceSvg } from '../engine/render.js';
import { approximateWithTowers, type TowerApproximation, towerApproximationError } from '@tessera/geometry';
import { DEFAULT_CONFIG, type TrainConfig } from '../train/config.js';
import type { Frame, FromWorker, ToWorker } from '../train/protocol.js';

mountNav('approximate');

const BOX: [number, number, number, number] = [-2, 2, -2, 2];
const TRAIN_STEPS = 2000;
const CHUNK = 250;

const hash = readHash();
const st = {
  expr: str(hash, 'f', 'x^2 + y^2 + 3'),
  grid: Math.round(Math.min(16, Math.max(2, num(hash, 'k', 6)))),
  kind: str(hash, 'kind', 'relu') === 'sigmoid' ? ('sigmoid' as const) : ('relu' as const),
  layers: str(hash, 'layers', '2') === '1' ? (1 as const) : (2 as const),
};
let f = compileExpression('x^2 + y^2 + 3');
let tower: TowerApproximation | null = null;
let trained: Frame | null = null;

const controls = byId('approx-controls');
const msg = byId('approx-error');
const stats = byId('approx-stats');
const tstats = byId('approx-trained-stats');

const towerView = rotatable(byId('approx-surface'), (view) => {
  if (!tower) return '';
  return netSurfaceSvg(tower.mlp, BOX, view, {
    idPrefix: 'ap-',
    target: sampleGrid(f, BOX, 25),
    title: `${tower.kind} towers (${tower.shape}) over f`,
  }).svg;
});
const trainedView = rotatable(byId('approx-trained'), (view) => {
  if (!trained) return '<p class="hint">Press “Train a net with the same budget”.</p>';
  return surfaceSvg(trained.regionList, BOX, view, {
    neighbors: trained.neighbors,
    target: trained.target,
    title: 'trained ReLU net over f',
  });
});

function dl(el: HTMLElement, rows: Array<[string, string, string]>): void {
  el.replaceChildren(...rows.flatMap(([k, v, id]) => [h('dt', { text: k }), h('dd', { id, text: v })]));
}

function build(): void {
  try {
    const g = compileExpression(st.expr);
    g(0.3, -0.7);
    const t = approximateWithTowers(g, BOX, { grid: st.grid, kind: st.kind, hiddenLayers: st.layers });
    f = g;
    tower = t;
    setMessage(msg, '');
    exprInput.input.removeAttribute('aria-invalid');
  } catch (err) {
    // Keep the previous figure and numbers; say what was wrong.
    setMessage(msg, `Not updated: ${err instanceof Error ? err.message : String(err)}`);
    exprInput.input.setAttribute('aria-invalid', 'true');
    document.body.dataset.ready = '1';
    return;
  }
  const p = new URLSearchParams({ f: st.expr, k: String(st.grid), kind: st.kind, layers: String(st.layers) });
  writeHash(p);
  towerView.redraw();
  dl(stats, [
    ['Hidden neurons', String(tower.neurons), 'ap-neurons'],
    ['Parameters', String(tower.parameters), 'ap-params'],
    ['Towers', String(tower.towers), 'ap-towers'],
    [`sup |net − f| (${tower.supErrorKind})`, fmt(tower.supError, 5), 'ap-sup'],
    ['RMSE', fmt(tower.rmse, 5), 'ap-rmse'],
  ]);
  trained = null;
  trainedView.redraw();
  tstats.replaceChildren();
  trainBtn.disabled = false;
  document.body.dataset.ready = '1';
}

const exprInput = textInput('ap-expr', 'f(x, y) =', st.expr, (v) => {
  const prev = st.expr;
  st.expr = v;
  build();
  if (msg.hidden === false) st.expr = prev;
});
controls.append(
  exprInput.root,
  slider({ id: 'ap-grid', label: 'towers per axis k', min: 2, max: 16, step: 1, value: st.grid, onInput: (v) => { st.grid = v; build(); } }).root,
  select('ap-kind', 'units', [['relu', 'ReLU'], ['sigmoid', 'sigmoid']], st.kind, (v) => { st.kind = v as 'relu' | 'sigmoid'; build(); }).root,
  select('ap-layers', 'hidden layers', [['2', '2 (Nielsen towers)'], ['1', '1 (ridge sums)']], String(st.layers), (v) => { st.layers = v === '1' ? 1 : 2; build(); }).root,
);

// ---------- a trained net with the same neuron budget, in the training worker ----------
const worker = new Worker(new URL('../train/worker.ts', import.meta.url), { type: 'module' });
const trainBtn = button('ap-train', 'Train a net with the same budget', () => startTraining());
controls.append(trainBtn);
let target = 0;

function startTraining(): void {
  if (!tower) return;
  const n = tower.neurons;
  const hidden = st.layers === 2 ? [{ units: Math.ceil(n / 2), activation: 'relu' }, { units: Math.floor(n / 2), activation: 'relu' }] : [{ units: n, activation: 'relu' }];
  const config: TrainConfig = { ...DEFAULT_CONFIG, dataset: 'surface', expr: st.expr, n: 1000, hidden, optimizer: 'adam', lr: 0.01, batch: 50, seed: 1, stepsPerFrame: CHUNK };
  trainBtn.disabled = true;
  target = TRAIN_STEPS;
  const m: ToWorker = { type: 'init', config };
  worker.postMessage(m);
}

worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  if (m.type === 'error') {
    setMessage(msg, m.message);
    trainBtn.disabled = false;
    return;
  }
  trained = m;
  trainedView.redraw();
  const rows: Array<[string, string, string]> = [
    ['Architecture', `2-${m.model ? parseMlpText(m.model).layers.slice(0, -1).map((l) => l.units).join('-') : '?'}-1 ReLU`, 'tr-arch'],
    ['Steps (Adam, batch 50, 1000 points)', `${m.step} / ${TRAIN_STEPS}`, 'tr-steps'],
    ['Training MSE', m.loss.toPrecision(4), 'tr-loss'],
    ['Exact regions', m.regions === null ? '—' : String(m.regions), 'tr-regions'],
  ];
  if (m.step >= target) {
    try {
      const err = towerApproximationError(parseMlpText(m.model), f, BOX);
      rows.push([`sup |net − f| (${err.supErrorKind})`, fmt(err.supError, 5), 'tr-sup'], ['RMSE', fmt(err.rmse, 5), 'tr-rmse']);
    } catch (err) {
      rows.push(['error', err instanceof Error ? err.message : String(err), 'tr-sup']);
    }
    trainBtn.disabled = false;
  } else {
    worker.postMessage({ type: 'step', steps: CHUNK } satisfies ToWorker);
  }
  dl(tstats, rows);
});

build();
