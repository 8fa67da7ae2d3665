import { denseForward } from '@tessera/nn-core';
function fwd24(w: Float64Array, b: Float64Array, nIn: number, rows: number, h: Float64Array, batch: number, z: Float64Array) {
  let s = 0;
  for (; s + 4 <= batch; s += 4) {
    const h0 = s * nIn, h1 = h0 + nIn, h2 = h1 + nIn, h3 = h2 + nIn, zo = s * rows;
    let r = 0;
    for (; r + 2 <= rows; r += 2) {
      const wa = r * nIn, wb = wa + nIn;
      const ba = b[r], bb = b[r + 1];
      let a0 = ba, a1 = ba, a2 = ba, a3 = ba, c0 = bb, c1 = bb, c2 = bb, c3 = bb;
      for (let i = 0; i < nIn; i++) {
        const x = w[wa + i], y = w[wb + i];
        const v0 = h[h0 + i], v1 = h[h1 + i], v2 = h[h2 + i], v3 = h[h3 + i];
        a0 += x * v0; a1 += x * v1; a2 += x * v2; a3 += x * v3;
        c0 += y * v0; c1 += y * v1; c2 += y * v2; c3 += y * v3;
      }
      z[zo + r] = a0; z[zo + rows + r] = a1; z[zo + 2 * rows + r] = a2; z[zo + 3 * rows + r] = a3;
      z[zo + r + 1] = c0; z[zo + rows + r + 1] = c1; z[zo + 2 * rows + r + 1] = c2; z[zo + 3 * rows + r + 1] = c3;
    }
    for (; r < rows; r++) {
      const wo = r * nIn; const br = b[r];
      let a0 = br, a1 = br, a2 = br, a3 = br;
      for (let i = 0; i < nIn; i++) { const x = w[wo + i]; a0 += x * h[h0 + i]; a1 += x * h[h1 + i]; a2 += x * h[h2 + i]; a3 += x * h[h3 + i]; }
      z[zo + r] = a0; z[zo + rows + r] = a1; z[zo + 2 * rows + r] = a2; z[zo + 3 * rows + r] = a3;
    }
  }
  for (; s < batch; s++) for (let r = 0; r < rows; r++) { let acc = b[r]; for (let i = 0; i < nIn; i++) acc += w[r * nIn + i] * h[s * nIn + i]; z[s * rows + r] = acc; }
}
for (const [B, N, R] of [[256, 64, 64], [1000, 2, 6], [10, 8, 8]]) {
const w = new Float64Array(R * N).map((_, i) => Math.sin(i)), h = new Float64Array(B * N).map((_, i) => Math.cos(i)), b = new Float64Array(R).fill(0.1);
const z = new Float64Array(B * R), z2 = z.slice();
const reps = Math.round(3e8 / (B * N * R));
for (let round = 0; round < 3; round++) {
  let t0 = performance.now(); for (let k = 0; k < reps; k++) denseForward(w, b, N, R, h, B, z); const a = performance.now() - t0;
  t0 = performance.now(); for (let k = 0; k < reps; k++) fwd24(w, b, N, R, h, B, z2); const c = performance.now() - t0;
  if (round === 2) console.log(B, N, R, 'fwd4', a.toFixed(0), 'fwd2x4', c.toFixed(0), z.every((v, i) => v === z2[i]));
}}
