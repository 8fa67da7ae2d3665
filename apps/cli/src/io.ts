import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Mlp, parseMlpText } from '@tessera/nn-core';
import { UsageError } from './errors.js';

/**
 * Writes a file atomically: the data goes to a temporary file beside the target, which is then
 * renamed over it, so an interrupted run never leaves a half-written file.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.tessera-tmp-${basename(path)}-${randomBytes(4).toString('hex')}`);
  try {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the temporary file was never created
    }
    const code = (err as NodeJS.ErrnoException).code;
    const why: Record<string, string> = {
      ENOTDIR: 'a parent of it is a file, not a folder',
      EISDIR: 'it is a folder',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EROFS: 'read-only file system',
      ENOENT: 'no such folder',
    };
    if (code !== undefined && code in why) throw new UsageError(`cannot write ${path}: ${why[code]}`, { cause: err });
    throw err;
  }
}

/** Reads a text file; a missing or unreadable file is a usage error naming the path. */
export function readTextFile(path: string, what = 'file'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${what} not found: ${path}`);
    if (code === 'EISDIR') throw new UsageError(`${what} is a directory: ${path}`);
    throw new UsageError(`cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

/** Loads and validates a `tessera.mlp` file; errors name the file and the JSON path. */
export function readModel(path: string): Mlp {
  const text = readTextFile(path, 'model file');
  try {
    return parseMlpText(text);
  } catch (err) {
    throw new UsageError(`${path}: ${(err as Error).message}`, { cause: err });
  }
}
