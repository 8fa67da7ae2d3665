import { parseMlpText } from '@tessera/nn-core';
import { button, fmt, h, messageBox, select, setMessage, textInput } from '../common/dom.js';
import { download } from '../common/files.js';
import { fromBase64Url, readHash, toBase64Url, writeHash } from '../common/hash.js';
import { rotatable } from '../common/rotate.js';
import { surfaceSvg } from '../engine/render.js';
import { checkCsv, checkExpression, checkModelText } from '../engine/validate.js';
import {
  configToParams,
  DATASETS,
  DEFAULT_CONFIG,
  HIDDEN_ACTIVATIONS,
  lossFor,
  paramsToConfig,
  type TrainConfig,
} from './config.js';
import type { Frame, FromWorker, RegionInfo, ToWorker } from './protocol.js';

/** The Train playground: controls ⇄ config ⇄ URL hash; a worker trains, counts and draws. */
export function mountTrain(root: HTMLElement): void {
  const hash = readHash();
  let config: TrainConfig = paramsToConfig(hash);
  let modelText: string | undefined;
  const w = hash.get('w');
  if (w) {
    try {
      modelText = fromBase64Url(w);
      checkModelText(modelText);
    } catch {
      modelText = undefined;
    }
  }
  let csvText: string | undefined;
  let includeWeights = Boolean(w);
  let last: Frame | null = null;
  let playing = false;

  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  const send = (m: ToWorker): void => worker.postMessage(m);

  // ---------- controls ----------
  const msg = messageBox('train-message');
  const dataRow = h('div', { class: 'controls', role: 'group', 'aria-label': 'Data' });
  const archRow = h('div', { class: 'controls', role: 'group', 'aria-label': 'Architecture' });
  const optRow = h('div', { class: 'controls', role: 'group', 'aria-label': 'Training settings' });
  const runRow = h('div', { class: 'controls', role: 'group', 'aria-label': 'Run' });

  const ds = select('ds', 'Dataset', DATASETS, config.dataset, (v) => {
    if (v === 'csv') {
      csvInput.click();
      ds.input.value = config.dataset;
      return;
    }
    update({ dataset: v, loss: lossFor(v) });
  });
  const expr = textInput('expr', 'f(x, y) =', config.expr, (v) => {
    const err = checkExpression(v);
    if (err) {
      setMessage(msg, `Expression not used: ${err}`);
      expr.input.setAttribute('aria-invalid', 'true');
      return;
    }
    expr.input.removeAttribute('aria-invalid');
    update({ expr: v, dataset: 'surface', loss: 'mse' });
  });
  const nInput = numberField('npts', 'Points', config.n, 10, 5000, 1, (v) => update({ n: v }));
  const noiseInput = numberField('noise', 'Noise', config.noise, 0, 10, 0.05, (v) => update({ noise: v }));
  const sliceInput = numberField('x3', 'x3 on the plane', config.slice, -100, 100, 0.5, (v) => update({ slice: v }));
  const csvInput = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv' });
  csvInput.addEventListener('change', async () => {
    const file = csvInput.files?.[0];
    csvInput.value = '';
    if (!file) return;
    const text = await file.text();
    const err = checkCsv(text);
    if (err) {
      setMessage(msg, `CSV not loaded: ${err}`);
      return;
    }
    csvText = text;
    modelText = undefined;
    config = { ...config, dataset: 'csv' };
    restart();
  });
  dataRow.append(
    ds.root,
    expr.root,
    nInput.root,
    noiseInput.root,
    sliceInput.root,
    h('div', { class: 'control' }, h('label', { for: 'csv-file', text: 'Upload CSV (x1,x2[,x3],y)' }), csvInput),
  );

  const archList = h('div', { class: 'layer-row', id: 'arch-list' });
  const drawArch = (): void => {
    archList.replaceChildren();
    config.hidden.forEach((layer, i) => {
      const units = numberField(`units-${i}`, `Layer ${i + 1} units`, layer.units, 1, 64, 1, (v) => {
        const hidden = config.hidden.map((l, j) => (j === i ? { ...l, units: v } : l));
        update({ hidden });
      });
      const act = select(
        `act-${i}`,
        `Layer ${i + 1} activation`,
        HIDDEN_ACTIVATIONS.map((a) => [a, a] as const),
        layer.activation,
        (v) => update({ hidden: config.hidden.map((l, j) => (j === i ? { ...l, activation: v } : l)) }),
      );
      const rm = button(`rm-${i}`, '−', () => update({ hidden: config.hidden.filter((_, j) => j !== i) }), {
        class: 'secondary',
        'aria-label': `Remove layer ${i + 1}`,
      });
      archList.append(h('div', { class: 'layer-row panel' }, units.root, act.root, rm));
    });
    const add = button(
      'add-layer',
      '+ layer',
      () => update({ hidden: [...config.hidden, { units: 4, activation: 'relu' }] }),
      { class: 'secondary', disabled: config.hidden.length >= 6 },
    );
    archList.append(add);
  };
  const rank = numberField('rank', 'Maxout rank (pieces per unit)', config.rank, 2, 8, 1, (v) => update({ rank: v }));
  archRow.append(archList, rank.root);

  const loss = select(
    'loss',
    'Loss (set by the data)',
    [
      ['mse', 'mean squared error'],
      ['bce', 'binary cross-entropy'],
      ['softmax_cross_entropy', 'softmax cross-entropy'],
    ],
    config.loss,
    (v) => update({ loss: v as TrainConfig['loss'] }),
  );
  // The session picks the loss from the data (regression, two classes, more classes); the select shows it.
  loss.input.disabled = true;
  const opt = select(
    'opt',
    'Optimizer',
    [
      ['sgd', 'SGD'],
      ['momentum', 'momentum'],
      ['adam', 'Adam'],
    ],
    config.optimizer,
    (v) => update({ optimizer: v as TrainConfig['optimizer'] }),
  );
  const lr = numberField('lr', 'Learning rate', config.lr, 1e-6, 10, 0.001, (v) => update({ lr: v }));
  const batch = numberField('batch', 'Batch size', config.batch, 1, 5000, 1, (v) => update({ batch: v }));
  const seed = numberField('seed', 'Seed', config.seed, 0, 2 ** 31, 1, (v) => update({ seed: v }));
  const spf = numberField('spf', 'Steps per frame', config.stepsPerFrame, 1, 1000, 1, (v) =>
    update({ stepsPerFrame: v }, false),
  );
  optRow.append(loss.root, opt.root, lr.root, batch.root, seed.root, spf.root);

  const playBtn = button('play', 'Play', () => {
    playing = !playing;
    send({ type: playing ? 'play' : 'pause' });
    playBtn.textContent = playing ? 'Pause' : 'Play';
    playBtn.setAttribute('aria-pressed', String(playing));
  });
  const stepBtn = button('step', 'Step', () => send({ type: 'step', steps: config.stepsPerFrame }), {
    class: 'secondary',
  });
  const resetBtn = button(
    'reset',
    'Reset',
    () => {
      modelText = undefined;
      restart();
    },
    { class: 'secondary' },
  );
  const exportBtn = button(
    'export',
    'Export model',
    () => {
      if (last) download('tessera-model.json', last.model);
    },
    { class: 'secondary' },
  );
  const importInput = h('input', { type: 'file', id: 'model-file', accept: '.json,application/json' });
  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    importInput.value = '';
    if (!file) return;
    const text = await file.text();
    const err = checkModelText(text, last?.inputDim);
    if (err) {
      setMessage(msg, `Model not imported: ${err}`);
      return;
    }
    modelText = text;
    config = { ...config, ...hiddenOf(text) };
    restart();
  });
  const weightsBox = h('input', { type: 'checkbox', id: 'link-weights', checked: includeWeights });
  weightsBox.addEventListener('change', () => {
    includeWeights = weightsBox.checked;
    syncHash();
  });
  runRow.append(
    playBtn,
    stepBtn,
    resetBtn,
    exportBtn,
    h('div', { class: 'control' }, h('label', { for: 'model-file', text: 'Import model (tessera.mlp)' }), importInput),
    h('div', { class: 'control' }, h('label', { for: 'link-weights', text: 'Link carries the weights' }), weightsBox),
  );

  // ---------- views ----------
  const stats = h('dl', { class: 'stats', id: 'train-stats', 'aria-live': 'polite' });
  const mapFig = h('div', { class: 'figure', id: 'region-map', role: 'img', 'aria-label': 'Exact region map' });
  const surfFig = h('div', { class: 'figure', id: 'surface' });
  const netFig = h('div', { class: 'figure', id: 'network' });
  const lossFig = h('div', { class: 'figure', id: 'loss-chart' });
  const countFig = h('div', { class: 'figure', id: 'count-chart' });
  const regionInfo = h('div', { id: 'region-info', class: 'stats', 'aria-live': 'polite' });
  regionInfo.textContent = 'Click a region on the map to see its activation pattern and its affine formula.';

  root.append(
    dataRow,
    archRow,
    optRow,
    runRow,
    msg,
    stats,
    h(
      'div',
      { class: 'grid two' },
      h('div', { class: 'panel' }, h('h3', { text: 'Exact linear regions, data and decision boundary' }), mapFig, regionInfo),
      h('div', { class: 'panel' }, h('h3', { text: 'Faceted surface with the target (drag to rotate)' }), surfFig),
    ),
    h(
      'div',
      { class: 'grid' },
      h('div', { class: 'panel' }, h('h3', { text: 'Network: every weight and bias' }), netFig),
      h('div', { class: 'panel' }, h('h3', { text: 'Loss' }), lossFig),
      h('div', { class: 'panel' }, h('h3', { text: 'Region count vs bounds' }), countFig),
    ),
  );

  const surface = rotatable(surfFig, (view) =>
    last
      ? surfaceSvg(last.regionList, last.box, view, {
          neighbors: last.neighbors,
          target: last.target,
          grid: last.grid,
          title: last.grid
            ? 'smooth net: sampled output'
            : last.target
              ? 'net (facets) over the target'
              : last.decisionRegions !== null
                ? 'logit of class 0 (one facet per region)'
                : 'net output (one facet per region)',
        })
      : '',
  );

  mapFig.addEventListener('click', (e) => {
    if (!last) return;
    const svg = mapFig.querySelector('svg');
    if (!svg) return;
    const p = toDataCoords(svg, e.clientX, e.clientY, last.box);
    if (!p) return;
    showRegionAt(p[0], p[1]);
  });

  function showRegionAt(x: number, y: number): void {
    if (!last) return;
    const r = last.regionList.find((reg) => inside(reg.vertices, x, y));
    if (!r) {
      regionInfo.textContent = `(${fmt(x)}, ${fmt(y)}): no region here (outside the box, or a smooth net).`;
      return;
    }
    regionInfo.replaceChildren(
      h('div', { text: `Point (${fmt(x)}, ${fmt(y)})` }),
      h('div', { text: `Activation pattern: ${r.pattern.join(' | ')}` }),
      h('div', {
        id: 'region-formula',
        text: `Output on this region: ${fmt(r.a[0], 4)}·x ${sign(r.a[1])} ${fmt(Math.abs(r.a[1]), 4)}·y ${sign(r.c)} ${fmt(Math.abs(r.c), 4)}`,
      }),
    );
  }

  worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    if (m.type === 'error') {
      setMessage(msg, m.message);
      if (m.fatal) {
        playing = false;
        playBtn.textContent = 'Play';
      }
      return;
    }
    if (!m.playing && playing) {
      playing = false;
      playBtn.textContent = 'Play';
    }
    last = m;
    render(m);
    if (m.playing) requestAnimationFrame(() => send({ type: 'ack' }));
  });
  worker.addEventListener('error', (e) => setMessage(msg, `The training worker failed: ${e.message}`));

  function render(f: Frame): void {
    mapFig.innerHTML = f.mapSvg;
    netFig.innerHTML = f.networkSvg;
    lossFig.innerHTML = f.lossSvg;
    countFig.innerHTML = f.countSvg;
    loss.input.value = f.lossName;
    surface.redraw();
    stats.replaceChildren(
      ...pair('Step', String(f.step), 'stat-step'),
      ...pair('Epoch', fmt(f.epoch, 2), 'stat-epoch'),
      ...pair('Loss', Number.isFinite(f.loss) ? f.loss.toPrecision(5) : String(f.loss), 'stat-loss'),
      ...pair(
        'Regions (exact)',
        f.regions === null ? `— (${f.note || 'smooth activation: no linear regions'})` : String(f.regions),
        'stat-regions',
      ),
      ...pair('Linear regions', f.linearRegions === null ? '—' : String(f.linearRegions), 'stat-linear'),
      ...(f.decisionRegions === null ? [] : pair('Decision regions', String(f.decisionRegions), 'stat-decision')),
      ...pair(
        'Bounds',
        f.boundsFamily ? `${f.boundsFamily}${f.bounds.length ? ': ' : ''}${f.bounds.map(([, text]) => text).join(' · ')}` : '—',
        'stat-bounds',
      ),
      ...pair('Frame', `${f.frameMs.toFixed(1)} ms (step + regions + SVG)`, 'stat-frame'),
    );
    root.dataset.step = String(f.step);
    root.dataset.ready = '1';
    syncHash();
  }

  function update(patch: Partial<TrainConfig>, restartNeeded = true): void {
    config = { ...config, ...patch };
    if (patch.hidden) modelText = undefined;
    if (config.dataset !== 'csv') csvText = undefined;
    if (restartNeeded) restart();
    else syncHash();
  }

  function syncControls(): void {
    ds.input.value = config.dataset === 'csv' ? DEFAULT_CONFIG.dataset : config.dataset;
    expr.input.value = config.expr;
    expr.root.hidden = config.dataset !== 'surface';
    sliceInput.root.hidden = config.dataset !== 'paraboloid';
    loss.input.value = config.loss;
    rank.input.value = String(config.rank);
    rank.root.hidden = !config.hidden.some((l) => l.activation === 'maxout');
    opt.input.value = config.optimizer;
    drawArch();
  }

  function syncHash(): void {
    const p = configToParams(config);
    if (includeWeights && last) p.set('w', toBase64Url(last.model));
    writeHash(p);
  }

  function restart(): void {
    setMessage(msg, '');
    playing = false;
    playBtn.textContent = 'Play';
    syncControls();
    const m: ToWorker = { type: 'init', config };
    if (csvText) m.csv = csvText;
    if (modelText) m.model = modelText;
    send(m);
  }

  restart();
}

function numberField(
  id: string,
  label: string,
  value: number,
  min: number,
  max: number,
  step: number,
  onCommit: (v: number) => void,
): { root: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { type: 'number', id, value, min, max, step });
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (!Number.isFinite(v) || v < min || v > max || input.value.trim() === '') {
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    onCommit(v);
  });
  return { root: h('div', { class: 'control' }, h('label', { for: id, text: label }), input), input };
}

function pair(k: string, v: string, id: string): HTMLElement[] {
  return [h('dt', { text: k }), h('dd', { id, text: v })];
}

const sign = (v: number): string => (v < 0 ? '−' : '+');

/** The architecture controls' view of an (already validated) model file. */
function hiddenOf(text: string): Pick<TrainConfig, 'hidden'> & Partial<Pick<TrainConfig, 'rank'>> {
  const layers = parseMlpText(text).layers.slice(0, -1);
  const hidden = layers.map((l) => ({ units: l.units, activation: l.activation }));
  const rank = layers.find((l) => l.activation === 'maxout')?.rank;
  return rank === undefined ? { hidden } : { hidden, rank };
}

/** Point-in-convex-polygon (CCW vertices) by cross products, inclusive of the boundary. */
function inside(v: readonly number[], x: number, y: number): boolean {
  const n = v.length / 2;
  let pos = false;
  let neg = false;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const cross = (v[2 * j] - v[2 * i]) * (y - v[2 * i + 1]) - (v[2 * j + 1] - v[2 * i + 1]) * (x - v[2 * i]);
    if (cross > 0) pos = true;
    else if (cross < 0) neg = true;
    if (pos && neg) return false;
  }
  return true;
}

/**
 * Maps a click to input coordinates through the SVG's plot area (the clip rectangle of the regions).
 */
function toDataCoords(
  svg: SVGSVGElement,
  clientX: number,
  clientY: number,
  box: readonly [number, number, number, number],
): [number, number] | null {
  const ctm = svg.getScreenCTM();
  if (!ctm) return null;
  const pt = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
  // render-svg's region map clips the regions to its plot rectangle: that rectangle is the box.
  const rect = svg.querySelector('clipPath rect');
  let px = 0;
  let py = 0;
  let pw = svg.viewBox.baseVal.width;
  let ph = svg.viewBox.baseVal.height;
  if (rect) [px, py, pw, ph] = ['x', 'y', 'width', 'height'].map((k) => Number(rect.getAttribute(k)));
  const u = (pt.x - px) / pw;
  const v = (pt.y - py) / ph;
  if (u < 0 || u > 1 || v < 0 || v > 1) return null;
  return [box[0] + u * (box[1] - box[0]), box[3] - v * (box[3] - box[2])];
}

export type { RegionInfo };
