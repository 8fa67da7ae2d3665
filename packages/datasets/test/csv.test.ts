import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@tessera/nn-core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CsvFormatError,
  type Dataset,
  datasetToJson,
  makeDataset,
  parseCsv,
  parseDatasetJson,
  parseDatasetText,
  serializeDataset,
  writeCsv,
} from '@tessera/datasets';
import { readCsvFile, readDatasetFile, writeCsvFile, writeDatasetFile } from '@tessera/datasets/node';

const DIR = mkdtempSync(join(tmpdir(), 'tessera-datasets-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const sameBytes = (a: Dataset, b: Dataset) => bytes(a.x).equals(bytes(b.x)) && bytes(a.y).equals(bytes(b.y));

/** Any finite float64, including -0, subnormals and extremes. */
const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });

describe('CSV round trip', () => {
  it('write → read gives identical float64 values for any finite doubles (incl. -0, subnormals)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(anyDouble, { minLength: 140, maxLength: 140 }),
        (d, k, n, pool) => {
          const x = Float64Array.from({ length: n * d }, (_, i) => pool[i % pool.length]!);
          const y = Float64Array.from({ length: n * k }, (_, i) => pool[(i * 7 + 3) % pool.length]!);
          const ds: Dataset = { x, y, n, d, k, meta: { name: 't', kind: 'regression', inputNames: [], outputNames: [] } };
          const text = writeCsv(ds);
          const back = parseCsv(text, k === 0 ? { labels: [] } : {});
          expect([back.n, back.d, back.k]).toEqual([n, d, k]);
          expect(sameBytes(back, ds)).toBe(true);
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });

  it('the header is x1,…,xd,y or x1,…,xd,y1,…,yk', () => {
    expect(writeCsv(makeDataset('paraboloid', { n: 3 })).split('\n')[0]).toBe('x1,x2,x3,y');
    expect(writeCsv(makeDataset('blobs', { n: 3, oneHot: true })).split('\n')[0]).toBe('x1,x2,y1,y2,y3');
    expect(writeCsv({ x: Float64Array.of(-0), y: Float64Array.of(5e-324), n: 1, d: 1, k: 1, meta: { name: 't', kind: 'regression', inputNames: [], outputNames: [] } })).toBe('x1,y\n-0,5e-324\n');
  });

  it('recognises the label kind: binary, class index, one-hot, real', () => {
    expect(parseCsv(writeCsv(makeDataset('circle', { n: 10 }))).meta).toMatchObject({ kind: 'classification', classes: 2 });
    expect(parseCsv(writeCsv(makeDataset('blobs', { n: 10, classes: 4, oneHot: true }))).meta).toMatchObject({ kind: 'classification', classes: 4, labels: 'one-hot' });
    expect(parseCsv(writeCsv(makeDataset('plane', { n: 10 }))).meta.kind).toBe('regression');
    expect(parseCsv('x1,y\n1,2\n', { kind: 'regression' }).meta.kind).toBe('regression');
  });

  it('lets the user choose label and feature columns by name', () => {
    const text = 'a,b,target,c\n1,2,3,4\n5,6,7,8\n';
    const ds = parseCsv(text, { labels: ['target'] });
    expect([ds.d, ds.k]).toEqual([3, 1]);
    expect(Array.from(ds.x)).toEqual([1, 2, 4, 5, 6, 8]);
    expect(Array.from(ds.y)).toEqual([3, 7]);
    expect(ds.meta.inputNames).toEqual(['a', 'b', 'c']);
    const two = parseCsv(text, { labels: ['c', 'a'], features: ['b'] });
    expect(Array.from(two.x)).toEqual([2, 6]);
    expect(Array.from(two.y)).toEqual([4, 1, 8, 5]);
  });

  it('accepts CRLF line ends, a BOM, blank lines and surrounding spaces', () => {
    const ds = parseCsv('\uFEFFx1, y\r\n 1.5 ,2\r\n\r\n-3e2,4\r\n');
    expect(Array.from(ds.x)).toEqual([1.5, -300]);
    expect(Array.from(ds.y)).toEqual([2, 4]);
  });
});

describe('malformed CSV is refused with the line (header = line 1) and column', () => {
  const cases: Array<[string, string, number, number, RegExp]> = [
    ['empty file', '', 1, 0, /line 1: empty file/],
    ['blank file', '\n\n', 1, 0, /empty file/],
    ['header only', 'x1,y\n', 2, 0, /line 2: no data rows after the header \(line 1\)/],
    ['ragged row (short)', 'x1,x2,y\n1,2,3\n4,5\n', 3, 3, /line 3, column 3: ragged row: expected 3 columns as in the header, found 2/],
    ['ragged row (long)', 'x1,y\n1,2\n3,4\n5,6,7\n', 4, 3, /line 4, column 3: ragged row: expected 2 columns as in the header, found 3/],
    ['non-numeric cell', 'x1,x2,y\n1,2,0\n1,abc,0\n', 3, 2, /line 3, column 2 \(x2\): "abc" is not a number/],
    ['hex cell', 'x1,y\n0x1f,0\n', 2, 1, /line 2, column 1 \(x1\): "0x1f" is not a number/],
    ['empty cell', 'x1,y\n1,\n', 2, 2, /line 2, column 2 \(y\): empty cell/],
    ['NaN', 'x1,y\n1,0\nNaN,1\n', 3, 1, /line 3, column 1 \(x1\): "NaN": NaN is not allowed/],
    ['Infinity', 'x1,y\n1,Infinity\n', 2, 2, /line 2, column 2 \(y\): "Infinity": infinite values are not allowed/],
    ['-inf', 'x1,y\n-inf,1\n', 2, 1, /infinite values are not allowed/],
    ['overflow', 'x1,y\n1e999,1\n', 2, 1, /"1e999": infinite values are not allowed/],
    ['missing label column', 'x1,x2\n1,2\n', 1, 0, /line 1: missing label column: no column named y/],
    ['duplicate column', 'x1,x1,y\n1,2,3\n', 1, 2, /line 1, column 2: duplicate column name "x1"/],
    ['unterminated quote', 'x1,y\n"1,2\n', 2, 0, /line 2: Quoted field unterminated/],
    ['blank line counted', 'x1,y\n1,2\n\n\n3,x\n', 5, 2, /line 5, column 2 \(y\)/],
  ];
  for (const [name, text, line, column, message] of cases) {
    it(name, () => {
      let caught: unknown;
      try {
        parseCsv(text);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(CsvFormatError);
      expect(caught).toBeInstanceOf(InputError);
      const e = caught as CsvFormatError;
      expect(e.message).toMatch(message);
      expect([e.line, e.column]).toEqual([line, column]);
    });
  }

  it('a label column the user names must exist', () => {
    expect(() => parseCsv('x1,y\n1,2\n', { labels: ['z'] })).toThrow(/line 1: missing label column "z" \(the header has x1,y\)/);
    expect(() => parseCsv('x1,y\n1,2\n', { features: ['q'] })).toThrow(/missing feature column "q"/);
  });
});

describe('files: streaming read, atomic write', () => {
  it('writeCsvFile → readCsvFile round-trips exactly', async () => {
    const ds = makeDataset('spirals', { n: 777, noise: 0.05, seed: 3 });
    const path = join(DIR, 'spirals.csv');
    await writeCsvFile(path, ds);
    expect(readFileSync(path, 'utf8')).toBe(writeCsv(ds));
    const back = await readCsvFile(path);
    expect(sameBytes(back, ds)).toBe(true);
  });

  it('reports the right line past the 1 MB chunk boundary of the stream', async () => {
    const ds = makeDataset('paraboloid', { n: 40000, seed: 1 });
    const lines = writeCsv(ds).split('\n');
    const bad = 35000; // a line well past the first chunk
    lines[bad - 1] = lines[bad - 1]!.replace(/,[^,]*$/, ',oops');
    const path = join(DIR, 'late.csv');
    writeFileSync(path, lines.join('\n'));
    await expect(readCsvFile(path)).rejects.toThrow(new RegExp(`late\\.csv: line ${bad}, column 4 \\(y\\): "oops" is not a number`));
    lines[bad - 1] = '1,2';
    writeFileSync(path, lines.join('\n'));
    await expect(readCsvFile(path)).rejects.toThrow(new RegExp(`line ${bad}, column 3: ragged row`));
  });

  it('a missing file is an InputError naming the path; an empty one names line 1', async () => {
    await expect(readCsvFile(join(DIR, 'none.csv'))).rejects.toThrow(/file not found: .*none\.csv/);
    const empty = join(DIR, 'empty.csv');
    writeFileSync(empty, '');
    await expect(readCsvFile(empty)).rejects.toThrow(/empty\.csv: line 1: empty file/);
  });

  it('refuses NaN on write and leaves no file behind', async () => {
    const ds = makeDataset('plane', { n: 5 });
    ds.y[3] = Number.NaN;
    const path = join(DIR, 'nan.csv');
    await expect(writeCsvFile(path, ds)).rejects.toThrow(/y\[3\]\[0\] is NaN/);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(DIR).filter((f) => f.includes('nan.csv'))).toEqual([]);
    expect(() => writeCsv(ds)).toThrow(InputError);
  });

  it('readDatasetFile / writeDatasetFile pick CSV or JSON by extension', async () => {
    const ds = makeDataset('blobs', { n: 20, seed: 9 });
    for (const name of ['b.csv', 'b.json']) {
      const path = join(DIR, name);
      await writeDatasetFile(path, ds);
      expect(sameBytes(await readDatasetFile(path), ds)).toBe(true);
    }
    expect(readFileSync(join(DIR, 'b.json'), 'utf8')).toMatch(/^\{"format":"tessera\.dataset","version":1/);
  });
});

describe('JSON', () => {
  it('round-trips values and meta', () => {
    const ds = makeDataset('surface-classification', { n: 30, f: 'sin(x) + y', seed: 4 });
    const back = parseDatasetText(serializeDataset(ds));
    expect(sameBytes(back, ds)).toBe(true);
    expect(back.meta).toEqual(ds.meta);
    expect(parseDatasetJson(JSON.parse(JSON.stringify(datasetToJson(ds)))).n).toBe(30);
  });

  it('names the JSON path of a bad field', () => {
    const good = datasetToJson(makeDataset('plane', { n: 3 }));
    const bad = (patch: (j: Record<string, unknown>) => void) => {
      const j = structuredClone(good) as unknown as Record<string, unknown>;
      patch(j);
      return () => parseDatasetJson(j);
    };
    expect(bad((j) => (j.format = 'x'))).toThrow(/at \$\.format: expected "tessera\.dataset"/);
    expect(bad((j) => ((j.x as number[][])[1]![0] = Number.NaN))).toThrow(/at \$\.x\[1\]\[0\]: expected a finite number/);
    expect(bad((j) => ((j.x as unknown[])[2] = [1]))).toThrow(/at \$\.x\[2\]: expected an array of 2 numbers/);
    expect(bad((j) => (j.y as unknown[]).pop())).toThrow(/at \$\.y: expected 3 rows/);
    expect(() => parseDatasetText('{')).toThrow(/invalid tessera\.dataset JSON/);
  });
});
