import { Command } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { commands } from './commands/index.js';

/** Global options every command sees through `command.optsWithGlobals()`. */
export interface GlobalOptions {
  json?: boolean;
  quiet?: boolean;
  seed?: string;
  debug?: boolean;
}

export function createProgram(): Command {
  const program = new Command('tessera')
    .description('See and measure the geometry of neural networks: exact linear regions, towers, bounds, figures.')
    .version(pkg.version, '-v, --version')
    .option('--json', 'print one JSON document on stdout')
    .option('-q, --quiet', 'no progress or diagnostics on stderr')
    .option('--seed <n>', 'seed for everything random (default 1)')
    .option('--debug', 'show stack traces on errors')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // commander's usage errors ("error: unknown option '--x'") become one line like every other error.
      outputError: (s, write) => write(`tessera: ${s.replace(/^error: /, '').trimEnd()} (run with --help for usage)\n`),
    });
  for (const register of commands) register(program);
  return program;
}
