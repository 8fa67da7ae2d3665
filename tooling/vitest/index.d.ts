import type { UserConfig } from 'vitest/config';
export declare const conditions: string[];
export declare function tesseraVitestConfig(test?: UserConfig['test']): UserConfig;
