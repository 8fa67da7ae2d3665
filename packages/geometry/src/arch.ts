import { InputError } from '@tessera/nn-core';

/**
 * Internal: checks a widths array `[n0, n1, …, nL, m]` given to a bound or a construction (parse
 * strings with nn-core's `parseArch`). `what` names the caller in the message.
 */
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
