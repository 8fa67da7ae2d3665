import { byId, h } from '../common/dom.js';
import { mountNav, PAGE_LINKS } from '../common/nav.js';
import { rotatable } from '../common/rotate.js';
import { surfaceSvg } from '../engine/render.js';
import { DEFAULT_CONFIG } from '../train/config.js';
import type { Frame, FromWorker, ToWorker } from '../train/protocol.js';

mountNav('index');

const BLURBS: Record<string, string> = {
  towers: 'Nielsen’s visual proof, interactive: steps, bumps, 2D towers, n-gon towers with skirts — sigmoid and ReLU side by side, in 3D.',
  approximate: 'Type any f(x, y); build a tower network for it, measure its exact error, then train a net with the same neuron budget.',
  train: 'A playground: train in a Web Worker and watch the exact linear regions, the faceted surface and the counts against the bounds.',
  depth: 'Deep vs shallow with the same units, Montúfar’s construction, Telgarsky’s sawtooth, and counts against every bound.',
  questions: 'Smooth or discrete? One hidden layer? Must weights be zero — and n-gon towers approaching a circle. Plus backprop by hand.',
};
const cards = byId('cards');
for (const [page, title] of PAGE_LINKS.slice(1))
  cards.append(h('a', { href: `./${page}.html` }, h('strong', { text: title }), h('span', { text: BLURBS[page] ?? '' })));

// The running example: a 2-8-8-1 ReLU net trained on x² + y² + 3 in the training worker.
const STEPS = 600;
const worker = new Worker(new URL('../train/worker.ts', import.meta.url), { type: 'module' });
let last: Frame | null = null;
const surface = rotatable(byId('home-surface'), (view) =>
  last ? surfaceSvg(last.regionList, last.box, view, { neighbors: last.neighbors, target: last.target, title: '' }) : '',
);
worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  if (m.type === 'error') {
    byId('home-stats').textContent = m.message;
    document.body.dataset.ready = '1';
    return;
  }
  if (m.step < STEPS) {
    worker.postMessage({ type: 'step', steps: STEPS } satisfies ToWorker);
    return;
  }
  last = m;
  byId('home-map').innerHTML = m.mapSvg;
  surface.redraw();
  byId('home-stats').textContent = `After ${m.step} Adam steps: training MSE ${m.loss.toPrecision(3)}, exactly ${m.regions} activation regions (${m.linearRegions} linear regions) in [−2, 2]²; the ${m.boundsFamily} bounds for 2-8-8-1 on all of ℝ²: ${m.bounds.map(([, text]) => text).join(', ')}.`;
  document.body.dataset.ready = '1';
});
worker.postMessage({ type: 'init', config: { ...DEFAULT_CONFIG, stepsPerFrame: STEPS } } satisfies ToWorker);
