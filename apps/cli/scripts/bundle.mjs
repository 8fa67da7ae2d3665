// Bundles the CLI into one ES module (dist/tessera.mjs): workspace packages are read from their
// TypeScript sources (the `tessera-source` condition) and inlined, so the binary starts in a
// fraction of the time tsx needs to load and transform ~100 modules. Only the native rasteriser
// (@resvg/resvg-js) stays external. Also used by the tests to build the binary they spawn.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export async function bundleCli(outfile = fileURLToPath(new URL('../dist/tessera.mjs', import.meta.url))) {
  await build({
    entryPoints: [fileURLToPath(new URL('../src/bin.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    conditions: ['tessera-source'],
    external: ['@resvg/resvg-js'],
    // Some dependencies (commander, cli-progress) are CommonJS and call require().
    banner: { js: "import { createRequire as __tesseraRequire } from 'node:module'; const require = __tesseraRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await bundleCli(process.argv[2]);
  console.log(`bundled ${out}`);
}
