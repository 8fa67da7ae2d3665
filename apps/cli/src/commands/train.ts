import { existsSync, statSync } from 'node:fs';
import { type Dataset, makeDataset, trainTestSplit } from '@tessera/datasets';
import { readCsvFile } from '@tessera/datasets/node';
import {
  ACTIVATIONS,
  type Activation,
  createMlp,
  evaluateLoss,
  fit,
  type History,
  type Mlp,
  parameterCount,
  parseArch,
  predict,
  serializeMlp,
  toMlp,
} from '@tessera/nn-core';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io.js';
import { formatTable, info, printJson } from '../output.js';
import { parseInteger, parseNumber, parseNumberList } from '../parse.js';
import type { GlobalOptions } from '../program.js';
import { createProgress } from '../progress.js';

const LOSS_NAMES: Record<string, string> = {
  mse: 'mse',
  bce: 'bce',
  softmax: 'softmax_cross_entropy',
  softmax_cross_entropy: 'softmax_cross_entropy',
  hinge: 'hinge',
};
const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'adam'] as const;

/** Everything `trainModel` needs; the demo calls it directly (no process spawn). */
export interface TrainSpec {
  data: Dataset;
  /** Hidden widths, e.g. [6] or [3, 3]. */
  hidden: number[];
  /** One name for all hidden layers, or one per hidden layer. */
  activation: Activation | Activation[];
  /** Output activation (default linear). */
  output?: Activation;
  loss: string;
  optimizer: (typeof OPTIMIZER_NAMES)[number];
  lr: number;
  epochs: number;
  batch: number;
  /** Fraction of rows held out for testing (0 = none). */
  testSplit: number;
  seed: number;
  /** Called after each epoch. */
  onEpoch?: (epoch: number, loss: number) => void;
  /** Extra fields for the model's meta. */
  meta?: Record<string, unknown>;
}

export interface TrainResult {
  model: Mlp;
  history: History;
  finalLoss: number;
  testLoss: number | null;
  /** Classification: accuracy on the training rows (and test rows). */
  accuracy: number | null;
  testAccuracy: number | null;
  trainRows: number;
  testRows: number;
  arch: string;
  parameters: number;
}

/** Accuracy of a classifier: one logit → threshold 0 against labels 0/1; several → argmax vs index or one-hot. */
export function accuracyOf(mlp: Mlp, data: Dataset): number {
  const out = predict(mlp, data.x, data.n);
  const m = mlp.outputDim;
  let ok = 0;
  for (let i = 0; i < data.n; i++) {
    let pred: number;
    let truth: number;
    if (m === 1) {
      pred = (out[i] as number) > 0 ? 1 : 0;
      truth = (data.y[i * data.k] as number) > 0.5 ? 1 : 0;
    } else {
      pred = 0;
      for (let j = 1; j < m; j++) if ((out[i * m + j] as number) > (out[i * m + pred] as number)) pred = j;
      if (data.k === 1) truth = data.y[i] as number;
      else {
        truth = 0;
        for (let j = 1; j < data.k; j++) if ((data.y[i * data.k + j] as number) > (data.y[i * data.k + truth] as number)) truth = j;
      }
    }
    if (pred === truth) ok++;
  }
  return ok / data.n;
}

/** Loads a CSV file through the datasets package, streaming (label columns `y…` by default, or `--label`). */
async function loadCsvDataset(path: string, label?: string): Promise<Dataset> {
  if (!existsSync(path)) throw new UsageError(`data file not found: ${path}`);
  const labels = label === undefined ? undefined : label.split(',').map((s) => s.trim());
  const ds = await readCsvFile(path, labels ? { labels } : {});
  if (ds.k === 0) throw new UsageError(`${path}: no label column (name one with --label, or call it y)`);
  return ds;
}

/** Seeded train/test split (stratified for classification) from the datasets package. */
function splitDataset(data: Dataset, fraction: number, seed: number): { train: Dataset; test: Dataset | null } {
  if (fraction === 0) return { train: data, test: null };
  const { train, test } = trainTestSplit(data, { testFraction: fraction, seed });
  if (test.n === 0 || train.n === 0)
    throw new UsageError(`--test-split ${fraction} leaves ${train.n} training and ${test.n} test rows; use a fraction that keeps both non-empty`);
  return { train, test };
}

/** Output width a loss needs for a dataset. */
function outputWidth(data: Dataset, loss: string): number {
  if (loss === 'softmax_cross_entropy' && data.k === 1) return data.meta.classes ?? 2;
  return data.k;
}

/** Trains one network on a dataset with nn-core's `fit` and returns the model with its summary in `meta`. */
export function trainModel(spec: TrainSpec): TrainResult {
  const { train, test } = splitDataset(spec.data, spec.testSplit, spec.seed);
  const widths = [spec.data.d, ...spec.hidden, outputWidth(spec.data, spec.loss)];
  const arch = widths.join('-');
  const model = createMlp({
    arch: widths,
    activation: spec.activation,
    output: spec.output ?? 'linear',
    seed: spec.seed,
  });
  const history = fit(model, train, {
    epochs: spec.epochs,
    batchSize: spec.batch,
    seed: spec.seed,
    loss: spec.loss,
    optimizer: spec.optimizer,
    lr: spec.lr,
    onEpoch: spec.onEpoch ? (e) => spec.onEpoch?.(e.epoch, e.loss) : undefined,
  });
  const classification = spec.data.meta.kind === 'classification';
  const testLoss = test ? evaluateLoss(model, test, spec.loss) : null;
  const accuracy = classification ? accuracyOf(model, train) : null;
  const testAccuracy = classification && test ? accuracyOf(model, test) : null;
  const meta: Record<string, unknown> = {
    dataset: { name: spec.data.meta.name, kind: spec.data.meta.kind, n: spec.data.n, seed: spec.data.meta.seed, params: spec.data.meta.params },
    training: {
      arch,
      activation: spec.activation,
      loss: history.lossName,
      optimizer: history.optimizer,
      lr: spec.lr,
      epochs: history.epochs,
      batch: history.batchSize,
      seed: spec.seed,
      testSplit: spec.testSplit,
      trainRows: train.n,
      testRows: test ? test.n : 0,
      finalLoss: history.finalLoss,
      testLoss,
      accuracy,
      testAccuracy,
      // no timings here: the same command must write the same bytes (timings go to stdout)
      lossEvery: thin(history.loss, 50),
    },
    ...spec.meta,
  };
  const box = spec.data.meta.params?.box;
  if (Array.isArray(box) && box.length === 4 && spec.data.d === 2) meta.box = box;
  return {
    model: toMlp(model, meta),
    history,
    finalLoss: history.finalLoss,
    testLoss,
    accuracy,
    testAccuracy,
    trainRows: train.n,
    testRows: test ? test.n : 0,
    arch,
    parameters: parameterCount(model),
  };
}

/** At most `max` evenly spaced values of a curve (always with the last one), for meta. */
function thin(values: number[], max: number): number[] {
  if (values.length <= max) return values.slice();
  const out: number[] = [];
  for (let i = 0; i < max; i++) out.push(values[Math.round((i * (values.length - 1)) / (max - 1))] as number);
  return out;
}

interface TrainOptions extends GlobalOptions {
  data: string;
  f?: string;
  n: string;
  label?: string;
  noise?: string;
  arch?: string;
  hidden?: string;
  activation: string;
  output: string;
  loss?: string;
  optimizer: string;
  lr: string;
  epochs: string;
  batch: string;
  testSplit: string;
  out?: string;
}

async function loadData(opts: TrainOptions, seed: number): Promise<Dataset> {
  const looksLikeFile = /\.(csv|tsv|txt)$/i.test(opts.data) || opts.data.includes('/') || existsSync(opts.data);
  if (looksLikeFile) {
    if (opts.f !== undefined) throw new UsageError('--f only applies to generated datasets, not to a CSV file');
    return loadCsvDataset(opts.data, opts.label);
  }
  if (opts.label !== undefined) throw new UsageError('--label only applies to --data FILE.csv');
  const o: Record<string, unknown> = { n: parseInteger(opts.n, '--n'), seed };
  if (opts.f !== undefined) o.f = opts.f;
  if (opts.noise !== undefined) o.noise = parseNumber(opts.noise, '--noise');
  return makeDataset(opts.data, o);
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train a network on a built-in dataset or a CSV file and write it as tessera.mlp')
    .requiredOption('--data <name|file.csv>', 'a built-in dataset (see `tessera dataset --list`) or a CSV file')
    .option('--f <expression>', 'the surface for surface datasets, e.g. "sin(3*x) * y + 2"')
    .option('--n <n>', 'rows to generate', '1000')
    .option('--noise <sd>', 'noise for generated datasets that take it')
    .option('--label <cols>', 'CSV label column(s), comma-separated (default: the columns named y…)')
    .option('--arch <widths>', 'architecture, e.g. 2-6-1 (input and output widths must match the data)')
    .option('--hidden <widths>', 'hidden widths only, e.g. 6,6 (input/output taken from the data)')
    .option('--activation <names>', 'hidden activation, one for all or one per hidden layer: relu or relu,tanh', 'relu')
    .option('--output <name>', 'output activation', 'linear')
    .option('--loss <name>', 'mse | bce | softmax | hinge (default: mse for regression, bce for classification)')
    .option('--optimizer <name>', 'sgd | momentum | nesterov | adam', 'adam')
    .option('--lr <rate>', 'learning rate', '0.01')
    .option('--epochs <n>', 'epochs', '200')
    .option('--batch <n>', 'minibatch size (the row count for full batch)', '32')
    .option('--test-split <fraction>', 'fraction of rows held out for a test loss', '0')
    .option('--out <file>', 'write the trained network here (tessera.mlp JSON)')
    .addHelpText(
      'after',
      `
The summary (loss, timing, settings) goes into the model's "meta". Progress is a bar on a
terminal, plain lines otherwise, nothing with --quiet. A diverging run (NaN/Infinity loss) exits 1
with the epoch and advice, and writes no file.

Examples:
  $ tessera train --data paraboloid-regression --n 1000 --arch 2-6-1 --activation tanh \\
      --loss mse --optimizer sgd --lr 0.05 --epochs 2000 --batch 1000 --seed 1 --out model.json --json
  $ tessera train --data circle --hidden 8,8 --activation relu --loss bce --epochs 50 --batch 10
  $ tessera train --data points.csv --label y --hidden 6 --test-split 0.2 --out net.json`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as TrainOptions;
      const seed = opts.seed === undefined ? 1 : parseInteger(opts.seed, '--seed', 0);
      const epochs = parseInteger(opts.epochs, '--epochs');
      const batch = parseInteger(opts.batch, '--batch');
      const lr = parseNumber(opts.lr, '--lr');
      if (!(lr > 0)) throw new UsageError(`invalid --lr "${opts.lr}": expected a positive number`);
      const testSplit = parseNumber(opts.testSplit, '--test-split');
      if (!(testSplit >= 0 && testSplit < 1))
        throw new UsageError(`invalid --test-split "${opts.testSplit}": expected a fraction in [0, 1)`);
      if (!(OPTIMIZER_NAMES as readonly string[]).includes(opts.optimizer))
        throw new UsageError(`invalid --optimizer "${opts.optimizer}" (expected one of ${OPTIMIZER_NAMES.join(', ')})`);
      if (opts.arch !== undefined && opts.hidden !== undefined) throw new UsageError('give --arch or --hidden, not both');
      if (opts.loss !== undefined && !(opts.loss in LOSS_NAMES))
        throw new UsageError(`invalid --loss "${opts.loss}" (expected one of mse, bce, softmax, hinge)`);

      if (opts.out !== undefined && existsSync(opts.out) && statSync(opts.out).isDirectory())
        throw new UsageError(`invalid --out "${opts.out}": it is a folder (give a file name such as model.json)`);
      const data = await loadData(opts, seed);
      const loss = LOSS_NAMES[opts.loss ?? (data.meta.kind === 'classification' ? 'bce' : 'mse')] as string;
      let hidden: number[];
      if (opts.arch !== undefined) {
        let widths: number[];
        try {
          widths = parseArch(opts.arch);
        } catch (err) {
          throw new UsageError(`--arch: ${(err as Error).message}`);
        }
        const outW = outputWidth(data, loss);
        if (widths[0] !== data.d)
          throw new UsageError(`invalid --arch "${opts.arch}": the data has ${data.d} inputs, so it must start with ${data.d}`);
        if (widths[widths.length - 1] !== outW)
          throw new UsageError(`invalid --arch "${opts.arch}": the data and loss need ${outW} output(s), so it must end with ${outW}`);
        hidden = widths.slice(1, -1);
      } else if (opts.hidden !== undefined) {
        hidden = parseNumberList(opts.hidden, '--hidden');
        if (hidden.some((w) => !Number.isInteger(w) || w < 1))
          throw new UsageError(`invalid --hidden "${opts.hidden}": expected positive integers such as 6,6`);
      } else hidden = [8];
      const acts = opts.activation.split(',').map((s) => s.trim()) as Activation[];
      const badAct = acts.find((a) => !(ACTIVATIONS as readonly string[]).includes(a));
      if (badAct !== undefined)
        throw new UsageError(`invalid --activation "${opts.activation}": unknown activation "${badAct}" (expected one of ${ACTIVATIONS.join(', ')})`);
      if (!(ACTIVATIONS as readonly string[]).includes(opts.output))
        throw new UsageError(`invalid --output "${opts.output}" (expected one of ${ACTIVATIONS.join(', ')})`);
      if (acts.length !== 1 && acts.length !== hidden.length)
        throw new UsageError(
          `invalid --activation "${opts.activation}": expected one name or ${hidden.length} (one per hidden layer)`,
        );

      const progress = createProgress({ total: epochs, quiet: opts.quiet });
      let result: TrainResult;
      try {
        result = trainModel({
          data,
          hidden,
          activation: acts.length === 1 ? (acts[0] as Activation) : acts,
          output: opts.output as Activation,
          loss,
          optimizer: opts.optimizer as TrainSpec['optimizer'],
          lr,
          epochs,
          batch,
          testSplit,
          seed,
          onEpoch: (e, l) => progress.update(e, l),
        });
      } finally {
        progress.stop();
      }
      if (opts.out) writeFileAtomic(opts.out, serializeMlp(result.model));
      const h = result.history;
      const summary = {
        finalLoss: result.finalLoss,
        testLoss: result.testLoss,
        accuracy: result.accuracy,
        testAccuracy: result.testAccuracy,
        trainMs: h.trainMs,
        examplesPerSecond: h.examplesPerSecond,
        epochs: h.epochs,
        arch: result.arch,
        activation: acts.length === 1 ? acts[0] : acts,
        parameters: result.parameters,
        loss: h.lossName,
        optimizer: h.optimizer,
        lr,
        batch: h.batchSize,
        seed,
        dataset: data.meta.name,
        trainRows: result.trainRows,
        testRows: result.testRows,
        out: opts.out ?? null,
      };
      if (opts.json) {
        printJson(summary);
        return;
      }
      const rows: Array<[string, string | number]> = [
        ['network', `${result.arch} ${summary.activation} (${result.parameters} parameters)`],
        ['data', `${data.meta.name}: ${result.trainRows} training rows${result.testRows ? `, ${result.testRows} test rows` : ''}`],
        ['loss', `${h.lossName}, ${h.optimizer} lr ${lr}, batch ${h.batchSize}, ${h.epochs} epochs`],
        ['final training loss', result.finalLoss.toPrecision(6)],
      ];
      if (result.testLoss !== null) rows.push(['test loss', result.testLoss.toPrecision(6)]);
      if (result.accuracy !== null) rows.push(['training accuracy', result.accuracy.toFixed(4)]);
      if (result.testAccuracy !== null) rows.push(['test accuracy', result.testAccuracy.toFixed(4)]);
      rows.push(['training time', `${h.trainMs.toFixed(1)} ms (${Math.round(h.examplesPerSecond).toLocaleString('en-US')} examples/s)`]);
      if (opts.out) rows.push(['model', opts.out]);
      process.stdout.write(`${formatTable(['', ''], rows).split('\n').slice(2).join('\n')}\n`);
      info(opts.quiet, opts.out ? `wrote ${opts.out}` : 'no --out given: the model was not saved');
    });
}
