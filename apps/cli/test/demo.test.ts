import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMlpText } from '@tessera/nn-core';
import { parse, type ParserError } from 'parse5';
import { describe, expect, it } from 'vitest';
import { tessera } from './run.js';

const SECTIONS = ['data', 'trained', 'towers', 'q1', 'q2', 'q3', 'setup', 'backprop', 'reproduce'];

describe('tessera demo --quick', { timeout: 300_000 }, () => {
  it('writes a well-formed, self-contained index.html with every section, its figures and models', () => {
    const out = mkdtempSync(join(tmpdir(), 'tessera-demo-'));
    const r = tessera(['demo', '--out', out, '--quick', '--json', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.index).toBe(join(out, 'index.html'));
    expect(j.sections).toEqual(SECTIONS);

    const html = readFileSync(j.index, 'utf8');
    // well-formed: the HTML5 parser reports no parse errors
    const errors: ParserError[] = [];
    parse(html, { onParseError: (e) => errors.push(e) });
    expect(errors.map((e) => `${e.code} at line ${e.startLine}`)).toEqual([]);
    // sections with headings, and a table of contents linking to each
    for (const id of SECTIONS) {
      expect(html).toContain(`<section id="${id}">`);
      expect(html).toContain(`href="#${id}"`);
    }
    // self-contained: inline SVG, no scripts, no external resources
    expect((html.match(/<svg[\s>]/g) ?? []).length).toBeGreaterThanOrEqual(15);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    // every file it links to exists; PNGs are PNGs; models load
    const links = [...html.matchAll(/href="((?:figures|models)\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(20);
    for (const f of new Set(links)) expect(existsSync(join(out, f)), f).toBe(true);
    const pngs = (j.files as string[]).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThan(5);
    for (const f of pngs) expect(readFileSync(join(out, f)).subarray(1, 4).toString('latin1')).toBe('PNG');
    const models = (j.files as string[]).filter((f) => f.startsWith('models/'));
    expect(models.length).toBeGreaterThanOrEqual(13);
    for (const f of models) expect(() => parseMlpText(readFileSync(join(out, f), 'utf8'))).not.toThrow();
    // numbers come from code: the gradient check is tiny, the classifier beats nothing by much
    const grad = (j.summary as Array<{ item: string; value: string }>).find((s) => s.item.startsWith('gradient check'));
    expect(grad).toBeDefined();
    expect(html).toMatch(/quick mode/);
  });
});
