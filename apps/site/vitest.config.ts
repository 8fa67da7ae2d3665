import { tesseraVitestConfig } from '@tessera/vitest-config';

// One browser suite: build once, serve dist/ on 127.0.0.1, drive Debian's Chromium.
export default tesseraVitestConfig({
  include: ['test/**/*.test.ts'],
  globalSetup: ['test/globalSetup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  fileParallelism: false,
});
