import { byId, fmt, select, slider } from '../common/dom.js';
import { mountNav } from '../common/nav.js';
import { rotatable } from '../common/rotate.js';
import { guarded, sectionMessage, statLine } from '../common/section.js';
import type { Series } from '@tessera/render-svg';
import { curvesSvg, dragX, netSurfaceSvg, sampleCurve } from '../engine/figures.js';
import {
  boxTowerNet,
  bumpNet,
  linePieces,
  lookupTableNet,
  ngonAreaRatio,
  ngonHausdorffGap,
  ngonTowerNet,
  nielsenTarget,
  stepNet,
  towerNetSize,
} from '@tessera/geometry';

mountNav('towers');

const KINDS = ['sigmoid', 'relu'] as const;
/** Slider position 0…100 ↦ steepness 1…1000 (log scale), as Nielsen pushes w "past 100". */
const steep = (p: number): number => Math.round(10 ** (p / 33.33));

// ---------- 1. step ----------
{
  const st = { p: 50, s: 0.4, h: 1 };
  const controls = byId('step-controls');
  const sSlider = slider({ id: 'step-s', label: 'step point s = −b/w (or drag on a plot)', min: 0, max: 1, step: 0.01, value: st.s, onInput: (v) => { st.s = v; redraw(); } });
  const msg = sectionMessage(byId('sec-step'), 'step-message');
  const redraw = guarded(msg, () => {
    const w = steep(st.p);
    for (const kind of KINDS) {
      const mlp = stepNet(st.s, { kind, steepness: w, height: st.h });
      const c = sampleCurve(mlp, 0, 1);
      const opts: Parameters<typeof curvesSvg>[1] = { idPrefix: `step-${kind}-`, xDomain: [0, 1], yDomain: [Math.min(0, st.h) - 0.1, Math.max(0, st.h) + 0.1] };
      if (kind === 'relu') {
        const lp = linePieces(mlp, [0], [1]);
        const bx = Array.from(lp.linearBreakpoints);
        opts.breakpoints = { x: bx, y: bx.map((t) => sampleCurve(mlp, t, t, 1).y[0]) };
      }
      byId(`step-${kind === 'sigmoid' ? 'sig' : 'relu'}`).innerHTML = curvesSvg(
        [{ label: kind === 'sigmoid' ? `σ(${w}·(x − ${st.s}))` : `ramp, width 1/${w}`, ...c }],
        opts,
      );
    }
  });
  controls.append(
    slider({ id: 'step-w', label: 'steepness w', min: 0, max: 100, step: 1, value: st.p, format: (p) => String(steep(p)), onInput: (v) => { st.p = v; redraw(); } }).root,
    sSlider.root,
    slider({ id: 'step-h', label: 'output weight h', min: -1, max: 1.5, step: 0.05, value: st.h, onInput: (v) => { st.h = v; redraw(); } }).root,
  );
  // Drag on either plot to move the step point (the slider follows).
  for (const id of ['step-sig', 'step-relu'])
    dragX(byId(id), [0, 1], (x) => {
      st.s = Math.round(x * 100) / 100;
      sSlider.set(st.s);
      redraw();
    });
  redraw();
}

// ---------- 2. bumps and sums of bumps ----------
{
  const st = { p: 80, s1: 0.3, s2: 0.6, h: 0.8, n: 5, mode: 'bump' };
  const controls = byId('bump-controls');
  const msg = sectionMessage(byId('sec-bump'), 'bump-message');
  const stats = byId('bump-stats');
  const redraw = guarded(msg, () => {
    const w = steep(st.p);
    const items: Array<[string, string]> = [];
    for (const kind of KINDS) {
      let series: Series[];
      let title: string;
      if (st.mode === 'bump') {
        const mlp = bumpNet(Math.min(st.s1, st.s2 - 0.01), st.s2, { kind, steepness: w, height: st.h });
        series = [{ label: `bump of height ${st.h}`, ...sampleCurve(mlp, 0, 1) }];
        title = `${kind} bump: ${towerNetSize(mlp).neurons} neurons`;
      } else {
        const mlp = lookupTableNet(nielsenTarget, [0, 1], { kind, steepness: w, bumps: st.n });
        const c = sampleCurve(mlp, 0, 1);
        const t = sampleCurve(mlp, 0, 1).x.map((x) => nielsenTarget(x));
        let dev = 0;
        for (let i = 0; i < t.length; i++) dev += Math.abs(c.y[i] - t[i]);
        dev /= t.length;
        items.push([`${kind}: ${towerNetSize(mlp).neurons} neurons, mean |net − f|`, fmt(dev, 4)]);
        series = [
          { label: `${st.n} bumps`, ...c },
          { label: 'f(x) (Nielsen eq. 113)', x: c.x, y: t },
        ];
        title = `${kind}: sum of ${st.n} bumps`;
      }
      byId(`bump-${kind === 'sigmoid' ? 'sig' : 'relu'}`).innerHTML = curvesSvg(series, { idPrefix: `bump-${kind}-`, title });
    }
    statLine(stats, items);
  });
  controls.append(
    select('bump-mode', 'show', [['bump', 'one bump'], ['sum', 'sum of bumps ≈ f']], st.mode, (v) => { st.mode = v; redraw(); }).root,
    slider({ id: 'bump-w', label: 'steepness w', min: 0, max: 100, step: 1, value: st.p, format: (p) => String(steep(p)), onInput: (v) => { st.p = v; redraw(); } }).root,
    slider({ id: 'bump-s1', label: 's1', min: 0, max: 1, step: 0.01, value: st.s1, onInput: (v) => { st.s1 = v; redraw(); } }).root,
    slider({ id: 'bump-s2', label: 's2', min: 0, max: 1, step: 0.01, value: st.s2, onInput: (v) => { st.s2 = v; redraw(); } }).root,
    slider({ id: 'bump-h', label: 'height h', min: -1, max: 1.5, step: 0.05, value: st.h, onInput: (v) => { st.h = v; redraw(); } }).root,
    slider({ id: 'bump-n', label: 'bumps N', min: 1, max: 40, step: 1, value: st.n, onInput: (v) => { st.n = v; redraw(); } }).root,
  );
  redraw();
}

// ---------- 3. 2D tower from two hidden layers ----------
{
  // t: the second-layer threshold in units of h (Nielsen's bias b = −t·h; t = 3/2 isolates the
  // tower, t < 1 lets the cross-shaped plateau through). ReLU: relu(Bx + By − (t − ½)).
  const st = { p: 60, gain: 10, t: 1.5 };
  const controls = byId('tower-controls');
  const msg = sectionMessage(byId('sec-tower'), 'tower-message');
  const stats = byId('tower-stats');
  const box: [number, number, number, number] = [0, 1, 0, 1];
  const figs = KINDS.map((kind) =>
    rotatable(byId(`tower-${kind === 'sigmoid' ? 'sig' : 'relu'}`), (view) => {
      try {
        const mlp = boxTowerNet([0.4, 0.6, 0.3, 0.7], { kind, steepness: steep(st.p), gain: st.gain });
        mlp.layers[1].bias[0] = kind === 'sigmoid' ? -st.t * st.gain : -(st.t - 0.5);
        const r = netSurfaceSvg(mlp, box, view, { idPrefix: `tower-${kind}-`, title: `${kind} tower` });
        if (kind === 'relu') lastRelu = r.regions;
        return r.svg;
      } catch (err) {
        msg.hidden = false;
        msg.textContent = err instanceof Error ? err.message : String(err);
        return '';
      }
    }),
  );
  let lastRelu: number | null = null;
  const redraw = guarded(msg, () => {
    for (const f of figs) f.redraw();
    statLine(stats, [
      ['x-steps at', '0.4, 0.6'],
      ['y-steps at', '0.3, 0.7'],
      ['second-layer bias', `b = −${fmt(st.t, 2)}·h = ${fmt(-st.t * st.gain)} (sigmoid), ${fmt(0.5 - st.t, 2)} (ReLU)`],
      ['Nielsen’s choice', 't = 3/2'],
      ['ReLU tower: exact activation regions in [0,1]²', lastRelu === null ? '—' : String(lastRelu)],
    ]);
  });
  controls.append(
    slider({ id: 'tower-w', label: 'first-layer steepness w', min: 0, max: 100, step: 1, value: st.p, format: (p) => String(steep(p)), onInput: (v) => { st.p = v; redraw(); } }).root,
    slider({ id: 'tower-t', label: 'threshold t (bias b = −t·h)', min: 0.25, max: 2.25, step: 0.05, value: st.t, onInput: (v) => { st.t = v; redraw(); } }).root,
    slider({ id: 'tower-h', label: 'h (sigmoid second-layer gain)', min: 0.5, max: 30, step: 0.5, value: st.gain, onInput: (v) => { st.gain = v; redraw(); } }).root,
  );
  redraw();
}

// ---------- 4. n-gon towers with one hidden layer ----------
{
  const st = { n: 6, r: 0.6, p: 70, threshold: 'none' as 'none' | 'sigmoid' | 'relu' };
  const controls = byId('ngon-controls');
  const msg = sectionMessage(byId('sec-ngon'), 'ngon-message');
  const stats = byId('ngon-stats');
  const box: [number, number, number, number] = [-2, 2, -2, 2];
  let lastRelu: number | null = null;
  const figs = KINDS.map((kind) =>
    rotatable(byId(`ngon-${kind === 'sigmoid' ? 'sig' : 'relu'}`), (view) => {
      try {
        const threshold = st.threshold === 'none' ? 'none' : kind;
        const mlp = ngonTowerNet({ n: st.n, r: st.r, kind, steepness: steep(st.p), threshold });
        const r = netSurfaceSvg(mlp, box, view, { idPrefix: `ngon-${kind}-`, title: `${st.n}-gon, ${kind}${threshold === 'none' ? ' (skirts)' : ', thresholded'}`, grid: 81 });
        if (kind === 'relu') lastRelu = r.regions;
        return r.svg;
      } catch (err) {
        msg.hidden = false;
        msg.textContent = err instanceof Error ? err.message : String(err);
        return '';
      }
    }),
  );
  const redraw = guarded(msg, () => {
    for (const f of figs) f.redraw();
    statLine(stats, [
      ['plateau height', `n·h = ${st.n}`],
      ['far-field skirt ≈', `n·h/2 = ${st.n / 2}`],
      ['n-gon area / disc area', fmt(ngonAreaRatio(st.n), 5)],
      ['Hausdorff gap to the disc', fmt(ngonHausdorffGap(st.n, st.r), 5)],
      ['ReLU net: exact regions in the box', lastRelu === null ? '—' : String(lastRelu)],
    ]);
  });
  controls.append(
    slider({ id: 'ngon-n', label: 'sides n', min: 3, max: 48, step: 1, value: st.n, onInput: (v) => { st.n = v; redraw(); } }).root,
    slider({ id: 'ngon-r', label: 'apothem r', min: 0.2, max: 1.5, step: 0.05, value: st.r, onInput: (v) => { st.r = v; redraw(); } }).root,
    slider({ id: 'ngon-w', label: 'steepness w', min: 0, max: 100, step: 1, value: st.p, format: (p) => String(steep(p)), onInput: (v) => { st.p = v; redraw(); } }).root,
    select('ngon-threshold', 'output', [['none', 'linear sum (skirts)'], ['sigmoid', 'thresholded at n − ½']], st.threshold, (v) => { st.threshold = v as typeof st.threshold; redraw(); }).root,
  );
  redraw();
}

document.body.dataset.ready = '1';
