import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** The READMEs of the repository (root, packages, apps). */
function readmes(): string[] {
  const out = [join(ROOT, 'README.md')];
  for (const folder of ['packages', 'apps']) {
    for (const entry of readdirSync(join(ROOT, folder))) {
      const file = join(ROOT, folder, entry, 'README.md');
      if (existsSync(file)) out.push(file);
    }
  }
  return out;
}

/** GitHub's heading slug: lowercase, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  const set = new Set<string>();
  const counts = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]!);
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    set.add(n === 0 ? base : `${base}-${n}`);
  }
  return set;
}

describe('documentation', () => {
  for (const file of readmes()) {
    it(`${file.slice(ROOT.length)} has no broken internal links`, () => {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
      const broken: string[] = [];
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/i.test(target)) continue; // external (http:, mailto:)
        const [path, hash] = target.split('#') as [string, string | undefined];
        const dest = path === '' ? file : resolve(dirname(file), path);
        if (!existsSync(dest)) {
          broken.push(`${target} (no such file)`);
          continue;
        }
        if (hash && dest.endsWith('.md') && !anchors(readFileSync(dest, 'utf8')).has(hash))
          broken.push(`${target} (no such heading)`);
      }
      expect(broken).toEqual([]);
    });
  }

  const examples = readdirSync(join(ROOT, 'packages'))
    .map((p) => join(ROOT, 'packages', p, 'examples', 'quickstart.ts'))
    .filter((f) => existsSync(f));

  it('every package has a quickstart example', () => {
    expect(examples.length).toBe(4);
  });

  for (const example of examples) {
    it(`${example.slice(ROOT.length)} is the README's Example, word for word`, () => {
      const readme = readFileSync(join(dirname(dirname(example)), 'README.md'), 'utf8');
      const blocks = [...readme.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
      expect(blocks).toContain(readFileSync(example, 'utf8').trim());
    });

    it(`${example.slice(ROOT.length)} runs`, () => {
      const out = execFileSync(process.execPath, ['--conditions=tessera-source', '--import', 'tsx', example], {
        cwd: dirname(dirname(example)),
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(out.length).toBeGreaterThan(0);
    }, 120_000);
  }
});
