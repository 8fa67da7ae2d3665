export * from './arch.js';
export * from './bounds.js';
export * from './partition.js';
export * from './predicates.js';
export * from './polygon.js';
export * from './regions.js';
export * from './merge.js';
export * from './line.js';
