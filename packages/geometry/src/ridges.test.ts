import { createRng, mlpFromLayers } from '@tessera/nn-core';
import { describe, expect, it } from 'vitest';
import { approximateWithTowers } from './approximate.js';
import { ridgeDecomposition, towerLikeness } from './ridges.js';
import { compareWithTowers, towerGridForBudget, trainSeedNet } from './ridgesCompare.js';
import { bumpNet, lookupTableNet } from './towers1d.js';
import { ngonTowerNet } from './towersNgon.js';

const quad = (x: number, y: number): number => x * x + y * y + 3;

describe('ridgeDecomposition and towerLikeness', () => {
  it('recovers direction, offset, output weight and the bend line of each unit', () => {
    const net = mlpFromLayers(2, [
      { activation: 'relu', weights: [[3, 4], [0, -2]], bias: [-5, 1] },
      { activation: 'linear', weights: [[2, -1]], bias: [0.5] },
    ]);
    const [a, b] = ridgeDecomposition(net, [-2, 2, -2, 2]);
    expect(a!.direction).toEqual([0.6, 0.8]);
    expect(a!.offset).toBeCloseTo(1, 15);
    expect(a!.mass).toBeCloseTo(10, 14);
    expect(b!.angle).toBeCloseTo(-Math.PI / 2, 15);
    expect(b!.offset).toBeCloseTo(-0.5, 15); // ⟨(0, −1), x⟩ = −0.5, i.e. y = 0.5
    // the bend line of unit a: 0.6x + 0.8y = 1 — both segment ends lie on it
    const s = a!.segment!;
    expect(0.6 * s[0] + 0.8 * s[1]).toBeCloseTo(1, 12);
    expect(0.6 * s[2] + 0.8 * s[3]).toBeCloseTo(1, 12);
  });

  it('scores 1 for tower constructions and 0 for V-shaped pairs and random nets', () => {
    expect(towerLikeness(bumpNet(0, 1)).score).toBe(1);
    expect(towerLikeness(bumpNet(0, 1, { kind: 'relu' })).score).toBe(1);
    expect(towerLikeness(ngonTowerNet({ n: 8 })).score).toBe(1);
    expect(towerLikeness(ngonTowerNet({ n: 7, kind: 'relu' })).score).toBe(1);
    expect(towerLikeness(ngonTowerNet({ n: 7 })).score).toBe(0); // odd n: no parallel edges
    const v = mlpFromLayers(1, [
      { activation: 'relu', weights: [[1], [-1]], bias: [0, 0] },
      { activation: 'linear', weights: [[1, 1]], bias: [0] },
    ]);
    expect(towerLikeness(v).score).toBe(0); // |x| is not a bump
    const rng = createRng(2);
    const w: number[][] = [];
    for (let i = 0; i < 24; i++) w.push([rng.normal(), rng.normal()]);
    const random = mlpFromLayers(2, [
      { activation: 'relu', weights: w, bias: w.map(() => rng.normal()) },
      { activation: 'linear', weights: [w.map(() => rng.normal())], bias: [0] },
    ]);
    expect(towerLikeness(random).score).toBeLessThan(0.2);
    expect(lookupTableNet(Math.sin, [0, 1]).layers.length).toBe(2);
  });

  it('compareWithTowers puts a net beside the tower net of the same neuron budget', () => {
    const hand = approximateWithTowers(quad, [-2, 2, -2, 2], { grid: 16, hiddenLayers: 1 }).mlp;
    expect(towerGridForBudget(32)).toBe(2);
    expect(towerGridForBudget(46)).toBe(3);
    const c = compareWithTowers(hand, quad, [-2, 2, -2, 2], { curvatureBound: 2 });
    expect(c.trained.neurons).toBe(32);
    expect(c.towers.neurons).toBeLessThanOrEqual(32);
    expect(c.trained.supError).toBeLessThan(c.towers.supError);
    expect(c.trained.supErrorKind).toBe('certified');
  });

  it('a net trained on the seed data is not tower-like', () => {
    const net = trainSeedNet(quad, [-2, 2, -2, 2], { hidden: 16, epochs: 60, n: 500 });
    expect(net.layers[0]!.units).toBe(16);
    expect(towerLikeness(net).score).toBeLessThan(0.2);
  });
});
