import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tessera } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-regions-'));
const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
const model = (inputDim: number, layers: unknown[]) => ({ format: 'tessera.mlp', version: 1, inputDim, layers });

// theory.md §4.2 relu_tower: 29 activation / 10 linear regions in [0,1]²
const towerLayers = [
  {
    activation: 'relu',
    weights: [[1, 0], [1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1], [0, 1]],
    bias: [-0.4, -0.45, -0.6, -0.65, -0.3, -0.35, -0.7, -0.75],
  },
  { activation: 'relu', weights: [[20, -20, -20, 20, 20, -20, -20, 20]], bias: [-1] },
  { activation: 'linear', weights: [[1]], bias: [0] },
];
const tower = write('tower.json', model(2, towerLayers));

describe('tessera regions', () => {
  it('prints one JSON document with the exact counts of the relu tower', () => {
    const r = tessera(['regions', tower, '--box', '0,1,0,1', '--repeat', '3', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.regions).toBe(29);
    expect(j.linearRegions).toBe(10);
    expect(Number.isInteger(j.vertices)).toBe(true);
    expect(j.vertices).toBeGreaterThanOrEqual(3 * 29);
    expect(j.area).toBeCloseTo(1, 12);
    expect(j.areaError).toBeLessThan(1e-12);
    expect(typeof j.ms).toBe('number');
    expect(j.runsMs).toHaveLength(3);
    expect(j.box).toEqual([0, 1, 0, 1]);
  });

  it('prints a human summary without --json', () => {
    const r = tessera(['regions', tower, '--box', '0,1,0,1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/activation regions\s+29/);
    expect(r.stdout).toMatch(/linear regions\s+10/);
  });

  it('counts argmax decision regions for several outputs', () => {
    const m = write('three.json', model(2, [{ activation: 'linear', weights: [[1, 0], [0, 1], [-1, -1]], bias: [0, 0, 0] }]));
    const j = JSON.parse(tessera(['regions', m, '--box', '-1,1,-1,1', '--json']).stdout);
    expect(j.regions).toBe(1);
    expect(j.decisionRegions).toBe(3);
  });

  const badInput: Array<[string[], RegExp]> = [
        [['regions', tower, '--box', '1,0,0,1'], /xmin \(1\) must be less than xmax \(0\)/],
      [['regions', tower, '--box', 'a,b,c,d'], /invalid --box "a,b,c,d"/],
      [['regions', write('bad.json', '{"format": "tessera.mlp"'), '--box', '0,1,0,1'], /not valid JSON/],
      [
        ['regions', write('sig.json', model(2, [{ activation: 'sigmoid', weights: [[1, 0]], bias: [0] }])), '--box', '0,1,0,1'],
        /sigmoid" is smooth, so the network is not piecewise linear/,
      ],
      [
        ['regions', write('three-in.json', model(3, [{ activation: 'relu', weights: [[1, 0, 0]], bias: [0] }])), '--box', '0,1,0,1'],
        /inputDim 2, got 3; use slicePlane/,
      ],
      [['regions', join(dir, 'missing.json'), '--box', '0,1,0,1'], /model file not found/],
  ];
  it.each(badInput)('exits 2 with one line on bad input: %s', (args, message) => {
    const r = tessera(args);
    expect(r.status, args.join(' ')).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('stops with exit 1 past --max-regions', () => {
    const r = tessera(['regions', tower, '--box', '0,1,0,1', '--max-regions', '5']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/more than 5 regions/);
  });

  it('has --help with an example', () => {
    const r = tessera(['regions', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Example:/);
  });
});

describe('tessera slice', () => {
  it('on the plane x3 = 0 of a net that ignores x3 gives the 2-input counts', () => {
    const layers3 = [
      { ...towerLayers[0], weights: towerLayers[0].weights.map((w) => [...w, 0]) },
      towerLayers[1],
      towerLayers[2],
    ];
    const m = write('tower3.json', model(3, layers3));
    const r = tessera(['slice', m, '--origin', '0,0,5', '--u', '1,0,0', '--v', '0,1,0', '--box', '0,1,0,1', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.regions).toBe(29);
    expect(j.linearRegions).toBe(10);
    expect(j.inputDim).toBe(3);
  });

  it('exits 2 when a vector has the wrong length or u ∥ v', { timeout: 60_000 }, () => {
    const m = write('net3.json', model(3, [{ activation: 'relu', weights: [[1, 1, 1]], bias: [0] }]));
    let r = tessera(['slice', m, '--origin', '0,0', '--u', '1,0,0', '--v', '0,1,0', '--box', '0,1,0,1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/invalid --origin "0,0": expected 3 numbers/);
    r = tessera(['slice', m, '--origin', '0,0,0', '--u', '1,0,0', '--v', '2,0,0', '--box', '0,1,0,1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not parallel/);
  });
});
