import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOneLineError, tesseraAsync } from './run.js';

/**
 * Issue 8 "Done when": every bad input exits 2 with a one-line message naming the problem, and no
 * output file is left behind. Each case spawns the real binary.
 */
const dir = mkdtempSync(join(tmpdir(), 'tessera-errors-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const GOOD_LAYERS = [
  { activation: 'relu', weights: [[1, 0], [0, 1]], bias: [0, 0] },
  { activation: 'linear', weights: [[1, 1]], bias: [0] },
];
const good = JSON.stringify({ format: 'tessera.mlp', version: 1, inputDim: 2, layers: GOOD_LAYERS });
const GOOD = file('good.json', good);
const TRUNCATED = file('truncated.json', good.slice(0, good.length - 7));
const MALFORMED = file('malformed.json', '{"format": "tessera.mlp", version: 1}');
// JSON.parse('1e999') is Infinity: the validator must refuse it and name the path.
const INFINITE = file(
  'infinite.json',
  good.replace('"weights":[[1,0],[0,1]]', '"weights":[[1,1e999],[0,1]]'),
);
const RAGGED = file('ragged.json', good.replace('"weights":[[1,0],[0,1]]', '"weights":[[1,0],[0]]'));
const SIGMOID = file('sigmoid.json', good.replace('"activation":"relu"', '"activation":"sigmoid"'));
const RAGGED_CSV = file('ragged.csv', 'x1,x2,y\n0,0,1\n0.5,1\n1,1,0\n');

/** Asserts exit 2, a one-line message matching `pattern`, nothing on stdout, and no file at `out`. */
async function expectBadInput(args: string[], pattern: RegExp, out?: string): Promise<void> {
  const r = await tesseraAsync(args);
  expect(r.status, r.stderr).toBe(2);
  expect(isOneLineError(r.stderr), r.stderr).toBe(true);
  expect(r.stderr).toMatch(pattern);
  expect(r.stdout).toBe('');
  if (out) expect(existsSync(out)).toBe(false);
}

describe('bad input exits 2 with a one-line message and leaves no file', { timeout: 240_000 }, () => {
  it('a missing model file', async () => {
    await expectBadInput(['inspect', join(dir, 'nope.json')], /model file not found: .*nope\.json/);
  });

  it('malformed JSON', async () => {
    await expectBadInput(['inspect', MALFORMED], /malformed\.json: invalid tessera\.mlp at \$: not valid JSON/);
  });

  it('truncated JSON (regions)', async () => {
    const out = join(dir, 'truncated.svg');
    await expectBadInput(['regions', TRUNCATED, '--box', '-1,1,-1,1', '--svg', out], /truncated\.json: .*not valid JSON/, out);
  });

  it('a non-finite weight (1e999)', async () => {
    await expectBadInput(['inspect', INFINITE], /layers\[0\]\.weights\[0\]\[1\]: expected a finite number, got Infinity/);
  });

  it('a ragged weight row', async () => {
    await expectBadInput(['inspect', RAGGED], /layers\[0\]\.weights\[1\]: expected 2 numbers .*got 1/);
  });

  it('a sigmoid model given to regions', async () => {
    const out = join(dir, 'sigmoid.svg');
    await expectBadInput(['regions', SIGMOID, '--box', '-1,1,-1,1', '--svg', out], /sigmoid.*(smooth|piecewise linear)/, out);
  });

  it('--box 1,-1,-1,1 (xmin >= xmax)', async () => {
    await expectBadInput(['inspect', GOOD, '--box', '1,-1,-1,1'], /invalid --box "1,-1,-1,1": xmin \(1\) must be less than xmax \(-1\)/);
    await expectBadInput(['regions', GOOD, '--box', '1,-1,-1,1'], /xmin.*xmax|1,-1,-1,1/);
  });

  it('--box a,b,c,d', async () => {
    await expectBadInput(['inspect', GOOD, '--box', 'a,b,c,d'], /invalid --box "a,b,c,d": "a" is not a finite number/);
    await expectBadInput(['regions', GOOD, '--box', 'a,b,c,d'], /"a"/);
  });

  it('an unknown dataset (train and dataset)', async () => {
    const out = join(dir, 'unknown.json');
    await expectBadInput(['train', '--data', 'no-such-set', '--out', out], /unknown dataset "no-such-set"; known datasets: .*paraboloid/, out);
    const csv = join(dir, 'unknown.csv');
    await expectBadInput(['dataset', 'no-such-set', '--out', csv], /unknown dataset/, csv);
  });

  it('an unsafe expression', async () => {
    const out = join(dir, 'unsafe.json');
    await expectBadInput(['train', '--data', 'surface', '--f', 'x = 1', '--out', out], /assignment/, out);
    await expectBadInput(['train', '--data', 'surface', '--f', 'constructor(x)', '--out', out], /constructor/, out);
  });

  it('a CSV with a ragged row', async () => {
    const out = join(dir, 'ragged-model.json');
    await expectBadInput(['train', '--data', RAGGED_CSV, '--out', out], /ragged\.csv.*line 3/, out);
  });

  it('a bad option value names the option', async () => {
    await expectBadInput(['train', '--data', 'paraboloid-regression', '--arch', '3-6-1'], /--arch "3-6-1": the data has 2 inputs/);
    await expectBadInput(['train', '--data', 'paraboloid-regression', '--lr', 'fast'], /invalid --lr "fast"/);
  });

  it('an output path that cannot be written (a folder, or below a file)', async () => {
    await expectBadInput(['train', '--data', 'paraboloid-regression', '--out', dir], /invalid --out ".*": it is a folder/);
    await expectBadInput(['demo', '--quick', '--out', GOOD], /invalid --out ".*good\.json": it is a file, not a folder/);
    const below = join(GOOD, 'report');
    await expectBadInput(['demo', '--quick', '--quiet', '--out', below], /cannot write .*good\.json\/report\/.*: a parent of it is a file/);
  });

  it('left no temporary files in the output folder', () => {
    expect(readdirSync(dir).filter((f) => f.startsWith('.tessera-tmp'))).toEqual([]);
  });
});

describe('a failure of the work exits 1', { timeout: 240_000 }, () => {
  it('training that diverges names the epoch, suggests a smaller rate, and writes no model', async () => {
    const out = join(dir, 'diverged.json');
    const r = await tesseraAsync([
      'train', '--data', 'paraboloid-regression', '--n', '100', '--hidden', '4', '--optimizer', 'sgd',
      '--lr', '1e6', '--epochs', '50', '--batch', '100', '--out', out, '--quiet',
    ]);
    expect(r.status).toBe(1);
    expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/diverged at epoch \d+.*smaller learning rate/);
    expect(existsSync(out)).toBe(false);
  });
});
