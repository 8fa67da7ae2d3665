import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDataset } from '@tessera/datasets';
import { evaluateMlp, parseMlpText } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { tessera } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-train-'));

describe('tessera train', { timeout: 240_000 }, () => {
  it('trains the seed regression (W1 settings, fewer epochs), prints the JSON summary and writes a model whose loss we recompute', () => {
    const out = join(dir, 'w1.json');
    const args = ['train', '--data', 'paraboloid-regression', '--n', '1000', '--arch', '2-6-1', '--activation', 'tanh', '--loss', 'mse',
      '--optimizer', 'sgd', '--lr', '0.05', '--epochs', '300', '--batch', '1000', '--seed', '1', '--out', out, '--json'];
    const r = tessera(args);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.epochs).toBe(300);
    expect(s.trainMs).toBeGreaterThan(0);
    expect(s.examplesPerSecond).toBeCloseTo((300 * 1000) / (s.trainMs / 1000), -2);
    expect(s.arch).toBe('2-6-1');
    expect(s.parameters).toBe(6 * 2 + 6 + 6 + 1);
    // progress: plain lines on a non-TTY stderr
    expect(r.stderr).toMatch(/epoch 150\/300 {2}loss \d/);
    // the model file: reload it, evaluate it on the same data (regenerated independently) and recompute the MSE
    const mlp = parseMlpText(readFileSync(out, 'utf8'));
    expect(mlp.layers.map((l) => l.activation)).toEqual(['tanh', 'linear']);
    const ds = makeDataset('paraboloid-regression', { n: 1000, seed: 1 });
    const pred = evaluateMlp(mlp, ds.x, ds.n);
    let sse = 0;
    for (let i = 0; i < ds.n; i++) sse += (pred[i]! - ds.y[i]!) ** 2;
    expect(sse / ds.n).toBeCloseTo(s.finalLoss, 12);
    // the variance of y is about 2.84 on [-2,2]^2; 300 full-batch SGD epochs must have learned something
    expect(s.finalLoss).toBeLessThan(1);
    const meta = mlp.meta as { training: Record<string, unknown>; dataset: Record<string, unknown>; box: number[] };
    expect(meta.training.finalLoss).toBe(s.finalLoss);
    expect(meta.training.optimizer).toBe('sgd');
    expect(meta.dataset.name).toBe('paraboloid-regression');
    expect(meta.box).toEqual([-2, 2, -2, 2]);
    // determinism: the same command gives the same bytes
    const again = join(dir, 'w1-again.json');
    const r2 = tessera(args.map((a) => (a === out ? again : a)).concat('--quiet'));
    expect(r2.status).toBe(0);
    expect(r2.stderr).toBe('');
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('trains from a CSV with --label and --test-split (a linear target is fitted almost exactly)', () => {
    const rows = ['a,b,target'];
    for (let i = 0; i < 40; i++) {
      const a = (i % 8) / 4 - 1;
      const b = Math.floor(i / 8) / 2 - 1;
      rows.push(`${a},${b},${2 * a - b + 1}`);
    }
    const csv = join(dir, 'linear.csv');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const out = join(dir, 'linear.json');
    const r = tessera(['train', '--data', csv, '--label', 'target', '--arch', '2-1', '--optimizer', 'adam', '--lr', '0.05',
      '--epochs', '400', '--batch', '10', '--test-split', '0.25', '--out', out, '--json', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.trainRows).toBe(30);
    expect(s.testRows).toBe(10);
    expect(s.finalLoss).toBeLessThan(1e-4);
    expect(s.testLoss).toBeLessThan(1e-4);
    const mlp = parseMlpText(readFileSync(out, 'utf8'));
    const w = mlp.layers[0]!.weights;
    expect(w[0]).toBeCloseTo(2, 2);
    expect(w[1]).toBeCloseTo(-1, 2);
    expect(mlp.layers[0]!.bias[0]).toBeCloseTo(1, 2);
  });

  it('--help shows an example', () => {
    const r = tessera(['train', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Examples?:[\s\S]*tessera train --data paraboloid-regression/);
    expect(existsSync(join(dir, 'nothing.json'))).toBe(false);
  });
});
