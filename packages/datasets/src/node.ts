/**
 * Node-only helpers (file streams): import from `@tessera/datasets/node`. The main entry stays
 * browser-safe and never imports this module.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InputError } from '@tessera/nn-core';
import Papa from 'papaparse';
import { CsvDatasetBuilder, type ParseCsvOptions, PAPA_CONFIG, csvChunks } from './csv.js';
import { type Dataset, checkDataset } from './dataset.js';
import { parseDatasetText, serializeDataset } from './json.js';

function fileError(path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`file not found: ${path}`, { cause: err });
  if (code === 'EISDIR') return new InputError(`is a directory, not a file: ${path}`, { cause: err });
  return new InputError(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
}

/**
 * Reads a CSV file into a Dataset, streaming: papaparse parses a Node read stream chunk by chunk
 * and each chunk's rows go straight into growing Float64Arrays, so the file's text is never held
 * whole. Same checks and errors as `parseCsv`, prefixed with the path.
 */
export function readCsvFile(path: string, options: ParseCsvOptions = {}): Promise<Dataset> {
  const builder = new CsvDatasetBuilder({ source: path, ...options });
  return new Promise<Dataset>((resolve, reject) => {
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    let done = false;
    const finish = (err: unknown, ds?: Dataset) => {
      if (done) return;
      done = true;
      stream.destroy();
      if (err !== undefined) reject(err);
      else resolve(ds!);
    };
    stream.on('error', (err) => finish(fileError(path, err)));
    Papa.parse<string[]>(stream as unknown as File, {
      ...PAPA_CONFIG,
      chunk(results, parser) {
        if (done) return;
        try {
          builder.push(results.data, results.errors);
        } catch (err) {
          finish(err); // before abort(): papaparse calls complete() from inside abort()
          parser.abort();
        }
      },
      complete() {
        if (done) return;
        try {
          finish(undefined, builder.finish());
        } catch (err) {
          finish(err);
        }
      },
      error(err: Error) {
        finish(err instanceof InputError ? err : fileError(path, err));
      },
    });
  });
}

/** Temporary sibling path for atomic writes. */
function tempPath(path: string): string {
  return join(dirname(path), `.tessera-tmp-${basename(path)}-${randomBytes(4).toString('hex')}`);
}

/**
 * Writes a dataset as CSV, streaming row blocks to a temporary file that is renamed over `path`
 * when complete: an error never leaves a partial file behind.
 */
export async function writeCsvFile(path: string, ds: Dataset): Promise<void> {
  checkDataset(ds); // refuse NaN/Infinity before creating anything
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const tmp = tempPath(path);
  try {
    await pipeline(Readable.from(csvChunks(ds)), createWriteStream(tmp, { encoding: 'utf8' }));
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Reads a `tessera.dataset` JSON file. */
export async function readDatasetJsonFile(path: string): Promise<Dataset> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw fileError(path, err);
  }
  try {
    return parseDatasetText(text);
  } catch (err) {
    throw new InputError(`${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Writes a dataset as `tessera.dataset` JSON, atomically (temporary file + rename). */
export async function writeDatasetJsonFile(path: string, ds: Dataset): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  const text = serializeDataset(ds);
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const tmp = tempPath(path);
  try {
    await writeFile(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Reads a dataset file by extension: `.json` → tessera.dataset JSON, anything else → CSV. */
export function readDatasetFile(path: string, options: ParseCsvOptions = {}): Promise<Dataset> {
  return /\.json$/i.test(path) ? readDatasetJsonFile(path) : readCsvFile(path, options);
}

/** Writes a dataset file by extension: `.json` → tessera.dataset JSON, anything else → CSV. */
export function writeDatasetFile(path: string, ds: Dataset): Promise<void> {
  return /\.json$/i.test(path) ? writeDatasetJsonFile(path, ds) : writeCsvFile(path, ds);
}
