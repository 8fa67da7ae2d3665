import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../src/common/hash.js';
import { configToParams, DEFAULT_CONFIG, paramsToConfig, parseHidden, type TrainConfig } from '../src/train/config.js';

describe('the Train page state in the URL hash', () => {
  it('configToParams → paramsToConfig round-trips every field', () => {
    const c: TrainConfig = {
      dataset: 'surface',
      expr: 'sin(3*x) * y + 2',
      n: 321,
      noise: 0.25,
      seed: 42,
      hidden: [
        { units: 7, activation: 'leaky_relu' },
        { units: 3, activation: 'maxout' },
      ],
      rank: 3,
      loss: 'mse',
      optimizer: 'momentum',
      lr: 0.0375,
      batch: 17,
      slice: 3,
      stepsPerFrame: 9,
    };
    const back = paramsToConfig(new URLSearchParams(configToParams(c).toString()));
    expect(back).toEqual(c);
  });

  it('falls back to the default for each missing or invalid field, never throws', () => {
    const p = new URLSearchParams('ds=nope&n=-5&lr=abc&arch=8:relu,0:relu&opt=rmsprop&batch=2.5&seed=7');
    const c = paramsToConfig(p);
    expect(c.dataset).toBe(DEFAULT_CONFIG.dataset);
    expect(c.n).toBe(DEFAULT_CONFIG.n);
    expect(c.lr).toBe(DEFAULT_CONFIG.lr);
    expect(c.hidden).toEqual(DEFAULT_CONFIG.hidden);
    expect(c.optimizer).toBe(DEFAULT_CONFIG.optimizer);
    expect(c.batch).toBe(DEFAULT_CONFIG.batch);
    expect(c.seed).toBe(7);
    expect(paramsToConfig(new URLSearchParams(''))).toEqual(DEFAULT_CONFIG);
  });

  it('parseHidden accepts units:activation lists and refuses bad ones', () => {
    expect(parseHidden('8:relu,4:abs')).toEqual([
      { units: 8, activation: 'relu' },
      { units: 4, activation: 'abs' },
    ]);
    expect(parseHidden('5')).toEqual([{ units: 5, activation: 'relu' }]);
    expect(parseHidden('8:softmax')).toBeNull();
    expect(parseHidden('65:relu')).toBeNull();
    expect(parseHidden('x:relu')).toBeNull();
  });

  it('weights travel as base64url of UTF-8 and come back byte for byte', () => {
    const text = JSON.stringify({ name: 'Montúfar ∑ net', w: [0.1, -1e-300, 5e-324, 1.7976931348623157e308] });
    const enc = toBase64Url(text);
    expect(enc).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(enc)).toBe(text);
  });
});
