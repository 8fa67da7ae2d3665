#!/usr/bin/env node
// Runs the built CLI when dist/ exists, otherwise the TypeScript sources through tsx, resolving
// workspace packages to their sources (the `tessera-source` export condition), from any directory.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const built = new URL('../dist/tessera.mjs', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  // Registered last, so it runs first: adds the condition before tsx and Node resolve.
  const hooks = `export async function resolve(specifier, context, next) {
    const conditions = context.conditions.includes('tessera-source') ? context.conditions : [...context.conditions, 'tessera-source'];
    return next(specifier, { ...context, conditions });
  }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
  await import(new URL('../src/bin.ts', import.meta.url).href);
}
