/**
 * A tiny HTML builder for the demo report: one self-contained page (inline SVG and CSS, no
 * scripts, no network), readable without JavaScript, with a table of contents.
 */

/** Escapes text for HTML element content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** Formats a number for a table: integers as is, others with `digits` significant digits. */
export function num(v: number | bigint | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'bigint') return v.toString();
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) {
    const [m, e] = v.toExponential(Math.max(0, digits - 1)).split('e') as [string, string];
    return `${m}×10${[...String(Number(e))].map((ch) => SUPERSCRIPT[ch] ?? ch).join('')}`;
  }
  return String(Number(v.toPrecision(digits)));
}

/** A table: header cells and rows (cells are escaped unless they are `{html}` objects). */
export type Cell = string | number | bigint | null | undefined | { html: string };

function cell(c: Cell): string {
  if (c !== null && typeof c === 'object' && 'html' in c) return c.html;
  if (typeof c === 'number' || typeof c === 'bigint' || c === null || c === undefined) return esc(num(c as number));
  return esc(c);
}

export function table(header: string[], rows: Cell[][], caption?: string): string {
  const isNum = header.map((_, i) => rows.every((r) => typeof r[i] === 'number' || typeof r[i] === 'bigint' || r[i] === null));
  const th = header.map((h, i) => `<th${isNum[i] ? ' class="n"' : ''}>${esc(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${isNum[i] ? ' class="n"' : ''}>${cell(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<div class="tw"><table>${caption ? `<caption>${caption}</caption>` : ''}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** Strips an XML prolog / doctype so an SVG document can be inlined in HTML. */
export function inlineSvg(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*>\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/i, '');
}

/** A numbered figure: inline SVG, a caption, and a link to the file on disk. */
export function figure(svg: string, caption: string, file?: string): string {
  const link = file ? ` <a href="${esc(file)}">(${esc(file)})</a>` : '';
  return `<figure>${inlineSvg(svg)}<figcaption>${caption}${link}</figcaption></figure>`;
}

/** Several figures side by side (wrapping on narrow screens). */
export function figureRow(figures: string[]): string {
  return `<div class="row">${figures.join('\n')}</div>`;
}

export interface Section {
  id: string;
  title: string;
  body: string;
}

export const p = (html: string): string => `<p>${html}</p>`;
export const code = (text: string): string => `<code>${esc(text)}</code>`;
export const pre = (text: string): string => `<pre>${esc(text)}</pre>`;
export const note = (html: string): string => `<p class="note">${html}</p>`;
export const ul = (items: string[]): string => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;

const CSS = `
:root{--fg:#1d2330;--muted:#5b6475;--bg:#fdfcf9;--accent:#2d5fa8;--rule:#d9d6cc;--card:#fff}
*{box-sizing:border-box}
html{font-size:17px}
body{margin:0;background:var(--bg);color:var(--fg);font-family:"Iowan Old Style","Palatino Linotype",Palatino,Georgia,serif;line-height:1.55}
main{max-width:68rem;margin:0 auto;padding:2rem 1.5rem 4rem}
header.top{border-bottom:2px solid var(--fg);margin-bottom:1.5rem}
h1{font-size:2.1rem;line-height:1.15;margin:.2rem 0 .4rem}
h2{font-size:1.45rem;margin:2.6rem 0 .6rem;padding-top:.6rem;border-top:1px solid var(--rule)}
h3{font-size:1.12rem;margin:1.6rem 0 .4rem}
.sub{color:var(--muted);margin:0 0 1rem}
a{color:var(--accent)}
nav.toc{background:var(--card);border:1px solid var(--rule);padding:.8rem 1.2rem;border-radius:6px;margin:1rem 0 2rem}
nav.toc ol{margin:.3rem 0;padding-left:1.4rem;columns:2;column-gap:2rem}
nav.toc li{margin:.1rem 0}
.tw{overflow-x:auto;margin:.8rem 0 1.2rem}
table{border-collapse:collapse;font-family:ui-sans-serif,system-ui,"Segoe UI",Helvetica,Arial,sans-serif;font-size:.82rem;font-variant-numeric:tabular-nums}
caption{caption-side:top;text-align:left;color:var(--muted);padding-bottom:.3rem;font-size:.85rem}
th,td{padding:.28rem .65rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
th{border-bottom:1.5px solid var(--fg);font-weight:600}
td.n,th.n{text-align:right}
td:first-child{white-space:nowrap}
tbody tr:nth-child(even){background:#f6f4ee}
figure{margin:1rem 0 1.6rem;background:var(--card);border:1px solid var(--rule);border-radius:6px;padding:.6rem;flex:1 1 26rem;min-width:0}
figure svg{display:block;width:100%;height:auto;max-height:36rem}
figcaption{font-size:.85rem;color:var(--muted);margin-top:.4rem}
.row{display:flex;flex-wrap:wrap;gap:1rem}
.row figure{margin:.5rem 0}
code,pre{font-family:ui-monospace,"SF Mono",Menlo,Consolas,monospace;font-size:.82rem}
pre{background:#f3f1ea;border:1px solid var(--rule);padding:.7rem .9rem;overflow-x:auto;border-radius:4px;line-height:1.4}
.note{border-left:3px solid var(--accent);padding:.2rem .9rem;background:#eef3fb}
.answer{border-left:4px solid #2f7d4a;background:#eef7f0;padding:.5rem 1rem;margin:1rem 0}
.answer p{margin:.3rem 0}
.warn{border-left:3px solid #b5651d;background:#fbf1e6;padding:.2rem .9rem}
.kpi{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.kpi div{background:var(--card);border:1px solid var(--rule);border-radius:6px;padding:.5rem .8rem;font-family:ui-sans-serif,system-ui,sans-serif;font-size:.8rem;color:var(--muted)}
.kpi b{display:block;font-size:1.2rem;color:var(--fg)}
footer{margin-top:3rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--rule);padding-top:1rem}
@media print{nav.toc ol{columns:1}figure{break-inside:avoid}}
`;

/** The whole page. */
export function page(options: { title: string; subtitle: string; intro: string; sections: Section[]; footer: string }): string {
  const toc = options.sections.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`).join('');
  const body = options.sections
    .map((s, i) => `<section id="${esc(s.id)}">\n<h2>${i + 1}. ${esc(s.title)}</h2>\n${s.body}\n</section>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header class="top"><h1>${esc(options.title)}</h1><p class="sub">${options.subtitle}</p></header>
${options.intro}
<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${toc}</ol></nav>
${body}
<footer>${options.footer}</footer>
</main>
</body>
</html>
`;
}
