export * from './errors.js';
export * from './rng.js';
export * from './model.js';
export * from './evaluate.js';
