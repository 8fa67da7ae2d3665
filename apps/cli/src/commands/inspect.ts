import { createRng, evaluateMlp, isPiecewiseLinear, type Layer, type Mlp, mlpWidths } from '@tessera/nn-core';
import { enumerateRegions } from '@tessera/geometry';
import type { Command } from 'commander';
import type { GlobalOptions } from '../program.js';
import { readModel } from '../io.js';
import { formatTable, info, printJson } from '../output.js';
import { parseBoxN, parseInteger } from '../parse.js';

/** What a hidden unit does over the box. */
export type UnitState =
  | 'dead' // output constant over the box (relu z ≤ 0, hardtanh/smooth saturated low)
  | 'saturated-high' // hardtanh z ≥ 1 or a smooth unit with z > 4 everywhere: constant output
  | 'always-on' // one linear piece over the whole box (relu z ≥ 0, hardtanh in [-1, 1], one maxout piece)
  | 'negative-side' // leaky_relu/prelu/abs with z ≤ 0 everywhere (one piece, not constant)
  | 'switches'; // crosses a kink (or, for smooth units, its non-saturated band) inside the box

export interface UnitReport {
  layer: number;
  unit: number;
  zMin: number;
  zMax: number;
  state: UnitState;
  /** maxout only: how many of the unit's pieces win somewhere in the box. */
  piecesUsed?: number;
}

const SMOOTH_SATURATION = 4;

/**
 * The vertices of every exact activation region in the box (from geometry), as points
 * [n][2]: a continuous piecewise-affine pre-activation takes its extremes over a polygon at its
 * vertices, so min/max over these points are exact.
 */
function exactPreactivationPoints(mlp: Mlp, box: [number, number, number, number]): { points: Float64Array; regions: number } {
  const partition = enumerateRegions(mlp, { box });
  return { points: partition.coords, regions: partition.regionCount };
}

function layerParameters(layer: Layer): number {
  return layer.rows * layer.nIn + layer.rows + (layer.alphas ? layer.alphas.length : 0);
}

/** The pre-activations `z` of hidden layer `l` at `points` ([n][inputDim]), via nn-core's evaluator. */
function preactivations(mlp: Mlp, l: number, points: Float64Array): Float64Array {
  const layer = mlp.layers[l] as Layer;
  const linear: Layer = {
    activation: 'linear',
    nIn: layer.nIn,
    units: layer.rows,
    rows: layer.rows,
    weights: layer.weights,
    bias: layer.bias,
  };
  const truncated: Mlp = { inputDim: mlp.inputDim, outputDim: layer.rows, layers: [...mlp.layers.slice(0, l), linear] };
  return evaluateMlp(truncated, points);
}

function classify(layer: Layer, zMin: number, zMax: number): UnitState {
  switch (layer.activation) {
    case 'relu':
      return zMax <= 0 ? 'dead' : zMin >= 0 ? 'always-on' : 'switches';
    case 'leaky_relu':
    case 'prelu':
    case 'abs':
      return zMax <= 0 ? 'negative-side' : zMin >= 0 ? 'always-on' : 'switches';
    case 'hardtanh':
      return zMax <= -1 ? 'dead' : zMin >= 1 ? 'saturated-high' : zMin >= -1 && zMax <= 1 ? 'always-on' : 'switches';
    case 'linear':
      return 'always-on';
    default:
      // sigmoid, tanh, softplus, elu: "saturated" when |z| > 4 over the whole box.
      return zMax < -SMOOTH_SATURATION
        ? 'dead'
        : zMin > SMOOTH_SATURATION && layer.activation !== 'softplus' && layer.activation !== 'elu'
          ? 'saturated-high'
          : 'switches';
  }
}

/** Uniform seeded points in the box plus its corners (up to 2^dim of them, for dim ≤ 12). */
export function samplePoints(box: number[], dim: number, n: number, seed: number): Float64Array {
  const corners = dim <= 12 ? 2 ** dim : 0;
  const pts = new Float64Array((n + corners) * dim);
  const rng = createRng(seed);
  for (let s = 0; s < n; s++)
    for (let i = 0; i < dim; i++) pts[s * dim + i] = rng.uniform(box[2 * i] as number, box[2 * i + 1] as number);
  for (let c = 0; c < corners; c++)
    for (let i = 0; i < dim; i++) pts[(n + c) * dim + i] = box[2 * i + ((c >> i) & 1)] as number;
  return pts;
}

export interface InspectReport {
  file: string;
  name?: string;
  architecture: string;
  widths: number[];
  inputDim: number;
  outputDim: number;
  parameters: number;
  piecewiseLinear: boolean;
  layers: Array<{ index: number; activation: string; nIn: number; units: number; rows: number; parameters: number; alpha?: number; rank?: number }>;
  box: number[];
  method: 'exact' | 'sampled';
  points: number;
  /** Activation regions in the box (exact method only, else null). */
  regions: number | null;
  units: UnitReport[];
  counts: Record<UnitState, number>;
  meta?: Record<string, unknown>;
}

/** Builds the whole report (exported for the demo). */
export function inspectModel(
  mlp: Mlp,
  file: string,
  options: { box: number[]; samples: number; seed: number; exact: boolean },
): InspectReport {
  const widths = mlpWidths(mlp);
  const pl = isPiecewiseLinear(mlp);
  let points: Float64Array | null = null;
  let method: 'exact' | 'sampled' = 'sampled';
  let regions: number | null = null;
  if (options.exact && pl && mlp.inputDim === 2) {
    const exact = exactPreactivationPoints(mlp, options.box as [number, number, number, number]);
    points = exact.points;
    regions = exact.regions;
    method = 'exact';
  }
  if (!points) points = samplePoints(options.box, mlp.inputDim, options.samples, options.seed);
  const n = points.length / mlp.inputDim;
  const units: UnitReport[] = [];
  for (let l = 0; l < mlp.layers.length - 1; l++) {
    const layer = mlp.layers[l] as Layer;
    const z = preactivations(mlp, l, points);
    const k = layer.rank ?? 1;
    for (let u = 0; u < layer.units; u++) {
      let zMin = Number.POSITIVE_INFINITY;
      let zMax = Number.NEGATIVE_INFINITY;
      const winners = new Set<number>();
      for (let s = 0; s < n; s++) {
        if (k === 1) {
          const v = z[s * layer.rows + u] as number;
          if (v < zMin) zMin = v;
          if (v > zMax) zMax = v;
        } else {
          let best = 0;
          let m = z[s * layer.rows + u * k] as number;
          for (let r = 1; r < k; r++) {
            const v = z[s * layer.rows + u * k + r] as number;
            if (v > m) {
              m = v;
              best = r;
            }
          }
          winners.add(best);
          if (m < zMin) zMin = m;
          if (m > zMax) zMax = m;
        }
      }
      const report: UnitReport = {
        layer: l + 1,
        unit: u + 1,
        zMin,
        zMax,
        state: k === 1 ? classify(layer, zMin, zMax) : winners.size === 1 ? 'always-on' : 'switches',
      };
      if (k > 1) report.piecesUsed = winners.size;
      units.push(report);
    }
  }
  const counts: Record<UnitState, number> = { dead: 0, 'saturated-high': 0, 'always-on': 0, 'negative-side': 0, switches: 0 };
  for (const u of units) counts[u.state]++;
  const report: InspectReport = {
    file,
    architecture: widths.join('-'),
    widths,
    inputDim: mlp.inputDim,
    outputDim: mlp.outputDim,
    parameters: mlp.layers.reduce((a, l) => a + layerParameters(l), 0),
    piecewiseLinear: pl,
    layers: mlp.layers.map((l, i) => {
      const entry: InspectReport['layers'][number] = {
        index: i + 1,
        activation: l.activation,
        nIn: l.nIn,
        units: l.units,
        rows: l.rows,
        parameters: layerParameters(l),
      };
      if (l.alpha !== undefined) entry.alpha = l.alpha;
      if (l.rank !== undefined) entry.rank = l.rank;
      return entry;
    }),
    box: options.box,
    method,
    points: n,
    regions,
    units,
    counts,
  };
  if (mlp.name !== undefined) report.name = mlp.name;
  if (mlp.meta !== undefined) report.meta = mlp.meta;
  return report;
}

function defaultBox(mlp: Mlp): number[] {
  const b = mlp.meta?.box;
  if (Array.isArray(b) && b.length === 2 * mlp.inputDim && b.every((v) => typeof v === 'number' && Number.isFinite(v)))
    return b as number[];
  return Array.from({ length: mlp.inputDim }, () => [-1, 1]).flat();
}

const fmt = (v: number): string => (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : String(Number(v.toFixed(4))));

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('shapes, parameter count, activations, and dead / always-on units over a box')
    .argument('<model>', 'a tessera.mlp JSON file')
    .option('--box <lo,hi,…>', 'box over which units are examined: xmin,xmax,ymin,ymax (2 numbers per input); default meta.box or [-1,1]^d')
    .option('--samples <n>', 'random points for the sampled method', '20000')
    .option('--sampled', 'always sample, even where the exact method applies')
    .addHelpText(
      'after',
      `
Dead / always-on units are found exactly for piecewise-linear nets with 2 inputs (from the exact
regions: the pre-activations are evaluated at every region vertex, where their extremes lie), and
otherwise from seeded random points plus the box corners (a sample can miss a thin sliver).

Example:
  $ tessera inspect model.json --box -2,2,-2,2
  $ tessera inspect model.json --json`,
    )
    .action((file: string, _opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as GlobalOptions & { box?: string; samples: string; sampled?: boolean };
      const samples = parseInteger(opts.samples, '--samples');
      const seed = opts.seed === undefined ? 1 : parseInteger(opts.seed, '--seed', 0);
      const mlp = readModel(file);
      const box = opts.box === undefined ? defaultBox(mlp) : parseBoxN(opts.box, mlp.inputDim);
      const report = inspectModel(mlp, file, { box, samples, seed, exact: !opts.sampled });
      if (opts.json) {
        printJson(report);
        return;
      }
      const out: string[] = [];
      out.push(
        `${file}${report.name ? ` (${report.name})` : ''}: ${report.architecture}, ${report.parameters} parameters, ${report.piecewiseLinear ? 'piecewise linear' : 'smooth (no linear regions)'}`,
      );
      out.push('');
      out.push(
        formatTable(
          ['layer', 'activation', 'in', 'units', 'parameters'],
          report.layers.map((l) => [
            String(l.index),
            l.activation + (l.alpha !== undefined ? ` (alpha ${l.alpha})` : '') + (l.rank !== undefined ? ` (rank ${l.rank})` : ''),
            l.nIn,
            l.units,
            l.parameters,
          ]),
        ),
      );
      out.push('');
      const boxText = Array.from({ length: mlp.inputDim }, (_, i) => `[${box[2 * i]}, ${box[2 * i + 1]}]`).join(' x ');
      out.push(
        report.method === 'exact'
          ? `hidden units over ${boxText} (exact: pre-activations at the ${report.points} vertices of its ${report.regions} activation regions):`
          : `hidden units over ${boxText} (sampled: ${report.points} seeded points incl. corners; a sample can miss a thin sliver):`,
      );
      if (report.units.length === 0) out.push('  (no hidden layers)');
      else
        out.push(
          formatTable(
            ['layer', 'unit', 'z min', 'z max', 'state'],
            report.units.map((u) => [String(u.layer), u.unit, fmt(u.zMin), fmt(u.zMax), u.state + (u.piecesUsed !== undefined ? ` (${u.piecesUsed} pieces)` : '')]),
          ),
        );
      out.push('');
      out.push(
        `dead ${report.counts.dead}, always-on ${report.counts['always-on']}, saturated-high ${report.counts['saturated-high']}, negative-side ${report.counts['negative-side']}, switching ${report.counts.switches}`,
      );
      process.stdout.write(`${out.join('\n')}\n`);
      info(opts.quiet, `${file}: inspected ${report.units.length} hidden units (${report.method})`);
    });
}
