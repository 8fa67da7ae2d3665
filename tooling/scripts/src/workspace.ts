import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspacePackage {
  name: string;
  dir: string;
  kind: 'package' | 'app' | 'tooling';
  deps: string[];
}

const ROOT = new URL('../../../', import.meta.url).pathname;

/** Every workspace package with its @tessera/* dependencies (runtime and dev). */
export function workspacePackages(root = ROOT): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const [folder, kind] of [['packages', 'package'], ['apps', 'app'], ['tooling', 'tooling']] as const) {
    for (const entry of readdirSync(join(root, folder))) {
      const file = join(root, folder, entry, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies }).filter((d) =>
        d.startsWith('@tessera/'),
      );
      out.push({ name: pkg.name, dir: join(root, folder, entry), kind, deps });
    }
  }
  return out;
}

/** The allowed @tessera/* dependencies of each library package (tooling packages are always allowed). */
export const ALLOWED: Record<string, string[]> = {
  '@tessera/nn-core': [],
  '@tessera/datasets': ['@tessera/nn-core'],
  '@tessera/geometry': ['@tessera/nn-core', '@tessera/datasets'],
  '@tessera/render-svg': [],
};

/** Imports of `@tessera/*` in a package's source files. */
export function sourceImports(dir: string): Array<{ file: string; spec: string }> {
  const found: Array<{ file: string; spec: string }> = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'dist') walk(p);
      } else if (/\.(ts|js|mjs|tsx)$/.test(e.name)) {
        const text = readFileSync(p, 'utf8');
        for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](@tessera\/[\w-]+)/g)) found.push({ file: p, spec: m[1]! });
      }
    }
  };
  walk(join(dir, 'src'));
  return found;
}
