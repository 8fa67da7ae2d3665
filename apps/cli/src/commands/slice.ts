import { slicePlane } from '@tessera/geometry';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { readModel } from '../io.js';
import { printJson } from '../output.js';
import { parseBox, parseNumberList } from '../parse.js';
import { addDecisionRegions, type RegionsCliOptions, printRegionsSummary, regionsSummary, timedEnumeration } from './regions.js';

export function registerSlice(program: Command): void {
  program
    .command('slice')
    .description('exact regions of a net of any input dimension on the plane origin + s·u + t·v')
    .argument('<model>', 'a tessera.mlp JSON file (any inputDim)')
    .requiredOption('--origin <coords>', 'a point of the plane (inputDim numbers)')
    .requiredOption('--u <coords>', 'first direction (inputDim numbers)')
    .requiredOption('--v <coords>', 'second direction (inputDim numbers, not parallel to u)')
    .requiredOption('--box <smin,smax,tmin,tmax>', 'the box of plane coordinates (s, t) to partition')
    .option('--repeat <n>', 'run the enumeration n times and report the median time', '1')
    .option('--max-regions <n>', 'stop with an error once more than n regions are found')
    .option('--tolerance <rel>', 'relative on-the-line tolerance (default 1e-12)')
    .addHelpText(
      'after',
      `
The first layer is composed with x = origin + s·u + t·v, so the regions are exact on the plane.

Example:
  $ tessera slice classifier.json --origin 0,0,3 --u 1,0,0 --v 0,1,0 --box -1,1,-1,1
  $ tessera slice classifier.json --origin 0,0,0 --u 1,0,0 --v 0,0,1 --box -1,1,0,6 --json`,
    )
    .action((modelPath: string, _opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as RegionsCliOptions & { origin: string; u: string; v: string };
      const mlp = readModel(modelPath);
      const vec = (text: string, name: string) => {
        const x = parseNumberList(text, name);
        if (x.length !== mlp.inputDim)
          throw new UsageError(`invalid ${name} "${text}": expected ${mlp.inputDim} numbers (the model's inputDim), got ${x.length}`);
        return x;
      };
      const origin = vec(opts.origin, '--origin');
      const u = vec(opts.u, '--u');
      const v = vec(opts.v, '--v');
      const box = parseBox(opts.box);
      const plane = slicePlane(mlp, { origin, u, v });
      const { partition, ms, runs } = timedEnumeration(plane, box, opts);
      const summary = { model: modelPath, inputDim: mlp.inputDim, origin, u, v, ...regionsSummary(plane, partition, ms, runs) };
      addDecisionRegions(plane, summary, box);
      if (opts.json) printJson(summary);
      else
        printRegionsSummary(summary, [
          ['plane', `[${origin.join(', ')}] + s·[${u.join(', ')}] + t·[${v.join(', ')}]`],
        ]);
    });
}
