import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enumerateRegions, slicePlane } from '@tessera/geometry';
import { createRng, type MlpJson, mlpFromLayers, mlpToJson } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { tessera, tesseraAsync } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-slice-'));

/** A seeded 3-8-6-1 relu net (the in-process reference is computed from the same Mlp). */
function randomNet3(seed: number) {
  const rng = createRng(seed);
  const dense = (nIn: number, rows: number) => ({
    weights: Array.from({ length: rows }, () => Array.from({ length: nIn }, () => rng.normal(0, 1))),
    bias: Array.from({ length: rows }, () => rng.normal(0, 0.5)),
  });
  const layers: MlpJson['layers'] = [
    { activation: 'relu', ...dense(3, 8) },
    { activation: 'relu', ...dense(8, 6) },
    { activation: 'linear', ...dense(6, 1) },
  ];
  return mlpFromLayers(3, layers);
}

const NET = randomNet3(11);
const NET_PATH = join(dir, 'net3.json');
writeFileSync(NET_PATH, JSON.stringify(mlpToJson(NET)));
const SIGMOID = join(dir, 'sigmoid3.json');
writeFileSync(
  SIGMOID,
  JSON.stringify({
    format: 'tessera.mlp',
    version: 1,
    inputDim: 3,
    layers: [
      { activation: 'sigmoid', weights: [[1, 0, 0]], bias: [0] },
      { activation: 'linear', weights: [[1]], bias: [0] },
    ],
  }),
);

describe('tessera slice', { timeout: 300_000 }, () => {
  const planes: Array<{ origin: number[]; u: number[]; v: number[]; box: [number, number, number, number] }> = [
    { origin: [0, 0, 0], u: [1, 0, 0], v: [0, 1, 0], box: [-1, 1, -1, 1] },
    { origin: [0.2, -0.1, 0.5], u: [1, 1, 0], v: [0, 0.5, -1], box: [-2, 1.5, -1, 2] },
    { origin: [0, 0, 3], u: [0.3, -0.7, 0.2], v: [0.1, 0.2, 0.9], box: [-3, 3, -3, 3] },
  ];

  it.concurrent.each(planes)('--json counts equal enumerateRegions(slicePlane(mlp, plane), {box}) in-process: %j', async (pl) => {
    const r = await tesseraAsync([
      'slice',
      NET_PATH,
      '--origin',
      pl.origin.join(','),
      '--u',
      pl.u.join(','),
      '--v',
      pl.v.join(','),
      `--box=${pl.box.join(',')}`,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const ref = enumerateRegions(slicePlane(NET, pl), { box: pl.box });
    expect(ref.regionCount).toBeGreaterThan(1);
    expect(out.regions).toBe(ref.regionCount);
    expect(out.linearRegions).toBe(ref.linearRegionCount);
    expect(out.vertices).toBe(ref.vertexCount);
    expect(out.inputDim).toBe(3);
    expect(out.origin).toEqual(pl.origin);
    expect(out.u).toEqual(pl.u);
    expect(out.v).toEqual(pl.v);
    const boxArea = (pl.box[1] - pl.box[0]) * (pl.box[3] - pl.box[2]);
    expect(Math.abs(out.area - boxArea)).toBeLessThan(1e-9 * boxArea);
    expect(typeof out.ms).toBe('number');
  });

  it('bad input exits 2 with one line: origin length, zero u, parallel u and v, a sigmoid model, a bad box', () => {
    const base = ['--box', '-1,1,-1,1'];
    const cases: Array<[string[], RegExp]> = [
      [['slice', NET_PATH, '--origin', '0,0', '--u', '1,0,0', '--v', '0,1,0', ...base], /--origin "0,0": expected 3 numbers/],
      [['slice', NET_PATH, '--origin', '0,0,0', '--u', '0,0,0', '--v', '0,1,0', ...base], /u and v must be non-zero and not parallel/],
      [['slice', NET_PATH, '--origin', '0,0,0', '--u', '1,2,3', '--v', '-2,-4,-6', ...base], /u and v must be non-zero and not parallel/],
      [['slice', SIGMOID, '--origin', '0,0,0', '--u', '1,0,0', '--v', '0,1,0', ...base], /"sigmoid" is smooth, so the network is not piecewise linear/],
      [['slice', NET_PATH, '--origin', '0,0,0', '--u', '1,0,0', '--v', '0,1,0', '--box', '1,-1,-1,1'], /box/],
    ];
    for (const [args, message] of cases) {
      const r = tessera([...args, '--json']);
      expect([args.join(' '), r.status]).toEqual([args.join(' '), 2]);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
