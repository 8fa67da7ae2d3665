import { bounds } from '@tessera/geometry';
import { parseArch } from '@tessera/nn-core';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { formatTable, printJson } from '../output.js';
import { parseInteger } from '../parse.js';
import type { GlobalOptions } from '../program.js';

export function registerBounds(program: Command): void {
  program
    .command('bounds')
    .description('region-count bounds for an architecture (Zaslavsky, Montúfar, Serra, 2^N, maxout)')
    .argument('<arch>', 'architecture n0-n1-…-nL-m, e.g. 2-8-8-1')
    .option('--activation <name>', 'relu or maxout', 'relu')
    .option('--rank <k>', 'maxout rank k >= 2')
    .addHelpText(
      'after',
      `
Values are exact integers (decimal strings in --json once they reach 2^53) or "-" / null when the
bound's hypothesis fails. Upper bounds hold for every net of the architecture on all of R^n0; lower
bounds say some net reaches that many linear regions.

Example:
  $ tessera bounds 2-8-8-1
  $ tessera bounds 2-2-2-1 --activation maxout --rank 3 --json`,
    )
    .action((archText: string, _opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as GlobalOptions & { activation: string; rank?: string };
      const widths = parseArch(archText);
      if (opts.activation !== 'relu' && opts.activation !== 'maxout')
        throw new UsageError(`invalid --activation "${opts.activation}": expected relu or maxout`);
      if (opts.activation === 'relu' && opts.rank !== undefined)
        throw new UsageError('--rank applies only to --activation maxout');
      if (opts.activation === 'maxout' && opts.rank === undefined)
        throw new UsageError('--activation maxout needs --rank <k> (k >= 2)');
      const rank = opts.rank === undefined ? undefined : parseInteger(opts.rank, '--rank', 2);
      const b = bounds(widths, { activation: opts.activation, rank });
      if (opts.json) {
        // `values`: each bound by name with just its value, for scripts; `bounds`: the full records.
        const values = Object.fromEntries(Object.entries(b.bounds).map(([name, e]) => [name, e.value]));
        printJson({ ...b, values });
        return;
      }
      const entries = Object.values(b.bounds);
      const rows = entries.map((e) => [
        e.label,
        e.kind,
        e.value === null ? '-' : String(e.value),
        e.value === null ? `n/a: ${e.reason ?? e.hypothesis}` : e.caveat ? 'DISPUTED (see below)' : '',
      ]);
      const notes = entries.map((e) => `  ${e.name}: ${e.citation}${e.caveat ? `\n    caveat: ${e.caveat}` : ''}`);
      process.stdout.write(
        `${b.arch} (${b.activation}${b.rank ? `, rank ${b.rank}` : ''}): n0 = ${b.inputDim}, ${b.hiddenWidths.length} hidden layer(s), N = ${b.hiddenUnits}\n\n${formatTable(['bound', 'kind', 'value', 'note'], rows)}\n\nSources:\n${notes.join('\n')}\n`,
      );
    });
}
