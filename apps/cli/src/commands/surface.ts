import { compileExpression } from '@tessera/datasets';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { sampleFunction, surfaceSvg, writeFigure } from '../figures.js';
import { readModel } from '../io.js';
import { formatTable, printJson } from '../output.js';
import { parseBox, parseInteger, parseNumber } from '../parse.js';
import type { GlobalOptions } from '../program.js';

interface SurfaceCliOptions extends GlobalOptions {
  box: string;
  svg?: string;
  png?: string;
  pngWidth?: string;
  azimuth: string;
  elevation: string;
  perspective?: boolean;
  target?: string;
  grid: string;
  title?: string;
  maxRegions?: string;
}

export function registerSurface(program: Command): void {
  program
    .command('surface')
    .description('the faceted 3D surface of a 2-input net (exact facets for piecewise-linear nets) as SVG/PNG')
    .argument('<model>', 'a tessera.mlp JSON file with inputDim 2')
    .requiredOption('--box <xmin,xmax,ymin,ymax>', 'the input box')
    .option('--svg <file>', 'write the figure as SVG')
    .option('--png <file>', 'write the figure as PNG')
    .option('--png-width <px>', 'PNG width in pixels (default: twice the SVG width)')
    .option('--azimuth <deg>', 'camera azimuth, degrees counter-clockwise from +x1', '-60')
    .option('--elevation <deg>', 'camera elevation above the x1-x2 plane, degrees', '30')
    .option('--perspective', 'perspective instead of orthographic projection')
    .option('--target <expression>', 'overlay a translucent target surface f(x1, x2), e.g. "x1^2 + x2^2 + 3"')
    .option('--grid <n>', 'samples per side for smooth nets and for the target', '41')
    .option('--title <text>', 'figure title')
    .option('--max-regions <n>', 'stop with an error once more than n regions are found')
    .addHelpText(
      'after',
      `
A piecewise-linear net (relu, leaky_relu, abs, hardtanh, maxout, linear) is drawn exactly: one planar
facet per activation region, lifted by its affine map and painted back to front. A smooth net
(sigmoid, tanh, softplus, elu) is sampled on a --grid × --grid grid of quads.

Example:
  $ tessera surface model.json --box -1,1,-1,1 --svg surface.svg --png surface.png
  $ tessera surface model.json --box -1,1,-1,1 --svg s.svg --azimuth 30 --elevation 40 --target "x1^2 + x2^2 + 3"`,
    )
    .action((modelPath: string, _opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals() as SurfaceCliOptions;
      if (!opts.svg && !opts.png) throw new UsageError('nothing to write: give --svg FILE and/or --png FILE');
      const mlp = readModel(modelPath);
      const box = parseBox(opts.box);
      const azimuth = parseNumber(opts.azimuth, '--azimuth');
      const elevation = parseNumber(opts.elevation, '--elevation');
      if (!(elevation > -90 && elevation < 90)) throw new UsageError(`invalid --elevation "${opts.elevation}": expected degrees strictly between -90 and 90`);
      const grid = parseInteger(opts.grid, '--grid', 2);
      if (grid > 400) throw new UsageError(`invalid --grid "${opts.grid}": at most 400 samples per side`);
      const pngWidth = opts.pngWidth === undefined ? undefined : parseInteger(opts.pngWidth, '--png-width');
      if (pngWidth !== undefined && pngWidth > 8192) throw new UsageError(`invalid --png-width "${opts.pngWidth}": at most 8192`);
      let target: ReturnType<typeof sampleFunction> | undefined;
      if (opts.target !== undefined) {
        const f = compileExpression(opts.target); // throws an InputError (exit 2) naming the bad token
        target = sampleFunction(f, box, Math.min(grid, 25));
      }
      const maxRegions = opts.maxRegions === undefined ? undefined : parseInteger(opts.maxRegions, '--max-regions');
      const t0 = performance.now();
      const { svg, kind, facets } = surfaceSvg(mlp, box, {
        azimuth,
        elevation,
        projection: opts.perspective ? 'perspective' : 'orthographic',
        target,
        grid,
        title: opts.title,
        maxRegions,
      });
      const written = writeFigure(svg, { svg: opts.svg, png: opts.png, pngWidth });
      const ms = performance.now() - t0;
      const summary = {
        model: modelPath,
        kind,
        facets,
        box,
        azimuth,
        elevation,
        projection: opts.perspective ? 'perspective' : 'orthographic',
        target: opts.target ?? null,
        svg: opts.svg ?? null,
        svgBytes: written.svgBytes ?? null,
        png: opts.png ?? null,
        pngBytes: written.pngBytes ?? null,
        ms: Number(ms.toFixed(1)),
      };
      if (opts.json) printJson(summary);
      else {
        const rows: Array<[string, string | number]> = [
          ['surface', kind === 'faceted' ? `${facets} exact facets (one per activation region)` : `${facets} sampled quads`],
          ['view', `azimuth ${azimuth}°, elevation ${elevation}°, ${summary.projection}`],
        ];
        if (opts.svg) rows.push(['svg', `${opts.svg} (${written.svgBytes} bytes)`]);
        if (opts.png) rows.push(['png', `${opts.png} (${written.pngBytes} bytes)`]);
        process.stdout.write(`${formatTable(['item', 'value'], rows)}\n`);
      }
    });
}
