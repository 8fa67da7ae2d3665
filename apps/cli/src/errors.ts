import { TesseraError } from '@tessera/nn-core';

/** Bad usage or bad input: the CLI exits 2 with a one-line message. */
export class UsageError extends TesseraError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('USAGE', message, options);
  }
}

/** Maps any thrown value to an exit code and a one-line message (no stack trace). */
export function describeError(err: unknown): { exitCode: 1 | 2; message: string } {
  if (err instanceof TesseraError) return { exitCode: err.exitCode, message: err.message };
  const e = err as { code?: string; message?: string };
  if (typeof e?.code === 'string' && e.code.startsWith('commander.'))
    return { exitCode: 2, message: e.message ?? String(err) };
  return { exitCode: 1, message: e?.message ?? String(err) };
}
