import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluatePoint, parseMlpText } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { tessera } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-towers-'));

describe('tessera towers', () => {
  it('builds the tower net, writes it, and prints neurons, parameters, supError and rmse as JSON', () => {
    const out = join(dir, 'towers.json');
    const r = tessera([
      'towers', '--f', 'x1^2 + x2^2 + 3', '--box', '-2,2,-2,2', '--grid', '4', '--kind', 'relu',
      '--hidden-layers', '2', '--curvature-bound', '2', '--out', out, '--json',
    ]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.neurons).toBe(25 + 8 * 4 + 6);
    expect(j.supErrorKind).toBe('certified');
    // P1 interpolation of x² + y² on right triangles with legs Δ = 1: max error Δ²/2
    expect(j.supErrorLower).toBeCloseTo(0.5, 9);
    expect(j.supError).toBeGreaterThanOrEqual(0.5);
    expect(j.supError).toBeLessThan(0.51);
    expect(j.rmse).toBeGreaterThan(0);
    const mlp = parseMlpText(readFileSync(out, 'utf8'));
    expect(mlp.layers.map((l) => l.activation)).toEqual(['relu', 'relu', 'linear']);
    // the network interpolates f at the grid nodes
    expect(evaluatePoint(mlp, [1, -1])[0]).toBeCloseTo(5, 12);
    expect(j.parameters).toBe(mlp.layers.reduce((s, l) => s + l.rows * (l.nIn + 1), 0));
  });

  it('--sweep prints the error-vs-neurons table (JSON) with rate ≈ 2 in k', () => {
    const r = tessera(['towers', '--sweep', '--grids', '2,4,8', '--curvature-bound', '2', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.rows.map((row: { grid: number }) => row.grid)).toEqual([2, 4, 8]);
    expect(j.rows[2].supErrorLower).toBeCloseTo(0.125, 9);
    expect(j.fittedRate.inGrid).toBeCloseTo(2, 1);
  });

  it('sigmoid towers report an estimated sup error', () => {
    const r = tessera(['towers', '--kind', 'sigmoid', '--grid', '3', '--hidden-layers', '1', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).supErrorKind).toBe('estimated');
  });

  it('--shape ngon: one hidden layer of 8-gon towers, hand-built vs least squares, model written', () => {
    const out = join(dir, 'ngon.json');
    const r = tessera([
      'towers', '--hidden-layers', '1', '--shape', 'ngon', '--sides', '8', '--grid', '2', '--kind', 'sigmoid', '--out', out, '--json',
    ]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.neurons).toBe(2 * 2 * 8);
    expect(j.parameters).toBe(32 * 3 + 33);
    expect(j.supErrorKind).toBe('estimated');
    expect(j.fits.leastSquares.rmse).toBeLessThan(j.fits.hand.rmse);
    // the hand-built sum sits on the other towers' skirts (each adds about f(c)/2 far away)
    expect(j.skirt.meanSkirt).toBeGreaterThan(5);
    const mlp = parseMlpText(readFileSync(out, 'utf8'));
    expect(mlp.layers.map((l) => l.activation)).toEqual(['sigmoid', 'linear']);
    // the error grid (301², corners included) contains these points: |net − f| <= supError there
    for (const [x, y] of [[-2, -2], [0, 0], [2, 2], [-2 + 4 / 300, 1]] as const) {
      const v = evaluatePoint(mlp, [x, y])[0]!;
      expect(Math.abs(v - (x * x + y * y + 3))).toBeLessThanOrEqual(j.supError + 1e-9);
    }
    const bad = tessera(['towers', '--shape', 'ngon', '--hidden-layers', '2']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--shape ngon needs --hidden-layers 1/);
  });

  it('rejects an unsafe expression with exit 2 and writes nothing', () => {
    const out = join(dir, 'bad-f.json');
    const r = tessera(['towers', '--f', 'process.exit(0)', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a bad box with exit 2 and writes nothing', () => {
    const out = join(dir, 'bad-box.json');
    const r = tessera(['towers', '--box', '2,-2,-2,2', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/invalid --box "2,-2,-2,2": xmin \(2\) must be less than xmax \(-2\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('has --help with an example', () => {
    const r = tessera(['towers', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Example:\n {2}\$ tessera towers/);
  });
});
