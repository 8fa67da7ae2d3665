import { compileExpression } from '@tessera/datasets';
import { type ApproximateWithTowersOptions, approximateWithTowers, towerErrorTable } from '@tessera/geometry';
import { serializeMlp } from '@tessera/nn-core';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io.js';
import { formatTable, info, printJson } from '../output.js';
import { parseBox, parseInteger, parseNumber, parseNumberList } from '../parse.js';
import type { GlobalOptions } from '../program.js';

interface TowersCliOptions extends GlobalOptions {
  f: string;
  box: string;
  grid: string;
  kind: string;
  hiddenLayers: string;
  shape?: string;
  steepness?: string;
  gain?: string;
  curvatureBound?: string;
  out?: string;
  sweep?: boolean;
  grids?: string;
}

/** Least-squares slope of log(sup) against log(x) over the rows: the observed order. */
function fittedRate(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i]! - mx) * (ly[i]! - my);
    den += (lx[i]! - mx) ** 2;
  }
  return den > 0 ? -num / den : Number.NaN;
}

function options(opts: TowersCliOptions): ApproximateWithTowersOptions {
  const kind = opts.kind;
  if (kind !== 'relu' && kind !== 'sigmoid') throw new UsageError(`invalid --kind "${kind}": expected relu or sigmoid`);
  const layers = parseInteger(opts.hiddenLayers, '--hidden-layers');
  if (layers !== 1 && layers !== 2) throw new UsageError(`invalid --hidden-layers "${opts.hiddenLayers}": expected 1 or 2`);
  const o: ApproximateWithTowersOptions = { kind, hiddenLayers: layers };
  if (opts.shape !== undefined) {
    if (opts.shape !== 'pyramid' && opts.shape !== 'box')
      throw new UsageError(`invalid --shape "${opts.shape}": expected pyramid or box`);
    o.shape = opts.shape;
  }
  if (opts.steepness !== undefined) o.steepness = parseNumber(opts.steepness, '--steepness');
  if (opts.gain !== undefined) o.gain = parseNumber(opts.gain, '--gain');
  if (opts.curvatureBound !== undefined) {
    o.curvatureBound = parseNumber(opts.curvatureBound, '--curvature-bound');
    if (o.curvatureBound < 0) throw new UsageError(`invalid --curvature-bound "${opts.curvatureBound}": expected a number >= 0`);
  }
  return o;
}

const SUP_KIND_HELP = {
  certified: 'a proven upper bound (from --curvature-bound)',
  bounded: 'an upper bound using a curvature estimated by finite differences (×1.5); pass --curvature-bound to certify',
  estimated: 'a fine-grid maximum (smooth nets have no linear regions)',
} as const;

export function registerTowers(program: Command): void {
  program
    .command('towers')
    .description("approximate f(x1, x2) on a box with Nielsen-style towers and measure the true error")
    .option('--f <expression>', 'the target f(x1, x2) (safe expression parser)', 'x1^2 + x2^2 + 3')
    .option('--box <xmin,xmax,ymin,ymax>', 'the box', '-2,2,-2,2')
    .option('--grid <k>', 'cells per axis (k × k towers)', '8')
    .option('--kind <kind>', 'relu or sigmoid', 'relu')
    .option('--hidden-layers <n>', '2: localised towers; 1: cross-shaped (additive) bumps', '2')
    .option('--shape <shape>', 'relu two-layer towers: pyramid (default, exact P1 interpolant) or box (Nielsen)')
    .option('--steepness <w>', 'first-layer steepness (sigmoid weight; relu box ramp width 1/w)')
    .option('--gain <g>', 'sigmoid second-layer gain (bias −3g/2)')
    .option('--curvature-bound <M>', "a proven bound on |Hessian of f| over the box: makes supError certified")
    .option('--out <file>', 'write the network (tessera.mlp JSON)')
    .option('--sweep', 'print the error-vs-neurons table instead (k = 2…16)')
    .option('--grids <list>', 'grid sizes for --sweep', '2,3,4,5,6,8,10,12,14,16')
    .addHelpText(
      'after',
      `
supError is the maximum of |net − f| over the whole box. For ReLU nets the box is split into the
net's linear regions and each region is sampled with a remainder bound from the curvature of f,
so it is an upper bound (supErrorLower is the largest error actually seen). supErrorKind says
whether it is certified, bounded (estimated curvature) or estimated (grid maximum, sigmoid nets).

Example:
  $ tessera towers --f "x1^2 + x2^2 + 3" --box -2,2,-2,2 --grid 8 --kind relu --hidden-layers 2 --out towers.json --json
  $ tessera towers --sweep --curvature-bound 2`,
    )
    .action((_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as TowersCliOptions;
      const f = compileExpression(opts.f);
      const box = parseBox(opts.box);
      const o = options(opts);
      if (opts.sweep) {
        const grids = parseNumberList(opts.grids ?? '', '--grids').map((g) => parseInteger(String(g), '--grids', 2));
        info(opts.quiet, `towers: sweeping k = ${grids.join(', ')} …`);
        const rows = towerErrorTable(f, box, { ...o, grids });
        const tail = rows.slice(Math.floor(rows.length / 2));
        const rate = {
          inNeurons: fittedRate(
            tail.map((r) => r.neurons),
            tail.map((r) => r.supError),
          ),
          inGrid: fittedRate(
            tail.map((r) => r.grid),
            tail.map((r) => r.supError),
          ),
        };
        if (opts.json) {
          printJson({ f: opts.f, box, ...o, rows, fittedRate: rate });
          return;
        }
        process.stdout.write(
          `${formatTable(
            ['k', 'neurons', 'parameters', 'supError', 'supErrorLower', 'rmse', 'rate(N)', 'rate(k)'],
            rows.map((r) => [
              r.grid,
              r.neurons,
              r.parameters,
              r.supError.toPrecision(5),
              r.supErrorLower.toPrecision(5),
              r.rmse.toPrecision(5),
              r.rateInNeurons === null ? '-' : r.rateInNeurons.toFixed(2),
              r.rateInGrid === null ? '-' : r.rateInGrid.toFixed(2),
            ]),
          )}\n`,
        );
        process.stdout.write(
          `supError ~ N^-${rate.inNeurons.toFixed(2)} ~ k^-${rate.inGrid.toFixed(2)} (fit over k >= ${tail[0]!.grid}); supError is ${rows[0]!.supErrorKind}: ${SUP_KIND_HELP[rows[0]!.supErrorKind]}\n`,
        );
        return;
      }
      const k = parseInteger(opts.grid, '--grid', 2);
      const a = approximateWithTowers(f, box, { ...o, grid: k });
      a.mlp.meta = { ...a.mlp.meta, target: opts.f };
      if (opts.out) writeFileAtomic(opts.out, serializeMlp(a.mlp, 2));
      const { mlp, ...rest } = a;
      const summary = { f: opts.f, box, ...rest, widths: [mlp.inputDim, ...mlp.layers.map((l) => l.units)], out: opts.out ?? null };
      if (opts.json) {
        printJson(summary);
        return;
      }
      const rows: Array<[string, string | number]> = [
        ['target', opts.f],
        ['box', box.join(', ')],
        ['network', `${summary.widths.join('-')} (${a.kind}, ${a.shape} towers, ${a.hiddenLayers} hidden layer${a.hiddenLayers === 2 ? 's' : ''})`],
        ['neurons', a.neurons],
        ['parameters', a.parameters],
        ['supError', `${a.supError.toPrecision(6)} (${a.supErrorKind})`],
        ['supErrorLower', a.supErrorLower.toPrecision(6)],
        ['rmse', a.rmse.toPrecision(6)],
      ];
      if (a.activationRegions !== undefined) rows.push(['activation regions', a.activationRegions]);
      if (a.linearRegions !== undefined) rows.push(['linear regions', a.linearRegions]);
      process.stdout.write(`${formatTable(['quantity', 'value'], rows)}\n`);
      info(opts.quiet, `supError is ${SUP_KIND_HELP[a.supErrorKind]}`);
      if (opts.out) info(opts.quiet, `wrote ${opts.out}`);
    });
}
