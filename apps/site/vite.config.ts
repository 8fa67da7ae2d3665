import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The site's pages: one HTML entry each (a multi-page static build). */
export const PAGES = ['index', 'towers', 'approximate', 'train', 'depth', 'questions'] as const;

// `tessera-source` makes Vite read the workspace packages' TypeScript sources, so the site builds
// right after `pnpm install` with no prior `pnpm build`. `base: './'` keeps every URL relative, so
// `dist/` works offline from any file server (or a sub-folder of one).
export default defineConfig({
  root: here,
  base: './',
  resolve: { conditions: ['tessera-source', 'module', 'browser', 'development|production'] },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: { input: Object.fromEntries(PAGES.map((p) => [p, resolve(here, `${p}.html`)])) },
  },
});
