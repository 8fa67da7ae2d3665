import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tessera } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-construct-'));

describe('tessera construct', { timeout: 300_000 }, () => {
  it('writes a sawtooth model whose line count is 2^L', () => {
    const out = join(dir, 'saw.json');
    const r = tessera(['construct', 'sawtooth', '--layers', '4', '--out', out, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).construction).toMatchObject({ expectedRegions: 16, domain: [[0, 1]] });
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.format).toBe('tessera.mlp');
    expect(model.layers).toHaveLength(5);
    const line = JSON.parse(tessera(['line', out, '--from', '0', '--to', '1', '--json']).stdout);
    expect(line.linearPieces).toBe(16);
  });

  it('writes the Montúfar and zig-zag nets for --arch; 1D counts match the theorems', () => {
    const m = join(dir, 'm.json');
    const z = join(dir, 'z.json');
    expect(tessera(['construct', 'montufar', '--arch', '1-4-4-1', '--out', m]).status).toBe(0);
    expect(tessera(['construct', 'zigzag', '--arch', '1-4-4-1', '--out', z]).status).toBe(0);
    const count = (p: string) => JSON.parse(tessera(['line', p, '--from', '0', '--to', '1', '--json']).stdout).pieces;
    expect(count(m)).toBe(20);
    expect(count(z)).toBe(25);
    const h = tessera(['construct', 'montufar', '--arch', '2-8-8-1', '--out', join(dir, 'f.json')]);
    expect(h.stdout).toContain('592 activation / 592 linear regions expected in [0, 1] x [0, 1]');
  });

  it('bad input exits 2 with one line and writes nothing', () => {
    const out = join(dir, 'bad.json');
    const cases: Array<[string[], RegExp]> = [
      [['construct', 'montufar', '--arch', '2-x-1', '--out', out], /invalid architecture "2-x-1"/],
      [['construct', 'montufar', '--out', out], /construct montufar needs --arch/],
      [['construct', 'zigzag', '--arch', '2-4-4-1', '--out', out], /≥ 3·n0 = 6, but n1 = 4/],
      [['construct', 'pyramid', '--out', out], /unknown construction "pyramid" \(expected one of: montufar, zigzag/],
      [['construct', 'sawtooth', '--layers', '0', '--out', out], /invalid --layers "0"/],
    ];
    for (const [args, message] of cases) {
      const r = tessera(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(out)).toBe(false);
  });
});
