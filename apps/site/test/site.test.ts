import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPage, SHOTS } from './browser.js';

const BASE = inject('baseUrl');
const PAGES = ['index', 'towers', 'approximate', 'train', 'depth', 'questions'];
const FIVE_LINES = fileURLToPath(new URL('./fixtures/five-lines-2-5-1.json', import.meta.url));

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

  it('is readable at phone width (no horizontal scrolling)', async () => {
    const { page, errors } = await openPage(browser, `${BASE}train.html`, { width: 390, height: 844 });
    await trainReady(page);
    await page.screenshot({ path: `${SHOTS}train-phone.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    await page.close();
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
    // Clicking a region shows its pattern and formula: at (1.5, 1.5) every unit is active: 1·x … 
    const map = page.locator('#region-map svg');
    await map.waitFor();
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

  it('a URL reproduces the state', async () => {
    const hash = '#ds=circle&n=300&noise=0.1&seed=5&arch=6:relu,5:leaky_relu&loss=bce&opt=momentum&lr=0.05&batch=20&spf=30';
    const results: string[] = [];
    for (let k = 0; k < 2; k++) {
      const { page, errors } = await openPage(browser, `${BASE}train.html${hash}`);
      await trainReady(page, 0);
      expect(await page.inputValue('#ds')).toBe('circle');
      expect(await page.inputValue('#units-1')).toBe('5');
      expect(await page.inputValue('#act-1')).toBe('leaky_relu');
      expect(await page.inputValue('#opt')).toBe('momentum');
      expect(await page.inputValue('#lr')).toBe('0.05');
      await page.click('#step');
      await trainReady(page, 30);
      results.push(`${await text(page, 'stat-loss')} ${await text(page, 'stat-regions')}`);
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
