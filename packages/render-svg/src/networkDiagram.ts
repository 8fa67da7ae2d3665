import { format as d3format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { swatchLegend } from './legend.js';
import { esc, type FigureOptions, num, svgDocument } from './svg.js';

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
  const maxWidth = Math.max(...widths);
  const width = options.width ?? Math.max(420, 130 * widths.length + 120);
  const height = options.height ?? Math.max(240, Math.min(900, 40 * maxWidth + 110));
  const title = options.title ?? '';
  const top = (title ? 40 : 18) + 10;
  const bottom = height - 44;
  const left = 60;
  const right = width - 130;
  const r = Math.max(4, Math.min(14, ((bottom - top) / maxWidth) * 0.32));
  const showBias = options.biasLabels ?? maxWidth <= 12;
  const fmt = d3format('.2~f');
  const colX = (l: number) => (widths.length === 1 ? (left + right) / 2 : left + ((right - left) * l) / (widths.length - 1));
  const nodeY = (l: number, j: number) => {
    const n = widths[l] as number;
    const gap = Math.min(48, (bottom - top) / Math.max(1, n));
    const mid = (top + bottom) / 2;
    return mid + (j - (n - 1) / 2) * gap;
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
  // bias labels, input names, layer captions
  body += `<g class="labels" font-size="${fs - 2}" paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round">`;
  for (let j = 0; j < data.inputDim; j++)
    body += `<text x="${num(colX(0) - r - 6)}" y="${num(nodeY(0, j))}" dy="0.32em" text-anchor="end" font-size="${fs}">${esc(data.inputNames?.[j] ?? `x${'₁₂₃₄₅₆₇₈₉'[j] ?? j + 1}`)}</text>`;
  data.layers.forEach((l, li) => {
    const rank = l.rank ?? 1;
    const units = widths[li + 1] as number;
    if (showBias)
      for (let j = 0; j < units; j++) {
        const b = l.bias[j * rank] as number;
        body += `<text class="bias" x="${num(colX(li + 1) + r + 4)}" y="${num(nodeY(li + 1, j) - r - 3)}" fill="#333">b=${esc(fmt(b))}</text>`;
      }
    const last = li === data.layers.length - 1;
    body += `<text x="${num(colX(li + 1))}" y="${num(bottom + 28)}" text-anchor="middle" font-size="${fs - 1}">${esc(`${last ? 'output' : `hidden ${li + 1}`}${l.activation ? ` (${l.activation}${rank > 1 ? ` ${rank}` : ''})` : ''}`)}</text>`;
  });
  body += `<text x="${num(colX(0))}" y="${num(bottom + 28)}" text-anchor="middle" font-size="${fs - 1}">input</text></g>`;
  body += swatchLegend(
    [
      { label: 'w > 0', color: POS, kind: 'line', width: 3 },
      { label: 'w < 0', color: NEG, kind: 'line', width: 3 },
      { label: 'bias > 0 (fill)', color: POS, kind: 'circle' },
      { label: 'bias < 0 (fill)', color: NEG, kind: 'circle' },
    ],
    width - 112,
    top + 4,
    10,
  );
  const nLinks = data.layers.reduce((a, _l, li) => a + (widths[li] as number) * (widths[li + 1] as number), 0);
  const description =
    options.description ??
    `Network diagram of a ${widths.join('-')} network: ${nLinks} weights drawn as links (width ∝ |w|, blue positive, orange negative) and ${widths.slice(1).reduce((a, b) => a + b, 0)} biases as node fills.`;
  return svgDocument({ width, height, title: title || 'Network diagram', description, body, fontFamily: options.fontFamily, fontSize: fs, showTitle: Boolean(title) });
}
