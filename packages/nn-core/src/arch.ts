import { InputError } from './errors.js';

/**
 * Parses an architecture string such as `2-6-1` (input width, hidden widths…, output width) into
 * widths `[2, 6, 1]`. At least two positive integers separated by `-`.
 */
export function parseArch(text: string | readonly number[]): number[] {
  if (Array.isArray(text)) {
    const widths = (text as readonly number[]).slice();
    checkWidths(widths, JSON.stringify(text));
    return widths;
  }
  if (typeof text !== 'string') throw new InputError(`invalid architecture ${String(text)} (example: 2-6-1)`);
  const parts = text.trim().split('-');
  const widths = parts.map((p) => (/^\d+$/.test(p.trim()) ? Number(p.trim()) : Number.NaN));
  const bad = widths.findIndex((w) => !(Number.isInteger(w) && w >= 1));
  if (bad >= 0)
    throw new InputError(
      `invalid architecture "${text}": "${parts[bad]}" is not a positive integer (example: 2-6-1)`,
    );
  checkWidths(widths, `"${text}"`);
  return widths;
}

function checkWidths(widths: number[], shown: string): void {
  if (widths.length < 2)
    throw new InputError(`invalid architecture ${shown}: expected at least an input and an output width (example: 2-6-1)`);
  for (const w of widths)
    if (!(Number.isInteger(w) && w >= 1))
      throw new InputError(`invalid architecture ${shown}: ${w} is not a positive integer (example: 2-6-1)`);
}

/** Formats widths back to the `2-6-1` form. */
export function formatArch(widths: readonly number[]): string {
  return widths.join('-');
}
