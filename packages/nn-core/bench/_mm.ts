import { denseBackward, denseForward } from '@tessera/nn-core';

function bwdT(w: Float64Array, nIn: number, rows: number, h: Float64Array, gZ: Float64Array, batch: number, gW: Float64Array, gB: Float64Array, gH: Float64Array | null, wT: Float64Array, gZT: Float64Array, hT: Float64Array) {
  gB.fill(0);
  for (let s = 0; s < batch; s++) {
    const zo = s * rows;
    for (let r = 0; r < rows; r++) { const g = gZ[zo + r]; gB[r] += g; gZT[r * batch + s] = g; }
    const ho = s * nIn;
    for (let i = 0; i < nIn; i++) hT[i * batch + s] = h[ho + i];
  }
  let r = 0;
  for (; r + 2 <= rows; r += 2) {
    const a0 = r * batch, a1 = a0 + batch;
    let i = 0;
    for (; i + 2 <= nIn; i += 2) {
      const b0 = i * batch, b1 = b0 + batch;
      let c00 = 0, c01 = 0, c10 = 0, c11 = 0;
      for (let s = 0; s < batch; s++) {
        const x0 = gZT[a0 + s], x1 = gZT[a1 + s], y0 = hT[b0 + s], y1 = hT[b1 + s];
        c00 += x0 * y0; c01 += x0 * y1; c10 += x1 * y0; c11 += x1 * y1;
      }
      gW[r * nIn + i] = c00; gW[r * nIn + i + 1] = c01; gW[(r + 1) * nIn + i] = c10; gW[(r + 1) * nIn + i + 1] = c11;
    }
    for (; i < nIn; i++) {
      const b0 = i * batch; let c0 = 0, c1 = 0;
      for (let s = 0; s < batch; s++) { const y = hT[b0 + s]; c0 += gZT[a0 + s] * y; c1 += gZT[a1 + s] * y; }
      gW[r * nIn + i] = c0; gW[(r + 1) * nIn + i] = c1;
    }
  }
  for (; r < rows; r++) {
    const a0 = r * batch;
    for (let i = 0; i < nIn; i++) { const b0 = i * batch; let c = 0; for (let s = 0; s < batch; s++) c += gZT[a0 + s] * hT[b0 + s]; gW[r * nIn + i] = c; }
  }
  if (gH === null) return;
  for (let q = 0; q < rows; q++) for (let i = 0; i < nIn; i++) wT[i * rows + q] = w[q * nIn + i];
  let s = 0;
  for (; s + 2 <= batch; s += 2) {
    const z0 = s * rows, z1 = z0 + rows;
    let i = 0;
    for (; i + 2 <= nIn; i += 2) {
      const w0 = i * rows, w1 = w0 + rows;
      let c00 = 0, c01 = 0, c10 = 0, c11 = 0;
      for (let q = 0; q < rows; q++) {
        const x0 = gZ[z0 + q], x1 = gZ[z1 + q], y0 = wT[w0 + q], y1 = wT[w1 + q];
        c00 += x0 * y0; c01 += x0 * y1; c10 += x1 * y0; c11 += x1 * y1;
      }
      gH[s * nIn + i] = c00; gH[s * nIn + i + 1] = c01; gH[(s + 1) * nIn + i] = c10; gH[(s + 1) * nIn + i + 1] = c11;
    }
    for (; i < nIn; i++) { const w0 = i * rows; let c0 = 0, c1 = 0; for (let q = 0; q < rows; q++) { const y = wT[w0 + q]; c0 += gZ[z0 + q] * y; c1 += gZ[z1 + q] * y; } gH[s * nIn + i] = c0; gH[(s + 1) * nIn + i] = c1; }
  }
  for (; s < batch; s++) for (let i = 0; i < nIn; i++) { let c = 0; for (let q = 0; q < rows; q++) c += gZ[s * rows + q] * wT[i * rows + q]; gH[s * nIn + i] = c; }
}

const B = 256, N = 64, R = 64;
const w = new Float64Array(R * N).map((_, i) => Math.sin(i)), h = new Float64Array(B * N).map((_, i) => Math.cos(i)), gZ = new Float64Array(B * R).map((_, i) => Math.sin(i * 0.7));
const gW = new Float64Array(R * N), gB = new Float64Array(R), gH = new Float64Array(B * N);
const gW2 = gW.slice(), gB2 = gB.slice(), gH2 = gH.slice();
const wT = new Float64Array(R * N), gZT = new Float64Array(B * R), hT = new Float64Array(B * N);
const z = new Float64Array(B * R);
for (let round = 0; round < 3; round++) {
  let t0 = performance.now(); for (let k = 0; k < 300; k++) denseBackward(w, N, R, h, gZ, B, gW, gB, gH); const a = performance.now() - t0;
  t0 = performance.now(); for (let k = 0; k < 300; k++) bwdT(w, N, R, h, gZ, B, gW2, gB2, gH2, wT, gZT, hT); const b = performance.now() - t0;
  t0 = performance.now(); for (let k = 0; k < 300; k++) denseForward(w, gB, N, R, h, B, z); const c = performance.now() - t0;
  console.log('old bwd', a.toFixed(0), 'new bwd', b.toFixed(0), 'fwd', c.toFixed(0));
}
let md = 0; for (let i = 0; i < gW.length; i++) md = Math.max(md, Math.abs(gW[i] - gW2[i])); for (let i = 0; i < gH.length; i++) md = Math.max(md, Math.abs(gH[i] - gH2[i]));
console.log('max diff', md);
