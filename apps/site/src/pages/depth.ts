import { createMlp, createRng, type Mlp } from '@tessera/nn-core';
import { byId, h, select, slider } from '../common/dom.js';
import { mountNav } from '../common/nav.js';
import { guarded, sectionMessage, statLine } from '../common/section.js';
import { linePieces, montufarFoldingNet, sawtoothNet, zigzagNet } from '@tessera/geometry';
import { regionsVsTheory } from '@tessera/render-svg';
import { curvesSvg, netRegionMapSvg } from '../engine/figures.js';
import { boundsOf } from '../engine/geometry.js';
import { drawSafely } from '../engine/render.js';
import { pieceCurve } from '../engine/towers.js';

mountNav('depth');

const app = byId('depth-app');
const UNIT: [number, number, number, number] = [0, 1, 0, 1];

// ---------- 1. same units, different depth; the constructions ----------
const s1 = h('section', { id: 'sec-compare' });
s1.append(
  h('h2', { text: '1. Sixteen ReLUs: shallow, deep, and built to be deep' }),
  h('p', {
    class: 'lede',
    text: 'Each map is the exact partition of [0, 1]² into activation regions. The random nets use He initialisation with the seed below; the constructions are Montúfar et al.’s folding net (the 2014 lower bound) and the “n+1” zig-zag (Serra et al. 2018), built by @tessera/geometry.',
  }),
);
const c1 = h('div', { class: 'controls' });
const grid1 = h('div', { class: 'grid' });
const table1 = h('div', { class: 'table-wrap' });
const msg1 = sectionMessage(s1, 'compare-message');
s1.append(c1, grid1, table1);
app.append(s1);

interface Entry {
  name: string;
  mlp: Mlp;
}

/**
 * A seeded random ReLU net (nn-core's He initialisation) whose hidden units switch inside the unit
 * box: each unit's bias is set so that its switching line passes through a random point of the box
 * (He biases are 0, which would put every first-layer line through the origin, a corner).
 */
function he(widths: number[], seed: number): Mlp {
  const mlp = createMlp({ arch: widths, activation: 'relu', seed });
  const rng = createRng(seed * 7 + widths.length);
  let lo = new Float64Array([0, 0]);
  let hi = new Float64Array([1, 1]);
  for (let l = 0; l < mlp.layers.length - 1; l++) {
    const layer = mlp.layers[l];
    for (let j = 0; j < layer.rows; j++) {
      let s = 0;
      for (let i = 0; i < layer.nIn; i++) s += layer.weights[j * layer.nIn + i] * rng.uniform(lo[i], hi[i]);
      layer.bias[j] = -s;
    }
    // The next layer's inputs range over [0, max]; aim its lines inside that range.
    lo = new Float64Array(layer.units);
    hi = new Float64Array(layer.units).fill(0.5);
  }
  return mlp;
}

const st1 = { seed: 1 };
const draw1 = guarded(msg1, () => {
  const entries: Entry[] = [
    { name: 'random shallow 2-16-1', mlp: he([2, 16, 1], st1.seed) },
    { name: 'random deep 2-8-8-1', mlp: he([2, 8, 8, 1], st1.seed) },
    { name: 'Montúfar folding 2-8-8-1', mlp: montufarFoldingNet([2, 8, 8, 1]) },
    { name: 'zig-zag 2-8-8-1', mlp: zigzagNet([2, 8, 8, 1]) },
  ];
  grid1.replaceChildren();
  const rows: HTMLElement[] = [];
  for (const [i, e] of entries.entries()) {
    const r = netRegionMapSvg(e.mlp, UNIT, { idPrefix: `cmp${i}-`, title: e.name, width: 360 });
    const line = linePieces(e.mlp, [0, 0], [1, 1]);
    const fig = h('div', { class: 'figure' });
    fig.innerHTML = r.svg;
    grid1.append(h('div', { class: 'panel' }, fig, h('p', { class: 'stats', id: `cmp-count-${i}`, text: `${r.regions} activation regions, ${r.linearRegions} linear regions; ${line.pieces} pieces on the diagonal` })));
    const b = boundsOf(e.mlp);
    rows.push(
      h('tr', {}, h('td', { text: e.name }), h('td', { text: String(r.regions) }), h('td', { text: String(r.linearRegions) }), h('td', { text: String(line.pieces) }), h('td', { text: `${b.family}: ${b.bounds.map((x) => x.text).join(' · ')}` })),
    );
  }
  const table = h('table', {}, h('thead', {}, h('tr', {}, ...['net', 'regions (exact)', 'linear regions', 'pieces on the diagonal', 'bounds for the architecture (on ℝ²)'].map((t) => h('th', { text: t })))), h('tbody', {}, ...rows));
  table1.replaceChildren(table);
});
c1.append(slider({ id: 'cmp-seed', label: 'seed of the random nets', min: 1, max: 50, step: 1, value: st1.seed, onInput: (v) => { st1.seed = v; draw1(); } }).root);
draw1();

// ---------- 2. regions vs theory as N grows ----------
const s2 = h('section', { id: 'sec-theory' });
s2.append(h('h2', { text: '2. Counts against every bound, as the number of neurons grows' }));
const fig2 = h('div', { class: 'figure wide', id: 'theory-chart' });
const msg2 = sectionMessage(s2, 'theory-message');
const foldNote = h('p', { class: 'stats', id: 'fold-counts' });
s2.append(fig2, h('p', { class: 'hint', text: 'Points: exact counts in [0, 1]² of random nets (mean of 3 seeds). Dashed: bounds for two equal hidden layers of N/2 units each (on all of ℝ², so they bound any box).' }), foldNote);
app.append(s2);
guarded(msg2, () => {
  const Ns = [4, 8, 12, 16, 20, 24];
  const shallowY: number[] = [];
  const deepY: number[] = [];
  const foldY: number[] = [];
  const boundSeries = new Map<string, number[]>();
  for (const N of Ns) {
    let a = 0;
    let b = 0;
    for (let seed = 1; seed <= 3; seed++) {
      a += netRegionMapSvg(he([2, N, 1], seed), UNIT, { idPrefix: 'x' }).regions ?? 0;
      b += netRegionMapSvg(he([2, N / 2, N / 2, 1], seed), UNIT, { idPrefix: 'x' }).regions ?? 0;
    }
    shallowY.push(a / 3);
    deepY.push(b / 3);
    foldY.push(netRegionMapSvg(montufarFoldingNet([2, N / 2, N / 2, 1]), UNIT, { idPrefix: 'x' }).regions ?? 0);
    for (const bd of boundsOf(he([2, N / 2, N / 2, 1], 1)).bounds) {
      if (!boundSeries.has(bd.name)) boundSeries.set(bd.name, []);
      boundSeries.get(bd.name)?.push(bd.value ?? Number.NaN);
    }
  }
  const bounds = [...boundSeries.entries()]
    .filter(([, ys]) => ys.length === Ns.length && ys.every((y) => Number.isFinite(y) && y > 0 && y < 1e9))
    .map(([label, y]) => ({ label, x: Ns, y }));
  foldNote.textContent = `Montúfar’s folding net 2-N/2-N/2-1 counted exactly in [0, 1]²: ${Ns.map((n, i) => `N = ${n}: ${foldY[i]}`).join(', ')} — on the Montúfar14 LB line, as the theorem says.`;
  fig2.innerHTML = drawSafely('regions vs theory', () =>
    regionsVsTheory(
    {
      measured: [
        { label: 'random 2-N-1', x: Ns, y: shallowY },
        { label: 'random 2-N/2-N/2-1', x: Ns, y: deepY },
      ],
      bounds,
    },
    { width: 720, height: 380, idPrefix: 'th-', title: 'Regions vs theory' },
    ),
  );
})();

// ---------- 3. sawtooth ----------
const s3 = h('section', { id: 'sec-sawtooth' });
s3.append(h('h2', { text: '3. Telgarsky’s sawtooth: 2 ReLUs per layer, 2^L pieces' }));
const c3 = h('div', { class: 'controls' });
const fig3 = h('div', { class: 'figure narrow', id: 'sawtooth' });
const stats3 = h('p', { class: 'stats', id: 'sawtooth-stats' });
const msg3 = sectionMessage(s3, 'sawtooth-message');
s3.append(c3, fig3, stats3);
app.append(s3);
const st3 = { L: 3, domain: 'unit' };
const draw3 = guarded(msg3, () => {
  const mlp = sawtoothNet(st3.L);
  const [a, b] = st3.domain === 'unit' ? [0, 1] : [-1, 2];
  const lp = linePieces(mlp, [a], [b]);
  const c = pieceCurve(lp, a, b);
  fig3.innerHTML = curvesSvg([{ label: `m^${st3.L}(x)`, x: c.x, y: c.y }], {
    idPrefix: 'saw-',
    breakpoints: { x: c.bx, y: c.by },
    title: `sawtooth, L = ${st3.L}`,
  });
  const units = 2 * st3.L;
  statLine(stats3, [
    ['hidden units', String(units)],
    [`exact pieces on [${a}, ${b}]`, String(lp.linearPieces)],
    ['2^L', String(2 ** st3.L)],
    ['one hidden layer needs at least', `${lp.linearPieces - 1} units (Arora et al. Thm 2.2)`],
  ]);
});
c3.append(
  slider({ id: 'saw-L', label: 'layers L', min: 1, max: 10, step: 1, value: st3.L, onInput: (v) => { st3.L = v; draw3(); } }).root,
  select('saw-domain', 'interval', [['unit', '[0, 1]'], ['wide', '[−1, 2]']], st3.domain, (v) => { st3.domain = v; draw3(); }).root,
);
draw3();

// ---------- 4. pieces along a line ----------
const s4 = h('section', { id: 'sec-line' });
s4.append(h('h2', { text: '4. Region counts along a line (a 1D slice)' }), h('p', { class: 'lede', text: 'Along a segment the net is piecewise linear in one variable; geometry finds every breakpoint exactly. At initialisation the count grows about linearly with the number of neurons, whatever the depth (Hanin & Rolnick 2019).' }));
const c4 = h('div', { class: 'controls' });
const fig4 = h('div', { class: 'figure narrow', id: 'line-plot' });
const stats4 = h('p', { class: 'stats', id: 'line-stats' });
const msg4 = sectionMessage(s4, 'line-message');
s4.append(c4, fig4, stats4);
app.append(s4);
const st4 = { arch: '2-8-8-1', seed: 1 };
const draw4 = guarded(msg4, () => {
  const widths = st4.arch.split('-').map(Number);
  const mlp = he(widths, st4.seed);
  const lp = linePieces(mlp, [0, 0], [1, 1]);
  const c = pieceCurve(lp, 0, 1);
  fig4.innerHTML = curvesSvg([{ label: 'net along (0,0) → (1,1)', x: c.x, y: c.y }], {
    idPrefix: 'line-',
    xLabel: 't',
    breakpoints: { x: c.bx, y: c.by },
    title: `${st4.arch}: ${lp.pieces} pieces on the diagonal`,
  });
  statLine(stats4, [
    ['activation pieces', String(lp.pieces)],
    ['linear pieces', String(lp.linearPieces)],
    ['hidden neurons N', String(widths.slice(1, -1).reduce((a, b) => a + b, 0))],
  ]);
});
c4.append(
  select('line-arch', 'architecture', [['2-16-1', '2-16-1'], ['2-8-8-1', '2-8-8-1'], ['2-4-4-4-4-1', '2-4-4-4-4-1'], ['2-32-1', '2-32-1'], ['2-16-16-1', '2-16-16-1'], ['2-8-8-8-8-1', '2-8-8-8-8-1']], st4.arch, (v) => { st4.arch = v; draw4(); }).root,
  slider({ id: 'line-seed', label: 'seed', min: 1, max: 50, step: 1, value: st4.seed, onInput: (v) => { st4.seed = v; draw4(); } }).root,
);
draw4();

document.body.dataset.ready = '1';
