import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPage, SHOTS } from './browser.js';

const BASE = inject('baseUrl');
const SUBFOLDER = inject('subfolderUrl');
const PAGES = ['index', 'towers', 'approximate', 'train', 'depth', 'questions'];
const FIVE_LINES = fileURLToPath(new URL('./fixtures/five-lines-2-5-1.json', import.meta.url));
const RAGGED = fileURLToPath(new URL('./fixtures/ragged.csv', import.meta.url));
const XOR = fileURLToPath(new URL('./fixtures/xor-small.csv', import.meta.url));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function trainReady(page: Page, step?: number): Promise<void> {
  await page.waitForFunction(
    (s) => {
      const el = document.getElementById('train-app');
      return el?.dataset.ready === '1' && (s === undefined || el.dataset.step === String(s));
    },
    step,
    { timeout: 30_000 },
  );
}

const text = async (page: Page, id: string): Promise<string> => (await page.locator(`#${id}`).textContent()) ?? '';

describe('every page', () => {
  for (const name of PAGES) {
    it(`${name}.html loads without console errors`, async () => {
      const { page, errors } = await openPage(browser, `${BASE}${name}.html`);
      await page.waitForLoadState('networkidle');
      if (name === 'train') await trainReady(page);
      else await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 30_000 });
      await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('works from a sub-folder of any static server (relative URLs, worker included)', async () => {
    const { page, errors } = await openPage(browser, `${SUBFOLDER}train.html`);
    await trainReady(page, 0);
    expect(Number(await text(page, 'stat-regions'))).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is readable at phone width (no horizontal scrolling on any page)', async () => {
    for (const name of PAGES) {
      const { page, errors } = await openPage(browser, `${BASE}${name}.html`, { width: 390, height: 844 });
      if (name === 'train') await trainReady(page);
      else await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 30_000 });
      if (name === 'train' || name === 'towers') await page.screenshot({ path: `${SHOTS}${name}-phone.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, name).toBeLessThanOrEqual(1);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});

describe('train page', () => {
  it('training N steps changes the loss and the region count', async () => {
    const { page, errors } = await openPage(browser, `${BASE}train.html#ds=paraboloid-regression&arch=8:relu,8:relu&seed=1&lr=0.03&opt=adam&batch=32&spf=40`);
    await trainReady(page, 0);
    const loss0 = Number(await text(page, 'stat-loss'));
    const regions0 = Number(await text(page, 'stat-regions'));
    expect(loss0).toBeGreaterThan(0);
    expect(regions0).toBeGreaterThan(1);
    for (let i = 1; i <= 3; i++) {
      await page.click('#step');
      await trainReady(page, 40 * i);
    }
    const loss1 = Number(await text(page, 'stat-loss'));
    const regions1 = Number(await text(page, 'stat-regions'));
    expect(loss1).toBeLessThan(loss0);
    expect(regions1).not.toBe(regions0);
    await page.screenshot({ path: `${SHOTS}train-trained.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('dragging the 3D view rotates it, and the arrow keys do too', async () => {
    const { page, errors } = await openPage(browser, `${BASE}train.html`);
    await trainReady(page);
    const fig = page.locator('#surface');
    const az0 = Number(await fig.getAttribute('data-azimuth'));
    const svg0 = await fig.innerHTML();
    const box = await fig.boundingBox();
    if (!box) throw new Error('no surface box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 10, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction((a) => Number(document.getElementById('surface')?.dataset.azimuth) !== a, az0);
    const az1 = Number(await fig.getAttribute('data-azimuth'));
    expect(Math.abs(az1 - az0)).toBeGreaterThan(20);
    expect(await fig.innerHTML()).not.toBe(svg0);
    await fig.focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((a) => Number(document.getElementById('surface')?.dataset.azimuth) !== a, az1);
    expect(Number(await fig.getAttribute('data-azimuth'))).toBeCloseTo(az1 - 5, 5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('importing a known model shows its known region count (14 = 1 + 5 lines + 8 crossings)', async () => {
    const { page, errors } = await openPage(browser, `${BASE}train.html`);
    await trainReady(page);
    await page.setInputFiles('#model-file', FIVE_LINES);
    await page.waitForFunction(() => document.getElementById('stat-regions')?.textContent === '14');
    // Clicking a region shows its pattern and formula. At (1.5, 1.5) all five units are active and
    // the output is (x + 1) − 2(x − 1) + 0.5(y + 1) − 1.5(y − 1) + (x + y − 0.5) = 0·x + 0·y + 4.5.
    const [cx, cy] = await page.evaluate(
      ([x, y]) => {
        const svg = document.querySelector('#region-map svg') as SVGSVGElement;
        const r = svg.querySelector('clipPath rect') as SVGRectElement;
        const [px, py, pw, ph] = ['x', 'y', 'width', 'height'].map((k) => Number(r.getAttribute(k)));
        const p = new DOMPoint(px + ((x + 2) / 4) * pw, py + ((2 - y) / 4) * ph).matrixTransform(svg.getScreenCTM() as DOMMatrix);
        return [p.x, p.y];
      },
      [1.5, 1.5],
    );
    await page.mouse.click(cx, cy);
    // Export writes the model back as tessera.mlp (the same 5 units).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const exported = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(exported.format).toBe('tessera.mlp');
    expect(exported.layers[0].bias).toEqual([1, -1, 1, -1, -0.5]);
    const info = await text(page, 'region-info');
    expect(info).toContain('11111');
    const nums = ((await text(page, 'region-formula')).match(/−?\d[\d.e+−-]*/g) ?? []).map((v) => Number(v.replace(/−/g, '-')));
    expect(nums).toHaveLength(3);
    expect(Math.abs(nums[0])).toBeLessThan(1e-9);
    expect(Math.abs(nums[1])).toBeLessThan(1e-9);
    expect(nums[2]).toBeCloseTo(4.5, 9);
    await page.screenshot({ path: `${SHOTS}train-imported.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a bad expression shows an inline error and keeps the previous state', async () => {
    const { page, errors } = await openPage(browser, `${BASE}train.html#ds=surface&f=sin(x)*y&arch=4:relu&seed=2`);
    await trainReady(page);
    const before = await text(page, 'stat-regions');
    await page.fill('#expr', 'x = 1; import(evil)');
    await page.press('#expr', 'Enter');
    const msg = page.locator('#train-message');
    await msg.waitFor({ state: 'visible' });
    expect(await msg.textContent()).toMatch(/Expression not used/);
    expect(await text(page, 'stat-regions')).toBe(before);
    expect(page.url()).toContain('f=sin');
    await page.screenshot({ path: `${SHOTS}train-bad-expression.png` });
    // A malformed upload is refused the same way.
    await page.setInputFiles('#model-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"tessera.mlp","version":1,"inputDim":2,"layers":[{"activation":"relu","weights":[[1,2],[3]],"bias":[0,0]}]}') });
    await page.waitForFunction(() => /layers\[0\]\.weights\[1\]/.test(document.getElementById('train-message')?.textContent ?? ''));
    expect(await text(page, 'stat-regions')).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('plays and pauses; the 3-input paraboloid set shows the exact regions of a plane x3 = c', async () => {
    const { page, errors } = await openPage(browser, `${BASE}train.html#ds=paraboloid&arch=6:relu&seed=3&loss=bce&lr=0.02&spf=20&x3=1`);
    await trainReady(page, 0);
    expect(Number(await text(page, 'stat-regions'))).toBeGreaterThan(1);
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('train-app')?.dataset.step) >= 60);
    await page.click('#play');
    await page.waitForTimeout(300);
    const stopped = await page.getAttribute('#train-app', 'data-step');
    await page.waitForTimeout(500);
    expect(await page.getAttribute('#train-app', 'data-step')).toBe(stopped);
    await page.screenshot({ path: `${SHOTS}train-paraboloid-3d.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a smooth (tanh) net has no regions: heatmap and sampled surface instead', async () => {
    const { page, errors } = await openPage(browser, `${BASE}train.html#ds=moons&arch=8:tanh,8:tanh&loss=bce&seed=2&spf=50`);
    await trainReady(page, 0);
    await page.click('#step');
    await trainReady(page, 50);
    expect(await text(page, 'stat-regions')).toMatch(/tanh is smooth/);
    expect(await page.locator('#region-map svg').count()).toBe(1);
    expect(await page.locator('#surface svg').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}train-tanh.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('three blobs train a softmax net of rank-3 maxout units; the map shows the exact argmax regions', async () => {
    const { page, errors } = await openPage(browser, `${BASE}train.html#ds=blobs&n=300&arch=6:maxout,6:maxout&rank=3&seed=3&lr=0.02&spf=60`);
    await trainReady(page, 0);
    expect(await page.inputValue('#rank')).toBe('3');
    expect(await page.inputValue('#loss')).toBe('softmax_cross_entropy');
    const loss0 = Number(await text(page, 'stat-loss'));
    await page.click('#step');
    await trainReady(page, 60);
    expect(Number(await text(page, 'stat-loss'))).toBeLessThan(loss0);
    // Three classes in three separated blobs: at least three connected argmax regions.
    expect(Number(await text(page, 'stat-decision'))).toBeGreaterThanOrEqual(3);
    expect(await text(page, 'stat-bounds')).toMatch(/^maxout rank 3: .*k\^N 531441/);
    expect(await page.locator('#region-map svg').textContent()).toContain('class boundary');
    await page.screenshot({ path: `${SHOTS}train-blobs-maxout.png`, fullPage: true });
    // prelu: the two-piece bounds only, labelled as such.
    await page.selectOption('#act-0', 'prelu');
    await page.selectOption('#act-1', 'prelu');
    await page.waitForFunction(() => /^prelu:/.test(document.getElementById('stat-bounds')?.textContent ?? ''));
    expect(await page.locator('#rank').isHidden()).toBe(true);
    const bounds = await text(page, 'stat-bounds');
    expect(bounds).toMatch(/^prelu: bounds valid for leaky\/abs/);
    expect(bounds).not.toMatch(/Serra18 UB|LB/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a malformed CSV is refused inline; a good one trains', async () => {
    const { page, errors } = await openPage(browser, `${BASE}train.html`);
    await trainReady(page);
    const before = await text(page, 'stat-regions');
    await page.setInputFiles('#csv-file', RAGGED);
    await page.waitForFunction(() => /CSV not loaded/.test(document.getElementById('train-message')?.textContent ?? ''));
    expect(await text(page, 'train-message')).toMatch(/line 3/);
    expect(await text(page, 'stat-regions')).toBe(before);
    await page.setInputFiles('#csv-file', XOR);
    await page.waitForFunction(() => document.getElementById('train-message')?.hidden === true);
    await trainReady(page, 0);
    expect(await text(page, 'stat-loss')).not.toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a URL reproduces the state', async () => {
    const hash = '#ds=circle&n=300&noise=0.1&seed=5&arch=6:relu,5:leaky_relu&loss=bce&opt=momentum&lr=0.05&batch=20&spf=30';
    const results: string[] = [];
    for (let k = 0; k < 2; k++) {
      const { page, errors } = await openPage(browser, `${BASE}train.html${hash}`);
      await trainReady(page, 0);
      expect(await page.inputValue('#ds')).toBe('circle');
      expect(await page.inputValue('#units-1')).toBe('5');
      expect(await page.inputValue('#act-1')).toBe('leaky_relu');
      // relu + leaky_relu: only bounds whose proof survives leaky units, and the label says so.
      expect(await text(page, 'stat-bounds')).toMatch(/^relu\/leaky_relu: bounds valid for leaky\/abs \(theory §8\.3\): .*Montúfar17 UB/);
      expect(await text(page, 'stat-bounds')).not.toMatch(/Serra18/);
      expect(await page.inputValue('#opt')).toBe('momentum');
      expect(await page.inputValue('#lr')).toBe('0.05');
      await page.click('#step');
      await trainReady(page, 30);
      results.push(`${await text(page, 'stat-loss')} ${await text(page, 'stat-regions')}`);
      if (k === 0) await page.screenshot({ path: `${SHOTS}train-circle.png`, fullPage: true });
      // With the weights in the link, a copy of the URL reproduces the trained net.
      await page.check('#link-weights');
      const url = page.url();
      expect(url).toContain('&w=');
      const copy = await openPage(browser, url);
      await trainReady(copy.page, 0);
      expect(await text(copy.page, 'stat-regions')).toBe(await text(page, 'stat-regions'));
      expect(errors).toEqual([]);
      expect(copy.errors).toEqual([]);
      await copy.page.close();
      await page.close();
    }
    expect(results[0]).toBe(results[1]);
  });
});

describe('other pages', () => {
  it('approximate: a bad expression keeps the tower net; a same-budget net trains', async () => {
    const { page, errors } = await openPage(browser, `${BASE}approximate.html#f=x%5E2%20%2B%20y%5E2%20%2B%203&k=3&kind=relu&layers=2`);
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    const neurons = await text(page, 'ap-neurons');
    expect(Number(neurons)).toBeGreaterThan(0);
    await page.fill('#ap-expr', 'x +* y');
    await page.press('#ap-expr', 'Enter');
    await page.locator('#approx-error').waitFor({ state: 'visible' });
    expect(await text(page, 'ap-neurons')).toBe(neurons);
    await page.fill('#ap-expr', 'x^2 + y^2 + 3');
    await page.press('#ap-expr', 'Enter');
    await page.click('#ap-train');
    await page.waitForSelector('#tr-sup', { timeout: 60_000 });
    expect(Number(await text(page, 'tr-sup'))).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}approximate-trained.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('questions: backprop by hand matches nn-core and the gradient check passes', async () => {
    const { page, errors } = await openPage(browser, `${BASE}questions.html`);
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    expect(Number(await page.getAttribute('#bp-steps', 'data-max-diff'))).toBeLessThan(1e-12);
    await page.click('#bp-run-gradcheck');
    await page.waitForSelector('#bp-gradcheck-result');
    expect(await text(page, 'bp-gradcheck-result')).toMatch(/passes/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('depth: the constructions reach their theorems’ counts (592 folding, 925 zig-zag) and L layers of the sawtooth give 2^L pieces', async () => {
    const { page, errors } = await openPage(browser, `${BASE}depth.html`);
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    expect(await text(page, 'cmp-count-2')).toMatch(/^592 activation regions, 592 linear regions/);
    expect(await text(page, 'cmp-count-3')).toMatch(/^925 activation regions, 925 linear regions/);
    expect(await text(page, 'fold-counts')).toContain('N = 16: 592');
    await page.fill('#saw-L', '5');
    await page.dispatchEvent('#saw-L', 'input');
    await page.waitForFunction(() => /pieces on \[0, 1\] 32/.test(document.getElementById('sawtooth-stats')?.textContent ?? ''));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('towers: keyboard on a slider redraws the n-gon and its numbers', async () => {
    const { page, errors } = await openPage(browser, `${BASE}towers.html`);
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    // theory.md §4.2 fixture relu_tower: 29 activation regions in [0, 1]².
    expect(await text(page, 'tower-stats')).toMatch(/exact activation regions in \[0,1\]² 29$/);
    const before = await text(page, 'ngon-stats');
    await page.focus('#ngon-n');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((b) => document.getElementById('ngon-stats')?.textContent !== b, before);
    expect(await text(page, 'ngon-stats')).toContain('n·h = 7');
    // Dragging on the step plot moves the step point s (the slider follows).
    await page.locator('#step-relu svg').scrollIntoViewIfNeeded();
    const fig = await page.locator('#step-relu svg').boundingBox();
    if (!fig) throw new Error('no step plot');
    const s0 = await page.inputValue('#step-s');
    await page.mouse.move(fig.x + fig.width * 0.3, fig.y + fig.height / 2);
    await page.mouse.down();
    await page.mouse.move(fig.x + fig.width * 0.6, fig.y + fig.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(Number(await page.inputValue('#step-s'))).toBeGreaterThan(Number(s0));
    expect(errors).toEqual([]);
    await page.close();
  });
});
