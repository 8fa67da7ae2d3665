import { InputError, preview } from '@tessera/nn-core';
import Papa from 'papaparse';
import { type Dataset, type DatasetKind, checkDataset, inputNames, outputNames } from './dataset.js';

/**
 * CSV for datasets. Written files have a header row `x1,…,xd,y` (`y1,…,yk` for several outputs)
 * and one row per sample, numbers in JavaScript's shortest round-trip form (`String(v)`, with
 * `-0` kept), so reading gives back identical float64 values. Reading uses papaparse (chunked, so
 * a 10⁶-row text is never split into one big array of rows), checks every cell, and refuses a
 * malformed file with a {@link CsvFormatError} naming the line (the header is line 1) and column.
 */

/** A malformed CSV file: `line` is 1-based counting the header as line 1; `column` is 1-based (0 if none). */
export class CsvFormatError extends InputError {
  readonly line: number;
  readonly column: number;
  constructor(source: string, line: number, column: number, message: string, columnName?: string) {
    const col = column > 0 ? `, column ${column}${columnName ? ` (${columnName})` : ''}` : '';
    super(`${source}line ${line}${col}: ${message}`);
    this.line = line;
    this.column = column;
  }
}

/** Float64 → shortest text that parses back to the same value (`-0` stays `-0`). */
export function formatNumber(v: number): string {
  return v === 0 && 1 / v < 0 ? '-0' : String(v);
}

export interface WriteCsvOptions {
  /** Rows per yielded chunk for {@link csvChunks} (default 4096). */
  rowsPerChunk?: number;
}

/** The header line Tessera writes for a dataset: `x1,…,xd,y` or `x1,…,xd,y1,…,yk`. */
export function csvHeader(ds: Pick<Dataset, 'd' | 'k'>): string {
  return [...inputNames(ds.d), ...(ds.k > 0 ? outputNames(ds.k) : [])].join(',');
}

/**
 * Yields the CSV text of a dataset in pieces (header first, then blocks of rows, each ending with
 * a newline), so large datasets can be streamed to a file without building one huge string.
 * Throws {@link InputError} (before yielding anything) if a value is NaN or ±Infinity.
 */
export function* csvChunks(ds: Dataset, options: WriteCsvOptions = {}): Generator<string> {
  checkDataset(ds);
  const { x, y, n, d, k } = ds;
  const per = Math.max(1, options.rowsPerChunk ?? 4096);
  yield `${csvHeader(ds)}\n`;
  const parts: string[] = [];
  for (let start = 0; start < n; start += per) {
    const end = Math.min(n, start + per);
    parts.length = 0;
    for (let i = start; i < end; i++) {
      let line = formatNumber(x[i * d]!);
      for (let c = 1; c < d; c++) line += `,${formatNumber(x[i * d + c]!)}`;
      for (let c = 0; c < k; c++) line += `,${formatNumber(y[i * k + c]!)}`;
      parts.push(line);
    }
    yield `${parts.join('\n')}\n`;
  }
}

/** The whole CSV text of a dataset (see {@link csvChunks}). */
export function writeCsv(ds: Dataset): string {
  let out = '';
  for (const chunk of csvChunks(ds)) out += chunk;
  return out;
}

export interface ParseCsvOptions {
  /**
   * Names of the label (target) columns. Default: every header column named `y` or `y<digits>`;
   * pass `[]` for an unlabelled file (k = 0).
   */
  labels?: readonly string[];
  /** Names of the input columns. Default: every column that is not a label. */
  features?: readonly string[];
  /**
   * Default: `'classification'` when every label is an integer class index 0..63 in one column, or
   * the labels are one-hot rows; otherwise `'regression'`.
   */
  kind?: DatasetKind;
  /** Prefix for error messages, e.g. the file name (default "CSV"). */
  source?: string;
}

/**
 * Incremental CSV → Dataset builder fed with papaparse rows. Used by {@link parseCsv} and by the
 * streaming file reader in `@tessera/datasets/node`.
 */
export class CsvDatasetBuilder {
  private readonly options: ParseCsvOptions;
  private readonly src: string;
  /** Lines consumed so far (the last line number seen). */
  private line = 0;
  private header: string[] | null = null;
  private headerLine = 0;
  private nCols = 0;
  private featureCols = new Int32Array(0);
  private labelCols = new Int32Array(0);
  /** Columns read neither as feature nor label (only checked for shape). */
  private otherCols = new Int32Array(0);
  private d = 0;
  private k = 0;
  private n = 0;
  private x = new Float64Array(0);
  private y = new Float64Array(0);

  constructor(options: ParseCsvOptions = {}) {
    this.options = options;
    this.src = options.source ? `${options.source}: ` : 'CSV ';
  }

  /** Feeds parsed rows (papaparse's `results.data` for one chunk) and its parse errors. */
  push(rows: string[][], errors: ReadonlyArray<{ code?: string; message?: string; row?: number }> = []): void {
    if (errors.length > 0) {
      const e = errors[0]!;
      const line = this.line + (e.row ?? 0) + 1;
      throw new CsvFormatError(this.src, line, 0, `${e.message ?? e.code ?? 'parse error'}`);
    }
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      this.line++;
      if (row.length === 1 && row[0]!.trim() === '') continue; // blank line
      if (this.header === null) {
        this.setHeader(row);
        continue;
      }
      if (row.length !== this.nCols)
        throw new CsvFormatError(
          this.src,
          this.line,
          Math.min(row.length, this.nCols) + 1,
          `ragged row: expected ${this.nCols} columns as in the header, found ${row.length}`,
        );
      this.grow();
      const { d, k, featureCols, labelCols } = this;
      const xo = this.n * d;
      const yo = this.n * k;
      for (let c = 0; c < d; c++) this.x[xo + c] = this.cell(row, featureCols[c]!);
      for (let c = 0; c < k; c++) this.y[yo + c] = this.cell(row, labelCols[c]!);
      // A quoted cell with line breaks spans several lines; keep line numbers honest.
      for (let c = 0; c < this.otherCols.length; c++) {
        const s = row[this.otherCols[c]!]!;
        if (s.includes('\n')) this.line += s.split('\n').length - 1;
      }
      this.n++;
    }
  }

  /** Finishes: checks the file was not empty and returns the dataset (arrays trimmed to size). */
  finish(): Dataset {
    if (this.header === null) throw new CsvFormatError(this.src, 1, 0, 'empty file: expected a header row such as x1,x2,y');
    if (this.n === 0)
      throw new CsvFormatError(this.src, this.headerLine + 1, 0, `no data rows after the header (line ${this.headerLine})`);
    const { n, d, k } = this;
    const x = this.x.length === n * d ? this.x : this.x.slice(0, n * d);
    const y = this.y.length === n * k ? this.y : this.y.slice(0, n * k);
    const header = this.header;
    const ds: Dataset = {
      x,
      y,
      n,
      d,
      k,
      meta: {
        name: 'csv',
        kind: 'regression',
        inputNames: Array.from(this.featureCols, (c) => header[c]!),
        outputNames: Array.from(this.labelCols, (c) => header[c]!),
      },
    };
    const kind = this.options.kind ?? guessKind(ds);
    ds.meta.kind = kind;
    if (kind === 'classification' && k > 0) {
      if (k === 1) {
        let max = 0;
        for (let i = 0; i < n; i++) if (y[i]! > max) max = y[i]!;
        ds.meta.classes = Math.max(2, max + 1);
        ds.meta.labels = 'index';
      } else {
        ds.meta.classes = k;
        ds.meta.labels = 'one-hot';
      }
    }
    return ds;
  }

  private setHeader(row: string[]): void {
    const names = row.map((s, i) => (i === 0 ? s.replace(/^\uFEFF/, '') : s).trim());
    const seen = new Map<string, number>();
    names.forEach((name, i) => {
      if (name === '') throw new CsvFormatError(this.src, this.line, i + 1, 'empty column name in the header');
      if (seen.has(name))
        throw new CsvFormatError(this.src, this.line, i + 1, `duplicate column name "${name}" (also column ${seen.get(name)! + 1})`);
      seen.set(name, i);
    });
    const find = (name: string, what: string): number => {
      const i = seen.get(name);
      if (i === undefined)
        throw new CsvFormatError(
          this.src,
          this.line,
          0,
          `missing ${what} column "${name}" (the header has ${names.join(',')})`,
        );
      return i;
    };
    let labels: number[];
    if (this.options.labels) {
      labels = this.options.labels.map((l) => find(l, 'label'));
    } else {
      labels = names.flatMap((nm, i) => (/^y\d*$/.test(nm) ? [i] : []));
      if (labels.length === 0)
        throw new CsvFormatError(
          this.src,
          this.line,
          0,
          `missing label column: no column named y or y1, y2, … in the header ${names.join(',')}; choose the labels explicitly`,
        );
    }
    let features: number[];
    if (this.options.features) {
      features = this.options.features.map((f) => find(f, 'feature'));
      for (const f of features)
        if (labels.includes(f))
          throw new CsvFormatError(this.src, this.line, f + 1, `column "${names[f]}" is both a feature and a label`);
    } else {
      features = names.flatMap((_, i) => (labels.includes(i) ? [] : [i]));
    }
    if (features.length === 0)
      throw new CsvFormatError(this.src, this.line, 0, `no input columns: the header ${names.join(',')} has only labels`);
    this.header = names;
    this.headerLine = this.line;
    this.nCols = names.length;
    this.featureCols = Int32Array.from(features);
    this.labelCols = Int32Array.from(labels);
    this.otherCols = Int32Array.from(names.flatMap((_, i) => (features.includes(i) || labels.includes(i) ? [] : [i])));
    this.d = features.length;
    this.k = labels.length;
  }

  private grow(): void {
    const need = (this.n + 1) * this.d;
    if (need <= this.x.length) return;
    const cap = Math.max(1024, (this.n + 1) * 2);
    const x = new Float64Array(cap * this.d);
    x.set(this.x);
    this.x = x;
    const y = new Float64Array(cap * this.k);
    y.set(this.y);
    this.y = y;
  }

  private cell(row: string[], col: number): number {
    const s = row[col]!;
    const v = +s;
    // `+s` also accepts '', blanks, hex/binary/octal ('0x1f') and 'Infinity': only plain decimals pass.
    if (v - v === 0 && s.length > 0) {
      const c0 = s.charCodeAt(0);
      if ((c0 >= 49 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 46) return v; // 1-9 - + .
      if (DECIMAL.test(s)) return v;
    }
    throw this.badCell(s, col);
  }

  private badCell(s: string, col: number): CsvFormatError {
    const name = this.header![col]!;
    const t = s.trim();
    let what: string;
    if (t === '') what = 'empty cell (expected a number)';
    else if (/^[+-]?nan$/i.test(t)) what = `${preview(s)}: NaN is not allowed (expected a finite number)`;
    else if (/^[+-]?inf(inity)?$/i.test(t) || Math.abs(Number(t)) === Infinity)
      what = `${preview(s)}: infinite values are not allowed (expected a finite number)`;
    else what = `${preview(s)} is not a number`;
    return new CsvFormatError(this.src, this.line, col + 1, what, name);
  }
}

const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/**
 * Label kind guess: one label column of integers in 0..63, or one-hot rows → classification;
 * anything else → regression.
 */
function guessKind(ds: Dataset): DatasetKind {
  const { n, k, y } = ds;
  if (k === 0) return 'regression';
  if (k === 1) {
    for (let i = 0; i < n; i++) {
      const v = y[i]!;
      if (!Number.isInteger(v) || v < 0 || v > 63) return 'regression';
    }
    return 'classification';
  }
  for (let i = 0; i < n; i++) {
    let ones = 0;
    for (let c = 0; c < k; c++) {
      const v = y[i * k + c]!;
      if (v === 1) ones++;
      else if (v !== 0) return 'regression';
    }
    if (ones !== 1) return 'regression';
  }
  return 'classification';
}

/** papaparse settings shared by the string and stream readers. */
export const PAPA_CONFIG = { delimiter: ',', quoteChar: '"', skipEmptyLines: false, header: false } as const;

/** The papaparse options used for chunked parsing. */
export interface ChunkedConfig extends Papa.ParseConfig<string[]> {
  chunkSize?: number;
  chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser): void;
  complete?(): void;
  error?(err: Error): void;
}

/**
 * Parses CSV text into a Dataset (see the module comment for the format and the checks).
 *
 * ```ts
 * const ds = parseCsv('x1,x2,y\n0.5,1,0\n-1,2,1\n');
 * ds.n; // 2
 * ```
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): Dataset {
  if (typeof text !== 'string') throw new InputError(`parseCsv: expected a string, received ${preview(text)}`);
  const builder = new CsvDatasetBuilder(options);
  let failure: unknown;
  // papaparse streams strings in chunks when `chunkSize` is set; its typings only allow `chunk` for files.
  const parseChunked = Papa.parse as unknown as (input: string, config: ChunkedConfig) => void;
  parseChunked(text, {
    ...PAPA_CONFIG,
    chunkSize: 1 << 20,
    chunk(results, parser) {
      if (failure !== undefined) return;
      try {
        builder.push(results.data, results.errors);
      } catch (err) {
        failure = err;
        parser.abort();
      }
    },
  });
  if (failure !== undefined) throw failure;
  return builder.finish();
}
