import { format as d3format } from 'd3-format';

const SUB = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

/** `x₁`, `x₁₂`: an input variable name with a subscript index (1-based). */
export function variableName(i: number, base = 'x'): string {
  return base + String(i).split('').map((d) => SUB[Number(d)]).join('');
}

/**
 * An affine map `a·x + c` as readable text: `f = 1.2 x₁ − 0.35 x₂ + 3`, with `digits`
 * significant digits, zero terms dropped and true minus signs.
 */
export function formatAffine(a: ArrayLike<number>, c: number, o: { digits?: number; name?: string } = {}): string {
  const f = d3format(`.${o.digits ?? 3}~g`);
  const parts: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const w = a[i] as number;
    if (w === 0) continue;
    const mag = f(Math.abs(w));
    const term = `${mag === '1' ? '' : `${mag} `}${variableName(i + 1)}`;
    parts.push(parts.length === 0 ? (w < 0 ? `−${term}` : term) : `${w < 0 ? '−' : '+'} ${term}`);
  }
  if (c !== 0 || parts.length === 0) {
    const mag = f(Math.abs(c));
    parts.push(parts.length === 0 ? (c < 0 ? `−${mag}` : mag) : `${c < 0 ? '−' : '+'} ${mag}`);
  }
  return `${o.name ?? 'f'} = ${parts.join(' ')}`;
}
