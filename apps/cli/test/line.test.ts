import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tessera } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-line-'));
const model = (name: string, inputDim: number, layers: unknown[]): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ format: 'tessera.mlp', version: 1, inputDim, layers }));
  return path;
};
// Serra et al. Fig. 2: kinks at x = -1/2, 0, 1/2, 1; y ≡ 0 on both sides of 0
const SERRA = model('serra.json', 1, [
  { activation: 'relu', weights: [[1], [-1]], bias: [0, 1] },
  { activation: 'relu', weights: [[4, 2]], bias: [-3] },
  { activation: 'linear', weights: [[1]], bias: [0] },
]);
// two inputs: |x1 - x2| along (0,0) -> (2,1): z = t, kink-free; relu(x1 - 1) kinks at t = 1/2
const TWO = model('two.json', 2, [
  { activation: 'relu', weights: [[1, 0], [0, 1]], bias: [-1, -0.25] },
  { activation: 'linear', weights: [[1, 3]], bias: [0] },
]);
const SIGMOID = model('sigmoid.json', 2, [
  { activation: 'sigmoid', weights: [[1, 0]], bias: [0] },
  { activation: 'linear', weights: [[1]], bias: [0] },
]);

describe('tessera line', { timeout: 300_000 }, () => {
  it('--json prints pieces, linearPieces, sorted breakpoints and the affine maps', () => {
    const r = tessera(['line', SERRA, '--from', '-2', '--to', '2', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.pieces).toBe(5);
    expect(out.linearPieces).toBe(4);
    expect(out.breakpoints).toEqual([0.375, 0.5, 0.625, 0.75]);
    expect(out.linearBreakpoints).toEqual([0.375, 0.625, 0.75]);
    expect(out.breakpointPoints).toEqual([[-0.5], [0], [0.5], [1]]);
    // first piece: y = -1 - 2x with x = -2 + 4t  →  y = 3 - 8t
    expect(out.maps[0]).toEqual({ t0: 0, t1: 0.375, slope: [-8], offset: [3] });
    expect(out.linearMaps).toHaveLength(4);
  });

  it('works for two inputs and prints a human table without --json', () => {
    const j = JSON.parse(tessera(['line', TWO, '--from', '0,0', '--to', '2,1', '--json']).stdout);
    expect(j.breakpoints).toEqual([0.25, 0.5]);
    const r = tessera(['line', TWO, '--from', '0,0', '--to', '2,1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('3 activation pieces, 3 linear pieces');
    expect(r.stdout).toMatch(/piece\s+t from\s+t to\s+y\(t\)/);
  });

  it('abbreviates long tables unless --all', () => {
    const saw = model('saw.json', 1, [
      { activation: 'relu', weights: [[1], [1]], bias: [0, -0.5] },
      ...Array.from({ length: 5 }, () => ({ activation: 'relu', weights: [[2, -4], [2, -4]], bias: [0, -0.5] })),
      { activation: 'linear', weights: [[2, -4]], bias: [0] },
    ]);
    const short = tessera(['line', saw, '--from', '0', '--to', '1']);
    expect(short.stdout).toContain('39 more pieces (--all lists them)');
    expect(short.stdout).toContain('64 activation pieces, 64 linear pieces');
    const all = tessera(['line', saw, '--from', '0', '--to', '1', '--all']);
    expect(all.stdout).toMatch(/\n\s*40\s+0\.609375\s+0\.625\s+40 - 64 t\s+kink\n/);
  });

  it('bad input exits 2 with one line: --from length, sigmoid model, missing file, bad number', () => {
    const cases: Array<[string[], RegExp]> = [
      [['line', TWO, '--from', '0', '--to', '1,1'], /invalid --from "0": expected 2 numbers \(the model's inputDim\), got 1/],
      [['line', SIGMOID, '--from', '0,0', '--to', '1,1'], /"sigmoid" is smooth, so the network is not piecewise linear/],
      [['line', join(dir, 'nope.json'), '--from', '0', '--to', '1'], /model file not found: .*nope\.json/],
      [['line', TWO, '--from', '0,x', '--to', '1,1'], /invalid --from "0,x": "x" is not a finite number/],
    ];
    for (const [args, message] of cases) {
      const r = tessera(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});
