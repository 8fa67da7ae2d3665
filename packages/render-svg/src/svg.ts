import { fitFontSize } from './text.js';

/**
 * Small string helpers shared by every figure: number rounding, escaping, the document wrapper.
 * Coordinates are rounded to 0.1 px by default: finer detail is invisible and only costs bytes.
 */

/** Rounds to `digits` decimals and prints the shortest form (`-0` becomes `0`). */
export function num(v: number, digits = 1): string {
  if (digits === 1 && v < 1e14 && v > -1e14) {
    // fast path: integer arithmetic, no shortest-double printing
    let r = Math.round(v * 10);
    if (r === 0) return '0';
    const neg = r < 0;
    if (neg) r = -r;
    const i = Math.floor(r / 10);
    const d = r - i * 10;
    return d === 0 ? (neg ? `-${i}` : `${i}`) : neg ? `-${i}.${d}` : `${i}.${d}`;
  }
  const k = 10 ** digits;
  const r = Math.round(v * k) / k;
  return r === 0 ? '0' : String(r);
}

/** Escapes text for element content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** Flat `[x0, y0, x1, y1, ...]` pixel coordinates → `"x0,y0 x1,y1 ..."` for `points=`. */
export function pointsAttr(coords: ArrayLike<number>, n = coords.length): string {
  let s = '';
  for (let i = 0; i < n; i += 2) {
    if (i > 0) s += ' ';
    s += `${num(coords[i] as number)},${num(coords[i + 1] as number)}`;
  }
  return s;
}

/** Flat pixel coordinates → an open path `M x,y L x,y ...` (`closed` appends `Z`). */
export function pathData(coords: ArrayLike<number>, closed = false, n = coords.length): string {
  let s = '';
  for (let i = 0; i < n; i += 2) s += `${i === 0 ? 'M' : 'L'}${num(coords[i] as number)},${num(coords[i + 1] as number)}`;
  return closed && s !== '' ? `${s}Z` : s;
}

/** Common options of every figure. */
export interface FigureOptions {
  /** Width of the figure in px. */
  width?: number;
  /** Height in px (some figures derive it from the data's aspect ratio when omitted). */
  height?: number;
  /** Title shown above the plot and in `<title>`. */
  title?: string;
  /** Accessible description (`<desc>`); a default summary is generated when omitted. */
  description?: string;
  /** Prefix for element ids (clip paths, gradients), so several figures can share one HTML page. */
  idPrefix?: string;
  /** Font family for all text. */
  fontFamily?: string;
  /** Base font size in px. */
  fontSize?: number;
}

export const DEFAULT_FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

/** Wraps a body in an `<svg>` root with `<title>`, `<desc>`, a white background and a visible title. */
export function svgDocument(opts: {
  width: number;
  height: number;
  title: string;
  description: string;
  body: string;
  defs?: string;
  fontFamily?: string;
  fontSize?: number;
  showTitle?: boolean;
  background?: string | null;
}): string {
  const { width, height, title, description, body } = opts;
  const font = opts.fontFamily ?? DEFAULT_FONT;
  const size = opts.fontSize ?? 12;
  const bg = opts.background === undefined ? '#fff' : opts.background;
  let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${esc(font)}" font-size="${size}" role="img">`;
  s += `<title>${esc(title)}</title><desc>${esc(description)}</desc>`;
  if (opts.defs) s += `<defs>${opts.defs}</defs>`;
  if (bg) s += `<rect width="${num(width)}" height="${num(height)}" fill="${bg}"/>`;
  if (opts.showTitle !== false && title) {
    // shrink a long title until it fits the figure's width (estimated from the font's metrics)
    const tfs = fitFontSize(title, size * 1.2, width - 12, true);
    s += `<text class="title" x="${num(width / 2)}" y="${num(size * 1.5)}" text-anchor="middle" font-size="${num(tfs)}" font-weight="bold">${esc(title)}</text>`;
  }
  s += body;
  s += '</svg>';
  return s;
}

/** Validates that a numeric option is finite (and positive when asked), naming it in the error. */
export function checkNumber(name: string, v: unknown, positive = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (positive && !(v > 0)))
    throw new RangeError(`invalid ${name}: expected a ${positive ? 'positive ' : ''}finite number, received ${String(v)}`);
  return v;
}

/** Checks a box `[xmin, xmax, ymin, ymax]`. */
export function checkBox(box: unknown, name = 'box'): readonly [number, number, number, number] {
  if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new RangeError(`invalid ${name}: expected [xmin, xmax, ymin, ymax] finite numbers, received ${JSON.stringify(box)}`);
  const [x0, x1, y0, y1] = box as [number, number, number, number];
  if (!(x0 < x1) || !(y0 < y1)) throw new RangeError(`invalid ${name}: need xmin < xmax and ymin < ymax, received ${JSON.stringify(box)}`);
  return [x0, x1, y0, y1];
}
