import {
  type ConstructionMeta,
  maxoutCounterexampleNet,
  montufarFoldingNet,
  ngonTowerFixture,
  reluTowerFixture,
  sawtoothNet,
  serraFig2Net,
  zigzagNet,
} from '@tessera/geometry';
import { type Mlp, parseArch, serializeMlp } from '@tessera/nn-core';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io.js';
import { info, printJson } from '../output.js';
import { parseInteger } from '../parse.js';
import type { GlobalOptions } from '../program.js';

/** What a builder receives from the command line. */
export interface ConstructArgs {
  /** Parsed --arch widths, if given. */
  arch?: number[];
  /** Parsed --layers, if given. */
  layers?: number;
}

/** One construction kind: a one-line summary for --help and a builder. */
export interface ConstructionKind {
  summary: string;
  build(args: ConstructArgs): Mlp;
}

const needArch = (kind: string, args: ConstructArgs, example: string): number[] => {
  if (!args.arch) throw new UsageError(`construct ${kind} needs --arch (e.g. --arch ${example})`);
  return args.arch;
};

/**
 * The kind → builder map of `tessera construct`. To add a kind (e.g. `tower`, `ngon`), add one
 * entry here; --help lists the entries.
 */
export const CONSTRUCTION_KINDS: Record<string, ConstructionKind> = {
  montufar: {
    summary: 'Montúfar et al. 2014 folding net for --arch (reaches the Thm 4 lower bound in [0,1]^n0)',
    build: (a) => montufarFoldingNet(needArch('montufar', a, '2-8-8-1')),
  },
  zigzag: {
    summary: 'the "n+1" zig-zag net for --arch (Serra et al. 2018 Thm 5/6 counts in [0,1]^n0)',
    build: (a) => zigzagNet(needArch('zigzag', a, '2-8-8-1')),
  },
  sawtooth: {
    summary: "Telgarsky's sawtooth with --layers L (default 3): 2^L pieces on [0,1]",
    build: (a) => sawtoothNet(a.layers ?? 3),
  },
  'serra-fig2': {
    summary: 'the net of Serra et al. 2018 Fig. 2: 5 activation / 4 linear pieces on [-2,2]',
    build: () => serraFig2Net(),
  },
  'maxout-counterexample': {
    summary: 'the 7-piece rank-3 maxout chain refuting Montúfar et al. 2014 Thm 8 for n0 = 1',
    build: () => maxoutCounterexampleNet(),
  },
  tower: {
    summary: 'the exact ReLU tower relu(Bx + By − 1) of Nielsen ch. 4 / theory §4.2: 29 / 10 regions in [0,1]^2',
    build: () => reluTowerFixture(),
  },
  ngon: {
    summary: 'an 8-gon ReLU tower, one hidden layer + ReLU threshold: 2n + 2 = 18 linear regions in [-2,2]^2',
    build: () => ngonTowerFixture(8),
  },
};

export function registerConstruct(program: Command): void {
  const kinds = Object.entries(CONSTRUCTION_KINDS)
    .map(([k, v]) => `  ${k.padEnd(22)} ${v.summary}`)
    .join('\n');
  program
    .command('construct')
    .description('write a named construction (folding, zig-zag, sawtooth, ...) as a tessera.mlp model file')
    .argument('<kind>', `one of: ${Object.keys(CONSTRUCTION_KINDS).join(', ')}`)
    .option('--arch <arch>', 'architecture n0-n1-…-nL-m (montufar, zigzag)')
    .option('--layers <L>', 'number of hidden layers (sawtooth)')
    .requiredOption('--out <file>', 'where to write the model (JSON)')
    .addHelpText(
      'after',
      `
Kinds:
${kinds}

The model's meta.construction records the domain and the exact region counts expected there.

Example:
  $ tessera construct montufar --arch 2-8-8-1 --out folding.json
  $ tessera construct sawtooth --layers 5 --out saw.json && tessera line saw.json --from 0 --to 1`,
    )
    .action((kind: string, _opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as GlobalOptions & { arch?: string; layers?: string; out: string };
      const entry = Object.hasOwn(CONSTRUCTION_KINDS, kind) ? CONSTRUCTION_KINDS[kind] : undefined;
      if (!entry)
        throw new UsageError(
          `unknown construction "${kind}" (expected one of: ${Object.keys(CONSTRUCTION_KINDS).join(', ')})`,
        );
      const args: ConstructArgs = {};
      if (opts.arch !== undefined) args.arch = parseArch(opts.arch);
      if (opts.layers !== undefined) args.layers = parseInteger(opts.layers, '--layers', 1);
      const mlp = entry.build(args);
      writeFileAtomic(opts.out, serializeMlp(mlp, 2));
      const meta = mlp.meta?.construction as ConstructionMeta | undefined;
      if (opts.json) {
        printJson({ kind, out: opts.out, name: mlp.name, inputDim: mlp.inputDim, construction: meta ?? null });
        return;
      }
      const what = meta
        ? `${meta.expectedRegions} activation / ${meta.expectedLinearRegions} linear regions expected in ${meta.domain
            .map(([lo, hi]) => `[${lo}, ${hi}]`)
            .join(' x ')}`
        : '';
      process.stdout.write(`${opts.out}: ${mlp.name ?? kind}${what ? ` — ${what}` : ''}\n`);
      if (meta) info(opts.quiet, `source: ${meta.source}`);
    });
}
