import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatAffine, heatmap, lineChart, linePlot, networkDiagram, regionsVsTheory } from '../src/index.js';
import { svgToPng } from '../src/png.js';
import { count, group, groups, hexToRgb, parseSvg, raster } from './svg.js';

const BOX: [number, number, number, number] = [-1, 1, -1, 1];

function paraboloid(nx: number, ny = nx) {
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const x = -1 + (2 * i) / (nx - 1);
      const y = -1 + (2 * j) / (ny - 1);
      values[j * nx + i] = x * x + y * y + 3;
    }
  return { box: BOX, nx, ny, values };
}

describe('heatmap(data, options)', () => {
  it('draws bands, isolines at the asked levels, a colour bar and one circle per point', () => {
    const svg = heatmap({ grid: paraboloid(31), points: { x: [0, 0.5], y: [0, -0.5], label: [0, 1] } }, { isolines: [3.5, 4, 4.5] });
    const root = parseSvg(svg);
    const iso = group(root, 'isolines').path as Array<Record<string, string>>;
    expect(iso.map((p) => Number(p['data-value']))).toEqual([3.5, 4, 4.5]);
    expect((group(root, 'points').circle as unknown[]).length).toBe(2);
    expect(svg).toContain('linearGradient');
    expect(svg).toBe(heatmap({ grid: paraboloid(31), points: { x: [0, 0.5], y: [0, -0.5], label: [0, 1] } }, { isolines: [3.5, 4, 4.5] }));
  });

  it('puts the isoline f = 4 on the unit circle (x² + y² + 3 = 4)', () => {
    const svg = heatmap({ grid: paraboloid(81) }, { isolines: [4], width: 500 });
    const root = parseSvg(svg);
    const clip = (root.defs as { clipPath: { rect: Array<Record<string, string>> } }).clipPath.rect[0] as Record<string, string>;
    const [l, t, w, h] = [clip.x, clip.y, clip.width, clip.height].map(Number) as [number, number, number, number];
    const d = ((group(root, 'isolines').path as Array<Record<string, string>>)[0] as Record<string, string>).d as string;
    const nums = d.match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
    expect(nums.length).toBeGreaterThan(40);
    let checked = 0;
    for (let i = 0; i < nums.length; i += 2) {
      const x = -1 + (2 * ((nums[i] as number) - l)) / w;
      const y = 1 - (2 * ((nums[i + 1] as number) - t)) / h;
      if (Math.max(Math.abs(x), Math.abs(y)) > 0.99) continue; // the band's outline along the (clipped) border
      checked++;
      expect(Math.abs(Math.hypot(x, y) - 1)).toBeLessThan(0.01);
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('colours the centre with the lowest band and a corner with the highest', () => {
    const svg = heatmap({ grid: paraboloid(41) }, { width: 500, bands: 10 });
    const root = parseSvg(svg);
    const clip = (root.defs as { clipPath: { rect: Array<Record<string, string>> } }).clipPath.rect[0] as Record<string, string>;
    const [l, t, w, h] = [clip.x, clip.y, clip.width, clip.height].map(Number) as [number, number, number, number];
    const bands = groups(root, 'bands')[0] as Record<string, Array<Record<string, string>>>;
    const low = hexToRgb(((bands.rect as Array<Record<string, string>>)[0] as Record<string, string>).fill as string);
    const high = hexToRgb(((bands.path as Array<Record<string, string>>).at(-1) as Record<string, string>).fill as string);
    const img = raster(svg);
    // centre (value 3, lowest band) away from the white isolines; corner (value 5)
    const c = img.at(l + w / 2 + 3, t + h / 2 + 3);
    const k = img.at(l + 2, t + 2);
    expect(c.every((v, i) => Math.abs(v - (low[i] as number)) <= 2)).toBe(true);
    expect(k.every((v, i) => Math.abs(v - (high[i] as number)) <= 2)).toBe(true);
  });
});

describe('linePlot, lineChart, regionsVsTheory', () => {
  const t = Array.from({ length: 51 }, (_, i) => i / 50);
  it('linePlot draws one path per curve and one marker per breakpoint', () => {
    const svg = linePlot(
      { series: [1, 10, 100].map((w) => ({ label: `w = ${w}`, x: t, y: t.map((x) => 1 / (1 + Math.exp(-w * (x - 0.5)))) })), breakpoints: { x: [0.25, 0.5], y: [0.2, 0.5] } },
      { title: 'steps' },
    );
    const root = parseSvg(svg);
    expect(count(groups(root, 'marks')[0], 'path')).toBe(3);
    expect((group(root, 'breakpoints').circle as unknown[]).length).toBe(2);
    expect(svg).toContain('w = 100');
  });

  it('lineChart on a log scale places decades evenly and rejects non-positive values', () => {
    const x = [1, 2, 3];
    const svg = lineChart({ series: [{ label: 'loss', x, y: [100, 10, 1] }] }, { yScale: 'log' });
    const d = ((group(parseSvg(svg), 'marks').path as Array<Record<string, string>>)[0] as Record<string, string>).d as string;
    const ys = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => Number(m[2]));
    expect(Math.abs((ys[1] as number) - (ys[0] as number) - ((ys[2] as number) - (ys[1] as number)))).toBeLessThan(0.15);
    expect(() => lineChart({ series: [{ x, y: [1, 0, 2] }] }, { yScale: 'log' })).toThrow(/series\[0\]\.y\[1\]: 0 cannot be shown on a log scale/);
    expect(() => lineChart({ series: [{ x, y: [1, 2] }] })).toThrow(/x has 3 values but y has 2/);
  });

  it('regionsVsTheory draws one circle per measured count and one dashed line per bound', () => {
    const N = [2, 3, 4, 5, 6];
    const svg = regionsVsTheory({
      measured: [{ label: 'trained', x: N, y: [4, 7, 11, 16, 22] }],
      bounds: [
        { label: 'Zaslavsky', x: N, y: N.map((n) => 1 + n + (n * (n - 1)) / 2) },
        { label: '2^N', x: N, y: N.map((n) => 2 ** n) },
      ],
    });
    const root = parseSvg(svg);
    expect(count(groups(root, 'points')[0], 'circle')).toBe(5);
    expect((svg.match(/stroke-dasharray/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });
});

describe('networkDiagram(data)', () => {
  it('draws every node, every weight as a link and every bias including the output unit’s', () => {
    const data = {
      inputDim: 2,
      layers: [
        { activation: 'relu', weights: [0.5, -1.2, 1, 0.3, -0.7, 0.9], bias: [0.1, 0, -0.2] },
        { activation: 'linear', weights: [1, -2, 0.5], bias: [3] },
      ],
    };
    const svg = networkDiagram(data);
    const root = parseSvg(svg);
    expect(count(groups(root, 'nodes')[0], 'circle')).toBe(2 + 3 + 1);
    const links = group(root, 'links').line as Array<Record<string, string>>;
    expect(links.length).toBe(6 + 3);
    // width ∝ |w|: the -2 link is the widest, colours by sign
    const widths = links.map((l) => Number(l['stroke-width']));
    expect(widths.indexOf(Math.max(...widths))).toBe(7);
    expect(links[7]?.stroke).not.toBe(links[6]?.stroke);
    const biases = (group(root, 'labels').text as Array<Record<string, string>>).filter((t) => t.class === 'bias').map((t) => t['#text']);
    expect(biases).toEqual(['b=0.1', 'b=0', 'b=−0.2', 'b=3']);
    expect(() => networkDiagram({ inputDim: 2, layers: [{ weights: [1, 2, 3], bias: [0, 0] }] })).toThrow(/layers\[0\]\.weights: expected 2×2/);
  });
});

describe('formatAffine', () => {
  it('writes true minus signs, drops zero terms and unit coefficients', () => {
    expect(formatAffine([1.5, -0.25], 3)).toBe('f = 1.5 x₁ − 0.25 x₂ + 3');
    expect(formatAffine([0, 1], -2)).toBe('f = x₂ − 2');
    expect(formatAffine([0, 0], 0)).toBe('f = 0');
  });
});

describe('svgToPng', () => {
  it('writes a PNG of the asked width', () => {
    const png = svgToPng(linePlot({ series: [{ x: [0, 1], y: [0, 1] }] }), { width: 280, background: '#fff' });
    expect([...png.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBe(280);
    expect(() => svgToPng('hello')).toThrow(/invalid svg/);
  });
});

describe('dependency direction', () => {
  it('the core imports only d3 modules (no @tessera/*, no node:), png.ts only resvg', () => {
    const dir = new URL('../src/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
      for (const m of imports) {
        if (m.startsWith('./')) continue;
        if (f === 'png.ts') expect(m).toBe('@resvg/resvg-js');
        else expect(m).toMatch(/^d3-[a-z-]+$/);
      }
    }
  });
});

describe('log axes', () => {
  it('label decades as plain numbers, not SI prefixes', () => {
    const svg = lineChart({ series: [{ x: [1, 2, 3], y: [1000, 1, 0.001] }] }, { yScale: 'log' });
    const labels = (group(parseSvg(svg), 'y').text as Array<Record<string, string> | string>).map((t) => String(typeof t === 'object' ? t['#text'] : t));
    expect(labels).toContain('0.001');
    expect(labels).toContain('1000');
    expect(labels.join(' ')).not.toMatch(/\d[mk]\b/);
  });
});
