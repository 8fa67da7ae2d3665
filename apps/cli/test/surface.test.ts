import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tessera } from './run.js';

let dir: string;
const relu = {
  format: 'tessera.mlp',
  version: 1,
  inputDim: 2,
  layers: [
    { activation: 'relu', weights: [[1, 0.2], [-0.3, 1], [0.7, -0.8]], bias: [0.1, -0.2, 0.05] },
    { activation: 'linear', weights: [[1.5, -1, 0.8]], bias: [0.5] },
  ],
};
const tanh = { ...relu, layers: [{ ...relu.layers[0], activation: 'tanh' }, relu.layers[1]] };
const threeInputs = { format: 'tessera.mlp', version: 1, inputDim: 3, layers: [{ activation: 'linear', weights: [[1, 2, 3]], bias: [0] }] };

/** The <g class="name"> group's direct <polygon> count (our own markup: groups are not nested). */
function countIn(svg: string, cls: string, tag: string): number {
  const start = svg.indexOf(`<g class="${cls}"`);
  if (start < 0) return -1;
  const end = svg.indexOf('</g>', start);
  return (svg.slice(start, end).match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-surface-'));
  writeFileSync(join(dir, 'relu.json'), JSON.stringify(relu));
  writeFileSync(join(dir, 'tanh.json'), JSON.stringify(tanh));
  writeFileSync(join(dir, 'three.json'), JSON.stringify(threeInputs));
  // points: a few labelled rows in the datasets CSV format
  writeFileSync(join(dir, 'pts.csv'), 'x1,x2,y\n0.5,0.5,1\n-0.5,0.2,0\n0.1,-0.7,1\n-0.9,-0.9,0\n');
});

describe('tessera surface', () => {
  it('draws one exact facet per activation region of a relu net, as SVG and PNG', () => {
    const svg = join(dir, 's.svg');
    const png = join(dir, 's.png');
    const r = tessera(['surface', join(dir, 'relu.json'), '--box', '-1,1,-1,1', '--svg', svg, '--png', png, '--azimuth', '30', '--elevation', '40', '--target', 'x1^2 + x2^2', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    // three lines in general position crossing the unit box: 1 + 3 + (intersections inside) regions
    const regions = tessera(['regions', join(dir, 'relu.json'), '--box', '-1,1,-1,1', '--json']);
    expect(out.kind).toBe('faceted');
    expect(out.facets).toBe(JSON.parse(regions.stdout).regions);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    // The target is depth-merged: facets are cut at the target's cells, so each facet gives one or
    // more pieces, painted in one order with the 24 × 24 target quads (--grid 41 → 25 × 25 nodes).
    const targetQuads = (text.match(/<polygon class="target"/g) ?? []).length;
    expect(targetQuads).toBe(24 * 24);
    expect(countIn(text, 'facets', 'polygon') - targetQuads).toBeGreaterThanOrEqual(out.facets);
    expect(text).toContain('azimuth 30°, elevation 40°');
    expect([...readFileSync(png).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(out.svgBytes).toBe(Buffer.byteLength(text));
  }, 120_000);

  it('samples a smooth net on a grid of quads', () => {
    const svg = join(dir, 't.svg');
    const r = tessera(['surface', join(dir, 'tanh.json'), '--box', '-2,2,-1,1', '--svg', svg, '--grid', '12', '--perspective']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/121 sampled quads/);
    expect(countIn(readFileSync(svg, 'utf8'), 'facets', 'polygon')).toBe(121);
  }, 120_000);

  it('rejects bad usage with exit 2, a one-line message and no file left behind', () => {
    const before = readdirSync(dir).length;
    const cases: Array<[string[], RegExp]> = [
      [['surface', join(dir, 'relu.json'), '--box', '-1,1,-1,1'], /--svg FILE and\/or --png FILE/],
      [['surface', join(dir, 'three.json'), '--box', '-1,1,-1,1', '--svg', join(dir, 'x.svg')], /inputDim 2/],
      [['surface', join(dir, 'relu.json'), '--box', '-1,1,-1,1', '--svg', join(dir, 'x.svg'), '--target', 'process.exit(1)'], /./],
    ];
    for (const [args, msg] of cases) {
      const r = tessera(args);
      expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
    expect(readdirSync(dir).length).toBe(before);
    expect(existsSync(join(dir, 'x.svg'))).toBe(false);
  }, 300_000);
});

describe('tessera regions --svg/--png', () => {
  it('writes a region map with one polygon per region, one circle per point and the exact boundary', () => {
    const svg = join(dir, 'map.svg');
    const png = join(dir, 'map.png');
    const r = tessera(['regions', join(dir, 'relu.json'), '--box', '-1,1,-1,1', '--svg', svg, '--png', png, '--color', 'value', '--points', join(dir, 'pts.csv'), '--boundary', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const text = readFileSync(svg, 'utf8');
    expect(countIn(text, 'regions', 'polygon')).toBe(out.regions);
    expect(countIn(text, 'points', 'circle')).toBe(4);
    expect(countIn(text, 'polylines', 'polyline')).toBeGreaterThan(0);
    expect(text).toContain('linearGradient'); // the value colour bar
    expect(out.pngBytes).toBe(readFileSync(png).length);
  }, 120_000);

  it('rejects an unknown colouring with exit 2 and writes nothing', () => {
    const r = tessera(['regions', join(dir, 'relu.json'), '--box', '-1,1,-1,1', '--svg', join(dir, 'bad.svg'), '--color', 'rainbow']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/invalid --color "rainbow": expected one of neighbors, value, slope, pattern/);
    expect(existsSync(join(dir, 'bad.svg'))).toBe(false);
  }, 120_000);
});
