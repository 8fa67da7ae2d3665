import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tessera } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-inspect-'));
const model = (name: string, inputDim: number, layers: unknown[]): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ format: 'tessera.mlp', version: 1, inputDim, layers }));
  return path;
};
// On [-1,1]^2: z1 = x1 switches; z2 = x1 + x2 + 5 in [3, 7] always on; z3 = -1 dead;
// z4 = 2 x2 - 3 in [-5, -1] dead. Layer 2: relu(h1 + h2 - 4): h1 in [0,1], h2 in [3,7] → z in [-1, 4] switches.
const TWO_LAYER = model('two.json', 2, [
  { activation: 'relu', weights: [[1, 0], [1, 1], [0, 0], [0, 2]], bias: [0, 5, -1, -3] },
  { activation: 'relu', weights: [[1, 1, 1, 1]], bias: [-4] },
  { activation: 'linear', weights: [[1]], bias: [0] },
]);
// three inputs (no exact method): tanh units; z = 10 x1 + 10 ≥ 0 on the box..., saturation test
const THREE = model('three.json', 3, [
  { activation: 'tanh', weights: [[10, 0, 0], [0, 0, 0], [0, 1, 1]], bias: [20, -9, 0] },
  { activation: 'linear', weights: [[1, 1, 1]], bias: [0] },
]);

describe('tessera inspect', { timeout: 240_000 }, () => {
  it('finds dead and always-on ReLU units exactly (pre-activation extremes at region vertices)', () => {
    const r = tessera(['inspect', TWO_LAYER, '--box', '-1,1,-1,1', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.architecture).toBe('2-4-1-1');
    expect(j.parameters).toBe(12 + 5 + 2);
    expect(j.method).toBe('exact');
    // x1 = 0 splits the box; layer 2's line relu(x1) + x1 + x2 + 1 = 0 is x1 + x2 = -1 on the left
    // half and misses the right half (x2 = -1 - 2 x1 < -1): 3 regions
    expect(j.regions).toBe(3);
    const u = j.units.map((x: { layer: number; unit: number; zMin: number; zMax: number; state: string }) => [x.layer, x.unit, x.zMin, x.zMax, x.state]);
    expect(u).toEqual([
      [1, 1, -1, 1, 'switches'],
      [1, 2, 3, 7, 'always-on'],
      [1, 3, -1, -1, 'dead'],
      [1, 4, -5, -1, 'dead'],
      [2, 1, -1, 4, 'switches'],
    ]);
    expect(j.counts).toMatchObject({ dead: 2, 'always-on': 1, switches: 2 });
  });

  it('samples when there is no exact method (3 inputs, tanh) and says so', () => {
    const r = tessera(['inspect', THREE, '--box', '-1,1,-1,1,-1,1', '--samples', '2000']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sampled: 2008 seeded points incl\. corners/);
    // unit 1: z = 10 x1 + 20 in [10, 30] → saturated high; unit 2: z = -9 → saturated low ("dead"); unit 3 switches
    expect(r.stdout).toMatch(/1\s+1\s+10\s+30\s+saturated-high/);
    expect(r.stdout).toMatch(/1\s+2\s+-9\s+-9\s+dead/);
    expect(r.stdout).toMatch(/1\s+3\s+-2\s+2\s+switches/);
  });
});
