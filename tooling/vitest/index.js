// Shared vitest settings: read workspace packages from src/ (the `tessera-source`
// export condition), so tests never need a prior build.
import { defineConfig } from 'vitest/config';

export const conditions = ['tessera-source'];

/** @param {import('vitest/config').UserConfig['test']} [test] */
export function tesseraVitestConfig(test = {}) {
  return defineConfig({
    resolve: { conditions: [...conditions, 'module', 'browser', 'development|production'] },
    ssr: { resolve: { conditions: [...conditions, 'node', 'import'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      reporters: ['default', ['json', { outputFile: '.test-report.json' }]],
      testTimeout: 30_000,
      ...test,
    },
  });
}
