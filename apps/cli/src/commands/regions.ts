import { bounds, decisionRegions, enumerateRegions, type Partition } from '@tessera/geometry';
import { type Mlp, mlpWidths } from '@tessera/nn-core';
import type { Command } from 'commander';
import { writeRegionFigures } from '../figures.js';
import { readModel } from '../io.js';
import { formatTable, printJson } from '../output.js';
import { parseBox, parseInteger, parseNumber } from '../parse.js';
import type { GlobalOptions } from '../program.js';

export interface RegionsCliOptions extends GlobalOptions {
  box: string;
  repeat?: string;
  maxRegions?: string;
  tolerance?: string;
}

/** Runs the enumeration `repeat` times; returns the last partition and the median wall time (ms). */
export function timedEnumeration(
  mlp: Mlp,
  box: [number, number, number, number],
  opts: RegionsCliOptions,
): { partition: Partition; ms: number; runs: number[] } {
  const repeat = opts.repeat === undefined ? 1 : parseInteger(opts.repeat, '--repeat');
  const options: Parameters<typeof enumerateRegions>[1] = { box };
  if (opts.maxRegions !== undefined) options.maxRegions = parseInteger(opts.maxRegions, '--max-regions');
  if (opts.tolerance !== undefined) options.tolerance = parseNumber(opts.tolerance, '--tolerance');
  const runs: number[] = [];
  let partition: Partition | undefined;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    partition = enumerateRegions(mlp, options);
    runs.push(performance.now() - t0);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const ms = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { partition: partition as Partition, ms, runs };
}

/** The JSON summary shared by `regions` and `slice`. */
export function regionsSummary(mlp: Mlp, p: Partition, ms: number, runs: number[]): Record<string, unknown> {
  const [x0, x1, y0, y1] = p.box;
  const boxArea = (x1 - x0) * (y1 - y0);
  let minArea = Number.POSITIVE_INFINITY;
  for (let r = 0; r < p.regionCount; r++) minArea = Math.min(minArea, p.areas[r]);
  const widths = mlpWidths(mlp);
  const out: Record<string, unknown> = {
    arch: widths.join('-'),
    activations: mlp.layers.map((l) => (l.activation === 'maxout' ? `maxout(${l.rank})` : l.activation)),
    box: p.box,
    boxArea,
    regions: p.regionCount,
    linearRegions: p.linearRegionCount,
    vertices: p.vertexCount,
    area: p.area,
    areaError: Math.abs(p.area - boxArea) / boxArea,
    minRegionArea: minArea,
    adjacentPairs: p.adjacency.count,
    ms: Number(ms.toFixed(3)),
    runsMs: runs.map((r) => Number(r.toFixed(3))),
    regionsPerSecond: ms > 0 ? Math.round((p.regionCount / ms) * 1000) : null,
    tolerance: p.tolerance,
    mergeTolerance: p.mergeTolerance,
  };
  const hidden = mlp.layers.slice(0, -1);
  if (hidden.length > 0 && hidden.every((l) => l.activation === 'relu')) {
    try {
      const b = bounds(widths).bounds;
      const pick: Record<string, unknown> = {};
      for (const [name, entry] of Object.entries(b)) pick[name] = entry.value;
      out.bounds = pick;
    } catch {
      // bounds are an extra; an architecture they do not cover is not an error here
    }
  }
  return out;
}

function printHuman(summary: Record<string, unknown>, extra: Array<[string, string | number]> = []): void {
  const rows: Array<[string, string | number]> = [
    ['architecture', `${summary.arch} (${(summary.activations as string[]).join(', ')})`],
    ['box', (summary.box as number[]).join(', ')],
    ...extra,
    ['activation regions', summary.regions as number],
    ['linear regions', summary.linearRegions as number],
  ];
  if (summary.decisionRegions !== undefined) rows.push(['decision regions (argmax)', summary.decisionRegions as number]);
  rows.push(
    ['polygon vertices', summary.vertices as number],
    ['area (box area)', `${summary.area} (${summary.boxArea})`],
    ['area relative error', (summary.areaError as number).toExponential(2)],
    ['smallest region area', (summary.minRegionArea as number).toExponential(3)],
    ['enumeration time', `${summary.ms} ms`],
  );
  const b = summary.bounds as Record<string, unknown> | undefined;
  if (b) for (const [k, v] of Object.entries(b)) if (v !== null) rows.push([`bound: ${k}`, String(v)]);
  process.stdout.write(`${formatTable(['quantity', 'value'], rows)}\n`);
}

/** Adds the decision-region count for nets with several outputs. */
export function addDecisionRegions(mlp: Mlp, summary: Record<string, unknown>, box: [number, number, number, number]): void {
  if (mlp.outputDim < 2) return;
  const d = decisionRegions(mlp, { box });
  summary.decisionRegions = d.decisionRegionCount;
  summary.classAreas = Array.from(d.classArea);
}

export function registerRegions(program: Command): void {
  program
    .command('regions')
    .description('exact activation and linear regions of a 2-input piecewise-linear net in a box')
    .argument('<model>', 'a tessera.mlp JSON file with inputDim 2')
    .requiredOption('--box <xmin,xmax,ymin,ymax>', 'the box to partition')
    .option('--repeat <n>', 'run the enumeration n times and report the median time', '1')
    .option('--max-regions <n>', 'stop with an error once more than n regions are found')
    .option('--tolerance <rel>', 'relative on-the-line tolerance (default 1e-12)')
    .option('--svg <file>', 'write the region map as SVG')
    .option('--png <file>', 'write the region map as PNG')
    .option('--color <mode>', 'region colouring: neighbors|value|slope|pattern (default neighbors)')
    .option('--points <data.csv>', 'overlay the points of a CSV file, coloured by class')
    .option('--boundary', 'overlay the exact decision boundary (f = 0, or the argmax boundary)')
    .addHelpText(
      'after',
      `
Counts the exact activation regions (convex polygons of constant activation pattern) and linear
regions (edge-adjacent regions with the same affine output merged); for several outputs also the
argmax decision regions. "ms" is the in-process time of the enumeration alone (median of --repeat).

Example:
  $ tessera regions model.json --box -1,1,-1,1
  $ tessera regions model.json --box -1,1,-1,1 --repeat 5 --json
  $ tessera regions model.json --box -1,1,-1,1 --svg map.svg --png map.png --color value --boundary`,
    )
    .action((modelPath: string, _opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as RegionsCliOptions;
      const mlp = readModel(modelPath);
      const box = parseBox(opts.box);
      const { partition, ms, runs } = timedEnumeration(mlp, box, opts);
      const summary = { model: modelPath, ...regionsSummary(mlp, partition, ms, runs) };
      addDecisionRegions(mlp, summary, box);
      Object.assign(summary, writeRegionFigures(mlp, partition, opts as RegionsCliOptions & Parameters<typeof writeRegionFigures>[2]));
      if (opts.json) printJson(summary);
      else printHuman(summary);
    });
}

export { printHuman as printRegionsSummary };
