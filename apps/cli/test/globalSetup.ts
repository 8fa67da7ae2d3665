import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain ES module script without type declarations.
import { bundleCli } from '../scripts/bundle.mjs';

/** Builds the binary the tests spawn (the same bundle `pnpm build` ships), once per run. */
export default async function setup(): Promise<void> {
  await bundleCli(fileURLToPath(new URL('../.test-bundle/tessera.mjs', import.meta.url)));
}
