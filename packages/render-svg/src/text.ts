/**
 * Text measurement without a DOM: estimated advance widths from the metrics of DejaVu Sans (the
 * first family the figures ask for, and the one resvg uses), in thousandths of an em. Helvetica
 * and Arial are narrower, so boxes estimated here are upper bounds in browsers too. Layout code
 * sizes margins and legends from these estimates instead of fixed offsets.
 */

// advance widths of U+0020..U+007E, DejaVu Sans Book and Bold (2048 units/em, rounded to 1/1000 em)
const ASCII = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
  575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
  278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const ASCII_BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
  683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
  343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];
/** Non-ASCII characters the figures use: [regular, bold]. */
const EXTRA: Record<string, readonly [number, number]> = {
  '−': [838, 838],
  '×': [838, 838],
  '·': [318, 380],
  '∇': [669, 697],
  Σ: [632, 683],
  σ: [634, 779],
  θ: [612, 687],
  '≤': [838, 838],
  '≥': [838, 838],
  '∪': [732, 812],
  '→': [838, 838],
  '∈': [871, 896],
  '′': [227, 264],
  '…': [1000, 1000],
  '–': [500, 500],
  '—': [1000, 1000],
  '≈': [838, 838],
  '±': [838, 838],
  '°': [500, 500],
  '∂': [517, 544],
};
const FALLBACK = 700;

/** Estimated advance width in px of `text` at `fontSize` px (bold when asked). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let w = 0;
  const table = bold ? ASCII_BOLD : ASCII;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c >= 32 && c < 127) w += table[c - 32] as number;
    else if ((c >= 0x2080 && c <= 0x2089) || (c >= 0x2070 && c <= 0x2079) || c === 0xb2 || c === 0xb3 || c === 0xb9) w += bold ? 438 : 401; // sub/superscript digits
    else if (c >= 0x300 && c <= 0x36f) continue; // combining marks
    else w += (EXTRA[ch]?.[bold ? 1 : 0] ?? FALLBACK) as number;
  }
  return (w * fontSize) / 1000;
}

/** Ascent and descent of the glyph box around the baseline, as fractions of the font size. */
export const ASCENT = 0.76;
export const DESCENT = 0.24;

/** An axis-aligned box in px. */
export interface TextBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The estimated box of a text element: anchor point (x, y), `text-anchor`, a vertical shift `dy`
 * in em (0.32 centres digits on y), font size and weight.
 */
export function textBox(text: string, x: number, y: number, o: { anchor?: 'start' | 'middle' | 'end'; dy?: number; fontSize: number; bold?: boolean }): TextBox {
  const w = textWidth(text, o.fontSize, o.bold);
  const base = y + (o.dy ?? 0) * o.fontSize;
  const x0 = o.anchor === 'middle' ? x - w / 2 : o.anchor === 'end' ? x - w : x;
  return { x0, y0: base - ASCENT * o.fontSize, x1: x0 + w, y1: base + DESCENT * o.fontSize };
}

/** Largest font size ≤ `fontSize` (and ≥ `min`) at which `text` fits in `maxWidth` px. */
export function fitFontSize(text: string, fontSize: number, maxWidth: number, bold = false, min = 7): number {
  const w = textWidth(text, fontSize, bold);
  if (w <= maxWidth) return fontSize;
  return Math.max(min, Math.floor(((fontSize * maxWidth) / w) * 10) / 10);
}
