import { defineConfig } from 'vite';

// `tessera-source` makes Vite read the workspace packages' TypeScript sources, so the site builds
// right after `pnpm install` with no prior `pnpm build`.
export default defineConfig({
  base: './',
  resolve: { conditions: ['tessera-source', 'module', 'browser', 'development|production'] },
  build: { outDir: 'dist', emptyOutDir: true },
});
