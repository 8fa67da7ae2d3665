import { join } from 'node:path';
import { type Mlp, serializeMlp } from '@tessera/nn-core';
import { svgToPng } from '@tessera/render-svg/png';
import { writeFileAtomic } from '../io.js';

/** What every demo section gets: where to write, how to log, and a clock. */
export interface DemoContext {
  outDir: string;
  /** Smaller runs (fewer epochs, coarser sweeps) for the test suite; the report says so. */
  quick: boolean;
  seed: number;
  /** Progress lines on stderr (no-op with --quiet). */
  log: (message: string) => void;
  /** Files written, relative to outDir, in order. */
  files: string[];
  /** Section timings in ms. */
  timings: Array<{ section: string; ms: number }>;
  /** Writes an SVG (and, when `png`, a PNG next to it); returns the relative SVG path. */
  writeFigure(name: string, svg: string, png?: boolean): string;
  /** Writes a model as tessera.mlp JSON; returns the relative path. */
  writeModel(name: string, mlp: Mlp): string;
  writeText(name: string, text: string): string;
}

export function createContext(options: { outDir: string; quick: boolean; seed: number; log: (m: string) => void }): DemoContext {
  const ctx: DemoContext = {
    ...options,
    files: [],
    timings: [],
    writeFigure(name, svg, png = false) {
      const rel = `figures/${name}.svg`;
      writeFileAtomic(join(options.outDir, rel), svg);
      ctx.files.push(rel);
      if (png) {
        const relPng = `figures/${name}.png`;
        writeFileAtomic(join(options.outDir, relPng), svgToPng(svg, { background: '#ffffff' }));
        ctx.files.push(relPng);
      }
      return rel;
    },
    writeModel(name, mlp) {
      const rel = `models/${name}.json`;
      writeFileAtomic(join(options.outDir, rel), serializeMlp(mlp));
      ctx.files.push(rel);
      return rel;
    },
    writeText(name, text) {
      writeFileAtomic(join(options.outDir, name), text);
      ctx.files.push(name);
      return name;
    },
  };
  return ctx;
}

/** Runs `fn`, records its wall time under `section`. */
export async function timed<T>(ctx: DemoContext, section: string, fn: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  ctx.log(`demo: ${section}…`);
  const r = await fn();
  ctx.timings.push({ section, ms: performance.now() - t0 });
  return r;
}
