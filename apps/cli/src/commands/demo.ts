import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { runDemo } from '../demo/run.js';
import { formatTable, info, printJson } from '../output.js';
import { parseInteger } from '../parse.js';
import type { GlobalOptions } from '../program.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the seed experiment end to end and write a self-contained HTML report')
    .option('--out <dir>', 'output folder (index.html, figures/, models/)', 'out')
    .option('--quick', 'fewer epochs and coarser sweeps (for tests); the report says so')
    .addHelpText(
      'after',
      `
Trains the small nets on f(x1, x2) = x1^2 + x2^2 + 3, counts their exact regions against the
bounds, builds Nielsen's towers, answers the three questions, and writes out/index.html (inline
SVG, no scripts, no network) with the figures (SVG + PNG) and trained models beside it.

Example:
  $ tessera demo --out out        (the same as: pnpm demo)
  $ tessera demo --out /tmp/report --quick --json`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as GlobalOptions & { out: string; quick?: boolean };
      if (existsSync(opts.out) && !statSync(opts.out).isDirectory())
        throw new UsageError(`invalid --out "${opts.out}": it is a file, not a folder`);
      const seed = opts.seed === undefined ? 1 : parseInteger(opts.seed, '--seed', 0);
      const result = await runDemo({
        outDir: opts.out,
        quick: Boolean(opts.quick),
        seed,
        log: (m) => info(opts.quiet, m),
      });
      if (opts.json) {
        printJson({
          index: result.index,
          seconds: result.ms / 1000,
          sections: result.sections,
          files: result.files,
          summary: result.summary,
          timings: result.timings,
        });
        return;
      }
      process.stdout.write(
        `${formatTable(
          ['result', 'value'],
          result.summary.map((r) => [r.item, r.value]),
        )}\n\n${result.files.length} files written in ${(result.ms / 1000).toFixed(1)} s.\nOpen ${result.index}\n`,
      );
    });
}
