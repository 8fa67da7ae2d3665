#!/usr/bin/env node
// Runs the built CLI when dist/ exists, otherwise the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const built = new URL('../dist/bin.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  register('tsx/esm', import.meta.url);
  await import(new URL('../src/bin.ts', import.meta.url).href);
}
