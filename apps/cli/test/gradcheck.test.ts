import { describe, expect, it } from 'vitest';
import { tessera } from './run.js';

describe('tessera gradcheck', () => {
  it('--json prints one document with maxRelError < 1e-6 and one entry per tensor and engine', () => {
    const r = tessera(['gradcheck', '--arch', '2-6-6-1', '--activation', 'tanh', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.maxRelError).toBeLessThan(1e-6);
    expect(doc.maxRelError).toBeGreaterThan(0); // finite differences are never exact
    expect(doc.passed).toBe(true);
    expect(doc.arch).toBe('2-6-6-1');
    expect(doc.parameters).toBe(6 * 2 + 6 + 6 * 6 + 6 + 6 + 1);
    expect(doc.perTensor).toHaveLength(12);
    expect(doc.perTensor[0]).toMatchObject({ engine: 'tape', name: 'layers[0].weights', size: 12 });
    expect(Math.max(...doc.perTensor.map((t: { maxRelError: number }) => t.maxRelError))).toBe(doc.maxRelError);
  }, 60_000);

  it('prints a human table without --json, and per-layer activations work', () => {
    const r = tessera(['gradcheck', '--arch', '2-4-3-2', '--activation', 'relu,maxout', '--loss', 'softmax_cross_entropy']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/tensor\s+size\s+max rel error/);
    expect(r.stdout).toMatch(/layers\[1\]\.weights\s+24/); // maxout rank 2: 3 units × 2 rows × 4 inputs
    expect(r.stdout).toMatch(/max relative error .* ok/);
  }, 60_000);

  for (const args of [
    ['--arch', '2-x-1'],
    ['--activation', 'swish'],
  ])
    it(`exits 2 with a one-line message on ${args.join(' ')}`, () => {
      const r = tessera(['gradcheck', ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/invalid --(arch|activation)/);
      expect(r.stdout).toBe('');
    }, 60_000);

  it('exits 1 when the tolerance is not met', () => {
    const r = tessera(['gradcheck', '--tolerance', '1e-30', '--json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).passed).toBe(false);
    expect(r.stderr).toMatch(/gradient check failed/);
  }, 60_000);
});
