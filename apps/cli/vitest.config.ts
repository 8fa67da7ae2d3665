import { tesseraVitestConfig } from '@tessera/vitest-config';

export default tesseraVitestConfig({ globalSetup: ['test/globalSetup.ts'] });
