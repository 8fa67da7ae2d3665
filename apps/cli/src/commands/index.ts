import type { Command } from 'commander';
import { registerInspect } from './inspect.js';
import { registerTrain } from './train.js';

/**
 * Every command lives in its own file and registers itself on the program.
 * Add one import and one entry per command.
 */
export const commands: Array<(program: Command) => void> = [registerInspect, registerTrain];
