// Adds up the vitest JSON reports that `turbo run test` left in each package and prints one
// closing line "N passed, N failed" (", N skipped"), so the whole run has a single count.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const folder of ['packages', 'apps', 'tooling']) {
  for (const entry of readdirSync(join(root, folder))) {
    const file = join(root, folder, entry, '.test-report.json');
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    rows.push(`${`${folder}/${entry}`.padEnd(22)} ${String(r.numPassedTests).padStart(5)} passed ${String(r.numFailedTests).padStart(3)} failed`);
  }
}
console.log(`\n${rows.join('\n')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
