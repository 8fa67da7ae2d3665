export * from './arch.js';
export * from './bounds.js';
