import { InputError } from '@tessera/nn-core';

/**
 * Parses an architecture string `n0-n1-…-nL-m` (input width, hidden widths, output width) into
 * its widths, e.g. `'2-8-8-1'` → `[2, 8, 8, 1]`. Every entry must be a positive integer and there
 * must be at least two entries. The error names the bad token:
 * `invalid architecture "2-x-1": "x" is not a positive integer (expected e.g. 2-8-8-1)`.
 */
export function archFromString(text: string): number[] {
  const trimmed = String(text).trim();
  const parts = trimmed.split('-');
  if (trimmed === '' || parts.length < 2)
    throw new InputError(`invalid architecture "${text}": expected at least two widths such as 2-8-8-1`);
  return parts.map((p) => {
    const v = /^\d+$/.test(p) ? Number(p) : Number.NaN;
    if (!Number.isSafeInteger(v) || v < 1)
      throw new InputError(`invalid architecture "${text}": "${p}" is not a positive integer (expected e.g. 2-8-8-1)`);
    return v;
  });
}

/** Formats widths as an architecture string: `[2, 8, 8, 1]` → `'2-8-8-1'`. */
export function archToString(widths: readonly number[]): string {
  return widths.join('-');
}

/** Checks a widths array (`[n0, n1, …, nL, m]`); `what` names the caller in the message. */
export function checkArchWidths(widths: readonly number[], what: string, minLength = 2): void {
  if (!Array.isArray(widths) || widths.length < minLength)
    throw new InputError(
      `${what}: expected widths [n0, n1, …, nL, m] with at least ${minLength} entries, got ${JSON.stringify(widths)}`,
    );
  widths.forEach((w, i) => {
    if (!Number.isSafeInteger(w) || w < 1)
      throw new InputError(`${what}: widths[${i}] must be a positive integer, got ${JSON.stringify(w)}`);
  });
}
