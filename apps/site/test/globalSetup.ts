import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The same build one folder down (`…/dist/`), served from the app folder: relative URLs must hold. */
    subfolderUrl: string;
  }
}

const SITE = fileURLToPath(new URL('..', import.meta.url));

/** Builds the site once with Vite's JS API, then serves dist/ for the browser tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build({ root: SITE, configFile: `${SITE}vite.config.ts`, logLevel: 'warn' });
  const server = await serveStatic(`${SITE}dist`);
  const parent = await serveStatic(SITE.replace(/\/$/, ''));
  project.provide('baseUrl', server.url);
  project.provide('subfolderUrl', `${parent.url}dist/`);
  return async () => {
    await server.close();
    await parent.close();
  };
}
