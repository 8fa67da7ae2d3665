import { format as d3format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { type SwatchItem, swatchLegendRows, swatchRows } from './legend.js';
import { esc, type FigureOptions, num, svgDocument } from './svg.js';
import { ASCENT, fitFontSize, textWidth } from './text.js';

/** A dense layer as plain data (structurally compatible with @tessera/nn-core's `Layer`). */
export interface DiagramLayer {
  activation?: string;
  /** Row-major [rows][nIn]. */
  weights: ArrayLike<number>;
  /** One bias per row. */
  bias: ArrayLike<number>;
  /** maxout: rows per unit; each unit is drawn once with its strongest incoming row. */
  rank?: number;
}

export interface NetworkDiagramData {
  inputDim: number;
  layers: readonly DiagramLayer[];
  /** Input names (default x₁, x₂, …). */
  inputNames?: readonly string[];
}

export interface NetworkDiagramOptions extends FigureOptions {
  /** Print bias values next to nodes (default: when no layer is wider than 12 units). */
  biasLabels?: boolean;
  /** Maximum link width in px (default 5). */
  maxLinkWidth?: number;
}

const POS = '#2b6cb0';
const NEG = '#d9480f';

/**
 * The familiar network diagram: nodes in layers, one link per weight whose width shows |w| and
 * colour its sign (blue positive, orange negative), and every bias (including the output unit's)
 * as the node's fill (same colours, opacity by |b|) plus, for small nets, its value.
 */
export function networkDiagram(data: NetworkDiagramData, options: NetworkDiagramOptions = {}): string {
  if (!Number.isInteger(data.inputDim) || data.inputDim < 1) throw new RangeError(`invalid inputDim: expected a positive integer, received ${data.inputDim}`);
  const widths = [data.inputDim];
  let maxAbs = 0;
  let maxBias = 0;
  data.layers.forEach((l, li) => {
    const rank = l.rank ?? 1;
    const nIn = widths[li] as number;
    const rows = l.bias.length;
    if (rows % rank !== 0) throw new RangeError(`invalid layers[${li}]: ${rows} bias entries is not a multiple of rank ${rank}`);
    if (l.weights.length !== rows * nIn) throw new RangeError(`invalid layers[${li}].weights: expected ${rows}×${nIn} = ${rows * nIn} numbers, received ${l.weights.length}`);
    for (let i = 0; i < l.weights.length; i++) {
      const w = l.weights[i] as number;
      if (!Number.isFinite(w)) throw new RangeError(`invalid layers[${li}].weights[${i}]: ${w} is not finite`);
      maxAbs = Math.max(maxAbs, Math.abs(w));
    }
    for (let i = 0; i < rows; i++) {
      const b = l.bias[i] as number;
      if (!Number.isFinite(b)) throw new RangeError(`invalid layers[${li}].bias[${i}]: ${b} is not finite`);
      maxBias = Math.max(maxBias, Math.abs(b));
    }
    widths.push(rows / rank);
  });
  const fs = options.fontSize ?? 12;
  const bfs = Math.max(7, fs - 2);
  const cfs = Math.max(7, fs - 1);
  const maxWidth = Math.max(...widths);
  const width = options.width ?? Math.max(420, 130 * widths.length + 40);
  const title = options.title ?? '';
  const showBias = options.biasLabels ?? maxWidth <= 12;
  const fmt = d3format('.2~f');
  const biasText = (l: DiagramLayer, j: number) => `b=${fmt(l.bias[j * (l.rank ?? 1)] as number)}`;
  const inputName = (j: number) => data.inputNames?.[j] ?? `x${'₁₂₃₄₅₆₇₈₉'[j] ?? j + 1}`;
  // horizontal layout from the labels: input names on the left, the output column's bias labels on the right
  let nameW = 0;
  for (let j = 0; j < data.inputDim; j++) nameW = Math.max(nameW, textWidth(inputName(j), fs));
  const lastLayer = data.layers[data.layers.length - 1];
  let lastBiasW = 0;
  if (showBias && lastLayer) for (let j = 0; j < (widths.at(-1) as number); j++) lastBiasW = Math.max(lastBiasW, textWidth(biasText(lastLayer, j), bfs));
  const rMax = 14;
  // captions under the columns: one line when it fits the column pitch, else name and activation on two lines, shrunk if needed
  const captions = widths.map((_, c) => {
    if (c === 0) return ['input'];
    const l = data.layers[c - 1] as DiagramLayer;
    const name = c === widths.length - 1 ? 'output' : `hidden ${c}`;
    return l.activation ? [name, `(${l.activation}${(l.rank ?? 1) > 1 ? ` ${l.rank}` : ''})`] : [name];
  });
  const legendItems: SwatchItem[] = [
    { label: 'w > 0', color: POS, kind: 'line', width: 3 },
    { label: 'w < 0', color: NEG, kind: 'line', width: 3 },
    { label: 'bias > 0 (fill)', color: POS, kind: 'circle' },
    { label: 'bias < 0 (fill)', color: NEG, kind: 'circle' },
  ];
  const lfs = Math.max(7, fs - 2);
  const legend = swatchRows(legendItems, width - 16, lfs);
  let left = 8 + nameW + 6 + rMax;
  let right = width - (8 + Math.max(rMax, showBias ? rMax + 3 + lastBiasW : rMax, textWidth('output', cfs) / 2));
  const pitch = widths.length > 1 ? (right - left) / (widths.length - 1) : right - left;
  // first and last captions must not hang out of the figure
  const capW = (c: number, oneLine: boolean, f: number) => {
    const lines = captions[c] as string[];
    return oneLine ? textWidth(lines.join(' '), f) : Math.max(...lines.map((t) => textWidth(t, f)));
  };
  const oneLine = captions.every((_, c) => capW(c, true, cfs) <= pitch - 10);
  let capFs = cfs;
  if (!oneLine) for (let c = 0; c < captions.length; c++) capFs = Math.min(capFs, fitFontSize(captions[c]?.slice(-1)[0] ?? '', cfs, pitch - 10), fitFontSize(captions[c]?.[0] ?? '', cfs, pitch - 10));
  left = Math.max(left, 6 + capW(0, oneLine, capFs) / 2);
  right = Math.min(right, width - 6 - capW(widths.length - 1, oneLine, capFs) / 2);
  const capLines = oneLine ? 1 : Math.max(...captions.map((c) => c.length));
  const captionH = capLines * capFs * 1.2;
  const titleBottom = title ? fs * 1.5 + fs * 1.2 * 0.24 : 0;
  const height = options.height ?? Math.round(Math.max(240, Math.min(900, titleBottom + 30 * maxWidth + 90 + captionH + legend.height)));
  const bottomBlock = 8 + captionH + 10 + legend.height + 6;
  // vertical layout: the topmost node leaves room for its bias label under the title
  const span0 = height - titleBottom - bottomBlock - 2 * rMax - 6;
  const gap = Math.min(48, span0 / Math.max(1, maxWidth - 1));
  const r = Math.max(4, Math.min(rMax, (maxWidth > 1 ? gap : span0) * 0.32));
  const top = titleBottom + 6 + Math.max(r, showBias ? 0.35 * r + bfs * ASCENT : 0);
  const bottom = height - bottomBlock - r;
  const colX = (l: number) => (widths.length === 1 ? (left + right) / 2 : left + ((right - left) * l) / (widths.length - 1));
  const nodeY = (l: number, j: number) => {
    const n = widths[l] as number;
    const g = n > 1 ? Math.min(48, (bottom - top) / (maxWidth > 1 ? maxWidth - 1 : 1)) : 0;
    const mid = (top + bottom) / 2;
    return mid + (j - (n - 1) / 2) * g;
  };
  const lw = scaleLinear().domain([0, maxAbs || 1]).range([0.3, options.maxLinkWidth ?? 5]);
  let body = '<g class="links" fill="none" stroke-linecap="round">';
  data.layers.forEach((l, li) => {
    const rank = l.rank ?? 1;
    const nIn = widths[li] as number;
    const units = widths[li + 1] as number;
    for (let j = 0; j < units; j++)
      for (let i = 0; i < nIn; i++) {
        let w = 0;
        for (let q = 0; q < rank; q++) {
          const v = l.weights[(j * rank + q) * nIn + i] as number;
          if (Math.abs(v) > Math.abs(w)) w = v;
        }
        body += `<line x1="${num(colX(li))}" y1="${num(nodeY(li, i))}" x2="${num(colX(li + 1))}" y2="${num(nodeY(li + 1, j))}" stroke="${w >= 0 ? POS : NEG}" stroke-width="${num(lw(Math.abs(w)), 2)}" stroke-opacity="0.75"><title>w = ${fmt(w)}</title></line>`;
      }
  });
  body += '</g><g class="nodes" stroke="#333" stroke-width="1">';
  for (let j = 0; j < data.inputDim; j++)
    body += `<circle class="input" cx="${num(colX(0))}" cy="${num(nodeY(0, j))}" r="${num(r)}" fill="#fff"/>`;
  data.layers.forEach((l, li) => {
    const rank = l.rank ?? 1;
    const units = widths[li + 1] as number;
    for (let j = 0; j < units; j++) {
      let b = 0;
      for (let q = 0; q < rank; q++) if (Math.abs(l.bias[j * rank + q] as number) >= Math.abs(b)) b = l.bias[j * rank + q] as number;
      const op = maxBias > 0 ? 0.15 + 0.85 * (Math.abs(b) / maxBias) : 0;
      body += `<circle class="unit" cx="${num(colX(li + 1))}" cy="${num(nodeY(li + 1, j))}" r="${num(r)}" fill="${b >= 0 ? POS : NEG}" fill-opacity="${num(op, 2)}"><title>b = ${fmt(b)}</title></circle>`;
    }
  });
  body += '</g>';
  // bias labels, input names, layer captions, legend
  body += `<g class="labels" font-size="${bfs}" paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round">`;
  for (let j = 0; j < data.inputDim; j++)
    body += `<text x="${num(colX(0) - r - 6)}" y="${num(nodeY(0, j))}" dy="0.32em" text-anchor="end" font-size="${fs}">${esc(inputName(j))}</text>`;
  data.layers.forEach((l, li) => {
    const units = widths[li + 1] as number;
    if (showBias)
      for (let j = 0; j < units; j++)
        body += `<text class="bias" x="${num(colX(li + 1) + r + 3)}" y="${num(nodeY(li + 1, j) - 0.35 * r)}" fill="#333">${esc(biasText(l, j))}</text>`;
  });
  const capY = bottom + r + 8 + capFs * ASCENT;
  body += `<g class="captions" font-size="${num(capFs)}" text-anchor="middle">`;
  captions.forEach((lines, c) => {
    const rows = oneLine ? [lines.join(' ')] : lines;
    rows.forEach((t, k) => {
      body += `<text x="${num(colX(c))}" y="${num(capY + k * capFs * 1.2)}">${esc(t)}</text>`;
    });
  });
  body += '</g></g>';
  body += swatchLegendRows(legendItems, (width - legend.width) / 2, height - 6 - legend.height + lfs / 2 + 1, width - 16, lfs);
  const nLinks = data.layers.reduce((a, _l, li) => a + (widths[li] as number) * (widths[li + 1] as number), 0);
  const description =
    options.description ??
    `Network diagram of a ${widths.join('-')} network: ${nLinks} weights drawn as links (width ∝ |w|, blue positive, orange negative) and ${widths.slice(1).reduce((a, b) => a + b, 0)} biases as node fills.`;
  return svgDocument({ width, height, title: title || 'Network diagram', description, body, fontFamily: options.fontFamily, fontSize: fs, showTitle: Boolean(title) });
}
