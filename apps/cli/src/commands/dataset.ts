import {
  type Dataset,
  listDatasets,
  type MakeDatasetOptions,
  makeDataset,
  serializeDataset,
  writeCsv,
} from '@tessera/datasets';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io.js';
import { formatTable, info, printJson } from '../output.js';
import { parseBox, parseInteger, parseNumber, parseNumberList } from '../parse.js';
import type { GlobalOptions } from '../program.js';

interface DatasetOptions extends GlobalOptions {
  list?: boolean;
  f?: string;
  n?: string;
  noise?: string;
  box?: string;
  classes?: string;
  oneHot?: boolean;
  mix?: string;
  tolerance?: string;
  margin?: string;
  spread?: string;
  grid?: boolean;
  format?: string;
  out?: string;
}

/** Which generators accept which command-line option (beyond --n, --seed, --out). */
const APPLIES: Record<string, readonly string[]> = {
  f: ['surface', 'surface-classification'],
  box: ['paraboloid', 'paraboloid-regression', 'surface', 'surface-classification', 'checkerboard', 'plane', 'bumps'],
  noise: [
    'paraboloid-regression',
    'surface',
    'circle',
    'xor',
    'gaussians',
    'spirals',
    'moons',
    'checkerboard',
    'blobs',
    'plane',
    'bumps',
  ],
  classes: ['blobs'],
  oneHot: ['blobs'],
  mix: ['paraboloid', 'surface-classification'],
  tolerance: ['paraboloid', 'surface-classification'],
  margin: ['paraboloid', 'surface-classification'],
  spread: ['paraboloid', 'surface-classification'],
  grid: ['paraboloid-regression', 'surface'],
};

const FLAG: Record<string, string> = {
  f: '--f',
  box: '--box',
  noise: '--noise',
  classes: '--classes',
  oneHot: '--one-hot',
  mix: '--mix',
  tolerance: '--tolerance',
  margin: '--margin',
  spread: '--spread',
  grid: '--grid',
};

/** Turns the command-line options into makeDataset options, refusing ones the dataset ignores. */
export function datasetOptionsFromCli(name: string, opts: DatasetOptions): MakeDatasetOptions {
  for (const [key, names] of Object.entries(APPLIES)) {
    if (opts[key as keyof DatasetOptions] !== undefined && !names.includes(name))
      throw new UsageError(`${FLAG[key]} does not apply to dataset "${name}" (it applies to: ${names.join(', ')})`);
  }
  const o: MakeDatasetOptions = {};
  if (opts.n !== undefined) o.n = parseInteger(opts.n, '--n');
  if (opts.f !== undefined) o.f = opts.f;
  if (opts.noise !== undefined) {
    o.noise = parseNumber(opts.noise, '--noise');
    if (o.noise < 0) throw new UsageError(`invalid --noise "${opts.noise}": expected a number >= 0`);
  }
  if (opts.box !== undefined) o.box = parseBox(opts.box);
  if (opts.classes !== undefined) o.classes = parseInteger(opts.classes, '--classes', 2);
  if (opts.oneHot) o.oneHot = true;
  if (opts.mix !== undefined) {
    const [on, above, below] = parseNumberList(opts.mix, '--mix', 3) as [number, number, number];
    const sum = on + above + below;
    if (on < 0 || above < 0 || below < 0 || !(sum > 0))
      throw new UsageError(`invalid --mix "${opts.mix}": expected three non-negative numbers on,above,below`);
    // Accept percentages (70,20,10) as well as fractions (0.7,0.2,0.1).
    o.mix = { on: on / sum, above: above / sum, below: below / sum };
  }
  if (opts.tolerance !== undefined) o.tolerance = parseNumber(opts.tolerance, '--tolerance');
  if (opts.margin !== undefined) o.margin = parseNumber(opts.margin, '--margin');
  if (opts.spread !== undefined) o.spread = parseNumber(opts.spread, '--spread');
  if (opts.grid) o.sampling = 'grid';
  return o;
}

function summary(ds: Dataset, out: string | undefined, format: string) {
  return {
    name: ds.meta.name,
    kind: ds.meta.kind,
    n: ds.n,
    d: ds.d,
    k: ds.k,
    seed: ds.meta.seed,
    ...(ds.meta.classes !== undefined ? { classes: ds.meta.classes } : {}),
    ...(ds.meta.counts ? { counts: ds.meta.counts } : {}),
    params: ds.meta.params ?? {},
    ...(out ? { out, format } : {}),
  };
}

export function registerDataset(program: Command): void {
  program
    .command('dataset')
    .description('generate a seeded dataset (the paraboloid sets, any surface f(x,y), the classic 2-D sets) as CSV or JSON')
    .argument('[name]', 'dataset name (see --list)')
    .option('--list', 'list the datasets')
    .option('--f <expression>', 'surface for surface / surface-classification, e.g. "sin(3*x) * y + 2"')
    .option('--n <n>', 'number of rows (default 1000)')
    .option('--noise <std>', 'Gaussian noise: on y for regression sets, on the coordinates for classic sets')
    .option('--box <xmin,xmax,ymin,ymax>', 'sampling box (default -2,2,-2,2)')
    .option('--classes <k>', 'blobs: number of classes (default 3)')
    .option('--one-hot', 'blobs: one-hot label columns y1..yk instead of a class index')
    .option('--mix <on,above,below>', 'paraboloid / surface-classification: shares on/above/below the surface (default 70,20,10)')
    .option('--tolerance <t>', 'on-surface points satisfy |x3 - f| <= t (default 0)')
    .option('--margin <m>', 'off-surface points are at least m away vertically (default 0.5)')
    .option('--spread <s>', 'off-surface points are at most margin + s away (default 2)')
    .option('--grid', 'paraboloid-regression / surface: sample a g x g grid, g = round(sqrt(n)), instead of uniform points')
    .option('--format <csv|json>', 'output format (default: from --out, else csv)')
    .option('--out <file>', 'write to FILE (.csv or .json) instead of stdout')
    .addHelpText(
      'after',
      `
CSV files have a header x1,...,xd,y (y1,...,yk for one-hot labels) and exact float64 values.
Expressions use x, y (or x1, x2), numbers, + - * / ^ %, comparisons, "c ? a : b", pi, e and
sin cos tan exp log sqrt abs min max pow tanh ...; anything else is refused.

Examples:
  $ tessera dataset --list
  $ tessera dataset paraboloid --n 1000 --seed 7 --out data/paraboloid.csv
  $ tessera dataset surface --f "sin(3*x) * y + 2" --n 500 --noise 0.05 --out surface.csv
  $ tessera dataset blobs --classes 4 --one-hot --format json > blobs.json`,
    )
    .action((name: string | undefined, _opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as DatasetOptions;
      if (opts.list) {
        if (name !== undefined) throw new UsageError('--list takes no dataset name');
        const all = listDatasets();
        if (opts.json) {
          printJson(all);
          return;
        }
        const rows = all.map((d) => [d.name, d.kind, d.inputDim, d.description]);
        process.stdout.write(`${formatTable(['name', 'kind', 'inputs', 'description'], rows)}\n`);
        return;
      }
      if (name === undefined)
        throw new UsageError('missing dataset name (run "tessera dataset --list" to see them), e.g. tessera dataset paraboloid');
      const seed = opts.seed === undefined ? 1 : parseInteger(opts.seed, '--seed', 0);
      // --json without --out prints the dataset itself as tessera.dataset JSON.
      const implied = opts.out ? (/\.json$/i.test(opts.out) ? 'json' : 'csv') : opts.json ? 'json' : 'csv';
      const format = (opts.format ?? implied).toLowerCase();
      if (format !== 'csv' && format !== 'json') throw new UsageError(`invalid --format "${opts.format}": expected csv or json`);
      const options = datasetOptionsFromCli(name, opts);
      const ds = makeDataset(name, { ...options, seed });
      const text = format === 'json' ? serializeDataset(ds) : writeCsv(ds);
      if (!opts.out) {
        if (opts.json && format !== 'json')
          throw new UsageError('--json without --out prints the dataset as JSON; drop --format csv or give --out');
        process.stdout.write(text);
        return;
      }
      writeFileAtomic(opts.out, text);
      const s = summary(ds, opts.out, format);
      if (opts.json) {
        printJson(s);
        return;
      }
      info(opts.quiet, `wrote ${ds.n} rows to ${opts.out}`);
      const counts = ds.meta.counts
        ? Object.entries(ds.meta.counts)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')
        : '-';
      process.stdout.write(
        `${formatTable(
          ['dataset', 'kind', 'n', 'd', 'k', 'seed', 'counts', 'file'],
          [[ds.meta.name, ds.meta.kind, ds.n, ds.d, ds.k, seed, counts, opts.out]],
        )}\n`,
      );
    });
}
