import type { Command } from 'commander';
import { registerDataset } from './dataset.js';
import { registerDemo } from './demo.js';
import { registerInspect } from './inspect.js';
import { registerTrain } from './train.js';
import { registerBounds } from './bounds.js';
import { registerConstruct } from './construct.js';
import { registerLine } from './line.js';
import { registerGradcheck } from './gradcheck.js';
import { registerRegions } from './regions.js';
import { registerSlice } from './slice.js';
import { registerSurface } from './surface.js';
import { registerTowers } from './towers.js';

/**
 * Every command lives in its own file and registers itself on the program.
 * Add one import and one entry per command.
 */
export const commands: Array<(program: Command) => void> = [registerInspect, registerTrain, registerDemo, registerLine, registerBounds, registerConstruct, registerGradcheck, registerDataset, registerRegions, registerSlice, registerTowers, registerSurface];
