import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv, parseDatasetText } from '@tessera/datasets';
import { afterAll, describe, expect, it } from 'vitest';
import { tessera } from './run.js';

const DIR = mkdtempSync(join(tmpdir(), 'tessera-cli-dataset-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('tessera dataset', () => {
  it('--list prints every dataset; --json prints them as one JSON array', () => {
    const r = tessera(['dataset', '--list']);
    expect(r.status).toBe(0);
    for (const name of ['paraboloid', 'paraboloid-regression', 'surface', 'surface-classification', 'circle', 'blobs'])
      expect(r.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
    const j = tessera(['dataset', '--list', '--json']);
    const list = JSON.parse(j.stdout) as Array<{ name: string; kind: string; inputDim: number }>;
    expect(list.find((d) => d.name === 'paraboloid')).toMatchObject({ kind: 'classification', inputDim: 3 });
  }, 60_000);

  it('writes the seed experiment as CSV: 1000 rows, 700 on / 300 off the surface, seeded', () => {
    const out = join(DIR, 'p.csv');
    const r = tessera(['dataset', 'paraboloid', '--n', '1000', '--seed', '7', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/paraboloid\s+classification\s+1000\s+3\s+1\s+7\s+on: 700, above: 200, below: 100/);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('x1,x2,x3,y');
    const ds = parseCsv(text);
    expect(ds.n).toBe(1000);
    let on = 0;
    for (let i = 0; i < ds.n; i++) {
      const f = ds.x[3 * i]! ** 2 + ds.x[3 * i + 1]! ** 2 + 3;
      if (ds.y[i] === 1) {
        on++;
        expect(ds.x[3 * i + 2]).toBe(f);
      } else expect(Math.abs(ds.x[3 * i + 2]! - f)).toBeGreaterThanOrEqual(0.5 - 1e-12);
    }
    expect(on).toBe(700);
    // same seed → same bytes
    const again = join(DIR, 'p2.csv');
    tessera(['dataset', 'paraboloid', '--n', '1000', '--seed', '7', '--out', again, '--quiet']);
    expect(readFileSync(again, 'utf8')).toBe(text);
  }, 60_000);

  it('makes a surface from an expression, to stdout or to a JSON file with a JSON summary', () => {
    const r = tessera(['dataset', 'surface', '--f', 'sin(3*x) * y + 2', '--n', '50']);
    expect(r.status).toBe(0);
    const ds = parseCsv(r.stdout);
    for (let i = 0; i < ds.n; i++) expect(ds.y[i]).toBe(Math.sin(3 * ds.x[2 * i]!) * ds.x[2 * i + 1]! + 2);
    const out = join(DIR, 's.json');
    const j = tessera(['dataset', 'surface-classification', '--f', 'x*y', '--n', '40', '--mix', '50,25,25', '--out', out, '--json']);
    expect(j.status).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ name: 'surface-classification', n: 40, counts: { on: 20, above: 10, below: 10 }, format: 'json' });
    expect(parseDatasetText(readFileSync(out, 'utf8')).n).toBe(40);
  }, 60_000);

  it('refuses an unknown dataset and an unsafe expression: exit 2, one line, no file left behind', () => {
    const cases: Array<[string[], RegExp]> = [
      [['dataset', 'nope'], /unknown dataset "nope"; known datasets: paraboloid/],
      [['dataset', 'surface', '--f', 'import("fs")'], /invalid expression .*unknown function "import"/],
      [['dataset', 'surface', '--f', 'x = 1'], /assignments are not allowed/],
      [['dataset', 'surface', '--f', 'log(x)', '--box', '0,1,0,1', '--grid'], /not finite at \(x=0, y=0\)/],
      [['dataset', 'circle', '--f', 'x'], /--f does not apply to dataset "circle"/],
      [['dataset', 'paraboloid', '--box', '1,0,0,1'], /xmin \(1\) must be less than xmax \(0\)/],
    ];
    for (const [args, message] of cases) {
      const out = join(DIR, 'bad.csv');
      const r = tessera([...args, '--out', out]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    }
    expect(readdirSync(DIR).filter((f) => f.startsWith('.tessera-tmp'))).toEqual([]);
  }, 180_000);

  it('--help shows an example', () => {
    const r = tessera(['dataset', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\$ tessera dataset paraboloid --n 1000 --seed 7 --out/);
  });
});
