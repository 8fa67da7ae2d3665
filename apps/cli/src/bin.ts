#!/usr/bin/env node
import { describeError } from './errors.js';
import { createProgram } from './program.js';

async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    // commander already printed help/version/usage messages.
    if (e?.code === 'commander.helpDisplayed' || e?.code === 'commander.version' || e?.code === 'commander.help')
      return 0;
    if (typeof e?.code === 'string' && e.code.startsWith('commander.')) return 2;
    const { exitCode, message } = describeError(err);
    process.stderr.write(`tessera: ${message}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return exitCode;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
