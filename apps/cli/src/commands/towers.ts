import { compileExpression } from '@tessera/datasets';
import {
  type ApproximateWithTowersOptions,
  approximateWithNgonTowers,
  approximateWithTowers,
  ngonApproximationTable,
  ngonSkirtContribution,
  towerErrorTable,
} from '@tessera/geometry';
import { mlpWidths, serializeMlp } from '@tessera/nn-core';
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
  sides?: string;
  fit?: string;
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
  if (opts.shape !== undefined && opts.shape !== 'ngon') {
    if (opts.shape !== 'pyramid' && opts.shape !== 'box')
      throw new UsageError(`invalid --shape "${opts.shape}": expected pyramid, box or ngon`);
    o.shape = opts.shape;
  }
  if (opts.shape === 'ngon' && layers !== 1) throw new UsageError('--shape ngon needs --hidden-layers 1 (one hidden layer of n-gon towers)');
  if (opts.shape !== 'ngon' && (opts.sides !== undefined || opts.fit !== undefined))
    throw new UsageError('--sides and --fit need --shape ngon');
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
    .option('--shape <shape>', 'relu two-layer towers: pyramid (default, exact P1 interpolant) or box (Nielsen); ngon: one hidden layer of n-gon towers')
    .option('--sides <n>', 'with --shape ngon: sides (steps) per tower (default 8)')
    .option('--fit <fit>', 'with --shape ngon: least-squares (default) or hand (heights f(centre)/n) output weights')
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
  $ tessera towers --sweep --curvature-bound 2
  $ tessera towers --hidden-layers 1 --shape ngon --sides 8 --grid 4 --kind sigmoid --json`,
    )
    .action((_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as TowersCliOptions;
      const f = compileExpression(opts.f);
      const box = parseBox(opts.box);
      const o = options(opts);
      if (opts.shape === 'ngon') {
        ngonAction(opts, f, box, o);
        return;
      }
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
      const summary = { f: opts.f, box, ...rest, widths: mlpWidths(mlp), out: opts.out ?? null };
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

type Target = (x: number, y: number) => number;

/** --shape ngon: one hidden layer of n-gon towers, hand-built and least-squares output weights. */
function ngonAction(opts: TowersCliOptions, f: Target, box: [number, number, number, number], o: ApproximateWithTowersOptions): void {
  const sides = parseInteger(opts.sides ?? '8', '--sides', 3);
  const fit = opts.fit ?? 'least-squares';
  if (fit !== 'hand' && fit !== 'least-squares') throw new UsageError(`invalid --fit "${fit}": expected least-squares or hand`);
  const common = { kind: o.kind, sides, ...(o.steepness !== undefined ? { steepness: o.steepness } : {}), ...(o.curvatureBound !== undefined ? { curvatureBound: o.curvatureBound } : {}) };
  if (opts.sweep) {
    const grids = parseNumberList(opts.grids ?? '', '--grids').map((g) => parseInteger(String(g), '--grids', 1));
    info(opts.quiet, `towers: sweeping ${sides}-gon towers, k = ${grids.join(', ')} …`);
    const rows = ngonApproximationTable(f, box, { ...common, grids, sides: [sides] });
    if (opts.json) {
      printJson({ f: opts.f, box, shape: 'ngon', hiddenLayers: 1, ...common, rows });
      return;
    }
    process.stdout.write(
      `${formatTable(
        ['k', 'n', 'neurons', 'parameters', 'hand supError', 'hand rmse', 'LS supError', 'LS rmse', 'mean skirt'],
        rows.map((r) => [r.grid, r.sides, r.neurons, r.parameters, r.hand.supError.toPrecision(5), r.hand.rmse.toPrecision(5), r.leastSquares.supError.toPrecision(5), r.leastSquares.rmse.toPrecision(5), r.skirt.meanSkirt.toPrecision(5)]),
      )}\n`,
    );
    info(opts.quiet, `supError is ${SUP_KIND_HELP[rows[0]!.leastSquares.supErrorKind]}`);
    return;
  }
  const k = parseInteger(opts.grid, '--grid', 1);
  const hand = approximateWithNgonTowers(f, box, { ...common, grid: k, fit: 'hand' });
  const ls = approximateWithNgonTowers(f, box, { ...common, grid: k, fit: 'least-squares' });
  const skirt = ngonSkirtContribution(hand, f, box);
  const a = fit === 'hand' ? hand : ls;
  a.mlp.meta = { ...a.mlp.meta, target: opts.f };
  if (opts.out) writeFileAtomic(opts.out, serializeMlp(a.mlp, 2));
  const pick = (x: typeof a) => ({ supError: x.supError, supErrorLower: x.supErrorLower, supErrorKind: x.supErrorKind, rmse: x.rmse, fitRmse: x.fitRmse });
  const { mlp, ...rest } = a;
  const summary = {
    f: opts.f,
    box,
    ...rest,
    hiddenLayers: 1,
    shape: 'ngon',
    widths: mlpWidths(mlp),
    fits: { hand: pick(hand), leastSquares: pick(ls) },
    skirt,
    out: opts.out ?? null,
  };
  if (opts.json) {
    printJson(summary);
    return;
  }
  const rows: Array<[string, string | number]> = [
    ['target', opts.f],
    ['box', box.join(', ')],
    ['network', `${summary.widths.join('-')} (${a.kind}, ${k}×${k} ${sides}-gon towers, 1 hidden layer, ${fit} output)`],
    ['neurons', a.neurons],
    ['parameters', a.parameters],
    ['supError', `${a.supError.toPrecision(6)} (${a.supErrorKind})`],
    ['rmse', a.rmse.toPrecision(6)],
    ['hand-built: supError, rmse', `${hand.supError.toPrecision(5)}, ${hand.rmse.toPrecision(5)}`],
    ['least squares: supError, rmse', `${ls.supError.toPrecision(5)}, ${ls.rmse.toPrecision(5)}`],
    ['hand-built skirts: mean, min…max', `${skirt.meanSkirt.toPrecision(5)}, ${skirt.minSkirt.toPrecision(5)}…${skirt.maxSkirt.toPrecision(5)}`],
  ];
  process.stdout.write(`${formatTable(['quantity', 'value'], rows)}\n`);
  info(opts.quiet, `supError is ${SUP_KIND_HELP[a.supErrorKind]}`);
  if (opts.out) info(opts.quiet, `wrote ${opts.out}`);
}
