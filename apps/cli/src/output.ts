/** Results go to stdout (one JSON document with --json), diagnostics to stderr. */
export function printJson(value: unknown): void {
  process.stdout.write(
    `${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`,
  );
}

const NUMERIC = /^[-+]?(\d[\d,]*\.?\d*|\.\d+)(e[-+]?\d+)?%?$|^[-+]?Infinity$|^NaN$/i;

/** A plain aligned text table for humans: numbers right-aligned, text left-aligned. */
export function formatTable(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => NUMERIC.test(String(r[c] ?? '')) || r[c] === '' || r[c] === '-'));
  return cells
    .map((r, i) => {
      const line = r
        .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd();
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** Writes a line to stderr unless --quiet. */
export function info(quiet: boolean | undefined, message: string): void {
  if (!quiet) process.stderr.write(`${message}\n`);
}

/** ANSI colours only on a TTY and without NO_COLOR. */
export const useColor = (): boolean => Boolean(process.stderr.isTTY) && !('NO_COLOR' in process.env);
