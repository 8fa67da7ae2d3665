import {
  ACTIVATIONS,
  type Activation,
  createMlp,
  createRng,
  gradcheck,
  LOSSES,
  lossName,
  parseArch,
  TesseraError,
} from '@tessera/nn-core';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { formatTable, printJson } from '../output.js';
import { parseInteger, parseNumber } from '../parse.js';
import type { GlobalOptions } from '../program.js';

interface GradcheckOptions extends GlobalOptions {
  arch: string;
  activation: string;
  loss: string;
  n: string;
  h: string;
  tolerance: string;
  engine: string;
  init?: string;
}

/** `tessera gradcheck`: backprop against central finite differences on a random net and data. */
export function registerGradcheck(program: Command): void {
  program
    .command('gradcheck')
    .description('check backpropagation against central finite differences (float64) on a random network')
    .option('--arch <widths>', 'architecture, e.g. 2-6-6-1', '2-6-6-1')
    .option('--activation <names>', `hidden activation, or one per hidden layer comma-separated (${ACTIVATIONS.join(', ')})`, 'tanh')
    .option('--loss <name>', `loss (${LOSSES.join(', ')})`, 'mse')
    .option('--n <rows>', 'number of random data rows', '16')
    .option('--h <step>', 'finite-difference step', '1e-5')
    .option('--tolerance <t>', 'largest acceptable max relative error (exit 1 above it)', '1e-6')
    .option('--engine <name>', 'analytic gradients from the "tape" engine, the "fused" training kernel, or "both"', 'both')
    .addHelpText(
      'after',
      `
Example:
  $ pnpm -s tessera gradcheck --arch 2-6-6-1 --activation tanh --json
  {"maxRelError": 3.1e-9, "perTensor": [{"name": "layers[0].weights", ...}], ...}

Weights are initialised as for training, biases uniform in [-0.5, 0.5] (so no unit sits exactly on
a kink), inputs uniform in [-2, 2]^d and targets random, all from --seed (default 1). The relative error
of an entry is |analytic - numeric| / max(|analytic|, |numeric|, 1e-3). Exit 0 when the max relative
error is below --tolerance, 1 when it is not, 2 on a bad option.`,
    )
    .action((_opts: unknown, command: Command) => {
      const o = command.optsWithGlobals<GradcheckOptions>();
      let widths: number[];
      try {
        widths = parseArch(o.arch);
      } catch (err) {
        throw new UsageError(`invalid --arch: ${(err as Error).message}`);
      }
      const names = o.activation.split(',').map((s) => s.trim());
      for (const a of names)
        if (!(ACTIVATIONS as readonly string[]).includes(a))
          throw new UsageError(`invalid --activation "${a}" (expected one of ${ACTIVATIONS.join(', ')})`);
      const hidden = widths.length - 2;
      if (names.length !== 1 && names.length !== hidden)
        throw new UsageError(`invalid --activation "${o.activation}": give one name or ${hidden} (one per hidden layer)`);
      let loss: ReturnType<typeof lossName>;
      try {
        loss = lossName(o.loss);
      } catch (err) {
        throw new UsageError(`invalid --loss: ${(err as Error).message}`);
      }
      const n = parseInteger(o.n, '--n');
      const h = parseNumber(o.h, '--h');
      if (!(h > 0)) throw new UsageError(`invalid --h "${o.h}": expected a positive number`);
      const tolerance = parseNumber(o.tolerance, '--tolerance');
      if (!['tape', 'fused', 'both'].includes(o.engine))
        throw new UsageError(`invalid --engine "${o.engine}" (expected tape, fused or both)`);
      const seed = o.seed === undefined ? 1 : parseInteger(o.seed, '--seed', 0);

      const activation = (names.length === 1 ? names[0] : names) as Activation | Activation[];
      const mlp = createMlp({ arch: widths, activation, seed });
      const rng = createRng(seed + 1);
      // random biases, so no unit sits exactly on a kink (a dead relu layer would tie every maxout row at 0)
      for (const layer of mlp.layers) for (let i = 0; i < layer.bias.length; i++) layer.bias[i] = rng.uniform(-0.5, 0.5);
      const d = mlp.inputDim;
      const k = mlp.outputDim;
      const x = new Float64Array(n * d);
      for (let i = 0; i < x.length; i++) x[i] = rng.uniform(-2, 2);
      const y = new Float64Array(n * k);
      for (let s = 0; s < n; s++) {
        if (loss === 'softmax_cross_entropy') y[s * k + rng.int(k)] = 1;
        else
          for (let j = 0; j < k; j++) {
            const u = rng.next();
            y[s * k + j] = loss === 'bce' ? u : loss === 'hinge' ? (u < 0.5 ? -1 : 1) : 4 * u - 2;
          }
      }
      const engines = o.engine === 'both' ? (['tape', 'fused'] as const) : ([o.engine] as Array<'tape' | 'fused'>);
      const results = engines.map((engine) => gradcheck(mlp, { x, y, n }, { loss, h, engine }));
      let worst = results[0];
      for (const r of results) if (r.maxRelError > worst.maxRelError) worst = r;
      const passed = results.every((r) => r.maxRelError < tolerance);
      const report = {
        maxRelError: worst.maxRelError,
        maxAbsError: Math.max(...results.map((r) => r.maxAbsError)),
        passed,
        tolerance,
        perTensor: results.flatMap((r) => r.perTensor.map((t) => ({ engine: r.engine, ...t }))),
        arch: widths.join('-'),
        activation,
        loss,
        n,
        h,
        floor: worst.floor,
        parameters: worst.parameters,
        seed,
      };
      if (o.json) printJson(report);
      else {
        process.stdout.write(
          `${formatTable(
            ['engine', 'tensor', 'size', 'max rel error', 'max abs error', 'max |grad|'],
            report.perTensor.map((t) => [
              t.engine,
              t.name,
              t.size,
              t.maxRelError.toExponential(2),
              t.maxAbsError.toExponential(2),
              t.maxGrad.toExponential(2),
            ]),
          )}\n\nmax relative error ${report.maxRelError.toExponential(2)} (tolerance ${tolerance}): ${passed ? 'ok' : 'FAILED'}\n`,
        );
      }
      if (!passed)
        throw new TesseraError(
          'GRADCHECK',
          `gradient check failed: max relative error ${report.maxRelError.toExponential(2)} >= tolerance ${tolerance}`,
          { exitCode: 1 },
        );
    });
}
