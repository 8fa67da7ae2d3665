import { BudgetExceededError, InputError, type Layer, type Mlp } from '@tessera/nn-core';
import { assertPiecewiseLinear } from './assert.js';
import { computeAdjacency, mergeLinearRegions } from './merge.js';
import type { Box, Partition } from './partition.js';
import { compensatedSum } from './polygon.js';
import { classify, clip, copyPoly, NEG, POS } from './polygonClip.js';
import { DEFAULT_MERGE_TOLERANCE, DEFAULT_TOLERANCE } from './predicates.js';
import { grow, Kids, Out, Poly, Stack } from './regionsBuffers.js';
import { type FormNoise, formNoise, outputNoise } from './rounding.js';

/** Options of {@link enumerateRegions}. */
export interface RegionsOptions {
  /** The box `[xmin, xmax, ymin, ymax]` to partition. */
  box: Box;
  /** Stop with a BudgetExceededError once more than this many regions are found. Default: no cap. */
  maxRegions?: number;
  /** Layer indices (0-based) whose post-activation affine maps are recorded per region. */
  layers?: number[];
  /** Relative tolerance for "vertex on the switching line" (default 1e-12, see README). */
  tolerance?: number;
  /** Relative tolerance for "equal output maps" when merging linear regions (default 1e-9). */
  mergeTolerance?: number;
}

function checkBox(box: unknown): Box {
  if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new InputError(`invalid box ${JSON.stringify(box)}: expected [xmin, xmax, ymin, ymax] (4 finite numbers)`);
  const [x0, x1, y0, y1] = box as Box;
  if (!(x0 < x1)) throw new InputError(`invalid box: xmin (${x0}) must be less than xmax (${x1})`);
  if (!(y0 < y1)) throw new InputError(`invalid box: ymin (${y0}) must be less than ymax (${y1})`);
  return [x0, x1, y0, y1];
}

/** Pieces between full recomputations of the next layer's maps (see composeDelta). */
const REFRESH = 16;

/**
 * Per-unit magnitude bounds and rounding-noise levels of the composed forms over the box (see
 * `formNoise` in rounding.ts, shared with `linePieces`): the first layer's forms are exact (gamma 0);
 * each later layer adds 8u per term of its dot product plus the incremental updates between refreshes.
 */
function boxFormNoise(mlp: Mlp, bx: number, by: number): FormNoise {
  return formNoise(mlp, [bx, by], 2 * REFRESH + 4);
}

class Enumerator {
  readonly layers: Layer[];
  readonly L: number;
  readonly tolRel: number;
  readonly bx: number;
  readonly by: number;
  readonly maxRegions: number;
  readonly stacks: Stack[] = [];
  readonly kids = new Kids();
  /** Pre-activation maps per depth: [rows][3]. */
  readonly Z: Float64Array[] = [];
  /** Post-activation maps per depth: [units][3]. */
  readonly H: Float64Array[] = [];
  readonly active: Int32Array[] = [];
  readonly Hprev: Float64Array[] = [];
  readonly tols: Float64Array[] = [];
  readonly absA: Float64Array[] = [];
  readonly absB: Float64Array[] = [];
  /** Rounding-noise level of each row's composed form, per layer (see formNoise). */
  readonly noise: Float64Array[];
  readonly mag: Float64Array[];
  readonly gamma: number[];
  readonly layerOffset: Int32Array;
  readonly stride: number;
  readonly pattern: Uint8Array;
  readonly record: number[];
  readonly recordMaps: Float64Array[] = [];
  readonly recordSize: number[] = [];
  readonly recBuf: Float64Array[] = [];
  readonly t1 = new Poly();
  readonly t2 = new Poly();
  readonly t3 = new Poly();
  pairIds = new Int32Array(16);
  // split table
  sCount = 0;
  sInfo = new Int32Array(3 * 1024);
  sDir = new Float64Array(2 * 1024);
  out = new Out();

  constructor(mlp: Mlp, box: Box, tolRel: number, maxRegions: number, record: number[]) {
    this.layers = mlp.layers;
    this.L = mlp.layers.length;
    this.tolRel = tolRel;
    this.bx = Math.max(Math.abs(box[0]), Math.abs(box[1]));
    this.by = Math.max(Math.abs(box[2]), Math.abs(box[3]));
    this.maxRegions = maxRegions;
    const fn = boxFormNoise(mlp, this.bx, this.by);
    this.noise = fn.noise;
    this.mag = fn.mag;
    this.gamma = fn.gamma;
    this.layerOffset = new Int32Array(this.L + 1);
    for (let l = 0; l < this.L; l++) {
      const layer = this.layers[l];
      this.layerOffset[l + 1] = this.layerOffset[l] + layer.units;
      this.stacks.push(new Stack());
      this.Z.push(new Float64Array(layer.rows * 3));
      this.H.push(new Float64Array(layer.units * 3));
      this.active.push(new Int32Array(layer.units));
      this.Hprev.push(new Float64Array(layer.units * 3));
      this.tols.push(new Float64Array(layer.rows));
      this.absA.push(new Float64Array(layer.rows));
      this.absB.push(new Float64Array(layer.rows));
    }
    this.stride = this.layerOffset[this.L];
    this.pattern = new Uint8Array(this.stride);
    this.record = record;
    for (const l of record) {
      this.recordSize.push(this.layers[l].units * 3);
      this.recordMaps.push(new Float64Array(1024));
      this.recBuf.push(new Float64Array(this.layers[l].units * 3));
    }
  }

  newSplit(layer: number, unit: number, sub: number, a: number, b: number): number {
    const id = this.sCount++;
    if (3 * id + 3 > this.sInfo.length) {
      const i2 = new Int32Array(2 * this.sInfo.length);
      i2.set(this.sInfo);
      this.sInfo = i2;
      const d2 = new Float64Array(2 * this.sDir.length);
      d2.set(this.sDir);
      this.sDir = d2;
    }
    this.sInfo[3 * id] = layer;
    this.sInfo[3 * id + 1] = unit;
    this.sInfo[3 * id + 2] = sub;
    const h = Math.sqrt(a * a + b * b);
    this.sDir[2 * id] = -b / h;
    this.sDir[2 * id + 1] = a / h;
    return id;
  }

  run(box: Box): void {
    // depth 0 input: the box, with Z[0] = first layer forms
    const l0 = this.layers[0];
    const Z0 = this.Z[0];
    for (let r = 0; r < l0.rows; r++) {
      Z0[3 * r] = l0.weights[2 * r];
      Z0[3 * r + 1] = l0.weights[2 * r + 1];
      Z0[3 * r + 2] = l0.bias[r];
    }
    const src = this.t3;
    src.reserve(4);
    const [x0, x1, y0, y1] = box;
    src.coords.set([x0, y0, x1, y0, x1, y1, x0, y1]);
    src.eids.set([-1, -2, -3, -4]);
    src.n = 4;
    this.layer(0, src.coords, src.eids, 0, 4);
  }

  /** Splits one convex polygon by every unit of layer d (depth-first), recursing into each final piece. */
  layer(d: number, sc: Float64Array, se: Int32Array, so: number, sn: number): void {
    const layer = this.layers[d];
    const units = layer.units;
    const S = this.stacks[d];
    S.reset(units);
    S.reserve(sn);
    S.reservePieces(1);
    copyPoly(sc, se, so, sn, S.coords, S.eids, 0);
    S.nv = sn;
    S.count = 1;
    S.start[1] = sn;
    S.next[0] = 0;
    S.setBox(0);
    S.states.fill(0, 0, units);
    const Z = this.Z[d];
    const act = layer.activation;
    const linear = act === 'linear' || (act === 'maxout' && layer.rank === 1);
    const H = this.H[d];
    const act2 = this.active[d];
    const last = d === this.L - 1;
    const poff = this.layerOffset[d];
    const pattern = this.pattern;
    const rec = this.record.indexOf(d);
    const tolRel = this.tolRel;
    const bx = this.bx;
    const by = this.by;
    // the next layer's maps are updated from the previous piece's by the units whose map changed,
    // and recomputed from scratch every REFRESH pieces to bound rounding drift
    let fresh = 0;
    // per-unit tolerance and |a|, |b| of this call's forms (Z is fixed during the call)
    const TOL = this.tols[d];
    const ABSA = this.absA[d];
    const ABSB = this.absB[d];
    // a form within its rounding noise is zero: tolerance +∞ makes every vertex "on" it (a tie, no split)
    const NZ = this.noise[d];
    for (let j = 0; j < layer.rows; j++) {
      const aa = Math.abs(Z[3 * j]);
      const ab = Math.abs(Z[3 * j + 1]);
      ABSA[j] = aa;
      ABSB[j] = ab;
      const own = aa * bx + ab * by + Math.abs(Z[3 * j + 2]);
      TOL[j] = own <= NZ[j] ? Number.POSITIVE_INFINITY : tolRel * own;
    }
    const linearTail = d + 2 === this.L && this.layers[d + 1].activation === 'linear' && !this.record.includes(d + 1);
    while (S.count > 0) {
      const p = S.count - 1;
      if (!linear) {
        let j = S.next[p];
        const o = S.start[p];
        const n = S.start[p + 1] - o;
        let split = false;
        if (act === 'hardtanh' || act === 'maxout') {
          for (; j < units; j++) if (this.splitSpecial(d, S, p, j)) break;
          split = j < units;
        } else {
          const bb = S.bbox;
          const cx = bb[4 * p];
          const cy = bb[4 * p + 1];
          const hx = bb[4 * p + 2];
          const hy = bb[4 * p + 3];
          const states = S.states;
          const so = p * units;
          for (; j < units; j++) {
            const fa = Z[3 * j];
            const fb = Z[3 * j + 1];
            const fc = Z[3 * j + 2];
            const tol = TOL[j];
            // bounding-box filter: the line misses the box by more than tol → one side, no split
            const vc = fa * cx + fb * cy + fc;
            const rad = ABSA[j] * hx + ABSB[j] * hy;
            if (vc - rad > tol) {
              states[so + j] = 1;
              continue;
            }
            if (vc + rad < -tol) {
              states[so + j] = 0;
              continue;
            }
            const mask = classify(S.coords, o, n, fa, fb, fc, tol);
            if (mask === (POS | NEG)) {
              const sid = this.newSplit(d, j, 0, fa, fb);
              const K = this.kids;
              K.reset();
              K.reserve(2 * n + 4);
              K.add(clip(S.coords, S.eids, o, n, 1, sid, K.coords, K.eids, K.nv), 1);
              K.add(clip(S.coords, S.eids, o, n, -1, sid, K.coords, K.eids, K.nv), 0);
              S.replaceTop(K, j);
              split = true;
              break;
            }
            states[so + j] = mask === POS ? 1 : 0;
          }
        }
        if (split) continue;
      }
      // piece p is final for this layer: pop it (its data stay valid until the next push here)
      const o = S.start[p];
      const n = S.start[p + 1] - o;
      S.count = p;
      S.nv = o;
      const st = S.states;
      const so = p * units;
      const nAct = this.postActivation(layer, Z, st, so, H, act2);
      for (let j = 0; j < units; j++) pattern[poff + j] = st[so + j];
      if (rec >= 0) this.recordLayer(rec, H);
      if (last) this.emit(S.coords, S.eids, o, n);
      else {
        if (fresh === 0) this.compose(this.layers[d + 1], H, act2, nAct, this.Z[d + 1]);
        else this.composeDelta(this.layers[d + 1], H, this.Hprev[d], this.Z[d + 1]);
        if (fresh === 0) this.Hprev[d].set(H);
        fresh = fresh === REFRESH ? 0 : fresh + 1;
        if (linearTail) {
          // the last layer is linear: no splits, its output is the composed map itself
          const Zl = this.Z[d + 1];
          const Hl = this.H[d + 1];
          for (let i = 0; i < Zl.length; i++) Hl[i] = Zl[i];
          this.emit(S.coords, S.eids, o, n);
        } else this.layer(d + 1, S.coords, S.eids, o, n);
      }
    }
  }

  /** hardtanh / maxout unit j on the top piece p: returns true (and replaces p) if it splits. */
  splitSpecial(d: number, S: Stack, p: number, j: number): boolean {
    const layer = this.layers[d];
    const o = S.start[p];
    const n = S.start[p + 1] - o;
    const K = this.kids;
    K.reset();
    let whole = -1;
    if (layer.activation === 'hardtanh') whole = this.cutHardtanh(d, S.coords, S.eids, o, n, j, K);
    else whole = this.cutMaxout(d, S.coords, S.eids, o, n, j, layer.rank as number, K);
    if (whole >= 0) {
      S.states[p * layer.units + j] = whole;
      return false;
    }
    S.replaceTop(K, j);
    return true;
  }

  /** Cuts a polygon by z = -1 and z = +1; returns the state if it is not cut, else -1 (pieces in K). */
  cutHardtanh(d: number, sc: Float64Array, se: Int32Array, o: number, n: number, j: number, K: Kids): number {
    const Z = this.Z[d];
    const fa = Z[3 * j];
    const fb = Z[3 * j + 1];
    const fc = Z[3 * j + 2];
    const scale = Math.abs(fa) * this.bx + Math.abs(fb) * this.by;
    const g = this.gamma[d] * (this.mag[d][j] + 1);
    const ownLo = scale + Math.abs(fc + 1);
    const ownHi = scale + Math.abs(fc - 1);
    const tolLo = ownLo <= g ? Number.POSITIVE_INFINITY : this.tolRel * ownLo;
    const tolHi = ownHi <= g ? Number.POSITIVE_INFINITY : this.tolRel * ownHi;
    const T = this.t1;
    const m1 = classify(sc, o, n, fa, fb, fc + 1, tolLo);
    if (m1 !== POS && m1 !== (POS | NEG)) return 0; // at or below z = -1 (ties to the lower state)
    let uc = sc;
    let ue = se;
    let uo = o;
    let un = n;
    K.reserve(3 * n + 8);
    if (m1 === (POS | NEG)) {
      const sid = this.newSplit(d, j, 0, fa, fb);
      K.add(clip(sc, se, o, n, -1, sid, K.coords, K.eids, K.nv), 0);
      T.reserve(n + 4);
      un = clip(sc, se, o, n, 1, sid, T.coords, T.eids, 0);
      uc = T.coords;
      ue = T.eids;
      uo = 0;
    }
    const m2 = classify(uc, uo, un, fa, fb, fc - 1, tolHi);
    if (m2 === (POS | NEG)) {
      const sid = this.newSplit(d, j, 1, fa, fb);
      K.add(clip(uc, ue, uo, un, -1, sid, K.coords, K.eids, K.nv), 1);
      K.add(clip(uc, ue, uo, un, 1, sid, K.coords, K.eids, K.nv), 2);
      return -1;
    }
    const state = m2 === POS ? 2 : 1;
    if (K.count === 0) return state;
    copyPoly(uc, ue, uo, un, K.coords, K.eids, K.nv);
    K.add(un, state);
    return -1;
  }

  /** Cells of argmax over the k rows of maxout unit j; returns the state if uncut, else -1. */
  cutMaxout(d: number, sc: Float64Array, se: Int32Array, o: number, n: number, j: number, k: number, K: Kids): number {
    const Z = this.Z[d];
    const r0 = j * k;
    if (this.pairIds.length < k * k) this.pairIds = new Int32Array(k * k);
    const pairIds = this.pairIds;
    pairIds.fill(-1, 0, k * k);
    const T1 = this.t1;
    const T2 = this.t2;
    let cells = 0;
    let onlyCell = -1;
    let onlyWhole = false;
    for (let i = 0; i < k; i++) {
      // cell i = {z_i >= z_r for all r != i}, ties to the lowest index
      let cc = sc;
      let ce = se;
      let co = o;
      let cn = n;
      let useT1 = true;
      let empty = false;
      let cut = false;
      for (let r = 0; r < k && !empty; r++) {
        if (r === i) continue;
        const fa = Z[3 * (r0 + i)] - Z[3 * (r0 + r)];
        const fb = Z[3 * (r0 + i) + 1] - Z[3 * (r0 + r) + 1];
        const fc = Z[3 * (r0 + i) + 2] - Z[3 * (r0 + r) + 2];
        const own = Math.abs(fa) * this.bx + Math.abs(fb) * this.by + Math.abs(fc);
        const g = this.gamma[d] * (this.mag[d][r0 + i] + this.mag[d][r0 + r]);
        const tol = own <= g ? Number.POSITIVE_INFINITY : this.tolRel * own;
        const mask = classify(cc, co, cn, fa, fb, fc, tol);
        if (mask === POS) continue;
        if (mask === 0) {
          if (r < i) empty = true;
          continue;
        }
        if (mask === NEG) {
          empty = true;
          continue;
        }
        const lo = Math.min(i, r);
        const hi = Math.max(i, r);
        let sid = pairIds[lo * k + hi];
        if (sid < 0) {
          const s = lo === i ? 1 : -1;
          sid = this.newSplit(d, j, lo * k + hi, s * fa, s * fb);
          pairIds[lo * k + hi] = sid;
        }
        const T = useT1 ? T1 : T2;
        T.reserve(cn + 4);
        const m = clip(cc, ce, co, cn, 1, sid, T.coords, T.eids, 0);
        cc = T.coords;
        ce = T.eids;
        co = 0;
        cn = m;
        cut = true;
        useT1 = !useT1;
        if (m < 3) empty = true;
      }
      if (empty) continue;
      cells++;
      onlyCell = i;
      onlyWhole = !cut;
      K.reserve(cn);
      copyPoly(cc, ce, co, cn, K.coords, K.eids, K.nv);
      K.add(cn, i);
    }
    if (cells === 1 && onlyWhole) return onlyCell;
    if (cells === 0) return 0;
    return -1;
  }

  /** H = activation applied to the maps Z given states; lists units with a non-zero map. */
  postActivation(layer: Layer, Z: Float64Array, st: Uint8Array, so: number, H: Float64Array, active: Int32Array): number {
    const units = layer.units;
    let nAct = 0;
    const act = layer.activation;
    for (let j = 0; j < units; j++) {
      const s = st[so + j];
      let f = 1;
      let row = j;
      let konst = 0;
      switch (act) {
        case 'relu':
          f = s;
          break;
        case 'leaky_relu':
          f = s ? 1 : (layer.alpha as number);
          break;
        case 'prelu':
          f = s ? 1 : (layer.alphas as Float64Array)[j];
          break;
        case 'abs':
          f = s ? 1 : -1;
          break;
        case 'hardtanh':
          if (s !== 1) {
            f = 0;
            konst = s === 0 ? -1 : 1;
          }
          break;
        case 'maxout':
          row = j * (layer.rank as number) + s;
          break;
        default:
          break;
      }
      if (f === 0) {
        H[3 * j] = 0;
        H[3 * j + 1] = 0;
        H[3 * j + 2] = konst;
        if (konst !== 0) active[nAct++] = j;
      } else {
        H[3 * j] = f * Z[3 * row];
        H[3 * j + 1] = f * Z[3 * row + 1];
        H[3 * j + 2] = f * Z[3 * row + 2];
        active[nAct++] = j;
      }
    }
    return nAct;
  }

  /** Z' = W H + b for the next layer, summing only over units with non-zero maps. */
  compose(next: Layer, H: Float64Array, active: Int32Array, nAct: number, Zn: Float64Array): void {
    const w = next.weights;
    const b = next.bias;
    const nIn = next.nIn;
    for (let r = 0; r < next.rows; r++) {
      let sa = 0;
      let sb = 0;
      let sc = b[r];
      const wo = r * nIn;
      for (let q = 0; q < nAct; q++) {
        const i = active[q];
        const wi = w[wo + i];
        sa += wi * H[3 * i];
        sb += wi * H[3 * i + 1];
        sc += wi * H[3 * i + 2];
      }
      Zn[3 * r] = sa;
      Zn[3 * r + 1] = sb;
      Zn[3 * r + 2] = sc;
    }
  }

  /** Z' += W (H - Hprev) over the units whose post-activation map changed; then Hprev = H. */
  composeDelta(next: Layer, H: Float64Array, Hp: Float64Array, Zn: Float64Array): void {
    const w = next.weights;
    const nIn = next.nIn;
    const rows = next.rows;
    for (let i = 0; i < nIn; i++) {
      const da = H[3 * i] - Hp[3 * i];
      const db = H[3 * i + 1] - Hp[3 * i + 1];
      const dc = H[3 * i + 2] - Hp[3 * i + 2];
      if (da === 0 && db === 0 && dc === 0) continue;
      for (let r = 0; r < rows; r++) {
        const wi = w[r * nIn + i];
        Zn[3 * r] += wi * da;
        Zn[3 * r + 1] += wi * db;
        Zn[3 * r + 2] += wi * dc;
      }
      Hp[3 * i] = H[3 * i];
      Hp[3 * i + 1] = H[3 * i + 1];
      Hp[3 * i + 2] = H[3 * i + 2];
    }
  }

  recordLayer(rec: number, H: Float64Array): void {
    this.recBuf[rec].set(H.subarray(0, this.recordSize[rec]));
  }

  emit(sc: Float64Array, se: Int32Array, o: number, n: number): void {
    const out = this.out;
    const r = out.count;
    if (r >= this.maxRegions)
      throw new BudgetExceededError(`more than ${this.maxRegions} regions (raise --max-regions / maxRegions)`);
    const v0 = out.nv;
    if (2 * (v0 + n) > out.coords.length) {
      const c2 = new Float64Array(Math.max(2 * out.coords.length, 2 * (v0 + n)));
      c2.set(out.coords);
      out.coords = c2;
      const e2 = new Int32Array(c2.length / 2);
      e2.set(out.eids);
      out.eids = e2;
    }
    if (r + 1 > out.areas.length) out.growRegions(this.stride, this.layers[this.L - 1].units * 3);
    copyPoly(sc, se, o, n, out.coords, out.eids, v0);
    out.nv = v0 + n;
    out.starts.push(out.nv);
    // area (relative to first vertex) and vertex average
    const c = out.coords;
    const ox = c[2 * v0];
    const oy = c[2 * v0 + 1];
    let s = 0;
    let px = 0;
    let py = 0;
    let mx = 0;
    let my = 0;
    for (let k = 1; k < n; k++) {
      const x = c[2 * (v0 + k)] - ox;
      const y = c[2 * (v0 + k) + 1] - oy;
      s += px * y - x * py;
      px = x;
      py = y;
      mx += x;
      my += y;
    }
    out.areas[r] = s / 2;
    out.interior[2 * r] = ox + mx / n;
    out.interior[2 * r + 1] = oy + my / n;
    const stride = this.stride;
    const pat = this.pattern;
    const op = out.patterns;
    for (let i = 0; i < stride; i++) op[r * stride + i] = pat[i];
    const Hl = this.H[this.L - 1];
    const od = this.layers[this.L - 1].units * 3;
    const om = out.maps;
    for (let i = 0; i < od; i++) om[r * od + i] = Hl[i];
    for (let q = 0; q < this.record.length; q++) {
      const size = this.recordSize[q];
      this.recordMaps[q] = grow(this.recordMaps[q], (r + 1) * size);
      this.recordMaps[q].set(this.recBuf[q], r * size);
    }
    out.count = r + 1;
  }
}

/** Column k of a row-major [n][3] Int32Array. */
function column(a: Int32Array, n: number, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = a[3 * i + k];
  return out;
}

/**
 * Enumerates the exact activation regions of a piecewise-linear network with two inputs inside a
 * box, by splitting convex polygons layer by layer along each unit's switching line(s), then
 * merges edge-adjacent regions with equal output maps into linear regions.
 *
 * @example
 * const p = enumerateRegions(mlp, { box: [-1, 1, -1, 1] });
 * p.regionCount; p.linearRegionCount; regionVertices(p, 0);
 */
export function enumerateRegions(mlp: Mlp, options: RegionsOptions): Partition {
  if (options === undefined || options === null) throw new InputError('enumerateRegions: options.box is required');
  const box = checkBox(options.box);
  if (mlp.inputDim !== 2)
    throw new InputError(
      `enumerateRegions needs a network with inputDim 2, got ${mlp.inputDim}; use slicePlane(mlp, {origin, u, v}) to partition a plane through its input space`,
    );
  assertPiecewiseLinear(mlp);
  mlp.layers.forEach((layer, l) => {
    if (layer.activation === 'maxout' && (layer.rank as number) > 256)
      throw new InputError(`layers[${l}].rank ${layer.rank} is too large: enumerateRegions stores maxout states in one byte (rank <= 256)`);
  });
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const mergeTolerance = options.mergeTolerance ?? DEFAULT_MERGE_TOLERANCE;
  if (!(tolerance >= 0 && tolerance < 1)) throw new InputError(`invalid tolerance ${tolerance}: expected 0 <= tolerance < 1`);
  if (!(mergeTolerance >= 0)) throw new InputError(`invalid mergeTolerance ${mergeTolerance}: expected >= 0`);
  const maxRegions = options.maxRegions ?? Number.POSITIVE_INFINITY;
  if (!(maxRegions >= 1)) throw new InputError(`invalid maxRegions ${maxRegions}: expected an integer >= 1`);
  const record = options.layers ?? [];
  for (const l of record)
    if (!Number.isInteger(l) || l < 0 || l >= mlp.layers.length)
      throw new InputError(`invalid layers entry ${l}: expected a layer index in 0..${mlp.layers.length - 1}`);

  const e = new Enumerator(mlp, box, tolerance, maxRegions, record);
  e.run(box);
  const out = e.out;
  const R = out.count;
  const layerMaps: Record<number, Float64Array> = {};
  record.forEach((l, q) => {
    layerMaps[l] = e.recordMaps[q].slice(0, R * e.recordSize[q]);
  });
  const areas = out.areas.slice(0, R);
  const p: Partition = {
    box,
    inputDim: 2,
    outputDim: mlp.outputDim,
    regionCount: R,
    linearRegionCount: 0,
    vertexCount: out.nv,
    area: compensatedSum(areas),
    coords: out.coords.slice(0, 2 * out.nv),
    regionStart: Uint32Array.from(out.starts),
    edgeSplit: out.eids.slice(0, out.nv),
    patterns: out.patterns.slice(0, R * e.stride),
    patternStride: e.stride,
    layerOffset: e.layerOffset,
    outputMaps: out.maps.slice(0, R * mlp.outputDim * 3),
    layerMaps,
    areas,
    interior: out.interior.slice(0, 2 * R),
    splits: {
      count: e.sCount,
      layer: column(e.sInfo, e.sCount, 0),
      unit: column(e.sInfo, e.sCount, 1),
      sub: column(e.sInfo, e.sCount, 2),
      dir: e.sDir.slice(0, 2 * e.sCount),
    },
    adjacency: { count: 0, a: new Uint32Array(0), b: new Uint32Array(0), split: new Int32Array(0), length: new Float64Array(0) },
    linearRegionOf: new Uint32Array(R),
    tolerance,
    mergeTolerance,
    mapNoise: outputNoise(mlp, e),
  };
  p.adjacency = computeAdjacency(p);
  const merged = mergeLinearRegions(p);
  p.linearRegionOf = merged.of;
  p.linearRegionCount = merged.count;
  return p;
}
