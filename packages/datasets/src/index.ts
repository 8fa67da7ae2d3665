export * from './dataset.js';
export * from './expression.js';
export * from './grid.js';
export * from './surface.js';
export * from './classic.js';
export * from './regression.js';
export * from './makeDataset.js';
