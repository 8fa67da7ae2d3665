import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluatePoint, mlpFromLayers, parseMlpText } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { levelSet } from './levelSets.js';
import { enumerateRegions } from './regions.js';

const tower = parseMlpText(readFileSync(fileURLToPath(new URL('../test/fixtures/relu_tower.json', import.meta.url)), 'utf8'));

describe('levelSet', () => {
  it('the relu tower at height 1/2 is one closed loop on which T = 1/2', () => {
    const p = enumerateRegions(tower, { box: [0, 1, 0, 1] });
    const ls = levelSet(p, 0.5);
    expect(ls.lines.length).toBe(1);
    expect(ls.closed[0]).toBe(true);
    const line = ls.lines[0];
    for (let k = 0; k < line.length; k += 2) expect(evaluatePoint(tower, [line[k], line[k + 1]])[0]).toBeCloseTo(0.5, 12);
    // ramps are 0.05 wide: the loop runs through the middle of the ramps
    // (core [0.45,0.6]×[0.35,0.7] with half-ramps of 0.025 around it)
    const xs = line.filter((_, i) => i % 2 === 0);
    expect(Math.min(...xs)).toBeCloseTo(0.425, 12);
    expect(Math.max(...xs)).toBeCloseTo(0.625, 12);
  });
  it('the flat top of the tower is reported as flat regions, not segments', () => {
    const p = enumerateRegions(tower, { box: [0, 1, 0, 1] });
    const ls = levelSet(p, 1);
    expect(ls.flatRegions.length).toBe(1);
  });
  it('a level line crossing a relu kink is one polyline with the right endpoints', () => {
    // f = relu(x) + y: f = 0.5 is y = 0.5 for x < 0 and y = 0.5 - x for x > 0
    const mlp = mlpFromLayers(2, [
      { activation: 'relu', weights: [[1, 0], [0, 1], [0, -1]], bias: [0, 0, 0] },
      { activation: 'linear', weights: [[1, 1, -1]], bias: [0] },
    ]);
    const p = enumerateRegions(mlp, { box: [-1, 1, -1, 1] });
    const ls = levelSet(p, 0.5);
    expect(ls.lines.length).toBe(1);
    expect(ls.closed[0]).toBe(false);
    const l = ls.lines[0];
    const ends = [
      [l[0], l[1]],
      [l[l.length - 2], l[l.length - 1]],
    ].sort((a, b) => a[0] - b[0]);
    expect(ends[0][0]).toBeCloseTo(-1, 12);
    expect(ends[0][1]).toBeCloseTo(0.5, 12);
    expect(ends[1][0]).toBeCloseTo(1, 12);
    expect(ends[1][1]).toBeCloseTo(-0.5, 12);
  });
});
