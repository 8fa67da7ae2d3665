import { Resvg } from '@resvg/resvg-js';

export interface PngOptions {
  /** Output width in px (height follows the SVG's aspect ratio); default: the SVG's own width. */
  width?: number;
  /** Background colour behind transparent parts (default: transparent). */
  background?: string;
}

/**
 * Rasterises an SVG string to PNG bytes with resvg (Rust, no browser). Text uses the system fonts
 * (DejaVu Sans is the first family the figures ask for). Node only: this entry is separate from
 * the browser-safe core (`@tessera/render-svg/png`).
 */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  if (typeof svg !== 'string' || !svg.includes('<svg')) throw new TypeError('invalid svg: expected an SVG document string');
  if (options.width !== undefined && !(Number.isInteger(options.width) && options.width > 0 && options.width <= 16384))
    throw new RangeError(`invalid width: expected an integer in [1, 16384], received ${options.width}`);
  const resvg = new Resvg(svg, {
    fitTo: options.width ? { mode: 'width', value: options.width } : { mode: 'original' },
    background: options.background,
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Decoded RGBA pixels of an SVG rendered by resvg (for tests and tools that sample colours). */
export function svgToPixels(svg: string, options: PngOptions = {}): { width: number; height: number; pixels: Uint8Array } {
  const resvg = new Resvg(svg, {
    fitTo: options.width ? { mode: 'width', value: options.width } : { mode: 'original' },
    background: options.background,
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  const img = resvg.render();
  return { width: img.width, height: img.height, pixels: new Uint8Array(img.pixels.buffer, img.pixels.byteOffset, img.pixels.byteLength) };
}
