import { linePieces } from '@tessera/geometry';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { readModel } from '../io.js';
import { formatTable, printJson } from '../output.js';
import { parseNumberList } from '../parse.js';
import type { GlobalOptions } from '../program.js';

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(10)).toString());

export function registerLine(program: Command): void {
  program
    .command('line')
    .description('exact pieces and breakpoints of a piecewise-linear net along a segment (any input dimension)')
    .argument('<model>', 'a tessera.mlp JSON file')
    .requiredOption('--from <coords>', 'start point, comma-separated (inputDim numbers)')
    .requiredOption('--to <coords>', 'end point, comma-separated (inputDim numbers)')
    .option('--all', 'list every piece in the table (default: the first 20 and the last 5 when there are more than 40)')
    .addHelpText(
      'after',
      `
The segment is x(t) = from + t (to - from), t in [0, 1]. Prints the activation pieces (one
activation pattern each), the linear pieces (adjacent pieces with the same affine output map
merged), the breakpoints t in (0, 1), and the affine map y(t) = offset + slope * t on each piece.

Example:
  $ tessera line model.json --from -1,-1 --to 1,1
  $ tessera line model.json --from -2 --to 2 --json`,
    )
    .action((modelPath: string, _opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as GlobalOptions & { from: string; to: string; all?: boolean };
      const mlp = readModel(modelPath);
      const from = parseNumberList(opts.from, '--from');
      const to = parseNumberList(opts.to, '--to');
      for (const [name, p] of [
        ['--from', from],
        ['--to', to],
      ] as const)
        if (p.length !== mlp.inputDim)
          throw new UsageError(
            `invalid ${name} "${name === '--from' ? opts.from : opts.to}": expected ${mlp.inputDim} numbers (the model's inputDim), got ${p.length}`,
          );
      const r = linePieces(mlp, from, to);
      const m = r.outputDim;
      const maps = (count: number, cuts: Float64Array, slopes: Float64Array, offsets: Float64Array) =>
        Array.from({ length: count }, (_, p) => ({
          t0: p === 0 ? 0 : (cuts[p - 1] as number),
          t1: p === count - 1 ? 1 : (cuts[p] as number),
          slope: Array.from(slopes.subarray(p * m, (p + 1) * m)),
          offset: Array.from(offsets.subarray(p * m, (p + 1) * m)),
        }));
      const pointAt = (t: number) => from.map((f, i) => f + t * ((to[i] as number) - f));
      if (opts.json) {
        printJson({
          model: modelPath,
          inputDim: r.inputDim,
          outputDim: m,
          from,
          to,
          pieces: r.pieces,
          linearPieces: r.linearPieces,
          breakpoints: Array.from(r.breakpoints),
          linearBreakpoints: Array.from(r.linearBreakpoints),
          breakpointPoints: Array.from(r.breakpoints, pointAt),
          maps: maps(r.pieces, r.breakpoints, r.slopes, r.offsets),
          linearMaps: maps(r.linearPieces, r.linearBreakpoints, r.linearSlopes, r.linearOffsets),
        });
        return;
      }
      const linear = new Set(r.linearBreakpoints);
      const all = maps(r.pieces, r.breakpoints, r.slopes, r.offsets);
      const idx = all.map((_, i) => i);
      const shown = opts.all || all.length <= 40 ? idx : [...idx.slice(0, 20), ...idx.slice(-5)];
      const rows: Array<Array<string | number>> = shown.map((i) => {
        const p = all[i] as (typeof all)[number];
        const y = p.offset.map((o, k) => {
          const b = p.slope[k] as number;
          return `${fmt(o)} ${b < 0 ? '-' : '+'} ${fmt(Math.abs(b))} t`;
        });
        return [i + 1, fmt(p.t0), fmt(p.t1), y.join('; '), i === 0 ? '' : linear.has(p.t0) ? 'kink' : 'pattern only'];
      });
      if (shown.length < all.length) rows.splice(20, 0, ['…', '', '', `${all.length - 25} more pieces (--all lists them)`, '']);
      process.stdout.write(
        `${formatTable(['piece', 't from', 't to', 'y(t)', 'change at start'], rows)}\n\n${r.pieces} activation pieces, ${r.linearPieces} linear pieces along [${from.join(', ')}] -> [${to.join(', ')}]\n`,
      );
    });
}
