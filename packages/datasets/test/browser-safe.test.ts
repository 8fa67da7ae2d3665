import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url);

describe('the main entry is browser-safe', () => {
  it('no module reachable from src/index.ts imports node: builtins (only src/node.ts may)', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(new URL(file, SRC), 'utf8');
      expect(text, file).not.toMatch(/from ['"](node:|fs|path|stream|os)['"/]/);
      for (const m of text.matchAll(/from '\.\/([A-Za-z]+)\.js'/g)) visit(`${m[1]}.ts`);
    };
    visit('index.ts');
    expect(seen.has('node.ts')).toBe(false);
    expect(seen.has('csv.ts')).toBe(true);
    const all = readdirSync(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(all.filter((f) => !seen.has(f)).sort()).toEqual(['node.ts']);
  });
});
