import { describe, expect, it } from 'vitest';
import { ALLOWED, sourceImports, workspacePackages } from './workspace.js';

const all = workspacePackages();
const byName = new Map(all.map((p) => [p.name, p]));
const isTooling = (name: string) => byName.get(name)?.kind === 'tooling';

describe('dependency direction', () => {
  it('finds the six workspace packages and apps', () => {
    const names = all.filter((p) => p.kind !== 'tooling').map((p) => p.name).sort();
    expect(names).toEqual([
      '@tessera/cli',
      '@tessera/datasets',
      '@tessera/geometry',
      '@tessera/nn-core',
      '@tessera/render-svg',
      '@tessera/site',
    ]);
  });

  for (const pkg of all.filter((p) => p.kind === 'package')) {
    it(`${pkg.name} depends only on ${ALLOWED[pkg.name]?.join(', ') || 'no workspace package'}`, () => {
      const declared = pkg.deps.filter((d) => !isTooling(d));
      const imported = [...new Set(sourceImports(pkg.dir).map((i) => i.spec))].filter((d) => d !== pkg.name);
      for (const dep of [...declared, ...imported]) expect(ALLOWED[pkg.name], `${pkg.name} -> ${dep}`).toContain(dep);
    });
  }

  it('nothing depends on or imports an app', () => {
    const apps = new Set(all.filter((p) => p.kind === 'app').map((p) => p.name));
    for (const pkg of all) {
      for (const dep of pkg.deps) expect(apps.has(dep), `${pkg.name} -> ${dep}`).toBe(false);
      for (const imp of sourceImports(pkg.dir)) expect(apps.has(imp.spec), `${imp.file} imports ${imp.spec}`).toBe(false);
    }
  });

  it('the workspace graph has no cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, path: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') throw new Error(`cycle: ${[...path, name].join(' -> ')}`);
      state.set(name, 'visiting');
      for (const d of byName.get(name)?.deps ?? []) visit(d, [...path, name]);
      state.set(name, 'done');
    };
    for (const p of all) expect(() => visit(p.name, [])).not.toThrow();
  });
});
